// Wires the kernel and the modules together: open the database, migrate, start the event bus.
import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { openDatabase, type Database } from './kernel/db/create-db.ts';
import { migrateToLatest } from './kernel/db/migrate.ts';
import { createEventBus } from './kernel/events/event-bus.ts';
import { buildServer } from './kernel/http/build-server.ts';
import type { AppContext, Faults } from './kernel/context.ts';
import type { Config } from './kernel/config.ts';
import { MODULES } from './modules.ts';
import { KERNEL_SCHEMA } from './kernel/schema.ts';
import { ReadCache } from './kernel/db/read-cache.ts';
import { buildPolicy, type Policy, type PolicyRow } from './kernel/auth/policy.ts';
import { referenceCatalogue } from './kernel/references.ts';
import { JobRunner, collectJobKinds, type RunnerOptions } from './kernel/jobs/runner.ts';
import { collectDeskDecisions, type SandstoneModule } from './kernel/module.ts';

export const VERSION: string = JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version;

/** The one policy table: the kernel's rows and every module's. */
export const POLICY_ROWS: readonly PolicyRow[] = [KERNEL_SCHEMA, ...MODULES].flatMap((m) => m.policy ?? []);
export const POLICY: Policy = buildPolicy(POLICY_ROWS);
const REFERENCES = referenceCatalogue(MODULES);

export interface App {
  ctx: AppContext;
  database: Database;
  /** The job runner: `serve` starts its loop; tests call runDue() on a simulated clock. Closing stops it. */
  jobs: JobRunner;
  close(): Promise<void>;
}

/** 32 MiB of kept answers unless configured otherwise (SANDSTONE_READ_CACHE_MB); 0 keeps none. */
const DEFAULT_READ_CACHE_BYTES = 32 * 1024 * 1024;

/**
 * `now` is the one clock: every time the app reads goes through ctx.now (tests pass a simulated
 * one). `modules` defaults to every module; tests add a probe module of their own. `faults`:
 * test-only failure points (see Faults); nothing outside tests passes them.
 */
export async function openApp(opts: { databaseUrl?: string; dbPath?: string; now?: () => Date; migrate?: boolean; readCacheBytes?: number; faults?: Faults; modules?: readonly SandstoneModule[]; jobs?: RunnerOptions }): Promise<App> {
  const modules = [KERNEL_SCHEMA, ...(opts.modules ?? MODULES)];
  const kinds = collectJobKinds(modules);
  const deskDecisions = collectDeskDecisions(modules);
  const database = openDatabase({ databaseUrl: opts.databaseUrl, dbPath: opts.dbPath });
  try {
    if (opts.migrate !== false) await migrateToLatest(database.kysely, modules);
  } catch (e) {
    await database.close();
    throw e;
  }
  const now = opts.now ?? (() => new Date());
  const events = createEventBus(database, now);
  const ctx: AppContext = {
    policy: POLICY,
    references: REFERENCES,
    deskDecisions,
    db: database.kysely,
    dialect: database.dialect,
    database,
    events,
    now,
    actor: { kind: 'system' },
    ...(opts.faults ? { faults: opts.faults } : {}),
  };
  const cacheBytes = opts.readCacheBytes ?? DEFAULT_READ_CACHE_BYTES;
  if (cacheBytes > 0) ctx.readCache = new ReadCache(cacheBytes);
  const jobs = new JobRunner(ctx, kinds, opts.jobs);
  return {
    ctx,
    database,
    jobs,
    async close() {
      await jobs.stop();
      await events.close();
      await database.close();
    },
  };
}

export async function buildHttp(app: App, config: Pick<Config, 'logLevel' | 'webDist' | 'bodyLimitBytes'> & Partial<Pick<Config, 'sessionIdleMinutes' | 'sessionAbsoluteHours' | 'trustProxy'>>, opts: { validateResponses?: boolean } = {}): Promise<FastifyInstance> {
  return buildServer({ ctx: app.ctx, modules: MODULES, config, version: VERSION, validateResponses: opts.validateResponses });
}
