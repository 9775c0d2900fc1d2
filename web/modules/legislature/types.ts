// Shapes the legislature API returns (the contract: /api/legislature, see docs and the module's schema).
export type StatuteStatus = 'in_force' | 'repealed' | 'not_yet';

export interface TitleEntry {
  number: number; heading: string;
  statutes: { code: string; heading: string; status: StatuteStatus; inForceFrom: string; repealedOn: string | null; classification: string; compartments: string[] }[];
}
export interface MadeBy { kind: 'import' | 'consolidation' | 'bill'; reason: string; ref: string | null }
export type Withheld = { withheld: true };
export type MinutesState = 'preview' | 'draft' | 'approved';
/** A version made by a bill: the minutes of the sitting whose vote passed it. */
export type MinutesLink = { session: string; date: string; vote: string; state: MinutesState; url: string } | Withheld;
export interface Item { num: string; eId: string; text: string }
export interface Paragraph { num: string; eId: string; text: string; items: Item[] }
export interface Subsection { num: string; eId: string; text: string; paragraphs: Paragraph[] }
export interface StatuteText { code: string; intro: string | null; subsections: Subsection[] }
export interface TimelineEntry { seq: number; validFrom: string; validTo: string | null; kind: 'text' | 'repeal'; reason: string }

export interface Statute {
  code: string; titleNumber: number; titleHeading: string; heading: string; classification: string; compartments: string[]; at: string;
  inForceFrom: string; repealedOn: string | null;
  version: { id: string; seq: number; validFrom: string; validTo: string | null; heading: string; madeBy: MadeBy; recordedAt: string; recordedBy: string; minutes: MinutesLink | null };
  markup: string; text: StatuteText; timeline: TimelineEntry[];
}
export interface HistoryItem { id: string; seq: number; kind: 'text' | 'repeal'; validFrom: string; validTo: string | null; heading: string; madeBy: MadeBy; recordedAt: string; recordedBy: string; minutes: MinutesLink | null }
export interface History {
  code: string; heading: string; titleNumber: number; classification: string; compartments: string[]; inForceFrom: string; repealedOn: string | null;
  items: HistoryItem[];
}
export interface RedlineSegment { op: 'equal' | 'insert' | 'delete'; text: string }
export interface SubdivisionChange { eId: string; path: string[]; level: 'subsection' | 'paragraph' | 'item' | 'intro'; marker: string; change: 'added' | 'removed' | 'changed' | 'unchanged'; segments: RedlineSegment[] }
export interface Diff {
  code: string; from: { date: string; seq: number }; to: { date: string; seq: number };
  redline: { segments: RedlineSegment[]; subdivisions: SubdivisionChange[]; added: string[]; removed: string[]; changed: string[] };
}
export interface SearchHit {
  kind: 'statute' | 'bill' | 'minutes'; code: string; heading: string; titleNumber: number | null; snippet: string; highlights: [number, number][];
  validFrom: string | null; validTo: string | null; status: StatuteStatus | null; url: string;
}
export interface SearchAnswer { items: SearchHit[]; total: number; totalExact: boolean; query: { text: string; corrected: string | null }; jump: { code: string; eId: string; url: string } | null }

// Bills (/api/legislature/bills; src/modules/legislature/bills.schema.ts).
export type BillStage = 'drafted' | 'introduced' | 'first_reading' | 'referred' | 'committee_report' | 'second_reading' | 'third_reading'
  | 'passed' | 'failed' | 'signed' | 'vetoed' | 'veto_overridden' | 'enacted';
/** A registry person as a bill names them, or withheld when the reader may not see them. */
export type BillPerson = { id: string; displayName: string; rank?: string | null } | { withheld: true };
export interface Drafting { drafter: BillPerson | null; due: string | null; draftedOn: string | null; overdue: boolean; daysLate: number }
export interface BillSummary {
  code: string; title: string; stage: BillStage; stageOn: string; stageWords: string;
  drafting: Drafting | null; commencement: string | null; classification: string; compartments: string[];
}
export type AmendmentOp = 'substitute' | 'insert' | 'repeal' | 'renumber';
export interface Amendment { code: string; op: AmendmentOp; path: string[]; text?: string; after?: string; newNum?: string; heading?: string }
export interface Bill extends BillSummary {
  id: string; summary: string | null; sponsors: BillPerson[];
  nextStages: { stage: BillStage; words: string }[];
  /** A passed bill awaiting the Kazekage: the last day to sign or veto, the day it is treated as signed (section 3-105). */
  assent: { by: string; deemedOn: string; basis: string } | null;
  text: { seq: number; text: string; note: string; recordedAt: string } | null;
  texts: { seq: number; note: string; recordedAt: string; recordedBy: string | { withheld: true } | null }[];
  actions: { seq: number; stage: BillStage; on: string; note: string; classification: string; recordedAt: string; recordedBy: string | { withheld: true } | null }[];
  amendments: Amendment[];
  version: number;
}
export interface BillList { items: BillSummary[]; total: number }
export interface BillDiff { code: string; from: number; to: number; segments: RedlineSegment[] }

// ---- Council sessions (the contract: /api/legislature/sessions, src/modules/legislature/sessions.schema.ts)
export type SessionPerson = { id: string; displayName: string; rank?: string | null } | { withheld: true };
export type SessionStatus = 'scheduled' | 'sitting' | 'adjourned';
export type Attendance = 'present' | 'absent' | 'excused';
export type QueueKind = 'speak' | 'point_of_order';
export type BallotOption = 'yes' | 'no' | 'abstain' | 'absent';
export interface SessionSummary {
  id: string; code: string; title: string; date: string; startsAt: string; minutesLong: number; place: string;
  chair: SessionPerson; status: SessionStatus; classification: string; compartments: string[];
}
export interface AgendaItem {
  id: string; position: number; kind: 'bill_reading' | 'motion' | 'report'; title: string;
  bill: { id?: string; code: string; title: string; stage: string } | { withheld: true } | null; stage: string | null;
}
export interface Queue {
  serverTime: string;
  floor: { member: SessionPerson; kind: QueueKind; since: string; limitSeconds: number; secondsLeft: number } | null;
  waiting: { member: SessionPerson; kind: QueueKind; at: string }[];
  spoke: { member: SessionPerson; kind: QueueKind; from: string; to: string }[];
}
export interface Motion {
  id: string; number: number; amends: number | null; item: string | null; text: string; mover: SessionPerson; seconder: SessionPerson | null;
  status: 'moved' | 'seconded' | 'withdrawn' | 'voted'; movedAt: string; secondedAt: string | null;
}
export interface Tally { yes: number; no: number; abstain: number; absent: number; present: number }
export interface Vote {
  id: string; number: number; session: string; question: string; motion: number | null; item: string | null; status: 'open' | 'closed';
  /** seats: the Council's seats on the day, filled or not (section 2-101(1)); two thirds is of these. */
  rule: { majority: 'simple' | 'two_thirds'; basis: string; quorum: number; quorumBasis: string; seats: number; seatsBasis: string };
  openedAt: string; closedAt: string | null;
  ballots: { member: SessionPerson; option: BallotOption; calledAloud: boolean; castAt: string }[];
  answered: number;
  result: null | { outcome: 'passed' | 'failed' | 'no_quorum'; tally: Tally; needed: number; explanation: string };
}
export interface Session extends SessionSummary {
  minutesLong: number; openedAt: string | null; adjournedAt: string | null; version: number;
  agenda: AgendaItem[];
  members: { member: SessionPerson; seat: string; attendance: Attendance | null }[];
  quorum: { needed: number; basis: string; present: number; met: boolean };
  you: { member: boolean; chair: boolean; manage: boolean };
  queue: Queue; motions: Motion[]; votes: Vote[];
}

// ---- Council minutes (the contract: src/modules/legislature/minutes.schema.ts)
export interface StoredMinutes {
  session: string; title: string; date: string; place: string; chair: string; status: SessionStatus;
  present: string[]; absent: string[]; excused: string[]; notRecorded: string[]; quorum: string; agenda: string[]; speakers: string[];
  motions: { number: number; text: string; line: string; citations: string[] }[];
  votes: { number: number; question: string; line: string; yes: string[]; no: string[]; abstain: string[]; absent: string[] }[];
  text: string;
  state: MinutesState; version: number | null;
  generatedAt: string | null; generatedBy: string | Withheld | null; editedAt: string | null; editedBy: string | Withheld | null;
  approvedAt: string | null; approvedBy: string | Withheld | null; approvedIn: { code: string; date: string } | Withheld | null;
  youManage: boolean;
}
