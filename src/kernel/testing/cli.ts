// Running `sandstone` in tests as a user runs it: a real process (bin/sandstone.js) over a real
// database of the dialect under test, its exit code and both streams.
import path from 'node:path';
import { format } from 'node:util';
import { spawnSync } from 'node:child_process';
import { DIALECTS, freshDatabase, type TestDialect } from './dialects.ts';
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

/**
 * `sandstone …` run inside this test process: runCli, as bin/sandstone.js calls it, with what it
 * writes to stdout and stderr captured and `input` as its standard input. The same command, parsing,
 * database opening and exit code as a process, without a start of several seconds for each command,
 * so a module's tests may run many; each keeps at least one real process (runBundledSandstone) for
 * the exit status and the streams as the shell sees them. Tests of one file run one at a time, so
 * borrowing the process's console and streams for the length of one command is safe.
 */
export async function runSandstoneHere(args: readonly string[], opts: { input?: string; env?: Record<string, string> } = {}): Promise<CliRun> {
  const { runCli } = await import('../../cli.ts');
  const out: string[] = [];
  const err: string[] = [];
  const saved = { log: console.log, info: console.info, error: console.error, warn: console.warn, stdout: process.stdout.write, stderr: process.stderr.write, exitCode: process.exitCode };
  const env = { LOG_LEVEL: 'warn', ...opts.env };
  const savedEnv = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  const writer = (into: string[]) => ((chunk: unknown, ...rest: unknown[]) => {
    into.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
    const done = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
    done?.();
    return true;
  }) as typeof process.stdout.write;
  console.log = console.info = (...a: unknown[]) => { out.push(format(...a) + '\n'); };
  console.error = console.warn = (...a: unknown[]) => { err.push(format(...a) + '\n'); };
  process.stdout.write = writer(out);
  process.stderr.write = writer(err);
  Object.assign(process.env, env);
  process.exitCode = undefined;
  let code: number;
  try {
    code = await runCli(['node', 'sandstone', ...args], { input: opts.input ?? '' });
  } finally {
    Object.assign(console, { log: saved.log, info: saved.info, error: saved.error, warn: saved.warn });
    process.stdout.write = saved.stdout;
    process.stderr.write = saved.stderr;
    process.exitCode = saved.exitCode;
    for (const [k, v] of Object.entries(savedEnv)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
  }
  return { code, out: out.join(''), err: err.join('') };
}

/**
 * A real process on the first database a file runs on, in process on the other: one look per file
 * at the exit status and stderr as the shell sees them, without a start of seconds for each database.
 */
export async function runSandstoneAsProcessOnce(dialect: TestDialect, args: readonly string[]): Promise<CliRun> {
  return dialect === DIALECTS[0] ? runBundledSandstone(args, { timeoutMs: 60_000 }) : runSandstoneHere(args);
}
