// Council sessions' requests and answers (Z… schemas, T… types), as /api/legislature/sessions,
// /votes and /motions give them. The contract in words: /work/briefs/sessions-api.md.
import { z } from 'zod';
import { withheldOr } from '../../kernel/references.ts';
import { id, isoDate, MAX_REF_LENGTH, requiredText, wholeNumber } from '../../kernel/validation.ts';
import { LEVELS } from '../../kernel/auth/labels.ts';
import { BILL_STAGES } from './bill-stages.ts';
import { councilDate, ZCitationsResolved } from './legislature.schema.ts';

/** `CS-2026-003`: the year of the sitting and its number in that year. */
/** A session's code: CS-<year>-<n>, its label's mark before the number when not public (CS-2026-S.ANBU-001). */
export const SESSION_PREFIX = 'CS';
export const SESSION_CODE_WIDTH = 3;
export const SESSION_STATUSES = ['scheduled', 'sitting', 'adjourned'] as const;
export const ITEM_KINDS = ['bill_reading', 'motion', 'report'] as const;
export const ATTENDANCE = ['present', 'absent', 'excused'] as const;
export const MOTION_STATUSES = ['moved', 'seconded', 'withdrawn', 'voted'] as const;
export const VOTE_OPTIONS = ['yes', 'no', 'abstain'] as const;
/** The stages a reading's vote may move a bill to (the Council's, not the Kazekage's or the system's). */
export const READING_STAGES = BILL_STAGES.filter((s) => !['drafted', 'signed', 'vetoed', 'enacted'].includes(s)) as unknown as readonly [string, ...string[]];

const personRef = requiredText(100).describe('person id: a person of the registry');
const ZCompartments = z.array(requiredText(40).pipe(z.string().regex(/^[A-Z0-9_]+$/, { message: 'must be upper-case letters, digits or _' }))).max(20);
const itemId = id.describe("an agenda item's id");

const ZItemTitle = requiredText(300);
export const ZItemInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('bill_reading'), title: ZItemTitle, bill: requiredText(MAX_REF_LENGTH).describe('bill code, e.g. B-2026-001'), stage: z.enum(READING_STAGES).describe('the stage a passed vote moves the bill to') }).strict(),
  z.object({ kind: z.literal('motion'), title: ZItemTitle }).strict(),
  z.object({ kind: z.literal('report'), title: ZItemTitle }).strict(),
]);

/**
 * What one session holds, so a session page (and every write that answers with it) stays a page:
 * a sitting's agenda, its motions, and the statute citations they make, each resolved on read.
 */
export const SESSION_LIMITS = { agendaItems: 100, motions: 100, citationsPerMotion: 50, citations: 500 } as const;

export const ZSessionCreate = z.object({
  title: requiredText(300),
  date: councilDate,
  startsAt: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'must be a time written HH:MM (24 hours, village time)' }),
  minutesLong: z.number().int().min(1).max(24 * 60).default(480),
  place: requiredText(200),
  chair: personRef,
  agenda: z.array(ZItemInput).max(SESSION_LIMITS.agendaItems).default([]),
  classification: z.enum(LEVELS).default('public'),
  compartments: ZCompartments.default([]),
}).strict();
export type TSessionCreate = z.input<typeof ZSessionCreate>;

export const ZItemAdd = z.intersection(ZItemInput, z.object({ position: z.number().int().min(1).max(1000).optional().describe('1-based place in the agenda; default: last') }));
export type TItemAdd = z.input<typeof ZItemAdd>;
export const ZAgendaOrder = z.object({ items: z.array(itemId).min(1).max(1000) }).strict();
export type TAgendaOrder = z.input<typeof ZAgendaOrder>;
export const ZSessionStatus = z.object({ status: z.enum(['sitting', 'adjourned']) }).strict();
export type TSessionStatus = z.input<typeof ZSessionStatus>;
export const ZAttendanceSet = z.object({ status: z.enum(ATTENDANCE) }).strict();
export type TAttendanceSet = z.input<typeof ZAttendanceSet>;

/** Default: the member acting. The clerk or the Kazekage records it for a member who raised a hand. */
const queueMember = personRef.optional().describe('person id of the member (the clerk or the Kazekage only; default: yourself)');
export const ZQueueAction = z.discriminatedUnion('type', [
  z.object({ type: z.literal('request'), kind: z.enum(['speak', 'point_of_order']).default('speak'), member: queueMember }).strict(),
  z.object({ type: z.literal('withdraw'), member: queueMember }).strict(),
  z.object({ type: z.literal('grant'), limitSeconds: z.number().int().min(10).max(3600).default(300) }).strict(),
  z.object({ type: z.literal('yield') }).strict(),
]);
export type TQueueAction = z.input<typeof ZQueueAction>;

const motionText = requiredText(10_000);
export const ZMotionCreate = z.object({
  text: motionText,
  /** Default: the member acting. The clerk or the Kazekage names the mover. */
  mover: personRef.optional(),
  /** An amendment: the number of the motion it amends, in this session. */
  amends: z.number().int().min(1).max(100_000).optional(),
  item: itemId.optional(),
}).strict();
export type TMotionCreate = z.input<typeof ZMotionCreate>;
export const ZMotionSecond = z.object({ seconder: personRef.optional() }).strict();
export type TMotionSecond = z.input<typeof ZMotionSecond>;

export const ZVoteOpen = z.object({
  motion: z.number().int().min(1).max(100_000).optional().describe("the motion's number in the session"),
  item: itemId.optional().describe('a bill reading on the agenda'),
  /** Default: the majority the question needs (section 2-111: two thirds for a veto's override or a same-day reading, else simple). */
  majority: z.enum(['simple', 'two_thirds']).optional(),
  /** The paragraph of 2-111(2) that requires two thirds for this question, e.g. "2-111(2)(d)"; for a bill reading, derived when left out. */
  basis: requiredText(200).optional(),
  /** On a bill's reading to "passed" only: the Council certifies the bill urgent (section 3-106(1)(a)). */
  urgent: z.boolean().optional(),
}).strict()
  .refine((v) => (v.motion === undefined) !== (v.item === undefined), { message: 'name either a motion or a bill reading on the agenda (item), not both', path: ['motion'] })
  .refine((v) => v.majority !== 'two_thirds' || v.basis !== undefined, { message: 'two thirds must cite the statute that requires it, e.g. "2-111(2)(d)"', path: ['basis'] });
export type TVoteOpen = z.input<typeof ZVoteOpen>;
export const ZBallotCast = z.object({
  option: z.enum(VOTE_OPTIONS),
  /** Default: the member acting. The clerk records a member's answer called aloud by naming them. */
  member: personRef.optional(),
}).strict();
export type TBallotCast = z.input<typeof ZBallotCast>;

export const ZSessionListQuery = z.object({
  from: isoDate.optional(), to: isoDate.optional(), status: z.enum(SESSION_STATUSES).optional(),
  limit: wholeNumber(1, 200).default(50), offset: wholeNumber(0, 100_000).default(0),
}).strict();
export const ZSessionParams = z.object({ code: z.string().min(1).max(100) }).strict();
export const ZMemberParams = z.object({ code: z.string().min(1).max(100), member: id.describe('a person id, or "me"') }).strict();
export const ZMotionParams = z.object({ code: z.string().min(1).max(100), number: wholeNumber(1, 100_000) }).strict();
export const ZIdParams = z.object({ id }).strict();

// ---------- answers ----------

const ZPerson = withheldOr(z.object({ id: z.string(), displayName: z.string(), rank: z.string().nullable().optional() }).passthrough());
const ZFloor = z.object({ member: ZPerson, kind: z.enum(['speak', 'point_of_order']), since: z.string(), limitSeconds: z.number(), secondsLeft: z.number() });
export const ZQueue = z.object({
  /** The server's clock when answered: the page runs the floor clock from it. */
  serverTime: z.string(),
  floor: ZFloor.nullable(),
  waiting: z.array(z.object({ member: ZPerson, kind: z.enum(['speak', 'point_of_order']), at: z.string() })),
  spoke: z.array(z.object({ member: ZPerson, kind: z.enum(['speak', 'point_of_order']), from: z.string(), to: z.string() })),
});
export const ZMotionView = z.object({
  id: z.string(), number: z.number(), amends: z.number().nullable(), item: z.string().nullable(), text: z.string(),
  mover: ZPerson, seconder: ZPerson.nullable(), status: z.enum(MOTION_STATUSES), movedAt: z.string(), secondedAt: z.string().nullable(),
  /** The statute citations in the text, resolved as in force on the session's date. */
  citations: ZCitationsResolved.shape.citations,
});
const ZTally = z.object({ yes: z.number(), no: z.number(), abstain: z.number(), absent: z.number(), present: z.number() });
export const ZVoteView = z.object({
  id: z.string(), number: z.number(), session: z.string(), question: z.string(), motion: z.number().nullable(), item: z.string().nullable(),
  status: z.enum(['open', 'closed']),
  rule: z.object({
    majority: z.enum(['simple', 'two_thirds']), basis: z.string(), quorum: z.number(), quorumBasis: z.string(),
    /** The seats of the Council on the day, filled or not ("all councillors", section 2-111(3)): two thirds is of these. */
    seats: z.number(), seatsBasis: z.string(),
  }),
  openedAt: z.string(), closedAt: z.string().nullable(),
  ballots: z.array(z.object({ member: ZPerson, option: z.enum(['yes', 'no', 'abstain', 'absent']), calledAloud: z.boolean(), castAt: z.string() })),
  /** While open: how many have answered so far. */
  answered: z.number(),
  result: z.object({ outcome: z.enum(['passed', 'failed', 'no_quorum']), tally: ZTally, needed: z.number(), explanation: z.string() }).nullable(),
});
export const ZSession = z.object({
  id: z.string(), code: z.string(), title: z.string(), date: z.string(), startsAt: z.string(), minutesLong: z.number(), place: z.string(),
  chair: ZPerson, status: z.enum(SESSION_STATUSES), openedAt: z.string().nullable(), adjournedAt: z.string().nullable(),
  classification: z.enum(LEVELS), compartments: z.array(z.string()), version: z.number(),
  agenda: z.array(z.object({
    id: z.string(), position: z.number(), kind: z.enum(ITEM_KINDS), title: z.string(),
    bill: withheldOr(z.object({ code: z.string(), title: z.string(), stage: z.string() }).passthrough()).nullable(),
    stage: z.string().nullable(),
  })),
  members: z.array(z.object({ member: ZPerson, seat: z.string(), attendance: z.enum(ATTENDANCE).nullable() })),
  quorum: z.object({ needed: z.number(), basis: z.string(), present: z.number(), met: z.boolean() }),
  /** What the asking account may do here: drives the buttons. */
  you: z.object({ member: z.boolean(), chair: z.boolean(), manage: z.boolean() }),
  queue: ZQueue,
  motions: z.array(ZMotionView),
  votes: z.array(ZVoteView),
});
export const ZSessionSummary = ZSession.pick({ id: true, code: true, title: true, date: true, startsAt: true, minutesLong: true, place: true, chair: true, status: true, classification: true, compartments: true });
export const ZSessionList = z.object({ items: z.array(ZSessionSummary), total: z.number() });

// Popolo (popoloproject.com, vote-event and motion): the standard's field names, snake_case.
const ZPopoloCount = z.object({ option: z.string(), value: z.number() });
export const ZPopoloMotion = z.object({
  id: z.string(), organization_id: z.string(), legislative_session_id: z.string(), identifier: z.string(),
  text: z.string(), classification: z.array(z.string()), date: z.string(), creator: ZPerson, creator_id: z.string().nullable(),
  requirement: z.string().nullable(), result: z.string().nullable(), vote_events: z.array(z.string()),
  amends: z.string().nullable(), seconder: ZPerson.nullable(),
});
export const ZPopoloVoteEvent = z.object({
  id: z.string(), identifier: z.string(), organization_id: z.string(), legislative_session_id: z.string(),
  motion: z.object({ id: z.string().nullable(), text: z.string(), classification: z.array(z.string()), requirement: z.string() }),
  start_date: z.string(), end_date: z.string().nullable(),
  result: z.enum(['pass', 'fail']).nullable(),
  counts: z.array(ZPopoloCount),
  votes: z.array(z.object({ voter_id: z.string().nullable(), voter: ZPerson, option: z.enum(['yes', 'no', 'abstain', 'absent']) })),
  /** Not Popolo: the rule the result was computed under (stored with it), and why. */
  rule: ZVoteView.shape.rule, explanation: z.string().nullable(),
});
export type TSession = z.infer<typeof ZSession>;
export type TVoteView = z.infer<typeof ZVoteView>;
export type TMotionView = z.infer<typeof ZMotionView>;

/** Minutes generated from the record (minutes.ts): not stored, so always the record's latest. */
export const ZMinutes = z.object({
  session: z.string(), title: z.string(), date: z.string(), place: z.string(), chair: z.string(), status: z.enum(SESSION_STATUSES),
  present: z.array(z.string()), absent: z.array(z.string()), excused: z.array(z.string()), notRecorded: z.array(z.string()),
  quorum: z.string(), agenda: z.array(z.string()), speakers: z.array(z.string()),
  motions: z.array(z.object({ number: z.number(), text: z.string(), line: z.string(), citations: z.array(z.string()) })),
  votes: z.array(z.object({ number: z.number(), question: z.string(), line: z.string(), yes: z.array(z.string()), no: z.array(z.string()), abstain: z.array(z.string()), absent: z.array(z.string()) })),
  text: z.string(),
});
