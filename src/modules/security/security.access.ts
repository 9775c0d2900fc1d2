// The audit viewer in the access matrix. Its records are the registry fixtures' own audit trail:
// the creation of each fixture person is audited with that person's label.
import type { ModuleAccess } from '../../kernel/testing/access.ts';

export const access: ModuleAccess = {
  routes: {
    'GET /api/security/audit': {
      action: 'audit.read', kind: 'read-list',
      request: async (f) => ({ method: 'GET', url: `/api/security/audit?objectId=${f.ids.person}&action=registry.person.create` }),
      contains: (b) => b.items.length === 1,
    },
  },
};
