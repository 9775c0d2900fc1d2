// The registry in the access matrix: a person, an organization, a post and a membership per label.
import type { ModuleAccess } from '../../kernel/testing/access.ts';
import { createMembership, createOrganization, createPerson, createPost, createVillage, getPerson } from './index.ts';

const labelled = (l: { classification: string; compartments: readonly string[] }) => ({ classification: l.classification as any, compartments: [...l.compartments] });
let holder = '';

export const access: ModuleAccess = {
  async setup(op) {
    await createVillage(op, { code: 'suna', name: 'Sunagakure' });
    await createOrganization(op, { code: 'matrix-public', name: 'Matrix public unit', kind: 'unit' });
    holder = (await createPerson(op, { givenName: 'Matrix', familyName: 'Public holder', rank: 'genin' })).id;
  },
  async fixture(op, label, n) {
    const person = await createPerson(op, { givenName: 'Matrix', familyName: `P${n}`, rank: 'genin', ...labelled(label) });
    const org = await createOrganization(op, { code: `matrix-${n}`, name: `Matrix unit ${n}`, kind: 'unit', ...labelled(label) });
    const post = await createPost(op, { label: `Matrix post ${n}`, organization: 'matrix-public', ...labelled(label) });
    const m = await createMembership(op, { person: holder, organization: 'matrix-public', role: `m${n}`, ...labelled(label) });
    return { person: person.id, org: org.id, post: post.id, membership: m.id };
  },
  routes: {
    'GET /api/registry/people': { action: 'registry.read', kind: 'read-list', request: async () => ({ method: 'GET', url: '/api/registry/people?q=matrix&limit=500' }), contains: (b, f) => b.items.some((p: any) => p.id === f.ids.person) },
    'GET /api/registry/people/{id}': { action: 'registry.read', kind: 'read-one', request: async (f) => ({ method: 'GET', url: `/api/registry/people/${f.ids.person}` }) },
    'GET /api/registry/people/{id}/revisions': { action: 'registry.read', kind: 'read-one', request: async (f) => ({ method: 'GET', url: `/api/registry/people/${f.ids.person}/revisions` }) },
    'POST /api/registry/people': { action: 'registry.person.create', kind: 'create', request: async (f) => ({ method: 'POST', url: '/api/registry/people', payload: { givenName: 'Matrix', rank: 'genin', ...labelled(f.label) } }) },
    'PATCH /api/registry/people/{id}': { action: 'registry.person.update', kind: 'write-existing', request: async (f, _fresh, op) => ({ method: 'PATCH', url: `/api/registry/people/${f.ids.person}`, payload: { summary: `edited ${Math.random()}` }, headers: { 'if-match': `"${(await getPerson(op, f.ids.person!)).version}"` } }) },
    'POST /api/registry/people/{id}/status': { action: 'registry.person.status', kind: 'write-existing', request: async (f) => ({ method: 'POST', url: `/api/registry/people/${f.ids.person}/status`, payload: { status: 'active', since: '2026-11-20' } }) },
    'GET /api/registry/organizations': { action: 'registry.read', kind: 'read-list', request: async () => ({ method: 'GET', url: '/api/registry/organizations?q=matrix&limit=1000' }), contains: (b, f) => b.items.some((o: any) => o.id === f.ids.org) },
    'GET /api/registry/organizations/{id}': { action: 'registry.read', kind: 'read-one', request: async (f) => ({ method: 'GET', url: `/api/registry/organizations/${f.ids.org}` }) },
    'POST /api/registry/organizations': { action: 'registry.organization.create', kind: 'create', request: async (f) => ({ method: 'POST', url: '/api/registry/organizations', payload: { name: 'Matrix unit', kind: 'unit', ...labelled(f.label) } }) },
    'GET /api/registry/posts': { action: 'registry.read', kind: 'read-list', request: async () => ({ method: 'GET', url: '/api/registry/posts?limit=1000' }), contains: (b, f) => b.items.some((t: any) => t.id === f.ids.post) },
    'GET /api/registry/posts/{id}': { action: 'registry.read', kind: 'read-one', request: async (f) => ({ method: 'GET', url: `/api/registry/posts/${f.ids.post}` }) },
    'POST /api/registry/posts': { action: 'registry.post.create', kind: 'create', request: async (f) => ({ method: 'POST', url: '/api/registry/posts', payload: { label: 'Matrix post', organization: 'matrix-public', ...labelled(f.label) } }) },
    'GET /api/registry/memberships': { action: 'registry.read', kind: 'read-list', request: async () => ({ method: 'GET', url: '/api/registry/memberships?organization=matrix-public&limit=1000' }), contains: (b, f) => b.items.some((m: any) => m.id === f.ids.membership) },
    'GET /api/registry/memberships/{id}': { action: 'registry.read', kind: 'read-one', request: async (f) => ({ method: 'GET', url: `/api/registry/memberships/${f.ids.membership}` }) },
    'POST /api/registry/memberships': { action: 'registry.membership.create', kind: 'create', request: async (f) => ({ method: 'POST', url: '/api/registry/memberships', payload: { person: f.ids.person, organization: 'matrix-public', ...labelled(f.label) } }) },
    'POST /api/registry/memberships/{id}/end': { action: 'registry.membership.end', kind: 'write-existing', request: async (_f, fresh) => ({ method: 'POST', url: `/api/registry/memberships/${(await fresh()).ids.membership}/end`, payload: { endDate: '2026-11-30' } }) },
    'POST /api/registry/people/{id}/label': { action: 'registry.relabel', kind: 'write-existing', request: async (f) => ({ method: 'POST', url: `/api/registry/people/${f.ids.person}/label`, payload: { ...labelled(f.label), reason: 'matrix: same label again' } }) },
    'POST /api/registry/organizations/{id}/label': { action: 'registry.relabel', kind: 'write-existing', request: async (f) => ({ method: 'POST', url: `/api/registry/organizations/${f.ids.org}/label`, payload: { ...labelled(f.label), reason: 'matrix: same label again' } }) },
    'POST /api/registry/posts/{id}/label': { action: 'registry.relabel', kind: 'write-existing', request: async (f) => ({ method: 'POST', url: `/api/registry/posts/${f.ids.post}/label`, payload: { ...labelled(f.label), reason: 'matrix: same label again' } }) },
    'POST /api/registry/memberships/{id}/label': { action: 'registry.relabel', kind: 'write-existing', request: async (f) => ({ method: 'POST', url: `/api/registry/memberships/${f.ids.membership}/label`, payload: { ...labelled(f.label), reason: 'matrix: same label again' } }) },
    'GET /api/registry/villages': { action: 'registry.read', kind: 'plain', request: async () => ({ method: 'GET', url: '/api/registry/villages' }) },
    'POST /api/registry/villages': { action: 'registry.village.create', kind: 'plain', request: async () => ({ method: 'POST', url: '/api/registry/villages', payload: { code: `v-${Math.random().toString(36).slice(2, 10)}`, name: 'Matrix village' } }) },
    'GET /api/registry/popolo': { action: 'registry.popolo.export', kind: 'read-list', request: async () => ({ method: 'GET', url: '/api/registry/popolo' }), contains: (b, f) => b.persons.some((p: any) => p.id === f.ids.person) },
  },
};
