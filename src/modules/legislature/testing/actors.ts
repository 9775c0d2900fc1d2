// The people of a statute book test, each the context that acts as them: a reader at a clearance,
// the clerk, and a visitor who is not signed in. Shared by the statute tests (each kept its own copy before).
import { withActor, type AppContext } from '../../../kernel/context.ts';
import type { Label } from '../../../kernel/auth/labels.ts';

/** A genin cleared to `level` and `compartments`, named after them (so each clearance reads as its own person). */
export const reader = (ctx: AppContext, level: Label['classification'], compartments: string[] = []) =>
  withActor(ctx, { kind: 'user', username: `reader-${level}-${compartments.join('-')}`, role: 'genin', clearance: { level, compartments } });

/** The clerk who writes the statute book; cleared for every label the tests use unless told otherwise. */
export const clerk = (ctx: AppContext, level: Label['classification'] = 'top_secret', compartments: string[] = ['ANBU', 'BREACH']) =>
  withActor(ctx, { kind: 'user', username: 'clerk', role: 'clerk', clearance: { level, compartments } });

/** Someone reading the public statute book without an account. */
export const visitor = (ctx: AppContext) => withActor(ctx, { kind: 'anonymous', role: 'public', clearance: { level: 'public', compartments: [] } });
