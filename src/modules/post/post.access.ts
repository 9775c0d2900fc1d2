// Hawk post in the access matrix: per label, a message from the console to a recipient cleared for
// everything (so no subject of the matrix is its sender or recipient), waiting at the aviary. Its
// reads and answers are private (404 to every stranger after the policy); the aviary board lists
// it by label; sending is checked against the sender's clearance and names a labelled person.
import type { AccessRow, ModuleAccess } from '../../kernel/testing/access.ts';
import type { Label } from '../../kernel/auth/labels.ts';
import { createAccount } from '../../kernel/auth/accounts.ts';
import { createPerson, createVillage } from '../registry/index.ts';
import { saveDraft, sendMessage } from './index.ts';

let recipient = '';
const labelled = (l: Label) => ({ classification: l.classification as any, compartments: [...l.compartments] });
const ROUTES = { routes: [{ from: 'post-matrix-a', to: 'post-matrix-b', distanceKm: 100, hawkKmh: 50 }] };

const answer = (path: string): AccessRow => ({
  action: 'post.read', kind: 'private', request: async (f) => ({ method: 'POST', url: `/api/post/deliveries/${f.ids.postDelivery}/${path}` }),
});

export const access: ModuleAccess = {
  async setup(op) {
    recipient = (await createPerson(op, { givenName: 'Matrix', familyName: 'Addressee', rank: 'jounin' })).id;
    await createAccount(op, { username: 'post-matrix-addressee', personId: recipient, displayName: 'Matrix addressee', role: 'jounin', clearance: 'top_secret', compartments: ['ANBU', 'BREACH'], password: 'matrix hawk feathers 42' });
    for (const code of ['post-matrix-a', 'post-matrix-b']) await createVillage(op, { code, name: code, land: 'Matrix', leaderTitle: 'head' });
  },
  async fixture(op, label, n) {
    const m = await sendMessage(op, { to: [{ person: recipient }], subject: `Matrix letter ${n}`, body: 'For the addressee only.', ...labelled(label) });
    // A draft of the console's: its author's alone, so every subject of the matrix is a stranger to it.
    const d = await saveDraft(op, { to: [{ person: recipient }], subject: `Matrix draft ${n}`, ...labelled(label) });
    return { postMessage: m.id, postMessageCode: m.code, postDelivery: m.deliveries[0]!.id, postDraft: d.id };
  },
  routes: {
    'POST /api/post/messages': {
      action: 'post.send', kind: 'create',
      request: async (f) => ({ method: 'POST', url: '/api/post/messages', payload: { to: [{ person: recipient }], subject: 'Matrix send', ...labelled(f.label) } }),
    },
    'POST /api/post/messages [a labelled recipient]': {
      action: 'post.send', kind: 'reference', target: 'person',
      request: async (f) => ({ method: 'POST', url: '/api/post/messages', payload: { to: [{ person: f.ids.person }], subject: 'Matrix send to a labelled person' } }),
    },
    'GET /api/post/messages/{id}': { action: 'post.read', kind: 'private', request: async (f) => ({ method: 'GET', url: `/api/post/messages/${f.ids.postMessage}` }) },
    'GET /api/post/messages/{id} [by code]': { action: 'post.read', kind: 'private', request: async (f) => ({ method: 'GET', url: `/api/post/messages/${f.ids.postMessageCode}` }) },
    'GET /api/post/drafts': { action: 'post.read', kind: 'plain', request: async () => ({ method: 'GET', url: '/api/post/drafts' }) },
    'POST /api/post/drafts': {
      action: 'post.send', kind: 'create',
      request: async (f) => ({ method: 'POST', url: '/api/post/drafts', payload: { subject: 'Matrix draft, no one addressed yet', ...labelled(f.label) } }),
    },
    'GET /api/post/drafts/{id}': { action: 'post.read', kind: 'private', request: async (f) => ({ method: 'GET', url: `/api/post/drafts/${f.ids.postDraft}` }) },
    'PUT /api/post/drafts/{id}': { action: 'post.send', kind: 'private', request: async (f) => ({ method: 'PUT', url: `/api/post/drafts/${f.ids.postDraft}`, payload: { subject: 'Matrix rewrite', ...labelled(f.label) } }) },
    'DELETE /api/post/drafts/{id}': { action: 'post.send', kind: 'private', request: async (f) => ({ method: 'DELETE', url: `/api/post/drafts/${f.ids.postDraft}` }) },
    'POST /api/post/drafts/{id}/send': { action: 'post.send', kind: 'private', request: async (f) => ({ method: 'POST', url: `/api/post/drafts/${f.ids.postDraft}/send` }) },
    'GET /api/post/pigeon-hole': { action: 'post.read', kind: 'plain', request: async () => ({ method: 'GET', url: '/api/post/pigeon-hole' }) },
    // One's own sent post (the matrix's subjects sent none of the fixtures): plain, like the pigeon hole.
    'GET /api/post/sent': { action: 'post.read', kind: 'plain', request: async () => ({ method: 'GET', url: '/api/post/sent' }) },
    'POST /api/post/deliveries/{id}/read': answer('read'),
    'POST /api/post/deliveries/{id}/acknowledge': answer('acknowledge'),
    'POST /api/post/deliveries/{id}/action': answer('action'),
    'GET /api/post/aviary': {
      action: 'post.aviary', kind: 'read-list', request: async () => ({ method: 'GET', url: '/api/post/aviary' }),
      contains: (b, f) => [...b.waiting, ...b.inFlight, ...b.arrived].some((h: any) => h.code === f.ids.postMessageCode),
    },
    'GET /api/post/routes': { action: 'post.read', kind: 'plain', request: async () => ({ method: 'GET', url: '/api/post/routes' }) },
    'PUT /api/post/routes': { action: 'post.routes.manage', kind: 'plain', request: async () => ({ method: 'PUT', url: '/api/post/routes', payload: ROUTES }) },
  },
};
