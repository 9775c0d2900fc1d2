// The contract a domain module fulfils to slot into the kernel: schema, routes, CLI, policy, timed work.
import type { FastifyInstance } from 'fastify';
import type { Migration } from 'kysely';
import type { Command } from 'commander';
import type { AppContext } from './context.ts';
import type { PolicyRow } from './auth/policy.ts';
import type { JobKind } from './jobs/job.ts';

export interface CliHost {
  /** Opens the database from the global flags, runs fn, closes it; failures exit non-zero. */
  withContext<T>(cmd: Command, fn: (ctx: AppContext) => Promise<T>): Promise<T>;
  /** A shared parent command such as `import` or `export`, created on first use. */
  group(name: string, description: string): Command;
}

export interface SandstoneModule {
  name: string;
  /** Keyed by `<UTC yyyymmddThhmmss>_<module>_<what>`; the kernel merges and orders them. */
  migrations: Record<string, Migration>;
  /** Registered under /api/<name>. */
  routes?: (app: FastifyInstance) => Promise<void>;
  cli?: (program: Command, host: CliHost) => void;
  /** The module's rows of the policy table: each action and the roles allowed it. */
  policy?: readonly PolicyRow[];
  /** The module's kinds of timed work, keyed `<module>.<what>`; every server's runner runs them (kernel/jobs). */
  jobs?: Record<string, JobKind>;
}
