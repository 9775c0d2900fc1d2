// The registry's records that other modules may name (a bill's sponsor, a case's party, a post's
// recipient): how each is found by id or code, the labels a reader must hold to see it, and what
// another record shows of it. Resolved and shown only through kernel/references.ts.
import { fromJson, idList, oneOf } from '../../kernel/db/dialect.ts';
import { hotQuery } from '../../kernel/db/hot-query.ts';
import { PUBLIC_LABEL, type Label } from '../../kernel/auth/labels.ts';
import type { ReferenceKind, ReferencedRecord } from '../../kernel/references.ts';
import { displayName } from './names.ts';

const label = (r: Record<string, any>, prefix = ''): Label => ({ classification: r[prefix + 'classification'], compartments: fromJson<string[]>(r[prefix + 'compartments'], []) });

/** People by id: asked for every letter's recipients, so one text whatever their number (oneOf). */
const personsById = hotQuery<[unknown]>((db, ids) => db.selectFrom('registry_person').select(['id', 'name', 'given_name', 'family_name', 'rank', 'classification', 'compartments']).where(oneOf(db, 'id', ids!)), 1);

export const registryReferences: Record<string, ReferenceKind> = {
  person: {
    noun: 'person', notFoundCode: 'REGISTRY_PERSON_NOT_FOUND', byCode: false, readAction: 'registry.person.read',
    async find(db, refs) {
      const rows = await personsById(db, idList(db, refs));
      return rows.map((r): ReferencedRecord => ({ id: r.id, code: null, labels: [label(r)], shown: { id: r.id, displayName: displayName({ name: r.name, givenName: r.given_name, familyName: r.family_name }), rank: r.rank } }));
    },
  },
  organization: {
    noun: 'organization', notFoundCode: 'REGISTRY_ORGANIZATION_NOT_FOUND', byCode: true, readAction: 'registry.organization.read',
    async find(db, refs) {
      const rows = await db.selectFrom('registry_organization').select(['id', 'code', 'name', 'parent_id', 'classification', 'compartments'])
        .where((eb) => eb.or([eb('id', 'in', refs), eb('code', 'in', refs)])).execute();
      return rows.map((r): ReferencedRecord => ({ id: r.id, code: r.code ?? null, labels: [label(r)], shown: { id: r.id, code: r.code ?? null, name: r.name } }));
    },
  },
  post: {
    noun: 'post', notFoundCode: 'REGISTRY_POST_NOT_FOUND', byCode: true, readAction: 'registry.post.read',
    async find(db, refs) {
      const rows = await db.selectFrom('registry_post').select(['id', 'code', 'label', 'organization_id', 'classification', 'compartments'])
        .where((eb) => eb.or([eb('id', 'in', refs), eb('code', 'in', refs)])).execute();
      // organizationId is for the registry's own checks (a post's membership must be in its
      // organization); it is not among what others are shown.
      return rows.map((r): ReferencedRecord & { organizationId: string | null } => ({ id: r.id, code: r.code ?? null, labels: [label(r)], shown: { id: r.id, code: r.code ?? null, label: r.label }, organizationId: r.organization_id ?? null }));
    },
  },
  membership: {
    // A link: seen only by readers who may see it and both its ends.
    noun: 'membership', notFoundCode: 'REGISTRY_MEMBERSHIP_NOT_FOUND', byCode: false, readAction: 'registry.membership.read',
    async find(db, refs) {
      const rows = await db.selectFrom('registry_membership as m')
        .innerJoin('registry_person as p', 'p.id', 'm.person_id').innerJoin('registry_organization as o', 'o.id', 'm.organization_id')
        .select(['m.id', 'm.person_id', 'm.organization_id', 'm.classification', 'm.compartments', 'p.classification as p_classification', 'p.compartments as p_compartments', 'o.classification as o_classification', 'o.compartments as o_compartments'])
        .where('m.id', 'in', refs).execute();
      return rows.map((r): ReferencedRecord => ({ id: r.id, code: null, labels: [label(r), label(r, 'p_'), label(r, 'o_')], shown: { id: r.id, personId: r.person_id, organizationId: r.organization_id } }));
    },
  },
  village: {
    // Villages carry no label: everyone may see them.
    noun: 'village', notFoundCode: 'REGISTRY_VILLAGE_NOT_FOUND', byCode: true, readAction: 'registry.village.read',
    async find(db, refs) {
      const rows = await db.selectFrom('registry_village').select(['id', 'code', 'name']).where((eb) => eb.or([eb('id', 'in', refs), eb('code', 'in', refs)])).execute();
      return rows.map((r): ReferencedRecord => ({ id: r.id, code: r.code, labels: [PUBLIC_LABEL], shown: { id: r.id, code: r.code, name: r.name } }));
    },
  },
};

/** The organization a post belongs to (the registry's own use: it reads its own table). */
export const postOrganization = (r: ReferencedRecord): string | null => (r as ReferencedRecord & { organizationId: string | null }).organizationId;

