// A throwaway PostgreSQL database for one bench, on the cluster SANDSTONE_TEST_PG_URL (or
// DATABASE_URL) names; null when there is none, so the bench reports SQLite alone.
import pg from 'pg';

export interface PostgresTarget { databaseUrl: string; drop(): Promise<void> }

export async function postgresTarget(what: string, base = process.env.SANDSTONE_TEST_PG_URL ?? process.env.DATABASE_URL): Promise<PostgresTarget | null> {
  if (!base) return null;
  const name = `bench_${what}_${process.pid}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(base);
  u.pathname = '/' + name;
  return {
    databaseUrl: u.toString(),
    async drop() {
      const a = new pg.Client({ connectionString: base });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}
