// What a reader may see, as parameters for SQL label filters.
import { subjectOf, type AppContext } from '../context.ts';
import { levelRank } from './labels.ts';

export interface ReaderLabels {
  maxRank: number;
  compartments: string; // JSON array
}

/** null for the console operator, who sees everything (no filter at all). */
export function readerLabels(ctx: AppContext): ReaderLabels | null {
  const c = subjectOf(ctx.actor).clearance;
  if (c.all) return null;
  return { maxRank: levelRank(c.level), compartments: JSON.stringify([...c.compartments].sort()) };
}

const keys = new WeakMap<object, string>();

/** Readers with equal keys see exactly the same records: for caching label-filtered answers. */
export function readerKey(ctx: AppContext): string {
  // A session's actor is frozen and shared by its requests: its key is worked out once.
  const known = keys.get(ctx.actor);
  if (known !== undefined) return known;
  const l = readerLabels(ctx);
  const key = l ? `${l.maxRank}:${l.compartments}` : 'all';
  if (Object.isFrozen(ctx.actor)) keys.set(ctx.actor, key);
  return key;
}
