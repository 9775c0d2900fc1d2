// The audit log's hash chain, as pure functions: how a record is hashed, and how a sequence of
// records is checked. No I/O, so every tampering case is tested on its own.
import { createHash } from 'node:crypto';
import canonicalizeModule from 'canonicalize';

// A CommonJS module whose types declare an ES default export: at run time the import is the function.
const canonicalize = canonicalizeModule as unknown as (input: unknown) => string | undefined;

export const GENESIS_HASH = '0'.repeat(64);

/** What a record says; everything here is covered by its hash. */
export interface AuditContent {
  seq: number;
  at: string;
  actor: string;
  actorPersonId: string | null;
  onBehalfOf: string | null;
  action: string;
  outcome: 'ok' | 'denied' | 'failed';
  objectType: string | null;
  objectId: string | null;
  classification: string;
  compartments: string[];
  detail: unknown;
}

export interface AuditRecord extends AuditContent {
  prevHash: string;
  hash: string;
  /**
   * Set when the stored row is not, byte for byte, what the writer stores for this content
   * (unreadable JSON, compartments out of order, JSON null where the writer leaves SQL NULL…):
   * such a row was written by someone else, whatever its hash says.
   */
  damage?: string;
}

/** RFC 8785 canonical JSON of a value (keys sorted, one spelling per number): how details are stored. */
export function canonicalJson(v: unknown): string {
  const text = canonicalize(v);
  if (text === undefined) throw new Error('value cannot be canonicalized');
  return text;
}

/**
 * `detail`, when given, is canonicalJson(c.detail) already written (or null for a detail of null):
 * the append writes it once for the hash and the stored column.
 */
export function canonicalContent(c: AuditContent, detail?: string | null): string {
  // Named field by field: a record read back also carries its hashes, which are not content.
  // Compartments are hashed in the order given (the writer sorts them first): sorting here would
  // let a reordered stored list pass for the one that was hashed.
  // Every audited write computes this, so the fixed fields are written directly, in RFC 8785's key
  // order and with its spelling of strings (ECMAScript's JSON.stringify) and integers; only the
  // free-form detail goes through canonicalize. A content of another shape (no writer makes one)
  // takes the general way, which the property test checks this against.
  if (!Number.isSafeInteger(c.seq) || !FIXED_TEXTS.every((k) => typeof c[k] === 'string') || !NULLABLE_TEXTS.every((k) => c[k] === null || typeof c[k] === 'string')
    || !Array.isArray(c.compartments) || !c.compartments.every((x) => typeof x === 'string')) return canonicalContentOf(c);
  const detailText = detail === undefined ? canonicalize(c.detail ?? null) : detail ?? 'null';
  if (detailText === undefined) throw new Error('audit content cannot be canonicalized');
  return `{"action":${jsonText(c.action)},"actor":${jsonText(c.actor)},"actorPersonId":${jsonText(c.actorPersonId)},"at":${jsonText(c.at)},"classification":${jsonText(c.classification)},`
    + `"compartments":[${c.compartments.map(jsonText).join(',')}],"detail":${detailText},"objectId":${jsonText(c.objectId)},"objectType":${jsonText(c.objectType)},`
    + `"onBehalfOf":${jsonText(c.onBehalfOf)},"outcome":${jsonText(c.outcome)},"seq":${c.seq}}`;
}

/** A text or null as RFC 8785 writes it (ECMAScript's JSON.stringify). Not made anew for each record. */
function jsonText(v: string | null): string {
  return v === null ? 'null' : JSON.stringify(v);
}

const FIXED_TEXTS = ['action', 'actor', 'at', 'classification', 'outcome'] as const;
const NULLABLE_TEXTS = ['actorPersonId', 'objectId', 'objectType', 'onBehalfOf'] as const;

/** canonicalContent the general way: canonicalize over the content's fields. */
export function canonicalContentOf(c: AuditContent): string {
  const text = canonicalize({
    seq: c.seq, at: c.at, actor: c.actor, actorPersonId: c.actorPersonId, onBehalfOf: c.onBehalfOf, action: c.action, outcome: c.outcome,
    objectType: c.objectType, objectId: c.objectId, classification: c.classification, compartments: c.compartments, detail: c.detail ?? null,
  });
  if (text === undefined) throw new Error('audit content cannot be canonicalized');
  return text;
}

/** sha256 over the previous record's hash and this record's canonical (RFC 8785) content. */
export function hashRecord(prevHash: string, c: AuditContent): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalContent(c)).digest('hex');
}

export interface Checkpoint {
  seq: number;
  hash: string;
}

export type ChainProblem =
  | { seq: number; kind: 'edited'; message: string }
  | { seq: number; kind: 'not_canonical'; message: string }
  | { seq: number; kind: 'missing'; message: string }
  | { seq: number; kind: 'reordered'; message: string }
  | { seq: number; kind: 'broken_link'; message: string }
  | { seq: number; kind: 'truncated'; message: string }
  | { seq: number; kind: 'checkpoint_mismatch'; message: string };

export interface ChainVerdict {
  ok: boolean;
  records: number;
  head: Checkpoint;
  problem?: ChainProblem;
}

/**
 * Walks the records in the order stored (ascending seq as read) and names the first one that is
 * wrong. Without a checkpoint, a log cut short at its end looks whole; with one, it does not.
 */
export function verifyChain(records: Iterable<AuditRecord>, checkpoint?: Checkpoint): ChainVerdict {
  let expectedSeq = 1;
  let prev = GENESIS_HASH;
  let beforePrev = GENESIS_HASH; // the hash of the record before the last good one, for blaming that one
  let count = 0;
  let sawCheckpoint = false;
  const fail = (problem: ChainProblem): ChainVerdict => {
    // The head reported is the last record before the one named.
    const head = problem.seq < expectedSeq ? { seq: problem.seq - 1, hash: beforePrev } : { seq: expectedSeq - 1, hash: prev };
    return { ok: false, records: count, head, problem };
  };
  for (const r of records) {
    count++;
    if (r.seq !== expectedSeq) {
      if (r.seq > expectedSeq) return fail({ seq: expectedSeq, kind: 'missing', message: `record ${expectedSeq}${r.seq - expectedSeq > 1 ? `–${r.seq - 1}` : ''} is missing (the next record is ${r.seq})` });
      return fail({ seq: r.seq, kind: 'reordered', message: `record ${r.seq} appears after record ${expectedSeq - 1}: the sequence runs backwards or repeats` });
    }
    if (r.damage) {
      return fail({ seq: r.seq, kind: 'not_canonical', message: `record ${r.seq} was edited: it is not stored as its writer stores it (${r.damage})` });
    }
    const ownHashHolds = hashRecord(r.prevHash, r) === r.hash;
    if (r.prevHash !== prev) {
      // This record is intact as written, so its previous-hash is the one the record before it
      // had when this one was appended: that record was edited and its hash recomputed.
      if (ownHashHolds && r.seq > 1) {
        return fail({ seq: r.seq - 1, kind: 'edited', message: `record ${r.seq - 1} was edited and its hash recomputed: record ${r.seq}, intact, still points to its original hash (${r.prevHash.slice(0, 12)}…, now ${prev.slice(0, 12)}…)` });
      }
      return fail({ seq: r.seq, kind: 'broken_link', message: `record ${r.seq} does not point to record ${r.seq - 1} (its previous-hash is ${r.prevHash.slice(0, 12)}…, expected ${prev.slice(0, 12)}…): a record before it was replaced, or it was moved` });
    }
    if (!ownHashHolds) {
      return fail({ seq: r.seq, kind: 'edited', message: `record ${r.seq} was edited: its content no longer matches its hash` });
    }
    if (checkpoint && r.seq === checkpoint.seq) {
      sawCheckpoint = true;
      if (r.hash !== checkpoint.hash) {
        return fail({ seq: r.seq, kind: 'checkpoint_mismatch', message: `record ${r.seq} is not the one in the checkpoint: the log was rewritten from here or earlier` });
      }
    }
    beforePrev = prev;
    prev = r.hash;
    expectedSeq++;
  }
  if (checkpoint && !sawCheckpoint) {
    return fail({ seq: expectedSeq, kind: 'truncated', message: `the log ends at record ${expectedSeq - 1}, before the checkpoint's record ${checkpoint.seq}: records were removed from its end` });
  }
  return { ok: true, records: count, head: { seq: expectedSeq - 1, hash: prev } };
}

export function formatCheckpoint(c: Checkpoint): string {
  return `${c.seq}:${c.hash}`;
}

export function parseCheckpoint(s: string): Checkpoint {
  const m = /^(\d{1,15}):([0-9a-f]{64})$/.exec(s.trim());
  if (!m) throw new Error(`A checkpoint is "<sequence>:<64 hex digits>", as printed by \`sandstone audit checkpoint\`; got "${s.slice(0, 80)}".`);
  return { seq: Number(m[1]), hash: m[2]! };
}
