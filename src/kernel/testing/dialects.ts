// Test databases: every integration suite runs once per dialect. SQLite always; PostgreSQL when
// scripts/test.sh has started a throwaway cluster and set SANDSTONE_TEST_PG_URL.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openApp, type App } from '../../app.ts';
import type { Faults } from '../context.ts';

export type TestDialect = 'sqlite' | 'postgres';

const PG_URL = process.env.SANDSTONE_TEST_PG_URL;

if (!PG_URL && process.env.SANDSTONE_REQUIRE_PG === '1') {
  throw new Error('SANDSTONE_REQUIRE_PG=1 but SANDSTONE_TEST_PG_URL is not set: run the tests with `npm test`.');
}

/** The dialects to run against; PostgreSQL is announced as skipped when it is not available. */
export const DIALECTS: TestDialect[] = PG_URL ? ['sqlite', 'postgres'] : ['sqlite'];
if (!PG_URL) console.warn('[tests] PostgreSQL suites skipped: SANDSTONE_TEST_PG_URL is not set (npm test starts a cluster).');

let counter = 0;

/** A fresh, empty, migrated database of the dialect, and how to open more apps on it. */
export async function freshDatabase(dialect: TestDialect): Promise<{ databaseUrl?: string; dbPath?: string; drop(): Promise<void> }> {
  if (dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandstone-test-'));
    return { dbPath: path.join(dir, 'test.db'), drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `t_${process.pid}_${Date.now().toString(36)}_${counter++}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(PG_URL!);
  u.pathname = '/' + name;
  return {
    databaseUrl: u.toString(),
    drop: async () => {
      const a = new pg.Client({ connectionString: PG_URL });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}

export interface TestApp extends App {
  drop(): Promise<void>;
  databaseUrl?: string;
  dbPath?: string;
}

export async function openTestApp(dialect: TestDialect, opts: { now?: () => Date; faults?: Faults; modules?: Parameters<typeof openApp>[0]['modules'] } = {}): Promise<TestApp> {
  const db = await freshDatabase(dialect);
  const app = await openApp({ ...db, now: opts.now, faults: opts.faults, modules: opts.modules });
  // Listening before the test starts: on PostgreSQL an event committed before LISTEN is in place
  // is never heard, and a test waiting for it would time out.
  await app.ctx.events.ready();
  return {
    ...app,
    databaseUrl: db.databaseUrl,
    dbPath: db.dbPath,
    async drop() {
      await app.close();
      await db.drop();
    },
  };
}
