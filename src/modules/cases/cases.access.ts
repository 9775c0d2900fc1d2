// Cases in the access matrix: per label, a case under investigation with a task and an item of
// evidence (collected by a public person), and a draft inter-village request. Writes that move a
// record on pick the step its present state allows (a case swings between investigating and
// pending review; a request at legal review is replaced by a new draft), so each succeeds for
// every subject the policy lets through.
import type { AccessRow, ModuleAccess } from '../../kernel/testing/access.ts';
import type { AppContext } from '../../kernel/context.ts';
import type { Label } from '../../kernel/auth/labels.ts';
import { createPerson, createVillage } from '../registry/index.ts';
import { HOME_VILLAGE } from '../post/index.ts';
import { addEvidence, addTask, draftRequest, openCase, stepRequest, transferEvidence, transitionCase } from './index.ts';
// Testimony is dated from the case's opening to today, on the server's clock (the fixture opened the case by it).
import { villageDay } from '../../kernel/village-time.ts';

const people: string[] = [];
let sought = '';
let minute = 0;
const labelled = (l: Label) => ({ classification: l.classification as any, compartments: [...l.compartments] });
// Suna is one of every request's two villages (the registry's access setup adds it, before ours).
const VILLAGES = [HOME_VILLAGE, 'cases-matrix-b'];
const enc = encodeURIComponent;

async function request(op: AppContext, label: Label, n: number | string) {
  return draftRequest(op, { kind: 'extradition', requestingVillage: VILLAGES[0]!, requestedVillage: VILLAGES[1]!, persons: [sought], basis: `Matrix request ${n}`, ...labelled(label) });
}

const write = (path: string, body: (f: any, op: AppContext) => Promise<object> | object, action = 'cases.write'): AccessRow => ({
  action, kind: 'write-existing',
  request: async (f, _fresh, op) => ({ method: 'POST', url: `/api/cases/cases/${f.ids.casesCaseCode}/${path}`, payload: await body(f, op) }),
});

export const access: ModuleAccess = {
  async setup(op) {
    // Module state lives across the databases the matrix runs on: each starts afresh.
    people.length = 0;
    await createVillage(op, { code: VILLAGES[1]!, name: VILLAGES[1]! });
    for (const name of ['Matrix holder A', 'Matrix holder B']) people.push((await createPerson(op, { givenName: name, rank: 'chuunin' })).id);
    sought = (await createPerson(op, { givenName: 'Matrix sought', rank: 'jounin' })).id;
  },
  async fixture(op, label, n) {
    const c = await openCase(op, { kind: 'investigation', title: `Matrix case ${n}`, ...labelled(label) });
    for (const t of ['open', 'investigate'] as const) await transitionCase(op, c.id, { transition: t });
    const withTask = await addTask(op, c.id, { title: 'Matrix task' });
    const item = await addEvidence(op, c.id, { description: `Matrix item ${n}`, condition: 'sealed', collectedBy: people[0]!, collectedAt: '2026-01-01T00:00:00Z', collectedWhere: 'the matrix' });
    // Another item, released by its holder to the other matrix person: a receipt none of the subjects may confirm, decline or withdraw.
    const released = await addEvidence(op, c.id, { description: `Matrix item ${n}, released`, condition: 'sealed', collectedBy: people[0]!, collectedAt: '2026-01-01T00:00:00Z', collectedWhere: 'the matrix' });
    await transferEvidence(op, released.id, { releasedBy: people[0]!, receivedBy: people[1]!, at: '2026-01-02T00:00:00Z', purpose: 'matrix', condition: 'sealed', sealIntact: true });
    const r = await request(op, label, n);
    return { casesCase: c.id, casesCaseCode: c.code, casesTask: withTask.tasks[0]!.id, casesEvidence: item.id, casesEvidenceCode: item.code, casesReleased: released.id, casesReleasedCode: released.code, casesRequest: r.id, casesRequestCode: r.code };
  },
  routes: {
    'GET /api/cases/cases': {
      action: 'cases.read', kind: 'read-list', request: async () => ({ method: 'GET', url: '/api/cases/cases?limit=500' }),
      contains: (b, f) => b.items.some((c: any) => c.code === f.ids.casesCaseCode),
    },
    'POST /api/cases/cases': { action: 'cases.write', kind: 'create', request: async (f) => ({ method: 'POST', url: '/api/cases/cases', payload: { kind: 'inquest', title: 'Matrix inquest', ...labelled(f.label) } }) },
    'POST /api/cases/cases [a labelled party]': {
      action: 'cases.write', kind: 'reference', target: 'person',
      request: async (f) => ({ method: 'POST', url: '/api/cases/cases', payload: { kind: 'inquest', title: 'Matrix inquest with a party', parties: [{ person: f.ids.person, role: 'witness' }] } }),
    },
    'GET /api/cases/cases/{ref}': { action: 'cases.read', kind: 'read-one', request: async (f) => ({ method: 'GET', url: `/api/cases/cases/${f.ids.casesCase}` }) },
    'GET /api/cases/cases/{ref} [by code]': { action: 'cases.read', kind: 'read-one', request: async (f) => ({ method: 'GET', url: `/api/cases/cases/${f.ids.casesCaseCode}` }) },
    'GET /api/cases/cases/{ref}/evidence': { action: 'cases.read', kind: 'read-one', request: async (f) => ({ method: 'GET', url: `/api/cases/cases/${f.ids.casesCase}/evidence` }) },
    'GET /api/cases/cases/{ref}/evidence [by code, a page]': { action: 'cases.read', kind: 'read-one', request: async (f) => ({ method: 'GET', url: `/api/cases/cases/${f.ids.casesCaseCode}/evidence?limit=1&offset=0` }) },
    'POST /api/cases/cases/{ref}/transitions': write('transitions', async (f, op) => {
      const state = (await op.db.selectFrom('cases_case').select('state').where('id', '=', f.ids.casesCase).executeTakeFirstOrThrow()).state;
      return { transition: state === 'investigating' ? 'submit_for_review' : 'return_to_investigation' };
    }),
    'POST /api/cases/cases/{ref}/parties': write('parties', async (_f, op) => ({ person: (await createPerson(op, { givenName: `Matrix party ${++minute}`, rank: 'genin' })).id, role: 'witness' })),
    'POST /api/cases/cases/{ref}/links': write('links', async (_f, op) => ({ kind: 'registry.person', ref: (await createPerson(op, { givenName: `Matrix link ${++minute}`, rank: 'genin' })).id })),
    'POST /api/cases/cases/{ref}/tasks': write('tasks', () => ({ title: 'Another matrix task' })),
    'POST /api/cases/cases/{ref}/tasks/{task}/done': {
      action: 'cases.write', kind: 'write-existing', request: async (f) => ({ method: 'POST', url: `/api/cases/cases/${f.ids.casesCaseCode}/tasks/${f.ids.casesTask}/done` }),
    },
    'POST /api/cases/cases/{ref}/entries': write('entries', (_f, op) => ({ kind: 'testimony', on: villageDay(op.now()), text: 'Matrix testimony.' })),
    'POST /api/cases/cases/{ref}/evidence': write('evidence', () => ({ description: 'Another matrix item', condition: 'bagged', collectedBy: people[0], collectedAt: '2026-01-01T00:00:00Z', collectedWhere: 'the matrix' })),
    'GET /api/cases/evidence/{ref}': { action: 'cases.read', kind: 'read-one', request: async (f) => ({ method: 'GET', url: `/api/cases/evidence/${enc(f.ids.casesEvidenceCode!)}` }) },
    'GET /api/cases/evidence/{ref}/custody-report': { action: 'cases.read', kind: 'read-one', request: async (f) => ({ method: 'GET', url: `/api/cases/evidence/${f.ids.casesEvidence}/custody-report` }) },
    'POST /api/cases/evidence/{ref}/transfers': {
      // Only the holder releases, in their own name: naming the holder (a matrix person) as the
      // releaser is refused to every subject, none of whom holds the item.
      action: 'cases.custody', kind: 'holder',
      request: async (f, _fresh, op) => {
        const holder = (await op.db.selectFrom('cases_evidence').select('custodian_id').where('id', '=', f.ids.casesEvidence).executeTakeFirstOrThrow()).custodian_id;
        const at = new Date(Date.parse('2026-02-01T00:00:00Z') + ++minute * 60_000).toISOString();
        return { method: 'POST', url: `/api/cases/evidence/${f.ids.casesEvidence}/transfers`, payload: { releasedBy: holder, receivedBy: people.find((p) => p !== holder), at, purpose: 'matrix', condition: 'sealed', sealIntact: true, receiverConfirmed: true } };
      },
    },
    // Only the receiver confirms or declines, only the releaser withdraws, each in person: no subject is either.
    'POST /api/cases/evidence/{ref}/receipt': { action: 'cases.custody', kind: 'holder', request: async (f) => ({ method: 'POST', url: `/api/cases/evidence/${f.ids.casesReleased}/receipt`, payload: { condition: 'sealed', sealIntact: true } }) },
    'POST /api/cases/evidence/{ref}/decline': { action: 'cases.custody', kind: 'holder', request: async (f) => ({ method: 'POST', url: `/api/cases/evidence/${enc(f.ids.casesReleasedCode!)}/decline`, payload: { reason: 'matrix' } }) },
    'POST /api/cases/evidence/{ref}/withdraw': { action: 'cases.custody', kind: 'holder', request: async (f) => ({ method: 'POST', url: `/api/cases/evidence/${f.ids.casesReleased}/withdraw`, payload: { reason: 'matrix' } }) },
    'POST /api/cases/evidence/{ref}/disposition': { action: 'cases.write', kind: 'write-existing', request: async (f) => ({ method: 'POST', url: `/api/cases/evidence/${f.ids.casesEvidence}/disposition`, payload: { disposition: 'retained_as_record' } }) },
    'GET /api/cases/requests': {
      action: 'cases.read', kind: 'read-list', request: async () => ({ method: 'GET', url: '/api/cases/requests?limit=500' }),
      contains: (b, f) => b.items.some((r: any) => r.code === f.ids.casesRequestCode),
    },
    'POST /api/cases/requests': {
      action: 'cases.write', kind: 'create',
      request: async (f) => ({ method: 'POST', url: '/api/cases/requests', payload: { kind: 'prisoner_transfer', requestingVillage: VILLAGES[1], requestedVillage: VILLAGES[0], persons: [sought], basis: 'Matrix transfer', ...labelled(f.label) } }),
    },
    'POST /api/cases/requests [a labelled person sought]': {
      action: 'cases.write', kind: 'reference', target: 'person',
      request: async (f) => ({ method: 'POST', url: '/api/cases/requests', payload: { kind: 'extradition', requestingVillage: VILLAGES[0], requestedVillage: VILLAGES[1], persons: [f.ids.person], basis: 'Matrix extradition' } }),
    },
    'GET /api/cases/requests/{ref}': { action: 'cases.read', kind: 'read-one', request: async (f) => ({ method: 'GET', url: `/api/cases/requests/${f.ids.casesRequestCode}` }) },
    'POST /api/cases/requests/{ref}/steps': {
      action: 'cases.write', kind: 'write-existing',
      request: async (f, _fresh, op) => {
        const state = (await op.db.selectFrom('cases_request').select('state').where('id', '=', f.ids.casesRequest).executeTakeFirstOrThrow()).state;
        const next = { draft: 'transmit', transmitted: 'acknowledge', acknowledged: 'begin_legal_review' }[state as string];
        if (next) return { method: 'POST', url: `/api/cases/requests/${f.ids.casesRequest}/steps`, payload: { transition: next } };
        // At legal review only the decision is left: start again from a new draft of the same label.
        const again = await request(op, f.label, `${f.ids.casesRequestCode} again`);
        f.ids.casesRequest = again.id;
        return { method: 'POST', url: `/api/cases/requests/${again.id}/steps`, payload: { transition: 'transmit' } };
      },
    },
    'POST /api/cases/requests/{ref}/steps [the decision]': {
      action: 'cases.request.decide', kind: 'write-existing',
      request: async (f, _fresh, op) => {
        // A request at legal review of the fixture's label, kept until a decision uses it up.
        const open = f.ids.casesDecide && (await op.db.selectFrom('cases_request').select('state').where('id', '=', f.ids.casesDecide).executeTakeFirst())?.state === 'legal_review';
        if (!open) {
          const r = await request(op, f.label, `${f.ids.casesRequestCode} to decide ${++minute}`);
          for (const t of ['transmit', 'acknowledge', 'begin_legal_review'] as const) await stepRequest(op, r.id, { transition: t });
          f.ids.casesDecide = r.id;
        }
        return { method: 'POST', url: `/api/cases/requests/${f.ids.casesDecide}/steps`, payload: { transition: 'deny', grounds: ['insufficient_evidence'] } };
      },
    },
  },
};
