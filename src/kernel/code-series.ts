// Record codes people quote (`INQ-2026-003`, `M-2026-004`, `B-2026-004`): a prefix, the year
// and a number in order. Numbered across all labels, a code would tell a reader of the third
// inquest that two others exist, even when they may see neither; a gap is a count. So each label
// has a series of its own, and a code of a label other than public carries the label's mark
// (`INQ-2026-S.BREACH-001`): whoever sees a record sees every record of its label, so every run of
// numbers they can see has no gaps but those of records they could once see. Nothing relabels a
// coded record; one that ever did would keep its code and leave a gap in its old series, which
// readers of that series had seen anyway.
//
// That holds only where whoever may see a record may see every record of its label. A record
// shown only to its parties (a letter: its sender and recipients) is not: two letters of one label
// are each hidden from the other's parties, so a number in order, even per label, tells a sender
// that letters they may not read were sent between two of theirs, and roughly when. Such records
// take an unordered code instead (unorderedCode below): the prefix, the year and a random part,
// which counts nothing and says nothing of order.
import { randomBytes } from 'node:crypto';
import type { Tx } from './context.ts';
import { LEVELS, type Label, type Level } from './auth/labels.ts';

const LEVEL_MARK: Readonly<Record<Level, string>> = { public: 'P', restricted: 'R', secret: 'S', top_secret: 'TS' };
const MARK_LEVEL = Object.fromEntries(LEVELS.map((l) => [LEVEL_MARK[l], l])) as Record<string, Level>;

/** Years the village's records use (the legislature's dates keep to the same). */
export const FIRST_YEAR = 1000;
export const LAST_YEAR = 2999;

/** A run of codes: its prefix (upper-case letters), the year and how many digits a number is padded to. */
export interface Series {
  prefix: string;
  year: number;
  /** The label every record of the series carries. */
  label: Label;
  width: number;
}

const sortedCompartments = (l: Label) => [...new Set(l.compartments)].sort();

/**
 * The label's mark in a code: nothing for public, else its level's letter (R, S, TS; P for public
 * in compartments) and each compartment, sorted, after dots: `S.BREACH`, `TS.ANBU.BREACH`. Two
 * labels have one mark only if they are the same label.
 */
export function labelMark(label: Label): string {
  const compartments = sortedCompartments(label);
  if (label.classification === 'public' && compartments.length === 0) return '';
  return [LEVEL_MARK[label.classification], ...compartments].join('.');
}

/** Refuses a prefix or year no code may have (ordered or unordered alike). */
function checkPrefixAndYear(prefix: string, year: number): void {
  if (!/^[A-Z]{1,4}$/.test(prefix)) throw new RangeError(`a code's prefix is one to four capital letters, not ${JSON.stringify(prefix)}`);
  if (!Number.isInteger(year) || year < FIRST_YEAR || year > LAST_YEAR) throw new RangeError(`a code's year runs from ${FIRST_YEAR} to ${LAST_YEAR}, not ${year}`);
}

/** The written code; RangeError for a prefix, year or number a code cannot have. */
export function formatCode(series: Series, number: number): string {
  const { prefix, year, width } = series;
  checkPrefixAndYear(prefix, year);
  if (!Number.isSafeInteger(number) || number < 1) throw new RangeError(`a code's number is a whole number from 1, not ${number}`);
  const mark = labelMark(series.label);
  return `${prefix}-${year}-${mark ? `${mark}-` : ''}${String(number).padStart(width, '0')}`;
}

const CODE_SHAPE = /^([A-Z]{1,4})-(\d{4})-(?:((?:P|R|S|TS)(?:\.[A-Z0-9_]{1,40}){0,20})-)?(\d{1,16})$/;

/**
 * The longest code CODE_SHAPE reads: a prefix of 4, the year, the mark of a top secret label in 20
 * compartments of 40 characters, and 16 digits. Anything that takes a record's code where it takes
 * its id must take this many characters: a label's mark makes codes far longer than ids.
 */
export const MAX_CODE_LENGTH = 4 + 1 + 4 + 1 + (2 + 20 * (1 + 40)) + 1 + 16;

/**
 * The parts of a written code, or null when it is not one. Only the form formatCode writes is read
 * (upper case, compartments sorted, only the padding zeros), so one record has exactly one code.
 */
export function parseCode(text: string, width: number): { prefix: string; year: number; label: Label; number: number } | null {
  const m = CODE_SHAPE.exec(text);
  if (!m) return null;
  const [, prefix, y, mark, digits] = m as unknown as [string, string, string, string | undefined, string];
  const year = Number(y);
  const number = Number(digits);
  if (year < FIRST_YEAR || year > LAST_YEAR || number < 1 || !Number.isSafeInteger(number)) return null;
  if (digits.length !== Math.max(width, String(number).length)) return null;
  let label: Label = { classification: 'public', compartments: [] };
  if (mark !== undefined) {
    const [level, ...compartments] = mark.split('.');
    label = { classification: MARK_LEVEL[level!]!, compartments };
  }
  const series = { prefix: prefix!, year, label, width };
  return formatCode(series, number) === text ? { prefix: prefix!, year, label: { classification: label.classification, compartments: sortedCompartments(label) }, number } : null;
}

/**
 * Takes the next n codes of the series in the caller's transaction: they are the series' own
 * whether or not it commits first, and a rollback gives them back.
 */
export async function reserveCodes(tx: Tx, series: Series, n = 1): Promise<string[]> {
  formatCode(series, 1); // a bad prefix or year is refused before anything is written
  const mark = labelMark(series.label);
  const row = await tx.db.insertInto('kernel_code_series').values({ prefix: series.prefix, year: series.year, mark, last: n })
    .onConflict((oc) => oc.columns(['prefix', 'year', 'mark']).doUpdateSet((eb) => ({ last: eb(eb.ref('kernel_code_series.last'), '+', n) })))
    .returning('last').executeTakeFirstOrThrow();
  const last = Number(row.last);
  return Array.from({ length: n }, (_, i) => formatCode(series, last - n + 1 + i));
}

export async function nextCode(tx: Tx, series: Series): Promise<string> {
  return (await reserveCodes(tx, series, 1))[0]!;
}

/**
 * For a module's migration from a counter of its own, numbered across all labels: the public
 * series go on from its last numbers, so no new public code repeats one given before. (The codes
 * given before keep their numbers, gaps and all.)
 */
export async function carryOverCounters(db: Tx['db'], rows: readonly { prefix: string; year: number; last: number }[]): Promise<void> {
  for (const r of rows) {
    await db.insertInto('kernel_code_series').values({ prefix: r.prefix, year: r.year, mark: '', last: r.last })
      .onConflict((oc) => oc.columns(['prefix', 'year', 'mark']).doUpdateSet({ last: r.last })).execute();
  }
}

/**
 * Crockford's base32: digits and capital letters without I, L, O and U, so no two read alike or
 * aloud as one another (and none spells a word by chance as easily).
 */
export const CROCKFORD_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** Characters in an unordered code's random part (5 bits each: 40 random bits), written in groups of four. */
export const UNORDERED_LENGTH = 8;
const UNORDERED_SHAPE = /^([A-Z]{1,4})-(\d{4})-([0-9A-HJKMNP-TV-Z]{4})-([0-9A-HJKMNP-TV-Z]{4})$/;

/**
 * A code with no order: the prefix, the year and 40 random bits from the operating system's
 * generator (crypto.randomBytes), as two groups of four Crockford characters: `HP-2026-7K3Q-XW9D`.
 * URL-safe, upper case, and it never has the shape of a numbered code (formatCode).
 *
 * A module must use this, not a series, for records visible only to their parties (a letter, seen
 * by its sender and recipients): there a series per label would still count records the reader
 * may not see. Its records' code column must be unique, and the module must draw again when a
 * drawn code is taken (at 40 bits that is rare, but it must not fail the write).
 */
export function unorderedCode(prefix: string, year: number): string {
  checkPrefixAndYear(prefix, year);
  // 40 bits (a safe integer), written as 8 groups of 5 from the most significant: each character uniform.
  const bits = randomCodeBits();
  let part = '';
  for (let i = UNORDERED_LENGTH - 1; i >= 0; i--) part += CROCKFORD_ALPHABET[Math.floor(bits / 2 ** (5 * i)) % 32];
  return `${prefix}-${year}-${part.slice(0, 4)}-${part.slice(4)}`;
}

/**
 * 40 random bits from the operating system's generator, drawn 4 KiB at a time: asked for five
 * bytes at a time it cost more than anything else in writing a letter's message row (bench/post.ts).
 */
const CODE_POOL_BYTES = 4095; // a multiple of 5
let codePool = Buffer.alloc(0);
let codePoolUsed = 0;
function randomCodeBits(): number {
  if (codePoolUsed + 5 > codePool.length) {
    codePool = randomBytes(CODE_POOL_BYTES);
    codePoolUsed = 0;
  }
  const bits = codePool.readUIntBE(codePoolUsed, 5);
  codePoolUsed += 5;
  return bits;
}

/** The prefix and year of an unordered code, or null when the text is not one (exactly as unorderedCode writes it). */
export function parseUnorderedCode(text: string): { prefix: string; year: number } | null {
  const m = UNORDERED_SHAPE.exec(text);
  if (!m) return null;
  const year = Number(m[2]);
  if (year < FIRST_YEAR || year > LAST_YEAR) return null;
  return { prefix: m[1]!, year };
}
