// Queries on hot paths are built and compiled once per dialect, then run with fresh parameters:
// building and compiling a Kysely query costs more than executing a primary-key lookup.
import { CompiledQuery, type Kysely, type Compilable } from 'kysely';
import { dialectOf, type DialectName } from './dialect.ts';

const SENTINEL = '\u0000hot-query-param:';

/** The compiled query with each placeholder replaced by its argument. */
function bind<R>(c: CompiledQuery<R>, args: readonly unknown[]): CompiledQuery<R> {
  return CompiledQuery.raw(c.sql, c.parameters.map((p) => (typeof p === 'string' && p.startsWith(SENTINEL) ? args[Number(p.slice(SENTINEL.length))] : p))) as CompiledQuery<R>;
}

/**
 * `build` receives placeholders instead of values and returns a query builder; the result runs
 * that query with the real arguments. Every placeholder must be used as a plain value parameter.
 */
export function hotQuery<A extends unknown[], R = Record<string, any>>(build: (db: Kysely<any>, ...args: string[]) => Compilable<R>, arity: A['length']) {
  const compiled = new Map<DialectName, CompiledQuery<R>>();
  return async (db: Kysely<any>, ...args: A): Promise<R[]> => {
    const dialect = dialectOf(db);
    let c = compiled.get(dialect);
    if (!c) {
      const placeholders = Array.from({ length: arity }, (_, i) => SENTINEL + i);
      c = build(db, ...placeholders).compile();
      compiled.set(dialect, c);
    }
    return (await db.executeQuery<R>(bind(c, args))).rows;
  };
}

/**
 * For queries whose shape depends on the input (which filters are present): one compiled query
 * per shape and dialect. `build` gets one placeholder per argument, in order.
 */
export function shapedQuery<R = Record<string, any>>() {
  const compiled = new Map<string, CompiledQuery<R>>();
  return async (db: Kysely<any>, shape: string, args: unknown[], build: (ph: string[]) => Compilable<R>): Promise<R[]> => {
    const key = dialectOf(db) + '|' + shape;
    let c = compiled.get(key);
    if (!c) {
      c = build(args.map((_, i) => SENTINEL + i)).compile();
      // Shapes are bounded by the filters a route accepts; the cap guards against a mistake.
      if (compiled.size < 1000) compiled.set(key, c);
    }
    return (await db.executeQuery<R>(bind(c, args))).rows;
  };
}
