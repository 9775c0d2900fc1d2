// Zod building blocks for input that reaches the database: text that both SQLite and PostgreSQL
// store faithfully, dates, ids, paging.
import { z } from 'zod';
import { humanIssue, validationError } from './errors.ts';
import { MAX_CODE_LENGTH } from './code-series.ts';

// PostgreSQL refuses NUL in text, and lone surrogates cannot be stored as UTF-8; both are
// rejected here, with a message, instead of surfacing later as a database error.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
// Bidirectional overrides and isolates reorder how the text around them is shown, so a name can
// read differently on screen from what is stored and searched ("Trojan Source" spoofing).
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;
// Text that shows nothing: blanks, zero-width and other format characters, Hangul fillers, the
// blank braille cell. A name made only of these looks empty but is not, so it passes "required".
const INVISIBLE_ONLY = /^[\p{White_Space}\p{Default_Ignorable_Code_Point}\p{Cf}\u2800]+$/u;
// Accents with no letter to sit on ("\u0301\u0301"): they stack on whatever is shown before them.
const MARKS_ONLY = /^[\p{M}\p{White_Space}\p{Default_Ignorable_Code_Point}\p{Cf}\u2800]+$/u;

/** Text as every module accepts it: well-formed, no control or bidirectional-override characters, not only invisible ones; trimmed. */
export function text(max = 500) {
  return z
    .string()
    .max(max, { message: `must be at most ${max} characters` })
    .refine((s) => s.isWellFormed(), { message: 'contains invalid Unicode (a lone surrogate)' })
    .refine((s) => !CONTROL.test(s), { message: 'contains a control character' })
    .refine((s) => !BIDI_CONTROL.test(s), { message: 'contains a bidirectional override or isolate (U+202A–U+202E, U+2066–U+2069), which can make text show differently from what it is; remove it' })
    .refine((s) => s.trim() === '' || !INVISIBLE_ONLY.test(s), { message: 'is made only of invisible characters (zero-width, format or blank characters); write visible text' })
    .refine((s) => s.trim() === '' || INVISIBLE_ONLY.test(s) || !MARKS_ONLY.test(s), { message: 'is made only of combining marks (accents with no letter under them); write the letters too' })
    .transform((s) => s.trim());
}

/**
 * The first `max` UTF-16 units of a text, one fewer when the cut would fall inside a surrogate
 * pair (an emoji): half a pair is a lone surrogate, which SQLite then stores as invalid UTF-8 and a
 * strict JSON reader refuses (outside attack, session 31: a reply's "Re: " subject, an error's detail).
 */
export function textPrefix(s: string, max: number): string {
  if (s.length <= max) return s;
  const code = s.charCodeAt(max - 1);
  return s.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}

export function requiredText(max = 500) {
  return text(max).refine((s) => s.length > 0, { message: 'must not be empty' });
}

/** A calendar date, YYYY-MM-DD, that exists. */
// Each check stops the next (abort): "2026-2-3" is told its form only, not also that it is no date.
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date written YYYY-MM-DD', abort: true })
  .refine((s) => {
    const d = new Date(s + 'T00:00:00Z');
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, { message: 'is not a real calendar date', abort: true })
  // PostgreSQL has no year 0 (and JavaScript calls it 1 BC): years run from 0001 to 9999.
  .refine((s) => s >= '0001-01-01', { message: 'must be in the years 0001 to 9999' });

/**
 * How long a reference may be: a code works wherever an id does, and the longest code (its label's
 * mark in many long compartments) with a suffix such as an item's `/E-01`.
 */
export const MAX_REF_LENGTH = MAX_CODE_LENGTH + 20;

export const id = z
  .string()
  .min(1)
  .max(MAX_REF_LENGTH)
  .regex(/^[A-Za-z0-9_.:\-/]+$/, { message: 'is not a valid id' });

/**
 * A whole number from a query string (or a number from code): digits only. `z.coerce.number()`
 * would also take "0x10", "1e2", " 5" and "" (as 0), which nobody means as a page size.
 */
export const wholeNumber = (min: number, max: number) =>
  // The union's own message: without it a query such as limit=abc or limit=1e3 was refused with zod's bare "Invalid input".
  z.union([z.number(), z.string().regex(/^[0-9]{1,16}$/, { message: 'must be a whole number written in digits' }).transform(Number)], { error: 'must be a whole number written in digits' })
    .pipe(z.number().int().min(min).max(max));

export const paging = {
  limit: wholeNumber(1, 500).default(50),
  offset: wholeNumber(0, 10_000_000).default(0),
};

export const ZErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.array(z.object({ path: z.string().optional(), message: z.string() }).passthrough()),
  }),
});

/**
 * Parses a service's input with zod and reports every bad field by its path under `at` ("body"),
 * dotted, a list item by its index (`body.to.0.person`), as every error path of the API is written:
 * give `at` the same way (`statutes.3`), or a path comes out half in one style and half in another.
 */
export function parseInput<S extends z.ZodTypeAny>(schema: S, input: unknown, at = 'body'): z.output<S> {
  const r = schema.safeParse(input);
  if (!r.success) {
    throw validationError(r.error.issues.map((i) => ({ path: [at, ...i.path].join('.'), message: humanIssue(i.message, i.code, input, i.path) })));
  }
  return r.data;
}
