// The statute book's vocabulary and the zod schemas of its requests and answers (Z… schemas, T… types),
// exactly as /api/legislature's contract gives them.
import { z } from 'zod';
import { withheldOr } from '../../kernel/references.ts';
import { isoDate, requiredText, text } from '../../kernel/validation.ts';
import { LEVELS } from '../../kernel/auth/labels.ts';

export const ZClassification = z.enum(LEVELS);
const ZCompartments = z.array(requiredText(40).pipe(z.string().regex(/^[A-Z0-9_]+$/, { message: 'must be upper-case letters, digits or _' }))).max(20);

/** `T-S`: a title of 1–99 and a section of three digits (100–999), as the citation parser reads them. */
export const STATUTE_CODE = /^[1-9][0-9]?-[1-9][0-9]{2}$/;
export const ZStatuteCode = z.string().regex(STATUTE_CODE, { message: 'must be a statute code like 14-203 (title, hyphen, three-digit section)' });

/** Statute markup can be long (a whole consolidated section), but not unbounded. */
export const MAX_MARKUP = 100_000;
const markup = z.string().max(MAX_MARKUP, { message: `must be at most ${MAX_MARKUP} characters` })
  .refine((s) => s.isWellFormed(), { message: 'contains invalid Unicode (a lone surrogate)' })
  .refine((s) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(s), { message: 'contains a control character' })
  .refine((s) => s.trim().length > 0, { message: 'must not be empty' });

export { parseInput } from '../../kernel/validation.ts';

// ---------- inputs ----------

/**
 * A date of the Council's business (a sitting, a bill's stage, its commencement): a real date in
 * the years 1000 to 2999. Far enough either way for any sitting, and never near the end of the
 * calendar, where a day or a sitting's length added to it would leave the four-digit years that
 * the session codes, the calendar feed and the databases write.
 */
export const councilDate = isoDate.refine((s) => s >= '1000-01-01' && s <= '2999-12-31', { message: 'must be in the years 1000 to 2999' });


export const ZTitleCreate = z.object({
  number: z.number().int().min(1).max(99),
  heading: requiredText(300),
}).strict();
export type TTitleCreate = z.input<typeof ZTitleCreate>;

export const ZStatuteCreate = z.object({
  code: ZStatuteCode,
  heading: requiredText(300),
  markup,
  // A clerk's dates are the Council's (an import's, from real files, may be older).
  validFrom: councilDate,
  reason: requiredText(1000),
  classification: ZClassification.default('public'),
  compartments: ZCompartments.default([]),
}).strict();
export type TStatuteCreate = z.input<typeof ZStatuteCreate>;

export const ZStatuteAmend = z.object({
  validFrom: councilDate,
  markup,
  heading: requiredText(300).optional(),
  reason: requiredText(1000),
}).strict();
export type TStatuteAmend = z.input<typeof ZStatuteAmend>;

export const ZStatuteRepeal = z.object({
  on: councilDate,
  reason: requiredText(1000),
}).strict();
export type TStatuteRepeal = z.input<typeof ZStatuteRepeal>;

export const MAX_CITATION_TEXT = 100_000;
export const ZCitationsResolve = z.object({
  text: z.string().max(MAX_CITATION_TEXT, { message: `must be at most ${MAX_CITATION_TEXT.toLocaleString('en')} characters` })
    .refine((s) => s.isWellFormed(), { message: 'contains invalid Unicode (a lone surrogate)' }),
  at: isoDate.optional(),
}).strict();
export type TCitationsResolve = z.input<typeof ZCitationsResolve>;

export const ZAtQuery = z.object({ at: isoDate.optional() }).strict();
export const ZDiffQuery = z.object({ from: isoDate, to: isoDate }).strict();
export const ZCodeParams = z.object({ code: z.string().min(1).max(100) }).strict();

// ---------- answers ----------

export const ZStatus = z.enum(['in_force', 'repealed', 'not_yet']);
export const ZMadeBy = z.object({ kind: z.enum(['import', 'consolidation', 'bill']), reason: z.string(), ref: z.string().nullable() });
export type TMadeBy = z.infer<typeof ZMadeBy>;

export const ZTitleStatute = z.object({
  code: z.string(), heading: z.string(), status: ZStatus, inForceFrom: z.string(), repealedOn: z.string().nullable(),
  classification: z.string(), compartments: z.array(z.string()),
});
export const ZTitle = z.object({ number: z.number(), heading: z.string(), statutes: z.array(ZTitleStatute) });
export const ZTitles = z.object({ items: z.array(ZTitle) });
export type TTitle = z.infer<typeof ZTitle>;

const ZItem = z.object({ num: z.string(), eId: z.string(), text: z.string() });
const ZParagraph = ZItem.extend({ items: z.array(ZItem) });
const ZSubsection = ZItem.extend({ paragraphs: z.array(ZParagraph) });
export const ZStatuteText = z.object({ code: z.string(), intro: z.string().nullable(), subsections: z.array(ZSubsection) });

export const MINUTES_STATES = ['preview', 'draft', 'approved'] as const;
/** A version made by a bill: the minutes of the sitting whose vote passed the bill (withheld if that session is hidden from you). */
export const ZMinutesLink = withheldOr(z.object({
  session: z.string(), date: z.string(), vote: z.string().describe('GET /api/legislature/votes/{id}'), state: z.enum(MINUTES_STATES), url: z.string(),
}));

export const ZVersion = z.object({
  id: z.string(), seq: z.number(), validFrom: z.string(), validTo: z.string().nullable(), heading: z.string(),
  madeBy: ZMadeBy, recordedAt: z.string(), recordedBy: withheldOr(z.string()).nullable().describe('the account that recorded it; withheld when its person is hidden from you'),
  minutes: ZMinutesLink.nullable(),
});
export const ZTimelineEntry = z.object({ seq: z.number(), validFrom: z.string(), validTo: z.string().nullable(), kind: z.enum(['text', 'repeal']), reason: z.string() });

export const ZStatute = z.object({
  code: z.string(), titleNumber: z.number(), titleHeading: z.string(), heading: z.string(),
  classification: z.string(), compartments: z.array(z.string()), at: z.string(),
  inForceFrom: z.string(), repealedOn: z.string().nullable(),
  version: ZVersion,
  markup: z.string(),
  text: ZStatuteText,
  timeline: z.array(ZTimelineEntry),
});
export type TStatute = z.infer<typeof ZStatute>;

export const ZHistoryItem = ZVersion.extend({ kind: z.enum(['text', 'repeal']) });
export const ZHistory = z.object({
  code: z.string(), heading: z.string(), titleNumber: z.number(), classification: z.string(), compartments: z.array(z.string()),
  inForceFrom: z.string(), repealedOn: z.string().nullable(),
  items: z.array(ZHistoryItem),
});
export type THistory = z.infer<typeof ZHistory>;

const ZSegment = z.object({ op: z.enum(['equal', 'insert', 'delete']), text: z.string() });
export const ZDiff = z.object({
  code: z.string(),
  from: z.object({ date: z.string(), seq: z.number() }),
  to: z.object({ date: z.string(), seq: z.number() }),
  redline: z.object({
    segments: z.array(ZSegment),
    subdivisions: z.array(z.object({
      eId: z.string(), path: z.array(z.string()), level: z.enum(['intro', 'subsection', 'paragraph', 'item']), marker: z.string(),
      change: z.enum(['added', 'removed', 'changed', 'unchanged']), segments: z.array(ZSegment),
    })),
    added: z.array(z.string()), removed: z.array(z.string()), changed: z.array(z.string()),
  }),
});

export const ZResolvedCitation = z.object({
  start: z.number(), end: z.number(), text: z.string(), kind: z.enum(['statute', 'title']),
  code: z.string().nullable(), title: z.number(), eId: z.string(),
  subdivision: z.object({ path: z.array(z.string()), text: z.string(), eId: z.string() }).nullable(),
  range: z.object({ from: z.string(), to: z.string() }).optional(),
  status: z.enum(['in_force', 'repealed', 'not_yet', 'unknown']),
  heading: z.string().nullable(),
  since: z.string().optional(),
  excerpt: z.string().nullable(),
  subdivisionMissing: z.boolean().describe('true when the statute is in force but has no such subdivision (e.g. § 14-203(9) of a section with three subsections)'),
});
export const ZCitationsResolved = z.object({ at: z.string(), citations: z.array(ZResolvedCitation) });
export type TCitationsResolved = z.infer<typeof ZCitationsResolved>;

export const ZTitleCreated = z.object({ number: z.number(), heading: z.string() });

// ---------- the importers' input (importStatutes), checked like any other write ----------

const ZLabelIn = z.object({ classification: ZClassification, compartments: ZCompartments }).strict();
export const ZStatuteImport = z.object({
  code: ZStatuteCode,
  heading: requiredText(300),
  titleNumber: z.number().int().min(1).max(99),
  titleHeading: text(300).optional(),
  label: ZLabelIn.optional(),
  versions: z.array(z.object({
    from: isoDate,
    reason: requiredText(1000),
    markup,
    /** The version's own heading (default: the statute's). */
    heading: requiredText(300).optional(),
    madeBy: z.object({ kind: z.literal('import'), ref: z.string().max(500).nullable() }).strict().optional(),
  }).strict()).min(1, { message: 'a statute needs at least one version' }).max(1000),
  repealed: z.object({ on: isoDate, reason: requiredText(1000) }).strict().nullable().optional(),
}).strict();
export type TStatuteImport = z.input<typeof ZStatuteImport>;
