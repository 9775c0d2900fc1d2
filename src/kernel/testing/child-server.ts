// Runs `sandstone serve` as a child process, as an operator would, for tests that kill it.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../bin/sandstone.js');

export interface ChildServer {
  proc: ChildProcess;
  base: string;
  output(): string;
}

let bundle: Promise<string> | undefined;
let bundleDir: string | undefined;
/** Scripts bundled so far (bundledScript), by source file. */
const scripts = new Map<string, string>();

/** Removes the bundles bundledCli() and bundledScript() built (test workers are not always given an 'exit' event). */
export function removeBundledCli(): void {
  if (bundleDir) fs.rmSync(bundleDir, { recursive: true, force: true });
  bundle = bundleDir = undefined;
  scripts.clear();
}

/**
 * The same command compiled once into one file by esbuild (which is what tsx does file by file
 * at every start): a start then takes about a second instead of ten, for tests that restart the
 * server many times. Built beside node_modules, so packages resolve as from the sources.
 */
export function bundledCli(): Promise<string> {
  bundle ??= Promise.resolve().then(bundledCliNow);
  return bundle;
}

/**
 * bundledCli(), built at once (esbuild's synchronous build, well under a second): for tests that
 * run the command with spawnSync (kernel/testing/cli.ts).
 */
export function bundledCliNow(): string {
  const cli = bundledScript(path.resolve(path.dirname(BIN), '..', 'src', 'cli.ts'));
  const entry = path.join(path.dirname(path.dirname(cli)), 'main.mjs');
  if (!fs.existsSync(entry)) fs.writeFileSync(entry, `import { runCli } from './src/${path.basename(cli)}';\nconst code = await runCli(process.argv);\nif (code !== 0) process.exit(code);\n`);
  return entry;
}

/** A TypeScript file of the sources (src/…) bundled into one .mjs file, once per test file. */
export function bundledScript(file: string): string {
  const done = scripts.get(file);
  if (done) return done;
  const root = path.resolve(path.dirname(BIN), '..');
  const dir = path.join(root, 'node_modules', '.cache', `sandstone-cli-${process.pid}`);
  if (bundleDir !== dir) {
    bundleDir = dir;
    fs.mkdirSync(path.join(dir, 'src'), { recursive: true });
    process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  }
  // app.ts reads ../package.json beside its own file.
  fs.copyFileSync(path.join(root, 'package.json'), path.join(dir, 'package.json'));
  // esbuild comes with tsx and vite (not a dependency of its own): loaded only when a test bundles.
  const esbuild = createRequire(import.meta.url)('esbuild') as typeof import('esbuild');
  const out = path.join(dir, 'src', path.basename(file).replace(/\.ts$/, '.mjs'));
  esbuild.buildSync({ entryPoints: [file], bundle: true, platform: 'node', format: 'esm', packages: 'external', outfile: out, logLevel: 'warning' });
  scripts.set(file, out);
  return out;
}

/**
 * `entry`: the bundled command (bundledCli) instead of bin/sandstone.js; `script`: another script to
 * run through tsx instead of `sandstone serve` (given --db or --database-url the same way), or run
 * as it is when it is already JavaScript (bundledScript).
 */
export function startChildServer(db: { databaseUrl?: string; dbPath?: string }, extraArgs: string[] = [], opts: { entry?: string; script?: string } = {}): Promise<ChildServer> {
  const args = opts.script ? [...(opts.script.endsWith('.mjs') ? [] : ['--import', 'tsx']), opts.script, ...extraArgs] : [opts.entry ?? BIN, 'serve', '--port', '0', '--host', '127.0.0.1', ...extraArgs];
  if (db.databaseUrl) args.push('--database-url', db.databaseUrl);
  else args.push('--db', db.dbPath!);
  const proc = spawn(process.execPath, args, { env: { ...process.env, LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  return new Promise((resolve, reject) => {
    // A server that is not up in time is ended, not left running (and loading a busy machine) after its test gave up.
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`server did not start:\n${out}`));
    }, 60_000);
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
