// The vocabulary of the desk and the zod schemas of /api/desk's requests and answers.
import { z } from 'zod';
import { id, requiredText, text, wholeNumber } from '../../kernel/validation.ts';
import { LEVELS } from '../../kernel/auth/labels.ts';
import { withheldOr } from '../../kernel/references.ts';

export const ITEM_STATES = ['open', 'deferred', 'approved', 'denied', 'delegated'] as const;
export type ItemState = (typeof ITEM_STATES)[number];
/** Still awaiting a decision: listed on a desk, counted overdue once its suspense has passed. */
export const PENDING_STATES: readonly ItemState[] = ['open', 'deferred'];
export const PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const;
export type Priority = (typeof PRIORITIES)[number];
export const DECISIONS = ['approve', 'deny', 'defer', 'delegate'] as const;

/** An instant with a date, a time and a zone (Z or ±hh:mm); kept as ISO-8601 UTC with milliseconds. */
export const instant = z.string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/, { message: 'must be an instant like 2026-12-06T06:00:00Z (date, time and zone)' })
  .refine((s) => {
    const t = Date.parse(s);
    // Four-digit years either side once in UTC (Date.UTC would read the year 1 as 1901). The years
    // a date may have are narrower (1000 to 2999): the service refuses the rest at the field.
    if (Number.isNaN(t) || t < Date.parse('0001-01-02T00:00:00Z') || t > Date.parse('9999-12-30T00:00:00Z')) return false;
    // Date.parse rolls 2026-02-30 over into March: the calendar date written must exist.
    const [, m, d] = s.slice(0, 10).split('-').map(Number) as [number, number, number];
    // In the year written (29 February exists only in a leap year), set apart from Date.UTC's
    // reading of years 0 to 99 as 1900 to 1999.
    const day = new Date(0);
    day.setUTCFullYear(Number(s.slice(0, 4)), m - 1, d);
    return m >= 1 && m <= 12 && day.getUTCMonth() === m - 1 && day.getUTCDate() === d && Number(s.slice(11, 13)) < 24 && Number(s.slice(14, 16)) < 60;
  }, { message: 'is not a real date and time' })
  .transform((s) => new Date(s).toISOString());

const itemKind = requiredText(100).pipe(z.string().regex(/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/, { message: 'must be a desk item kind such as legislature.bill.sign' }));

export const ZDecision = z.object({
  decision: z.enum(DECISIONS),
  grounds: text(4000).optional().describe('why: required to deny'),
  until: instant.optional().describe('defer: the new suspense, later than the present one and than now, in the years 1000 to 2999'),
  interimReply: text(4000).optional().describe('defer: the answer given meanwhile'),
  to: id.optional().describe('delegate: person id of the official who is to decide this one item'),
}).strict().superRefine((d, c) => {
  if (d.decision === 'deny' && !d.grounds) c.addIssue({ code: 'custom', path: ['grounds'], message: 'a denial states its grounds' });
  if (d.decision === 'defer') {
    if (!d.until) c.addIssue({ code: 'custom', path: ['until'], message: 'a deferral names the new date (until)' });
    if (!d.interimReply) c.addIssue({ code: 'custom', path: ['interimReply'], message: 'a deferral gives an interim reply' });
  }
  if (d.decision === 'delegate' && !d.to) c.addIssue({ code: 'custom', path: ['to'], message: 'name the person to delegate this item to (to)' });
  if (d.decision !== 'defer' && d.until !== undefined) c.addIssue({ code: 'custom', path: ['until'], message: 'only a deferral takes a new date' });
  if (d.decision !== 'defer' && d.interimReply !== undefined) c.addIssue({ code: 'custom', path: ['interimReply'], message: 'only a deferral takes an interim reply' });
  if (d.decision !== 'delegate' && d.to !== undefined) c.addIssue({ code: 'custom', path: ['to'], message: 'only a delegation names a person (to)' });
});
export type TDecision = z.input<typeof ZDecision>;

export const ZDelegationGrant = z.object({
  delegate: id.describe('person id of the acting official'),
  from: instant,
  to: instant,
  scope: z.array(itemKind).max(50).default([]).describe('kinds of desk item covered; empty: every kind'),
}).strict();
export type TDelegationGrant = z.input<typeof ZDelegationGrant>;

const ZPerson = withheldOr(z.object({ id: z.string(), name: z.string() }));

export const ZItem = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  record: z.object({ kind: z.string(), id: z.string(), shown: withheldOr(z.record(z.string(), z.unknown())) }),
  owner: ZPerson,
  /** Whose authority decides it, when another's than the owner's (a single item delegated to the owner). */
  authority: ZPerson.nullable(),
  originator: ZPerson.nullable(),
  priority: z.enum(PRIORITIES),
  suspense: z.string(),
  overdue: z.boolean(),
  /** How late it is, in seconds, while overdue. */
  lateBySeconds: z.number().nullable(),
  state: z.enum(ITEM_STATES),
  /** Set when the reader sees it as an acting official: the delegation and whose desk it is. */
  actingFor: z.object({ delegation: z.string(), person: ZPerson }).nullable(),
  /** Whether the reader may decide it now, and if not, why. */
  mayDecide: z.boolean(),
  whyNot: z.string().nullable(),
  /** Why the reader may not delegate this one item to another official, or null when they may. */
  whyNotPassOn: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decidedBy: ZPerson.nullable(),
  decidedActingFor: z.string().nullable(),
  grounds: z.string().nullable(),
  interimReply: z.string().nullable(),
  delegatedTo: ZPerson.nullable(),
  classification: z.enum(LEVELS),
  compartments: z.array(z.string()),
  createdAt: z.string(),
});
export type TItem = z.infer<typeof ZItem>;

export const ZItemList = z.object({
  items: z.array(ZItem),
  /** Items the reader could decide but is not cleared to see: counted, never shown. */
  withheld: z.number(),
  overdue: z.number(),
});
export const ZItemQuery = z.object({
  state: z.enum(['pending', 'decided', 'all']).default('pending'),
}).strict();

export const ZDelegation = z.object({
  id: z.string(),
  grantor: ZPerson,
  delegate: ZPerson,
  from: z.string(), to: z.string(),
  scope: z.array(z.string()),
  revokedAt: z.string().nullable(),
  inForce: z.boolean(),
  /** The longest a delegation could last when it was granted, and which rule said so. */
  maxDays: z.object({ days: z.number(), basis: z.string() }),
  createdAt: z.string(),
});
export const ZDelegationList = z.object({ granted: z.array(ZDelegation), held: z.array(ZDelegation) });

export const ZDelinquencyLine = z.object({
  item: z.string(), owner: ZPerson, kind: z.string(), title: z.string(), suspense: z.string(), lateBySeconds: z.number(),
  classification: z.enum(LEVELS), compartments: z.array(z.string()),
});
export const ZDelinquencyReport = z.object({ id: z.string(), generatedAt: z.string(), lines: z.array(ZDelinquencyLine), withheld: z.number() });
export const ZDelinquencyReports = z.object({ items: z.array(ZDelinquencyReport) });
export const ZReportQuery = z.object({ limit: wholeNumber(1, 52).default(8) }).strict();

export const ZIdParams = z.object({ id: requiredText(100) }).strict();
