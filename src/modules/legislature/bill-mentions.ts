// Free text written into a record at a label names no bill its readers may not see (SECURITY.md,
// "References"): free text cannot be withheld once written, so a motion, a note on a bill's action,
// an agenda item's title, edited minutes or a bill's own words that name a bill by its code must
// name one visible at the record's label — an unknown code is refused with the very same answer,
// so the refusal tells the writer nothing they could not see. A writer cleared for a bill above the
// record's label could also name it by its title; only such a writer knows the title, so only
// their text is searched for it (an uncleared writer's is not, and learns nothing).
import { type AppContext } from '../../kernel/context.ts';
import { dominates, type Label } from '../../kernel/auth/labels.ts';
import { fromJson, labelVisible } from '../../kernel/db/dialect.ts';
import { readerLabels } from '../../kernel/auth/reader.ts';
import { LegislatureErrors } from './legislature.errors.ts';

/**
 * Text as a reader takes it in, for finding what it names: HTML character references decoded (a page
 * may show them decoded), compatibility forms folded (full-width digits), accents, zero-width and
 * other invisible characters dropped, letters of other scripts that look Latin read as Latin (a
 * Cyrillic В is a B to the eye), every kind of dash one hyphen, every run of white space one space,
 * lower case. Other punctuation stays: it separates words.
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
    .replace(/[^\x00-\x7f]/g, (c) => LOOKALIKE[c] ?? c)
    .replace(/[\p{Pd}\u2212\u2043\ufe63\uff0d]/gu, '-')
    .replace(/\s+/gu, ' ');
}

const NAMED: Readonly<Record<string, string>> = { amp: '&', hyphen: '-', dash: '-', ndash: '-', mdash: '-', minus: '-', nbsp: ' ', shy: '', lt: '<', gt: '>', quot: '"', apos: "'" };
/** Lower-case Cyrillic and Greek letters drawn like Latin ones. */
const LOOKALIKE: Readonly<Record<string, string>> = {
  а: 'a', в: 'b', ь: 'b', е: 'e', ё: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x', і: 'i', ј: 'j', ѕ: 's', ԁ: 'd', ӏ: 'l',
  α: 'a', β: 'b', ε: 'e', ζ: 'z', η: 'h', ι: 'i', κ: 'k', μ: 'm', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x',
};

/**
 * A bill code as read: B, then four digits and a number of three or more, the parts apart by a
 * hyphen, white space, a dot, a slash or an underscore (`B-2026-002`, `B 2026 002`, `b/2026/002`).
 * Glued to a word (`billB-2026-002x`) it still counts when hyphenated; a B ending a word and
 * followed by spaced numbers (`club 2026 1000`) does not, so ordinary prose is not refused.
 */
const CODE_APART = /(?<![a-z])b[ \-./_]{1,3}(\d{4})[ \-./_]{1,3}(\d{3,})(?!\d)/g;
const CODE_HYPHENATED = /b ?- ?(\d{4}) ?- ?(\d{3,})(?!\d)/g;

/** The bill codes a text names (in any of the forms a reader would read as one), upper-cased, in order of first mention. */
export function billCodesIn(text: string): string[] {
  const read = asRead(text);
  const found = [...read.matchAll(CODE_APART), ...read.matchAll(CODE_HYPHENATED)].sort((a, b) => a.index! - b.index!);
  return [...new Set(found.map((m) => `B-${m[1]}-${m[2]}`))];
}

/** Words only: letters and digits as read, one space between words (a title's words, however they are spaced or punctuated). */
const wordsOf = (text: string) => ` ${asRead(text).replace(/[^\p{L}\p{N}]+/gu, ' ').trim()} `;

/** Whether `text` names `title` as a reader would read it: its words in order, whole, however spaced, cased or disguised. */
export function namesTitle(text: string, title: string): boolean {
  const words = wordsOf(title);
  return words.trim() !== '' && wordsOf(text).includes(words);
}

const labelOfRow = (r: { classification: string; compartments: unknown }): Label =>
  ({ classification: r.classification as Label['classification'], compartments: fromJson<string[]>(r.compartments, []) });

/**
 * Refuses (422 at `path`) text to be stored at `label` that names a bill readers at that label may
 * not see: by code (unknown or hidden alike), or, when the writer is cleared for such a bill, by its
 * title (as read: case, spacing, punctuation and look-alike letters aside).
 */
export async function checkBillMentions(ctx: AppContext, label: Label, text: string | null | undefined, path: string): Promise<void> {
  if (!text) return;
  const readerAtLabel = { level: label.classification, compartments: label.compartments };
  const codes = billCodesIn(text);
  if (codes.length) {
    const rows = await ctx.db.selectFrom('legislature_bill').select(['code', 'classification', 'compartments']).where('code', 'in', codes).execute();
    const seen = new Map(rows.map((r) => [String(r.code), labelOfRow(r)]));
    for (const code of codes) {
      const l = seen.get(code);
      if (!l || !dominates(readerAtLabel, l)) throw LegislatureErrors.textNamesBill(code, path);
    }
  }
  const read = wordsOf(text);
  const writer = readerLabels(ctx);
  const visible = await ctx.db.selectFrom('legislature_bill as b').select(['b.code', 'b.title', 'b.classification', 'b.compartments'])
    .$if(writer !== null, (q) => q.where(labelVisible(ctx.dialect, 'b', writer!.maxRank, writer!.compartments))).execute();
  for (const b of visible) {
    if (dominates(readerAtLabel, labelOfRow(b))) continue;
    const title = wordsOf(String(b.title));
    if (title.trim() && read.includes(title)) throw LegislatureErrors.textNamesBillTitle(String(b.code), path);
  }
}
