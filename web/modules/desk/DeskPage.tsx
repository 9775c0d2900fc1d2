// Task: clear my desk quickly. The items awaiting my decision (and those I may decide acting for
// another), most overdue first, as a list worked from the keyboard: j/k or the arrows move, Enter
// opens the record, a approves, d denies (with grounds), f defers (a date and an interim reply),
// g hands one item to someone else. Keys do nothing while the focus is in a field, so typing
// grounds never approves a bill. A decided item leaves the list and the next one is selected; a
// refused decision stays, with the server's reason beside it.
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../../app/api.ts';
import { useSession } from '../../app/session.tsx';
import { PersonLookup, type Picked } from '../../shared/person-lookup.tsx';
import { ClassificationTag, Loading, Problem } from '../../shared/ui.tsx';
import { DESK_ITEMS_KEY, RecordLink } from './parts.tsx';
import { actingForWords, recordPath, suspenseDeadline, suspenseWords, villageTime } from './desk-words.ts';
import { PRIORITY_WORDS, type DeskItem, type DeskItems } from './types.ts';

type Mode = 'deny' | 'defer' | 'delegate';
type Decision = { decision: 'approve' } | { decision: 'deny'; grounds: string } | { decision: 'defer'; until: string; interimReply: string } | { decision: 'delegate'; to: string };

const KEYS: [string, string][] = [['j / ↓', 'next item'], ['k / ↑', 'previous item'], ['Enter', 'open the record'], ['a', 'approve'], ['d', 'deny (with grounds)'], ['f', 'defer (new date and interim reply)'], ['g', 'delegate this item'], ['Esc', 'cancel']];

const typing = (t: EventTarget | null) => {
  const el = t as HTMLElement | null;
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));
};

/** What the server said, with each field's problem: shown beside the item it refused. */
const refusal = (e: unknown): string => {
  if (!(e instanceof ApiError)) return String(e);
  const fields = e.details.filter((d) => d.path && d.path !== 'body').map((d) => `${d.path!.replace(/^body\./, '')} ${d.message}`);
  return fields.length ? `${e.message}: ${fields.join('; ')}` : e.message;
};

function done(d: Decision, item: DeskItem, to?: string): string {
  const what = `“${item.title}”`;
  switch (d.decision) {
    case 'approve': return `Approved ${what}.`;
    case 'deny': return `Denied ${what}, with your grounds.`;
    case 'defer': return `Deferred ${what} to ${villageTime(d.until).replace(/, 00:00$/, '')}, with your interim reply.`;
    case 'delegate': return `Delegated ${what} to ${to ?? 'the official you named'}.`;
  }
}

export function DeskPage() {
  const session = useSession();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const desk = useQuery({ queryKey: DESK_ITEMS_KEY, queryFn: () => api<DeskItems>('/api/desk/items') });
  const items = desk.data?.items ?? [];
  // The selection follows an item, not a place: a deferred item moves down the list.
  const [selId, setSelId] = useState<string | null>(null);
  const [mode, setMode] = useState<Mode | null>(null);
  const [refused, setRefused] = useState<Record<string, string>>({});
  const [confirmation, setConfirmation] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const rows = useRef<(HTMLLIElement | null)[]>([]);
  const focusSelected = useRef(false);
  const sel = Math.max(0, items.findIndex((i) => i.id === selId));
  const current = items[sel];

  // After a move or a decision the selected row takes the focus.
  useEffect(() => {
    if (focusSelected.current && current) {
      focusSelected.current = false;
      rows.current[sel]?.focus();
    }
  }, [current, sel]);

  function move(to: number) {
    if (items.length === 0) return;
    setMode(null);
    focusSelected.current = true;
    setSelId(items[Math.max(0, Math.min(items.length - 1, to))]!.id);
  }

  async function decide(item: DeskItem, d: Decision, toName?: string) {
    setBusy(true);
    try {
      await api<DeskItem>(`/api/desk/items/${encodeURIComponent(item.id)}/decision`, { method: 'POST', json: d });
      setRefused(({ [item.id]: _gone, ...rest }) => rest);
      setMode(null);
      setConfirmation(done(d, item, toName));
      // The next item is selected: the one after it (or before it, when it was the last).
      const i = items.findIndex((x) => x.id === item.id);
      setSelId((items[i + 1] ?? items[i - 1] ?? null)?.id ?? null);
      focusSelected.current = true;
      await qc.invalidateQueries({ queryKey: ['desk'] });
    } catch (e) {
      setRefused((r) => ({ ...r, [item.id]: refusal(e) }));
    } finally {
      setBusy(false);
    }
  }

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || typing(e.target) || !current || busy) return;
      const onControl = (e.target as HTMLElement | null)?.closest?.('a, button');
      switch (e.key) {
        case 'j': case 'ArrowDown': e.preventDefault(); move(sel + 1); return;
        case 'k': case 'ArrowUp': e.preventDefault(); move(sel - 1); return;
        case 'Escape': setMode(null); return;
        case 'Enter': {
          // Enter on a link or button keeps its own meaning.
          if (onControl) return;
          const to = recordPath(current.record);
          if (to) { e.preventDefault(); navigate(to); }
          return;
        }
        case 'a': e.preventDefault(); setMode(null); void decide(current, { decision: 'approve' }); return;
        case 'd': e.preventDefault(); setMode('deny'); return;
        case 'f': e.preventDefault(); setMode('defer'); return;
        case 'g':
          e.preventDefault();
          // Said at once, rather than after choosing someone the desk would then refuse.
          if (current.whyNotPassOn) { setMode(null); setRefused((r) => ({ ...r, [current.id]: `It cannot be passed on: ${current.whyNotPassOn}.` })); return; }
          setMode('delegate');
          return;
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const cancel = () => {
    setMode(null);
    rows.current[sel]?.focus();
  };
  const escape = (e: ReactKeyboardEvent) => {
    if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); cancel(); }
  };

  return (
    <div className="desk">
      <div className="page-head">
        <h1>Desk</h1>
        {session.can('desk.delegate') && <Link className="button secondary" to="/desk/delegations">Delegations</Link>}
      </div>
      <p className="lede">What awaits your decision, the most overdue first. Work it from the keyboard; the keys do nothing while you type in a field.</p>
      <ul className="desk-keys" aria-label="Keys">
        {KEYS.map(([k, what]) => <li key={k}><kbd>{k}</kbd> {what}</li>)}
      </ul>
      <div role="status" className="desk-confirmation">{confirmation && <p className="notice notice-success">{confirmation}</p>}</div>
      {desk.isPending ? <Loading what="your desk" /> : desk.isError ? <Problem error={desk.error} retry={() => desk.refetch()} /> : (
        <>
          <p className="desk-summary">
            <strong>{items.length}</strong> item{items.length === 1 ? '' : 's'} waiting
            {desk.data.overdue > 0 && <>, <strong className="desk-late-word">{desk.data.overdue} overdue</strong></>}
            {desk.data.withheld > 0 && <> · <span className="desk-withheld">Withheld ({desk.data.withheld})</span> <span className="muted small">above your clearance: counted, not shown</span></>}
          </p>
          {items.length === 0 ? <p className="notice">Your desk is clear: nothing awaits your decision.</p> : (
            <ol className="desk-list" aria-label="Items awaiting your decision">
              {items.map((item, i) => {
                const selected = item === current;
                return (
                  <li key={item.id} ref={(el) => { rows.current[i] = el; }} tabIndex={selected ? 0 : -1} aria-current={selected ? 'true' : undefined}
                    aria-label={`${item.title}, ${suspenseWords(item)}${item.actingFor ? `, ${actingForWords(item)!.toLowerCase()}` : ''}`}
                    className={`desk-item${selected ? ' desk-item-selected' : ''}${item.overdue ? ' desk-item-overdue' : ''}`}
                    onClick={() => { if (!selected) { setMode(null); setSelId(item.id); } }}>
                    <div className="desk-item-main">
                      <span className="desk-item-title">{item.title}</span> <ClassificationTag classification={item.classification} compartments={item.compartments} />
                      <div className="desk-item-record"><RecordLink record={item.record} title={item.title} /></div>
                      {item.actingFor && <div className="desk-acting">{actingForWords(item)}</div>}
                      {item.state === 'deferred' && item.interimReply && <div className="muted small">Deferred; interim reply: {item.interimReply}</div>}
                      {!item.mayDecide && item.whyNot && <div className="muted small">{item.whyNot}</div>}
                    </div>
                    <div className="desk-item-when">
                      <span className={`badge desk-priority desk-priority-${item.priority}`}>{PRIORITY_WORDS[item.priority]}</span>
                      <span className={`desk-suspense${item.overdue ? ' desk-suspense-late' : ''}`}>{item.overdue && <span aria-hidden="true">⚠ </span>}{suspenseWords(item)}</span>
                      <span className="muted small">{suspenseDeadline(item.suspense)}</span>
                    </div>
                    {refused[item.id] && <p className="desk-refused error-message" role="alert">Not done: {refused[item.id]}</p>}
                    {selected && mode === 'deny' && <DenyForm item={item} busy={busy} onEscape={escape} onCancel={cancel} onSubmit={(grounds) => decide(item, { decision: 'deny', grounds })} />}
                    {selected && mode === 'defer' && <DeferForm item={item} busy={busy} onEscape={escape} onCancel={cancel} onSubmit={(until, interimReply) => decide(item, { decision: 'defer', until, interimReply })} />}
                    {selected && mode === 'delegate' && (
                      <div className="desk-inline" onKeyDown={escape}>
                        <PersonLookupAutofocus onPick={(p) => decide(item, { decision: 'delegate', to: p.id }, p.name)} />
                        <FormActions busy={busy} onCancel={cancel} />
                      </div>
                    )}
                  </li>
                );
              })}
            </ol>
          )}
        </>
      )}
      <p className="hint">Times are village time (UTC+03:00). <Link to="/desk/delegations">Delegations</Link>: who acts for you, and for whom you act.</p>
    </div>
  );
}

function useAutofocus<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => ref.current?.focus(), []);
  return ref;
}

/**
 * The row under each inline form: its submit button (none for the delegation, where picking a
 * person sends it) and the way out, which Esc also takes.
 */
function FormActions({ verb, danger = false, busy, onCancel }: { verb?: string; danger?: boolean; busy: boolean; onCancel: () => void }) {
  return (
    <div className="actions">
      {verb && <button className={`button${danger ? ' danger' : ''}`} type="submit" disabled={busy}>{busy ? 'Sending…' : verb}</button>}
      <button className="link-button" type="button" onClick={onCancel}>Cancel (Esc)</button>
    </div>
  );
}

function DenyForm({ item, busy, onSubmit, onCancel, onEscape }: { item: DeskItem; busy: boolean; onSubmit: (grounds: string) => void; onCancel: () => void; onEscape: (e: ReactKeyboardEvent) => void }) {
  const ref = useAutofocus<HTMLInputElement>();
  const [grounds, setGrounds] = useState('');
  const [missing, setMissing] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!grounds.trim()) { setMissing(true); return; }
    onSubmit(grounds.trim());
  };
  const id = `deny-${item.id}`;
  return (
    <form className="desk-inline" onSubmit={submit} onKeyDown={onEscape} aria-label={`Deny ${item.title}`}>
      <div className={`field${missing ? ' field-error' : ''}`}>
        <label htmlFor={id}>Grounds for denying</label>
        {missing && <p className="error-message" id={`${id}-error`}>A denial states its grounds.</p>}
        <input id={id} ref={ref} value={grounds} onChange={(e) => setGrounds(e.target.value)} aria-describedby={missing ? `${id}-error` : undefined} maxLength={4000} />
      </div>
      <FormActions verb="Deny" danger busy={busy} onCancel={onCancel} />
    </form>
  );
}

function DeferForm({ item, busy, onSubmit, onCancel, onEscape }: { item: DeskItem; busy: boolean; onSubmit: (until: string, reply: string) => void; onCancel: () => void; onEscape: (e: ReactKeyboardEvent) => void }) {
  const ref = useAutofocus<HTMLInputElement>();
  const [date, setDate] = useState('');
  const [reply, setReply] = useState('');
  const [problems, setProblems] = useState<{ date?: string; reply?: string }>({});
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const p = { date: date ? undefined : 'Name the new date.', reply: reply.trim() ? undefined : 'Give the interim reply.' };
    setProblems(p);
    // The new suspense is the start of that day in the village (UTC+03:00).
    if (!p.date && !p.reply) onSubmit(`${date}T00:00:00+03:00`, reply.trim());
  };
  const id = `defer-${item.id}`;
  return (
    <form className="desk-inline desk-defer" onSubmit={submit} onKeyDown={onEscape} aria-label={`Defer ${item.title}`}>
      <div className={`field${problems.date ? ' field-error' : ''}`}>
        <label htmlFor={`${id}-until`}>New date</label>
        <p className="hint" id={`${id}-until-hint`}>Later than the present one: {suspenseDeadline(item.suspense)}.</p>
        {problems.date && <p className="error-message">{problems.date}</p>}
        <input id={`${id}-until`} ref={ref} type="date" value={date} onChange={(e) => setDate(e.target.value)} aria-describedby={`${id}-until-hint`} />
      </div>
      <div className={`field${problems.reply ? ' field-error' : ''}`}>
        <label htmlFor={`${id}-reply`}>Interim reply</label>
        {problems.reply && <p className="error-message">{problems.reply}</p>}
        <input id={`${id}-reply`} value={reply} onChange={(e) => setReply(e.target.value)} maxLength={4000} />
      </div>
      <FormActions verb="Defer" busy={busy} onCancel={onCancel} />
    </form>
  );
}

function PersonLookupAutofocus({ onPick }: { onPick: (p: Picked) => void }) {
  useEffect(() => document.getElementById('desk-delegate-to')?.focus(), []);
  return <PersonLookup id="desk-delegate-to" label="Delegate this item to" hint="Type two letters of a name; Enter picks the only match. Esc cancels." onPick={onPick} />;
}
