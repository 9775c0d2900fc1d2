// The vocabulary of cases and the zod schemas of /api/cases's requests and answers.
import { z } from 'zod';
import { id, isoDate, requiredText, text, wholeNumber } from '../../kernel/validation.ts';
import { LEVELS } from '../../kernel/auth/labels.ts';
import { withheldOr } from '../../kernel/references.ts';
import { CASE_KINDS, CASE_RESOLUTIONS, CASE_STATES, CASE_TRANSITIONS } from './case-lifecycle.ts';
import { DENIAL_GROUNDS, REQUEST_STATES, REQUEST_TRANSITIONS } from './request-lifecycle.ts';
import { DISPOSITIONS } from './custody.ts';

export const PARTY_ROLES = ['subject', 'witness', 'investigator', 'counsel'] as const;
/** What a case may link to besides its parties: other modules' records, by their reference kind. */
export const LINK_KINDS = ['missions.mission', 'registry.person', 'post.message'] as const;
export const ENTRY_KINDS = ['testimony', 'finding'] as const;
export const REQUEST_KINDS = ['extradition', 'prisoner_transfer'] as const;

const ZCompartments = z.array(requiredText(40).pipe(z.string().regex(/^[A-Z0-9_]+$/, { message: 'must be upper-case letters, digits or _' }))).max(20);
const labelFields = { classification: z.enum(LEVELS).default('public'), compartments: ZCompartments.default([]) };
/** An instant as written everywhere: ISO-8601 with a Z or an offset. */
const instant = requiredText(40).pipe(z.string().datetime({ offset: true, message: 'must be an instant such as 2026-11-19T09:30:00Z' }))
  .refine((s) => { const t = Date.parse(s); if (Number.isNaN(t)) return true; const y = new Date(t).getUTCFullYear(); return y >= 1000 && y <= 2999; }, { message: 'must be in the years 1000 to 2999' });
const sha256 = z.string().regex(/^[0-9a-fA-F]{64}$/, { message: 'must be a SHA-256: 64 hexadecimal digits' });

export const ZCaseParams = z.object({ ref: id.describe('the case id, or its code such as INQ-2026-003') });
export const ZEvidenceParams = z.object({ ref: id.describe('the item id, or its code such as INQ-2026-003/E-01') });
export const ZRequestParams = z.object({ ref: id.describe('the request id, or its code such as IVR-2026-001') });
export const ZTaskParams = z.object({ ref: id, task: id });

export const ZCaseOpen = z.object({
  kind: z.enum(CASE_KINDS),
  title: requiredText(300),
  summary: text(10_000).default(''),
  parties: z.array(z.object({ person: id, role: z.enum(PARTY_ROLES) }).strict()).max(100).default([]),
  ...labelFields,
}).strict();
export type TCaseOpen = z.input<typeof ZCaseOpen>;

export const ZCaseTransition = z.object({
  transition: z.enum(CASE_TRANSITIONS),
  resolution: text(40).optional().describe(`closing: one of ${CASE_RESOLUTIONS.join(', ')}`),
  reason: text(2000).optional().describe('reopening: why'),
}).strict();
export type TCaseTransition = z.input<typeof ZCaseTransition>;

export const ZParty = z.object({ person: id, role: z.enum(PARTY_ROLES) }).strict();
export type TParty = z.input<typeof ZParty>;
export const ZLink = z.object({ kind: z.enum(LINK_KINDS), ref: id.describe("the record's id, or its code"), note: text(500).optional() }).strict();
export type TLink = z.input<typeof ZLink>;
export const ZTask = z.object({ title: requiredText(300) }).strict();
export const ZEntry = z.object({ kind: z.enum(ENTRY_KINDS), on: isoDate, by: id.optional().describe('the witness, or who made the finding (a registry person)'), text: requiredText(20_000) }).strict();
export type TEntry = z.input<typeof ZEntry>;

export const ZEvidenceAdd = z.object({
  description: requiredText(1000),
  quantity: z.number().int().min(1).max(1_000_000).default(1),
  condition: requiredText(500),
  sealNumber: text(60).optional(),
  collectedBy: id.describe('a registry person: the first custodian'),
  collectedAt: instant,
  collectedWhere: requiredText(300),
  sha256: sha256.optional().describe('for a digital item'),
  storageLocation: text(300).optional(),
}).strict();
export type TEvidenceAdd = z.input<typeof ZEvidenceAdd>;

export const ZTransfer = z.object({
  releasedBy: id.optional().describe('who releases it, who must hold it (default: you)'),
  receivedBy: id,
  at: instant,
  purpose: requiredText(500),
  condition: requiredText(500),
  sealIntact: z.boolean(),
  releaserConfirmed: z.boolean().default(true),
  receiverConfirmed: z.boolean().default(false).describe('only the console may say the receiver confirmed (their signature on paper); anyone else leaves this out: the receiver confirms in their own name through /receipt'),
  sha256: sha256.optional().describe("a digital item's SHA-256 computed at the hand-over"),
}).strict();
export type TTransfer = z.input<typeof ZTransfer>;
/** The receiver's confirmation of a release: custody passes now, as they found the item. */
export const ZReceipt = z.object({
  at: instant.optional().describe('when it was received (default: now); not before the release'),
  condition: requiredText(500).describe('the condition the receiver found it in'),
  sealIntact: z.boolean(),
  sha256: sha256.optional().describe("a digital item's SHA-256 computed at the receipt"),
}).strict();
export type TReceipt = z.input<typeof ZReceipt>;
/** Declining a release (the receiver) or withdrawing it (the releaser): the item stays with its holder. */
export const ZHandoverEnd = z.object({ reason: requiredText(1000).describe('why: the record keeps it') }).strict();
export type THandoverEnd = z.input<typeof ZHandoverEnd>;
export const ZDisposition = z.object({ disposition: z.enum(DISPOSITIONS) }).strict();

export const ZCaseQuery = z.object({
  kind: z.enum(CASE_KINDS).optional(), state: z.enum(CASE_STATES).optional(),
  limit: wholeNumber(1, 500).default(50), offset: wholeNumber(0, 10_000_000).default(0),
}).strict();
export type TCaseQuery = z.input<typeof ZCaseQuery>;

/** How many items of evidence the case page shows; the rest are read a page at a time. */
export const CASE_PAGE_EVIDENCE = 50;
export const ZEvidenceQuery = z.object({
  limit: wholeNumber(1, 200).default(CASE_PAGE_EVIDENCE).describe('how many items, 1 to 200'),
  offset: wholeNumber(0, 10_000_000).default(0).describe('how many items to skip, in the order they were added'),
}).strict();
export type TEvidenceQuery = z.input<typeof ZEvidenceQuery>;

export const ZRequestDraft = z.object({
  kind: z.enum(REQUEST_KINDS),
  requestingVillage: id.describe('a registry village (code or id)'),
  requestedVillage: id.describe('a registry village (code or id); one of the two must be this village, suna'),
  persons: z.array(id).min(1, { message: 'name at least one person sought' }).max(50),
  basis: requiredText(10_000).describe('the grounds of the request; statute citations allowed'),
  case: id.optional().describe('the case it belongs to (id or code)'),
  ...labelFields,
}).strict().refine((r) => r.requestingVillage !== r.requestedVillage, { message: 'a village does not ask itself: the requested village must be another', path: ['requestedVillage'] });
export type TRequestDraft = z.input<typeof ZRequestDraft>;
export const ZRequestStep = z.object({
  transition: z.enum(REQUEST_TRANSITIONS),
  grounds: z.array(z.string().max(60)).max(DENIAL_GROUNDS.length + 5).optional().describe(`denying: from ${DENIAL_GROUNDS.join(', ')}`),
}).strict().superRefine((s, c) => {
  // Grounds sent with another step would be dropped unseen: the sender meant something else.
  if (s.grounds !== undefined && s.transition !== 'deny') c.addIssue({ code: 'custom', path: ['grounds'], message: `grounds are given only when denying, not with ${s.transition}` });
});
export type TRequestStep = z.input<typeof ZRequestStep>;
export const ZRequestQuery = z.object({ state: z.enum(REQUEST_STATES).optional(), limit: wholeNumber(1, 500).default(50), offset: wholeNumber(0, 10_000_000).default(0) }).strict();

// ---------- answers (no transforms) ----------

const ZPersonShown = withheldOr(z.object({ id: z.string(), name: z.string() }));
const ZVillage = withheldOr(z.object({ id: z.string(), code: z.string(), name: z.string() }));
const labelOut = { classification: z.enum(LEVELS), compartments: z.array(z.string()) };

export const ZCaseSummary = z.object({
  id: z.string(), code: z.string(), kind: z.enum(CASE_KINDS), title: z.string(), state: z.enum(CASE_STATES),
  resolution: z.string().nullable(), openedAt: z.string(), closedAt: z.string().nullable(), ...labelOut,
});
export const ZCaseList = z.object({ items: z.array(ZCaseSummary), total: z.number() });

export const ZEvidenceSummary = z.object({
  id: z.string(), code: z.string(), description: z.string(), quantity: z.number(), condition: z.string(),
  sealNumber: z.string().nullable(), collectedBy: ZPersonShown, collectedAt: z.string(), collectedWhere: z.string(),
  sha256: z.string().nullable(), storageLocation: z.string().nullable(), disposition: z.string().nullable(),
  custodian: ZPersonShown, transfers: z.number(), lastAt: z.string(),
});

export const ZCase = ZCaseSummary.extend({
  summary: z.string(), openedBy: ZPersonShown.nullable(), version: z.number(),
  parties: z.array(z.object({ id: z.string(), person: ZPersonShown, role: z.string() })),
  links: z.array(z.object({ id: z.string(), kind: z.string(), record: z.union([z.record(z.string(), z.unknown()), z.object({ withheld: z.literal(true) })]), note: z.string().nullable() })),
  tasks: z.array(z.object({ id: z.string(), title: z.string(), state: z.enum(['open', 'done']), createdAt: z.string(), doneAt: z.string().nullable() })),
  timeline: z.array(z.object({ seq: z.number(), transition: z.string(), from: z.string(), to: z.string(), resolution: z.string().nullable(), reason: z.string().nullable(), by: ZPersonShown.nullable(), at: z.string() })),
  entries: z.array(z.object({ id: z.string(), kind: z.enum(ENTRY_KINDS), on: z.string(), by: ZPersonShown.nullable(), text: z.string(), recordedAt: z.string(), frozen: z.boolean() })),
  evidence: z.array(ZEvidenceSummary).describe(`the first ${CASE_PAGE_EVIDENCE} items, in the order they were added; the rest through /cases/{ref}/evidence`),
  evidenceTotal: z.number().describe('how many items of evidence the case has'),
});
export const ZEvidencePage = z.object({ items: z.array(ZEvidenceSummary), total: z.number() });

export const ZTransferOut = z.object({
  seq: z.number(), releasedBy: ZPersonShown, receivedBy: ZPersonShown, at: z.string(), purpose: z.string(), condition: z.string(),
  sealIntact: z.boolean(), releaserConfirmed: z.boolean(), receiverConfirmed: z.boolean(), sha256: z.string().nullable(),
});
export const ZEvidence = ZEvidenceSummary.extend({
  case: z.object({ id: z.string(), code: z.string(), state: z.enum(CASE_STATES), ...labelOut, marking: z.string().describe("what a paper copy is marked with at its top and bottom (SECRET / BREACH): the case's label joined with those of the people it names; empty when public") })
    .describe("the case it belongs to, with the case's label, which is its evidence's too"),
  chain: z.array(ZTransferOut),
  chainBreaks: z.array(z.object({ index: z.number(), problem: z.string() })),
  handover: z.object({
    releasedBy: ZPersonShown, receivedBy: ZPersonShown, releasedAt: z.string(), purpose: z.string(), condition: z.string(), sealIntact: z.boolean(), sha256: z.string().nullable(),
    youReceive: z.boolean().describe('you are the receiver: yours to confirm or decline'), youReleased: z.boolean().describe('you released it: yours to withdraw'),
  }).nullable().describe('a release awaiting its receiver\'s confirmation; custody has not passed yet'),
});

export const ZRequestSummary = z.object({
  id: z.string(), code: z.string(), kind: z.enum(REQUEST_KINDS), state: z.enum(REQUEST_STATES),
  requestingVillage: ZVillage, requestedVillage: ZVillage, createdAt: z.string(), ...labelOut,
});
export const ZRequestList = z.object({ items: z.array(ZRequestSummary), total: z.number() });
export const ZRequest = ZRequestSummary.extend({
  basis: z.string(), grounds: z.array(z.string()), version: z.number(),
  persons: z.array(ZPersonShown), draftedBy: ZPersonShown.nullable(),
  case: z.object({ id: z.string(), code: z.string() }).nullable().describe("the case it belongs to; null too when the reader may not see that case (a link shows only with both its ends)"),
  steps: z.array(z.object({
    seq: z.number(), transition: z.string(), from: z.string(), to: z.string(), grounds: z.array(z.string()), by: ZPersonShown.nullable(), at: z.string(),
    notice: z.string(), noticeVia: z.enum(['hawk', 'record']), noticeMessage: z.string().nullable(), noticeNote: z.string().nullable(),
  })),
});
