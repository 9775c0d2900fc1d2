// Label-safe references: how a module lets others name its records, and the one way any module
// resolves a name given in a request, or shows a record named inside another, as the caller.
//
// The rule (docs/SECURITY.md, "References"): a record the caller cannot see is *unknown* — the
// same status, error code and message shape, the same statements run — and a referenced record
// the reader cannot see is shown as { withheld: true }, never by its name, code or id.
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { AppError } from './errors.ts';
import { canRead, transact, type AppContext } from './context.ts';
import { join, PUBLIC_LABEL, UNMATCHED_LABEL, type Label } from './auth/labels.ts';
import type { SandstoneModule } from './module.ts';

/** A record as another module may see it through a reference. */
export interface ReferencedRecord {
  id: string;
  code: string | null;
  /**
   * Every label the reader must dominate to see it: the record's own, and for a link record
   * (a membership, a bill's sponsor, a case's party) also those of both ends.
   */
  labels: Label[];
  /** What another record's answer shows of it (a name, a code, a label…), the id included. */
  shown: Record<string, unknown>;
}

/** One kind of record a module lets others name (declared in its SandstoneModule `references`). */
export interface ReferenceKind {
  /** The plain word for messages: "person", "organization". */
  noun: string;
  /** The error code for one that is unknown or hidden (both alike), e.g. REGISTRY_PERSON_NOT_FOUND. */
  notFoundCode: string;
  /** Whether a human code is accepted wherever the id is. */
  byCode: boolean;
  /** The audit action a denied lookup is recorded under, e.g. registry.person.read. */
  readAction: string;
  /**
   * The records whose id (or code, when byCode) is one of refs, in one statement, with no label
   * filter: the kernel applies the reader's clearance, so that a hidden record and an unknown
   * one run the very same statement.
   */
  find(db: Kysely<any>, refs: readonly string[]): Promise<ReferencedRecord[]>;
  /**
   * For a private kind (hawk post: correspondence exists only for its parties): of the records
   * found, the ids the reader is a party to. The others are hidden from them whatever their
   * clearance, exactly as a record above it. Absent: every record is for every cleared reader.
   */
  partyTo?(ctx: AppContext, ids: readonly string[], db: Kysely<any>): Promise<ReadonlySet<string>>;
}

// ---------- finding ----------

/** Refs per statement when finds are gathered: a byCode find binds each twice, far under either database's limit. */
const GATHERED_REFS = 400;

interface Gathering {
  refs: Set<string>;
  askers: { refs: readonly string[]; resolve(rows: ReferencedRecord[]): void; reject(e: unknown): void }[];
}

// Finds waiting to be gathered, per database and kind.
const gatherings = new WeakMap<Kysely<any>, Map<ReferenceKind, Gathering>>();

/**
 * `k.find`, with the finds of one kind asked in the same turn of the event loop, outside any
 * transaction, gathered into one statement: many requests at once each name a few records (the
 * senders of a busy post office each name a person or two), and a statement costs far more than
 * the rows it reads. Each asker gets exactly the rows its own find would have: those whose id is
 * among its refs, or whose code is, for a kind found by code (whose find matches both columns).
 * Inside a transaction a find is the transaction's own: its snapshot, its connection.
 */
export function findRecords(k: ReferenceKind, db: Kysely<any>, refs: readonly string[]): Promise<ReferencedRecord[]> {
  if (!refs.length) return Promise.resolve([]);
  if (db.isTransaction) return k.find(db, refs);
  const byKind = gatherings.get(db) ?? gatherings.set(db, new Map()).get(db)!;
  let g = byKind.get(k);
  if (!g) {
    const gathering: Gathering = { refs: new Set(), askers: [] };
    byKind.set(k, (g = gathering));
    setImmediate(() => {
      byKind.delete(k);
      void findGathered(k, db, gathering);
    });
  }
  for (const r of refs) g.refs.add(r);
  const gathering = g;
  return new Promise((resolve, reject) => gathering.askers.push({ refs, resolve, reject }));
}

async function findGathered(k: ReferenceKind, db: Kysely<any>, g: Gathering): Promise<void> {
  let rows: ReferencedRecord[];
  try {
    const all = [...g.refs];
    rows = [];
    for (let i = 0; i < all.length; i += GATHERED_REFS) rows.push(...await k.find(db, all.slice(i, i + GATHERED_REFS)));
    // A record named by its id in one statement and by its code in another is found twice.
    if (all.length > GATHERED_REFS) rows = [...new Map(rows.map((r) => [r.id, r])).values()];
  } catch (e) {
    for (const a of g.askers) a.reject(e);
    return;
  }
  if (g.askers.length === 1) return g.askers[0]!.resolve(rows);
  for (const a of g.askers) {
    const mine = new Set(a.refs);
    a.resolve(rows.filter((r) => mine.has(r.id) || (k.byCode && r.code !== null && mine.has(r.code))));
  }
}

/** An id no record has: what the party check is asked about when no record was found and cleared. */
const NO_RECORD = '';

/**
 * The found records the reader may see: cleared for every label, and a party to a private one.
 * Where a name is being resolved (`asking`), a private kind's party check runs even when nothing
 * was found and cleared: it looks at the reader's desk (acting for someone), and a letter found,
 * cleared and not the reader's took that time while an unknown one took none, so timing told
 * that the letter exists (outside attack a13e).
 */
async function seen(ctx: AppContext, k: ReferenceKind, found: readonly ReferencedRecord[], db: Kysely<any> = ctx.db, asking = false): Promise<ReferencedRecord[]> {
  const cleared = found.filter((r) => canSeeAll(ctx, r.labels));
  if (!k.partyTo) return cleared;
  if (!cleared.length && !asking) return cleared;
  const party = await k.partyTo(ctx, cleared.length ? cleared.map((r) => r.id) : [NO_RECORD], db);
  return cleared.filter((r) => party.has(r.id));
}

/** Every module's kinds, by `<module>.<kind>` (registry.person, registry.organization, …). */
export type ReferenceCatalogue = ReadonlyMap<string, ReferenceKind>;

export function referenceCatalogue(modules: readonly SandstoneModule[]): ReferenceCatalogue {
  const out = new Map<string, ReferenceKind>();
  for (const m of modules) for (const [k, kind] of Object.entries(m.references ?? {})) out.set(`${m.name}.${k}`, kind);
  return out;
}

// ---------- showing ----------

/** What a reader who may not see a referenced record gets in its place. */
export const WITHHELD = Object.freeze({ withheld: true as const });
export type Withheld = typeof WITHHELD;
export const ZWithheld = z.object({ withheld: z.literal(true) }).strict()
  .describe('A record you are not cleared to see is referenced here: its name, code and id are not shown.');
/** A schema for a referenced value that may be withheld: declare every such field with it. */
export const withheldOr = <T extends z.ZodTypeAny>(shown: T) => z.union([shown, ZWithheld]);
export const isWithheld = (v: unknown): v is Withheld => typeof v === 'object' && v !== null && (v as any).withheld === true;

/** May the reader see a record carrying all these labels (its own, and a link's ends)? */
export const canSeeAll = (ctx: AppContext, labels: readonly Label[]): boolean => labels.every((l) => canRead(ctx, l));

/**
 * A value taken from a referenced record (for a module's own joined rows, where the referenced
 * record's labels came back in the same statement): the value, or WITHHELD.
 */
export function shown<T>(ctx: AppContext, labels: Label | readonly Label[], value: T): T | Withheld {
  return canSeeAll(ctx, Array.isArray(labels) ? labels : [labels as Label]) ? value : WITHHELD;
}

/**
 * Another module's records, as the reader may see them: id → its `shown` fields, or WITHHELD for
 * one the reader cannot see (and for one that no longer exists, which must look the same).
 */
export async function showReferences(ctx: AppContext, kind: string, ids: readonly string[]): Promise<Map<string, Record<string, unknown> | Withheld>> {
  return (await showReferencesLabelled(ctx, kind, ids)).shown;
}

/**
 * The same, with the join of the labels of the records shown: the marking a paper naming them
 * must carry at least (the withheld are not named on it, so they add nothing). One lookup.
 */
export async function showReferencesLabelled(ctx: AppContext, kind: string, ids: readonly string[]): Promise<{ shown: Map<string, Record<string, unknown> | Withheld>; label: Label }> {
  const k = kindOf(ctx, kind);
  // Nothing named, nothing read or asked (a letter to people shows no office): every answer alike.
  if (!ids.length) return { shown: new Map(), label: PUBLIC_LABEL };
  const unique = [...new Set(ids)];
  return shownOf(ctx, k, unique, await findRecords(k, ctx.db, unique));
}

/** Records of one kind read once, to be shown afterwards to several readers, each as they may see them. */
export interface FoundRecords {
  readonly kind: string;
  readonly asked: ReadonlySet<string>;
  readonly rows: readonly ReferencedRecord[];
}

/**
 * Reads records of `kind` by id now, through `db` (a transaction's, or the app's), for showFoundRecords
 * to show later: a mail bag reads the people its letters name inside its own transaction, with
 * its other statements, rather than each sender's answer reading them again after the commit.
 */
export async function findForShowing(ctx: Pick<AppContext, 'references'>, db: Kysely<any>, kind: string, ids: readonly string[]): Promise<FoundRecords> {
  const asked = new Set(ids);
  return { kind, asked, rows: await findRecords(kindOf(ctx, kind), db, [...asked]) };
}

/**
 * showReferences answered from records read earlier (findForShowing): the reader sees of them
 * exactly what a fresh lookup would let them see. Ids not among those read are looked up afresh.
 */
export async function showFoundRecords(ctx: AppContext, found: FoundRecords, ids: readonly string[]): Promise<Map<string, Record<string, unknown> | Withheld>> {
  const unique = [...new Set(ids)];
  if (!unique.every((id) => found.asked.has(id))) return showReferences(ctx, found.kind, unique);
  const mine = new Set(unique);
  return (await shownOf(ctx, kindOf(ctx, found.kind), unique, found.rows.filter((r) => mine.has(r.id)))).shown;
}

async function shownOf(ctx: AppContext, k: ReferenceKind, unique: readonly string[], found: readonly ReferencedRecord[]): Promise<{ shown: Map<string, Record<string, unknown> | Withheld>; label: Label }> {
  const visible = await seen(ctx, k, found);
  const byId = new Map(visible.map((r) => [r.id, r]));
  return {
    shown: new Map(unique.map((id) => {
      const r = byId.get(id);
      return [id, r ? r.shown : WITHHELD];
    })),
    label: visible.flatMap((r) => r.labels).reduce(join, PUBLIC_LABEL),
  };
}

/**
 * What the reader may see of records of several kinds at once (a desk's items, a letter's
 * attachments): one lookup per kind, answered as a function of kind and id. A kind no loaded
 * module declares, and any record not asked for, is withheld, like a hidden one.
 */
export async function showMixedReferences(ctx: AppContext, refs: readonly { kind: string; id: string }[]): Promise<(kind: string, id: string) => Record<string, unknown> | Withheld> {
  const byKind = new Map<string, string[]>();
  for (const r of refs) byKind.set(r.kind, [...(byKind.get(r.kind) ?? []), r.id]);
  const shownBy = new Map<string, Record<string, unknown> | Withheld>();
  for (const [kind, ids] of byKind) {
    if (!ctx.references?.has(kind)) continue;
    for (const [id, s] of await showReferences(ctx, kind, ids)) shownBy.set(`${kind}:${id}`, s);
  }
  return (kind, id) => shownBy.get(`${kind}:${id}`) ?? WITHHELD;
}

// ---------- resolving ----------

/** Why a lookup failed, kept on the error for the audit (never sent): the label is null when nothing has that id or code. */
export interface DeniedLookup {
  action: string;
  objectType: string;
  objectId: string;
  label: Label | null;
}

/** The answer to a name the caller may not use: the same for an unknown record and a hidden one. */
export class UnknownReference extends AppError {
  constructor(code: string, kind: 'not_found' | 'unprocessable', message: string, details: { path: string; message: string }[], readonly denial: DeniedLookup) {
    super(code, kind, message, details);
  }
}

export interface ResolveOptions {
  /** Where the name was given in a request body ("body.organization"): answered 422 with that path. Without it, 404 (a path parameter or a filter). */
  path?: string;
  /** Resolve in this database handle (a transaction's), still as ctx's actor. */
  db?: Kysely<any>;
}

function kindOf(ctx: Pick<AppContext, 'references'>, kind: string): ReferenceKind {
  const k = ctx.references?.get(kind);
  if (!k) throw new Error(`No module declares the reference kind "${kind}"`);
  return k;
}

function unknown(k: ReferenceKind, kind: string, ref: string, opts: ResolveOptions, found: ReferencedRecord | undefined): UnknownReference {
  const message = `No ${k.noun} has the id${k.byCode ? ' or code' : ''} "${ref}". Check it, or look the ${k.noun} up in the lists.`;
  const denial: DeniedLookup = { action: k.readAction, objectType: kind.slice(kind.indexOf('.') + 1), objectId: found?.id ?? ref.slice(0, 200), label: found ? found.labels.reduce(join) : null };
  return opts.path
    ? new UnknownReference(k.notFoundCode, 'unprocessable', message, [{ path: opts.path, message: `unknown ${k.noun}` }], denial)
    : new UnknownReference(k.notFoundCode, 'not_found', message, [], denial);
}

/**
 * The record an id or code given by the caller names, if the caller may see it. Otherwise it
 * throws UnknownReference, alike for hidden and unknown (the same statement ran for both).
 * A lookup of the one ref, so that a name alone and a name among several are answered by one rule.
 */
export async function resolveReference(ctx: AppContext, kind: string, ref: string, opts: ResolveOptions = {}): Promise<ReferencedRecord> {
  return (await lookUpReferences(ctx, kind, [ref], opts.db)).resolve(ref, opts);
}

/** Several references of one kind, looked up together: see lookUpReferences. */
export interface ReferenceBook {
  /** As resolveReference answers for this ref alone: the record the caller may see, or the same refusal at opts.path. */
  resolve(ref: string, opts?: ResolveOptions): ReferencedRecord;
}

/**
 * Every ref of one kind a request names, found in one statement (a letter's recipients and its
 * sender), then each resolved when the request comes to it, exactly as resolveReference would
 * resolve it alone: the statement is the same for hidden and unknown records, and a refusal is
 * thrown at the ref's own path, in the order the request checks them.
 */
export async function lookUpReferences(ctx: AppContext, kind: string, refs: readonly string[], db?: Kysely<any>): Promise<ReferenceBook> {
  const k = kindOf(ctx, kind);
  const unique = [...new Set(refs)];
  const found = await findRecords(k, db ?? ctx.db, unique);
  const visible = new Map((await seen(ctx, k, found, db, true)).map((r) => [r.id, r]));
  // found holds the rows of every ref: this ref's is the row whose id it is, else the row whose
  // code it is, so an id wins over another record's code spelled the same.
  const foundFor = (ref: string) => found.find((r) => r.id === ref) ?? found.find((r) => r.code === ref);
  return {
    resolve(ref, opts = {}) {
      const f = foundFor(ref);
      const v = f && visible.get(f.id);
      if (v) return v;
      throw unknown(k, kind, ref, opts, f);
    },
  };
}

/**
 * For a module's own read that found nothing the reader may see (its query filtered by label):
 * the error to throw (`throw await refuse(...)`), worked out by the same lookup whether the
 * record is hidden or unknown.
 */
export async function refuse(ctx: AppContext, kind: string, ref: string, opts: ResolveOptions = {}): Promise<UnknownReference> {
  const book = await lookUpReferences(ctx, kind, [ref], opts.db);
  try {
    book.resolve(ref, opts);
  } catch (refusal) {
    if (refusal instanceof UnknownReference) return refusal;
    throw refusal;
  }
  // Seen through the reference, though the module's own read found nothing for the caller:
  // refused as a name nothing has (no id, no label in the audit).
  return unknown(kindOf(ctx, kind), kind, ref, opts, undefined);
}

// ---------- recording refused lookups ----------

/**
 * Records a refused lookup once the request has failed (outside its transaction, which rolled
 * back). A logged-in caller's is an audit record naming them, labelled with the hidden record's
 * label (UNMATCHED_LABEL, the console's only, when nothing had that id), so it is attributable and shown only to auditors
 * cleared for it. An anonymous caller's is only counted, per address and minute, in
 * kernel_denied_read: probing cannot grow the audit log, nor write to the database per request.
 * Hidden and unknown take exactly the same path.
 */
export async function recordRefusedLookup(ctx: AppContext, address: string, d: DeniedLookup): Promise<void> {
  if (ctx.actor.kind === 'local' || ctx.actor.kind === 'system') return;
  if (ctx.actor.kind === 'anonymous') return countAnonymousRefusal(ctx, address);
  const label = d.label ?? UNMATCHED_LABEL;
  await transact(ctx, async (tx) => tx.audit({
    action: d.action, outcome: 'denied', objectType: d.objectType, objectId: d.objectId,
    classification: label.classification, compartments: [...label.compartments], detail: { reason: d.label ? 'hidden' : 'unknown' },
  }));
}

/** This server's anonymous refusals of the current minute not yet written, per database. */
interface MinuteCounts { minute: string; counts: Map<string, number> }
const pending = new WeakMap<object, MinuteCounts>();
/** Past this many addresses in one minute, the counts are written at once (memory stays bounded). */
const MAX_PENDING_ADDRESSES = 10_000;

/**
 * The first refusal of an address in a minute writes its row at once (so it is on record even if
 * the server dies); later ones in that minute are counted in memory and added to the row when
 * the minute is over (at the next refusal after it) or the server stops. So an address costs
 * about one write per minute however fast it probes, and a crash loses at most the current
 * minute's extra counts.
 */
export async function countAnonymousRefusal(ctx: AppContext, address: string): Promise<void> {
  const minute = ctx.now().toISOString().slice(0, 16);
  let p = pending.get(ctx.database);
  if (p && (p.minute !== minute || p.counts.size >= MAX_PENDING_ADDRESSES)) {
    await flushRefusalCounts(ctx);
    p = undefined;
  }
  if (!p) pending.set(ctx.database, (p = { minute, counts: new Map() }));
  const n = p.counts.get(address);
  if (n !== undefined) {
    p.counts.set(address, n + 1);
    return;
  }
  p.counts.set(address, 0);
  await addDenials(ctx.db, address, minute, 1);
}

const addDenials = (db: Kysely<any>, address: string, minute: string, n: number) =>
  db.insertInto('kernel_denied_read').values({ address, minute, denials: n })
    .onConflict((oc) => oc.columns(['address', 'minute']).doUpdateSet((eb) => ({ denials: eb(eb.ref('kernel_denied_read.denials'), '+', n) })))
    .execute();

/** Writes the anonymous refusals counted in memory (called when a minute is over and when the server closes). */
export async function flushRefusalCounts(ctx: AppContext): Promise<void> {
  const p = pending.get(ctx.database);
  if (!p) return;
  pending.delete(ctx.database);
  const rows = [...p.counts].filter(([, n]) => n > 0);
  if (!rows.length) return;
  await ctx.db.transaction().execute(async (trx) => {
    for (const [address, n] of rows) await addDenials(trx, address, p.minute, n);
  });
}

// ---------- labelling what names others ----------

/**
 * The label a record or audit entry that names these records must carry: the join of theirs, so
 * that nobody learns from it of a record they may not see. Public when none is found, or when no
 * module declares the kind (a kernel test without the registry).
 */
export async function labelOfReferences(ctx: AppContext, kind: string, ids: readonly (string | null | undefined)[], db?: Kysely<any>): Promise<Label> {
  return labelOfRecords(ctx.references?.get(kind), db ?? ctx.db, ids);
}

/** The same, for code that holds the kind itself and a transaction, not a context (a desk item raised inside another module's write). */
export async function labelOfRecords(k: ReferenceKind | undefined, db: Kysely<any>, ids: readonly (string | null | undefined)[]): Promise<Label> {
  const refs = [...new Set(ids.filter((id): id is string => !!id))];
  if (!k || !refs.length) return PUBLIC_LABEL;
  return (await findRecords(k, db, refs)).flatMap((r) => r.labels).reduce(join, PUBLIC_LABEL);
}

// ---------- who made a change ----------

/**
 * Account names as a record's history shows them (who recorded a revision, a version): the name
 * of an account whose person the reader may not see is withheld, as the audit viewer withholds
 * it — the name would tell who the hidden person is. Names that are no account (the console, the
 * demo loader, a job) are shown as they are.
 */
export async function showAccountNames(ctx: AppContext, names: readonly (string | null)[]): Promise<Map<string, string | Withheld>> {
  const unique = [...new Set(names.filter((n): n is string => !!n))];
  const out = new Map<string, string | Withheld>(unique.map((n) => [n, n]));
  if (!unique.length || !ctx.references?.has('registry.person')) return out;
  const accounts = await ctx.db.selectFrom('kernel_account').select(['username', 'person_id']).where('username', 'in', unique).execute();
  const people = await showReferences(ctx, 'registry.person', accounts.map((a) => a.person_id));
  for (const a of accounts) if (isWithheld(people.get(a.person_id) ?? WITHHELD)) out.set(a.username, WITHHELD);
  return out;
}
