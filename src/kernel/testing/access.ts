// How a module takes part in the access matrix (src/kernel/auth/access-matrix.test.ts): a file
// `src/modules/<name>/<name>.access.ts` exporting `access: ModuleAccess` — labelled records to
// try each route on, and a row per route. The matrix finds these files itself, so a new module
// adds its own and changes nothing in the kernel.
import type { AppContext } from '../context.ts';
import type { Label } from '../auth/labels.ts';

/**
 * read-one: 200 if the reader's clearance dominates the label, else 404 (after the policy);
 * read-list: 200, with the record only if it is readable; write-existing: 404 for a record the
 * actor cannot see, then the policy; create: the policy with the label; plain: the policy alone.
 */
export type AccessKind = 'read-one' | 'read-list' | 'write-existing' | 'create' | 'plain';

/** One set of labelled records: every module's ids for it, merged by name (person, org, …). */
export interface AccessFixture {
  label: Label;
  ids: Record<string, string>;
}

export interface AccessRow {
  action: string;
  kind: AccessKind;
  request: (f: AccessFixture, fresh: () => Promise<AccessFixture>, op: AppContext) => Promise<{ method: string; url: string; payload?: object; headers?: Record<string, string> }>;
  /** For lists: is the labelled record in the answer? */
  contains?: (body: any, f: AccessFixture) => boolean;
}

export interface ModuleAccess {
  /** Run once before any fixture (the records fixtures hang off). */
  setup?: (op: AppContext) => Promise<void>;
  /** Records with this label; n is unique per fixture, for names and codes. */
  fixture?: (op: AppContext, label: Label, n: number) => Promise<Record<string, string>>;
  /** One row per route of the module, keyed "METHOD /path/{param}" as in the OpenAPI document. */
  routes: Record<string, AccessRow>;
}
