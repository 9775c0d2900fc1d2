// Search and rescue in the access matrix: an operation per label (its subject a public person), and
// a public operation whose sighting was reported by the fixture's labelled person, to try the
// routes on: reads by id and code, the map and a cell's ledger, opening, reports and closing, and
// the people a write names (the subject, a reporter) that the writer may not see.
import { keptUntilUsed, type AccessRow, type ModuleAccess } from '../../kernel/testing/access.ts';
import type { Label } from '../../kernel/auth/labels.ts';
import type { AppContext } from '../../kernel/context.ts';
import { createPerson } from '../registry/index.ts';
import { addSighting, openOperation } from './index.ts';
import { teamsAccessFixture, teamsAccessRows, teamsAccessSetup } from './sar-teams.access-rows.ts';

const labelled = (l: Label) => ({ classification: l.classification as any, compartments: [...l.compartments] });
let subject = '';
const LKP = { x: 0, y: 0, at: '2026-11-24T15:00:00Z' };
// 20 × 20 km at 0.5 km: small, so that the map of every fixture is quick to replay.
const AREA = { minX: -10, minY: -10, maxX: 10, maxY: 10, cellKm: 0.5 };

const open = (op: AppContext, label: Label, title: string) =>
  openOperation(op, { subject, lastKnown: LKP, profile: 'shinobiOnFoot', area: AREA, title, ...labelled(label) });

const toClose = keptUntilUsed((op, label) => open(op, label, 'Matrix search to close.'),
  async (op, o) => (await op.db.selectFrom('sar_operation').select('status').where('id', '=', o.id).executeTakeFirst())?.status === 'active');

const read = (url: (ids: Record<string, string>) => string): AccessRow => ({
  action: 'sar.read', kind: 'read-one', request: async (f) => ({ method: 'GET', url: url(f.ids) }),
});
const report = (path: string, payload: object): AccessRow => ({
  action: 'sar.report', kind: 'write-existing', request: async (f) => ({ method: 'POST', url: `/api/sar/operations/${f.ids.sarOperation}/${path}`, payload }),
});

export const access: ModuleAccess = {
  async setup(op) {
    subject = (await createPerson(op, { givenName: 'Matrix', familyName: 'Missing', rank: 'genin' })).id;
    await teamsAccessSetup(op);
  },
  async fixture(op, label, n, before) {
    const o = await open(op, label, `Matrix search ${n}.`);
    // A public operation whose sighting names the fixture's person as its reporter (registry's fixture comes first).
    const pub = await open(op, { classification: 'public', compartments: [] }, `Matrix public search ${n}.`);
    if (before.person) {
      await addSighting(op, pub.id, { kind: 'position', at: '2026-11-24T16:00:00Z', x: 1, y: 1, radiusKm: 1, hitProbability: 0.8, falseAlarm: 0.05, reporter: before.person });
    }
    return { sarOperation: o.id, sarOperationCode: o.code, sarOperationTitle: `Matrix search ${n}.`, sarPublicOperation: pub.id, ...await teamsAccessFixture(op, label, n, o.id) };
  },
  routes: {
    'GET /api/sar/land': { action: 'sar.read', kind: 'plain', request: async () => ({ method: 'GET', url: '/api/sar/land' }) },
    'GET /api/sar/operations': {
      action: 'sar.read', kind: 'read-list', request: async () => ({ method: 'GET', url: '/api/sar/operations' }),
      contains: (b, f) => b.items.some((o: any) => o.id === f.ids.sarOperation),
    },
    'GET /api/sar/operations [active]': {
      action: 'sar.read', kind: 'read-list', request: async () => ({ method: 'GET', url: '/api/sar/operations?status=active' }),
      contains: (b, f) => b.items.some((o: any) => o.id === f.ids.sarOperation),
    },
    'POST /api/sar/operations': {
      action: 'sar.operation.open', kind: 'create',
      request: async (f) => ({ method: 'POST', url: '/api/sar/operations', payload: { subject, lastKnown: LKP, profile: 'shinobiOnFoot', area: AREA, ...labelled(f.label) } }),
    },
    'POST /api/sar/operations [a labelled subject]': {
      action: 'sar.operation.open', kind: 'reference', target: 'person',
      request: async (f) => ({ method: 'POST', url: '/api/sar/operations', payload: { subject: f.ids.person, lastKnown: LKP, profile: 'shinobiOnFoot', area: AREA } }),
    },
    'GET /api/sar/operations/{id}': read((ids) => `/api/sar/operations/${ids.sarOperation}`),
    'GET /api/sar/operations/{id} [by code]': read((ids) => `/api/sar/operations/${ids.sarOperationCode}`),
    'GET /api/sar/operations/{id} [a reporter withheld]': {
      action: 'sar.read', kind: 'withheld', hidden: ['person', 'personName'], marker: false,
      request: async (f) => ({ method: 'GET', url: `/api/sar/operations/${f.ids.sarPublicOperation}` }),
    },
    'GET /api/sar/operations/{id}/map': read((ids) => `/api/sar/operations/${ids.sarOperation}/map?at=2026-11-24T18:00:00Z`),
    'GET /api/sar/operations/{id}/plan': read((ids) => `/api/sar/operations/${ids.sarOperation}/plan?hours=2&segmentKm=2&at=2026-11-24T18:00:00Z`),
    'GET /api/sar/operations/{id}/cells': read((ids) => `/api/sar/operations/${ids.sarOperation}/cells?x=0.3&y=0.3&at=2026-11-24T18:00:00Z`),
    'POST /api/sar/operations/{id}/close': {
      // Closing ends an operation: an active one of the fixture's label, kept until a request closes it.
      action: 'sar.operation.close', kind: 'write-existing',
      request: async (f, _fresh, op) => ({ method: 'POST', url: `/api/sar/operations/${(await toClose(op, f.label)).id}/close`, payload: { outcome: 'called_off', at: '2026-11-25T06:00:00Z', note: 'matrix' } }),
    },
    'POST /api/sar/operations/{id}/sensor-posts': report('sensor-posts', { name: 'Matrix post', x: -5, y: 0, rangeKm: 5, hitProbability: 0.8, falseAlarm: 0.02 }),
    'POST /api/sar/operations/{id}/sightings': report('sightings', { kind: 'position', at: '2026-11-24T17:00:00Z', x: -2, y: 0, radiusKm: 1, hitProbability: 0.8, falseAlarm: 0.05 }),
    'POST /api/sar/operations/{id}/sightings [a labelled reporter]': {
      action: 'sar.report', kind: 'reference', target: 'person',
      // On the fixture's public operation, so that only the reporter's label is in question.
      request: async (f) => ({ method: 'POST', url: `/api/sar/operations/${f.ids.sarPublicOperation}/sightings`, payload: { kind: 'position', at: '2026-11-24T17:00:00Z', x: -2, y: 0, radiusKm: 1, hitProbability: 0.8, falseAlarm: 0.05, reporter: f.ids.person } }),
    },
    'POST /api/sar/operations/{id}/hazards': report('hazards', { at: '2026-11-24T17:00:00Z', x: -5, y: -5, radiusKm: 1, kind: 'scorpion', note: 'matrix' }),
    ...teamsAccessRows,
  },
};
