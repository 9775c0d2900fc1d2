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

/** Bill codes as written anywhere in a text (the form of BILL_CODE, any case). */
const BILL_CODES = /\bB-\d{4}-\d{3,}\b/gi;

/** The bill codes a text names, upper-cased, in order of first mention. */
export function billCodesIn(text: string): string[] {
  return [...new Set([...text.matchAll(BILL_CODES)].map((m) => m[0].toUpperCase()))];
}

const labelOfRow = (r: { classification: string; compartments: unknown }): Label =>
  ({ classification: r.classification as Label['classification'], compartments: fromJson<string[]>(r.compartments, []) });

/**
 * Refuses (422 at `path`) text to be stored at `label` that names a bill readers at that label may
 * not see: by code (unknown or hidden alike), or, when the writer is cleared for such a bill, by its
 * exact title (case-insensitive).
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
  const lower = text.toLowerCase();
  const writer = readerLabels(ctx);
  const visible = await ctx.db.selectFrom('legislature_bill as b').select(['b.code', 'b.title', 'b.classification', 'b.compartments'])
    .$if(writer !== null, (q) => q.where(labelVisible(ctx.dialect, 'b', writer!.maxRank, writer!.compartments))).execute();
  for (const b of visible) {
    if (dominates(readerAtLabel, labelOfRow(b))) continue;
    if (lower.includes(String(b.title).toLowerCase())) throw LegislatureErrors.textNamesBillTitle(String(b.code), path);
  }
}
