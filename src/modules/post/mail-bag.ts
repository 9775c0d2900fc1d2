// The mail bag: letters handed in at the same moment by different senders go to the store in one
// transaction, so they share one commit (the costly part of accepting a letter: bench/post.ts).
// Each letter is fully checked before it is put in the bag (prepareMessage), so what can still go
// wrong in the bag is the database itself; if anything in the bag fails, the whole bag is rolled
// back and each letter is accepted again on its own, where a failure is that sender's alone — one
// sender's trouble never loses or fails another's letter. Each letter keeps its own actor, clock,
// audit records and events, exactly as if it had its own transaction (kernel/context.ts transact;
// the job runner's runGroup does the same for jobs).
import type { Kysely } from 'kysely';
import { transact, type AppContext, type Tx } from '../../kernel/context.ts';
import { appendAuditWrites, type AuditWrite } from '../../kernel/audit/audit-log.ts';
import type { SandstoneEvent } from '../../kernel/events/event-bus.ts';

/** The most letters one bag carries (one transaction): enough to share a commit, small enough to keep each wait short. */
export const MAIL_BAG_SIZE = 32;

/** What one letter's writing does, in the transaction it is given; `code` hands it its code (see CodeBook). */
export type LetterWriter<T> = (tx: Tx, code: () => Promise<string>) => Promise<T>;

interface Letter {
  ctx: AppContext;
  write: LetterWriter<any>;
  resolve(v: unknown): void;
  reject(e: unknown): void;
}

interface Bag {
  waiting: Letter[];
  packing: boolean;
}

// One bag per database (every context of one app shares its Kysely instance).
const bags = new WeakMap<Kysely<any>, Bag>();

/**
 * The codes of a bag's letters, taken together: `reserve(n)` answers n consecutive codes in one
 * statement; a letter alone takes one with `single`.
 */
export interface CodeBook {
  single(tx: Tx): Promise<string>;
  reserve(tx: Tx, n: number): Promise<string[]>;
}

/**
 * Accepts a letter: runs `write` in a transaction shared with the letters handed in beside it,
 * and answers once that transaction has committed (after the kernel's afterCommit fault point,
 * as transact does). Inside a caller's transaction, or for a request with an Idempotency-Key
 * (whose claim is made in its own transaction), it is simply that transaction.
 */
export function postInBag<T>(ctx: AppContext, codes: CodeBook, write: LetterWriter<T>): Promise<T> {
  if (ctx.tx || ctx.idempotency) return transact(ctx, (tx) => write(tx, () => codes.single(tx)));
  let bag = bags.get(ctx.db);
  if (!bag) bags.set(ctx.db, (bag = { waiting: [], packing: false }));
  const b = bag;
  return new Promise<T>((resolve, reject) => {
    b.waiting.push({ ctx, write, resolve: resolve as (v: unknown) => void, reject });
    if (!b.packing) {
      b.packing = true;
      // Packed on the next turn of the event loop: the senders whose checks are finishing now
      // join this bag instead of waiting for the next.
      setImmediate(() => void carry(b, codes));
    }
  });
}

async function carry(bag: Bag, codes: CodeBook): Promise<void> {
  try {
    while (bag.waiting.length) {
      const letters = bag.waiting.splice(0, MAIL_BAG_SIZE);
      if (letters.length === 1) await alone(letters[0]!, codes);
      else await together(letters, codes);
    }
  } finally {
    bag.packing = false;
  }
}

/** One letter in its own transaction: its outcome, success or failure, is its sender's. */
async function alone(l: Letter, codes: CodeBook): Promise<void> {
  try {
    l.resolve(await transact(l.ctx, (tx) => l.write(tx, () => codes.single(tx))));
  } catch (e) {
    l.reject(e);
  }
}

async function together(letters: Letter[], codes: CodeBook): Promise<void> {
  const first = letters[0]!.ctx;
  const staged: SandstoneEvent[] = [];
  const audits: AuditWrite[] = [];
  let results: unknown[];
  try {
    results = await first.db.transaction().execute(async (trx) => {
      const txs = letters.map(({ ctx }): Tx => {
        const now = ctx.now();
        const actor = ctx.actor;
        return {
          db: trx, dialect: ctx.dialect, now, actor,
          emit: (type, payload, label, audience) => staged.push({
            type, payload, at: now.toISOString(),
            ...(label ? { label: { classification: label.classification, compartments: [...label.compartments] } } : {}),
            ...(audience ? { audience: [...audience] } : {}),
          }),
          audit: (entry) => audits.push({ actor, at: now, entry }),
        };
      });
      // The codes last of what the letters need, in one statement: on PostgreSQL the counter's row
      // is locked from there to the commit, and every other server's letters wait for it.
      // (Codes are numbered by year: a bag whose clocks straddle a new year takes them one by one.)
      const oneYear = txs.every((tx) => tx.now.getUTCFullYear() === txs[0]!.now.getUTCFullYear());
      let reserved: Promise<string[]> | null = null;
      const out: unknown[] = [];
      for (const [i, l] of letters.entries()) {
        const tx = txs[i]!;
        out.push(await l.write(tx, async () => (oneYear ? (await (reserved ??= codes.reserve(tx, letters.length)))[i]! : codes.single(tx))));
      }
      // The bag's events and audit records in one statement each, the audit last (its head row's lock).
      if (staged.length) await first.events.stage(trx, staged);
      await appendAuditWrites(trx, audits);
      return out;
    });
  } catch {
    // Something in the bag failed and all of it was rolled back: each letter again, on its own.
    for (const l of letters) await alone(l, codes);
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
