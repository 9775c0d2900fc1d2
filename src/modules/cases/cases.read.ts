// Reading cases, evidence and requests. Every read filters by the reader's clearance in SQL (an
// item of evidence by its case's label); a record the reader may not see is answered exactly as
// one that does not exist. The case page is one statement (its lists as JSON columns, the first
// page of its evidence) and one lookup per kind of record it names, however much evidence it holds.
import type { Kysely } from 'kysely';
import { fromJson, jsonRows, toBool, toIsoInstant } from '../../kernel/db/dialect.ts';
import { readerKey, readerSees, storedLabel } from '../../kernel/auth/reader.ts';
import { authorize, type AppContext } from '../../kernel/context.ts';
import { auditRead } from '../../kernel/audit/read-audit.ts';
import { join, labelMarking, type Label } from '../../kernel/auth/labels.ts';
import { isWithheld, refuse, showMixedReferences, showReferences, showReferencesLabelled, WITHHELD, type Withheld } from '../../kernel/references.ts';
import { chainBreaks, custodyReport, type CustodyTransfer, type HandoverOffer, type Disposition, type EvidenceItem } from './custody.ts';
import type { CaseState } from './case-lifecycle.ts';
import { parseInput } from '../../kernel/validation.ts';
import { CASE_PAGE_EVIDENCE, ZCaseQuery, ZEvidenceQuery, ZRequestQuery, type TCaseQuery, type TEvidenceQuery } from './cases.schema.ts';
import { cachedRead } from '../../kernel/db/read-cache.ts';

type Row = Record<string, any>;
const labelOut = (r: Row) => { const l = storedLabel(r); return { classification: l.classification, compartments: [...l.compartments] }; };
const at = (v: unknown): string => toIsoInstant(v instanceof Date ? v.toISOString() : String(v))!;
const atOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : at(v));
const dateText = (v: unknown): string => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));

/** Keeps only rows (alias a) the reader's clearance dominates; no filter for the operator. */
/**
 * Reading a classified case, item or request is audited, like any classified read; not the
 * operator's reads, nor the answer a write returns (the write is audited already).
 */
async function auditClassifiedRead(ctx: AppContext, action: string, objectType: string, id: string, label: Label, audit: boolean) {
  if (!audit || ctx.actor.kind === 'local' || ctx.actor.kind === 'system' || ctx.tx) return;
  if (label.classification === 'public' && label.compartments.length === 0) return;
  // Reads audited at the same moment share one commit (see auditRead): every one is still recorded before its answer.
  await auditRead(ctx, { action, objectType, objectId: id, classification: label.classification, compartments: [...label.compartments] });
}

type PersonShown = { id: string; name: string } | Withheld;
type People = ((id: string | null | undefined) => PersonShown) & { label: Label };
/**
 * Registry people as the reader may see them, by id: one lookup for all of them. Its `label` is the
 * join of the labels of those shown: a paper naming them is marked at least that high (the
 * withheld are not named, so they add nothing).
 */
export async function people(ctx: AppContext, ids: readonly (string | null | undefined)[]): Promise<People> {
  const { shown, label } = await showReferencesLabelled(ctx, 'registry.person', ids.filter((x): x is string => !!x));
  return Object.assign((id: string | null | undefined): PersonShown => {
    if (!id) return WITHHELD;
    const s = shown.get(id);
    return !s || isWithheld(s) ? WITHHELD : { id: s.id as string, name: String(s.displayName ?? '') };
  }, { label });
}
const nameOf = (p: PersonShown) => (isWithheld(p) ? '(a person not shown at your clearance)' : p.name);

/** The case row the reader may see, by id or code, inside an optional transaction handle; or the refusal. */
export async function caseRow(ctx: AppContext, ref: string, db: Kysely<any> = ctx.db): Promise<Row> {
  const r = await db.selectFrom('cases_case as c').selectAll('c').where((eb) => eb.or([eb('c.id', '=', ref), eb('c.code', '=', ref)])).where(readerSees(ctx, 'c')).executeTakeFirst();
  if (!r) throw await refuse(ctx, 'cases.case', ref, { db });
  return r;
}

export async function evidenceRow(ctx: AppContext, ref: string, db: Kysely<any> = ctx.db): Promise<Row> {
  const r = await db.selectFrom('cases_evidence as e').innerJoin('cases_case as c', 'c.id', 'e.case_id')
    .selectAll('e').select(['c.code as case_code', 'c.state as case_state', 'c.classification', 'c.compartments'])
    .where((eb) => eb.or([eb('e.id', '=', ref), eb('e.code', '=', ref)])).where(readerSees(ctx, 'c')).executeTakeFirst();
  if (!r) throw await refuse(ctx, 'cases.evidence', ref, { db });
  return r;
}

export async function requestRow(ctx: AppContext, ref: string, db: Kysely<any> = ctx.db): Promise<Row> {
  const r = await db.selectFrom('cases_request as q').selectAll('q').where((eb) => eb.or([eb('q.id', '=', ref), eb('q.code', '=', ref)])).where(readerSees(ctx, 'q')).executeTakeFirst();
  if (!r) throw await refuse(ctx, 'cases.request', ref, { db });
  return r;
}

const summary = (r: Row) => ({
  id: r.id, code: r.code, kind: r.kind, title: r.title, state: r.state, resolution: r.resolution ?? null,
  openedAt: at(r.opened_at), closedAt: atOrNull(r.closed_at), ...labelOut(r),
});

export async function listCases(ctx: AppContext, query: TCaseQuery = {}) {
  const q = parseInput(ZCaseQuery, query, 'query');
  await authorize(ctx, 'cases.read');
  let base = ctx.db.selectFrom('cases_case as c').where(readerSees(ctx, 'c'));
  if (q.kind) base = base.where('c.kind', '=', q.kind);
  if (q.state) base = base.where('c.state', '=', q.state);
  const [rows, total] = await Promise.all([
    base.selectAll('c').orderBy('c.opened_at', 'desc').orderBy('c.code').limit(q.limit).offset(q.offset).execute(),
    base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(summary), total: Number(total.n) };
}

const EVIDENCE_COLUMNS = ['e.id', 'e.seq', 'e.code', 'e.description', 'e.quantity', 'e.condition', 'e.seal_number', 'e.collected_by', 'e.collected_at', 'e.collected_where', 'e.sha256', 'e.storage_location', 'e.disposition', 'e.custodian_id', 'e.transfers', 'e.last_at'] as const;

/**
 * The case page in two halves around its links, as the reader may see it: everything but the
 * links depends only on this module's tables and the registry's (the people it names), so it can
 * be kept; the links name records of other modules (missions, hawk post) and are shown afresh.
 * One statement reads the case, its lists and the first page of its evidence (never the rest,
 * nor any chain), and one lookup the people they name.
 */
async function casePage(ctx: AppContext, ref: string) {
  const db = ctx.db;
  const d = ctx.dialect;
  const r = await db.selectFrom('cases_case as c').selectAll('c').select([
    jsonRows(d, db.selectFrom('cases_party as p').select(['p.id', 'p.person_id', 'p.role', 'p.added_at']).whereRef('p.case_id', '=', 'c.id')).as('parties'),
    jsonRows(d, db.selectFrom('cases_link as l').select(['l.id', 'l.ref_kind', 'l.ref_id', 'l.note', 'l.added_at']).whereRef('l.case_id', '=', 'c.id')).as('links'),
    jsonRows(d, db.selectFrom('cases_task as t').select(['t.id', 't.title', 't.state', 't.created_at', 't.done_at']).whereRef('t.case_id', '=', 'c.id')).as('tasks'),
    jsonRows(d, db.selectFrom('cases_step as s').select(['s.seq', 's.transition', 's.from_state', 's.to_state', 's.resolution', 's.reason', 's.by_person', 's.at']).whereRef('s.case_id', '=', 'c.id')).as('steps'),
    jsonRows(d, db.selectFrom('cases_entry as n').select(['n.id', 'n.kind', 'n.on_date', 'n.by_person', 'n.text', 'n.recorded_at']).whereRef('n.case_id', '=', 'c.id')).as('entries'),
    jsonRows(d, db.selectFrom('cases_evidence as e').select([...EVIDENCE_COLUMNS]).whereRef('e.case_id', '=', 'c.id').orderBy('e.seq').limit(CASE_PAGE_EVIDENCE)).as('evidence'),
    (eb) => eb.selectFrom('cases_evidence as e').select((x) => x.fn.countAll().as('n')).whereRef('e.case_id', '=', 'c.id').as('evidence_total'),
  ]).where((eb) => eb.or([eb('c.id', '=', ref), eb('c.code', '=', ref)])).where(readerSees(ctx, 'c')).executeTakeFirst();
  if (!r) throw await refuse(ctx, 'cases.case', ref);
  const parties = fromJson<Row[]>(r.parties, []);
  const links = fromJson<Row[]>(r.links, []).sort((a, b) => at(a.added_at).localeCompare(at(b.added_at)));
  const tasks = fromJson<Row[]>(r.tasks, []);
  const steps = fromJson<Row[]>(r.steps, []).sort((a, b) => Number(a.seq) - Number(b.seq));
  const entries = fromJson<Row[]>(r.entries, []).sort((a, b) => dateText(a.on_date).localeCompare(dateText(b.on_date)) || at(a.recorded_at).localeCompare(at(b.recorded_at)));
  const evidence = fromJson<Row[]>(r.evidence, []).sort((a, b) => Number(a.seq) - Number(b.seq));
  const person = await people(ctx, [r.opened_by, ...parties.map((p) => p.person_id), ...steps.map((s) => s.by_person), ...entries.map((e) => e.by_person), ...evidence.flatMap((e) => [e.collected_by, e.custodian_id])]);
  const closed = r.state === 'closed';
  return {
    read: { id: r.id as string, label: storedLabel(r) },
    // Key order is the answer's: the links go between these two.
    before: {
      ...summary(r), summary: r.summary, openedBy: r.opened_by ? person(r.opened_by) : null, version: Number(r.version),
      // A party is a link of the case to a person: shown only to a reader who may see both ends
      // (SECURITY.md, References 3), so a hidden party is not even counted.
      parties: parties.sort((a, b) => at(a.added_at).localeCompare(at(b.added_at))).map((p) => ({ id: p.id, person: person(p.person_id), role: p.role })).filter((p) => !isWithheld(p.person)),
    },
    links: links.map((l) => ({ id: l.id as string, kind: l.ref_kind as string, refId: l.ref_id as string, note: (l.note ?? null) as string | null })),
    after: {
      tasks: tasks.sort((a, b) => at(a.created_at).localeCompare(at(b.created_at))).map((t) => ({ id: t.id, title: t.title, state: t.state, createdAt: at(t.created_at), doneAt: atOrNull(t.done_at) })),
      timeline: steps.map((s) => ({ seq: Number(s.seq), transition: s.transition, from: s.from_state, to: s.to_state, resolution: s.resolution ?? null, reason: s.reason ?? null, by: s.by_person ? person(s.by_person) : null, at: at(s.at) })),
      entries: entries.map((e) => ({ id: e.id, kind: e.kind, on: dateText(e.on_date), by: e.by_person ? person(e.by_person) : null, text: e.text, recordedAt: at(e.recorded_at), frozen: closed && e.kind === 'finding' })),
      evidence: evidence.map((e) => evidenceSummary(e, person)),
      evidenceTotal: Number(r.evidence_total),
    },
  };
}
type CaseLink = Awaited<ReturnType<typeof casePage>>['links'][number];

/** The case's links, each record shown as the reader may see it now. */
async function showLinks(ctx: AppContext, links: readonly CaseLink[]) {
  if (!links.length) return [];
  const linked = await showMixedReferences(ctx, links.map((l) => ({ kind: l.kind, id: l.refId })));
  // A link shows only with both its ends (SECURITY.md, References 3): one to a record the reader
  // may not see is left out, note and all (a note like "BREACH follow-up mission" describes it).
  return links.flatMap((l) => {
    const record = linked(l.kind, l.refId);
    return isWithheld(record) ? [] : [{ id: l.id, kind: l.kind, record, note: l.note }];
  });
}

/** The case page: the case with its parties, links, tasks, timeline, entries, and the first page of its evidence with how many there are. */
export async function getCase(ctx: AppContext, ref: string, audit = true) {
  await authorize(ctx, 'cases.read');
  const page = await casePage(ctx, ref);
  await auditClassifiedRead(ctx, 'cases.read', 'cases_case', page.read.id, page.read.label, audit);
  return { ...page.before, links: await showLinks(ctx, page.links), ...page.after };
}

/**
 * The case page as UTF-8 JSON, for the HTTP route: the same answer as getCase, kept while neither
 * this module's tables nor the registry's change, per reader labels (readers who differ in
 * clearance or compartments never share one); the links are shown afresh and the read audited on
 * every request.
 */
export async function caseDocument(ctx: AppContext, ref: string): Promise<Buffer> {
  await authorize(ctx, 'cases.read');
  // Kept while the registry stands too: the page shows people's names (and hides people by label).
  const doc = await cachedRead(ctx, 'cases', `case|${readerKey(ctx)}|${ref}`, async () => {
    const page = await casePage(ctx, ref);
    // '{…before' + ',"links":' + links + ',' + 'after…}': both halves are non-empty objects.
    const head = JSON.stringify(page.before).slice(0, -1) + ',"links":';
    const tail = ',' + JSON.stringify(page.after).slice(1);
    return { read: page.read, links: page.links, head, tail, whole: page.links.length ? null : Buffer.from(head + '[]' + tail) };
  }, (d) => (d.head.length + d.tail.length) * 3 + d.links.length * 300 + 200, ['registry']);
  await auditClassifiedRead(ctx, 'cases.read', 'cases_case', doc.read.id, doc.read.label, true);
  return doc.whole ?? Buffer.from(doc.head + JSON.stringify(await showLinks(ctx, doc.links)) + doc.tail);
}

/** A page of the case's evidence in the order it was added, with how many items it has; read and audited as the case is. */
export async function listCaseEvidence(ctx: AppContext, ref: string, query: TEvidenceQuery = {}) {
  const q = parseInput(ZEvidenceQuery, query, 'query');
  await authorize(ctx, 'cases.read');
  const c = await caseRow(ctx, ref);
  await auditClassifiedRead(ctx, 'cases.read', 'cases_case', c.id, storedLabel(c), true);
  const [rows, total] = await Promise.all([
    ctx.db.selectFrom('cases_evidence as e').select([...EVIDENCE_COLUMNS]).where('e.case_id', '=', c.id).orderBy('e.seq').limit(q.limit).offset(q.offset).execute(),
    ctx.db.selectFrom('cases_evidence as e').select((eb) => eb.fn.countAll().as('n')).where('e.case_id', '=', c.id).executeTakeFirstOrThrow(),
  ]);
  const person = await people(ctx, rows.flatMap((e) => [e.collected_by, e.custodian_id]));
  return { items: rows.map((e) => evidenceSummary(e, person)), total: Number(total.n) };
}

function evidenceSummary(e: Row, person: (id: string) => PersonShown) {
  return {
    id: e.id, code: e.code, description: e.description, quantity: Number(e.quantity), condition: e.condition, sealNumber: e.seal_number ?? null,
    collectedBy: person(e.collected_by), collectedAt: at(e.collected_at), collectedWhere: e.collected_where, sha256: e.sha256 ?? null,
    storageLocation: e.storage_location ?? null, disposition: e.disposition ?? null, custodian: person(e.custodian_id), transfers: Number(e.transfers), lastAt: at(e.last_at),
  };
}

/** The chain of an item as stored, in order (person ids, not names). */
export async function chainOf(db: Kysely<any>, itemId: string): Promise<(CustodyTransfer & { seq: number })[]> {
  const rows = await db.selectFrom('cases_transfer').selectAll().where('item_id', '=', itemId).orderBy('seq').execute();
  return rows.map((t) => ({
    seq: Number(t.seq), releasedBy: t.released_by, receivedBy: t.received_by, at: at(t.at), purpose: t.purpose, condition: t.condition,
    sealIntact: toBool(t.seal_intact), releaserConfirmed: toBool(t.releaser_confirmed), receiverConfirmed: toBool(t.receiver_confirmed), sha256: t.sha256 ?? null,
  }));
}

/** The release of an item awaiting its receiver, or null. */
export async function pendingOf(db: Kysely<any>, itemId: string): Promise<(HandoverOffer & { id: string }) | null> {
  const h = await db.selectFrom('cases_handover').selectAll().where('item_id', '=', itemId).where('state', '=', 'pending').executeTakeFirst();
  return h ? {
    id: h.id, releasedBy: h.released_by, receivedBy: h.received_by, at: at(h.released_at), purpose: h.purpose, condition: h.condition,
    sealIntact: toBool(h.seal_intact), releaserConfirmed: toBool(h.releaser_confirmed), sha256: h.sha256 ?? null,
  } : null;
}

/** The item as the pure core knows it, its people by id. */
export function itemOf(e: Row): EvidenceItem {
  return {
    code: e.code, description: e.description, quantity: Number(e.quantity), condition: e.condition, sealNumber: e.seal_number ?? null,
    collectedBy: e.collected_by, collectedAt: at(e.collected_at), collectedWhere: e.collected_where, sha256: e.sha256 ?? null,
    storageLocation: e.storage_location ?? null, disposition: (e.disposition ?? null) as Disposition | null,
  };
}

export async function getEvidence(ctx: AppContext, ref: string, audit = true) {
  await authorize(ctx, 'cases.read');
  const e = await evidenceRow(ctx, ref);
  const label = storedLabel(e);
  await auditClassifiedRead(ctx, 'cases.read', 'cases_evidence', e.id, label, audit);
  const [chain, pending] = await Promise.all([chainOf(ctx.db, e.id), pendingOf(ctx.db, e.id)]);
  const person = await people(ctx, [e.collected_by, e.custodian_id, ...chain.flatMap((t) => [t.releasedBy, t.receivedBy]), pending?.releasedBy, pending?.receivedBy]);
  const me = ctx.actor.kind === 'user' ? ctx.actor.personId ?? null : null;
  return {
    ...evidenceSummary(e, person),
    case: {
      id: e.case_id, code: e.case_code, state: e.case_state as CaseState, classification: label.classification, compartments: [...label.compartments],
      marking: labelMarking(join(label, person.label)),
    },
    chain: chain.map((t) => ({ ...t, releasedBy: person(t.releasedBy), receivedBy: person(t.receivedBy) })),
    chainBreaks: chainBreaks(itemOf(e), chain).map((b) => ({ ...b, problem: withNames(b.problem, person) })),
    handover: pending && {
      releasedBy: person(pending.releasedBy), receivedBy: person(pending.receivedBy), releasedAt: pending.at, purpose: pending.purpose, condition: pending.condition,
      sealIntact: pending.sealIntact, sha256: pending.sha256, youReceive: me !== null && me === pending.receivedBy, youReleased: me !== null && me === pending.releasedBy,
    },
  };
}

/**
 * A break's reason with each person named as the reader may see them: the chain is checked on
 * registry ids (two people may share a name), which mean nothing to a clerk and would give away
 * the id of a person the rest of the page withholds.
 */
export function withNames(problem: string, person: (id: string) => PersonShown): string {
  return problem.replace(REGISTRY_ID, (id) => nameOf(person(id)));
}
const REGISTRY_ID = /\b[0-9A-HJKMNP-TV-Z]{26}\b/g;
/** The people a reason names, by the registry ids in its words before withNames replaces them. */
export const idsNamedIn = (problem: string): string[] => problem.match(REGISTRY_ID) ?? [];

/** The printable custody report: the pure core's lines, with each person's name as the reader may see it. */
export async function getCustodyReport(ctx: AppContext, ref: string): Promise<string> {
  await authorize(ctx, 'cases.read');
  const e = await evidenceRow(ctx, ref);
  const label = storedLabel(e);
  await auditClassifiedRead(ctx, 'cases.read', 'cases_evidence', e.id, label, true);
  const [chain, pending] = await Promise.all([chainOf(ctx.db, e.id), pendingOf(ctx.db, e.id)]);
  // The chain is checked on ids (two people may share a name), then printed with names.
  const item = itemOf(e);
  const byId = custodyReport(item, chain);
  const ids = [e.collected_by, ...chain.flatMap((t) => [t.releasedBy, t.receivedBy]), ...(pending ? [pending.releasedBy, pending.receivedBy] : [])];
  const person = await people(ctx, [...ids, e.custodian_id]);
  const names = new Map<string, string>();
  for (const id of ids) names.set(id, nameOf(person(id)));
  const named = custodyReport({ ...item, collectedBy: names.get(item.collectedBy)! }, chain.map((t) => ({ ...t, releasedBy: names.get(t.releasedBy)!, receivedBy: names.get(t.receivedBy)! })),
    pending && { ...pending, releasedBy: names.get(pending.releasedBy)!, receivedBy: names.get(pending.receivedBy)! });
  // The verdict lines come from the id-checked report; the rest from the named one.
  const verdict = byId.slice(byId.findIndex((l) => l.startsWith('Current custodian:')) + 1).map((l) => withNames(l, person));
  const body = named.slice(0, named.findIndex((l) => l.startsWith('Current custodian:')) + 1);
  const awaiting = named.filter((l) => l.startsWith('Awaiting receipt:'));
  // A classified item's report is marked at its top and bottom, as a paper copy must be.
  const marking = labelMarking(join(label, person.label));
  return [...(marking ? [marking] : []), `Case ${e.case_code}`, ...body, ...awaiting, ...verdict, ...(marking ? [marking] : [])].join('\n') + '\n';
}

// ---------- requests ----------

type VillageShown = { id: string; code: string; name: string } | Withheld;
async function villages(ctx: AppContext, ids: string[]) {
  const shown = await showReferences(ctx, 'registry.village', ids);
  return (id: string): VillageShown => {
    const s = shown.get(id);
    return !s || isWithheld(s) ? WITHHELD : { id: s.id as string, code: String(s.code), name: String(s.name) };
  };
}

const requestSummary = (r: Row, village: (id: string) => VillageShown) => ({
  id: r.id, code: r.code, kind: r.kind, state: r.state, requestingVillage: village(r.requesting_village), requestedVillage: village(r.requested_village),
  createdAt: at(r.created_at), ...labelOut(r),
});

export async function listRequests(ctx: AppContext, query: Record<string, unknown> = {}) {
  const q = parseInput(ZRequestQuery, query, 'query');
  await authorize(ctx, 'cases.read');
  let base = ctx.db.selectFrom('cases_request as q').where(readerSees(ctx, 'q'));
  if (q.state) base = base.where('q.state', '=', q.state);
  const [rows, total] = await Promise.all([
    base.selectAll('q').orderBy('q.created_at', 'desc').orderBy('q.code').limit(q.limit).offset(q.offset).execute(),
    base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
  ]);
  const village = await villages(ctx, rows.flatMap((r) => [r.requesting_village, r.requested_village]));
  return { items: rows.map((r) => requestSummary(r, village)), total: Number(total.n) };
}

export async function getRequest(ctx: AppContext, ref: string, audit = true) {
  await authorize(ctx, 'cases.read');
  const db = ctx.db;
  const r = await db.selectFrom('cases_request as q').selectAll('q').select([
    jsonRows(ctx.dialect, db.selectFrom('cases_request_person as p').select(['p.person_id']).whereRef('p.request_id', '=', 'q.id')).as('persons'),
    jsonRows(ctx.dialect, db.selectFrom('cases_request_step as s').select(['s.seq', 's.transition', 's.from_state', 's.to_state', 's.grounds', 's.by_person', 's.at', 's.notice', 's.notice_via', 's.notice_message', 's.notice_note']).whereRef('s.request_id', '=', 'q.id')).as('steps'),
  ]).where((eb) => eb.or([eb('q.id', '=', ref), eb('q.code', '=', ref)])).where(readerSees(ctx, 'q')).executeTakeFirst();
  if (!r) throw await refuse(ctx, 'cases.request', ref);
  await auditClassifiedRead(ctx, 'cases.read', 'cases_request', r.id, storedLabel(r), audit);
  const persons = fromJson<Row[]>(r.persons, []).map((p) => p.person_id as string).sort();
  const steps = fromJson<Row[]>(r.steps, []).sort((a, b) => Number(a.seq) - Number(b.seq));
  const person = await people(ctx, [...persons, r.drafted_by, ...steps.map((s) => s.by_person)]);
  const village = await villages(ctx, [r.requesting_village, r.requested_village]);
  const linkedCase = r.case_id ? (await showReferences(ctx, 'cases.case', [r.case_id])).get(r.case_id)! : null;
  return {
    ...requestSummary(r, village), basis: r.basis, grounds: fromJson<string[]>(r.grounds, []), version: Number(r.version),
    // A person sought is a link of the request to them: shown only with both ends (References 3),
    // not as withheld, which would count the hidden.
    persons: persons.map((p) => person(p)).filter((p) => !isWithheld(p)), draftedBy: r.drafted_by ? person(r.drafted_by) : null,
    // The link to a case is a link record: it shows only with both its ends. Even a withheld marker
    // would tell a reader outside the case's compartments that a hidden case (the breach inquest)
    // stands behind this request.
    case: linkedCase === null || isWithheld(linkedCase) ? null : { id: String(linkedCase.id), code: String(linkedCase.code) },
    steps: steps.map((s) => ({
      seq: Number(s.seq), transition: s.transition, from: s.from_state, to: s.to_state, grounds: fromJson<string[]>(s.grounds, []),
      by: s.by_person ? person(s.by_person) : null, at: at(s.at), notice: s.notice, noticeVia: s.notice_via, noticeMessage: s.notice_message ?? null, noticeNote: s.notice_note ?? null,
    })),
  };
}
