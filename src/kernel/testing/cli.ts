// Running `sandstone` in tests as a user runs it: a real process (bin/sandstone.js) over a real
// database of the dialect under test, its exit code and both streams.
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { freshDatabase, type TestDialect } from './dialects.ts';
import { openApp } from '../../app.ts';
import { bundledCliNow } from './child-server.ts';
import type { AppContext } from '../context.ts';

export const SANDSTONE_BIN = path.resolve(import.meta.dirname, '../../../bin/sandstone.js');

export interface CliRun { code: number | null; out: string; err: string }

/**
 * One `sandstone …` process; stdin from `input`. Each loads the sources: seconds on a busy machine.
 * `bundled`: the same sources compiled once into one file (bundledCliNow) instead of by tsx at each
 * start — about half the time of a start, for tests about what a command does; src/cli.test.ts
 * keeps running bin/sandstone.js itself.
 */
export function runSandstone(args: readonly string[], opts: { input?: string; timeoutMs?: number; env?: Record<string, string>; bundled?: boolean } = {}): CliRun {
  const r = spawnSync(process.execPath, [opts.bundled ? bundledCliNow() : SANDSTONE_BIN, ...args], {
    encoding: 'utf8', input: opts.input, timeout: opts.timeoutMs ?? 120_000, env: { ...process.env, LOG_LEVEL: 'warn', ...opts.env },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

export interface CliDatabase {
  /** `--db FILE` or `--database-url URL`: what a command needs to reach this database. */
  flags: string[];
  drop(): Promise<void>;
}

/**
 * A fresh database of the dialect, migrated and seeded through the app (`seed`, optional) and
 * closed again, so that the commands under test are the only ones holding it.
 */
export async function cliDatabase(dialect: TestDialect, seed?: (ctx: AppContext) => Promise<void>, opts: { now?: () => Date } = {}): Promise<CliDatabase> {
  const db = await freshDatabase(dialect);
  if (seed) {
    const app = await openApp({ ...db, ...opts });
    try {
      await seed(app.ctx);
    } finally {
      await app.close();
    }
  }
  return { flags: db.databaseUrl ? ['--database-url', db.databaseUrl] : ['--db', db.dbPath!], drop: () => db.drop() };
}

/** runSandstone on the bundled command (see there). */
export const runBundledSandstone = (args: readonly string[], opts: Omit<Parameters<typeof runSandstone>[1], 'bundled'> = {}): CliRun => runSandstone(args, { ...opts, bundled: true });
