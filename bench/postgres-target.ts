// A throwaway PostgreSQL database for one bench, on the cluster SANDSTONE_TEST_PG_URL (or
// DATABASE_URL) names; null when there is none, so the bench reports SQLite alone.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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

export type BenchDialect = 'sqlite' | 'postgres';

/**
 * One bench run on a fresh SQLite file, then on a throwaway PostgreSQL database when a cluster is
 * named (said on stderr when not): the runs in that order, each with its dialect.
 */
export async function onBothDatabases<R>(what: string, run: (dialect: BenchDialect, target: { dbPath?: string; databaseUrl?: string }) => Promise<R>): Promise<{ dialect: BenchDialect; r: R }[]> {
  const runs: { dialect: BenchDialect; r: R }[] = [];
  // BENCH_DATABASE=sqlite or postgres measures one only (comparing two versions of a change).
  const only = process.env.BENCH_DATABASE;
  if (only !== undefined && only !== 'sqlite' && only !== 'postgres') throw new Error(`BENCH_DATABASE must be sqlite or postgres, not ${only}`);
  if (only !== 'postgres') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `sandstone-bench-${what}-`));
    try {
      runs.push({ dialect: 'sqlite', r: await run('sqlite', { dbPath: path.join(dir, `${what}.db`) }) });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  if (only === 'sqlite') return runs;
  const pgTarget = await postgresTarget(what);
  if (!pgTarget) {
    console.error(`bench: ${what} on PostgreSQL skipped: neither SANDSTONE_TEST_PG_URL nor DATABASE_URL is set (scripts/bench.sh starts a cluster when neither is)`);
    return runs;
  }
  try {
    runs.push({ dialect: 'postgres', r: await run('postgres', pgTarget) });
  } finally {
    await pgTarget.drop();
  }
  return runs;
}
