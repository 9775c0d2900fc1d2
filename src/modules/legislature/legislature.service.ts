// Statute book writes: titles, statutes, a clerk's consolidations and repeals, and the importers'
// whole histories (the demo book, Akoma Ntoso acts and bills). Each validates first (every problem
// with its path), writes in one transaction, audits, emits, and keeps the search documents of what
// it wrote current in that same transaction. Nothing is overwritten: a new version closes the
// previous one (its valid_to) and is a row of its own.
import { authorize, canRead, transact, type AppContext, type Tx } from '../../kernel/context.ts';
import { AppError, type ErrorDetail } from '../../kernel/errors.ts';
import { boolParam, fromJson, toJson } from '../../kernel/db/dialect.ts';
import type { JobKind } from '../../kernel/jobs/index.ts';
import { newId } from '../../kernel/ids.ts';
import canonicalizeModule from 'canonicalize';
import { labelDominates, PUBLIC_LABEL, type Label, sortedLabel } from '../../kernel/auth/labels.ts';
import { parseStatuteText, plainText, renderStatuteText } from './statute-text.ts';
import type { AknBill } from './akn.ts';
import type { AmendedStatute } from './amendments.ts';
import { replaceSearchDocs, replaceSearchDocsOf, type SearchDoc } from './search-index.ts';
import { checkBillMentions } from './bill-mentions.ts';
import { LegislatureErrors } from './legislature.errors.ts';
import { loadStatutes, statuteDocument, statuteHistory, searchDocsOf, shownWithoutDate, villageDateOf, visibleStatute, type StoredStatute, type StoredVersion } from './legislature.read.ts';
import {
  ZStatuteAmend, ZStatuteCreate, ZStatuteImport, ZStatuteRepeal, ZTitleCreate, parseInput,
  type TStatute, type TStatuteAmend, type TStatuteCreate, type TStatuteImport, type TStatuteRepeal, type TTitleCreate,
} from './legislature.schema.ts';

const actorName = (tx: Tx) => tx.actor.username ?? tx.actor.kind;
const sameLabel = (a: Label, b: Label) => a.classification === b.classification && JSON.stringify([...a.compartments].sort()) === JSON.stringify([...b.compartments].sort());

// The package's types do not match its ESM export (as in kernel/audit/chain.ts).
const canonicalize = canonicalizeModule as unknown as (input: unknown) => string | undefined;

/** Problems in a statute's markup, each naming its line, under `path`. */
function markupProblems(code: string, markup: string, path: string): ErrorDetail[] {
  return parseStatuteText(code, markup).errors.map((e) => ({ path, message: `line ${e.line}: ${e.message}` }));
}

function refuseMarkup(details: ErrorDetail[]): AppError {
  const first = details[0]!;
  return new AppError('LEGISLATURE_MARKUP_INVALID', 'unprocessable',
    `The statute text has ${details.length === 1 ? 'a mistake' : `${details.length} mistakes`}: ${first.message}${details.length > 1 ? ' (and more below)' : ''}. Nothing was saved.`, details);
}

const sectionOf = (code: string) => Number(code.split('-')[1]);
const titleOf = (code: string) => Number(code.split('-')[0]);

/** Rewrites a statute's search documents from what is now stored (inside the writer's transaction). */
async function reindexStatute(tx: Tx, code: string): Promise<StoredStatute> {
  const s = (await loadStatutes(tx.db, [code], null)).get(code)!;
  await replaceSearchDocs(tx.db, 'statute', s.id, searchDocsOf(s, villageDateOf(tx.now)));
  return s;
}

/**
 * Each village midnight, the search without a date moves to the versions that came into force
 * that day (shownWithoutDate): every statute whose shown version has ended is indexed again. Also
 * run when the server starts (a missed occurrence runs once), so a stopped server catches up.
 */
export async function searchShownToday(ctx: AppContext): Promise<number> {
  return transact(ctx, async (tx) => {
    const today = villageDateOf(tx.now);
    const ended = await tx.db.selectFrom('legislature_search_doc as d').innerJoin('legislature_statute as s', 's.id', 'd.ref_id')
      .select('s.code').distinct()
      .where('d.kind', '=', 'statute').where('d.latest', '=', boolParam(tx.dialect, true)).where('d.valid_to', 'is not', null).where('d.valid_to', '<=', today)
      // A repealed statute's last text ends on its repeal and stays the one shown: nothing moves.
      .where((eb) => eb.or([eb('d.repealed_on', 'is', null), eb('d.valid_to', '<>', eb.ref('d.repealed_on'))]))
      .execute();
    // All at once, as an import writes them: a few statements, not a few per statute.
    const docs = new Map<string, SearchDoc[]>();
    const byLabel = new Map<string, { label: Label; statutes: number }>();
    for (const s of (await loadStatutes(tx.db, ended.map((e) => e.code), null)).values()) {
      docs.set(s.id, searchDocsOf(s, today));
      const key = JSON.stringify(sortedLabel(s.label));
      byLabel.set(key, { label: s.label, statutes: (byLabel.get(key)?.statutes ?? 0) + 1 });
    }
    if (docs.size) await replaceSearchDocsOf(tx.db, 'statute', docs);
    // One announcement per label, at that label: a listener hears only of statutes they may see
    // (attack a13k: one public count told everyone a hidden statute changed that day).
    for (const { label, statutes } of byLabel.values()) tx.emit('legislature.search.moved', { statutes, on: today }, label);
    return ended.length;
  });
}

/** The job kind of searchShownToday. */
export const SEARCH_TODAY_JOB = 'legislature.search.today';
/** The daily job of searchShownToday, at 00:00 village time. */
export const searchShownTodayJob: JobKind = {
  cron: '0 0 * * *',
  async run(ctx) {
    await searchShownToday(ctx);
  },
};

// ---------- titles ----------

export async function createTitle(ctx: AppContext, input: TTitleCreate) {
  const t = parseInput(ZTitleCreate, input);
  await authorize(ctx, 'legislature.title.create');
  await checkBillMentions(ctx, PUBLIC_LABEL, t.heading, 'body.heading');
  return transact(ctx, async (tx) => {
    const existing = await tx.db.selectFrom('legislature_title').select('number').where('number', '=', t.number).executeTakeFirst();
    if (existing) throw LegislatureErrors.titleExists(t.number);
    await tx.db.insertInto('legislature_title').values({ number: t.number, heading: t.heading, created_at: tx.now.toISOString(), created_by: actorName(tx) }).execute();
    tx.audit({ action: 'legislature.title.create', objectType: 'title', objectId: String(t.number), detail: { ...t } });
    tx.emit('legislature.title.created', { number: t.number });
    return { number: t.number, heading: t.heading };
  });
}

// ---------- a clerk's writes ----------

export async function createStatute(ctx: AppContext, input: TStatuteCreate) {
  const p = parseInput(ZStatuteCreate, input);
  const label = sortedLabel({ classification: p.classification, compartments: p.compartments });
  await authorize(ctx, 'legislature.statute.create', label);
  const problems = markupProblems(p.code, p.markup, 'body.markup');
  if (problems.length) throw refuseMarkup(problems);
  for (const field of ['heading', 'markup', 'reason'] as const) await checkBillMentions(ctx, label, p[field], `body.${field}`);
  await transact(ctx, async (tx) => {
    const title = await tx.db.selectFrom('legislature_title').select('number').where('number', '=', titleOf(p.code)).executeTakeFirst();
    if (!title) throw LegislatureErrors.titleUnknown(titleOf(p.code), 'body.code');
    const taken = await tx.db.selectFrom('legislature_statute').select('id').where('code', '=', p.code).executeTakeFirst();
    if (taken) throw LegislatureErrors.codeTaken(p.code);
    const id = newId();
    const at = tx.now.toISOString();
    await tx.db.insertInto('legislature_statute').values({
      id, code: p.code, title_number: titleOf(p.code), section_number: sectionOf(p.code), heading: p.heading, in_force_from: p.validFrom, repealed_on: null,
      classification: label.classification, compartments: toJson(label.compartments), version: 1, created_at: at, updated_at: at,
    }).execute();
    await tx.db.insertInto('legislature_statute_version').values({
      id: newId(), statute_id: id, seq: 1, kind: 'text', valid_from: p.validFrom, valid_to: null, heading: p.heading, markup: p.markup,
      made_by_kind: 'consolidation', made_by_reason: p.reason, made_by_ref: null, recorded_at: at, recorded_by: actorName(tx),
    }).execute();
    await reindexStatute(tx, p.code);
    tx.audit({ action: 'legislature.statute.create', objectType: 'statute', objectId: id, classification: label.classification, compartments: [...label.compartments], detail: { code: p.code, heading: p.heading, validFrom: p.validFrom, reason: p.reason } });
    tx.emit('legislature.statute.created', { id, code: p.code }, label);
  });
  return written(ctx, p.code, p.validFrom);
}

/** A statute just written, as in force from the new version's first day, with the record version for the ETag. */
async function written(ctx: AppContext, code: string, validFrom: string): Promise<{ statute: TStatute; version: number }> {
  const doc = await statuteDocument(ctx, code, validFrom);
  return { statute: doc.value, version: doc.version };
}

/** The statute as it stands, for a write: hidden = 404 as unknown, then the policy against its label. */
async function statuteForWrite(ctx: AppContext, code: string, action: string): Promise<StoredStatute> {
  const s = await visibleStatute(ctx, code);
  await authorize(ctx, action, s.label, { type: 'statute', id: s.id });
  return s;
}

/** Inside the transaction: the statute again, checked against the If-Match version and still open to change. */
async function lockedForChange(tx: Tx, code: string, expected: number | undefined): Promise<StoredStatute> {
  const s = (await loadStatutes(tx.db, [code], null)).get(code)!;
  if (expected === undefined) throw LegislatureErrors.versionRequired(code);
  if (s.version !== expected) throw LegislatureErrors.staleVersion(code, expected, s.version);
  if (s.repealedOn) throw LegislatureErrors.alreadyRepealed(code, s.repealedOn);
  return s;
}

/** Closes the open version on `from` and bumps the record's version, race-free (`… WHERE version = ?`). */
async function closeLatest(tx: Tx, s: StoredStatute, from: string, set: Record<string, unknown>) {
  const res = await tx.db.updateTable('legislature_statute').set({ ...set, version: s.version + 1, updated_at: tx.now.toISOString() })
    .where('id', '=', s.id).where('version', '=', s.version).executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw LegislatureErrors.staleVersion(s.code, s.version, s.version + 1);
  await tx.db.updateTable('legislature_statute_version').set({ valid_to: from }).where('statute_id', '=', s.id).where('valid_to', 'is', null).execute();
}

/** Whether two markups of a statute read the same: the same structure and words, spacing aside. */
function sameWords(code: string, a: string, b: string): boolean {
  const words = (m: string) => renderStatuteText(parseStatuteText(code, m).text).replace(/\s+/g, ' ').trim();
  return a === b || words(a) === words(b);
}

/** A clerk's consolidation: a new dated version, after the latest one. `expectedVersion` comes from If-Match. */
export async function amendStatute(ctx: AppContext, code: string, input: TStatuteAmend, expectedVersion?: number) {
  const p = parseInput(ZStatuteAmend, input);
  const visible = await statuteForWrite(ctx, code, 'legislature.statute.amend');
  const problems = markupProblems(visible.code, p.markup, 'body.markup');
  if (problems.length) throw refuseMarkup(problems);
  for (const field of ['heading', 'markup', 'reason'] as const) await checkBillMentions(ctx, visible.label, p[field], `body.${field}`);
  await transact(ctx, async (tx) => {
    const s = await lockedForChange(tx, visible.code, expectedVersion);
    const latest = s.versions[s.versions.length - 1]!;
    if (p.validFrom <= latest.validFrom) throw LegislatureErrors.notAfterLatest(s.code, 'body.validFrom', latest.validFrom);
    const heading = p.heading ?? latest.heading;
    // The same text however it is spaced (as the statute reads it) and the same heading: no change.
    if (latest.kind === 'text' && sameWords(s.code, p.markup, latest.markup!) && heading.trim() === latest.heading.trim()) throw LegislatureErrors.sameText(s.code, latest.validFrom);
    await closeLatest(tx, s, p.validFrom, { heading });
    await tx.db.insertInto('legislature_statute_version').values({
      id: newId(), statute_id: s.id, seq: latest.seq + 1, kind: 'text', valid_from: p.validFrom, valid_to: null, heading, markup: p.markup,
      made_by_kind: 'consolidation', made_by_reason: p.reason, made_by_ref: null, recorded_at: tx.now.toISOString(), recorded_by: actorName(tx),
    }).execute();
    await reindexStatute(tx, s.code);
    tx.audit({ action: 'legislature.statute.amend', objectType: 'statute', objectId: s.id, classification: s.label.classification, compartments: [...s.label.compartments], detail: { code: s.code, seq: latest.seq + 1, validFrom: p.validFrom, reason: p.reason, version: s.version + 1 } });
    tx.emit('legislature.statute.amended', { id: s.id, code: s.code, validFrom: p.validFrom }, s.label);
  });
  return written(ctx, visible.code, p.validFrom);
}

/** Repeals a statute from a date: a repeal version closes the text in force. Its history stays readable. */
export async function repealStatute(ctx: AppContext, code: string, input: TStatuteRepeal, expectedVersion?: number) {
  const p = parseInput(ZStatuteRepeal, input);
  const visible = await statuteForWrite(ctx, code, 'legislature.statute.repeal');
  await checkBillMentions(ctx, visible.label, p.reason, 'body.reason');
  await transact(ctx, async (tx) => {
    const s = await lockedForChange(tx, visible.code, expectedVersion);
    const latest = s.versions[s.versions.length - 1]!;
    if (p.on <= latest.validFrom) throw LegislatureErrors.notAfterLatest(s.code, 'body.on', latest.validFrom);
    await closeLatest(tx, s, p.on, { repealed_on: p.on });
    await tx.db.insertInto('legislature_statute_version').values({
      id: newId(), statute_id: s.id, seq: latest.seq + 1, kind: 'repeal', valid_from: p.on, valid_to: null, heading: latest.heading, markup: null,
      made_by_kind: 'consolidation', made_by_reason: p.reason, made_by_ref: null, recorded_at: tx.now.toISOString(), recorded_by: actorName(tx),
    }).execute();
    await reindexStatute(tx, s.code);
    tx.audit({ action: 'legislature.statute.repeal', objectType: 'statute', objectId: s.id, classification: s.label.classification, compartments: [...s.label.compartments], detail: { code: s.code, on: p.on, reason: p.reason, version: s.version + 1 } });
    tx.emit('legislature.statute.repealed', { id: s.id, code: s.code, on: p.on }, s.label);
  });
  return statuteHistory(ctx, visible.code);
}

// ---------- enactment ----------

/**
 * What an enacted bill does to the statute book on its commencement date, inside the enacting
 * transaction: a new version of each amended statute, a repeal, or a new statute, each version
 * made by the bill (kind "bill", ref its code). The texts come from applyAmendments (amendments.ts):
 * consolidation is derived, never typed twice. Returns the codes written.
 */
export async function writeEnactment(tx: Tx, bill: { code: string; title: string; label: Label }, on: string, changes: ReadonlyMap<string, AmendedStatute>): Promise<string[]> {
  const stored = await loadStatutes(tx.db, [...changes.keys()], null);
  const at = tx.now.toISOString();
  const by = actorName(tx);
  for (const [code, change] of changes) {
    const s = stored.get(code);
    // Readers see the bill from the reference (ref, resolved for each at read: legislature.read.ts);
    // the stored words name it only where every reader of the statute may see the bill.
    const reason = !s || labelDominates(s.label, bill.label) ? `${bill.code}: ${bill.title}` : 'a bill classified above this statute';
    if (!s) {
      if ('repealed' in change) continue;
      const title = await tx.db.selectFrom('legislature_title').select('number').where('number', '=', titleOf(code)).executeTakeFirst();
      if (!title) await tx.db.insertInto('legislature_title').values({ number: titleOf(code), heading: `Title ${titleOf(code)}`, created_at: at, created_by: by }).execute();
      const id = newId();
      await tx.db.insertInto('legislature_statute').values({
        id, code, title_number: titleOf(code), section_number: sectionOf(code), heading: change.heading, in_force_from: on, repealed_on: null,
        classification: bill.label.classification, compartments: toJson([...bill.label.compartments].sort()), version: 1, created_at: at, updated_at: at,
      }).execute();
      await tx.db.insertInto('legislature_statute_version').values({
        id: newId(), statute_id: id, seq: 1, kind: 'text', valid_from: on, valid_to: null, heading: change.heading, markup: change.markup,
        made_by_kind: 'bill', made_by_reason: reason, made_by_ref: bill.code, recorded_at: at, recorded_by: by,
      }).execute();
      tx.audit({ action: 'legislature.statute.create', objectType: 'statute', objectId: id, classification: bill.label.classification, compartments: [...bill.label.compartments], detail: { code, heading: change.heading, validFrom: on, bill: bill.code } });
      tx.emit('legislature.statute.created', { id, code }, bill.label);
    } else {
      const latest = s.versions[s.versions.length - 1]!;
      if (s.repealedOn) throw LegislatureErrors.alreadyRepealed(code, s.repealedOn);
      if (on <= latest.validFrom) throw LegislatureErrors.notAfterLatest(code, 'commencement', latest.validFrom);
      const repeal = 'repealed' in change;
      await closeLatest(tx, s, on, repeal ? { repealed_on: on } : { heading: change.heading });
      await tx.db.insertInto('legislature_statute_version').values({
        id: newId(), statute_id: s.id, seq: latest.seq + 1, kind: repeal ? 'repeal' : 'text', valid_from: on, valid_to: null,
        heading: repeal ? latest.heading : change.heading, markup: repeal ? null : change.markup,
        made_by_kind: 'bill', made_by_reason: reason, made_by_ref: bill.code, recorded_at: at, recorded_by: by,
      }).execute();
      const action = repeal ? 'legislature.statute.repeal' : 'legislature.statute.amend';
      tx.audit({ action, objectType: 'statute', objectId: s.id, classification: s.label.classification, compartments: [...s.label.compartments], detail: { code, validFrom: on, bill: bill.code, version: s.version + 1 } });
      tx.emit(repeal ? 'legislature.statute.repealed' : 'legislature.statute.amended', { id: s.id, code, validFrom: on }, s.label);
    }
    await reindexStatute(tx, code);
  }
  return [...changes.keys()];
}

// ---------- importers ----------

export interface ImportStatutesResult { created: number; updated: number; unchanged: number }

/**
 * A version as an import states it, and as it is stored, compared on what makes it that version:
 * its first day, its reason and its text. Not on the file it came from: an act exported and
 * imported back names itself as the source of versions a clerk or a bill made.
 */
const sameVersion = (a: { from: string; reason: string; markup: string }, b: StoredVersion) =>
  b.kind === 'text' && a.from === b.validFrom && a.reason === b.madeBy.reason && a.markup === b.markup;

/**
 * Imports whole statute histories (the demo book, Akoma Ntoso acts), idempotently, in ONE
 * transaction (joining the caller's): a statute not yet recorded is created with every version; one
 * recorded with a history the import continues (more versions, a repeal) gets what is new; one
 * recorded with the same history is unchanged; one recorded with another history is refused (409),
 * since a recorded version is never rewritten. Everything is checked before anything is written:
 * a problem anywhere (markup errors name their line) writes nothing.
 */
export async function importStatutes(ctx: AppContext, statutes: readonly TStatuteImport[], opts: { source: string }): Promise<ImportStatutesResult> {
  const parsed = statutes.map((s, i) => parseInput(ZStatuteImport, s, `statutes.${i}`));
  const problems: ErrorDetail[] = [];
  // Each text is parsed once: checked here, and its plain text kept for the search documents.
  const plain = new Map<string, string>();
  const check = (code: string, markup: string, path: string) => {
    const r = parseStatuteText(code, markup);
    if (!r.errors.length) plain.set(`${code}\n${markup}`, plainText(r.text) ?? '');
    return r.errors.map((e) => ({ path, message: `line ${e.line}: ${e.message}` }));
  };
  const seen = new Map<string, number>();
  parsed.forEach((s, i) => {
    if (titleOf(s.code) !== s.titleNumber) problems.push({ path: `statutes.${i}.titleNumber`, message: `statute ${s.code} is in Title ${titleOf(s.code)}, not ${s.titleNumber}` });
    if (seen.has(s.code)) problems.push({ path: `statutes.${i}.code`, message: `statute ${s.code} appears twice (first at statutes.${seen.get(s.code)})` });
    else seen.set(s.code, i);
    s.versions.forEach((v, k) => {
      if (k > 0 && v.from <= s.versions[k - 1]!.from) problems.push({ path: `statutes.${i}.versions.${k}.from`, message: `must be after the previous version's ${s.versions[k - 1]!.from}` });
      problems.push(...check(s.code, v.markup, `statutes.${i}.versions.${k}.markup`));
    });
    const last = s.versions[s.versions.length - 1]!;
    if (s.repealed && s.repealed.on <= last.from) problems.push({ path: `statutes.${i}.repealed.on`, message: `must be after the latest version's ${last.from}` });
  });
  if (problems.some((p) => p.path!.endsWith('.markup'))) throw refuseMarkup(problems);
  if (problems.length) throw new AppError('LEGISLATURE_IMPORT_INVALID', 'unprocessable', `The statutes to import have ${problems.length} problem(s): ${problems[0]!.path}: ${problems[0]!.message}. Nothing was imported.`, problems);
  for (const s of parsed) await authorize(ctx, 'legislature.akn.import', s.label ? sortedLabel(s.label) : PUBLIC_LABEL);

  const result: ImportStatutesResult = { created: 0, updated: 0, unchanged: 0 };
  await transact(ctx, async (tx) => {
    const at = tx.now.toISOString();
    const today = villageDateOf(tx.now);
    const by = actorName(tx);
    // Titles first: the ones missing are added, with the heading the import gives (or "Title N").
    const numbers = [...new Set(parsed.map((s) => s.titleNumber))];
    const known = new Set((await tx.db.selectFrom('legislature_title').select('number').where('number', 'in', numbers).execute()).map((t) => Number(t.number)));
    for (const n of numbers) {
      if (known.has(n)) continue;
      const heading = parsed.find((s) => s.titleNumber === n && s.titleHeading)?.titleHeading || `Title ${n}`;
      await tx.db.insertInto('legislature_title').values({ number: n, heading, created_at: at, created_by: by }).execute();
      tx.audit({ action: 'legislature.title.create', objectType: 'title', objectId: String(n), detail: { number: n, heading, source: opts.source } });
    }
    const stored = await loadStatutes(tx.db, parsed.map((s) => s.code), null);
    const versionRows: Record<string, unknown>[] = [];
    const statuteRows: Record<string, unknown>[] = [];
    // New statutes' search documents are made from what is written; updated ones' from what is then stored.
    const newDocs = new Map<string, SearchDoc[]>();
    const touched: string[] = [];
    // One audit record and one event per label among the statutes written, not one per statute:
    // an import of thousands stays a few statements, and each record is labelled with what it names.
    const byLabel = new Map<string, { label: Label; created: string[]; updated: string[]; ids: string[] }>();
    const note = (label: Label, code: string, id: string, how: 'created' | 'updated') => {
      const key = `${label.classification}|${label.compartments.join(',')}`;
      const g = byLabel.get(key) ?? { label, created: [], updated: [], ids: [] };
      g[how].push(code);
      g.ids.push(id);
      byLabel.set(key, g);
    };
    for (const [i, s] of parsed.entries()) {
      const label = s.label ? sortedLabel(s.label) : PUBLIC_LABEL;
      const incoming = s.versions.map((v) => ({ from: v.from, reason: v.reason, markup: v.markup, ref: v.madeBy?.ref ?? null, heading: v.heading ?? s.heading }));
      // The statute is named as its latest version is.
      const heading = incoming[incoming.length - 1]!.heading;
      const row = (seq: number, v: (typeof incoming)[number], validTo: string | null, statuteId: string) => ({
        id: newId(), statute_id: statuteId, seq, kind: 'text', valid_from: v.from, valid_to: validTo, heading: v.heading, markup: v.markup,
        made_by_kind: 'import', made_by_reason: v.reason, made_by_ref: v.ref, recorded_at: at, recorded_by: by,
      });
      const repealRow = (seq: number, statuteId: string) => ({
        id: newId(), statute_id: statuteId, seq, kind: 'repeal', valid_from: s.repealed!.on, valid_to: null, heading, markup: null,
        made_by_kind: 'import', made_by_reason: s.repealed!.reason, made_by_ref: null, recorded_at: at, recorded_by: by,
      });
      const old = stored.get(s.code);
      if (!old) {
        const id = newId();
        statuteRows.push({
          id, code: s.code, title_number: s.titleNumber, section_number: sectionOf(s.code), heading, in_force_from: incoming[0]!.from,
          repealed_on: s.repealed?.on ?? null, classification: label.classification, compartments: toJson(label.compartments), version: 1, created_at: at, updated_at: at,
        });
        const rows = incoming.map((v, k) => row(k + 1, v, incoming[k + 1]?.from ?? s.repealed?.on ?? null, id));
        versionRows.push(...rows);
        if (s.repealed) versionRows.push(repealRow(incoming.length + 1, id));
        const shown = shownWithoutDate(rows.map((r) => ({ validFrom: r.valid_from })), today);
        newDocs.set(id, rows.map((r, k) => ({
          versionId: r.id, code: s.code, heading: r.heading, titleNumber: s.titleNumber, body: plain.get(`${s.code}\n${r.markup}`)!,
          validFrom: r.valid_from, validTo: r.valid_to, repealedOn: s.repealed?.on ?? null, latest: k === shown, label,
        })));
        result.created++;
        note(label, s.code, id, 'created');
        continue;
      }
      // Recorded already: the import may only continue the recorded history.
      const path = `statutes.${i}`;
      // One the importer may not read is only a code that is taken (as for createStatute): its
      // label and history are not theirs to learn from a refusal.
      if (!canRead(ctx, old.label)) throw LegislatureErrors.importConflict(s.code, `${path}.code`, `the code ${s.code} is already given to a statute, and a statute's number is never reused`);
      if (!sameLabel(old.label, label)) throw LegislatureErrors.importConflict(s.code, `${path}.label`, `it is recorded as ${old.label.classification}${old.label.compartments.length ? ` (${old.label.compartments.join(', ')})` : ''}; change a label through the statute, not by import`);
      const oldTexts = old.versions.filter((v) => v.kind === 'text');
      const oldRepeal = old.versions.find((v) => v.kind === 'repeal');
      for (const [k, v] of oldTexts.entries()) {
        if (k >= incoming.length) throw LegislatureErrors.importConflict(s.code, `${path}.versions`, `it has ${oldTexts.length} recorded versions, the import only ${incoming.length}`);
        if (!sameVersion(incoming[k]!, v)) throw LegislatureErrors.importConflict(s.code, `${path}.versions.${k}`, `its version of ${v.validFrom} differs from the one recorded`);
      }
      if (oldRepeal && (!s.repealed || s.repealed.on !== oldRepeal.validFrom || s.repealed.reason !== oldRepeal.madeBy.reason || incoming.length !== oldTexts.length)) {
        throw LegislatureErrors.importConflict(s.code, `${path}.repealed`, `it is recorded as repealed on ${oldRepeal.validFrom}`);
      }
      const added = incoming.slice(oldTexts.length);
      const addsRepeal = !!s.repealed && !oldRepeal;
      // Each version carries the heading it had: a new one alone would rename the statute's record
      // but not the text read on any day.
      if (old.heading !== heading && !added.length) throw LegislatureErrors.importConflict(s.code, `${path}.heading`, `its heading is recorded as "${old.heading}", and a new heading comes with a new version of its text`);
      if (!added.length && !addsRepeal && old.heading === heading) {
        result.unchanged++;
        continue;
      }
      const firstNew = added[0]?.from ?? (addsRepeal ? s.repealed!.on : undefined);
      const lastOld = oldTexts[oldTexts.length - 1]!;
      if (firstNew && firstNew <= lastOld.validFrom) throw LegislatureErrors.importConflict(s.code, `${path}.versions`, `a new version must start after the recorded ${lastOld.validFrom}`);
      await tx.db.updateTable('legislature_statute').set({ heading, repealed_on: s.repealed?.on ?? null, version: old.version + 1, updated_at: at }).where('id', '=', old.id).execute();
      if (firstNew) await tx.db.updateTable('legislature_statute_version').set({ valid_to: firstNew }).where('statute_id', '=', old.id).where('valid_to', 'is', null).execute();
      added.forEach((v, k) => versionRows.push(row(lastOld.seq + 1 + k, v, added[k + 1]?.from ?? s.repealed?.on ?? null, old.id)));
      if (addsRepeal) versionRows.push(repealRow(lastOld.seq + 1 + added.length, old.id));
      touched.push(s.code);
      result.updated++;
      note(label, s.code, old.id, 'updated');
    }
    for (let k = 0; k < statuteRows.length; k += 500) await tx.db.insertInto('legislature_statute').values(statuteRows.slice(k, k + 500)).execute();
    for (const g of byLabel.values()) {
      const objectId = g.ids.length === 1 ? g.ids[0] : undefined;
      tx.audit({ action: 'legislature.akn.import', objectType: 'statute', objectId, classification: g.label.classification, compartments: [...g.label.compartments], detail: { source: opts.source, created: g.created, updated: g.updated } });
      tx.emit('legislature.statutes.imported', { created: g.created, updated: g.updated }, g.label);
    }
    // In chunks: a statement stays under the databases' bound-parameter limits (14 columns a row).
    for (let k = 0; k < versionRows.length; k += 500) await tx.db.insertInto('legislature_statute_version').values(versionRows.slice(k, k + 500)).execute();
    const docs = new Map(newDocs);
    if (touched.length) {
      for (const s of (await loadStatutes(tx.db, touched, null)).values()) {
        docs.set(s.id, searchDocsOf(s, today, (m) => plain.get(`${s.code}\n${m}`) ?? plainText(parseStatuteText(s.code, m).text) ?? ''));
      }
    }
    if (docs.size) await replaceSearchDocsOf(tx.db, 'statute', docs);
  });
  return result;
}

/** A bill's code from its FRBR work (`it/Ddl/2013-01-22/3` → `it-ddl-2013-01-22-3`), or from its number and date. */
export function billCode(bill: AknBill): string {
  const from = bill.frbr.work.uri ?? bill.frbr.work.this ?? [bill.frbr.work.country, 'bill', bill.date, bill.number].filter(Boolean).join('/');
  const slug = from.toLowerCase().replace(/^\/?akn\//, '').replace(/\/!main$/, '').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 100);
  return slug || 'bill';
}

/** What a search finds in a bill: its articles, each with its number and heading. */
export function billBody(bill: AknBill): string {
  return bill.articles.map((a) => [[a.num, a.heading].filter(Boolean).join(' '), a.text].filter(Boolean).join('\n')).join('\n\n');
}

/**
 * Stores a bill read from Akoma Ntoso (title, FRBR ids, articles) for the bills module, with its
 * search document (kind "bill"), idempotently: the same bill again changes nothing.
 */
export async function importBill(ctx: AppContext, bill: AknBill, opts: { source: string; label?: Label }): Promise<{ id: string; code: string; created: boolean }> {
  const label = sortedLabel(opts.label ?? PUBLIC_LABEL);
  await authorize(ctx, 'legislature.akn.import', label);
  const code = billCode(bill);
  const fields = {
    title: bill.title, number: bill.number, date: bill.date && /^\d{4}-\d{2}-\d{2}$/.test(bill.date) ? bill.date : null,
    frbr: toJson(bill.frbr), articles: toJson(bill.articles), source: opts.source,
  };
  return transact(ctx, async (tx) => {
    const at = tx.now.toISOString();
    const old = await tx.db.selectFrom('legislature_imported_bill').selectAll().where('code', '=', code).executeTakeFirst();
    let id: string;
    if (old) {
      id = old.id;
      // Compared as canonical JSON: PostgreSQL's jsonb gives the keys back in its own order.
      const same = old.title === fields.title && old.number === fields.number && canonicalize(fromJson(old.frbr, {})) === canonicalize(bill.frbr)
        && canonicalize(fromJson(old.articles, [])) === canonicalize(bill.articles) && sameLabel({ classification: old.classification, compartments: fromJson<string[]>(old.compartments, []) }, label);
      if (same) return { id, code, created: false };
      await tx.db.updateTable('legislature_imported_bill').set({ ...fields, classification: label.classification, compartments: toJson(label.compartments), version: Number(old.version) + 1, updated_at: at }).where('id', '=', id).execute();
    } else {
      id = newId();
      await tx.db.insertInto('legislature_imported_bill').values({ id, code, ...fields, classification: label.classification, compartments: toJson(label.compartments), version: 1, created_at: at, updated_at: at }).execute();
    }
    await replaceSearchDocs(tx.db, 'bill', id, [{
      versionId: id, code, heading: bill.title ?? code, titleNumber: null, body: billBody(bill), validFrom: null, validTo: null, repealedOn: null, latest: true, label,
    }]);
    tx.audit({ action: 'legislature.akn.import', objectType: 'bill', objectId: id, classification: label.classification, compartments: [...label.compartments], detail: { code, title: bill.title, articles: bill.articles.length, created: !old, source: opts.source } });
    tx.emit(old ? 'legislature.bill.updated' : 'legislature.bill.imported', { id, code }, label);
    return { id, code, created: !old };
  });
}
