// The `sandstone` command: serve, migrate, demo, and every module's commands.
import fs from 'node:fs';
import path from 'node:path';
import { Command, CommanderError } from 'commander';
import { loadConfig, CONFIG_VARIABLES } from './kernel/config.ts';
import { AppError, isAppError } from './kernel/errors.ts';
import type { AppContext } from './kernel/context.ts';
import type { CliHost } from './kernel/module.ts';
import { openApp, buildHttp, VERSION } from './app.ts';
import { MODULES } from './modules.ts';
import { loadDemoWorld, isRegistryEmpty, formatDemoAccounts } from './world/demo.ts';
import { verifyAuditLog, auditHead } from './kernel/audit/audit-log.ts';
import { formatCheckpoint, parseCheckpoint } from './kernel/audit/chain.ts';
import { ensureWebBuilt } from './web-build.ts';

function configFrom(cmd: Command, extra: Record<string, unknown> = {}) {
  const o = cmd.optsWithGlobals();
  return loadConfig(process.env, { dbPath: o.db, databaseUrl: o.databaseUrl, ...extra });
}

/**
 * A command that only reads must not create the database it was pointed at: `audit verify` on a
 * mistyped path would otherwise report an intact, empty log.
 */
function refuseMissingDatabase(dbPath: string) {
  if (dbPath === ':memory:' || fs.existsSync(dbPath)) return;
  throw new AppError('CLI_DATABASE_MISSING', 'not_found',
    `There is no database at ${path.resolve(dbPath)}: check --db (or SANDSTONE_DB), or DATABASE_URL for PostgreSQL. Nothing was created; \`sandstone migrate\` or \`sandstone serve\` makes a new one.`);
}

/** `input`: what the command reads as its standard input, given instead of file descriptor 0 (tests). */
export function buildProgram(io: { input?: string } = {}): Command {
  const program = new Command('sandstone')
    .description('Sandstone — the administration system of Sunagakure')
    .version(VERSION)
    .option('--db <path>', 'SQLite database file (env SANDSTONE_DB; default ./data/sandstone.db)')
    .option('--database-url <url>', 'use PostgreSQL at this URL (env DATABASE_URL)')
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText('after', '\nEnvironment:\n' + CONFIG_VARIABLES.map(([k, v]) => `  ${k.padEnd(Math.max(...CONFIG_VARIABLES.map(([n]) => n.length)) + 2)}${v}`).join('\n'));

  const groups = new Map<string, Command>();
  const host: CliHost = {
    async withContext<T>(cmd: Command, fn: (ctx: AppContext) => Promise<T>, opts: { readOnly?: boolean } = {}) {
      const config = configFrom(cmd);
      if (opts.readOnly && !config.databaseUrl) refuseMissingDatabase(config.dbPath);
      const app = await openApp({ databaseUrl: config.databaseUrl, dbPath: config.dbPath, readCacheBytes: config.readCacheMB * 1024 * 1024 });
      try {
        return await fn({ ...app.ctx, actor: { kind: 'local', username: process.env.USER ?? 'cli' } });
      } finally {
        await app.close();
      }
    },
    standardInput: () => io.input ?? fs.readFileSync(0, 'utf8'),
    group(name, description) {
      let g = groups.get(name);
      if (!g) {
        g = program.command(name).description(description);
        groups.set(name, g);
      }
      return g;
    },
  };

  program
    .command('serve')
    .description('serve the API and the web app')
    .option('--port <port>', 'HTTP port (env PORT; default 8080)')
    .option('--host <host>', 'bind address (env HOST; default 0.0.0.0)')
    .option('--load-demo-if-empty', 'load the demo world when the registry has nobody in it (used by npm start)')
    .action(async (opts, cmd: Command) => {
      const config = configFrom(cmd, { port: opts.port, host: opts.host });
      // After `npm ci` nothing is built yet: build it now rather than serve a page asking for it.
      ensureWebBuilt(config.webDist);
      const app = await openApp({ databaseUrl: config.databaseUrl, dbPath: config.dbPath, readCacheBytes: config.readCacheMB * 1024 * 1024 });
      if (opts.loadDemoIfEmpty && (await isRegistryEmpty(app.ctx))) {
        console.log('First start: loading the Hidden Sand demo world…');
        const r = await loadDemoWorld(app.ctx);
        console.log(`Loaded ${r.people} people, ${r.organizations} organizations, ${r.posts} posts, ${r.statutes} statutes.`);
        if (r.accounts.length) console.log(formatDemoAccounts(r.accounts));
      }
      const server = await buildHttp(app, config);
      const stop = async () => {
        await server.close();
        await app.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      await server.listen({ port: config.port, host: config.host });
      // Every server runs the job runner; app.close() (on SIGINT/SIGTERM) stops it.
      app.jobs.start();
      const addr = server.server.address();
      const port = typeof addr === 'object' && addr ? addr.port : config.port;
      const shown = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
      console.log(`Sandstone ${VERSION} is serving on http://${shown}:${port}  (database: ${app.database.dialect}, ${app.database.location})`);
      console.log(`  web app   http://${shown}:${port}/`);
      console.log(`  API docs  http://${shown}:${port}/api/docs`);
      console.log('  Log in with an account made by `sandstone demo` (printed on first start) or `sandstone user add`.');
    });

  program
    .command('migrate')
    .description('bring the database schema up to date (serve does this too)')
    .action(async (_opts, cmd: Command) => {
      const config = configFrom(cmd);
      const app = await openApp({ databaseUrl: config.databaseUrl, dbPath: config.dbPath, readCacheBytes: config.readCacheMB * 1024 * 1024 });
      console.log(`Database is up to date (${app.database.dialect}, ${app.database.location}).`);
      await app.close();
    });

  program
    .command('demo')
    .description('load the Hidden Sand demo world (running it twice changes nothing)')
    .action(async (_opts, cmd: Command) => {
      await host.withContext(cmd, async (ctx) => {
        const r = await loadDemoWorld(ctx);
        console.log(`Demo world: ${r.people} people, ${r.organizations} organizations, ${r.posts} posts, ${r.memberships} memberships, ${r.statutes} statutes` + (r.created || r.accounts.length ? ` (${r.created} records added)` : ' (already loaded; nothing changed)'));
        if (r.accounts.length) console.log(formatDemoAccounts(r.accounts));
      });
    });

  const audit = host.group('audit', 'check the tamper-evident audit log');
  audit
    .command('verify')
    .description('recompute the hash chain; exit 0 when intact, 1 naming the first bad record')
    .option('--checkpoint <seq:hash>', 'also prove the log still holds this head (from `audit checkpoint`), which catches truncation and rewrites')
    .action(async (opts, cmd: Command) => {
      const checkpoint = opts.checkpoint ? parseCheckpoint(opts.checkpoint) : undefined;
      await host.withContext(cmd, async (ctx) => {
        const v = await verifyAuditLog(ctx.db, checkpoint);
        if (v.ok) {
          console.log(`audit log intact: ${v.records} records, head ${formatCheckpoint(v.head)}${checkpoint ? `; contains checkpoint ${checkpoint.seq}` : ' (no checkpoint given: truncation at the end cannot be seen)'}`);
          return;
        }
        console.error(`audit log TAMPERED at record ${v.problem!.seq} (${v.problem!.kind}): ${v.problem!.message}`);
        process.exitCode = 1;
      }, { readOnly: true });
    });
  audit
    .command('checkpoint')
    .description('print the current head (sequence:hash) to keep somewhere the database cannot reach')
    .action(async (_opts, cmd: Command) => {
      await host.withContext(cmd, async (ctx) => {
        console.log(formatCheckpoint(await auditHead(ctx.db)));
      }, { readOnly: true });
    });

  for (const m of MODULES) m.cli?.(program, host);
  return program;
}

export async function runCli(argv: string[], io: { input?: string } = {}): Promise<number> {
  const program = buildProgram(io);
  // Every command, not only the root: a subcommand's --help or usage error then ends here with its
  // exit code instead of calling process.exit (which would end a test running the command in process).
  const returnInsteadOfExit = (c: Command) => { c.exitOverride(); c.commands.forEach(returnInsteadOfExit); };
  returnInsteadOfExit(program);
  try {
    await program.parseAsync(argv);
    return Number(process.exitCode ?? 0);
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode;
    if (isAppError(e)) {
      console.error(`error: ${e.message}`);
      for (const d of e.details.slice(0, 10)) console.error(`  ${d.path ? d.path + ': ' : ''}${d.message}`);
    } else {
      console.error(`error: ${(e as Error).message ?? e}`);
    }
    return 1;
  }
}
