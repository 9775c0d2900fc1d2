// The desk in the access matrix: per label, an item on the desk of an official cleared for
// everything (so no subject of the matrix owns it or acts for its owner), and a delegation that
// official granted. Items and delegations are private (404 to every stranger after the policy);
// granting names a labelled person (a reference: hidden = unknown).
import type { AccessRow, ModuleAccess } from '../../kernel/testing/access.ts';
import { createAccount } from '../../kernel/auth/accounts.ts';
import { transact, withActor } from '../../kernel/context.ts';
import { createPerson } from '../registry/index.ts';
import { grantDelegation, raiseDeskItem } from './index.ts';

let owner = '';
let deputy = '';
const PERIOD = { from: '2026-12-06T03:00:00Z', to: '2026-12-20T03:00:00Z' };

const privateRow = (action: string, request: AccessRow['request']): AccessRow => ({ action, kind: 'private', request });

export const access: ModuleAccess = {
  async setup(op) {
    owner = (await createPerson(op, { givenName: 'Matrix', familyName: 'Desk', rank: 'kage' })).id;
    deputy = (await createPerson(op, { givenName: 'Matrix', familyName: 'Deputy', rank: 'jounin' })).id;
    await createAccount(op, { username: 'desk-matrix-owner', personId: owner, displayName: 'Matrix desk', role: 'kazekage', clearance: 'top_secret', compartments: ['ANBU', 'BREACH'], password: 'matrix desk of dunes 42' });
  },
  async fixture(op, label, n) {
    const item = await transact(op, (tx) => raiseDeskItem(tx, {
      owner, kind: 'desk.matrix', title: `Matrix item ${n}`, record: { kind: 'registry.person', id: deputy }, label, suspense: new Date('2026-12-30T00:00:00Z'),
    }));
    const as = withActor(op, { kind: 'user', role: 'kazekage', username: 'desk-matrix-owner', personId: owner, clearance: { level: 'top_secret', compartments: ['ANBU', 'BREACH'] } });
    const d = await grantDelegation(as, { delegate: deputy, ...PERIOD });
    return { deskItem: item, deskDelegation: d.id };
  },
  routes: {
    'GET /api/desk/items': { action: 'desk.read', kind: 'plain', request: async () => ({ method: 'GET', url: '/api/desk/items' }) },
    'GET /api/desk/items/{id}': privateRow('desk.read', async (f) => ({ method: 'GET', url: `/api/desk/items/${f.ids.deskItem}` })),
    'POST /api/desk/items/{id}/decision': privateRow('desk.decide', async (f) => ({ method: 'POST', url: `/api/desk/items/${f.ids.deskItem}/decision`, payload: { decision: 'approve' } })),
    'GET /api/desk/delegations': { action: 'desk.read', kind: 'plain', request: async () => ({ method: 'GET', url: '/api/desk/delegations' }) },
    'POST /api/desk/delegations': {
      action: 'desk.delegate', kind: 'plain',
      request: async () => ({ method: 'POST', url: '/api/desk/delegations', payload: { delegate: deputy, ...PERIOD } }),
    },
    'POST /api/desk/delegations [a labelled delegate]': {
      action: 'desk.delegate', kind: 'reference', target: 'person',
      request: async (f) => ({ method: 'POST', url: '/api/desk/delegations', payload: { delegate: f.ids.person, ...PERIOD } }),
    },
    'POST /api/desk/delegations/{id}/revoke': privateRow('desk.delegate', async (f) => ({ method: 'POST', url: `/api/desk/delegations/${f.ids.deskDelegation}/revoke` })),
    'GET /api/desk/reports/delinquency': { action: 'desk.reports.read', kind: 'plain', request: async () => ({ method: 'GET', url: '/api/desk/reports/delinquency' }) },
  },
};
