// The contract a domain module fulfils to slot into the kernel: schema, routes, CLI, policy, timed work.
import type { FastifyInstance } from 'fastify';
import type { Migration } from 'kysely';
import type { Command } from 'commander';
import type { AppContext } from './context.ts';
import type { PolicyRow } from './auth/policy.ts';
import type { ReferenceKind } from './references.ts';
import type { JobKind } from './jobs/job.ts';
import type { AppError } from './errors.ts';

export interface CliHost {
  /**
   * Opens the database from the global flags, runs fn, closes it; failures exit non-zero.
   * `readOnly`: the command only reads, so a SQLite file that does not exist is a mistyped path,
   * refused by name, instead of a new empty database (and its folders) that reads as "nothing there".
   */
  withContext<T>(cmd: Command, fn: (ctx: AppContext) => Promise<T>, opts?: { readOnly?: boolean }): Promise<T>;
  /** A shared parent command such as `import` or `export`, created on first use. */
  group(name: string, description: string): Command;
  /**
   * Everything piped to the command (a password, a message body, a problem to solve), read to the
   * end. Read through the host, not from file descriptor 0, so that tests may run a command inside
   * their own process and give it its input.
   */
  standardInput(): string;
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
  /**
   * How a decision on the desk acts on this module's records, by desk item kind (`<module>.<what>`,
   * e.g. legislature.bill.sign): the desk calls the owner's own service, so the module's rules
   * (and its audit) hold whoever decides.
   */
  deskDecisions?: Record<string, DeskDecisionKind>;
}

/** A decision taken on a desk item, as the module that raised it receives it. */
export interface DeskDecision {
  decision: 'approve' | 'deny';
  /** Deny always has grounds; approve may. */
  grounds: string | null;
  item: { id: string; kind: string; title: string; record: { kind: string; id: string }; detail: Record<string, unknown> };
  /**
   * Set when someone other than the item's authority decides it: an acting official under a
   * delegation (its id), or the person a single item was delegated to (delegation null).
   */
  actingFor: { person: string; delegation: string | null } | null;
}

/**
 * One kind of desk item's effect on its record. Called inside the desk's transaction, with a
 * context acting as the decider with the authority's role (authority passes, clearance does not):
 * a refusal thrown here undoes the decision.
 */
export interface DeskDecisionKind {
  /**
   * Why this decider may not approve or deny the item under the module's own rules (the error to
   * answer with), or null. Pure, from the item and who decides: the desk asks it both when it shows
   * the item (mayDecide) and before it calls approve or deny, so the two never disagree.
   */
  refusal?(d: Pick<DeskDecision, 'item' | 'actingFor'>): AppError | null;
  /**
   * Only the person it is addressed to decides it, in person (a receipt only its receiver can
   * give): the desk then refuses to pass it on, and an acting official may not defer it either.
   */
  inPerson?: { why: string };
  approve(ctx: AppContext, d: DeskDecision): Promise<void>;
  deny(ctx: AppContext, d: DeskDecision): Promise<void>;
}

/** Every module's desk decision kinds, checked like job kinds: named `<module>.<what>`, none twice. */
export function collectDeskDecisions(modules: readonly Pick<SandstoneModule, 'name' | 'deskDecisions'>[]): Map<string, DeskDecisionKind> {
  const kinds = new Map<string, DeskDecisionKind>();
  for (const m of modules) {
    for (const [kind, k] of Object.entries(m.deskDecisions ?? {})) {
      if (!kind.startsWith(`${m.name}.`)) throw new Error(`Desk item kind ${kind} of module ${m.name} must start with "${m.name}."`);
      if (kinds.has(kind)) throw new Error(`Two desk item kinds named ${kind}`);
      kinds.set(kind, k);
    }
  }
  return kinds;
}
