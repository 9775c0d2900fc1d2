// The audit viewer in the access matrix. Its records are the registry fixtures' own audit trail:
// the creation of each fixture person is audited with that person's label. Each fixture also
// gets a public audit record whose actor (and principal) is the fixture's person, as when a
// hidden officer does something public: the record is for every auditor, the person is not.
import type { ModuleAccess } from '../../kernel/testing/access.ts';
import { transact } from '../../kernel/context.ts';

export const access: ModuleAccess = {
  fixture: async (op, _label, n, before) => {
    const objectId = `matrix-act-${n}`;
    await transact({ ...op, actor: { kind: 'system', username: 'matrix', personId: before.person, onBehalfOf: before.person } },
      async (tx) => tx.audit({ action: 'security.matrix.act', objectType: 'matrix', objectId }));
    return { publicAct: objectId };
  },
  routes: {
    'GET /api/security/audit': {
      action: 'audit.read', kind: 'read-list',
      request: async (f) => ({ method: 'GET', url: `/api/security/audit?objectId=${f.ids.person}&action=registry.person.create` }),
      contains: (b) => b.items.length === 1,
    },
    'GET /api/security/audit [filtered by a person]': {
      action: 'audit.read', kind: 'filter', target: 'person',
      request: async (f) => ({ method: 'GET', url: `/api/security/audit?person=${f.ids.person}` }),
    },
    'GET /api/security/audit [acting person withheld]': {
      action: 'audit.read', kind: 'withheld', hidden: ['person'], marker: true,
      request: async (f) => ({ method: 'GET', url: `/api/security/audit?objectId=${f.ids.publicAct}` }),
    },
  },
};
