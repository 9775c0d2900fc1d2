// Runs `sandstone serve` as a child process, as an operator would, for tests that kill it.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../bin/sandstone.js');

export interface ChildServer {
  proc: ChildProcess;
  base: string;
  output(): string;
}

/** `entry`: another script to run instead of `sandstone serve` (given --db or --database-url the same way). */
export function startChildServer(db: { databaseUrl?: string; dbPath?: string }, extraArgs: string[] = [], entry?: string): Promise<ChildServer> {
  const args = entry ? ['--import', 'tsx', entry, ...extraArgs] : [BIN, 'serve', '--port', '0', '--host', '127.0.0.1', ...extraArgs];
  if (db.databaseUrl) args.push('--database-url', db.databaseUrl);
  else args.push('--db', db.dbPath!);
  const proc = spawn(process.execPath, args, { env: { ...process.env, LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 30_000);
    const onData = (b: Buffer) => {
      out += b.toString();
      const m = /serving on (http:\/\/[^\s]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ proc, base: m[1]!.replace('localhost', '127.0.0.1'), output: () => out });
      }
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', onData);
    proc.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${out}`));
    });
  });
}

export function killHard(s: ChildServer): Promise<void> {
  return new Promise((resolve) => {
    if (s.proc.exitCode !== null || s.proc.signalCode !== null) return resolve();
    s.proc.once('exit', () => resolve());
    s.proc.kill('SIGKILL');
  });
}
