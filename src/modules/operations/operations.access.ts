// The jobs API in the access matrix: one far-future job per label, scheduled as the operator.
import type { ModuleAccess } from '../../kernel/testing/access.ts';
import { transact } from '../../kernel/context.ts';
import { schedule } from '../../kernel/jobs/index.ts';

const KIND = 'operations.matrix-probe';

export const access: ModuleAccess = {
  async fixture(op, label, n) {
    const { id } = await transact(op, (tx) => schedule(tx, KIND, '2099-01-01T00:00:00.000Z', {}, { key: `matrix-${n}`, label: { classification: label.classification, compartments: [...label.compartments] } }));
    return { job: id };
  },
  routes: {
    'GET /api/operations/jobs': { action: 'jobs.read', kind: 'read-list', request: async () => ({ method: 'GET', url: `/api/operations/jobs?kind=${KIND}&limit=500` }), contains: (b, f) => b.items.some((j: any) => j.id === f.ids.job) },
    'GET /api/operations/jobs/{id}': { action: 'jobs.read', kind: 'read-one', request: async (f) => ({ method: 'GET', url: `/api/operations/jobs/${f.ids.job}` }) },
    // Retrying a waiting or cancelled job and cancelling a cancelled one both succeed, so each may be asked again.
    'POST /api/operations/jobs/{id}/retry': { action: 'jobs.manage', kind: 'write-existing', request: async (f) => ({ method: 'POST', url: `/api/operations/jobs/${f.ids.job}/retry` }) },
    'POST /api/operations/jobs/{id}/cancel': { action: 'jobs.manage', kind: 'write-existing', request: async (f) => ({ method: 'POST', url: `/api/operations/jobs/${f.ids.job}/cancel` }) },
  },
};
