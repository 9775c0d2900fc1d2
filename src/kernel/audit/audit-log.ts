// Appending to, reading and verifying the audit log. Appends happen inside the writer's
// transaction, so a change and its audit record commit together or not at all.
import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import { dialectOf, insertThen, writesInOneStatement, instantFromStoredText, storedJsonForms, storedText, toJson, type DialectName } from '../db/dialect.ts';
import type { Actor } from '../context.ts';
import { canonicalContent, canonicalJson, hashRecord, verifyChain, type AuditContent, type AuditRecord, type Checkpoint, type ChainVerdict } from './chain.ts';
import { hotQuery } from '../db/hot-query.ts';
import { sendUnawaitedOnPostgres } from '../db/create-db.ts';
import { isoInstant } from '../village-time.ts';

export interface AuditEntry {
  action: string;
  outcome?: 'ok' | 'denied' | 'failed';
  objectType?: string;
  objectId?: string;
  classification?: string;
  compartments?: string[];
  detail?: unknown;
}

/** 13 columns a row: 1,000 rows stay well under both limits. */
const AUDIT_ROWS_PER_STATEMENT = 1000;

export function actorLabel(a: Actor): string {
  if (a.kind === 'user') return `user:${a.username}`;
  if (a.kind === 'anonymous') return 'anonymous';
  return `${a.kind}${a.username ? ':' + a.username : ''}`;
}

/** Appends entries in order; must run inside a transaction (the head row lock serializes appenders). */
export async function appendAudit(trx: Kysely<any>, actor: Actor, at: Date, entries: AuditEntry[]): Promise<void> {
  return appendAuditWrites(trx, entries.map((entry) => ({ actor, at, entry })));
}

/**
 * The most records one append statement (appendAuditWritesInOneStatement) carries: its rows
 * travel as arrays in one message. A transaction auditing more appends them in chunks instead,
 * and the group commit of reads takes no more than this into one batch.
 */
export const ONE_STATEMENT_APPEND_MAX = 500;

/** One record to append, with who did it and when (a group commit writes several requests' records at once). */
export interface AuditWrite {
  actor: Actor;
  at: Date;
  entry: AuditEntry;
}

/** Appends records in order, each with its own actor and time; inside a transaction, as appendAudit. */
export async function appendAuditWrites(trx: Kysely<any>, writes: readonly AuditWrite[]): Promise<void> {
  if (!writes.length) return;
  // PostgreSQL: one round trip instead of two, for every audited write (an import's thousands go below).
  if (writes.length <= ONE_STATEMENT_APPEND_MAX && writesInOneStatement(trx)) return appendAuditWritesInOneStatement(trx, writes);
  // Taking seq first locks the head row (PostgreSQL) until commit; SQLite has one writer anyway.
  const head = await trx
    .updateTable('kernel_audit_head')
    .set({ seq: sql`seq + ${writes.length}` })
    .where('id', '=', 1)
    .returning(['seq', 'hash'])
    .executeTakeFirstOrThrow();
  let seq = Number(head.seq) - writes.length;
  let prev: string = head.hash;
  const rows: Record<string, unknown>[] = [];
  for (const write of writes) {
    seq++;
    const content = contentOf(write, seq);
    const hash = hashRecord(prev, content);
    rows.push({ seq, ...storedColumns(content), prev_hash: prev, hash });
    prev = hash;
  }
  // In chunks: an import audits each record it writes, and one statement of 20,000 rows passes
  // both databases' bound-parameter limits (SQLite 32,766; PostgreSQL 65,535).
  const last = Math.floor((rows.length - 1) / AUDIT_ROWS_PER_STATEMENT) * AUDIT_ROWS_PER_STATEMENT;
  for (let i = 0; i < last; i += AUDIT_ROWS_PER_STATEMENT) await trx.insertInto('kernel_audit_log').values(rows.slice(i, i + AUDIT_ROWS_PER_STATEMENT)).execute();
  // The last rows and the new head in one statement where the database can: every audited write
  // holds the head row's lock from its first statement here to its commit, so each round trip
  // saved here is one less that all of them wait for in turn.
  await insertThen(trx, 'kernel_audit_log', rows.slice(last), (db) => db.updateTable('kernel_audit_head').set({ hash: prev }).where('id', '=', 1));
}

/**
 * Text as the database stores it: a lone surrogate (which a JSON request body can carry) becomes
 * U+FFFD, as the driver writes it in UTF-8 anyway. The hash is taken over what is stored, so that
 * verifying never reads such a record as edited, and PostgreSQL's jsonb never refuses a detail.
 * A NUL becomes U+FFFD too: PostgreSQL stores none in text or jsonb, and a refused lookup of a
 * code holding one (a path's %00) went unaudited there (outside attack, session 31).
 */
const stored = (s: string): string => {
  const w = s.toWellFormed();
  return w.includes('\0') ? w.replaceAll('\0', '\uFFFD') : w;
};
const storedOrNull = (s: string | null | undefined): string | null => (s === null || s === undefined ? null : stored(s));

function contentOf({ actor, at, entry: e }: AuditWrite, seq: number): AuditContent {
  return {
    seq,
    at: isoInstant(at),
    actor: stored(actorLabel(actor)),
    actorPersonId: storedOrNull(actor.personId),
    onBehalfOf: storedOrNull(actor.onBehalfOf),
    action: stored(e.action),
    outcome: e.outcome ?? 'ok',
    objectType: storedOrNull(e.objectType),
    objectId: storedOrNull(e.objectId),
    classification: e.classification ?? 'public',
    compartments: (e.compartments ?? []).map(stored).sort(),
    detail: e.detail === undefined ? null : storedDetail(e.detail),
  };
}

/**
 * A detail as stored: its JSON, read back, every text as `stored` leaves it. JSON.stringify writes
 * a lone surrogate as an escape (\ud800 to \udfff), a NUL as \u0000 and a pair as itself, so a
 * text with no such escape reads back with nothing to mend, and is read without visiting every
 * value (every audited write has a detail). A text merely spelling such an escape (an escaped
 * backslash before it) is read the careful way too, which is only slower.
 */
function storedDetail(detail: unknown): unknown {
  const text = JSON.stringify(detail);
  return SURROGATE_ESCAPE.test(text) ? JSON.parse(text, wellFormed) : JSON.parse(text);
}
const SURROGATE_ESCAPE = /\\u(?:[dD][89abcdefABCDEF]|0000)/;
const wellFormed = (_key: string, v: unknown) => (typeof v === 'string' ? stored(v) : v);

/** A record's columns as stored, but for its place in the chain (seq, prev_hash, hash). */
function storedColumns(c: AuditContent, detail: string | null = c.detail === null ? null : canonicalJson(c.detail)): Record<(typeof STORED_COLUMNS)[number], string | null> {
  return {
    at: c.at, actor: c.actor, actor_person_id: c.actorPersonId, on_behalf_of: c.onBehalfOf, action: c.action, outcome: c.outcome,
    object_type: c.objectType, object_id: c.objectId, classification: c.classification, compartments: toJson(c.compartments),
    detail,
  };
}
const STORED_COLUMNS = ['at', 'actor', 'actor_person_id', 'on_behalf_of', 'action', 'outcome', 'object_type', 'object_id', 'classification', 'compartments', 'detail'] as const;
/** What PostgreSQL stores a column as, where that is not the text it is sent as. */
const STORED_AS: Partial<Record<(typeof STORED_COLUMNS)[number], string>> = { at: 'timestamptz', compartments: 'jsonb', detail: 'jsonb' };

/**
 * PostgreSQL's SQL: appends records in order in one statement. It locks the head, chains the
 * records (the same SHA-256 over the previous hash and the canonical content as hashRecord),
 * inserts them and moves the head, all inside the database. Outside a transaction (see
 * commitOnItsOwn) the statement is its own: the head's lock is held for it and its commit, not
 * across round trips to a busy server, so the next append waits only for a flush. Inside one
 * (appendAuditWrites), the lock is held from here to that transaction's commit, a round trip
 * shorter than taking the head first. A record's
 * canonical content ends with its seq (the last key in RFC 8785 order), so the server sends the
 * text before it and the database adds the number it assigns.
 */
export async function appendAuditWritesInOneStatement(db: Kysely<any>, writes: readonly AuditWrite[]): Promise<void> {
  if (!writes.length) return;
  const records = writes.map((write) => {
    const c = contentOf(write, 0);
    // The detail's canonical JSON once, for the hash and for the column (what is stored is what was hashed).
    const detail = c.detail === null ? null : canonicalJson(c.detail);
    const text = canonicalContent(c, detail);
    if (!text.endsWith(SEQ_LAST)) throw new Error('audit content: seq is no longer the last key of its canonical form');
    const columns = storedColumns(c, detail);
    return [text.slice(0, -2), ...STORED_COLUMNS.map((n) => columns[n])];
  });
  await appendStatement(db, JSON.stringify(records));
}

/**
 * The append's statement, its argument the records as one JSON array: each an array of its prefix
 * (its canonical content before its seq) and then its stored columns, texts or nulls. Each step of
 * the chain takes its record's prefix from the array by position (a join to the records, hashed
 * afresh at every step, cost a fifth more of the server's time). Not one text[] per column: the driver writes an
 * array parameter by escaping each element, which cost more than the native JSON.stringify
 * (bench/post.ts). Its text is the same for every batch, so it is built and compiled once and, as
 * a hot query, parsed and planned once per PostgreSQL connection.
 */
const appendStatement = hotQuery<[records: string]>((db, records) => {
  const names = STORED_COLUMNS.map((n) => sql.ref(n));
  const fields = STORED_COLUMNS.map((n, k) => sql`r.v->>${sql.lit(k + 1)} as ${sql.ref(n)}`);
  const values = STORED_COLUMNS.map((n) => (STORED_AS[n] ? sql`${sql.ref(`i.${n}`)}::${sql.raw(STORED_AS[n]!)}` : sql.ref(`i.${n}`)));
  // READ COMMITTED: FOR UPDATE waits for another appender's commit and then returns the head it left.
  const append = sql`
    with recursive
    head as (select seq, hash from kernel_audit_head where id = 1 for update),
    doc as (select ${records}::jsonb as d),
    input as (
      select r.ord, ${sql.join(fields)} from doc, jsonb_array_elements(doc.d) with ordinality as r(v, ord)
    ),
    chain (ord, seq, prev_hash, hash) as (
      select 0::bigint, seq, ''::text, hash from head
      union all
      select c.ord + 1, c.seq + 1, c.hash,
        encode(sha256(convert_to(c.hash || chr(10) || (doc.d -> c.ord::int ->> 0) || (c.seq + 1)::text || '}', 'UTF8')), 'hex')
      from chain c cross join doc where c.ord < jsonb_array_length(doc.d)
    ),
    inserted as (
      insert into kernel_audit_log (seq, ${sql.join(names)}, prev_hash, hash)
      select c.seq, ${sql.join(values)}, c.prev_hash, c.hash
      from chain c join input i on i.ord = c.ord
    )
    update kernel_audit_head h set seq = last.seq, hash = last.hash
    from (select seq, hash from chain order by ord desc limit 1) last
    where h.id = 1`;
  return {
    compile: () => {
      const c = append.compile(db);
      // Inside a transaction, not waited for (kernel/db/create-db.ts): the COMMIT that follows raises its failure.
      sendUnawaitedOnPostgres(c.sql);
      return c;
    },
  };
}, 1);

/** How every canonical content ends when its seq is 0 (see appendAuditWritesInOneStatement). */
const SEQ_LAST = ',"seq":0}';

/** The log's columns as stored (see storedText), so that neither the driver's parsing nor a fallback hides what is there. */
export function selectStoredAudit<DB, TB extends keyof DB & string, O>(qb: SelectQueryBuilder<DB, TB, O>, dialect: DialectName, alias: string) {
  const plain = ['seq', 'actor', 'actor_person_id', 'on_behalf_of', 'action', 'outcome', 'object_type', 'object_id', 'classification', 'prev_hash', 'hash'].map((c) => `${alias}.${c}`);
  return qb.select([
    ...plain,
    storedText.instant(dialect, `${alias}.at`).as('at'),
    storedText.json(dialect, `${alias}.compartments`).as('compartments'),
    storedText.json(dialect, `${alias}.detail`).as('detail'),
  ] as any);
}

/**
 * The action of the record a database's upgrade appends to mark where details began to be stored
 * in canonical form (keys sorted): records before it stored them in the order their writer built
 * them, which nothing read back can tell, so only there is a detail's key order not checked.
 */
export const CANONICAL_STORAGE_ACTION = 'kernel.audit.canonical_storage';

/** The first record stored in canonical form: 1 unless the log predates canonical storage. */
export async function canonicalStorageFrom(db: Kysely<any>): Promise<number> {
  const marker = await db.selectFrom('kernel_audit_log').select(['seq']).where('action', '=', CANONICAL_STORAGE_ACTION).where('actor', '=', 'system').orderBy('seq').limit(1).executeTakeFirst();
  // The marker itself is checked with the chain; it can only relax records before it.
  return marker ? Number(marker.seq) : 1;
}

/** What the writer puts in a JSON column for a value (SQLite keeps this text as it is). */
const writerJson = (v: unknown, legacy: boolean): string => (legacy ? toJson(v) : canonicalJson(v));

interface Decoded {
  record: AuditRecord;
  /** JSON columns to compare with the database's own encoding of the writer's text: [stored, writer's]. */
  json: Array<{ field: string; stored: string; writer: string }>;
}

const HASH = /^[0-9a-f]{64}$/;

/** Reads one stored row without trusting it: every field that is not as a writer leaves it is named in `damage`. */
function decodeRow(r: Record<string, any>, dialect: DialectName, canonicalFrom: number): Decoded {
  const legacy = Number(r.seq) < canonicalFrom;
  const damage: string[] = [];
  const json: Decoded['json'] = [];
  const str = (field: string, nullable: boolean): any => {
    const v = r[field];
    if (v === null || v === undefined) {
      if (!nullable) damage.push(`${field} is empty`);
      return null;
    }
    if (typeof v !== 'string') {
      damage.push(`${field} is not text`);
      return String(v);
    }
    return v;
  };
  const parse = (field: string): { ok: boolean; value: unknown } => {
    const text = r[field];
    if (typeof text !== 'string') return { ok: false, value: undefined };
    try {
      return { ok: true, value: JSON.parse(text) };
    } catch {
      damage.push(`${field} is not JSON`);
      return { ok: false, value: undefined };
    }
  };

  const storedAt = str('at', false) ?? '';
  // The writer stores instants as toISOString() gives them: anything else (microseconds, an
  // offset, 'infinity') was written by someone else.
  const at = storedAt ? instantFromStoredText(dialect, storedAt) ?? storedAt : '';
  if (storedAt && instantFromStoredText(dialect, storedAt) === null) damage.push('at is not an instant as the writer stores it');

  let compartments: string[] = [];
  if (r.compartments === null || r.compartments === undefined) damage.push('compartments is empty');
  else {
    const p = parse('compartments');
    if (p.ok) {
      if (!Array.isArray(p.value) || !p.value.every((x) => typeof x === 'string')) damage.push('compartments is not a list of names');
      else {
        compartments = p.value;
        // The writer sorts compartments before hashing and storing them.
        json.push({ field: 'compartments', stored: r.compartments, writer: writerJson([...compartments].sort(), legacy) });
      }
    }
  }

  let detail: unknown = null;
  if (r.detail !== null && r.detail !== undefined) {
    const p = parse('detail');
    if (p.ok) {
      // The writer leaves SQL NULL for no detail; a stored JSON null was put there by someone else.
      if (p.value === null) damage.push('detail holds JSON null where the writer leaves it empty');
      else {
        detail = p.value;
        json.push({ field: 'detail', stored: r.detail, writer: writerJson(detail, legacy) });
      }
    }
  }

  const seq = Number(r.seq);
  const outcome = str('outcome', false);
  if (outcome !== null && !['ok', 'denied', 'failed'].includes(outcome)) damage.push('outcome is not ok, denied or failed');
  const prevHash = str('prev_hash', false) ?? '';
  const hash = str('hash', false) ?? '';
  if (!HASH.test(prevHash) || !HASH.test(hash)) damage.push('a hash is not 64 hex digits');
  const record: AuditRecord = {
    seq,
    at,
    actor: str('actor', false) ?? '',
    actorPersonId: str('actor_person_id', true),
    onBehalfOf: str('on_behalf_of', true),
    action: str('action', false) ?? '',
    outcome: outcome ?? 'ok',
    objectType: str('object_type', true),
    objectId: str('object_id', true),
    classification: str('classification', false) ?? '',
    compartments,
    detail,
    prevHash,
    hash,
  };
  if (damage.length) record.damage = damage.join('; ');
  return { record, json };
}

/**
 * Reads stored rows back (selected with selectStoredAudit) as records, never throwing: a row that
 * is not exactly what a writer stores carries `damage` saying what is wrong with it.
 */
export async function storedRowsToRecords(db: Kysely<any>, rows: Record<string, any>[], canonicalFrom?: number): Promise<AuditRecord[]> {
  const dialect = dialectOf(db);
  const from = canonicalFrom ?? (rows.length ? await canonicalStorageFrom(db) : 1);
  const decoded = rows.map((r) => decodeRow(r, dialect, from));
  const writers = decoded.flatMap((d) => d.json.map((j) => j.writer));
  const forms = await storedJsonForms(db, writers);
  let i = 0;
  for (const d of decoded) {
    for (const j of d.json) {
      if (forms[i++] !== j.stored) {
        const why = `${j.field} is stored as ${j.stored.length > 60 ? j.stored.slice(0, 60) + '…' : j.stored}, not as its writer stores it`;
        d.record.damage = d.record.damage ? `${d.record.damage}; ${why}` : why;
      }
    }
  }
  return decoded.map((d) => d.record);
}

/** Reads the whole log in pages, in stored order, and checks the chain (and a checkpoint, if given). */
export async function verifyAuditLog(db: Kysely<any>, checkpoint?: Checkpoint): Promise<ChainVerdict> {
  const PAGE = 5000;
  const dialect = dialectOf(db);
  const all: AuditRecord[] = [];
  const canonicalFrom = await canonicalStorageFrom(db);
  let after = -1;
  for (;;) {
    // Ordered by seq as stored: a reordered or duplicated seq shows up as a break in the walk.
    const rows = await selectStoredAudit(db.selectFrom('kernel_audit_log as a'), dialect, 'a').where('a.seq', '>', after).orderBy('a.seq').limit(PAGE).execute();
    all.push(...(await storedRowsToRecords(db, rows as Record<string, any>[], canonicalFrom)));
    if (rows.length < PAGE) break;
    after = Number((rows[rows.length - 1] as any).seq);
  }
  return verifyChain(all, checkpoint);
}

export async function auditHead(db: Kysely<any>): Promise<Checkpoint> {
  const last = await db.selectFrom('kernel_audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return last ? { seq: Number(last.seq), hash: last.hash } : { seq: 0, hash: '0'.repeat(64) };
}
