// Small pieces the desk pages share: a person or "withheld", the record an item concerns (linked
// to its page by its reference kind), how near or late the suspense is (in words, never colour
// alone), and the item count beside "Desk" in the main navigation.
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api.ts';
import { useSession } from '../../app/session.tsx';
import { OFFICE_OF_KIND, isWithheld, type DeskItem, type DeskItems, type DeskPerson } from './types.ts';

export const DESK_ITEMS_KEY = ['desk', 'items'] as const;

export function Who({ person }: { person: DeskPerson | null }) {
  if (person === null) return <span className="muted">—</span>;
  if (isWithheld(person)) return <span className="muted withheld" title="Not shown at your clearance">withheld</span>;
  return <>{person.name}</>;
}
export const nameOf = (p: DeskPerson | null): string => (p === null ? '' : isWithheld(p) ? 'someone not shown at your clearance' : p.name);

/** Where the record an item concerns lives in the web app, by its reference kind; null when it has no page. */
export function recordPath(record: DeskItem['record']): string | null {
  const s = record.shown;
  if (isWithheld(s)) return null;
  const code = encodeURIComponent(String(s.code ?? record.id));
  const id = encodeURIComponent(String(s.id ?? record.id));
  switch (record.kind) {
    case 'legislature.bill': return `/bills/${code}`;
    case 'legislature.statute': return `/statutes/${code}`;
    case 'legislature.session': return `/legislature/sessions/${code}`;
    case 'registry.person': return `/people/${id}`;
    case 'registry.organization': return `/organizations/${id}`;
    case 'sar.operation': return `/sar/${id}`;
    default: return null;
  }
}

/** The record in a few words: its code and title (or name), or that it is not shown. */
export function recordWords(record: DeskItem['record']): string {
  const s = record.shown;
  if (isWithheld(s)) return 'a record not shown at your clearance';
  const code = s.code ? String(s.code) : '';
  const title = String(s.title ?? s.heading ?? s.name ?? s.displayName ?? '');
  return [code, title].filter(Boolean).join(' — ') || `${record.kind} ${record.id}`;
}

const NOUNS: Record<string, string> = {
  'legislature.bill': 'bill', 'legislature.statute': 'statute', 'legislature.session': 'Council session', 'registry.person': 'person',
  'registry.organization': 'organization', 'sar.operation': 'search and rescue operation',
};

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

const DAY = 86_400;
const days = (n: number) => `${n} day${n === 1 ? '' : 's'}`;

/** How late an item is, or how long until its suspense, in words a tired official reads at a glance. */
export function suspenseWords(item: Pick<DeskItem, 'overdue' | 'lateBySeconds' | 'suspense'>, now = Date.now()): string {
  if (item.overdue) {
    const late = item.lateBySeconds ?? Math.max(0, (now - Date.parse(item.suspense)) / 1000);
    return late < DAY ? 'overdue by less than a day' : `overdue by ${days(Math.floor(late / DAY))}`;
  }
  const left = (Date.parse(item.suspense) - now) / 1000;
  if (left < DAY) return 'due within a day';
  return `due in ${days(Math.floor(left / DAY))}`;
}

/** A suspense in words: at village midnight it is the end of the day before ("by the end of 12 Dec 2026"). */
export function suspenseDeadline(instant: string): string {
  const d = new Date(Date.parse(instant) + 3 * 3600e3);
  if (d.getUTCHours() === 0 && d.getUTCMinutes() === 0) return `decide by the end of ${villageTime(new Date(Date.parse(instant) - 1000).toISOString()).replace(/, \d\d:\d\d$/, '')}`;
  return `decide by ${villageTime(instant)}`;
}

/** An instant in village time (UTC+03:00), as "1 Dec 2026, 14:05". */
export function villageTime(instant: string | null): string {
  if (!instant) return '—';
  const d = new Date(Date.parse(instant) + 3 * 3600e3);
  const month = d.toLocaleString('en-GB', { month: 'short', timeZone: 'UTC' });
  return `${d.getUTCDate()} ${month} ${d.getUTCFullYear()}, ${d.toISOString().slice(11, 16)}`;
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
      <span aria-hidden="true">{n}{late ? ` · ${late}!` : ''}</span>
      <span className="visually-hidden">: {n} item{n === 1 ? '' : 's'} waiting{late ? `, ${late} overdue` : ''}</span>
    </span>
  );
}

/** "acting for the Kazekage (Gaara)", or for the person alone when the item's kind names no office. */
export function actingForWords(item: Pick<DeskItem, 'kind' | 'actingFor'>): string | null {
  if (!item.actingFor) return null;
  const office = OFFICE_OF_KIND[item.kind];
  const who = nameOf(item.actingFor.person);
  return office ? `Acting for ${office} (${who})` : `Acting for ${who}`;
}
