// Reading bills: one bill with its sponsors, texts, actions and amendments; the list and the
// drafting board (open assignments, overdue first); a redline between two of a bill's texts.
// Every query filters by the reader's labels in SQL, and a hidden bill is an unknown one.
import type { AppContext } from '../../kernel/context.ts';
import { fromJson, labelVisible } from '../../kernel/db/dialect.ts';
import { readerLabels } from '../../kernel/auth/reader.ts';
import { isWithheld, refuse, showAccountNames, showReferences, UnknownReference, type Withheld } from '../../kernel/references.ts';
import type { Label } from '../../kernel/auth/labels.ts';
import { AppError } from '../../kernel/errors.ts';
import { NEXT_STAGES, OCD_CLASSIFICATION, STAGE_WORDS, type BillStage } from './bill-stages.ts';
import type { Amendment } from './amendments.ts';
import { redline } from './redline.ts';
import { BILL_NOT_FOUND } from './legislature.errors.ts';
import { loadStatutes, textOn, villageToday } from './legislature.read.ts';
import { ASSENT_STATUTE, assentDaysFromText, DEFAULT_ASSENT_DAYS, deemedAssentDay } from './assent.ts';
import { BILL_CODE, type TBill, type TBillSummary } from './bills.schema.ts';

export interface StoredBill {
  id: string; code: string; title: string; summary: string | null; stage: BillStage; stageOn: string;
  drafterId: string | null; draftDue: string | null; draftedOn: string | null; commencement: string | null;
  label: Label; version: number;
}

type Row = Record<string, any>;
const day = (v: unknown): string | null => (v === null || v === undefined ? null : String(v instanceof Date ? v.toISOString() : v).slice(0, 10));
const instant = (v: unknown): string => (v instanceof Date ? v.toISOString() : String(v));

export const billOf = (r: Row): StoredBill => ({
  id: r.id, code: r.code, title: r.title, summary: r.summary ?? null, stage: r.stage, stageOn: day(r.stage_on)!,
  drafterId: r.drafter_id ?? null, draftDue: day(r.draft_due), draftedOn: day(r.drafted_on), commencement: day(r.commencement),
  label: { classification: r.classification, compartments: fromJson<string[]>(r.compartments, []) }, version: Number(r.version),
});

const notFound = (refused: UnknownReference, code: string) =>
  new UnknownReference(BILL_NOT_FOUND, refused.kind as 'not_found' | 'unprocessable',
    `No bill has the code ${JSON.stringify(code.slice(0, 100)).slice(1, -1)}. Check it, or find the bill in the list (/bills).`, refused.details as { path: string; message: string }[], refused.denial);

/** The bill a code names, if the reader may see it; else the same 404 for hidden and unknown. */
export async function visibleBill(ctx: AppContext, rawCode: string): Promise<StoredBill> {
  const code = rawCode.trim().toUpperCase();
  if (!BILL_CODE.test(code)) throw notFound(new UnknownReference(BILL_NOT_FOUND, 'not_found', '', [], { action: 'legislature.read', objectType: 'bill', objectId: rawCode.slice(0, 200), label: null }), rawCode);
  const labels = readerLabels(ctx);
  const r = await ctx.db.selectFrom('legislature_bill as b').selectAll('b').where('b.code', '=', code)
    .$if(labels !== null, (q) => q.where(labelVisible(ctx.dialect, 'b', labels!.maxRank, labels!.compartments)))
    .executeTakeFirst();
  if (r) return billOf(r);
  throw notFound(await refuse(ctx, 'legislature.bill', code), code);
}

/** The drafting assignment as every page shows it: overdue when past due and not handed in. */
export function draftingOf(b: StoredBill, today: string, drafter: unknown) {
  if (!b.drafterId && !b.draftDue) return null;
  const late = b.draftDue && !b.draftedOn && b.draftDue < today ? Math.round((Date.parse(today) - Date.parse(b.draftDue)) / 86_400_000) : 0;
  return { drafter: (drafter ?? null) as any, due: b.draftDue, draftedOn: b.draftedOn, overdue: late > 0, daysLate: late };
}

function summaryOf(b: StoredBill, today: string, drafter: unknown): TBillSummary {
  return {
    code: b.code, title: b.title, stage: b.stage, stageOn: b.stageOn, stageWords: STAGE_WORDS[b.stage],
    drafting: draftingOf(b, today, drafter), commencement: b.commencement, classification: b.label.classification, compartments: [...b.label.compartments],
  };
}

export const amendmentOf = (r: Row): Amendment & { seq: number } => ({
  seq: Number(r.seq), ref: '', code: r.statute_code, op: r.op, path: fromJson<string[]>(r.path, []),
  ...(r.text !== null && r.text !== undefined ? { text: r.text } : {}), ...(r.after_num ? { after: r.after_num } : {}),
  ...(r.new_num ? { newNum: r.new_num } : {}), ...(r.heading ? { heading: r.heading } : {}),
});

export async function billAmendments(db: AppContext['db'], bill: StoredBill): Promise<Amendment[]> {
  const rows = await db.selectFrom('legislature_bill_amendment').selectAll().where('bill_id', '=', bill.id).orderBy('seq').execute();
  return rows.map((r) => ({ ...amendmentOf(r), ref: `${bill.code} amendment ${Number(r.seq)}` }));
}

/**
 * A stage the Council voted names its vote from the reference, as the reader may see it: the bill
 * may be read below the session that voted it, so the stored note never names the session (older
 * rows did; they are written over here too).
 */
function voteAction(a: Row, votes: Map<string, Record<string, unknown> | Withheld>): { note: string; vote: string | null } {
  if (!a.vote_id) return { note: a.note, vote: null };
  const v = votes.get(a.vote_id);
  if (!v || isWithheld(v)) return { note: 'voted in a session withheld from you', vote: null };
  return { note: `${String(v.session)} vote ${Number(v.number)}`, vote: a.vote_id };
}

export async function getBill(ctx: AppContext, code: string): Promise<TBill> {
  const b = await visibleBill(ctx, code);
  const [sponsors, texts, actions, amendments] = await Promise.all([
    ctx.db.selectFrom('legislature_bill_sponsor').select(['person_id']).where('bill_id', '=', b.id).orderBy('seq').execute(),
    ctx.db.selectFrom('legislature_bill_text').selectAll().where('bill_id', '=', b.id).orderBy('seq').execute(),
    ctx.db.selectFrom('legislature_bill_action').selectAll().where('bill_id', '=', b.id).orderBy('seq').execute(),
    ctx.db.selectFrom('legislature_bill_amendment').selectAll().where('bill_id', '=', b.id).orderBy('seq').execute(),
  ]);
  const people = await showReferences(ctx, 'registry.person', [...sponsors.map((s) => s.person_id), ...(b.drafterId ? [b.drafterId] : [])]);
  const names = await showAccountNames(ctx, [...texts.map((t) => t.recorded_by), ...actions.map((a) => a.recorded_by)]);
  const by = (n: string | null) => (n === null ? null : names.get(n) ?? n);
  const votes = await showReferences(ctx, 'legislature.vote', actions.flatMap((a) => (a.vote_id ? [a.vote_id] : [])));
  const latest = texts[texts.length - 1];
  return {
    ...summaryOf(b, villageToday(ctx), b.drafterId ? people.get(b.drafterId) : null),
    id: b.id, summary: b.summary, version: b.version,
    sponsors: sponsors.map((s) => people.get(s.person_id)! as any),
    nextStages: NEXT_STAGES[b.stage].filter((s) => s !== 'enacted').map((s) => ({ stage: s, words: STAGE_WORDS[s] })),
    assent: b.stage === 'passed' ? await assentOf(ctx.db, b.stageOn) : null,
    text: latest ? { seq: Number(latest.seq), text: latest.text, note: latest.note, recordedAt: instant(latest.recorded_at) } : null,
    texts: texts.map((t) => ({ seq: Number(t.seq), note: t.note, recordedAt: instant(t.recorded_at), recordedBy: by(t.recorded_by) })),
    actions: actions.map((a) => ({
      seq: Number(a.seq), stage: a.stage, on: day(a.on_date)!, classification: OCD_CLASSIFICATION[a.stage as BillStage],
      recordedAt: instant(a.recorded_at), recordedBy: by(a.recorded_by), ...voteAction(a, votes),
    })),
    amendments: amendments.map((r) => { const { seq: _s, ref: _r, ...a } = amendmentOf(r); return { ...a, path: [...a.path] }; }),
  };
}

/** Bills the reader may see: by stage, or the drafting board (open assignments, overdue and soonest due first). */
export async function listBills(ctx: AppContext, q: { stage?: BillStage; drafting?: 'open'; limit: number; offset: number }) {
  const labels = readerLabels(ctx);
  let query = ctx.db.selectFrom('legislature_bill as b')
    .$if(labels !== null, (x) => x.where(labelVisible(ctx.dialect, 'b', labels!.maxRank, labels!.compartments)))
    .$if(q.stage !== undefined, (x) => x.where('b.stage', '=', q.stage!))
    .$if(q.drafting === 'open', (x) => x.where('b.draft_due', 'is not', null).where('b.drafted_on', 'is', null));
  const total = Number((await query.select((eb) => eb.fn.countAll().as('c')).executeTakeFirst())?.c ?? 0);
  query = q.drafting === 'open' ? query.orderBy('b.draft_due').orderBy('b.code') : query.orderBy('b.year', 'desc').orderBy('b.number', 'desc').orderBy('b.code', 'desc');
  const rows = await query.selectAll('b').limit(q.limit).offset(q.offset).execute();
  const bills = rows.map(billOf);
  const people = await showReferences(ctx, 'registry.person', bills.flatMap((b) => (b.drafterId ? [b.drafterId] : [])));
  const today = villageToday(ctx);
  return { items: bills.map((b) => summaryOf(b, today, b.drafterId ? people.get(b.drafterId) : null)), total };
}

/** A word-level redline between two of a bill's texts, by their numbers. */
export async function billDiff(ctx: AppContext, code: string, from: number, to: number) {
  const b = await visibleBill(ctx, code);
  const rows = await ctx.db.selectFrom('legislature_bill_text').select(['seq', 'text']).where('bill_id', '=', b.id).where('seq', 'in', [from, to]).execute();
  const text = (n: number, path: string) => {
    const r = rows.find((x) => Number(x.seq) === n);
    if (!r) throw new AppError('LEGISLATURE_BILL_TEXT_NOT_FOUND', 'not_found', `Bill ${b.code} has no text ${n}: its page lists the texts it has.`, [{ path, message: `no text ${n}` }]);
    return r.text as string;
  };
  return { code: b.code, from, to, segments: redline(text(from, 'from'), text(to, 'to')) };
}

/** The days section 3-105(1) in force on `on` gives the Kazekage to assent or return a bill, and where that comes from. */
export async function assentDays(db: AppContext['db'], on: string): Promise<{ days: number; basis: string }> {
  const s = (await loadStatutes(db, [ASSENT_STATUTE], null)).get(ASSENT_STATUTE);
  if (s) {
    try {
      const v = textOn(s, on);
      const days = assentDaysFromText(v.markup);
      if (days !== null) return { days, basis: `section ${ASSENT_STATUTE}(1) as in force on ${on} (from ${v.validFrom})` };
    } catch { /* not in force that day: the default below */ }
  }
  return { days: DEFAULT_ASSENT_DAYS, basis: `${DEFAULT_ASSENT_DAYS} days (no period in section ${ASSENT_STATUTE} in force on ${on})` };
}

/** A bill passed on `passedOn`: the last day of the Kazekage's period, and the day after, when it is treated as signed. */
export async function assentOf(db: AppContext['db'], passedOn: string): Promise<{ by: string; deemedOn: string; basis: string }> {
  const { days, basis } = await assentDays(db, passedOn);
  const deemedOn = deemedAssentDay(passedOn, days);
  return { by: days > 0 ? deemedAssentDay(passedOn, days - 1) : passedOn, deemedOn, basis };
}
