// Bills' requests and answers (Z… schemas, T… types), as /api/legislature/bills gives them.
import { z } from 'zod';
import { withheldOr } from '../../kernel/references.ts';
import { MAX_REF_LENGTH, requiredText, text, wholeNumber } from '../../kernel/validation.ts';
import { LEVELS } from '../../kernel/auth/labels.ts';
import { BILL_STAGES } from './bill-stages.ts';
import { councilDate } from './legislature.schema.ts';

/** How many digits a bill's number is padded to (`B-2026-004`). */
export const BILL_CODE_WIDTH = 3;
/**
 * `B-2026-004`: the year the bill was drafted and its number in that year's series of its label
 * (kernel/code-series.ts); a label other than public is marked between them: `B-2026-S.ANBU-001`.
 */
export const BILL_CODE = /^B-\d{4}-(?:(?:P|R|S|TS)(?:\.[A-Z0-9_]{1,40}){0,20}-)?\d{3,}$/;
export const MAX_BILL_TEXT = 200_000;

const billText = z.string().max(MAX_BILL_TEXT, { message: `must be at most ${MAX_BILL_TEXT.toLocaleString('en')} characters` })
  .refine((s) => s.isWellFormed(), { message: 'contains invalid Unicode (a lone surrogate)' })
  .refine((s) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(s), { message: 'contains a control character' })
  .refine((s) => s.trim().length > 0, { message: 'must not be empty' });
const personRef = requiredText(100).describe('person id: a person of the registry');
const ZCompartments = z.array(requiredText(40).pipe(z.string().regex(/^[A-Z0-9_]+$/, { message: 'must be upper-case letters, digits or _' }))).max(20);

export const ZBillCreate = z.object({
  title: requiredText(300),
  summary: text(2000).optional(),
  sponsors: z.array(personRef).min(1, { message: 'a bill needs at least one sponsor' }).max(20),
  drafter: personRef.optional(),
  draftDue: councilDate.optional(),
  text: billText.optional(),
  classification: z.enum(LEVELS).default('public'),
  compartments: ZCompartments.default([]),
}).strict().refine((b) => (b.drafter === undefined) === (b.draftDue === undefined), { message: 'a drafting assignment needs both a drafter and a due date', path: ['draftDue'] });
export type TBillCreate = z.input<typeof ZBillCreate>;

export const ZBillTextAdd = z.object({ text: billText, note: requiredText(500) }).strict();
export type TBillTextAdd = z.input<typeof ZBillTextAdd>;

export const ZBillActionAdd = z.object({
  stage: z.enum(BILL_STAGES).exclude(['drafted']),
  on: councilDate,
  note: text(1000).optional(),
  urgent: z.boolean().optional().describe('passed: the Council certified the bill urgent, so an acting Kazekage may assent to or veto it (section 3-106(1)(a))'),
}).strict().superRefine((a, ctx) => {
  if (a.urgent !== undefined && a.stage !== 'passed') ctx.addIssue({ code: 'custom', path: ['urgent'], message: 'the Council certifies a bill urgent when it passes it (stage passed)' });
  // Section 3-105(1): a veto returns the bill to the Council "with written reasons".
  if (a.stage === 'vetoed' && (a.note ?? '').trim().length < 10) {
    ctx.addIssue({ code: 'custom', path: ['note'], message: 'a veto returns the bill to the Council with written reasons (section 3-105(1)): write them in the note, at least 10 characters' });
  }
});
export type TBillActionAdd = z.input<typeof ZBillActionAdd>;

export const ZBillDrafting = z.object({
  drafter: personRef.nullable().optional(),
  due: councilDate.nullable().optional(),
  /** The drafter handed the draft in on this date (null: not yet). */
  draftedOn: councilDate.nullable().optional(),
}).strict();
export type TBillDrafting = z.input<typeof ZBillDrafting>;

export const ZAmendmentInput = z.object({
  /** The statute amended, by code (or id); a new section's code when inserting one. */
  code: requiredText(100),
  op: z.enum(['substitute', 'insert', 'repeal', 'renumber']),
  path: z.array(z.string().regex(/^[A-Za-z0-9]{1,8}$/, { message: 'must be a subdivision number like 2, 2A, b or iv' })).max(3).default([]),
  text: billText.optional(),
  after: z.string().regex(/^[A-Za-z0-9]{1,8}$/).optional(),
  newNum: z.string().regex(/^[A-Za-z0-9]{1,8}$/).optional(),
  heading: requiredText(300).optional(),
}).strict();
export const ZBillAmendments = z.object({
  commencement: councilDate.nullable(),
  amendments: z.array(ZAmendmentInput).max(500),
}).strict();
export type TBillAmendments = z.input<typeof ZBillAmendments>;

export const ZBillListQuery = z.object({
  stage: z.enum(BILL_STAGES).optional(),
  /** Only bills with an open drafting assignment, due first (the drafting board). */
  drafting: z.enum(['open']).optional(),
  limit: wholeNumber(1, 200).default(50),
  offset: wholeNumber(0, 100_000).default(0),
}).strict();
export const ZBillParams = z.object({ code: z.string().min(1).max(MAX_REF_LENGTH) }).strict();
export const ZBillDiffQuery = z.object({ from: wholeNumber(1, 10_000), to: wholeNumber(1, 10_000) }).strict();

// ---------- answers ----------

const ZPerson = withheldOr(z.object({ id: z.string(), displayName: z.string(), rank: z.string().nullable().optional() }).passthrough());
const ZDrafting = z.object({
  drafter: ZPerson.nullable(),
  due: z.string().nullable(),
  draftedOn: z.string().nullable(),
  /** Past due and not handed in: shown red wherever it appears. */
  overdue: z.boolean(),
  daysLate: z.number(),
});
export const ZBillSummary = z.object({
  code: z.string(), title: z.string(), stage: z.enum(BILL_STAGES), stageOn: z.string(), stageWords: z.string(),
  drafting: ZDrafting.nullable(), commencement: z.string().nullable(), classification: z.enum(LEVELS), compartments: z.array(z.string()),
});
export const ZBill = ZBillSummary.extend({
  id: z.string(),
  summary: z.string().nullable(),
  sponsors: z.array(ZPerson),
  nextStages: z.array(z.object({ stage: z.enum(BILL_STAGES), words: z.string() })),
  /** A passed bill awaiting the Kazekage: the last day to sign or veto it, and the day it is treated as signed (section 3-105). */
  assent: z.object({ by: z.string(), deemedOn: z.string(), basis: z.string() }).nullable(),
  text: z.object({ seq: z.number(), text: z.string(), note: z.string(), recordedAt: z.string() }).nullable(),
  texts: z.array(z.object({ seq: z.number(), note: z.string(), recordedAt: z.string(), recordedBy: withheldOr(z.string()).nullable() })),
  actions: z.array(z.object({ seq: z.number(), stage: z.enum(BILL_STAGES), on: z.string(), note: z.string(), classification: z.string(), recordedAt: z.string(), recordedBy: withheldOr(z.string()).nullable(),
    /** The roll-call vote that gave this stage (GET /api/legislature/votes/{id}), if the Council voted it in a session. */
    vote: z.string().nullable() })),
  amendments: z.array(z.object({
    code: z.string(), op: z.enum(['substitute', 'insert', 'repeal', 'renumber']), path: z.array(z.string()),
    text: z.string().optional(), after: z.string().optional(), newNum: z.string().optional(), heading: z.string().optional(),
  })),
  version: z.number(),
});
export const ZBillList = z.object({ items: z.array(ZBillSummary), total: z.number() });
export const ZBillDiff = z.object({
  code: z.string(), from: z.number(), to: z.number(),
  segments: z.array(z.object({ op: z.enum(['equal', 'insert', 'delete']), text: z.string() })),
});
export type TBill = z.infer<typeof ZBill>;
export type TBillSummary = z.infer<typeof ZBillSummary>;
