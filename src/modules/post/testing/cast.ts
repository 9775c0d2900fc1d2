// The people of a post test: each a registry person with an account at a clearance, and the
// context that acts as them. Shared by the post tests (each kept its own copy before).
import { withActor, type Actor, type AppContext } from '../../../kernel/context.ts';
import { createAccount } from '../../../kernel/auth/accounts.ts';
import type { Label } from '../../../kernel/auth/labels.ts';
import { createPerson } from '../../registry/index.ts';

const PASSWORD = 'correct horse battery staple 7';

/** Adds `key` (its person id to `id`, its acting context to `who`); the person is public unless `personLabel` says otherwise. */
export async function castPerson(op: AppContext, who: Record<string, AppContext>, id: Record<string, string>, key: string, role: Actor['role'], level: Label['classification'], compartments: string[] = [], personLabel?: Label): Promise<void> {
  const p = await createPerson(op, { givenName: key[0]!.toUpperCase() + key.slice(1), rank: 'jounin', ...(personLabel ? { classification: personLabel.classification, compartments: [...personLabel.compartments] } : {}) });
  id[key] = p.id;
  await createAccount(op, { username: key, personId: p.id, displayName: key, role: role!, clearance: level, compartments, password: PASSWORD });
  who[key] = withActor(op, { kind: 'user', role, username: key, personId: p.id, clearance: { level, compartments } });
}
