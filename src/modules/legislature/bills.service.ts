// Writing bills: drafting one (sponsors and a drafter from the registry), its texts, its stages
// (bill-stages.ts decides which may follow), its amendments to the statute book (amendments.ts
// checks they apply), and its enactment — a job of the kernel's timed work on the commencement
// date, scheduled when the Kazekage signs (or the Council overrides a veto), which writes the
// statute versions the amendments give. Passing a bill also schedules its assent by default
// (section 3-105(2)): if the Kazekage has neither signed nor vetoed it when the period ends, the
// system records it as signed.
import { authorize, inTx, transact, type AppContext, type Tx } from '../../kernel/context.ts';
import { validationError } from '../../kernel/errors.ts';
import { toJson } from '../../kernel/db/dialect.ts';
import { newId } from '../../kernel/ids.ts';
import { nextCode, parseCode } from '../../kernel/code-series.ts';
import { join, type Label, sortedLabel } from '../../kernel/auth/labels.ts';
import { labelOfReferences, resolveReference } from '../../kernel/references.ts';
import { schedule, type JobKind } from '../../kernel/jobs/index.ts';
import { advanceRefusal, EXECUTIVE_STAGES, LAW_MAKING_STAGES, sameDayReading, STAGE_WORDS, VOTED_STAGES, type BillStage } from './bill-stages.ts';
import { ASSENT_STATUTE } from './assent.ts';
import { raiseBillForAssent, settleBillOnDesk } from './bill-desk.ts';
import { applyAmendments, AmendmentRefusal, type Amendment, type StatuteState } from './amendments.ts';
import { LegislatureErrors } from './legislature.errors.ts';
import { checkBillMentions, titleAsRead } from './bill-mentions.ts';
import { loadStatutes, textOn, villageToday } from './legislature.read.ts';
import { parseInput, STATUTE_CODE } from './legislature.schema.ts';
import { writeEnactment } from './legislature.service.ts';
import { assentOf, billAmendments, billOf, getBill, visibleBill, type StoredBill } from './bills.read.ts';
import { villageMidnight } from '../../kernel/village-time.ts';
import {
  BILL_CODE_WIDTH, ZBillActionAdd, ZBillAmendments, ZBillCreate, ZBillDrafting, ZBillTextAdd,
  type TBillActionAdd, type TBillAmendments, type TBillCreate, type TBillDrafting, type TBillTextAdd,
} from './bills.schema.ts';

export const ENACT_JOB = 'legislature.bill.enact';
export const DEEMED_ASSENT_JOB = 'legislature.bill.deemed-assent';
const actorName = (tx: Tx) => tx.actor.username ?? tx.actor.kind;
/** Amendments are fixed once the Council has passed the bill. */
const LOCKED: ReadonlySet<BillStage> = new Set(['passed', 'failed', 'signed', 'vetoed', 'veto_overridden', 'enacted']);

/** The bill, for a write: hidden = unknown (404), then the policy against its label. */
async function billForWrite(ctx: AppContext, code: string, action: string): Promise<StoredBill> {
  const b = await visibleBill(ctx, code);
  await authorize(ctx, action, b.label, { type: 'bill', id: b.id });
  return b;
}

/** Inside the transaction: the bill as stored now, its version moved on (a concurrent writer is told to reload). */
async function claim(tx: Tx, b: StoredBill, set: Record<string, unknown> = {}): Promise<StoredBill> {
  const res = await tx.db.updateTable('legislature_bill').set({ ...set, version: b.version + 1, updated_at: tx.now.toISOString() })
    .where('id', '=', b.id).where('version', '=', b.version).executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) {
    const now = await tx.db.selectFrom('legislature_bill').select('version').where('id', '=', b.id).executeTakeFirstOrThrow();
    throw LegislatureErrors.billStale(b.code, b.version, Number(now.version));
  }
  return billOf(await tx.db.selectFrom('legislature_bill').selectAll().where('id', '=', b.id).executeTakeFirstOrThrow());
}

/**
 * The next bill code of the year (the village's) in the bill's label: B-2026-004, B-2026-S.ANBU-001.
 * A series of its own per label, so no code counts bills its readers may not see (SECURITY.md).
 */
const nextBillCode = (tx: Tx, year: number, label: Label) => nextCode(tx, { prefix: 'B', year, label, width: BILL_CODE_WIDTH });

export async function createBill(ctx: AppContext, input: TBillCreate) {
  const p = parseInput(ZBillCreate, input);
  const label = sortedLabel(p);
  await authorize(ctx, 'legislature.bill.create', label);
  await checkBillMentions(ctx, label, p.title, 'body.title');
  await checkBillMentions(ctx, label, p.summary, 'body.summary');
  await checkBillMentions(ctx, label, p.text, 'body.text');
  const today = villageToday(ctx);
  const code = await transact(ctx, async (tx) => {
    const as = inTx(ctx, tx);
    const sponsors = [];
    for (const [i, ref] of p.sponsors.entries()) sponsors.push(await resolveReference(as, 'registry.person', ref, { path: `body.sponsors.${i}` }));
    if (new Set(sponsors.map((s) => s.id)).size !== sponsors.length) {
      throw validationError([{ path: 'body.sponsors', message: 'a sponsor is named twice: name each once' }]);
    }
    const drafter = p.drafter ? await resolveReference(as, 'registry.person', p.drafter, { path: 'body.drafter' }) : null;
    const year = Number(today.slice(0, 4));
    const code = await nextBillCode(tx, year, label);
    const number = parseCode(code, BILL_CODE_WIDTH)!.number;
    const id = newId();
    const at = tx.now.toISOString();
    await tx.db.insertInto('legislature_bill').values({
      id, code, year, number, title: p.title, title_read: titleAsRead(p.title), summary: p.summary ?? null, stage: 'drafted', stage_on: today,
      drafter_id: drafter?.id ?? null, draft_due: p.draftDue ?? null, drafted_on: null, commencement: null, created_by: actorName(tx),
      classification: label.classification, compartments: toJson(label.compartments), version: 1, created_at: at, updated_at: at,
    }).execute();
    await tx.db.insertInto('legislature_bill_sponsor').values(sponsors.map((s, seq) => ({ bill_id: id, seq: seq + 1, person_id: s.id }))).execute();
    await tx.db.insertInto('legislature_bill_action').values({ id: newId(), bill_id: id, seq: 1, stage: 'drafted', on_date: today, note: '', recorded_at: at, recorded_by: actorName(tx) }).execute();
    if (p.text) await tx.db.insertInto('legislature_bill_text').values({ id: newId(), bill_id: id, seq: 1, text: p.text, note: 'first draft', recorded_at: at, recorded_by: actorName(tx) }).execute();
    // The audit record names the people too: labelled with all their labels.
    const named = [...sponsors, ...(drafter ? [drafter] : [])].flatMap((r) => r.labels).reduce(join, label);
    tx.audit({ action: 'legislature.bill.create', objectType: 'bill', objectId: id, classification: named.classification, compartments: [...named.compartments], detail: { code, title: p.title, sponsors: sponsors.map((s) => s.id), drafter: drafter?.id ?? null, draftDue: p.draftDue ?? null } });
    tx.emit('legislature.bill.changed', { code, what: 'created' }, label);
    return code;
  });
  return getBill(ctx, code);
}

export async function addBillText(ctx: AppContext, code: string, input: TBillTextAdd) {
  const p = parseInput(ZBillTextAdd, input);
  const b = await billForWrite(ctx, code, 'legislature.bill.edit');
  if (LOCKED.has(b.stage)) throw LegislatureErrors.billLocked(b.code, b.stage);
  await checkBillMentions(ctx, b.label, p.text, 'body.text');
  await checkBillMentions(ctx, b.label, p.note, 'body.note');
  await transact(ctx, async (tx) => {
    await claim(tx, b);
    const seq = await nextSeq(tx, 'legislature_bill_text', b.id);
    await tx.db.insertInto('legislature_bill_text').values({ id: newId(), bill_id: b.id, seq, text: p.text, note: p.note, recorded_at: tx.now.toISOString(), recorded_by: actorName(tx) }).execute();
    tx.audit({ action: 'legislature.bill.edit', objectType: 'bill', objectId: b.id, classification: b.label.classification, compartments: [...b.label.compartments], detail: { code: b.code, text: seq, note: p.note } });
    tx.emit('legislature.bill.changed', { code: b.code, what: 'text' }, b.label);
  });
  return getBill(ctx, b.code);
}

export async function setBillDrafting(ctx: AppContext, code: string, input: TBillDrafting) {
  const p = parseInput(ZBillDrafting, input);
  const b = await billForWrite(ctx, code, 'legislature.bill.edit');
  await transact(ctx, async (tx) => {
    const drafter = p.drafter ? await resolveReference(inTx(ctx, tx), 'registry.person', p.drafter, { path: 'body.drafter' }) : null;
    const set: Record<string, unknown> = {};
    if (p.drafter !== undefined) set.drafter_id = drafter?.id ?? null;
    if (p.due !== undefined) set.draft_due = p.due;
    if (p.draftedOn !== undefined) set.drafted_on = p.draftedOn;
    const after = await claim(tx, b, set);
    if ((after.drafterId === null) !== (after.draftDue === null)) {
      throw validationError([{ path: after.drafterId ? 'body.due' : 'body.drafter', message: 'a drafting assignment needs both a drafter and a due date (or neither)' }]);
    }
    // The record names the drafter as the bill stands after the change, named now or before (attack a13k).
    const named = join(b.label, await labelOfReferences(ctx, 'registry.person', [after.drafterId], tx.db));
    tx.audit({ action: 'legislature.bill.edit', objectType: 'bill', objectId: b.id, classification: named.classification, compartments: [...named.compartments], detail: { code: b.code, drafting: { drafter: after.drafterId, due: after.draftDue, draftedOn: after.draftedOn } } });
    tx.emit('legislature.bill.changed', { code: b.code, what: 'drafting' }, b.label);
  });
  return getBill(ctx, b.code);
}

/**
 * The amendments with each statute named by its code (a hidden statute is an unknown one: 422
 * naming the amendment), and the texts in force on the date of every statute they name.
 */
async function resolveAmendments(ctx: AppContext, amendments: readonly Amendment[], on: string): Promise<{ resolved: Amendment[]; inForce: Map<string, StatuteState> }> {
  const resolved: Amendment[] = [];
  for (const [i, a] of amendments.entries()) {
    if (a.op === 'insert' && a.path.length === 0) {
      // A new section: its code is new (a code once given is never given again, SECURITY.md).
      if (!STATUTE_CODE.test(a.code)) throw validationError([{ path: `body.amendments.${i}.code`, message: 'a new statute needs a code like 14-203 (title, hyphen, three-digit section)' }]);
      resolved.push(a);
      continue;
    }
    const s = await resolveReference(ctx, 'legislature.statute', a.code, { path: `body.amendments.${i}.code` });
    resolved.push({ ...a, code: s.code! });
  }
  return { resolved, inForce: await textsInForce(ctx.db, resolved, on) };
}

/** The texts in force on a date of the statutes amendments name (checked on saving, re-derived on enacting). */
async function textsInForce(db: AppContext['db'], amendments: readonly Amendment[], on: string): Promise<Map<string, StatuteState>> {
  const inForce = new Map<string, StatuteState>();
  for (const [code, s] of await loadStatutes(db, [...new Set(amendments.map((a) => a.code))], null)) {
    try {
      const v = textOn(s, on);
      inForce.set(code, { heading: v.heading, markup: v.markup });
    } catch { /* not in force that day: an amendment naming it is refused by applyAmendments */ }
  }
  return inForce;
}

/** The next number in one of a bill's numbered lists (texts, actions), inside the writer's transaction. */
async function nextSeq(tx: Tx, table: 'legislature_bill_text' | 'legislature_bill_action', billId: string): Promise<number> {
  const last = await tx.db.selectFrom(table).select((eb) => eb.fn.max('seq').as('n')).where('bill_id', '=', billId).executeTakeFirst();
  return Number(last?.n ?? 0) + 1;
}

function checkAmendments(code: string, inForce: Map<string, StatuteState>, amendments: readonly Amendment[]) {
  try {
    return applyAmendments(inForce, amendments);
  } catch (e) {
    if (!(e instanceof AmendmentRefusal)) throw e;
    throw LegislatureErrors.billAmendments(code, e.problems.map((p) => ({ path: `body.amendments.${Number(p.ref.split(' ').at(-1)) - 1}`, message: `${p.ref}: ${p.message}` })));
  }
}

/** Replaces a bill's amendments (and its commencement date) while the Council has not passed it; they must apply. */
export async function setBillAmendments(ctx: AppContext, code: string, input: TBillAmendments) {
  const p = parseInput(ZBillAmendments, input);
  const b = await billForWrite(ctx, code, 'legislature.bill.edit');
  if (LOCKED.has(b.stage)) throw LegislatureErrors.billLocked(b.code, b.stage);
  const { resolved: amendments, inForce } = await resolveAmendments(ctx, p.amendments.map((a, i) => ({ ...a, ref: `${b.code} amendment ${i + 1}` })), p.commencement ?? villageToday(ctx));
  checkAmendments(b.code, inForce, amendments);
  for (const [i, a] of p.amendments.entries()) {
    await checkBillMentions(ctx, b.label, a.text, `body.amendments.${i}.text`);
    await checkBillMentions(ctx, b.label, a.heading, `body.amendments.${i}.heading`);
  }
  await transact(ctx, async (tx) => {
    await claim(tx, b, { commencement: p.commencement });
    await tx.db.deleteFrom('legislature_bill_amendment').where('bill_id', '=', b.id).execute();
    if (amendments.length) {
      await tx.db.insertInto('legislature_bill_amendment').values(amendments.map((a, i) => ({
        id: newId(), bill_id: b.id, seq: i + 1, statute_code: a.code, op: a.op, path: toJson(a.path), text: a.text ?? null,
        after_num: a.after ?? null, new_num: a.newNum ?? null, heading: a.heading ?? null,
      }))).execute();
    }
    tx.audit({ action: 'legislature.bill.edit', objectType: 'bill', objectId: b.id, classification: b.label.classification, compartments: [...b.label.compartments], detail: { code: b.code, commencement: p.commencement, amendments: amendments.length } });
    tx.emit('legislature.bill.changed', { code: b.code, what: 'amendments' }, b.label);
  });
  return getBill(ctx, b.code);
}

/** How a voted stage comes about, for the refusal of one recorded by hand. */
const BY_VOTE: Readonly<Partial<Record<BillStage, string>>> = {
  passed: 'put the bill\'s reading to "passed" on a council session\'s agenda and open a roll-call vote on it: the bill passes when that vote carries and is closed',
  failed: 'a bill fails when the Council\'s roll-call vote on its third reading, or on the bill as a whole, is lost and closed',
  veto_overridden: 'put the bill\'s reading to "veto overridden" on a council session\'s agenda and open a roll-call vote on it with two thirds of all councillors (sections 3-105(3) and 2-111(2)(a)): the veto is overridden when that vote carries and is closed',
};

/**
 * A stage the Council votes comes only from the closed vote whose result it is: a carried vote on
 * a reading of this bill to that stage, or a lost one for "failed". A reading held the same day as
 * another needs the Council's resolution by two thirds (section 2-114(3)), so only a vote records it.
 */
async function checkVote(ctx: AppContext, b: StoredBill, p: { stage: BillStage; on: string }, voteId: string | undefined) {
  if (voteId === undefined) {
    if (VOTED_STAGES.has(p.stage)) throw LegislatureErrors.billVotedStage(b.code, `${STAGE_WORDS[p.stage]} comes from the Council's vote, not by hand: ${BY_VOTE[p.stage]}`);
    const actions = await ctx.db.selectFrom('legislature_bill_action').select(['stage', 'on_date']).where('bill_id', '=', b.id).execute();
    const held = sameDayReading(actions.map((a) => ({ stage: a.stage as BillStage, date: String(a.on_date instanceof Date ? a.on_date.toISOString() : a.on_date).slice(0, 10) })), { stage: p.stage, date: p.on });
    if (held) {
      throw LegislatureErrors.billStage(b.code, `its ${STAGE_WORDS[held.stage]} was on ${p.on}, and no two readings of a bill take place on the same day unless the Council so resolves by two thirds of all councillors (sections 2-114(3) and 2-111(2)(b)): record the ${STAGE_WORDS[p.stage]} on a later day, or put it to a roll-call vote in a session`);
    }
    return;
  }
  const v = await ctx.db.selectFrom('legislature_vote as v').innerJoin('legislature_session_item as i', 'i.id', 'v.item_id')
    .select(['v.status', 'v.outcome', 'i.bill_id', 'i.bill_stage']).where('v.id', '=', voteId).executeTakeFirst();
  const isResult = v !== undefined && v.status === 'closed' && v.bill_id === b.id
    && (p.stage === 'failed' ? v.outcome === 'failed' : v.outcome === 'passed' && v.bill_stage === p.stage);
  if (!isResult) throw LegislatureErrors.billVotedStage(b.code, `the vote named is not a closed vote of the Council whose result is that the bill is ${STAGE_WORDS[p.stage]}`);
}

/**
 * Records the next stage of a bill, dated and attributed. Signing or vetoing is the Kazekage's;
 * signing needs a commencement date and schedules the enactment on it. "Enacted" is the system's.
 * A stage the Council votes (passed, failed, veto overridden) is recorded only by closing the
 * session vote whose result it is (`opts.voteId`, checked), and names that vote.
 */
export async function recordBillAction(ctx: AppContext, code: string, input: TBillActionAdd, opts: { voteId?: string } = {}) {
  const p = parseInput(ZBillActionAdd, input);
  const b = await visibleBill(ctx, code);
  if (p.stage === 'enacted') throw LegislatureErrors.billByTheSystem(b.code);
  await authorize(ctx, EXECUTIVE_STAGES.has(p.stage) ? 'legislature.bill.sign' : 'legislature.bill.advance', b.label, { type: 'bill', id: b.id });
  // By hand, an action is recorded once it has happened: a reading dated ahead of the village's
  // today would let a later vote pass the bill on days that never came (section 2-114(3) counts
  // readings by the day they are held). A vote's action is dated by its sitting, held on its day.
  await checkBillMentions(ctx, b.label, p.note, 'body.note');
  const today = villageToday(ctx);
  if (opts.voteId === undefined && p.on > today) throw LegislatureErrors.billStageDate(b.code, `${STAGE_WORDS[p.stage]} on ${p.on} would be after today (${today}, village time): record an action on or after the day it takes place, never ahead of it`);
  await checkVote(ctx, b, p, opts.voteId);
  const refusal = advanceRefusal({ stage: b.stage, date: b.stageOn }, { stage: p.stage, date: p.on });
  if (refusal?.reason === 'illegal') throw LegislatureErrors.billStage(b.code, refusal.message);
  if (refusal) throw LegislatureErrors.billStageDate(b.code, refusal.message);
  // Passed without a commencement date, a bill could be neither signed nor amended (amendments are locked once passed).
  if (p.stage === 'passed' && !b.commencement) throw LegislatureErrors.billStage(b.code, 'set its commencement date (with its amendments) before its final passage');
  if (p.stage === 'signed' && !b.commencement) throw LegislatureErrors.billStage(b.code, 'set its commencement date (with its amendments) before it is signed');
  // A bill "comes into force on the day the Kazekage assents to it, unless it states a later day"
  // (2-114(5)): signed after the day it states, it commences on the signing. Overridden, it "becomes
  // law without assent" (3-105(3)), read the same way: from its stated day, or from the override
  // when that day has already gone by.
  const commencement = LAW_MAKING_STAGES.has(p.stage) && (!b.commencement || b.commencement < p.on) ? p.on : b.commencement;
  await transact(ctx, async (tx) => {
    await claim(tx, b, { stage: p.stage, stage_on: p.on, commencement });
    await tx.db.insertInto('legislature_bill_action').values({ id: newId(), bill_id: b.id, seq: await nextSeq(tx, 'legislature_bill_action', b.id), stage: p.stage, on_date: p.on, note: p.note ?? '', recorded_at: tx.now.toISOString(), recorded_by: actorName(tx), vote_id: opts.voteId ?? null }).execute();
    if (LAW_MAKING_STAGES.has(p.stage)) await schedule(tx, ENACT_JOB, villageMidnight(commencement!), { code: b.code }, { key: b.id, label: b.label });
    if (p.stage === 'passed') {
      const on = (await assentOf(tx.db, p.on)).deemedOn;
      await schedule(tx, DEEMED_ASSENT_JOB, villageMidnight(on), { code: b.code, on }, { key: b.id, label: b.label });
      await raiseBillForAssent(tx, b, on, p.urgent === true);
    }
    // Signed or vetoed here (its page, the console) rather than on the desk: the Kazekage's item for
    // it is closed with the outcome, so no desk keeps asking for a decision already made.
    if (p.stage === 'signed' || p.stage === 'vetoed') await settleBillOnDesk(tx, b, p.stage, p.note ?? '');
    tx.audit({ action: EXECUTIVE_STAGES.has(p.stage) ? 'legislature.bill.sign' : 'legislature.bill.advance', objectType: 'bill', objectId: b.id, classification: b.label.classification, compartments: [...b.label.compartments], detail: { code: b.code, stage: p.stage, on: p.on } });
    tx.emit('legislature.bill.changed', { code: b.code, what: 'stage', stage: p.stage }, b.label);
  });
  return getBill(ctx, b.code);
}

/** The enactment job: on the commencement date, the bill's amendments become statute versions, and the bill is enacted. */
export const enactBillJob: JobKind = {
  async run(ctx, job) {
    const code = String(job.payload.code);
    const r = await ctx.db.selectFrom('legislature_bill').selectAll().where('code', '=', code).executeTakeFirst();
    if (!r) throw new Error(`bill ${code} no longer exists`);
    const b = billOf(r);
    if (b.stage === 'enacted') return;
    if (!LAW_MAKING_STAGES.has(b.stage) || !b.commencement) throw new Error(`bill ${code} is ${b.stage}, not signed (or its veto overridden) with a commencement date`);
    const amendments = await billAmendments(ctx.db, b);
    const changes = applyAmendments(await textsInForce(ctx.db, amendments, b.commencement), amendments);
    await transact(ctx, async (tx) => {
      const written = await writeEnactment(tx, { code: b.code, title: b.title, label: b.label }, b.commencement!, changes);
      await claim(tx, b, { stage: 'enacted', stage_on: b.commencement });
      await tx.db.insertInto('legislature_bill_action').values({ id: newId(), bill_id: b.id, seq: await nextSeq(tx, 'legislature_bill_action', b.id), stage: 'enacted', on_date: b.commencement, note: written.length ? `statutes ${written.join(', ')}` : '', recorded_at: tx.now.toISOString(), recorded_by: actorName(tx) }).execute();
      tx.audit({ action: 'legislature.bill.enact', objectType: 'bill', objectId: b.id, classification: b.label.classification, compartments: [...b.label.compartments], detail: { code: b.code, on: b.commencement, statutes: written } });
      tx.emit('legislature.bill.changed', { code: b.code, what: 'stage', stage: 'enacted' }, b.label);
    });
  },
};

/**
 * Assent by default (section 3-105(2)): when the period ends and the bill is still only passed
 * (neither signed nor vetoed), the system records it signed on the day after the period, in
 * force from its stated day or that day, whichever is later, and schedules its enactment.
 */
export const deemedAssentJob: JobKind = {
  async run(ctx, job) {
    const code = String(job.payload.code);
    const on = String(job.payload.on);
    const r = await ctx.db.selectFrom('legislature_bill').selectAll().where('code', '=', code).executeTakeFirst();
    if (!r) throw new Error(`bill ${code} no longer exists`);
    const b = billOf(r);
    if (b.stage !== 'passed') return; // signed or vetoed in time
    const commencement = !b.commencement || b.commencement < on ? on : b.commencement;
    const days = (Date.parse(on) - Date.parse(b.stageOn)) / 86_400_000 - 1;
    await transact(ctx, async (tx) => {
      await claim(tx, b, { stage: 'signed', stage_on: on, commencement });
      const note = `treated as assented to under section ${ASSENT_STATUTE}(2): neither assented to nor returned within ${days} days of ${b.stageOn}`;
      await tx.db.insertInto('legislature_bill_action').values({ id: newId(), bill_id: b.id, seq: await nextSeq(tx, 'legislature_bill_action', b.id), stage: 'signed', on_date: on, note, recorded_at: tx.now.toISOString(), recorded_by: actorName(tx), vote_id: null }).execute();
      await schedule(tx, ENACT_JOB, villageMidnight(commencement), { code: b.code }, { key: b.id, label: b.label });
      await settleBillOnDesk(tx, b, 'signed', note);
      tx.audit({ action: 'legislature.bill.sign', objectType: 'bill', objectId: b.id, classification: b.label.classification, compartments: [...b.label.compartments], detail: { code: b.code, stage: 'signed', on, deemed: true } });
      tx.emit('legislature.bill.changed', { code: b.code, what: 'stage', stage: 'signed' }, b.label);
    });
  },
};
