// The mail bag: letters handed in at the same moment by different senders go to the store in one
// transaction, so they share one commit (the costly part of accepting a letter: bench/post.ts).
// Each letter is fully checked before it is put in the bag (prepareMessage), so what can still go
// wrong in the bag is the database itself; if anything in the bag fails, the whole bag is rolled
// back and each letter is accepted again on its own, where a failure is that sender's alone — one
// sender's trouble never loses or fails another's letter. Each letter keeps its own actor, clock,
// audit records and events, exactly as if it had its own transaction (kernel/context.ts transact;
// the job runner's runGroup does the same for jobs).
import type { Kysely } from 'kysely';
import { stagingTx, transact, type AppContext, type Tx } from '../../kernel/context.ts';
import { appendAuditWrites, type AuditWrite } from '../../kernel/audit/audit-log.ts';
import type { SandstoneEvent } from '../../kernel/events/event-bus.ts';
import { writesAtOnce, type DialectName } from '../../kernel/db/dialect.ts';

/** The most letters one bag carries (one transaction): enough to share a commit, small enough to keep each wait short. */
export const MAIL_BAG_SIZE = 32;

/**
 * How the post office carries where writes can go on at once (PostgreSQL): bags of half the size,
 * two in the database at a time. With every sender waiting for one bag, the server checks the
 * next letters only once it has committed, and the database idles while it does: the work
 * alternated between the two, each idle half the time (bench/post.ts, 32 clerks). With two bags,
 * one is checked and packed while the other is written. Where writes queue (SQLite), a second bag
 * would only wait for the first, and the commit, its costly part, would be shared by half as many.
 */
export function bagsFor(dialect: DialectName): { size: number; inFlight: number } {
  return writesAtOnce(dialect) ? { size: MAIL_BAG_SIZE / 2, inFlight: 2 } : { size: MAIL_BAG_SIZE, inFlight: 1 };
}

/**
 * How letters are written: all of a bag's at once, each in its own writer's view of the one
 * transaction (txs[i] for letters[i]: its actor, its clock, its audit records and events), so the
 * bag costs a statement per table rather than one per letter and table. Answers one result per letter.
 */
export type BagWriter<L, R> = (txs: readonly Tx[], letters: readonly L[], senders: readonly AppContext[]) => Promise<R[]>;

interface Letter {
  ctx: AppContext;
  letter: unknown;
  resolve(v: unknown): void;
  reject(e: unknown): void;
}

interface Bag {
  write: BagWriter<any, any>;
  waiting: Letter[];
  /** The most letters a bag carries, and the most bags in the database at once (bagsFor). */
  size: number;
  inFlight: number;
  /** Carriers at work: each packs a bag, waits for its commit, and packs the next while letters wait. */
  carriers: number;
}

// One bag per database and writer (every context of one app shares its Kysely instance).
const bags = new WeakMap<Kysely<any>, Map<BagWriter<any, any>, Bag>>();

/**
 * Accepts a letter: `write`s it in a transaction shared with the letters handed in beside it,
 * and answers once that transaction has committed (after the kernel's afterCommit fault point,
 * as transact does). Inside a caller's transaction, or for a request with an Idempotency-Key
 * (whose claim is made in its own transaction), it is simply that transaction.
 */
export function postInBag<L, R>(ctx: AppContext, letter: L, write: BagWriter<L, R>): Promise<R> {
  if (ctx.tx || ctx.idempotency) return transact(ctx, async (tx) => (await write([tx], [letter], [ctx]))[0]!);
  const byWriter = bags.get(ctx.db) ?? bags.set(ctx.db, new Map()).get(ctx.db)!;
  const bag = byWriter.get(write) ?? byWriter.set(write, { write, waiting: [], ...bagsFor(ctx.dialect), carriers: 0 }).get(write)!;
  return new Promise<R>((resolve, reject) => {
    bag.waiting.push({ ctx, letter, resolve: resolve as (v: unknown) => void, reject });
    // A carrier when none is at work; another, up to inFlight, once a full bag waits for one. A
    // carrier goes on while letters wait, so two at work may each take fewer than a full bag.
    if (!bag.carriers || (bag.carriers < bag.inFlight && bag.waiting.length >= bag.size)) {
      bag.carriers++;
      // Packed on the next turn of the event loop: the senders whose checks are finishing now
      // join this bag instead of waiting for the next.
      setImmediate(() => void carry(bag));
    }
  });
}

async function carry(bag: Bag): Promise<void> {
  try {
    while (bag.waiting.length) {
      const letters = bag.waiting.splice(0, bag.size);
      if (letters.length === 1) await alone(bag, letters[0]!);
      else await together(bag, letters);
    }
  } finally {
    bag.carriers--;
  }
}

/** One letter in its own transaction: its outcome, success or failure, is its sender's. */
async function alone(bag: Bag, l: Letter): Promise<void> {
  try {
    l.resolve(await transact(l.ctx, async (tx) => (await bag.write([tx], [l.letter], [l.ctx]))[0]));
  } catch (e) {
    l.reject(e);
  }
}

async function together(bag: Bag, letters: Letter[]): Promise<void> {
  const first = letters[0]!.ctx;
  const staged: SandstoneEvent[] = [];
  const audits: AuditWrite[] = [];
  let results: unknown[];
  try {
    results = await first.db.transaction().execute(async (trx) => {
      const txs = letters.map(({ ctx }) => stagingTx(trx, ctx.dialect, ctx.now(), ctx.actor, staged, audits));
      const out = await bag.write(txs, letters.map((l) => l.letter), letters.map((l) => l.ctx));
      // The bag's events and audit records in one statement each, the audit last (its head row's lock).
      if (staged.length) await first.events.stage(trx, staged);
      await appendAuditWrites(trx, audits);
      return out;
    });
  } catch {
    // Something in the bag failed and all of it was rolled back: each letter again, on its own.
    for (const l of letters) await alone(bag, l);
    return;
  }
  if (staged.length) first.events.committed(staged);
  for (const [i, l] of letters.entries()) {
    try {
      l.ctx.faults?.afterCommit?.(l.ctx);
      l.resolve(results[i]);
    } catch (e) {
      l.reject(e);
    }
  }
}
