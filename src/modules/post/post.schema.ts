// The vocabulary of hawk post and the zod schemas of /api/post's requests and answers.
import { z } from 'zod';
import { id, requiredText, text, wholeNumber } from '../../kernel/validation.ts';
import { LEVELS } from '../../kernel/auth/labels.ts';
import { withheldOr } from '../../kernel/references.ts';
import { PRECEDENCES } from './precedence.ts';
import { DELIVERY_STATES } from './delivery-states.ts';

const villageCode = requiredText(40).pipe(z.string().regex(/^[a-z][a-z0-9-]*$/, { message: 'must be a village code such as suna or konoha' }));
const ZCompartments = z.array(requiredText(40).pipe(z.string().regex(/^[A-Z0-9_]+$/, { message: 'must be upper-case letters, digits or _' }))).max(20);

export const ZRecipient = z.union([
  z.object({ person: id, at: villageCode.optional().describe('the village where the person receives it; the home village when absent') }).strict(),
  z.object({ village: villageCode.describe("another village's aviary") }).strict(),
  z.object({ office: id.describe('a registry organization (id or code): one copy, read by its current members cleared for the message') }).strict(),
]);
/** Who a message is from when not from its writer alone: an office, written by one of its current members. */
export const ZFrom = z.object({ office: id.describe('a registry organization (id or code) you are a current member of') }).strict();

/** A record a message points at: its reference kind (e.g. legislature.bill) and its id or code. */
export const ZAttachmentRef = z.object({
  kind: requiredText(80).pipe(z.string().regex(/^[a-z]+\.[a-z_]+$/, { message: 'must be a kind of record such as legislature.bill or sar.operation' })),
  ref: requiredText(200).describe("the record's id, or its code where it has one (B-2026-001, SAR-2026-0001)"),
}).strict();
export const MAX_ATTACHMENTS = 20;

const messageFields = {
  to: z.array(ZRecipient).min(1, { message: 'name at least one recipient' }).max(50),
  subject: requiredText(300),
  body: text(20_000).default(''),
  precedence: z.enum(PRECEDENCES).default('routine'),
  actionRequested: z.boolean().default(false),
  inReplyTo: id.optional(),
  attachments: z.array(ZAttachmentRef).max(MAX_ATTACHMENTS, { message: `at most ${MAX_ATTACHMENTS} attachments: attach a file of them instead` }).default([]),
  classification: z.enum(LEVELS).default('public'),
  compartments: ZCompartments.default([]),
  /** The aviary recording a hawk that came from elsewhere: who sent it, and from which village. */
  sender: id.optional(),
  fromVillage: villageCode.optional(),
  from: ZFrom.optional(),
};
function namedOnce(m: { to: z.infer<typeof ZRecipient>[] }, c: z.RefinementCtx) {
  const seen = new Set<string>();
  m.to.forEach((r, i) => {
    const key = 'person' in r ? `p:${r.person}` : 'office' in r ? `o:${r.office}` : `v:${r.village}`;
    if (seen.has(key)) c.addIssue({ code: 'custom', path: ['to', i], message: 'this recipient is named twice: name each once' });
    seen.add(key);
  });
}
export const ZMessageSend = z.object(messageFields).strict().superRefine(namedOnce);
/** A draft: what a message holds, its recipients possibly not chosen yet. */
export const ZDraft = z.object({ ...messageFields, to: z.array(ZRecipient).max(50).default([]) }).strict().superRefine(namedOnce);
export type TDraft = z.input<typeof ZDraft>;
/** A message's fields once parsed, a draft's or one being sent. */
export type TMessageFields = z.output<typeof ZDraft>;
export type TMessageSend = z.input<typeof ZMessageSend>;

export const ZRoutes = z.object({
  routes: z.array(z.object({
    from: villageCode, to: villageCode,
    distanceKm: z.number().gt(0, { message: 'must be more than 0 km' }).max(20_000),
    // At least 1 km/h: with the longest distance a flight then takes under three years. A speed
    // just above zero (1e-12 km/h) put a letter's due time past the year 9999 and every send to
    // that village failed (outside attack, session 31).
    hawkKmh: z.number().min(1, { message: 'must be at least 1 km/h' }).max(300),
  }).strict().refine((r) => r.from !== r.to, { message: 'a route joins two different villages', path: ['to'] })).max(200),
}).strict();
export type TRoutes = z.input<typeof ZRoutes>;

export const ZRoute = z.object({ from: z.string(), to: z.string(), distanceKm: z.number(), hawkKmh: z.number(), flightMinutes: z.number() });

const ZPerson = withheldOr(z.object({ id: z.string(), name: z.string() }));
const ZOffice = withheldOr(z.object({ id: z.string(), code: z.string().nullable(), name: z.string() }));
const ZAnswerer = z.union([ZPerson, z.object({ office: z.literal(true) })]);
export const ZDelivery = z.object({
  id: z.string(),
  recipient: z.union([z.object({ person: ZPerson }), z.object({ village: z.string() }), z.object({ office: ZOffice })]),
  atVillage: z.string(),
  state: z.enum(DELIVERY_STATES),
  dueAt: z.string(), overdue: z.boolean(),
  releasedAt: z.string().nullable(), eta: z.string().nullable(), deliveredAt: z.string().nullable(), readAt: z.string().nullable(),
  acknowledgedAt: z.string().nullable(), actionedAt: z.string().nullable(),
  /**
   * Who gave each answer: on a person's copy, the person; on an office's copy, the member who did
   * as its current members see it, and `{ office: true }` ("by the office") as anyone else does.
   */
  readBy: ZAnswerer.nullable(), acknowledgedBy: ZAnswerer.nullable(), actionedBy: ZAnswerer.nullable(),
  failedAt: z.string().nullable(), failure: z.string().nullable(), escalatedAt: z.string().nullable(),
});
/** An attachment as its reader sees it: what the record's module shows of it, or withheld. */
export const ZAttachment = z.object({ kind: z.string(), id: z.string().nullable(), shown: withheldOr(z.record(z.string(), z.unknown())) });
export const ZMessage = z.object({
  id: z.string(), code: z.string(),
  sender: ZPerson.nullable(), fromVillage: z.string(),
  /** Sent from an office: shown as "<office> (by <sender>)". */
  fromOffice: ZOffice.nullable(),
  subject: z.string(), body: z.string(),
  precedence: z.enum(PRECEDENCES), actionRequested: z.boolean(), inReplyTo: z.string().nullable(),
  acceptedAt: z.string(),
  classification: z.enum(LEVELS), compartments: z.array(z.string()),
  attachments: z.array(ZAttachment),
  deliveries: z.array(ZDelivery),
});
export type TMessage = z.infer<typeof ZMessage>;

/** One item of a pigeon hole: the message as its recipient sees it, with their own delivery. */
export const ZPigeonHoleItem = ZMessage.omit({ deliveries: true }).extend({ delivery: ZDelivery });
export const ZPigeonHole = z.object({
  items: z.array(ZPigeonHoleItem),
  total: z.number(),
  /** Delivered and not yet read, per precedence (all of them, whatever the filters). */
  unread: z.object({ flash: z.number(), immediate: z.number(), priority: z.number(), routine: z.number(), total: z.number() }),
});
export const ZPigeonHoleQuery = z.object({
  state: z.enum(['unread', 'read', 'acknowledged', 'actioned', 'all']).default('all'),
  precedence: z.enum(PRECEDENCES).optional(),
  q: text(200).optional(),
  limit: wholeNumber(1, 200).default(50),
  offset: wholeNumber(0, 1_000_000).default(0),
}).strict();

export const ZSent = z.object({ items: z.array(ZMessage), total: z.number() });
export const ZSentQuery = z.object({
  /** An office (id or code) the caller is a current member of: what its members sent in its name. */
  office: requiredText(100).optional(),
  limit: wholeNumber(1, 200).default(50),
  offset: wholeNumber(0, 1_000_000).default(0),
}).strict();

export const ZAviaryHawk = z.object({
  code: z.string(), precedence: z.enum(PRECEDENCES), fromVillage: z.string(), toVillage: z.string(),
  state: z.enum(DELIVERY_STATES), acceptedAt: z.string(), releasedAt: z.string().nullable(), eta: z.string().nullable(), deliveredAt: z.string().nullable(), dueAt: z.string(),
});
export const ZAviary = z.object({
  /** Waiting to fly, in the order the aviary sends them. */
  waiting: z.array(ZAviaryHawk),
  inFlight: z.array(ZAviaryHawk),
  /** Landed in the last 24 hours, latest first. */
  arrived: z.array(ZAviaryHawk),
  /** Hawks the reader may not know of: counted, not shown. */
  withheld: z.number(),
});

const ZShownPerson = withheldOr(z.object({ id: z.string(), name: z.string() }));
/** A draft as its author reads it back: the message as saved, recipients shown by name. */
export const ZDraftOut = z.object({
  id: z.string(), version: z.number(), createdAt: z.string(), updatedAt: z.string(),
  to: z.array(z.union([z.object({ person: ZShownPerson, at: z.string().nullable() }), z.object({ village: z.string() }), z.object({ office: ZOffice })])),
  from: z.object({ office: ZOffice }).nullable(),
  subject: z.string(), body: z.string(), precedence: z.enum(PRECEDENCES), actionRequested: z.boolean(), inReplyTo: z.string().nullable(),
  attachments: z.array(z.object({ kind: z.string(), ref: z.string() })),
  classification: z.enum(LEVELS), compartments: z.array(z.string()),
  sender: z.string().nullable(), fromVillage: z.string().nullable(),
});
export type TDraftOut = z.infer<typeof ZDraftOut>;
/** A draft in the list of one's drafts: all but its body (which comes with the draft itself). */
export const ZDraftSummary = ZDraftOut.omit({ body: true });
export const ZDrafts = z.object({ items: z.array(ZDraftSummary), total: z.number() });
export const ZDraftsQuery = z.object({
  limit: wholeNumber(1, 200).default(50),
  offset: wholeNumber(0, 1_000_000).default(0),
}).strict();

export const ZMessageParams = z.object({ id: requiredText(100) }).strict();
export const ZDeliveryParams = z.object({ id: requiredText(100) }).strict();
