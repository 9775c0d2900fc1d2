// Writing council minutes. The clerk drafts them from the record once the session is adjourned,
// edits the draft (If-Match against the version read), and records their approval. The Council
// approves its minutes at a later sitting by its own decision; Sandstone does not model that
// decision as a vote: the clerk records that it was taken (who recorded it, when, and optionally
// at which sitting). From then on the minutes are immutable — refused here with a message, and by
// a trigger in the database whatever the code — and their text joins the statute book's search.
import { sql } from 'kysely';
import { authorize, inTx, transact, type AppContext, type Tx } from '../../kernel/context.ts';
import { auditedAt } from '../../kernel/auth/labels.ts';
import { isWithheld, resolveReference, showAccountNames } from '../../kernel/references.ts';
import { MinutesErrors } from './legislature.errors.ts';
import { checkBillMentions } from './bill-mentions.ts';
import { parseInput } from './legislature.schema.ts';
import { minutesOf } from './minutes.ts';
import { getMinutes, storedMinutes, storedMinutesOf, type StoredMinutes } from './minutes.read.ts';
import { ZMinutesApprove, ZMinutesDraft, ZMinutesEdit, type TMinutesApprove, type TMinutesDraft, type TMinutesEdit } from './minutes.schema.ts';
import { replaceSearchDocs } from './search-index.ts';
import { getSession, visibleSession, type StoredSession } from './sessions.read.ts';
import { villageDay } from '../../kernel/village-time.ts';

const MANAGE = 'legislature.session.manage';
const CHANGED = 'legislature.session.changed';
const actorName = (tx: Tx) => tx.actor.username ?? tx.actor.kind;

async function forClerk(ctx: AppContext, code: string): Promise<StoredSession> {
  const s = await visibleSession(ctx, code);
  await authorize(ctx, MANAGE, s.label, { type: 'minutes', id: s.id });
  return s;
}

/**
 * The record's minutes as a reader cleared exactly to the session's label reads them: the stored
 * text then names no one (and quotes no statute) that a reader of the minutes may not see, however
 * high the clerk's own clearance.
 */
async function generatedText(ctx: AppContext, s: StoredSession): Promise<string> {
  const asLabel: AppContext = {
    ...ctx, tx: undefined,
    actor: { kind: 'user', role: 'public', username: ctx.actor.username, clearance: { level: s.label.classification, compartments: [...s.label.compartments] } },
  };
  return minutesOf(await getSession(asLabel, s.code)).text;
}

/** Why stored minutes may not change (ctx inside the write's transaction: SQLite has one connection): approved (with when and by whom), or not at the version the writer read. */
async function mustBeEditable(ctx: AppContext, s: StoredSession, m: StoredMinutes | null, expected: number | undefined): Promise<StoredMinutes> {
  if (!m) throw MinutesErrors.notDrafted(s.code);
  if (m.status === 'approved') {
    const by = m.approvedBy ? (await showAccountNames(ctx, [m.approvedBy])).get(m.approvedBy) : null;
    throw MinutesErrors.approved(s.code, villageDay(m.approvedAt!), !by || isWithheld(by) ? 'the clerk' : by);
  }
  if (expected === undefined) throw MinutesErrors.versionRequired(s.code);
  if (expected !== m.version) throw MinutesErrors.stale(s.code, expected, m.version);
  return m;
}

/** Drafts the minutes from the record (or drafts them again, replacing an unapproved draft). */
export async function draftMinutes(ctx: AppContext, code: string, input: TMinutesDraft) {
  const p = parseInput(ZMinutesDraft, input);
  const s = await forClerk(ctx, code);
  if (s.status !== 'adjourned') throw MinutesErrors.notAdjourned(s.code, s.status);
  const text = await generatedText(ctx, s);
  await transact(ctx, async (tx) => {
    const had = await storedMinutes(tx.db, s.id);
    const at = tx.now.toISOString();
    if (had) {
      if (had.status === 'approved') await mustBeEditable(inTx(ctx, tx), s, had, had.version);
      if (!p.regenerate) throw MinutesErrors.exist(s.code, had.version);
      const r = await tx.db.updateTable('legislature_minutes').set({
        text, generated_at: at, generated_by: actorName(tx), edited_at: null, edited_by: null, version: sql`version + 1`, updated_at: at,
      }).where('session_id', '=', s.id).where('version', '=', had.version).where('status', '=', 'draft').executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) throw MinutesErrors.stale(s.code, had.version, had.version + 1);
    } else {
      // Two clerks drafting at once: the primary key takes one; the other is told they exist.
      const r = await tx.db.insertInto('legislature_minutes').values({
        session_id: s.id, text, status: 'draft', generated_at: at, generated_by: actorName(tx),
        classification: s.label.classification, compartments: JSON.stringify(s.label.compartments), version: 1, created_at: at, updated_at: at,
      }).onConflict((oc) => oc.column('session_id').doNothing()).executeTakeFirst();
      if (Number(r.numInsertedOrUpdatedRows ?? 0) !== 1) throw MinutesErrors.exist(s.code, 1);
    }
    tx.audit({ action: MANAGE, objectType: 'minutes', objectId: s.id, ...auditedAt(s.label), detail: { code: s.code, drafted: true, regenerated: !!had } });
    tx.emit(CHANGED, { code: s.code, what: 'minutes', status: 'draft' }, s.label);
  });
  return getMinutes(ctx, s.code);
}

/** The clerk's edit of the draft: the whole text, against the version read. */
export async function editMinutes(ctx: AppContext, code: string, input: TMinutesEdit, expectedVersion: number | undefined) {
  const p = parseInput(ZMinutesEdit, input);
  const s = await forClerk(ctx, code);
  await transact(ctx, async (tx) => {
    const m = await mustBeEditable(inTx(ctx, tx), s, await storedMinutes(tx.db, s.id), expectedVersion);
    await checkBillMentions(inTx(ctx, tx), s.label, p.text, 'body.text');
    const at = tx.now.toISOString();
    const r = await tx.db.updateTable('legislature_minutes').set({ text: p.text, edited_at: at, edited_by: actorName(tx), version: sql`version + 1`, updated_at: at })
      .where('session_id', '=', s.id).where('version', '=', m.version).where('status', '=', 'draft').executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) await raceLost(tx, ctx, s, m.version);
    tx.audit({ action: MANAGE, objectType: 'minutes', objectId: s.id, ...auditedAt(s.label), detail: { code: s.code, edited: true, version: m.version + 1, length: p.text.length } });
    tx.emit(CHANGED, { code: s.code, what: 'minutes', status: 'draft' }, s.label);
  });
  return getMinutes(ctx, s.code);
}

/** A write that lost a race with another: told why as if it had come second (approved, or stale). */
async function raceLost(tx: Tx, ctx: AppContext, s: StoredSession, expected: number): Promise<never> {
  const now = storedMinutesOf(await tx.db.selectFrom('legislature_minutes').selectAll().where('session_id', '=', s.id).executeTakeFirstOrThrow());
  await mustBeEditable(inTx(ctx, tx), s, now, expected);
  throw MinutesErrors.stale(s.code, expected, now.version);
}

/**
 * Records the Council's approval of the draft (read at `expectedVersion`): who recorded it and
 * when, and the sitting that approved them if named (a later sitting than the one minuted). The
 * approved text goes into the statute book's search, labelled like the session.
 */
export async function approveMinutes(ctx: AppContext, code: string, input: TMinutesApprove, expectedVersion: number | undefined) {
  const p = parseInput(ZMinutesApprove, input);
  const s = await forClerk(ctx, code);
  let sitting: string | null = null;
  if (p.sitting !== undefined) {
    const at = await resolveReference(ctx, 'legislature.session', p.sitting.trim().toUpperCase(), { path: 'body.sitting' });
    if (at.id === s.id) throw MinutesErrors.approvedIn(s.code, 'a sitting does not approve its own minutes: name the later sitting that approved them');
    if (String(at.shown.date) < s.date) throw MinutesErrors.approvedIn(s.code, `${at.code} sat on ${String(at.shown.date)}, before the sitting of ${s.date}`);
    sitting = at.id;
  }
  await transact(ctx, async (tx) => {
    const m = await mustBeEditable(inTx(ctx, tx), s, await storedMinutes(tx.db, s.id), expectedVersion);
    const at = tx.now.toISOString();
    const r = await tx.db.updateTable('legislature_minutes').set({ status: 'approved', approved_at: at, approved_by: actorName(tx), approved_in: sitting, version: sql`version + 1`, updated_at: at })
      .where('session_id', '=', s.id).where('version', '=', m.version).where('status', '=', 'draft').executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) await raceLost(tx, ctx, s, m.version);
    await replaceSearchDocs(tx.db, 'minutes', s.id, [{
      versionId: `minutes:${s.id}`, code: s.code, heading: `Minutes of ${s.code}: ${s.title}`, titleNumber: null, body: m.text,
      validFrom: null, validTo: null, repealedOn: null, latest: true, label: s.label,
    }]);
    tx.audit({ action: MANAGE, objectType: 'minutes', objectId: s.id, ...auditedAt(s.label), detail: { code: s.code, approved: true, version: m.version + 1, sitting: p.sitting ?? null } });
    tx.emit(CHANGED, { code: s.code, what: 'minutes', status: 'approved' }, s.label);
  });
  return getMinutes(ctx, s.code);
}
