// Cases in words and shapes (pure, no React): which steps a case or a request may take next, the
// case's timeline gathered from its parts, a request's stage tracker, and village time. The
// server decides every step; the pages only offer the ones its rules allow, so a clerk is not
// shown a button that can only be refused.
import { isWithheld } from '../../app/types.ts';
import {
  CASE_STATE_WORDS, DENIAL_GROUND_WORDS, REQUEST_STATE_WORDS, RESOLUTION_WORDS,
  type CaseDetail, type CaseState, type CaseTransition, type PersonShown, type RequestState, type RequestTransition,
} from './types.ts';

/** Where each case transition may start (the server's case-lifecycle rules, repeated for the page). */
const CASE_FROM: Record<CaseTransition, readonly CaseState[]> = {
  open: ['intake'], investigate: ['open', 'reopened'], submit_for_review: ['investigating'],
  return_to_investigation: ['pending_review'], close: ['pending_review'], reopen: ['closed'],
};

export const CASE_TRANSITION_WORDS: Record<CaseTransition, string> = {
  open: 'Open the case', investigate: 'Begin the investigation', submit_for_review: 'Submit for review',
  return_to_investigation: 'Return to investigation', close: 'Close the case', reopen: 'Reopen the case',
};

/** The transitions a case at `state` may take, in the order of its life. */
export function caseNextTransitions(state: CaseState): CaseTransition[] {
  return (Object.keys(CASE_FROM) as CaseTransition[]).filter((t) => CASE_FROM[t].includes(state));
}

const REQUEST_FROM: Record<RequestTransition, RequestState> = {
  transmit: 'draft', acknowledge: 'transmitted', begin_legal_review: 'acknowledged', approve: 'legal_review', deny: 'legal_review',
  arrange_surrender: 'approved', complete: 'surrender_arranged',
};

export const REQUEST_TRANSITION_WORDS: Record<RequestTransition, string> = {
  transmit: 'Transmit', acknowledge: 'Record the acknowledgement', begin_legal_review: 'Begin the legal review', approve: 'Approve',
  deny: 'Deny', arrange_surrender: 'Arrange the surrender', complete: 'Complete',
};

/**
 * The steps to offer on a request at `state`. Approving and denying are the decision: offered only
 * to whoever may decide, and approving never to the request's drafter (separation of duty — the
 * server refuses it; the page does not offer it).
 */
export function requestNextSteps(state: RequestState, who: { canWrite: boolean; canDecide: boolean; isDrafter: boolean }): RequestTransition[] {
  return (Object.keys(REQUEST_FROM) as RequestTransition[]).filter((t) => {
    if (REQUEST_FROM[t] !== state) return false;
    if (t === 'approve') return who.canDecide && !who.isDrafter;
    if (t === 'deny') return who.canDecide;
    return who.canWrite;
  });
}

export type StageStatus = 'done' | 'current' | 'ahead' | 'not_reached';
export interface Stage { state: RequestState; label: string; status: StageStatus }

const MAIN_LINE: RequestState[] = ['draft', 'transmitted', 'acknowledged', 'legal_review', 'approved', 'surrender_arranged', 'completed'];

/**
 * The stage tracker: the request's line from draft to completion, each stage done, current or
 * ahead. A denial ends the line at the decision: "denied" takes the place of "approved", and the
 * stages after it are never reached. A completed request has every stage done.
 */
export function requestStages(state: RequestState): Stage[] {
  const line = state === 'denied' ? MAIN_LINE.map((s) => (s === 'approved' ? 'denied' : s)) : MAIN_LINE;
  const at = line.indexOf(state);
  return line.map((s, i) => ({
    state: s, label: REQUEST_STATE_WORDS[s],
    status: state === 'completed' && i === at ? 'done' : i < at ? 'done' : i === at ? 'current' : state === 'denied' ? 'not_reached' : 'ahead',
  }));
}

export const personName = (p: PersonShown | null | undefined): string => (!p ? 'nobody recorded' : isWithheld(p) ? 'a person not shown at your clearance' : p.name);

export type TimelineEvent =
  | { kind: 'transition'; at: string; title: string; detail: string | null; by: PersonShown | null }
  | { kind: 'testimony' | 'finding'; at: string; title: string; detail: string; by: PersonShown | null; frozen: boolean }
  | { kind: 'collected' | 'handed_over'; at: string; title: string; detail: string; by: PersonShown | null; item: { id: string; code: string } };

const ordinal = (n: number) => `${n}${n % 100 >= 11 && n % 100 <= 13 ? 'th' : ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;

/**
 * The case's history in time order: each transition, each testimony and finding (on its date),
 * each item collected, and each item's latest hand-over (the case answer carries an item's count
 * of transfers and the time of its last, not every transfer: the item's page has the whole
 * chain). Events at the same instant keep the order of their kinds above. Only the items shown
 * (the first page of a large case) appear.
 */
export function caseTimeline(c: Pick<CaseDetail, 'timeline' | 'entries' | 'evidence'>): TimelineEvent[] {
  const events: TimelineEvent[] = [];
  for (const s of c.timeline) {
    const to = CASE_STATE_WORDS[s.to as CaseState] ?? s.to;
    const detail = s.resolution ? `Resolution: ${RESOLUTION_WORDS[s.resolution as keyof typeof RESOLUTION_WORDS] ?? s.resolution}` : s.reason ? `Reason: ${s.reason}` : null;
    events.push({ kind: 'transition', at: s.at, title: s.from === s.to ? to : `Now ${to}`, detail, by: s.by });
  }
  for (const e of c.entries) {
    // A dated entry stands at the minute it was recorded when that was on its date; one recorded
    // later stands at the start of its date (the record's date is what counts, not the typing).
    const at = e.recordedAt.slice(0, 10) === e.on ? e.recordedAt : `${e.on}T00:00:00.000Z`;
    events.push({ kind: e.kind, at, title: e.kind === 'finding' ? 'Finding' : 'Testimony', detail: e.text, by: e.by, frozen: e.frozen });
  }
  for (const e of c.evidence) {
    events.push({ kind: 'collected', at: e.collectedAt, title: `${e.code} collected`, detail: `${e.description}, at ${e.collectedWhere}`, by: e.collectedBy, item: { id: e.id, code: e.code } });
    if (e.transfers > 0) {
      events.push({
        kind: 'handed_over', at: e.lastAt, title: `${e.code} handed over (its ${ordinal(e.transfers)} transfer)`,
        detail: `now held by ${personName(e.custodian)}`, by: null, item: { id: e.id, code: e.code },
      });
    }
  }
  const rank: Record<TimelineEvent['kind'], number> = { transition: 0, collected: 1, handed_over: 2, testimony: 3, finding: 4 };
  return events.map((e, i) => ({ e, i })).sort((a, b) => a.e.at.localeCompare(b.e.at) || rank[a.e.kind] - rank[b.e.kind] || a.i - b.i).map((x) => x.e);
}

export const groundWords = (g: string): string => DENIAL_GROUND_WORDS[g as keyof typeof DENIAL_GROUND_WORDS] ?? g;

/** How many items a case holds: the server's count, or (a server before evidence paging) those it sent. */
export const evidenceTotal = (c: Pick<CaseDetail, 'evidence' | 'evidenceTotal'>): number => c.evidenceTotal ?? c.evidence.length;

// Times are shown in village time (UTC+03:00), whatever the browser's zone, as on every page.
const VILLAGE_OFFSET_MS = 3 * 3_600_000;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "19 Nov 2026, 12:30" in village time; a date alone ("2026-11-19") as the date. */
export function villageTime(instant: string | null | undefined): string {
  if (!instant) return '—';
  if (/^\d{4}-\d{2}-\d{2}$/.test(instant)) {
    const [y, m, d] = instant.split('-').map(Number);
    return `${d} ${MONTHS[m! - 1]} ${y}`;
  }
  const t = Date.parse(instant);
  if (Number.isNaN(t)) return instant;
  const d = new Date(t + VILLAGE_OFFSET_MS);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}, ${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
}

/** A datetime-local value typed in village time → an ISO instant; '' or nonsense as typed (the server says what is wrong). */
export function instantFromVillage(local: string): string {
  if (!local) return '';
  const t = Date.parse(local.length === 16 ? `${local}:00+03:00` : `${local}+03:00`);
  return Number.isNaN(t) ? local : new Date(t).toISOString();
}

/** An instant → the datetime-local value for it in village time. */
export function villageLocal(instant: string): string {
  const t = Date.parse(instant);
  return Number.isNaN(t) ? '' : new Date(t + VILLAGE_OFFSET_MS).toISOString().slice(0, 16);
}
