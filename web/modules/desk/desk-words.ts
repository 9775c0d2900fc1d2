// The desk in words (pure, no React): where an item's record lives in the web app, how near or
// late a suspense is (words a tired official reads at a glance, never colour alone), village
// time, and whom an acting official acts for.
import { OFFICE_OF_KIND, isWithheld, type DeskItem, type DeskPerson } from './types.ts';

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
    case 'post.message': case 'post.delivery': return `/post/messages/${code}`;
    case 'cases.request': return `/cases/requests/${code}`;
    // By id: an item's code (INQ-2026-001/E-04) holds a slash.
    case 'cases.evidence': return `/cases/evidence/${id}`;
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

export const NOUNS: Record<string, string> = {
  'legislature.bill': 'bill', 'legislature.statute': 'statute', 'legislature.session': 'Council session', 'registry.person': 'person',
  'registry.organization': 'organization', 'sar.operation': 'search and rescue operation',
  'post.message': 'message', 'post.delivery': 'message', 'cases.request': 'request', 'cases.evidence': 'item of evidence',
};

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

/** "acting for the Kazekage (Gaara)", or for the person alone when the item's kind names no office. */
export function actingForWords(item: Pick<DeskItem, 'kind' | 'actingFor'>): string | null {
  if (!item.actingFor) return null;
  const office = OFFICE_OF_KIND[item.kind];
  const who = nameOf(item.actingFor.person);
  return office ? `Acting for ${office} (${who})` : `Acting for ${who}`;
}
