// SQLite cannot drop or add a table constraint: a migration that must rebuilds the table, in the
// steps of SQLite's "ALTER TABLE" page (a new table from the changed DDL, the rows copied, the old
// one dropped, the new one renamed, its indexes and triggers made again), foreign keys checked after.
import { sql, type Kysely } from 'kysely';

/** `table` made again from its own DDL as `change` rewrites it, keeping its rows, indexes and triggers. */
export async function rebuildSqliteTable(db: Kysely<any>, table: string, change: (ddl: string) => string): Promise<void> {
  if (!/^[a-z_]+$/.test(table)) throw new Error(`rebuildSqliteTable: "${table}" is not a table name`);
  const { rows: [fk] } = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(db);
  // Other tables' rows point at this one: with foreign keys on, dropping the old table would check them.
  await sql`pragma foreign_keys = off`.execute(db);
  try {
    await db.transaction().execute(async (tx) => {
      const { rows: objects } = await sql<{ type: string; name: string; sql: string | null }>`select type, name, sql from sqlite_master where tbl_name = ${table} order by type desc`.execute(tx);
      const made = objects.find((o) => o.type === 'table');
      if (!made) throw new Error(`${table}: no such table`);
      const ddl = change(made.sql!);
      const renamed = ddl.replace(new RegExp(`^create table "?${table}"?`, 'i'), `create table "${table}_rebuilt"`);
      if (renamed === ddl) throw new Error(`${table}: its DDL does not start as expected`);
      await sql.raw(renamed).execute(tx);
      await sql.raw(`insert into ${table}_rebuilt select * from ${table}`).execute(tx);
      await sql.raw(`drop table ${table}`).execute(tx);
      await sql.raw(`alter table ${table}_rebuilt rename to ${table}`).execute(tx);
      // Indexes and triggers (a module's generation triggers) went with the old table; the
      // automatic indexes of its constraints (no sql) come back with the new one.
      for (const o of objects) if (o.type !== 'table' && o.sql) await sql.raw(o.sql).execute(tx);
      const { rows: broken } = await sql`pragma foreign_key_check`.execute(tx);
      if (broken.length) throw new Error(`${table} rebuilt: ${broken.length} rows no longer point at a row`);
    });
  } finally {
    if (fk?.foreign_keys) await sql`pragma foreign_keys = on`.execute(db);
  }
}
