// Registry vocabulary and the zod schemas of its inputs and outputs (Z… schemas, T… types).
import { z } from 'zod';
import { text, requiredText, isoDate, id, paging, wholeNumber } from '../../kernel/validation.ts';
import { withheldOr } from '../../kernel/references.ts';

export const RANKS = ['academy', 'genin', 'chuunin', 'special_jounin', 'jounin', 'anbu', 'kage', 'civilian'] as const;
export const RANK_LABELS: Record<(typeof RANKS)[number], string> = {
  academy: 'Academy student',
  genin: 'Genin',
  chuunin: 'Chuunin',
  special_jounin: 'Special jounin',
  jounin: 'Jounin',
  anbu: 'ANBU',
  kage: 'Kage',
  civilian: 'Civilian',
};

export const STATUSES = [
  'active',
  'administrative_leave',
  'medical_leave',
  'missing',
  'missing_nin',
  'imprisoned',
  'deceased',
] as const;
export const STATUS_LABELS: Record<(typeof STATUSES)[number], string> = {
  active: 'active',
  administrative_leave: 'administrative leave',
  medical_leave: 'medical leave',
  missing: 'missing',
  missing_nin: 'missing-nin (defected)',
  imprisoned: 'imprisoned',
  deceased: 'deceased',
};

export const CLASSIFICATIONS = ['public', 'restricted', 'secret', 'top_secret'] as const;

export const ZRank = z.enum(RANKS);
export const ZStatus = z.enum(STATUSES);
export const ZClassification = z.enum(CLASSIFICATIONS);
export type TRank = z.infer<typeof ZRank>;
export type TStatus = z.infer<typeof ZStatus>;
export type TClassification = z.infer<typeof ZClassification>;

const ZCompartments = z.array(requiredText(40).pipe(z.string().regex(/^[A-Z0-9_]+$/, { message: 'must be upper-case letters, digits or _' }))).max(20);

// ---------- inputs ----------

export const ZPersonCreate = z
  .object({
    name: requiredText(300).optional().describe('full name as written; default "given family"'),
    givenName: requiredText(200).optional(),
    familyName: text(200).optional(),
    otherNames: z.array(requiredText(200)).max(20).default([]),
    birthVillage: id.optional().describe('village id or code, e.g. "suna"'),
    allegianceVillage: id.optional().describe('village id or code'),
    rank: ZRank,
    specialities: z.array(requiredText(100)).max(30).default([]),
    summary: text(2000).optional(),
    status: ZStatus.default('active'),
    statusSince: isoDate.optional().describe('date the initial status took effect; default today'),
    statusReason: text(1000).optional(),
    classification: ZClassification.default('public'),
    compartments: ZCompartments.default([]),
  })
  .strict()
  .refine((p) => p.name || p.givenName || p.familyName, { message: 'needs a name, a given name or a family name', path: ['givenName'] });
export type TPersonCreate = z.input<typeof ZPersonCreate>;

export const ZPersonPatch = z
  .object({
    name: requiredText(300).nullable().optional(),
    givenName: requiredText(200).nullable().optional(),
    familyName: text(200).nullable().optional(),
    otherNames: z.array(requiredText(200)).max(20).optional(),
    birthVillage: id.nullable().optional(),
    allegianceVillage: id.nullable().optional(),
    rank: ZRank.optional(),
    specialities: z.array(requiredText(100)).max(30).optional(),
    summary: text(2000).nullable().optional(),
  })
  .strict()
  // The version read travels in If-Match only (one place, which cannot disagree with another).
  .refine((p) => Object.keys(p).length > 0, { message: 'names no field to change' });
export type TPersonPatch = z.input<typeof ZPersonPatch>;

export const ZStatusChange = z
  .object({
    status: ZStatus,
    since: isoDate.describe('date the status took effect'),
    reason: text(1000).optional(),
  })
  .strict();
export type TStatusChange = z.input<typeof ZStatusChange>;

export const ZMembershipCreate = z
  .object({
    person: id.describe('person id'),
    organization: id.describe('organization id or code'),
    post: id.optional().describe('post id or code'),
    role: text(200).optional(),
    onBehalfOf: id.optional().describe('organization (id or code) the member represents, e.g. a party'),
    startDate: isoDate.optional(),
    endDate: isoDate.optional(),
    classification: ZClassification.default('public'),
    compartments: ZCompartments.default([]),
  })
  .strict()
  .refine((m) => !m.startDate || !m.endDate || m.endDate >= m.startDate, {
    message: 'must not be before startDate',
    path: ['endDate'],
  });
export type TMembershipCreate = z.input<typeof ZMembershipCreate>;

export const ZRelabel = z
  .object({
    classification: ZClassification,
    compartments: ZCompartments.default([]),
    reason: requiredText(1000).describe('why the label changes; kept in the audit log'),
  })
  .strict();
export type TRelabel = z.input<typeof ZRelabel>;

export const ZMembershipEnd = z
  .object({ endDate: isoDate, reason: text(1000).optional() })
  .strict();

export const ZOrganizationCreate = z
  .object({
    code: requiredText(60).pipe(z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { message: 'must be lower-case letters, digits and dashes' })).optional(),
    name: requiredText(200),
    kind: requiredText(60),
    description: text(2000).optional(),
    parent: id.optional().describe('parent organization id or code'),
    village: id.optional().describe('village id or code'),
    foundingDate: isoDate.optional(),
    classification: ZClassification.default('public'),
    compartments: ZCompartments.default([]),
  })
  .strict();
export type TOrganizationCreate = z.input<typeof ZOrganizationCreate>;

export const ZPostCreate = z
  .object({
    code: requiredText(60).pipe(z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { message: 'must be lower-case letters, digits and dashes' })).optional(),
    label: requiredText(200),
    role: text(200).optional(),
    organization: id.describe('organization id or code'),
    classification: ZClassification.default('public'),
    compartments: ZCompartments.default([]),
  })
  .strict();
export type TPostCreate = z.input<typeof ZPostCreate>;

export const ZVillageCreate = z
  .object({
    code: requiredText(40).pipe(z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { message: 'must be lower-case letters, digits and dashes' })),
    name: requiredText(200),
    land: text(200).optional(),
    leaderTitle: text(100).optional(),
  })
  .strict();
export type TVillageCreate = z.input<typeof ZVillageCreate>;

export const ZPeopleQuery = z
  .object({
    q: text(200).optional().describe('name prefix; case- and accent-insensitive; every word must match'),
    village: id.optional().describe('allegiance village id or code'),
    rank: ZRank.optional(),
    status: ZStatus.optional(),
    organization: id.optional().describe('member of this organization (id or code) on asOf'),
    asOf: isoDate.optional().describe('status and memberships as on this date; default today'),
    facets: z.literal('status').optional().describe('also count the matches by status (ignoring the status filter, so every choice shows its count)'),
    ...paging,
  })
  .strict();
export type TPeopleQuery = z.input<typeof ZPeopleQuery>;

export const ZOrganizationsQuery = z
  .object({
    q: text(200).optional(),
    village: id.optional(),
    parent: id.optional(),
    kind: text(60).optional(),
    ...paging,
    limit: wholeNumber(1, 1000).default(200),
  })
  .strict();

export const ZPostsQuery = z
  .object({ organization: id.optional(), asOf: isoDate.optional(), ...paging, limit: wholeNumber(1, 1000).default(200) })
  .strict();

export const ZMembershipsQuery = z
  .object({
    person: id.optional(),
    organization: id.optional(),
    post: id.optional(),
    asOf: isoDate.optional().describe('only memberships current on this date'),
    ...paging,
    limit: wholeNumber(1, 1000).default(200),
  })
  .strict();

// ---------- outputs ----------

export const ZVillageRef = z.object({ id: z.string(), code: z.string(), name: z.string() });
export const ZVillage = ZVillageRef.extend({ land: z.string().nullable(), leaderTitle: z.string().nullable() });

export const ZStatusEntry = z.object({
  id: z.string(),
  status: ZStatus,
  label: z.string(),
  since: z.string(),
  reason: z.string().nullable(),
  recordedAt: z.string(),
});

export const ZPerson = z.object({
  id: z.string(),
  name: z.string().nullable(),
  givenName: z.string().nullable(),
  familyName: z.string().nullable(),
  otherNames: z.array(z.string()),
  displayName: z.string(),
  birthVillage: ZVillageRef.nullable(),
  allegianceVillage: ZVillageRef.nullable(),
  rank: ZRank,
  rankLabel: z.string(),
  specialities: z.array(z.string()),
  summary: z.string().nullable(),
  status: ZStatusEntry.nullable(),
  classification: ZClassification,
  compartments: z.array(z.string()),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TPerson = z.infer<typeof ZPerson>;

/** A person as a list shows them. */
export const ZStatusFacet = z.object({ status: ZStatus.nullable(), label: z.string(), count: z.number() });
export type TStatusFacet = z.infer<typeof ZStatusFacet>;

export const ZPersonSummary = ZPerson.pick({ id: true, displayName: true, rank: true, rankLabel: true, allegianceVillage: true, classification: true, compartments: true, version: true }).extend({
  status: z.object({ status: ZStatus, label: z.string(), since: z.string() }).nullable(),
});
export type TPersonSummary = z.infer<typeof ZPersonSummary>;

export const ZOrganization = z.object({
  id: z.string(),
  code: z.string().nullable(),
  name: z.string(),
  kind: z.string(),
  description: z.string().nullable(),
  parentId: withheldOr(z.string()).nullable().describe('the parent organization; { withheld: true } when you may not see it'),
  village: ZVillageRef.nullable(),
  foundingDate: z.string().nullable(),
  dissolutionDate: z.string().nullable(),
  classification: ZClassification,
  compartments: z.array(z.string()),
  version: z.number(),
});
export type TOrganization = z.infer<typeof ZOrganization>;

export const ZPost = z.object({
  id: z.string(),
  code: z.string().nullable(),
  label: z.string(),
  role: z.string().nullable(),
  organizationId: withheldOr(z.string()).nullable().describe('{ withheld: true } when you may not see the organization'),
  organizationName: withheldOr(z.string()).nullable().describe('{ withheld: true } when you may not see the organization'),
  classification: ZClassification,
  compartments: z.array(z.string()),
  version: z.number(),
});
export type TPost = z.infer<typeof ZPost>;

export const ZMembership = z.object({
  id: z.string(),
  person: z.object({ id: z.string(), displayName: z.string(), rank: ZRank }),
  organization: z.object({ id: z.string(), code: z.string().nullable(), name: z.string() }),
  post: withheldOr(z.object({ id: z.string(), code: z.string().nullable(), label: z.string() })).nullable().describe('{ withheld: true } when you may not see the post'),
  role: z.string().nullable(),
  onBehalfOf: withheldOr(z.object({ id: z.string(), name: z.string() })).nullable().describe('{ withheld: true } when you may not see that organization'),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  endReason: z.string().nullable(),
  classification: ZClassification,
  compartments: z.array(z.string()),
  version: z.number(),
});
export type TMembership = z.infer<typeof ZMembership>;

export const ZPersonDetail = ZPerson.extend({
  statusHistory: z.array(ZStatusEntry),
  memberships: z.array(ZMembership),
});
export type TPersonDetail = z.infer<typeof ZPersonDetail>;

export const page = <T extends z.ZodTypeAny>(item: T) => z.object({ items: z.array(item), total: z.number() });
