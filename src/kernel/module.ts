// The contract a domain module fulfils to slot into the kernel: schema, routes, CLI, policy, timed work.
import type { FastifyInstance } from 'fastify';
import type { Migration } from 'kysely';
import type { Command } from 'commander';
import type { AppContext } from './context.ts';
import type { PolicyRow } from './auth/policy.ts';
import type { ReferenceKind } from './references.ts';
import type { JobKind } from './jobs/job.ts';

export interface CliHost {
  /**
   * Opens the database from the global flags, runs fn, closes it; failures exit non-zero.
   * `readOnly`: the command only reads, so a SQLite file that does not exist is a mistyped path,
   * refused by name, instead of a new empty database (and its folders) that reads as "nothing there".
   */
  withContext<T>(cmd: Command, fn: (ctx: AppContext) => Promise<T>, opts?: { readOnly?: boolean }): Promise<T>;
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
  /**
   * The kinds of record other modules may name (a bill's sponsor is a registry.person), keyed by
   * kind: how to find one by id or code, its labels and what others show of it. Other modules
   * resolve and show them only through kernel/references.ts, never by reading these tables.
   */
  references?: Readonly<Record<string, ReferenceKind>>;
  /** The module's kinds of timed work, keyed `<module>.<what>`; every server's runner runs them (kernel/jobs). */
  jobs?: Record<string, JobKind>;
}
