// The council session page's small rules, with no I/O: the floor clock from the server's time, the
// yes votes a vote needs, the live tally, and the words for what just changed.
import type { BallotOption, Queue, Session, SessionPerson, Tally, Vote } from './types.ts';

export const personName = (p: SessionPerson | null | undefined): string =>
  !p ? '—' : 'withheld' in p ? 'a member not shown at your clearance' : p.displayName;
export const personId = (p: SessionPerson | null | undefined): string | null => (p && !('withheld' in p) ? p.id : null);

/**
 * The server's clock minus this browser's, taken when an answer arrives: every viewer runs the
 * floor clock from the server's `since`, so two screens in the hall never disagree by more than
 * the time an answer takes to travel.
 */
export const clockOffset = (serverTime: string, receivedAt: number): number => Date.parse(serverTime) - receivedAt;

/** Seconds left on the floor at `now` (this browser's clock); negative once over time. */
export function floorSecondsLeft(floor: NonNullable<Queue['floor']>, offset: number, now: number): number {
  return floor.limitSeconds - (now + offset - Date.parse(floor.since)) / 1000;
}

/** m:ss of a number of seconds, whole seconds towards zero-left ("0:00" only when time is up), with a minus when over. */
export function clockText(seconds: number): string {
  // Counting down, 4.2 s left reads 0:05 until it is 4 s; over time, 4.2 s over reads −0:04.
  const whole = seconds >= 0 ? Math.ceil(seconds - 1e-9) : Math.floor(-seconds + 1e-9);
  const m = Math.floor(whole / 60);
  const s = String(whole % 60).padStart(2, '0');
  return `${seconds < 0 && whole > 0 ? '−' : ''}${m}:${s}`;
}

/**
 * The yes votes that carry a vote (section 2-111): a simple majority is more than half of those
 * voting yes or no (an abstention is no vote), so it moves as answers come in; two thirds is of
 * all the Council's seats, filled or not, whoever is present.
 */
export function yesNeeded(rule: Pick<Vote['rule'], 'majority' | 'seats'>, tally: Pick<Tally, 'yes' | 'no'>): number {
  return rule.majority === 'two_thirds' ? Math.ceil((2 * rule.seats) / 3) : Math.floor((tally.yes + tally.no) / 2) + 1;
}

/** What the yes line is, in words: "two thirds of all 12 councillors" or "a majority of the 8 voting yes or no". */
export function neededWords(rule: Pick<Vote['rule'], 'majority' | 'seats'>, tally: Pick<Tally, 'yes' | 'no'>): string {
  return rule.majority === 'two_thirds' ? `two thirds of all ${rule.seats} councillors` : `a majority of the ${tally.yes + tally.no} voting yes or no`;
}

/** The tally of a vote so far: closed, as the result says; open, from the ballots in (not yet answered count as absent). */
export function tallyOf(vote: Vote, members: number): Tally {
  if (vote.result) return vote.result.tally;
  const count = (o: BallotOption) => vote.ballots.filter((b) => b.option === o).length;
  const yes = count('yes');
  const no = count('no');
  const abstain = count('abstain');
  const present = yes + no + abstain;
  return { yes, no, abstain, absent: Math.max(0, members - present), present };
}

export const MAJORITY_WORDS: Record<Vote['rule']['majority'], string> = { simple: 'simple majority', two_thirds: 'two thirds' };

/** "two thirds of all 12 councillors, section 2-111(2)(d)" — the rule as the board says it. */
export function ruleWords(rule: Vote['rule']): string {
  // The citation alone: the standing rule's basis also carries its words ("…: a majority of the councillors voting").
  const basis = rule.basis.split(':')[0]!.trim().replace(/^section /, '');
  const words = rule.majority === 'two_thirds' ? `two thirds of all ${rule.seats} councillors` : 'a majority of those voting';
  return `${words}, section ${basis}`;
}

export const OUTCOME_WORDS: Record<NonNullable<Vote['result']>['outcome'], string> = { passed: 'Carried', failed: 'Not carried', no_quorum: 'No quorum' };
export const OPTION_WORDS: Record<BallotOption | 'none', string> = { yes: 'Yes', no: 'No', abstain: 'Abstain', absent: 'Absent', none: 'Not yet' };

/**
 * The agenda item the Council is on: that of the open vote (or its motion), else of the latest
 * motion or vote, else the first item once sitting. None before the sitting opens or after it ends.
 */
export function currentItem(s: Pick<Session, 'status' | 'agenda' | 'motions' | 'votes'>): string | null {
  if (s.status !== 'sitting' || s.agenda.length === 0) return null;
  const itemOf = (v: Vote) => v.item ?? s.motions.find((m) => m.number === v.motion)?.item ?? null;
  const open = s.votes.find((v) => v.status === 'open');
  if (open && itemOf(open)) return itemOf(open);
  const latest = [
    ...s.motions.filter((m) => m.item).map((m) => ({ at: m.movedAt, item: m.item })),
    ...s.votes.map((v) => ({ at: v.openedAt, item: itemOf(v) })).filter((x) => x.item),
  ].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0))[0];
  return latest?.item ?? s.agenda[0]!.id;
}

/**
 * A session changed: what the page says about it, in words (aria-live). The event names no member
 * (a member may be hidden from a viewer who sees the session), so who voted or was marked is read
 * from the session as the viewer sees it before and after the change: until the page has fetched
 * it again (`after` absent), or where the member is not shown, the words name nobody.
 */
export function changeWords(payload: Record<string, unknown>, before: Session | undefined, after?: Session): string {
  switch (payload.what) {
    case 'status': return payload.status === 'sitting' ? 'The sitting is open.' : payload.status === 'adjourned' ? 'The sitting is adjourned.' : 'The session changed.';
    case 'agenda': return 'The agenda changed.';
    case 'attendance': {
      const was = new Map((before?.members ?? []).map((m) => [personId(m.member), m.attendance]));
      const marked = (after?.members ?? []).find((m) => personId(m.member) && m.attendance && was.get(personId(m.member)) !== m.attendance);
      return marked ? `${personName(marked.member)} marked ${marked.attendance}.` : `A member marked ${String(payload.status)}.`;
    }
    case 'queue': return ({ request: 'Someone asked for the floor.', withdraw: 'A request to speak was withdrawn.', grant: 'The floor was given.', yield: 'The turn ended.' } as Record<string, string>)[String(payload.type)] ?? 'The speaker queue changed.';
    case 'motion': return `Motion ${String(payload.motion)} ${String(payload.status)}.`;
    case 'vote': return payload.status === 'open' ? 'A vote is open.' : `The vote closed: ${OUTCOME_WORDS[payload.outcome as 'passed'] ?? String(payload.outcome)}.`;
    case 'ballot': {
      const ballotsOf = (s: Session | undefined) => s?.votes.find((v) => v.id === payload.vote)?.ballots ?? [];
      const had = new Set(ballotsOf(before).map((b) => personId(b.member)));
      const cast = ballotsOf(after).find((b) => personId(b.member) && !had.has(personId(b.member)));
      return cast ? `${personName(cast.member)} voted ${cast.option}.` : 'A ballot was cast.';
    }
    default: return 'The session changed.';
  }
}

/** Village time (UTC+03:00) of an instant, HH:MM. */
export const villageTime = (iso: string): string => new Date(Date.parse(iso) + 3 * 3_600_000).toISOString().slice(11, 16);

/** Scheduled and sitting sessions first, the soonest on top; then past ones, the latest on top. */
export function sessionOrder<T extends { date: string; startsAt: string; status: string }>(items: T[]): { upcoming: T[]; past: T[] } {
  const key = (x: T) => `${x.date}T${x.startsAt}`;
  const upcoming = items.filter((x) => x.status !== 'adjourned').sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  const past = items.filter((x) => x.status === 'adjourned').sort((a, b) => (key(a) < key(b) ? 1 : key(a) > key(b) ? -1 : 0));
  return { upcoming, past };
}
