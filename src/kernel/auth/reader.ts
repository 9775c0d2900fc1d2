// What a reader may see, as parameters for SQL label filters.
import { sql } from 'kysely';
import { subjectOf, type AppContext } from '../context.ts';
import { fromJson, labelVisible } from '../db/dialect.ts';
import { levelRank, type Label, type Level } from './labels.ts';

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

/**
 * The SQL condition that keeps only the rows (of the table aliased `alias`, with its label columns)
 * the reader's clearance dominates; always true for the console operator.
 */
export function readerSees(ctx: AppContext, alias: string) {
  const L = readerLabels(ctx);
  return L ? labelVisible(ctx.dialect, alias, L.maxRank, L.compartments) : sql<boolean>`1 = 1`;
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

/** A record's label from its stored columns (compartments are JSON text on SQLite, parsed on PostgreSQL). */
export const storedLabel = (r: Record<string, any>): Label => ({ classification: r.classification as Level, compartments: fromJson<string[]>(r.compartments, []) });
