// The registry in the access matrix: a person, an organization, a post and a membership per label,
// and public records that refer to them (a post in the organization, a child of it, memberships
// in it and on its behalf), to try references, filters and withheld fields on.
import type { AccessRow, ModuleAccess } from '../../kernel/testing/access.ts';
import { createMembership, createOrganization, createPerson, createPost, createVillage, getPerson } from './index.ts';

const labelled = (l: { classification: string; compartments: readonly string[] }) => ({ classification: l.classification as any, compartments: [...l.compartments] });
let holder = '';
let writes = 0;
/** A distinct value per request, so no write collides with an earlier one (codes, idempotent bodies). */
const unique = () => `${++writes}`;

/** Every string that names the fixture's labelled organization. */
const ORG = ['org', 'orgCode', 'orgName'];

/** A write naming the fixture's record `target` in its body. */
const reference = (action: string, target: string, url: string, payload: (ref: string) => object): AccessRow => ({
  action, kind: 'reference', target,
  request: async (f) => ({ method: 'POST', url, payload: payload(f.ids[target]!) }),
});
/** A list filtered by the fixture's record `target`. */
const filter = (target: string, url: (ref: string) => string): AccessRow => ({
  action: 'registry.read', kind: 'filter', target,
  request: async (f) => ({ method: 'GET', url: url(encodeURIComponent(f.ids[target]!)) }),
});
/** A public record's answer, which refers to the fixture's labelled records. */
const withheld = (action: string, url: (ids: Record<string, string>) => string, hidden: string[], marker: boolean): AccessRow => ({
  action, kind: 'withheld', hidden, marker,
  request: async (f) => ({ method: 'GET', url: url(f.ids) }),
});

export const access: ModuleAccess = {
  async setup(op) {
    await createVillage(op, { code: 'suna', name: 'Sunagakure' });
    await createOrganization(op, { code: 'matrix-public', name: 'Matrix public unit', kind: 'unit' });
    holder = (await createPerson(op, { givenName: 'Matrix', familyName: 'Public holder', rank: 'genin' })).id;
  },
  async fixture(op, label, n) {
    // Names end with a full stop so that, looked for as JSON strings, fixture 1's never match fixture 12's.
    const person = await createPerson(op, { givenName: 'Matrix', familyName: `P${n}.`, rank: 'genin', ...labelled(label) });
    const org = await createOrganization(op, { code: `matrix-${n}`, name: `Matrix unit ${n}.`, kind: 'unit', ...labelled(label) });
    const post = await createPost(op, { code: `matrix-post-${n}`, label: `Matrix post ${n}.`, organization: 'matrix-public', ...labelled(label) });
    const m = await createMembership(op, { person: holder, organization: 'matrix-public', role: `m${n}`, ...labelled(label) });
    // Public records pointing at the labelled ones.
    const refPost = await createPost(op, { label: `Matrix ref post ${n}.`, organization: org.id });
    const child = await createOrganization(op, { name: `Matrix child ${n}.`, kind: 'unit', parent: org.id });
    const refPerson = await createPerson(op, { givenName: 'Matrix', familyName: `R${n}.`, rank: 'genin' });
    await createMembership(op, { person: refPerson.id, organization: org.id, role: `in ${n}` });
    const behalf = await createMembership(op, { person: refPerson.id, organization: 'matrix-public', onBehalfOf: org.id, role: `for ${n}` });
    return {
      person: person.id, personName: `Matrix P${n}.`, org: org.id, orgCode: `matrix-${n}`, orgName: `Matrix unit ${n}.`,
      post: post.id, postCode: `matrix-post-${n}`, postName: `Matrix post ${n}.`, membership: m.id,
      refPost: refPost.id, child: child.id, refPerson: refPerson.id, behalf: behalf.id,
    };
  },
  routes: {
    'GET /api/registry/people': { action: 'registry.read', kind: 'read-list', request: async () => ({ method: 'GET', url: '/api/registry/people?q=matrix&limit=500' }), contains: (b, f) => b.items.some((p: any) => p.id === f.ids.person) },
    'GET /api/registry/people/{id}': { action: 'registry.read', kind: 'read-one', request: async (f) => ({ method: 'GET', url: `/api/registry/people/${f.ids.person}` }) },
    'GET /api/registry/people/{id}/revisions': { action: 'registry.read', kind: 'read-one', request: async (f) => ({ method: 'GET', url: `/api/registry/people/${f.ids.person}/revisions` }) },
    'POST /api/registry/people': { action: 'registry.person.create', kind: 'create', request: async (f) => ({ method: 'POST', url: '/api/registry/people', payload: { givenName: 'Matrix', rank: 'genin', ...labelled(f.label) } }) },
    'PATCH /api/registry/people/{id}': { action: 'registry.person.update', kind: 'write-existing', request: async (f, _fresh, op) => ({ method: 'PATCH', url: `/api/registry/people/${f.ids.person}`, payload: { summary: `edited ${unique()}` }, headers: { 'if-match': `"${(await getPerson(op, f.ids.person!)).version}"` } }) },
    'POST /api/registry/people/{id}/status': { action: 'registry.person.status', kind: 'write-existing', request: async (f) => ({ method: 'POST', url: `/api/registry/people/${f.ids.person}/status`, payload: { status: 'active', since: '2026-11-20' } }) },
    'GET /api/registry/organizations': { action: 'registry.read', kind: 'read-list', request: async () => ({ method: 'GET', url: '/api/registry/organizations?q=matrix&limit=1000' }), contains: (b, f) => b.items.some((o: any) => o.id === f.ids.org) },
    'GET /api/registry/organizations/{id}': { action: 'registry.read', kind: 'read-one', request: async (f) => ({ method: 'GET', url: `/api/registry/organizations/${f.ids.org}` }) },
    'GET /api/registry/organizations/{id} [by code]': { action: 'registry.read', kind: 'read-one', request: async (f) => ({ method: 'GET', url: `/api/registry/organizations/${f.ids.orgCode}` }) },
    'GET /api/registry/organizations/{id} [members]': { action: 'registry.read', kind: 'read-list', request: async () => ({ method: 'GET', url: '/api/registry/organizations/matrix-public' }), contains: (b, f) => b.members.some((m: any) => m.id === f.ids.membership) },
    'POST /api/registry/organizations': { action: 'registry.organization.create', kind: 'create', request: async (f) => ({ method: 'POST', url: '/api/registry/organizations', payload: { name: 'Matrix unit', kind: 'unit', ...labelled(f.label) } }) },
    'GET /api/registry/posts': { action: 'registry.read', kind: 'read-list', request: async () => ({ method: 'GET', url: '/api/registry/posts?limit=1000' }), contains: (b, f) => b.items.some((t: any) => t.id === f.ids.post) },
    'GET /api/registry/posts/{id}': { action: 'registry.read', kind: 'read-one', request: async (f) => ({ method: 'GET', url: `/api/registry/posts/${f.ids.post}` }) },
    'GET /api/registry/posts/{id} [by code]': { action: 'registry.read', kind: 'read-one', request: async (f) => ({ method: 'GET', url: `/api/registry/posts/${f.ids.postCode}` }) },
    'POST /api/registry/posts': { action: 'registry.post.create', kind: 'create', request: async (f) => ({ method: 'POST', url: '/api/registry/posts', payload: { label: 'Matrix post', organization: 'matrix-public', ...labelled(f.label) } }) },
    'GET /api/registry/memberships': { action: 'registry.read', kind: 'read-list', request: async () => ({ method: 'GET', url: '/api/registry/memberships?organization=matrix-public&limit=1000' }), contains: (b, f) => b.items.some((m: any) => m.id === f.ids.membership) },
    'GET /api/registry/memberships/{id}': { action: 'registry.read', kind: 'read-one', request: async (f) => ({ method: 'GET', url: `/api/registry/memberships/${f.ids.membership}` }) },
    'POST /api/registry/memberships': { action: 'registry.membership.create', kind: 'create', request: async (f) => ({ method: 'POST', url: '/api/registry/memberships', payload: { person: holder, organization: 'matrix-public', role: `new ${unique()}`, ...labelled(f.label) } }) },
    'POST /api/registry/memberships/{id}/end': { action: 'registry.membership.end', kind: 'write-existing', request: async (f, _fresh, op) => ({ method: 'POST', url: `/api/registry/memberships/${(await createMembership(op, { person: holder, organization: 'matrix-public', role: `to end ${unique()}`, ...labelled(f.label) })).id}/end`, payload: { endDate: '2026-11-30' } }) },
    'POST /api/registry/people/{id}/label': { action: 'registry.relabel', kind: 'write-existing', request: async (f) => ({ method: 'POST', url: `/api/registry/people/${f.ids.person}/label`, payload: { ...labelled(f.label), reason: 'matrix: same label again' } }) },
    'POST /api/registry/organizations/{id}/label': { action: 'registry.relabel', kind: 'write-existing', request: async (f) => ({ method: 'POST', url: `/api/registry/organizations/${f.ids.org}/label`, payload: { ...labelled(f.label), reason: 'matrix: same label again' } }) },
    'POST /api/registry/posts/{id}/label': { action: 'registry.relabel', kind: 'write-existing', request: async (f) => ({ method: 'POST', url: `/api/registry/posts/${f.ids.post}/label`, payload: { ...labelled(f.label), reason: 'matrix: same label again' } }) },
    'POST /api/registry/memberships/{id}/label': { action: 'registry.relabel', kind: 'write-existing', request: async (f) => ({ method: 'POST', url: `/api/registry/memberships/${f.ids.membership}/label`, payload: { ...labelled(f.label), reason: 'matrix: same label again' } }) },
    'GET /api/registry/villages': { action: 'registry.read', kind: 'plain', request: async () => ({ method: 'GET', url: '/api/registry/villages' }) },
    'POST /api/registry/villages': { action: 'registry.village.create', kind: 'plain', request: async () => ({ method: 'POST', url: '/api/registry/villages', payload: { code: `v-${unique()}`, name: 'Matrix village' } }) },
    'GET /api/registry/popolo': { action: 'registry.popolo.export', kind: 'read-list', request: async () => ({ method: 'GET', url: '/api/registry/popolo' }), contains: (b, f) => b.persons.some((p: any) => p.id === f.ids.person) },

    // References in write bodies: a hidden record is answered as an unknown one, and nothing is written.
    'POST /api/registry/posts [organization by id]': reference('registry.post.create', 'org', '/api/registry/posts', (ref) => ({ label: `Matrix ref post ${unique()}`, organization: ref })),
    'POST /api/registry/posts [organization by code]': reference('registry.post.create', 'orgCode', '/api/registry/posts', (ref) => ({ label: `Matrix ref post ${unique()}`, organization: ref })),
    'POST /api/registry/organizations [parent by id]': reference('registry.organization.create', 'org', '/api/registry/organizations', (ref) => ({ name: `Matrix child ${unique()}`, kind: 'unit', parent: ref })),
    'POST /api/registry/organizations [parent by code]': reference('registry.organization.create', 'orgCode', '/api/registry/organizations', (ref) => ({ name: `Matrix child ${unique()}`, kind: 'unit', parent: ref })),
    'POST /api/registry/memberships [person]': reference('registry.membership.create', 'person', '/api/registry/memberships', (ref) => ({ person: ref, organization: 'matrix-public', role: `ref ${unique()}` })),
    'POST /api/registry/memberships [organization]': reference('registry.membership.create', 'orgCode', '/api/registry/memberships', (ref) => ({ person: holder, organization: ref, role: `ref ${unique()}` })),
    'POST /api/registry/memberships [post]': reference('registry.membership.create', 'post', '/api/registry/memberships', (ref) => ({ person: holder, organization: 'matrix-public', post: ref, role: `ref ${unique()}` })),
    'POST /api/registry/memberships [onBehalfOf]': reference('registry.membership.create', 'org', '/api/registry/memberships', (ref) => ({ person: holder, organization: 'matrix-public', onBehalfOf: ref, role: `ref ${unique()}` })),

    // Filters by a record: a hidden one answers as an unknown one.
    'GET /api/registry/people [organization filter by id]': filter('org', (ref) => `/api/registry/people?organization=${ref}`),
    'GET /api/registry/people [organization filter by code]': filter('orgCode', (ref) => `/api/registry/people?organization=${ref}`),
    'GET /api/registry/memberships [organization filter]': filter('org', (ref) => `/api/registry/memberships?organization=${ref}`),
    'GET /api/registry/memberships [person filter]': filter('person', (ref) => `/api/registry/memberships?person=${ref}`),
    'GET /api/registry/memberships [post filter]': filter('post', (ref) => `/api/registry/memberships?post=${ref}`),
    'GET /api/registry/organizations [parent filter]': filter('org', (ref) => `/api/registry/organizations?parent=${ref}`),
    'GET /api/registry/posts [organization filter]': filter('org', (ref) => `/api/registry/posts?organization=${ref}`),

    // Public records that refer to labelled ones: the reference is shown only to those who may see it.
    'GET /api/registry/posts/{id} [its organization withheld]': withheld('registry.read', (ids) => `/api/registry/posts/${ids.refPost}`, ORG, true),
    'GET /api/registry/posts [organizations withheld]': withheld('registry.read', () => '/api/registry/posts?limit=1000', ORG, true),
    'GET /api/registry/organizations/{id} [its parent withheld]': withheld('registry.read', (ids) => `/api/registry/organizations/${ids.child}`, ORG, true),
    'GET /api/registry/organizations [parents withheld]': withheld('registry.read', () => '/api/registry/organizations?q=matrix&limit=1000', ORG, true),
    'GET /api/registry/memberships/{id} [onBehalfOf withheld]': withheld('registry.read', (ids) => `/api/registry/memberships/${ids.behalf}`, ORG, true),
    'GET /api/registry/memberships [onBehalfOf withheld]': withheld('registry.read', (ids) => `/api/registry/memberships?person=${ids.refPerson}`, ORG, true),
    'GET /api/registry/people/{id} [memberships withheld]': withheld('registry.read', (ids) => `/api/registry/people/${ids.refPerson}`, ORG, true),
    'GET /api/registry/popolo [nothing hidden shown]': withheld('registry.popolo.export', () => '/api/registry/popolo', ['person', 'personName', 'org', 'orgCode', 'orgName', 'post', 'postCode', 'postName', 'membership'], false),
  },
};
