// The one place that knows SQLite and PostgreSQL differ: column types, JSON, now().
import { Kysely, PostgresAdapter, sql, type RawBuilder } from 'kysely';

export type DialectName = 'sqlite' | 'postgres';

export function dialectOf(db: Kysely<any>): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/** Column types for migrations. Instants are ISO-8601 text on SQLite and timestamptz on PostgreSQL. */
export function columnTypes(db: Kysely<any>) {
  const pg = dialectOf(db) === 'postgres';
  return {
    instant: pg ? sql`timestamptz` : sql`text`,
    date: pg ? sql`date` : sql`text`,
    json: pg ? sql`jsonb` : sql`text`,
    bool: pg ? sql`boolean` : sql`integer`,
    bigint: pg ? sql`bigint` : sql`integer`,
  } as const;
}

/** Encodes a value for a json column (both drivers accept the text form). */
export const toJson = (v: unknown): string => JSON.stringify(v);

/** Decodes a json column: pg hands back objects, SQLite hands back text. */
export function fromJson<T>(v: unknown, fallback: T): T {
  if (v === null || v === undefined) return fallback;
  if (typeof v === 'string') {
    try {
      return JSON.parse(v) as T;
    } catch {
      return fallback;
    }
  }
  return v as T;
}

export const toBool = (v: unknown): boolean => v === true || v === 1 || v === '1';

/** Case-insensitive LIKE for free text where an index is not needed. */
export function ilike(db: Kysely<any>, column: RawBuilder<unknown> | string, pattern: string) {
  const col = typeof column === 'string' ? sql.ref(column) : column;
  return dialectOf(db) === 'postgres' ? sql<boolean>`${col} ILIKE ${pattern}` : sql<boolean>`${col} LIKE ${pattern}`;
}
