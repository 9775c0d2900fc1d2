// Statute book reads: the law as it stood on a date, histories, redlines, the title index, citations
// resolved against the book, and statutes for Akoma Ntoso. Every read filters by the reader's
// clearance in SQL; a statute the reader may not see is answered exactly as one that does not exist.
import type { Kysely } from 'kysely';
import { fromJson, toIsoInstant } from '../../kernel/db/dialect.ts';
import { readerKey, readerSees, storedLabel } from '../../kernel/auth/reader.ts';
import { cachedRead } from '../../kernel/db/read-cache.ts';
import { transact, type AppContext } from '../../kernel/context.ts';
import { join, type Label } from '../../kernel/auth/labels.ts';
import { canSeeAll, refuse, showAccountNames, UnknownReference, type Withheld } from '../../kernel/references.ts';
import { parseStatuteText, plainText } from './statute-text.ts';
import { citedKeys, findCitations, normaliseCode, resolveCitations, type StatuteFacts } from './citations.ts';
import { redlineStatute } from './redline.ts';
import type { StatuteForAkn } from './akn.ts';
import type { SearchDoc } from './search-index.ts';
import { LegislatureErrors, STATUTE_NOT_FOUND } from './legislature.errors.ts';
import { minutesOfBills } from './minutes-links.ts';
import { villageDay } from '../../kernel/village-time.ts';
import {
  ZCitationsResolve, parseInput, type TCitationsResolve, type TCitationsResolved, type THistory, type TMadeBy, type TStatute, type TTitle,
} from './legislature.schema.ts';

/** "Today" in the village (UTC+03:00 all year, no daylight saving). */
/** The village date (UTC+03:00) of an instant. */
export const villageDateOf = (at: Date): string => villageDay(at);
export const villageToday = (ctx: { now: () => Date }): string => villageDateOf(ctx.now());

export interface StoredVersion {
  id: string;
  seq: number;
  kind: 'text' | 'repeal';
  validFrom: string;
  validTo: string | null;
  heading: string;
  /** null for a repeal. */
  markup: string | null;
  madeBy: TMadeBy;
  recordedAt: string;
  recordedBy: string | null;
}

export interface StoredStatute {
  id: string;
  code: string;
  titleNumber: number;
  titleHeading: string;
  heading: string;
  inForceFrom: string;
  repealedOn: string | null;
  label: Label;
  /** The record's version, for If-Match (moves on every change). */
  version: number;
  /** Oldest first. */
  versions: StoredVersion[];
}

type Row = Record<string, any>;
const isClassified = (l: Label) => l.classification !== 'public' || l.compartments.length > 0;
const dateText = (v: unknown): string | null => (v === null || v === undefined ? null : String(v).slice(0, 10));

function toVersion(r: Row): StoredVersion {
  return {
    id: r.id, seq: Number(r.seq), kind: r.kind, validFrom: dateText(r.valid_from)!, validTo: dateText(r.valid_to), heading: r.heading,
    markup: r.markup ?? null, madeBy: { kind: r.made_by_kind, reason: r.made_by_reason, ref: r.made_by_ref ?? null },
    recordedAt: toIsoInstant(r.recorded_at instanceof Date ? r.recorded_at.toISOString() : r.recorded_at)!, recordedBy: r.recorded_by ?? null,
  };
}

/**
 * Statutes by code with every version, in two statements whatever their number. `ctx` given: only
 * those the reader may see; null: all of them (the writers' own checks, inside their transaction).
 */
export async function loadStatutes(db: Kysely<any>, codes: readonly string[], ctx: AppContext | null): Promise<Map<string, StoredStatute>> {
  const out = new Map<string, StoredStatute>();
  const unique = [...new Set(codes)];
  // Chunks keep each statement under SQLite's bound-parameter limit.
  for (let i = 0; i < unique.length; i += 500) {
    const chunk = unique.slice(i, i + 500);
    let q = db.selectFrom('legislature_statute as s').innerJoin('legislature_title as t', 't.number', 's.title_number')
      .select(['s.id', 's.code', 's.title_number', 't.heading as title_heading', 's.heading', 's.in_force_from', 's.repealed_on', 's.classification', 's.compartments', 's.version'])
      .where('s.code', 'in', chunk);
    if (ctx) q = q.where(readerSees(ctx, 's'));
    const rows = await q.execute();
    if (!rows.length) continue;
    const versions = await db.selectFrom('legislature_statute_version').selectAll().where('statute_id', 'in', rows.map((r) => r.id)).orderBy('statute_id').orderBy('seq').execute();
    const byStatute = new Map<string, StoredVersion[]>();
    for (const v of versions) {
      const list = byStatute.get(v.statute_id) ?? [];
      list.push(toVersion(v));
      byStatute.set(v.statute_id, list);
    }
    if (ctx) await showMakingBills(ctx, db, versions.length ? [...byStatute.values()].flat() : []);
    for (const r of rows) {
      out.set(r.code, {
        id: r.id, code: r.code, titleNumber: Number(r.title_number), titleHeading: r.title_heading, heading: r.heading,
        inForceFrom: dateText(r.in_force_from)!, repealedOn: dateText(r.repealed_on), label: storedLabel(r), version: Number(r.version),
        versions: byStatute.get(r.id) ?? [],
      });
    }
  }
  return out;
}

export const WITHHELD_BILL_REASON = 'made by a bill withheld from you';

/**
 * A version made by a bill names it as the reader may see it, from the reference (its code in
 * `ref`) and never from the stored reason: a public statute may be amended by a secret bill, and
 * the version is read at the statute's label. A bill the reader may not see (or that is gone) is
 * withheld alike: no code, no title.
 */
async function showMakingBills(ctx: AppContext, db: Kysely<any>, versions: StoredVersion[]): Promise<void> {
  const made = versions.filter((v) => v.madeBy.kind === 'bill' && v.madeBy.ref);
  if (!made.length) return;
  const bills = new Map<string, { title: string; label: Label }>();
  const codes = [...new Set(made.map((v) => v.madeBy.ref!))];
  for (let i = 0; i < codes.length; i += 500) {
    for (const b of await db.selectFrom('legislature_bill').select(['code', 'title', 'classification', 'compartments']).where('code', 'in', codes.slice(i, i + 500)).execute()) {
      bills.set(b.code, { title: b.title, label: storedLabel(b) });
    }
  }
  for (const v of made) {
    const b = bills.get(v.madeBy.ref!);
    v.madeBy = b && canSeeAll(ctx, [b.label])
      ? { kind: 'bill', reason: `${v.madeBy.ref}: ${b.title}`, ref: v.madeBy.ref }
      : { kind: 'bill', reason: WITHHELD_BILL_REASON, ref: null };
  }
}

/** The statute the reader may see under this code, or the refusal that an unknown one gets (404). */
export async function visibleStatute(ctx: AppContext, rawCode: string): Promise<StoredStatute> {
  const code = normaliseCode(rawCode);
  // No statute has a code of another shape (codes are checked when written), hidden or not: the
  // answer is the unknown one, without asking the database about text it may not even store.
  if (!code) throw LegislatureErrors.notFound(new UnknownReference(STATUTE_NOT_FOUND, 'not_found', '', [], { action: 'legislature.read', objectType: 'statute', objectId: rawCode.slice(0, 200), label: null }), rawCode);
  const s = (await loadStatutes(ctx.db, [code], ctx)).get(code);
  if (s) return s;
  throw LegislatureErrors.notFound(await refuse(ctx, 'legislature.statute', code), code);
}

/** The version in force on a date: valid_from inclusive, valid_to exclusive. */
export const versionOn = (s: StoredStatute, at: string): StoredVersion | undefined =>
  s.versions.find((v) => v.validFrom <= at && (v.validTo === null || at < v.validTo));

/** The text version in force on `at`, or the contract's 404 saying why there is none (path: where the date came from). */
export function textOn(s: StoredStatute, at: string, path = 'at'): StoredVersion & { markup: string } {
  const v = versionOn(s, at);
  if (v && v.kind === 'text') return v as StoredVersion & { markup: string };
  if (v?.kind === 'repeal' || (s.repealedOn && at >= s.repealedOn)) throw LegislatureErrors.repealed(s.code, at, s.repealedOn ?? v!.validFrom, path);
  throw LegislatureErrors.notYet(s.code, at, s.inForceFrom, path);
}

type Names = Map<string, string | Withheld>;
// Who recorded a version is an account: withheld when its person is hidden from the reader.
type Links = Awaited<ReturnType<typeof minutesOfBills>>;
// A version made by a bill links to the minutes of the sitting whose vote passed it.
const versionOut = (v: StoredVersion, { names, links }: { names: Names; links: Links }) => ({
  id: v.id, seq: v.seq, validFrom: v.validFrom, validTo: v.validTo, heading: v.heading, madeBy: v.madeBy, recordedAt: v.recordedAt,
  recordedBy: v.recordedBy ? names.get(v.recordedBy) ?? v.recordedBy : null,
  minutes: v.madeBy.kind === 'bill' && v.madeBy.ref ? links.get(v.madeBy.ref) ?? null : null,
});
const recorders = async (ctx: AppContext, s: StoredStatute) => ({
  names: await showAccountNames(ctx, s.versions.map((v) => v.recordedBy)),
  links: await minutesOfBills(ctx, s.versions.flatMap((v) => (v.madeBy.kind === 'bill' && v.madeBy.ref ? [v.madeBy.ref] : []))),
});

/** Reading a classified statute is audited (not the operator's reads, nor reads inside a write). */
async function auditClassifiedRead(ctx: AppContext, statutes: { id: string; label: Label }[]) {
  if (ctx.actor.kind === 'local' || ctx.actor.kind === 'system' || ctx.tx) return;
  const classified = statutes.filter((s) => isClassified(s.label));
  if (!classified.length) return;
  const top = classified.map((s) => s.label).reduce(join);
  await transact(ctx, async (tx) => tx.audit({
    action: 'legislature.read', objectType: 'statute', objectId: classified.length === 1 ? classified[0]!.id : undefined,
    classification: top.classification, compartments: [...top.compartments], detail: { ids: classified.map((s) => s.id) },
  }));
}

function statuteAt(s: StoredStatute, at: string, names: Awaited<ReturnType<typeof recorders>>): TStatute {
  const v = textOn(s, at);
  return {
    code: s.code, titleNumber: s.titleNumber, titleHeading: s.titleHeading, heading: v.heading,
    classification: s.label.classification, compartments: [...s.label.compartments], at,
    inForceFrom: s.inForceFrom, repealedOn: s.repealedOn,
    version: versionOut(v, names),
    markup: v.markup,
    text: parseStatuteText(s.code, v.markup).text,
    timeline: s.versions.map((x) => ({ seq: x.seq, validFrom: x.validFrom, validTo: x.validTo, kind: x.kind, reason: x.madeBy.reason })),
  };
}

/**
 * A statute as in force on `at` (default: the village's today), as JSON bytes kept while the
 * statute book stands, with its record version for the ETag. The three 404s: no such code
 * (unknown or hidden), not yet in force, repealed.
 */
export async function statuteDocument(ctx: AppContext, code: string, at?: string): Promise<{ json: Buffer; version: number; value: TStatute }> {
  const day = at ?? villageToday(ctx);
  // Whether a recorder's name is shown depends on the registry (their person's label) too.
  const doc = await cachedRead(ctx, 'legislature', `statute|${day}|${readerKey(ctx)}|${code}`, async () => {
    const s = await visibleStatute(ctx, code);
    const value = statuteAt(s, day, await recorders(ctx, s));
    return { json: Buffer.from(JSON.stringify(value)), version: s.version, value, read: { id: s.id, label: s.label } };
  }, (d) => d.json.length * 3 + 200, ['registry']);
  await auditClassifiedRead(ctx, [doc.read]);
  return doc;
}

export async function getStatute(ctx: AppContext, code: string, at?: string): Promise<TStatute> {
  return (await statuteDocument(ctx, code, at)).value;
}

export async function statuteHistory(ctx: AppContext, code: string): Promise<THistory & { version: number }> {
  const s = await visibleStatute(ctx, code);
  await auditClassifiedRead(ctx, [s]);
  return {
    code: s.code, heading: s.heading, titleNumber: s.titleNumber, classification: s.label.classification, compartments: [...s.label.compartments],
    inForceFrom: s.inForceFrom, repealedOn: s.repealedOn,
    items: await recorders(ctx, s).then((names) => s.versions.map((v) => ({ ...versionOut(v, names), kind: v.kind }))),
    version: s.version,
  };
}

/** A word-level redline between the texts in force on two dates; a date with none is the 404 naming it ("from" or "to"). */
export async function statuteDiff(ctx: AppContext, code: string, from: string, to: string) {
  const s = await visibleStatute(ctx, code);
  const a = textOn(s, from, 'from');
  const b = textOn(s, to, 'to');
  await auditClassifiedRead(ctx, [s]);
  return { code: s.code, from: { date: from, seq: a.seq }, to: { date: to, seq: b.seq }, redline: redlineStatute(s.code, a.markup, b.markup) };
}

function statusOnDay(inForceFrom: string, repealedOn: string | null, at: string): 'in_force' | 'repealed' | 'not_yet' {
  if (at < inForceFrom) return 'not_yet';
  if (repealedOn && at >= repealedOn) return 'repealed';
  return 'in_force';
}

/** Every title, with the statutes the reader may see and their status on `at` (default today). */
export async function listTitles(ctx: AppContext, at?: string): Promise<{ items: TTitle[] }> {
  const day = at ?? villageToday(ctx);
  return cachedRead(ctx, 'legislature', `titles|${day}|${readerKey(ctx)}`, async () => {
    const [titles, rows] = await Promise.all([
      ctx.db.selectFrom('legislature_title').select(['number', 'heading']).orderBy('number').execute(),
      // Each statute with its text versions' (from, heading), oldest first: it is named as it read
      // that day (a consolidation dated later may rename it), picked as the search picks its text.
      ctx.db.selectFrom('legislature_statute as s')
        .leftJoin('legislature_statute_version as v', (j) => j.onRef('v.statute_id', '=', 's.id').on('v.kind', '=', 'text'))
        .select(['s.code', 's.title_number', 's.heading', 's.in_force_from', 's.repealed_on', 's.classification', 's.compartments', 'v.valid_from', 'v.heading as version_heading'])
        .where(readerSees(ctx, 's')).orderBy('s.title_number').orderBy('s.section_number').orderBy('v.seq').execute(),
    ]);
    const statutes = new Map<string, { row: (typeof rows)[number]; texts: { validFrom: string; heading: string }[] }>();
    for (const r of rows) {
      const s = statutes.get(r.code) ?? { row: r, texts: [] };
      if (r.valid_from !== null) s.texts.push({ validFrom: dateText(r.valid_from)!, heading: r.version_heading });
      statutes.set(r.code, s);
    }
    const byTitle = new Map<number, TTitle['statutes']>();
    for (const { row: r, texts } of statutes.values()) {
      const list = byTitle.get(Number(r.title_number)) ?? [];
      const inForceFrom = dateText(r.in_force_from)!;
      const repealedOn = dateText(r.repealed_on);
      const heading = texts.length ? texts[shownWithoutDate(texts, day)]!.heading : r.heading;
      list.push({ code: r.code, heading, status: statusOnDay(inForceFrom, repealedOn, day), inForceFrom, repealedOn, classification: r.classification, compartments: fromJson<string[]>(r.compartments, []) });
      byTitle.set(Number(r.title_number), list);
    }
    return { items: titles.map((t) => ({ number: Number(t.number), heading: t.heading, statutes: byTitle.get(Number(t.number)) ?? [] })) };
  }, (v) => JSON.stringify(v).length * 3);
}

/**
 * A statute as the Akoma Ntoso writer takes it (akn.ts StatuteForAkn), label-checked: hidden = 404
 * not found. With `at`, the statute must be in force that day (the same 404s as the statute read);
 * without it, the whole statute whatever its state (an export of a repealed statute keeps its history).
 */
export async function statuteForAkn(ctx: AppContext, code: string, at?: string): Promise<StatuteForAkn> {
  const s = await visibleStatute(ctx, code);
  if (at) textOn(s, at);
  await auditClassifiedRead(ctx, [s]);
  const texts = s.versions.filter((v) => v.kind === 'text');
  const repeal = s.versions.find((v) => v.kind === 'repeal');
  return {
    code: s.code, heading: s.heading, title: { number: s.titleNumber, heading: s.titleHeading },
    versions: texts.map((v) => ({ from: v.validFrom, reason: v.madeBy.reason, text: v.markup!, heading: v.heading })),
    repealed: repeal ? { on: repeal.validFrom, reason: repeal.madeBy.reason } : null,
    label: s.label,
  };
}

const EXCERPT_MAX = 400;
/** Cut at a word boundary, marked with an ellipsis. */
function clipExcerpt(s: string): string {
  if (s.length <= EXCERPT_MAX) return s;
  const cut = s.slice(0, EXCERPT_MAX - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > EXCERPT_MAX / 2 ? cut.slice(0, space) : cut}…`;
}

/**
 * Finds every citation in a text and resolves it against the statute book as the reader sees it,
 * on `at` (default today): status, heading, and an excerpt of the cited subdivision as in force that
 * day. All cited statutes come from ONE statement, with the text in force on `at` joined in;
 * hidden statutes are not in it, so they resolve as unknown.
 */
export async function resolveCitationsInText(ctx: AppContext, input: TCitationsResolve): Promise<TCitationsResolved> {
  const q = parseInput(ZCitationsResolve, input);
  const at = q.at ?? villageToday(ctx);
  const citations = findCitations(q.text);
  const { codes, titles } = citedKeys(citations);
  const facts = new Map<string, StatuteFacts & { markup: string | null }>();
  for (let i = 0; i < codes.length; i += 500) {
    const rows = await ctx.db.selectFrom('legislature_statute as s')
      .leftJoin('legislature_statute_version as v', (j) => j.onRef('v.statute_id', '=', 's.id').on('v.kind', '=', 'text').on('v.valid_from', '<=', at)
        .on((eb) => eb.or([eb('v.valid_to', 'is', null), eb('v.valid_to', '>', at)])))
      .select(['s.code', 's.heading', 's.in_force_from', 's.repealed_on', 'v.markup', 'v.heading as version_heading'])
      .where('s.code', 'in', codes.slice(i, i + 500)).where(readerSees(ctx, 's')).execute();
    for (const row of rows) {
      facts.set(row.code, { heading: row.version_heading ?? row.heading, inForceFrom: dateText(row.in_force_from)!, repealedOn: dateText(row.repealed_on), markup: row.markup ?? null });
    }
  }
  const titleHeadings = new Map<number, string>();
  if (titles.length) {
    for (const t of await ctx.db.selectFrom('legislature_title').select(['number', 'heading']).where('number', 'in', titles).execute()) titleHeadings.set(Number(t.number), t.heading);
  }
  const resolved = resolveCitations(citations, {
    statute: (code) => facts.get(code),
    title: (n) => (titleHeadings.has(n) ? { heading: titleHeadings.get(n)! } : null),
  }, at);
  const parsed = new Map<string, ReturnType<typeof parseStatuteText>['text']>();
  return {
    at,
    citations: resolved.map((c) => {
      let excerpt: string | null = null;
      let subdivisionMissing = false;
      const f = c.code ? facts.get(c.code) : undefined;
      if (c.kind === 'statute' && c.status === 'in_force' && f?.markup) {
        let text = parsed.get(c.code!);
        if (!text) parsed.set(c.code!, (text = parseStatuteText(c.code!, f.markup).text));
        const plain = plainText(text, c.subdivision?.path ?? []);
        excerpt = plain === null || plain === '' ? null : clipExcerpt(plain);
        // A cited subdivision the text in force does not have: said, not shown as the statute's.
        subdivisionMissing = plain === null && !!c.subdivision;
      }
      return { ...c, excerpt, subdivisionMissing };
    }),
  };
}

/** One search document per text version of a statute (search-index.ts), from its stored history. */
export function searchDocsOf(s: StoredStatute, today: string, plainOf: (markup: string) => string = (m) => plainText(parseStatuteText(s.code, m).text) ?? ''): SearchDoc[] {
  const texts = s.versions.filter((v) => v.kind === 'text');
  const shown = shownWithoutDate(texts, today);
  return texts.map((v, k) => ({
    versionId: v.id, code: s.code, heading: v.heading, titleNumber: s.titleNumber,
    body: plainOf(v.markup!),
    validFrom: v.validFrom, validTo: v.validTo, repealedOn: s.repealedOn, latest: k === shown, label: s.label,
  }));
}

/**
 * Which of a statute's text versions (oldest first) a search without a date shows on `today`, and
 * whose heading the title index gives on that day: the one in force that day, as GET /statutes/:code
 * gives it; before the statute is in force, its first; once repealed, its last (each then marked
 * not yet in force, or repealed). A consolidation dated in the future is not shown before its day:
 * the daily refresh (searchShownToday) moves the mark when it comes.
 */
export function shownWithoutDate(texts: readonly { validFrom: string }[], today: string): number {
  return Math.max(0, texts.findLastIndex((v) => v.validFrom <= today));
}
