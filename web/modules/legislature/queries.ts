// Legislature queries and the small rules the pages share: statute codes, village dates, status words.
import { useQuery } from '@tanstack/react-query';
import { api, qs } from '../../app/api.ts';
import type { Bill, BillDiff, BillList, BillStage, History, TitleEntry } from './types.ts';

export const useTitles = (at?: string | null) =>
  useQuery({ queryKey: ['legislature', 'titles', at ?? ''], queryFn: () => api<{ items: TitleEntry[] }>(`/api/legislature/titles${qs({ at })}`), staleTime: 60_000 });

export const useHistory = (code: string, enabled = true) =>
  useQuery({ queryKey: ['legislature', 'history', code], queryFn: () => api<History>(`/api/legislature/statutes/${encodeURIComponent(code)}/history`), enabled });

/** Today in the village (UTC+03:00), the date the law is read on when no other is given. */
export const villageToday = (): string => new Date(Date.now() + 3 * 3_600_000).toISOString().slice(0, 10);

/** A real calendar date written YYYY-MM-DD (not 2026-02-30, which Date.parse rolls over to March). */
export const isDate = (s: string | null | undefined): s is string =>
  !!s && /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(s + 'T00:00:00Z')) && new Date(s + 'T00:00:00Z').toISOString().slice(0, 10) === s;

/** The day before a date: the last day a version ending on `d` was in force. */
export const dayBefore = (d: string): string => new Date(Date.parse(d + 'T00:00:00Z') - 86_400_000).toISOString().slice(0, 10);

// "14-203", "§ 14-203(2)(b)", "s. 14-203", "section 14–203": any dash the citation parser takes.
const LOOKUP = /^\s*(?:§{1,2}|ss?\.|sections?|statutes?)?\s*([1-9][0-9]?)\s*[-\u2010\u2011\u2012\u2013]\s*([1-9][0-9]{2})((?:\s*\([0-9A-Za-z]{1,8}\))*)\s*$/i;
const EID_PARTS = ['subsec', 'para', 'item'];

/** A typed statute reference: its code and the eId of the subdivision it names; null when it is not one. */
export function parseLookup(input: string): { code: string; eId: string } | null {
  const m = LOOKUP.exec(input);
  if (!m) return null;
  const code = `${m[1]}-${m[2]}`;
  const path = [...m[3]!.matchAll(/\(([0-9A-Za-z]{1,8})\)/g)].map((x) => x[1]!).slice(0, 3);
  return { code, eId: `sec_${code}` + path.map((num, i) => `__${EID_PARTS[i]}_${num}`).join('') };
}

/** "Title 14" typed in the lookup: the title's number, or null. */
export function parseTitleLookup(input: string): number | null {
  const m = /^\s*title\s+([1-9][0-9]?)\s*$/i.exec(input);
  return m ? Number(m[1]) : null;
}

export const STATUS_LABEL: Record<string, string> = { in_force: 'in force', repealed: 'repealed', not_yet: 'not yet in force' };

/** How a version was recorded, beside its reason. */
export const MADE_BY: Record<string, string> = { import: 'recorded by import', consolidation: "a clerk's consolidation", bill: 'a bill' };

// Bills.
export const billKey = (code: string) => ['legislature', 'bill', code] as const;
export const useBill = (code: string) =>
  useQuery({ queryKey: billKey(code), queryFn: () => api<Bill>(`/api/legislature/bills/${encodeURIComponent(code)}`) });
export const useBills = (q: { stage?: BillStage | null; drafting?: 'open'; limit?: number; offset?: number }) =>
  useQuery({ queryKey: ['legislature', 'bills', q], queryFn: () => api<BillList>(`/api/legislature/bills${qs({ stage: q.stage, drafting: q.drafting, limit: q.limit, offset: q.offset })}`) });
export const useBillDiff = (code: string, from: number | null, to: number | null) =>
  useQuery({
    queryKey: ['legislature', 'bill-diff', code, from, to],
    queryFn: () => api<BillDiff>(`/api/legislature/bills/${encodeURIComponent(code)}/diff${qs({ from, to })}`),
    enabled: from !== null && to !== null,
  });

/** The eId of the subdivision an amendment names (its statute's page anchors each one). */
export const amendmentAnchor = (code: string, path: readonly string[]) => `sec_${code}` + path.slice(0, 3).map((num, i) => `__${EID_PARTS[i]}_${num}`).join('');

/** "(2)(b)", "2 b", "2.b" or "2(b)": the subdivision numbers an amendment names, outermost first. */
export const parsePath = (s: string): string[] => s.replace(/[()\s.,]+/g, ' ').trim().split(' ').filter(Boolean);

// ---- Council sessions
import type { Session, SessionSummary } from './types.ts';

export const useSessions = () =>
  useQuery({ queryKey: ['legislature', 'sessions'], queryFn: () => api<{ items: SessionSummary[]; total: number }>('/api/legislature/sessions?limit=200') });

export const useCouncilSession = (code: string) =>
  useQuery({ queryKey: ['legislature', 'session', code], queryFn: () => api<Session>(`/api/legislature/sessions/${encodeURIComponent(code)}`) });
