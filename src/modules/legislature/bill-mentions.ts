// Free text written into a record at a label names no bill its readers may not see (SECURITY.md,
// "References"): free text cannot be withheld once written, so a motion, a note on a bill's action,
// an agenda item's title, edited minutes or a bill's own words that name a bill by its code must
// name one visible at the record's label — an unknown code is refused with the very same answer,
// so the refusal tells the writer nothing they could not see. A writer cleared for a bill above the
// record's label could also name it by its title; only such a writer knows the title, so only
// their text is searched for it (an uncleared writer's is not, and learns nothing).
import { type AppContext } from '../../kernel/context.ts';
import { sql } from 'kysely';
import { dominates, levelRank, type Label } from '../../kernel/auth/labels.ts';
import { labelVisible, textHolds } from '../../kernel/db/dialect.ts';
import { readerLabels, storedLabel } from '../../kernel/auth/reader.ts';
import { LegislatureErrors } from './legislature.errors.ts';

/**
 * Text as a reader takes it in, for finding what it names: HTML character references decoded (a page
 * may show them decoded), compatibility forms folded (full-width digits), accents, zero-width and
 * other invisible characters dropped, letters of other scripts that look Latin read as Latin (a
 * Cyrillic В is a B to the eye), other scripts' digits as digits, every kind of dash one hyphen,
 * every run of white space one space, lower case. Other punctuation stays: it separates words.
 */
export function asRead(text: string): string {
  return text
    .replace(/&#x([0-9a-f]{1,6});?|&#(\d{1,7});?|&([a-z]+);/gi, (whole, hex: string | undefined, dec: string | undefined, name: string | undefined) => {
      if (name) return NAMED[name.toLowerCase()] ?? whole;
      const cp = hex ? parseInt(hex, 16) : Number(dec);
      return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : whole;
    })
    .normalize('NFKD')
    .replace(/[\p{M}\p{Cf}]/gu, '')
    .toLowerCase()
    .replace(/[^\x00-\x7f]/gu, (c) => LOOKALIKE[c] ?? digitOf(c) ?? c)
    .replace(/[\p{Pd}\u2212\u2043\ufe63\uff0d]/gu, '-')
    .replace(/\s+/gu, ' ');
}

const NAMED: Readonly<Record<string, string>> = { amp: '&', hyphen: '-', dash: '-', ndash: '-', mdash: '-', minus: '-', nbsp: ' ', shy: '', lt: '<', gt: '>', quot: '"', apos: "'", sol: '/', colon: ':', period: '.', lowbar: '_' };
/** Letters of other scripts (and Latin letters of odd shapes) drawn like the Latin ones, as they are after lower-casing. */
const LOOKALIKE: Readonly<Record<string, string>> = {
  а: 'a', в: 'b', ь: 'b', е: 'e', ё: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x', і: 'i', ј: 'j', ѕ: 's', ԁ: 'd', ӏ: 'l',
  α: 'a', β: 'b', ε: 'e', ζ: 'z', η: 'h', ι: 'i', κ: 'k', μ: 'm', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x',
  ı: 'i', ɑ: 'a', ʙ: 'b', ꜱ: 's', ɡ: 'g', ո: 'n', օ: 'o', ս: 'u', ᏼ: 'b', Ᏼ: 'b', ꞵ: 'b', Ꞵ: 'b', ᑲ: 'b', Ꮪ: 's', ꮪ: 's', ᴏ: 'o', ᴄ: 'c', ᴅ: 'd', ᴇ: 'e', ʜ: 'h', ɪ: 'i', ᴋ: 'k', ʟ: 'l', ᴍ: 'm', ɴ: 'n', ᴘ: 'p', ʀ: 'r', ᴛ: 't', ᴜ: 'u', ᴡ: 'w', ʏ: 'y', ᴢ: 'z',
};
/** A decimal digit of any script as its ASCII digit (its place in its run of ten), or undefined. */
function digitOf(c: string): string | undefined {
  if (!/\p{Nd}/u.test(c)) return undefined;
  let cp = c.codePointAt(0)!;
  let place = 0;
  while (/\p{Nd}/u.test(String.fromCodePoint(cp - 1))) { cp--; place++; }
  return String(place % 10);
}

/**
 * A label's mark as read in a code (`s.anbu`, `ts.anbu.breach`, `r`; kernel/code-series.ts): a
 * level, then compartments after dots. Each compartment ends where a dot or a hyphen begins, so a
 * long run of letters is read once.
 */
const MARK = '(?:ts|p|r|s)(?:\\.[a-z0-9_]+)*';
/**
 * A bill code in its written form: B, a hyphen, the year, a hyphen, the label's mark and a hyphen if
 * it has one, a number of three or more digits — however the hyphens, letters and digits are drawn
 * (see asRead), and glued to words or not.
 */
const CODE_WRITTEN = new RegExp(`b-(?<year>\\d{4})-(?:(?<mark>${MARK})-)?(?<number>\\d{3,})(?!\\d)`, 'g');
/**
 * A bill code with no mark however a reader could still make it out: any few marks or none between
 * its parts (`B 2026 002`, `B∕2026∕002`, `B2026002`), and O for zero. Ordinary prose reads so too
 * ("Plan B - 2026 - 300 ryo"), so only a bill that exists is refused in this form (below). A marked
 * code made out is found by the database instead (codesAsRead, in checkBillMentions).
 */
const CODE_MADE_OUT = /b[^a-z0-9]{0,4}(?<year>\d{4})[^a-z0-9]{0,4}(?<number>\d{3,})(?!\d)/g;

/** A mark as written in the code of its label: upper case, each compartment once, sorted (as labelMark writes it). */
const markOf = (read: string) => {
  const [level, ...compartments] = read.toUpperCase().split('.');
  return [level, ...[...new Set(compartments)].sort()].join('.');
};
const codesMatching = (text: string, form: RegExp) => [...text.matchAll(form)].map((m) => {
  const { year, mark, number } = m.groups!;
  return { at: m.index!, code: `B-${year}-${mark ? `${markOf(mark)}-` : ''}${number}` };
});

/**
 * The bill codes a text names: `written`, in the written form, marked or not (a mark's compartments
 * in any order read as the code of that label: `B-2026-S.ANBU-001`); `madeOut`, the further codes
 * with no mark a reader could make out of it. Upper-cased, each once, in order of mention. A marked
 * code made out (`B 2026 S ANBU 001`) is not listed: see codesAsRead.
 */
export function billCodesIn(text: string): { written: string[]; madeOut: string[] } {
  const read = asRead(text);
  const written = codesMatching(read, CODE_WRITTEN).sort((a, b) => a.at - b.at).map((m) => m.code);
  // O for zero only where it stands among digits of a code: `b-2o26-oo2`.
  const zeroed = read.replace(/(?<=[b\d][^a-z0-9]{0,4}[\do]{0,12})o/g, '0');
  const madeOut = [...codesMatching(read, CODE_MADE_OUT), ...codesMatching(zeroed, CODE_MADE_OUT)].sort((a, b) => a.at - b.at).map((m) => m.code);
  const w = [...new Set(written)];
  return { written: w, madeOut: [...new Set(madeOut)].filter((c) => !w.includes(c)) };
}

/**
 * A text as checkBillMentions searches it for marked codes made out: its Latin letters and digits as
 * read, run together (whatever else stands between them dropped), O read as zero. A marked code is
 * made out in a text however its parts are marked off, or not at all (`B 2026 S ANBU 001`,
 * `B/2026/S.ANBU/OO1`, `B2026SANBU001`), exactly when this holds codeAsRead(code). The mark's
 * letters tell such a code from prose with numbers in it.
 */
export const codesAsRead = (text: string) => asRead(text).replace(/[^a-z0-9]+/g, '').replace(/o/g, '0');
/** A code as codesAsRead holds it: `B-2026-S.ANBU-001` → `b2026sanbu001` (CODE_AS_READ_SQL in the database). */
export const codeAsRead = (code: string) => code.toLowerCase().replace(/[^a-z0-9]/g, '').replace(/o/g, '0');
/** codeAsRead of `b.code`, in SQL (a code holds only capitals, digits, `_`, `.` and `-`). */
const CODE_AS_READ_SQL = sql<string>`replace(lower(replace(replace(replace(b.code, '-', ''), '.', ''), '_', '')), 'o', '0')`;
/** Only a text holding B, a year and a level's letter run together may make out a marked code. */
const MAY_MAKE_OUT_MARKED = /b\d{4}[prst]/;

/** Words only: letters and digits as read, one space between words (a title's words, however they are spaced or punctuated). */
const wordsOf = (text: string) => ` ${asRead(text).replace(/[^\p{L}\p{N}]+/gu, ' ').trim()} `;
/** Letters and digits only: a title written with its words run together. */
const runTogether = (words: string) => words.replace(/ /g, '');

/**
 * A title distinctive enough that naming it names the bill: two words or more and ten letters or
 * more. A bill titled "Budget" is not named by every sentence about a budget.
 */
const isDistinctive = (words: string) => words.trim().includes(' ') && runTogether(words).length >= 10;

/** A text as checkBillMentions searches it for titles: its words as read, run together. */
export const textAsRead = (text: string) => runTogether(wordsOf(text));

/**
 * A title as stored for the search in checkBillMentions (legislature_bill.title_read): its words as
 * read, run together; null when it is not distinctive. A text names the title exactly when
 * textAsRead(text) holds this (words found in order, spaces kept, are found run together too).
 */
export function titleAsRead(title: string): string | null {
  const words = wordsOf(title);
  return isDistinctive(words) ? runTogether(words) : null;
}


/**
 * Refuses (422 at `path`) text to be stored at `label` that names a bill readers at that label may
 * not see: by code (unknown or hidden alike), or, when the writer is cleared for such a bill, by its
 * title (as read: case, spacing, punctuation and look-alike letters aside).
 */
export async function checkBillMentions(ctx: AppContext, label: Label, text: string | null | undefined, path: string): Promise<void> {
  if (!text) return;
  const readerAtLabel = { level: label.classification, compartments: label.compartments };
  const { written, madeOut } = billCodesIn(text);
  if (written.length || madeOut.length) {
    const seen = new Map<string, Label>();
    const all = [...written, ...madeOut];
    // In slices: a long text can hold more codes than a statement takes parameters.
    for (let i = 0; i < all.length; i += 500) {
      const rows = await ctx.db.selectFrom('legislature_bill').select(['code', 'classification', 'compartments']).where('code', 'in', all.slice(i, i + 500)).execute();
      for (const r of rows) seen.set(String(r.code), storedLabel(r));
    }
    // Written as a code, an unknown one is refused like a hidden one (the answer tells nothing). Only
    // made out, an unknown code is prose and passes; a hidden bill's is refused. A hidden bill with no
    // mark is one numbered before bills had a series per label, so this tells the writer no more than
    // the gap it left in the public bills' numbers already does.
    for (const code of written) {
      const l = seen.get(code);
      if (!l || !dominates(readerAtLabel, l)) throw LegislatureErrors.textNamesBill(code, path);
    }
    for (const code of madeOut) {
      const l = seen.get(code);
      if (l && !dominates(readerAtLabel, l)) throw LegislatureErrors.textNamesBill(code, path);
    }
  }
  const writer = readerLabels(ctx);
  const hiddenAtLabel = sql<boolean>`not ${labelVisible(ctx.dialect, 'b', levelRank(label.classification), JSON.stringify([...label.compartments].sort()))}`;
  // A marked code made out (codesAsRead) names a bill of a series of its own label: refused, like a
  // title, only from a writer who may see that bill. Refused from any writer, the answer would tell
  // an uncleared one that a bill of that label and number exists, which a series per label hides; to
  // a writer who may not see it, such a code is prose, as an unknown one is.
  const codesRead = codesAsRead(text);
  if (MAY_MAKE_OUT_MARKED.test(codesRead)) {
    const made = await ctx.db.selectFrom('legislature_bill as b').select('b.code')
      .where('b.code', 'like', 'B-____-%-%')
      .where(textHolds(ctx.dialect, codesRead, CODE_AS_READ_SQL))
      .where(hiddenAtLabel)
      .$if(writer !== null, (q) => q.where(labelVisible(ctx.dialect, 'b', writer!.maxRank, writer!.compartments)))
      .orderBy('b.code').limit(1).executeTakeFirst();
    if (made) throw LegislatureErrors.textNamesBill(String(made.code), path);
  }
  // The database finds the bills whose title the text names (title_read, see titleAsRead) among those
  // the writer may see and readers at the label may not, rather than this reading every bill.
  const together = textAsRead(text);
  const named = await ctx.db.selectFrom('legislature_bill as b').select('b.code')
    .where('b.title_read', 'is not', null)
    .where(textHolds(ctx.dialect, together, 'b.title_read'))
    .where(hiddenAtLabel)
    .$if(writer !== null, (q) => q.where(labelVisible(ctx.dialect, 'b', writer!.maxRank, writer!.compartments)))
    .orderBy('b.code').limit(1).executeTakeFirst();
  if (named) throw LegislatureErrors.textNamesBillTitle(String(named.code), path);
}
