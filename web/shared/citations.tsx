// Statute citations in any text, as links with a popover: the piece every page that shows written
// words uses (statutes, minutes, bills, messages, case files). The server finds and resolves them
// (POST /api/legislature/citations/resolve), so a page never guesses what a citation means, and a
// statute the reader may not see comes back "unknown", exactly as a code that does not exist.
import { useEffect, useId, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { api } from '../app/api.ts';
import { formatDate } from './ui.tsx';
import './citations.css';

export type CitationStatus = 'in_force' | 'repealed' | 'not_yet' | 'unknown';
export interface ResolvedCitation {
  start: number;
  end: number;
  text: string;
  kind: 'statute' | 'title';
  code: string | null;
  title: number;
  eId: string;
  subdivision: { path: string[]; text: string; eId: string } | null;
  range?: { from: string; to: string };
  status: CitationStatus;
  heading: string | null;
  since?: string;
  excerpt: string | null;
  /** In force, but without the cited subdivision. */
  subdivisionMissing?: boolean;
}

// ---------------------------------------------------------------------------------------------
// Resolving: texts asked for in the same moment (a statute page's subdivisions, a list of
// minutes) go to the server as ONE request. They are joined with a separator no citation can
// cross (a pilcrow between blank lines breaks every list or range connector), and the answer's
// spans are mapped back to each text.

const SEPARATOR = '\n\n\u00b6\n\n';
const MAX_BATCH = 90_000; // under the API's 100,000 characters, with room for separators
const MAX_TEXT = 100_000;

interface Waiting { text: string; resolve: (c: ResolvedCitation[]) => void; reject: (e: unknown) => void }
const queues = new Map<string, Waiting[]>();

function flush(at: string) {
  const waiting = queues.get(at) ?? [];
  queues.delete(at);
  let batch: Waiting[] = [];
  let size = 0;
  const send = (group: Waiting[]) => {
    if (group.length === 0) return;
    const starts: number[] = [];
    let joined = '';
    for (const w of group) {
      if (joined) joined += SEPARATOR;
      starts.push(joined.length);
      joined += w.text;
    }
    api<{ at: string; citations: ResolvedCitation[] }>('/api/legislature/citations/resolve', { method: 'POST', json: at ? { text: joined, at } : { text: joined } })
      .then((r) => {
        group.forEach((w, k) => {
          const from = starts[k]!;
          const to = from + w.text.length;
          w.resolve(r.citations
            .filter((c) => c.start >= from && c.end <= to)
            .map((c) => ({ ...c, start: c.start - from, end: c.end - from })));
        });
      })
      .catch((e) => group.forEach((w) => w.reject(e)));
  };
  for (const w of waiting) {
    if (size + w.text.length + SEPARATOR.length > MAX_BATCH && batch.length) {
      send(batch);
      batch = [];
      size = 0;
    }
    batch.push(w);
    size += w.text.length + SEPARATOR.length;
  }
  send(batch);
}

/** The citations in one text as in force on `at` ('' for today); joined with the others asked for in the same tick. */
export function resolveCitations(text: string, at: string): Promise<ResolvedCitation[]> {
  return new Promise((resolve, reject) => {
    let q = queues.get(at);
    if (!q) {
      q = [];
      queues.set(at, q);
      setTimeout(() => flush(at), 0);
    }
    q.push({ text, resolve, reject });
  });
}

// A citation needs a code with a dash, or the word "title": texts without either need no request.
const MAY_CITE = /[0-9][-\u2010\u2011\u2012\u2013][0-9]|title/i;

/** The resolved citations of a text, cached by text and date (React Query). */
export function useCitations(text: string, at?: string | null) {
  const worth = text.length > 0 && text.length <= MAX_TEXT && MAY_CITE.test(text);
  return useQuery({
    queryKey: ['citations', at ?? '', text],
    queryFn: () => resolveCitations(text, at ?? ''),
    enabled: worth,
    staleTime: 300_000,
    retry: false,
  });
}

// ---------------------------------------------------------------------------------------------
// Rendering

/** Where a citation leads: the statute page at its subdivision, dated when the text is. */
export function citationHref(c: Pick<ResolvedCitation, 'kind' | 'code' | 'title' | 'eId'>, at?: string | null): string {
  if (c.kind === 'title') return `/statutes${at ? `?at=${at}` : ''}#title_${c.title}`;
  return `/statutes/${c.code}${at ? `?at=${at}` : ''}#${c.eId}`;
}

/**
 * A text with its statute citations as links. Hovering or focusing one shows the cited statute's
 * heading and the cited subdivision as in force on `at` (the document's date; today without it).
 * While the citations load, and if they cannot be loaded, the text shows as it is.
 */
export function CitedText({ text, at, linkAt }: { text: string; at?: string | null; /** put `at` in the links (a dated page); default: when `at` is given */ linkAt?: boolean }) {
  const q = useCitations(text, at);
  const citations = q.data ?? [];
  if (citations.length === 0) return <>{text}</>;
  const parts: ReactNode[] = [];
  let i = 0;
  citations.forEach((c, k) => {
    if (c.start < i || c.end > text.length) return;
    if (c.start > i) parts.push(text.slice(i, c.start));
    parts.push(<CitationLink key={k} citation={{ ...c, text: text.slice(c.start, c.end) }} at={at ?? null} linkAt={linkAt ?? !!at} />);
    i = c.end;
  });
  if (i < text.length) parts.push(text.slice(i));
  return <>{parts}</>;
}

function CitationLink({ citation: c, at, linkAt }: { citation: ResolvedCitation; at: string | null; linkAt: boolean }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const tipId = `cite-${id.replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const closeTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const show = () => {
    if (closeTimer.current) clearTimeout(closeTimer.current);
    setOpen(true);
  };
  // A short grace before closing on mouse-out, so the pointer can move onto the popover (WCAG 1.4.13).
  const hideSoon = () => {
    if (closeTimer.current) clearTimeout(closeTimer.current);
    closeTimer.current = setTimeout(() => setOpen(false), 150);
  };
  useEffect(() => () => { if (closeTimer.current) clearTimeout(closeTimer.current); }, []);
  // A citation near the right edge opens its popover leftwards, inside the window.
  const tip = useRef<HTMLSpanElement>(null);
  const [shift, setShift] = useState(0);
  useLayoutEffect(() => {
    if (!open || !tip.current) return setShift(0);
    const over = tip.current.getBoundingClientRect().right - shift - (document.documentElement.clientWidth - 8);
    setShift(over > 0 ? over : 0);
  }, [open]);
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => { if (e.key === 'Escape') setOpen(false); };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [open]);
  const known = c.status !== 'unknown';
  const common = {
    'aria-describedby': tipId,
    onFocus: show,
    onBlur: () => setOpen(false),
    'data-status': c.status,
  };
  return (
    <span className="citation" onMouseEnter={show} onMouseLeave={hideSoon}>
      {known
        ? <Link to={citationHref(c, linkAt ? at : null)} className={`citation-link citation-${c.status}`} {...common}>{c.text}</Link>
        : <span className="citation-unknown" tabIndex={0} {...common}>{c.text}</span>}
      <span role="tooltip" id={tipId} ref={tip} className="citation-popover" hidden={!open} style={shift ? { left: -shift } : undefined}>
        <CitationCard c={c} at={at} />
      </span>
    </span>
  );
}

/** What the popover says: the statute, its status on the date, the cited words. */
function CitationCard({ c, at }: { c: ResolvedCitation; at: string | null }) {
  const name = c.kind === 'title' ? `Title ${c.title}` : `§ ${c.code}${c.subdivision?.text ?? ''}`;
  const on = at ? ` on ${formatDate(at)}` : ' today';
  let status: string;
  if (c.status === 'unknown') status = c.kind === 'title' ? 'No such title.' : 'No such statute.';
  else if (c.status === 'repealed') status = `Repealed${c.since ? ` on ${formatDate(c.since)}` : ''}: not in force${on}.`;
  else if (c.status === 'not_yet') status = `Not yet in force${on}${c.since ? `: in force from ${formatDate(c.since)}` : ''}.`;
  else status = c.subdivisionMissing && c.subdivision ? `In force${on}, but it has no ${c.subdivision.text}.` : `In force${on}.`;
  return (
    <span className="citation-card">
      <span className="citation-card-head">
        <span className="citation-card-name">{name}</span>
        {c.heading && <span className="citation-card-heading">{c.heading}</span>}
      </span>
      <span className={`citation-card-status status-${c.status}`}>{status}</span>
      {c.excerpt && <span className="citation-card-excerpt">{c.excerpt}</span>}
    </span>
  );
}
