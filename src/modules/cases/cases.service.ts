// Writing cases: opening one (its code numbered per kind and year in the same transaction), its
// lifecycle through the pure core's caseStep, parties, links, tasks, testimony and findings;
// evidence and its chain of custody through transferRefusal, decided on the chain read under a
// lock on the item; inter-village requests through requestStep, each step noticed to the
// requesting village, the decision raised on the Kazekage's desk. Every write runs in one
// transaction with its audit record and its event; every refusal is the pure core's words.
import { authorize, inTx, transact, type AppContext, type Tx } from '../../kernel/context.ts';
import { boolParam, forUpdate, fromJson, toJson } from '../../kernel/db/dialect.ts';
import { newId } from '../../kernel/ids.ts';
import { villageDay, villageYear } from '../../kernel/village-time.ts';
import { auditedAt, dominates, join, type Label, sortedLabel } from '../../kernel/auth/labels.ts';
import { isAppError, validationError } from '../../kernel/errors.ts';
import { hasAccount, personCleared, personMay } from '../../kernel/auth/accounts.ts';
import { labelOfReferences, resolveReference } from '../../kernel/references.ts';
import { nextCode } from '../../kernel/code-series.ts';
import { parseInput, textPrefix } from '../../kernel/validation.ts';
import { officeHolder, raiseDeskItem, settleDeskItems, type Office } from '../desk/index.ts';
import { HOME_VILLAGE, sendMessage } from '../post/index.ts';
import { caseStep, CASE_CODE_PREFIX, type CaseKind, type CaseState } from './case-lifecycle.ts';
import { requestNotice, requestStep, DENIAL_GROUNDS, DENIAL_GROUND_WORDS, NOTIFIES_REQUESTING_VILLAGE, type DenialGround, type RequestState, type RequestTransition } from './request-lifecycle.ts';
import { currentCustodian, dispositionChangeRefusal, dispositionHolderRefusal, dispositionRefusal, offerRefusal, receiptRefusal, transferOf, type CustodyTransfer, type HandoverOffer, type HandoverReceipt } from './custody.ts';
import { CaseErrors } from './cases.errors.ts';
import {
  ZCaseOpen, ZCaseTransition, ZDisposition, ZEntry, ZEvidenceAdd, ZLink, ZParty, ZRequestDraft, ZRequestStep, ZTask, ZTransfer, ZReceipt, ZHandoverEnd,
  type TCaseOpen, type TCaseTransition, type TEntry, type TEvidenceAdd, type TLink, type TParty, type TRequestDraft, type TRequestStep, type TTransfer, type TReceipt, type THandoverEnd,
} from './cases.schema.ts';
import { caseRow, chainOf, evidenceRow, getCase, getEvidence, getRequest, idsNamedIn, itemOf, pendingOf, people, requestRow, withNames } from './cases.read.ts';
import { storedLabel } from '../../kernel/auth/reader.ts';

/** The desk item the Kazekage decides an inter-village request on (approve or deny). */
export const REQUEST_DECISION_ITEM = 'cases.request.decision';
/** The Kazekage's post in the registry: whoever holds it the day a request goes to legal review decides it. */
export const KAZEKAGE: Office = { organization: 'kazekage-office', post: 'kazekage' };
/** Days the desk gives the Kazekage to decide a request under legal review. */
const DECISION_DAYS = 14;
/** Another village's aviary reads at most this (hawk post's rule): above it the notice is kept on the record only. */
const FOREIGN_CLEARANCE = { level: 'restricted' as const, compartments: [] as string[] };

/** How far ahead of the server's clock a hand-over or collection may be dated (clocks of hand-held devices drift). */
const CLOCK_SKEW_MS = 5 * 60_000;
/**
 * A time after now is refused: a hand-over dated in 2900 would make every later one (each must
 * come after the last) impossible until then, and nothing has been collected in the future.
 */
const afterNow = (path: string, what: string, now: Date) => validationError([{ path, message: `${what} cannot be dated after now (${now.toISOString()})` }]);


/** The next code of a kind in the transaction's year and the record's label: INQ-2026-003, INQ-2026-S.BREACH-001. */
const nextCaseCode = (tx: Tx, kind: CaseKind, label: Label) =>
  nextCode(tx, { prefix: CASE_CODE_PREFIX[kind], year: villageYear(tx.now), label, width: 3 });

// ---------- cases ----------

export async function openCase(ctx: AppContext, input: TCaseOpen) {
  const p = parseInput(ZCaseOpen, input);
  const label = sortedLabel(p);
  await authorize(ctx, 'cases.write', label);
  const parties: { id: string; role: string }[] = [];
  for (const [i, party] of p.parties.entries()) parties.push({ id: (await resolveReference(ctx, 'registry.person', party.person, { path: `body.parties.${i}.person` })).id, role: party.role });
  const seen = new Set<string>();
  for (const [i, party] of parties.entries()) {
    if (seen.has(`${party.id}:${party.role}`)) throw CaseErrors.duplicate(`This person as ${party.role}`, `body.parties.${i}`);
    seen.add(`${party.id}:${party.role}`);
  }
  const id = await transact(ctx, async (tx) => {
    const id = newId();
    const at = tx.now.toISOString();
    const code = await nextCaseCode(tx, p.kind, label);
    await tx.db.insertInto('cases_case').values({
      id, code, kind: p.kind, title: p.title, summary: p.summary, state: 'intake', resolution: null, opened_by: tx.actor.personId ?? null,
      opened_at: at, closed_at: null, classification: label.classification, compartments: toJson(label.compartments), version: 1, created_at: at, updated_at: at,
    }).execute();
    for (const party of parties) await tx.db.insertInto('cases_party').values({ id: newId(), case_id: id, person_id: party.id, role: party.role, added_at: at }).execute();
    tx.audit({ action: 'cases.case.open', objectType: 'cases_case', objectId: id, ...auditedAt(await withParties(ctx, tx, label, parties.map((party) => party.id))), detail: { code, kind: p.kind, parties: parties.length } });
    tx.emit('cases.case.changed', { caseId: id, code, what: 'opened' }, label);
    return id;
  });
  return getCase(ctx, id, false);
}

/** A case the writer may see (else 404, as unknown), then the policy at its label. */
async function writableCase(ctx: AppContext, ref: string, action = 'cases.write') {
  const row = await caseRow(ctx, ref);
  const label = storedLabel(row);
  await authorize(ctx, action, label, { type: 'cases_case', id: row.id });
  return { row, label };
}

export async function transitionCase(ctx: AppContext, ref: string, input: TCaseTransition) {
  const p = parseInput(ZCaseTransition, input);
  const { row } = await writableCase(ctx, ref);
  const refusal = await transact(ctx, async (tx) => {
    const c = await forUpdate(tx.dialect, tx.db.selectFrom('cases_case').selectAll().where('id', '=', row.id)).executeTakeFirstOrThrow();
    const label = storedLabel(c);
    const openTasks = Number((await tx.db.selectFrom('cases_task').select((eb) => eb.fn.countAll().as('n')).where('case_id', '=', c.id).where('state', '=', 'open').executeTakeFirstOrThrow()).n);
    const step = caseStep(c.state as CaseState, p.transition, { resolution: p.resolution ?? null, reason: p.reason ?? null, openTasks });
    if (!step.ok) return { why: step.refusal, path: step.field && `body.${step.field}` };
    if (step.state === 'closed') {
      const items = await tx.db.selectFrom('cases_evidence').select(['code', 'disposition']).where('case_id', '=', c.id).orderBy('seq').execute();
      const why = dispositionRefusal('closed', items.map((i) => ({ code: i.code, disposition: i.disposition ?? null })));
      if (why !== null) return { why };
    }
    const at = tx.now.toISOString();
    const seq = Number((await tx.db.selectFrom('cases_step').select((eb) => eb.fn.countAll().as('n')).where('case_id', '=', c.id).executeTakeFirstOrThrow()).n) + 1;
    await tx.db.insertInto('cases_step').values({
      id: newId(), case_id: c.id, seq, transition: p.transition, from_state: c.state, to_state: step.state,
      resolution: step.state === 'closed' ? p.resolution! : null, reason: p.reason ?? null, by_person: tx.actor.personId ?? null, at,
    }).execute();
    await tx.db.updateTable('cases_case').set({
      state: step.state, resolution: step.state === 'closed' ? p.resolution! : step.state === 'reopened' ? null : c.resolution,
      closed_at: step.state === 'closed' ? at : step.state === 'reopened' ? null : c.closed_at, version: Number(c.version) + 1, updated_at: at,
    }).where('id', '=', c.id).execute();
    tx.audit({ action: 'cases.case.transition', objectType: 'cases_case', objectId: c.id, ...auditedAt(label), detail: { code: c.code, transition: p.transition, from: c.state, to: step.state, resolution: p.resolution ?? null, reason: p.reason ?? null } });
    tx.emit('cases.case.changed', { caseId: c.id, code: c.code, what: p.transition }, label);
    return null;
  });
  if (refusal !== null) throw CaseErrors.refused('CASES_TRANSITION_REFUSED', refusal.why, refusal.path);
  return getCase(ctx, row.id, false);
}

/**
 * Under the case's lock, refuses adding to a closed case: a task would leave it closed with one
 * open, and parties, links or testimony would change a record its resolution was given on.
 */
async function stillOpen(tx: Tx, caseId: string, what: string): Promise<void> {
  const c = await forUpdate(tx.dialect, tx.db.selectFrom('cases_case').select(['state', 'code']).where('id', '=', caseId)).executeTakeFirstOrThrow();
  if (c.state === 'closed') throw CaseErrors.refused('CASES_CASE_CLOSED', `case ${c.code} is closed: reopen it, with a reason, to add ${what}`);
}

export async function addParty(ctx: AppContext, ref: string, input: TParty) {
  const p = parseInput(ZParty, input);
  const { row, label } = await writableCase(ctx, ref);
  const person = await resolveReference(ctx, 'registry.person', p.person, { path: 'body.person' });
  await transact(ctx, async (tx) => {
    await stillOpen(tx, row.id, 'a party');
    const held = await tx.db.selectFrom('cases_party').select('id').where('case_id', '=', row.id).where('person_id', '=', person.id).where('role', '=', p.role).executeTakeFirst();
    if (held) throw CaseErrors.duplicate(`This person as ${p.role}`);
    const id = newId();
    await tx.db.insertInto('cases_party').values({ id, case_id: row.id, person_id: person.id, role: p.role, added_at: tx.now.toISOString() }).execute();
    const named = person.labels.reduce(join, label);
    tx.audit({ action: 'cases.party.add', objectType: 'cases_party', objectId: id, ...auditedAt(named), detail: { case: row.code, person: person.id, role: p.role } });
    tx.emit('cases.case.changed', { caseId: row.id, code: row.code, what: 'party' }, named);
  });
  return getCase(ctx, row.id, false);
}

export async function addLink(ctx: AppContext, ref: string, input: TLink) {
  const p = parseInput(ZLink, input);
  const { row, label } = await writableCase(ctx, ref);
  // A mission links once the missions module is installed; until then the kind is not there to name.
  if (!ctx.references?.has(p.kind)) throw CaseErrors.noSuchKind('body.kind', p.kind);
  const record = await resolveReference(ctx, p.kind, p.ref, { path: 'body.ref' });
  await transact(ctx, async (tx) => {
    await stillOpen(tx, row.id, 'a link');
    const held = await tx.db.selectFrom('cases_link').select('id').where('case_id', '=', row.id).where('ref_kind', '=', p.kind).where('ref_id', '=', record.id).executeTakeFirst();
    if (held) throw CaseErrors.duplicate(`This ${p.kind}`);
    const id = newId();
    await tx.db.insertInto('cases_link').values({ id, case_id: row.id, ref_kind: p.kind, ref_id: record.id, note: p.note ?? null, added_at: tx.now.toISOString() }).execute();
    const named = record.labels.reduce(join, label);
    tx.audit({ action: 'cases.link.add', objectType: 'cases_link', objectId: id, ...auditedAt(named), detail: { case: row.code, kind: p.kind, ref: record.id } });
    tx.emit('cases.case.changed', { caseId: row.id, code: row.code, what: 'link' }, named);
  });
  return getCase(ctx, row.id, false);
}

export async function addTask(ctx: AppContext, ref: string, input: { title: string }) {
  const p = parseInput(ZTask, input);
  const { row, label } = await writableCase(ctx, ref);
  await transact(ctx, async (tx) => {
    await stillOpen(tx, row.id, 'a task');
    const id = newId();
    await tx.db.insertInto('cases_task').values({ id, case_id: row.id, title: p.title, state: 'open', created_at: tx.now.toISOString(), done_at: null }).execute();
    tx.audit({ action: 'cases.task.add', objectType: 'cases_task', objectId: id, ...auditedAt(label), detail: { case: row.code, title: p.title } });
    tx.emit('cases.case.changed', { caseId: row.id, code: row.code, what: 'task' }, label);
  });
  return getCase(ctx, row.id, false);
}

export async function completeTask(ctx: AppContext, ref: string, taskId: string) {
  const { row, label } = await writableCase(ctx, ref);
  await transact(ctx, async (tx) => {
    // Read under the lock: of two requests marking it done at once, the second finds it done and records nothing.
    const t = await forUpdate(tx.dialect, tx.db.selectFrom('cases_task').selectAll().where('id', '=', taskId).where('case_id', '=', row.id)).executeTakeFirst();
    if (!t) throw CaseErrors.taskNotFound(taskId);
    if (t.state === 'done') return;
    await tx.db.updateTable('cases_task').set({ state: 'done', done_at: tx.now.toISOString() }).where('id', '=', t.id).execute();
    tx.audit({ action: 'cases.task.done', objectType: 'cases_task', objectId: t.id, ...auditedAt(label), detail: { case: row.code, title: t.title } });
    tx.emit('cases.case.changed', { caseId: row.id, code: row.code, what: 'task' }, label);
  });
  return getCase(ctx, row.id, false);
}

export async function addEntry(ctx: AppContext, ref: string, input: TEntry) {
  const p = parseInput(ZEntry, input);
  const { row, label } = await writableCase(ctx, ref);
  // Testimony is heard and findings are made in the case, so between its opening and today; a
  // statement taken before it was opened comes in as evidence.
  const today = villageDay(ctx.now());
  const opened = villageDay(new Date(row.opened_at));
  if (p.on > today) throw validationError([{ path: 'body.on', message: `must not be after today (${today}): record testimony or a finding once it is given` }]);
  if (p.on < opened) throw validationError([{ path: 'body.on', message: `must not be before ${row.code} was opened (${opened}): a statement taken earlier is added as evidence` }]);
  const by = p.by ? (await resolveReference(ctx, 'registry.person', p.by, { path: 'body.by' })).id : null;
  await transact(ctx, async (tx) => {
    // Read under the lock: a finding and the closing of its case must not cross.
    const c = await forUpdate(tx.dialect, tx.db.selectFrom('cases_case').select(['state', 'code']).where('id', '=', row.id)).executeTakeFirstOrThrow();
    if (p.kind === 'finding' && c.state === 'closed') throw CaseErrors.findingFrozen(c.code);
    if (c.state === 'closed') throw CaseErrors.refused('CASES_CASE_CLOSED', `case ${c.code} is closed: reopen it, with a reason, to add testimony`);
    const id = newId();
    await tx.db.insertInto('cases_entry').values({ id, case_id: row.id, kind: p.kind, on_date: p.on, by_person: by, text: p.text, recorded_at: tx.now.toISOString(), recorded_by: tx.actor.username ?? tx.actor.kind }).execute();
    tx.audit({ action: `cases.${p.kind}.add`, objectType: 'cases_entry', objectId: id, ...auditedAt(await withParties(ctx, tx, label, by ? [by] : [])), detail: { case: row.code, on: p.on, by } });
    tx.emit('cases.case.changed', { caseId: row.id, code: row.code, what: p.kind }, label);
  });
  return getCase(ctx, row.id, false);
}

// ---------- evidence and custody ----------

export async function addEvidence(ctx: AppContext, ref: string, input: TEvidenceAdd) {
  const p = parseInput(ZEvidenceAdd, input);
  const { row, label } = await writableCase(ctx, ref);
  const collector = await resolveReference(ctx, 'registry.person', p.collectedBy, { path: 'body.collectedBy' });
  if (Date.parse(p.collectedAt) > ctx.now().getTime() + CLOCK_SKEW_MS) throw afterNow('body.collectedAt', 'a collection', ctx.now());
  const id = await transact(ctx, async (tx) => {
    const c = await forUpdate(tx.dialect, tx.db.selectFrom('cases_case').select(['state', 'code']).where('id', '=', row.id)).executeTakeFirstOrThrow();
    if (c.state === 'closed') throw CaseErrors.refused('CASES_CASE_CLOSED', `case ${c.code} is closed: reopen it, with a reason, to add evidence`);
    const seq = Number((await tx.db.selectFrom('cases_evidence').select((eb) => eb.fn.max('seq').as('m')).where('case_id', '=', row.id).executeTakeFirst())?.m ?? 0) + 1;
    const id = newId();
    const code = `${c.code}/E-${String(seq).padStart(2, '0')}`;
    const collectedAt = new Date(p.collectedAt).toISOString();
    await tx.db.insertInto('cases_evidence').values({
      id, case_id: row.id, seq, code, description: p.description, quantity: p.quantity, condition: p.condition, seal_number: p.sealNumber || null,
      collected_by: collector.id, collected_at: collectedAt, collected_where: p.collectedWhere, sha256: p.sha256?.toLowerCase() ?? null,
      storage_location: p.storageLocation || null, disposition: null, custodian_id: collector.id, transfers: 0, last_at: collectedAt, created_at: tx.now.toISOString(),
    }).execute();
    tx.audit({ action: 'cases.evidence.add', objectType: 'cases_evidence', objectId: id, ...auditedAt(await withParties(ctx, tx, label, [collector.id])), detail: { case: c.code, code, collectedBy: collector.id, digital: !!p.sha256 } });
    tx.emit('cases.evidence.changed', { caseId: row.id, itemId: id, code, what: 'added' }, label);
    return id;
  });
  return getEvidence(ctx, id, false);
}

const UNIQUE_LINK = /cases_transfer_link_key|UNIQUE constraint failed: cases_transfer\.item_id|cases_handover_pending_key|UNIQUE constraint failed: cases_handover\.item_id/;

/** The desk item a receiver confirms or declines a release on. */
export const RECEIPT_ITEM = 'cases.custody.receipt';
/** Days the desk gives a receiver to confirm a release. */
const RECEIPT_DAYS = 2;

/** A refused custody write: why, whether by someone not party to it (403, audited), and the field it concerns if one. */
type Refusal = { why: string; byOther: boolean; path?: string } | null;

/** A custody write in a transaction holding the item's row: refusals come back (a forbidden one audited, committed), the rest commits. */
async function custodyWrite(ctx: AppContext, e: Record<string, any>, write: (tx: Tx, item: Record<string, any>) => Promise<Refusal>): Promise<void> {
  let refusal: Refusal;
  try {
    refusal = await transact(ctx, async (tx) => write(tx, await forUpdate(tx.dialect, tx.db.selectFrom('cases_evidence').selectAll().where('id', '=', e.id)).executeTakeFirstOrThrow()));
  } catch (err) {
    // The lock makes this unreachable; the unique keys are the last guard should a path ever skip it.
    if (!isAppError(err) && UNIQUE_LINK.test(String((err as Error)?.message))) refusal = { why: `another hand-over of ${e.code} was recorded at the same moment: reload the item and try again`, byOther: false };
    else throw err;
  }
  if (refusal !== null) throw refusal.byOther ? CaseErrors.notHolder(refusal.why) : CaseErrors.refused('CASES_CUSTODY_REFUSED', refusal.why, refusal.path);
}

/**
 * An audit entry's label: the case's, joined with the labels of the people its detail names
 * (a custodian, a collector, a witness, the parties it counts), so the log tells of a hidden
 * person nobody the case page would not tell.
 */
async function withParties(ctx: AppContext, tx: Tx, label: Label, people: string[]): Promise<Label> {
  return join(label, await labelOfReferences(ctx, 'registry.person', people, tx.db));
}

/**
 * A refused custody step's audit record (who tried to take evidence out of whose hands). It names
 * the one who tried, the people in its detail, and those its refusal names, so it is labelled with
 * all of them joined with the case's: the log tells of a hidden person nobody the item's page would
 * not tell. `reason` is the refusal in registry ids, before names replaced them.
 */
async function auditRefusal(ctx: AppContext, tx: Tx, label: Label, r: { action: string; objectId: string; reason: string; names: (string | null | undefined)[]; detail: Record<string, unknown> }): Promise<void> {
  const people = [ctx.actor.personId, ...r.names, ...idsNamedIn(r.reason)].filter((id): id is string => !!id);
  tx.audit({ action: r.action, outcome: 'denied', objectType: 'cases_evidence', objectId: r.objectId, ...auditedAt(await withParties(ctx, tx, label, people)), detail: r.detail });
}

/** A refusal in people's names as the clerk may see them (the chain is decided on ids: two people may share a name). */
async function named(ctx: AppContext, why: string, ids: (string | null | undefined)[]): Promise<string> {
  return withNames(why, await people(ctx, ids));
}

/**
 * Releases an item to a receiver. The releaser is the user, in their own name (naming the holder
 * must not let anyone else take an item out of the holder's hands: refused and audited); custody
 * passes only when the receiver confirms in their own name (confirmReceipt), so a user's release
 * waits for them, on their desk. The console records hand-overs from paper: as named, else by
 * whoever holds the item, and whole at once when the receiver's signature is there
 * (`receiverConfirmed`). The item's row is locked while the chain decides, so of two releases
 * racing for the same item the second reads the first and is refused by the pure core.
 */
export async function transferEvidence(ctx: AppContext, ref: string, input: TTransfer) {
  const p = parseInput(ZTransfer, input);
  const e = await evidenceRow(ctx, ref);
  const label = storedLabel(e);
  await authorize(ctx, 'cases.custody', label, { type: 'cases_evidence', id: e.id });
  const namedReleaser = p.releasedBy ? (await resolveReference(ctx, 'registry.person', p.releasedBy, { path: 'body.releasedBy' })).id : null;
  const user = ctx.actor.kind === 'user';
  const releasedBy = user ? ctx.actor.personId ?? null : namedReleaser ?? e.custodian_id;
  if (!releasedBy) throw CaseErrors.noPerson();
  const inAnothersName = user && namedReleaser !== null && namedReleaser !== releasedBy;
  const receiver = await resolveReference(ctx, 'registry.person', p.receivedBy, { path: 'body.receivedBy' });
  const at = new Date(p.at);
  if (at.getTime() > ctx.now().getTime() + CLOCK_SKEW_MS) throw afterNow('body.at', 'a hand-over', ctx.now());
  const offer: HandoverOffer = {
    releasedBy: inAnothersName ? namedReleaser! : releasedBy, receivedBy: receiver.id, at: at.toISOString(), purpose: p.purpose, condition: p.condition, sealIntact: p.sealIntact,
    releaserConfirmed: p.releaserConfirmed, sha256: p.sha256?.toLowerCase() ?? null,
  };
  const whole = !user && p.receiverConfirmed;
  await custodyWrite(ctx, e, async (tx, item) => {
    const [chain, pending] = await Promise.all([chainOf(tx.db, e.id), pendingOf(tx.db, e.id)]);
    const checked = inAnothersName ? { why: `you may release ${item.code} only in your own name: its holder hands it over themself` } : offerRefusal(itemOf(item), chain, pending, offer);
    if (checked) {
      const why = inAnothersName ? checked.why : await named(inTx(ctx, tx), checked.why, [item.collected_by, offer.releasedBy, offer.receivedBy, pending?.releasedBy, pending?.receivedBy, ...chain.flatMap((t) => [t.releasedBy, t.receivedBy])]);
      // A release by anyone but the holder is refused as forbidden and audited (who tried to take
      // evidence out of whose hands); any other flaw of the hand-over is the clerk's to fix.
      const byOther = inAnothersName || releasedBy !== currentCustodian(itemOf(item), chain);
      if (byOther) await auditRefusal(ctx, tx, label, { action: 'cases.custody.release', objectId: e.id, reason: checked.why, names: [releasedBy, offer.releasedBy, receiver.id], detail: { code: item.code, releasedBy, receivedBy: receiver.id, refusal: why } });
      return { why, byOther, ...(!byOther && checked.field ? { path: `body.${checked.field}` } : {}) };
    }
    if (user && p.receiverConfirmed) {
      throw validationError([{ path: 'body.receiverConfirmed', message: `the receiver confirms receipt in their own name (on the item's page or its desk item): leave this out, and ${item.code} waits for them` }]);
    }
    // The receiver confirms in their own name, so they must be able to see the item: a release to
    // someone whose accounts are none of them cleared for the case would wait for ever. (Someone
    // with no account at all confirms on paper, recorded by the console.)
    if (!whole && user && (await hasAccount(tx.db, receiver.id))) {
      const labelWords = `${label.classification}${label.compartments.length ? ` (${label.compartments.join(', ')})` : ''}`;
      const problem = !(await personCleared(tx.db, receiver.id, label)) ? `has no account cleared for ${labelWords}, so they could not see ${item.code} to confirm its receipt`
        : !(await personMay({ db: tx.db, policy: ctx.policy }, receiver.id, 'cases.custody', label)) ? `has no account whose role may take custody of evidence, so they could neither confirm nor decline ${item.code}` : null;
      if (problem) return { why: await named(inTx(ctx, tx), `${receiver.id} ${problem}: release it to someone cleared for the case who handles evidence`, [receiver.id]), byOther: false };
    }
    // The record names both parties: it is labelled with both, as a refused release is.
    const withParty = await withParties(ctx, tx, label, [offer.releasedBy, receiver.id]);
    if (whole) {
      const transferId = await appendLink(tx, e, item, chain.length + 1, transferOf(offer, { by: offer.receivedBy, at: offer.at, condition: offer.condition, sealIntact: offer.sealIntact, sha256: offer.sha256 }));
      tx.audit({ action: 'cases.custody.release', objectType: 'cases_transfer', objectId: transferId, ...auditedAt(withParty), detail: { code: item.code, seq: chain.length + 1, releasedBy: offer.releasedBy, receivedBy: receiver.id, sealIntact: offer.sealIntact, receivedOnPaper: true } });
    } else {
      const id = newId();
      await tx.db.insertInto('cases_handover').values({
        id, item_id: e.id, released_by: offer.releasedBy, received_by: offer.receivedBy, released_at: offer.at, purpose: offer.purpose, condition: offer.condition,
        seal_intact: boolParam(tx.dialect, offer.sealIntact), releaser_confirmed: boolParam(tx.dialect, offer.releaserConfirmed), sha256: offer.sha256, state: 'pending',
        closed_at: null, closed_by: null, reason: null, transfer_id: null, recorded_at: tx.now.toISOString(), recorded_by: tx.actor.username ?? tx.actor.kind,
      }).execute();
      tx.audit({ action: 'cases.custody.release', objectType: 'cases_handover', objectId: id, ...auditedAt(withParty), detail: { code: item.code, releasedBy: offer.releasedBy, receivedBy: receiver.id, sealIntact: offer.sealIntact, awaitingReceipt: true } });
      await raiseDeskItem(tx, {
        owner: receiver.id, kind: RECEIPT_ITEM, title: `Confirm receipt: ${item.code} (${textPrefix(String(item.description), 200)})`,
        record: { kind: 'cases.evidence', id: e.id }, label, suspense: new Date(tx.now.getTime() + RECEIPT_DAYS * 86400e3), priority: 'normal',
        originator: offer.releasedBy, detail: { code: item.code, handover: id, digital: item.sha256 !== null },
      });
    }
    tx.emit('cases.evidence.changed', { caseId: e.case_id, itemId: e.id, code: item.code, what: whole ? 'transferred' : 'released' }, withParty);
    return null;
  });
  return getEvidence(ctx, e.id, false);
}

/** Adds a link to the item's chain and passes custody to its receiver. */
async function appendLink(tx: Tx, e: Record<string, any>, item: Record<string, any>, seq: number, t: CustodyTransfer): Promise<string> {
  const id = newId();
  await tx.db.insertInto('cases_transfer').values({
    id, item_id: e.id, seq, released_by: t.releasedBy, received_by: t.receivedBy, at: t.at, purpose: t.purpose,
    condition: t.condition, seal_intact: boolParam(tx.dialect, t.sealIntact), releaser_confirmed: boolParam(tx.dialect, t.releaserConfirmed),
    receiver_confirmed: boolParam(tx.dialect, t.receiverConfirmed), sha256: t.sha256, recorded_at: tx.now.toISOString(), recorded_by: tx.actor.username ?? tx.actor.kind,
  }).execute();
  await tx.db.updateTable('cases_evidence').set({ custodian_id: t.receivedBy, transfers: seq, last_at: t.at }).where('id', '=', item.id).execute();
  return id;
}

/**
 * The receiver confirms a release in their own name, with what they found (condition, seal, a
 * digital item's hash computed now): the link joins the chain and custody passes. Anyone but the
 * receiver is refused as forbidden, and audited. The console records a receipt signed on paper.
 */
export async function confirmReceipt(ctx: AppContext, ref: string, input: TReceipt) {
  const p = parseInput(ZReceipt, input);
  const e = await evidenceRow(ctx, ref);
  const label = storedLabel(e);
  await authorize(ctx, 'cases.custody', label, { type: 'cases_evidence', id: e.id });
  const user = ctx.actor.kind === 'user';
  if (user && !ctx.actor.personId) throw CaseErrors.noPerson();
  const at = p.at ? new Date(p.at) : ctx.now();
  if (at.getTime() > ctx.now().getTime() + CLOCK_SKEW_MS) throw afterNow('body.at', 'a receipt', ctx.now());
  await custodyWrite(ctx, e, async (tx, item) => {
    const [chain, pending] = await Promise.all([chainOf(tx.db, e.id), pendingOf(tx.db, e.id)]);
    const receipt: HandoverReceipt = { by: user ? ctx.actor.personId! : pending?.receivedBy ?? '', at: at.toISOString(), condition: p.condition, sealIntact: p.sealIntact, sha256: p.sha256?.toLowerCase() ?? null };
    const refusal = receiptRefusal(itemOf(item), chain, pending, receipt);
    if (refusal) {
      const why = await named(inTx(ctx, tx), refusal.why, [item.collected_by, receipt.by, pending?.releasedBy, pending?.receivedBy, ...chain.flatMap((t) => [t.releasedBy, t.receivedBy])]);
      const byOther = pending !== null && receipt.by !== pending.receivedBy;
      if (byOther) await auditRefusal(ctx, tx, label, { action: 'cases.custody.receive', objectId: e.id, reason: refusal.why, names: [receipt.by, pending.receivedBy], detail: { code: item.code, by: receipt.by, receivedBy: pending.receivedBy, refusal: why } });
      return { why, byOther, ...(!byOther && refusal.field ? { path: `body.${refusal.field}` } : {}) };
    }
    const seq = chain.length + 1;
    const transferId = await appendLink(tx, e, item, seq, transferOf(pending!, receipt));
    await tx.db.updateTable('cases_handover').set({ state: 'confirmed', closed_at: tx.now.toISOString(), closed_by: tx.actor.username ?? tx.actor.kind, transfer_id: transferId }).where('id', '=', pending!.id).execute();
    await settleDeskItems(tx, { record: { kind: 'cases.evidence', id: e.id }, kind: RECEIPT_ITEM, state: 'approved', note: `received at ${receipt.at}; seal ${receipt.sealIntact ? 'intact' : 'broken'}` });
    tx.audit({ action: 'cases.custody.receive', objectType: 'cases_transfer', objectId: transferId, ...auditedAt(await withParties(ctx, tx, label, [pending!.releasedBy, pending!.receivedBy])), detail: { code: item.code, seq, releasedBy: pending!.releasedBy, receivedBy: pending!.receivedBy, sealIntact: receipt.sealIntact, onPaper: !user } });
    tx.emit('cases.evidence.changed', { caseId: e.case_id, itemId: e.id, code: item.code, what: 'transferred' }, label);
    return null;
  });
  return getEvidence(ctx, e.id, false);
}

/**
 * Ends a release without custody passing: the receiver declines it, or the releaser withdraws it
 * (the console may do either, from paper). The item stays with its holder; the reason is kept.
 */
export async function endHandover(ctx: AppContext, ref: string, how: 'declined' | 'withdrawn', input: THandoverEnd) {
  const p = parseInput(ZHandoverEnd, input);
  const e = await evidenceRow(ctx, ref);
  const label = storedLabel(e);
  await authorize(ctx, 'cases.custody', label, { type: 'cases_evidence', id: e.id });
  const user = ctx.actor.kind === 'user';
  if (user && !ctx.actor.personId) throw CaseErrors.noPerson();
  await custodyWrite(ctx, e, async (tx, item) => {
    const pending = await pendingOf(tx.db, e.id);
    if (!pending) return { why: `nothing of ${item.code} awaits a receipt: there is no release to ${how === 'declined' ? 'decline' : 'withdraw'}`, byOther: false };
    const whose = how === 'declined' ? pending.receivedBy : pending.releasedBy;
    if (user && ctx.actor.personId !== whose) {
      const role = how === 'declined' ? `the receiver, ${whose}, declines` : `the releaser, ${whose}, withdraws`;
      const reason = `only ${role} the release of ${item.code}`;
      const why = await named(inTx(ctx, tx), reason, [whose]);
      await auditRefusal(ctx, tx, label, { action: `cases.custody.${how === 'declined' ? 'decline' : 'withdraw'}`, objectId: e.id, reason, names: [ctx.actor.personId, whose], detail: { code: item.code, by: ctx.actor.personId, refusal: why } });
      return { why, byOther: true };
    }
    await tx.db.updateTable('cases_handover').set({ state: how, closed_at: tx.now.toISOString(), closed_by: tx.actor.username ?? tx.actor.kind, reason: p.reason }).where('id', '=', pending.id).execute();
    await settleDeskItems(tx, { record: { kind: 'cases.evidence', id: e.id }, kind: RECEIPT_ITEM, state: 'denied', note: `${how}: ${p.reason}` });
    tx.audit({ action: `cases.custody.${how === 'declined' ? 'decline' : 'withdraw'}`, objectType: 'cases_handover', objectId: pending.id, ...auditedAt(await withParties(ctx, tx, label, [pending.releasedBy, pending.receivedBy])), detail: { code: item.code, releasedBy: pending.releasedBy, receivedBy: pending.receivedBy, reason: p.reason } });
    tx.emit('cases.evidence.changed', { caseId: e.case_id, itemId: e.id, code: item.code, what: how }, label);
    return null;
  });
  return getEvidence(ctx, e.id, false);
}

export async function setDisposition(ctx: AppContext, ref: string, input: { disposition: string }) {
  const p = parseInput(ZDisposition, input);
  const e = await evidenceRow(ctx, ref);
  const label = storedLabel(e);
  await authorize(ctx, 'cases.write', label, { type: 'cases_evidence', id: e.id });
  // Under the item's lock, as custody writes are: a disposition and a receipt must not cross.
  await custodyWrite(ctx, e, async (tx, item) => {
    // A user records a physical disposition only with the item in hand; the console records one
    // from paper, as it records hand-overs.
    if (ctx.actor.kind === 'user') {
      const by = ctx.actor.personId ?? null;
      const holder = currentCustodian(itemOf(item), await chainOf(tx.db, e.id));
      const notHeld = dispositionHolderRefusal(item.code, p.disposition, holder, by);
      if (notHeld) {
        const why = await named(inTx(ctx, tx), notHeld, [holder]);
        await auditRefusal(ctx, tx, label, { action: 'cases.evidence.dispose', objectId: e.id, reason: notHeld, names: [holder, by], detail: { code: item.code, disposition: p.disposition, holder, refusal: why } });
        return { why, byOther: true };
      }
    }
    const refusal = dispositionChangeRefusal(e.code, item.disposition ?? null, p.disposition, (await pendingOf(tx.db, e.id)) !== null);
    if (refusal) throw CaseErrors.refused('CASES_DISPOSITION_REFUSED', refusal);
    await tx.db.updateTable('cases_evidence').set({ disposition: p.disposition }).where('id', '=', e.id).execute();
    tx.audit({ action: 'cases.evidence.dispose', objectType: 'cases_evidence', objectId: e.id, ...auditedAt(label), detail: { code: e.code, disposition: p.disposition, before: item.disposition ?? null } });
    tx.emit('cases.evidence.changed', { caseId: e.case_id, itemId: e.id, code: e.code, what: 'disposition' }, label);
    return null;
  });
  return getEvidence(ctx, e.id, false);
}

// ---------- inter-village requests ----------

export async function draftRequest(ctx: AppContext, input: TRequestDraft) {
  const p = parseInput(ZRequestDraft, input);
  const label = sortedLabel(p);
  await authorize(ctx, 'cases.write', label);
  const requesting = await resolveReference(ctx, 'registry.village', p.requestingVillage, { path: 'body.requestingVillage' });
  const requested = await resolveReference(ctx, 'registry.village', p.requestedVillage, { path: 'body.requestedVillage' });
  if (requesting.id === requested.id) throw validationError([{ path: 'body.requestedVillage', message: 'a village does not ask itself: the requested village must be another' }]);
  // The register is the Sand's: it records what Suna asks of others and what others ask of Suna.
  // A request between two other villages is not Suna's to draft, nor its steps Suna's to take.
  if (requesting.code !== HOME_VILLAGE && requested.code !== HOME_VILLAGE) {
    throw validationError([{ path: 'body.requestedVillage', message: `one of the two villages must be this one (${HOME_VILLAGE}): the register records only the requests Suna makes or receives` }]);
  }
  const persons: string[] = [];
  for (const [i, ref] of p.persons.entries()) {
    const id = (await resolveReference(ctx, 'registry.person', ref, { path: `body.persons.${i}` })).id;
    if (!persons.includes(id)) persons.push(id);
  }
  const caseId = p.case ? (await resolveReference(ctx, 'cases.case', p.case, { path: 'body.case' })).id : null;
  const id = await transact(ctx, async (tx) => {
    const id = newId();
    const at = tx.now.toISOString();
    const code = await nextCaseCode(tx, 'inter_village_request', label);
    await tx.db.insertInto('cases_request').values({
      id, code, kind: p.kind, requesting_village: requesting.id, requested_village: requested.id, basis: p.basis, state: 'draft', grounds: toJson([]),
      case_id: caseId, drafted_by: tx.actor.personId ?? null, classification: label.classification, compartments: toJson(label.compartments), version: 1, created_at: at, updated_at: at,
    }).execute();
    for (const person of persons) await tx.db.insertInto('cases_request_person').values({ request_id: id, person_id: person }).execute();
    // At the persons' labels too: the record names each person sought.
    tx.audit({ action: 'cases.request.draft', objectType: 'cases_request', objectId: id, ...auditedAt(await withParties(ctx, tx, label, persons)), detail: { code, kind: p.kind, requesting: requesting.code, requested: requested.code, persons } });
    tx.emit('cases.request.changed', { requestId: id, code, what: 'drafted' }, label);
    return id;
  });
  return getRequest(ctx, id, false);
}

/** Denial grounds given as free words (on the desk): each by its code or its words, in order. */
export function groundsFromText(text: string | null): string[] {
  const byWords = new Map(DENIAL_GROUNDS.map((g) => [DENIAL_GROUND_WORDS[g].toLowerCase(), g as string]));
  return (text ?? '').split(/[,;\n]+/).map((g) => g.trim().toLowerCase()).filter(Boolean).map((g) => byWords.get(g) ?? g.replace(/[\s-]+/g, '_'));
}

/**
 * Takes a step of a request. Approving and denying are the decision (`cases.request.decide`);
 * the rest are the office's (`cases.write`). The requesting village is told of every step: by
 * hawk to its aviary when it is another village and the request may fly there (restricted at
 * most, and a hawk route exists), else the notice is kept on the request's record, with why.
 */
export async function stepRequest(ctx: AppContext, ref: string, input: TRequestStep) {
  const p = parseInput(ZRequestStep, input);
  const row = await requestRow(ctx, ref);
  const label = storedLabel(row);
  const deciding = p.transition === 'approve' || p.transition === 'deny';
  await authorize(ctx, deciding ? 'cases.request.decide' : 'cases.write', label, { type: 'cases_request', id: row.id });
  const refusal = await transact(ctx, async (tx) => {
    const q = await forUpdate(tx.dialect, tx.db.selectFrom('cases_request').selectAll().where('id', '=', row.id)).executeTakeFirstOrThrow();
    const step = requestStep(q.state as RequestState, p.transition, { actor: tx.actor.personId ?? null, onBehalfOf: tx.actor.onBehalfOf ?? null, draftedBy: q.drafted_by ?? null, grounds: p.grounds ?? null });
    if (!step.ok) return { why: step.refusal, path: step.field && `body.${step.field}` };
    const at = tx.now.toISOString();
    const grounds = (p.transition === 'deny' ? p.grounds ?? [] : []) as DenialGround[];
    const notice = requestNotice(q.code, p.transition, grounds);
    const sent = NOTIFIES_REQUESTING_VILLAGE[p.transition] ? await noticeByHawk(inTx(ctx, tx), q, label, notice) : { via: 'record' as const, message: null, note: 'this step is not noticed' };
    const seq = Number((await tx.db.selectFrom('cases_request_step').select((eb) => eb.fn.countAll().as('n')).where('request_id', '=', q.id).executeTakeFirstOrThrow()).n) + 1;
    await tx.db.insertInto('cases_request_step').values({
      id: newId(), request_id: q.id, seq, transition: p.transition, from_state: q.state, to_state: step.state, grounds: toJson(grounds),
      by_person: tx.actor.personId ?? null, at, notice, notice_via: sent.via, notice_message: sent.message, notice_note: sent.note,
    }).execute();
    await tx.db.updateTable('cases_request').set({ state: step.state, grounds: toJson(p.transition === 'deny' ? grounds : fromJson<string[]>(q.grounds, [])), version: Number(q.version) + 1, updated_at: at }).where('id', '=', q.id).execute();
    if (step.state === 'legal_review') await raiseDecision(tx, q, label);
    if (deciding) await settleDeskItems(tx, { record: { kind: 'cases.request', id: q.id }, kind: REQUEST_DECISION_ITEM, state: p.transition === 'approve' ? 'approved' : 'denied', note: notice });
    tx.audit({ action: `cases.request.${p.transition}`, objectType: 'cases_request', objectId: q.id, ...auditedAt(label), detail: { code: q.code, from: q.state, to: step.state, grounds, notice: sent } });
    tx.emit('cases.request.changed', { requestId: q.id, code: q.code, what: p.transition }, label);
    return null;
  });
  if (refusal !== null) throw CaseErrors.refused('CASES_REQUEST_REFUSED', refusal.why, refusal.path);
  return getRequest(ctx, row.id, false);
}

async function noticeByHawk(ctx: AppContext, q: Record<string, any>, label: Label, notice: string): Promise<{ via: 'hawk' | 'record'; message: string | null; note: string | null }> {
  const village = (await resolveReference(ctx, 'registry.village', q.requesting_village)).code!;
  if (village === HOME_VILLAGE) return { via: 'record', message: null, note: 'the requesting village is this one: the notice is kept on the record' };
  if (!dominates(FOREIGN_CLEARANCE, label)) return { via: 'record', message: null, note: 'the request is above restricted, so it may not fly to another village: the notice is kept on the record for delivery by envoy' };
  try {
    const m = await sendMessage(ctx, { to: [{ village }], subject: `Request ${q.code}`, body: notice, precedence: 'priority', classification: label.classification, compartments: [...label.compartments] });
    return { via: 'hawk', message: m.id, note: null };
  } catch (err) {
    // No route, no village aviary: the step is still taken, and the record says why no hawk flew.
    if (isAppError(err) && err.status < 500 && err.status !== 401 && err.status !== 403) return { via: 'record', message: null, note: `no hawk: ${err.message}` };
    throw err;
  }
}

async function raiseDecision(tx: Tx, q: Record<string, any>, label: Label): Promise<void> {
  const owner = await officeHolder(tx.db, KAZEKAGE, villageDay(tx.now));
  if (!owner) return;
  await raiseDeskItem(tx, {
    owner, kind: REQUEST_DECISION_ITEM, title: `Approve or deny: ${q.code} (${q.kind === 'extradition' ? 'extradition' : 'prisoner transfer'})`,
    record: { kind: 'cases.request', id: q.id }, label, suspense: new Date(tx.now.getTime() + DECISION_DAYS * 86400e3), priority: 'high',
    originator: q.drafted_by ?? null, detail: { code: q.code },
  });
}

/** Which step a desk decision takes; the step's own rules (separation of duty, grounds) hold whoever decides. */
export function decisionStep(decision: 'approve' | 'deny', grounds: string | null): { transition: RequestTransition; grounds?: string[] } {
  return decision === 'approve' ? { transition: 'approve' } : { transition: 'deny', grounds: groundsFromText(grounds) };
}
