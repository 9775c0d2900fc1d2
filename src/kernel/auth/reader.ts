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

/** Readers with equal keys see exactly the same records: for caching label-filtered answers. */
export function readerKey(ctx: AppContext): string {
  const l = readerLabels(ctx);
  return l ? `${l.maxRank}:${l.compartments}` : 'all';
}
