// Answers to reads, kept while the module's generation has not moved. Every use asks the
// database for the generation first, so a change committed by any server (or by hand, in SQL)
// is seen by the next read: the cache is never stale, only skipped work. Bounded by bytes,
// least recently used out first. Inside a transaction nothing is read from or kept in it: what a
// transaction sees may still be rolled back.
import type { AppContext } from '../context.ts';
import { committedGeneration, committedGenerations } from './generations.ts';

interface Entry {
  generation: number;
  value: unknown;
  bytes: number;
}

export class ReadCache {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;
  hits = 0;
  misses = 0;

  constructor(readonly maxBytes: number) {}

  get(key: string, generation: number): unknown {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (e.generation !== generation) {
      this.drop(key, e);
      return undefined;
    }
    // Most recently used goes to the end; eviction takes from the front.
    this.entries.delete(key);
    this.entries.set(key, e);
    return e.value;
  }

  set(key: string, generation: number, value: unknown, bytes: number): void {
    if (bytes > this.maxBytes / 4) return; // one huge answer must not empty the cache
    const old = this.entries.get(key);
    if (old) this.drop(key, old);
    this.entries.set(key, { generation, value, bytes });
    this.bytes += bytes;
    for (const [k, e] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.drop(k, e);
    }
  }

  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.bytes };
  }

  private drop(key: string, e: Entry) {
    this.entries.delete(key);
    this.bytes -= e.bytes;
  }
}

/**
 * The answer of compute() for key in scope, reused while scope's generation stands. The key must
 * name everything the answer depends on besides the data: arguments, the date "today" stands
 * for, and the reader's labels (readerKey) when the answer is label-filtered. An answer that also
 * shows other modules' records (people's names) names their scopes in alsoScopes: it is then kept
 * while those stand too.
 */
export async function cachedRead<T>(ctx: AppContext, scope: string, key: string, compute: () => Promise<T>, sizeOf: (v: T) => number, alsoScopes: readonly string[] = []): Promise<T> {
  const cache = ctx.readCache;
  if (!cache || ctx.tx) return compute();
  // Read the generation before the data: an answer computed from newer data is then filed under an
  // older generation, which no later reader will ask for. The reverse order could file old data as new.
  // The other scopes the answer depends on (alsoScopes) are read in the same query and named in the
  // key; one absent (its module not on this server) never changes.
  let generation: number;
  let also = '';
  if (alsoScopes.length) {
    const generations = await committedGenerations(ctx, [scope, ...alsoScopes]);
    const own = generations.get(scope);
    if (own === undefined) throw new Error(`No generation for "${scope}": its migration must call watchTables`);
    generation = own;
    also = alsoScopes.map((s) => `\u0000${s}=${generations.get(s) ?? 0}`).join('');
  } else {
    generation = await committedGeneration(ctx, scope);
  }
  const full = scope + '\u0000' + key + also;
  const hit = cache.get(full, generation);
  if (hit !== undefined) {
    cache.hits++;
    return hit as T;
  }
  cache.misses++;
  const value = await compute();
  cache.set(full, generation, value, sizeOf(value) + full.length * 2 + 64);
  return value;
}
