// Small pieces the desk pages share: a person or "withheld", the record an item concerns (linked
// to its page by its reference kind), and the item count beside "Desk" in the main navigation.
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api.ts';
import { useSession } from '../../app/session.tsx';
import { isWithheld, type DeskItem, type DeskItems, type DeskPerson } from './types.ts';
import { NOUNS, recordPath, recordWords } from './desk-words.ts';

export const DESK_ITEMS_KEY = ['desk', 'items'] as const;

export function Who({ person }: { person: DeskPerson | null }) {
  if (person === null) return <span className="muted">—</span>;
  if (isWithheld(person)) return <span className="muted withheld" title="Not shown at your clearance">withheld</span>;
  return <>{person.name}</>;
}

/** The record an item concerns, linked; its title only when the item's own title does not already say it. */
export function RecordLink({ record, title }: { record: DeskItem['record']; title: string }) {
  const to = recordPath(record);
  const s = record.shown;
  const full = recordWords(record);
  const code = !isWithheld(s) && s.code ? String(s.code) : null;
  const words = code && title.includes(code) ? `Open the ${NOUNS[record.kind] ?? 'record'} ${code}` : full;
  if (isWithheld(record.shown)) return <span className="muted withheld">{words}</span>;
  return to ? <Link to={to}>{words}</Link> : <>{words}</>;
}


/** Beside "Desk" in the main navigation: how many items await you, and how many of them are late. */
export function DeskCount() {
  const session = useSession();
  const items = useQuery({ queryKey: DESK_ITEMS_KEY, queryFn: () => api<DeskItems>('/api/desk/items'), enabled: session.can('desk.read'), staleTime: 30_000 });
  if (!items.data || items.data.items.length === 0) return null;
  const n = items.data.items.length;
  const late = items.data.overdue;
  return (
    <span className={`nav-count${late ? ' nav-count-overdue' : ''}`}>
      <span aria-hidden="true">{n}{late ? ` · ${late} late` : ''}</span>
      <span className="visually-hidden">: {n} item{n === 1 ? '' : 's'} waiting{late ? `, ${late} overdue` : ''}</span>
    </span>
  );
}
