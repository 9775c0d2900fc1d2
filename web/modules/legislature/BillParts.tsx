// Small pieces the bill pages share: a stage in words and colour, the drafting assignment (red
// with "N days late" when overdue, wherever it appears), a person or "withheld", and the registry
// lookup that picks sponsors and drafters.
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api, qs } from '../../app/api.ts';
import type { PeoplePage } from '../../app/types.ts';
import { formatDate } from '../../shared/ui.tsx';
import type { BillPerson, BillStage, Drafting } from './types.ts';
import { STAGE_WORDS } from './stage-track.ts';

export function StageBadge({ stage }: { stage: BillStage }) {
  return <span className={`badge badge-stage badge-stage-${stage}`}>{STAGE_WORDS[stage] ?? stage}</span>;
}

export const isWithheldPerson = (p: BillPerson | null | undefined): p is { withheld: true } => !!p && 'withheld' in p && p.withheld === true;

/** A person a bill names; one the reader may not see is "withheld" — never a name, code or id. */
export function PersonName({ person }: { person: BillPerson | null }) {
  if (!person) return <span className="muted">nobody</span>;
  if (isWithheldPerson(person)) return <span className="muted withheld" title="This person is not shown at your clearance">withheld</span>;
  return <>{person.displayName}</>;
}

export const lateWords = (days: number) => `${days} ${days === 1 ? 'day' : 'days'} late`;

/** The drafting assignment in one line: who, by when, and whether it is late or handed in. */
export function DraftingLine({ drafting, today }: { drafting: Drafting; today: string }) {
  if (drafting.draftedOn) {
    return <span>Drafted by <PersonName person={drafting.drafter} />, handed in on {formatDate(drafting.draftedOn)}</span>;
  }
  return (
    <span className={drafting.overdue ? 'overdue-text' : undefined}>
      <PersonName person={drafting.drafter} />, due {formatDate(drafting.due)}
      {drafting.overdue ? <> <OverdueBadge days={drafting.daysLate} /></> : drafting.due ? <span className="muted"> ({dueWords(drafting.due, today)})</span> : null}
    </span>
  );
}

export function OverdueBadge({ days }: { days: number }) {
  return <span className="badge badge-overdue">overdue · {lateWords(days)}</span>;
}

const DAY = 86_400_000;
/** "due today", "in 3 days": how far off a due date not yet passed is. */
export function dueWords(due: string, today: string): string {
  const n = Math.round((Date.parse(due) - Date.parse(today)) / DAY);
  return n <= 0 ? 'due today' : n === 1 ? 'due tomorrow' : `in ${n} days`;
}

export interface Picked { id: string; name: string }

/** Find a registry person by name and pick them; the reader sees only people at their clearance. */
export function PersonLookup({ id, label, hint, error, onPick, exclude = [] }: {
  id: string; label: string; hint?: string; error?: string; onPick: (p: Picked) => void; exclude?: string[];
}) {
  const [q, setQ] = useState('');
  const people = useQuery({
    queryKey: ['bill-people-lookup', q],
    queryFn: () => api<PeoplePage>(`/api/registry/people${qs({ q, limit: 6 })}`),
    enabled: q.trim().length >= 2,
  });
  const found = people.data?.items.filter((p) => !exclude.includes(p.id)) ?? [];
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {hint && <p className="hint" id={`${id}-hint`}>{hint}</p>}
      {error && <p className="error-message" id={`${id}-error`}>{error}</p>}
      <input id={id} type="search" autoComplete="off" value={q} aria-describedby={describedBy} onChange={(e) => setQ(e.target.value)}
        onKeyDown={(e) => {
          // Enter picks the only match rather than sending the form half-filled.
          if (e.key === 'Enter') {
            e.preventDefault();
            if (found.length === 1) { onPick({ id: found[0]!.id, name: found[0]!.displayName }); setQ(''); }
          }
        }} />
      {q.trim().length >= 2 && (
        <div className="lookup-results" aria-live="polite">
          {people.isPending ? <span className="muted">Looking…</span> : people.isError ? <span className="error-message">{String((people.error as Error).message)}</span>
            : found.length === 0 ? <span className="muted">Nobody by that name in the registry (or not at your clearance).</span> : (
              <ul>
                {found.map((p) => (
                  <li key={p.id}>
                    <button type="button" className="lookup-choice" onClick={() => { onPick({ id: p.id, name: p.displayName }); setQ(''); }}>
                      {p.displayName} <span className="muted small">{p.rankLabel}{p.status ? ` · ${p.status.label}` : ''}</span>
                    </button>
                  </li>
                ))}
              </ul>
            )}
        </div>
      )}
    </div>
  );
}
