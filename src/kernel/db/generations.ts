// A module's generation: a counter that every committed change to its watched tables moves on.
// Triggers do the counting, so no write path (service, import, console SQL) can forget it, and
// the bump commits or rolls back with the change itself.
import { sql, type Kysely } from 'kysely';
import type { AppContext } from '../context.ts';
import { dialectOf, generationDdl } from './dialect.ts';
import { hotQuery } from './hot-query.ts';

const NAME = /^[a-z][a-z0-9_]*$/;

/** For a module's migration: from now on, any insert, update or delete on these tables bumps scope's generation. */
export async function watchTables(db: Kysely<any>, scope: string, tables: readonly string[]): Promise<void> {
  // Names are spliced into DDL, so only plain identifiers are accepted.
  for (const n of [scope, ...tables]) if (!NAME.test(n)) throw new Error(`watchTables: "${n}" is not a plain identifier`);
  await db.insertInto('kernel_generation').values({ scope, generation: 0 }).onConflict((oc) => oc.column('scope').doNothing()).execute();
  const ddl = generationDdl(dialectOf(db));
  for (const table of tables) for (const statement of ddl.watch(scope, table)) await sql.raw(statement).execute(db);
}

/** The reverse of watchTables, for a migration's down(). */
export async function unwatchTables(db: Kysely<any>, tables: readonly string[]): Promise<void> {
  const ddl = generationDdl(dialectOf(db));
  for (const table of tables) {
    if (!NAME.test(table)) throw new Error(`unwatchTables: "${table}" is not a plain identifier`);
    for (const statement of ddl.unwatch(table)) await sql.raw(statement).execute(db);
  }
}

const generationQuery = hotQuery<[string]>((db, scope) => db.selectFrom('kernel_generation').select('generation').where('scope', '=', scope!), 1);

/** The scope's generation as this connection sees it (inside a transaction: including its own changes). */
export async function generationOf(db: Kysely<any>, scope: string): Promise<number> {
  const [row] = await generationQuery(db, scope);
  if (!row) throw new Error(`No generation for "${scope}": its migration must call watchTables`);
  return Number(row.generation);
}

/**
 * The scope's last committed generation. Never what an open transaction has bumped but may yet
 * roll back: kept answers filed under such a number could later be served for another change.
 */
export async function committedGeneration(ctx: AppContext, scope: string): Promise<number> {
  const [row] = await generationQuery.committed(ctx.database, scope);
  if (!row) throw new Error(`No generation for "${scope}": its migration must call watchTables`);
  return Number(row.generation);
}

/** Up to four scopes' generations in one query, each with its scope. */
const generationsQuery = [1, 2, 3, 4].map((n) => hotQuery<string[]>((db, ...scopes) => db.selectFrom('kernel_generation').select(['scope', 'generation']).where('scope', 'in', scopes), n));

/**
 * Several scopes' last committed generations in one round trip (a kept answer that depends on
 * other modules' tables reads them all on every request), by scope. A scope with no row is absent:
 * its module is not part of this server.
 */
export async function committedGenerations(ctx: AppContext, scopes: readonly string[]): Promise<Map<string, number>> {
  const query = generationsQuery[scopes.length - 1];
  if (!query) throw new Error(`committedGenerations: 1 to ${generationsQuery.length} scopes, not ${scopes.length}`);
  const rows = await query.committed(ctx.database, ...scopes);
  return new Map(rows.map((r) => [String(r.scope), Number(r.generation)]));
}
