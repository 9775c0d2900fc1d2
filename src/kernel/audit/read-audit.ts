// Audit records of reads, written by group commit. A classified read is audited on every request,
// and the answer waits until its record is committed; a commit costs a flush to disk (SQLite's
// synchronous=FULL, PostgreSQL's fsync), far more than a kept answer. So the records of reads
// that arrive while a commit is under way wait for the next one and share it: one transaction
// and one flush for all of them, each record still durable, in the chain, before its answer goes
// out. When nothing is being written a record is committed as soon as the requests that arrived
// with it and in the next turn of the event loop have been read.
// Two such transactions may be under way: the second takes its batch while the first waits for
// its flush, and waits for the chain's head (PostgreSQL's row lock, SQLite's one writer) until
// the first has committed; so the flush of one batch no longer holds up the writing of the next.
// On PostgreSQL a batch is one statement of its own (appendAuditWritesInOneStatement): the head's
// lock is then held inside the database for the statement and its flush, not across the round
// trips of a server whose event loop is busy answering (4 round trips before: 25–45 % fewer case
// pages a second).
import type { Kysely } from 'kysely';
import type { AppContext } from '../context.ts';
import { commitOnItsOwn } from '../db/dialect.ts';
import { appendAuditWrites, appendAuditWritesInOneStatement, ONE_STATEMENT_APPEND_MAX, type AuditEntry, type AuditWrite } from './audit-log.ts';

interface Waiting extends AuditWrite {
  done: () => void;
  failed: (e: unknown) => void;
}
interface Queue {
  waiting: Waiting[];
  /** Writers under way or about to start: at most WRITERS. */
  writers: number;
  /** A writer is about to start (after this turn's input) and will take what is waiting then. */
  starting: boolean;
  /** Commits made so far (each one batch). */
  commits: number;
}

/** Per database handle: the records waiting for the next commit, and whether one is under way. */
const queues = new WeakMap<Kysely<any>, Queue>();
/** Transactions of read records under way at once: one flushing, one writing. */
const WRITERS = 2;

/**
 * Records a read in the audit log as ctx's actor at ctx's time, resolving once it is committed
 * (rejecting, like transact(), if that commit fails). Inside a transaction it is recorded with
 * that transaction's other records instead.
 */
export function auditRead(ctx: AppContext, entry: AuditEntry): Promise<void> {
  if (ctx.tx) {
    ctx.tx.audit(entry);
    return Promise.resolve();
  }
  let q = queues.get(ctx.db);
  if (!q) queues.set(ctx.db, (q = { waiting: [], writers: 0, starting: false, commits: 0 }));
  const recorded = new Promise<void>((done, failed) => q.waiting.push({ actor: ctx.actor, at: ctx.now(), entry, done, failed }));
  if (!q.starting && q.writers < WRITERS) {
    q.starting = true;
    q.writers++;
    // Not at once but after this turn's input and the next's: better-sqlite3 runs a whole
    // transaction without yielding, so requests that arrived together would otherwise each get a
    // commit of their own; and the requests that follow answers just sent arrive a turn later.
    // Under load on SQLite, where the flush holds the whole process, the second turn made batches
    // of ~8 records twice as large and the case page 25–40 % faster; idle, it costs microseconds.
    const db = ctx.db;
    setImmediate(() =>
      setImmediate(() => {
        q!.starting = false;
        void write(db, q!);
      }),
    );
  }
  return recorded;
}

async function write(db: Kysely<any>, q: Queue) {
  try {
    while (q.waiting.length) {
      // On PostgreSQL a batch is one append statement.
      const batch = q.waiting.splice(0, ONE_STATEMENT_APPEND_MAX);
      try {
        await commitOnItsOwn(db, (alone) => appendAuditWritesInOneStatement(alone, batch), (trx) => appendAuditWrites(trx, batch));
      } catch (e) {
        for (const w of batch) w.failed(e);
        continue;
      }
      q.commits++;
      for (const w of batch) w.done();
    }
  } finally {
    q.writers--;
  }
}

/** How many commits the group commit has made for reads on this database handle (each one batch of records). */
export function readAuditCommits(db: Kysely<any>): number {
  return queues.get(db)?.commits ?? 0;
}
