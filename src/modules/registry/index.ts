// The registry module's public surface: people, villages, organizations, posts, memberships.
import type { SandstoneModule } from '../../kernel/module.ts';
import { ROLES } from '../../kernel/auth/policy.ts';

const ALL = ROLES;
import * as m20261125T120000 from './migrations/20261125T120000_registry_create_tables.ts';
import * as m20261125T190100 from './migrations/20261125T190100_registry_watch_tables.ts';
import * as m20261201T120100 from './migrations/20261201T120100_registry_revision_label.ts';
import { registryRoutes } from './registry.routes.ts';
import { registryCli } from './registry.cli.ts';
import { registryReferences } from './registry.references.ts';

export const registryModule: SandstoneModule = {
  name: 'registry',
  migrations: {
    '20261125T120000_registry_create_tables': m20261125T120000,
    '20261125T190100_registry_watch_tables': m20261125T190100,
    '20261201T120100_registry_revision_label': m20261201T120100,
  },
  routes: registryRoutes,
  cli: registryCli,
  references: registryReferences,
  policy: [
    { action: 'registry.read', roles: ALL, description: 'read people, organizations, posts, memberships, villages (label-filtered)', labelled: true },
    { action: 'registry.person.create', roles: ['kazekage', 'clerk'], description: 'add a person', labelled: true },
    { action: 'registry.person.update', roles: ['kazekage', 'clerk'], description: "edit a person's details", labelled: true },
    { action: 'registry.person.status', roles: ['kazekage', 'clerk', 'medic'], description: 'record a status change (leave, missing, …)', labelled: true },
    { action: 'registry.membership.create', roles: ['kazekage', 'clerk'], description: 'add a membership', labelled: true },
    { action: 'registry.membership.end', roles: ['kazekage', 'clerk'], description: 'end a membership', labelled: true },
    { action: 'registry.organization.create', roles: ['kazekage', 'clerk'], description: 'add an organization', labelled: true },
    { action: 'registry.post.create', roles: ['kazekage', 'clerk'], description: 'add a post', labelled: true },
    { action: 'registry.village.create', roles: ['kazekage', 'clerk'], description: 'add a village', labelled: false },
    { action: 'registry.relabel', roles: ['kazekage', 'clerk'], description: "raise a record's classification or add compartments (up to one's own clearance)", labelled: true },
    { action: 'registry.declassify', roles: ['kazekage'], description: "lower a record's classification or remove compartments", labelled: true },
    { action: 'registry.popolo.export', roles: ALL, description: 'export the registry as Popolo (label-filtered)', labelled: true },
    { action: 'registry.popolo.import', roles: ['kazekage', 'clerk'], description: 'import a Popolo file', labelled: false },
  ],
};

export * from './registry.service.ts';
export { searchPeople, getPerson, listOrganizations, getOrganization, listPosts, getPost, listMemberships, getMembership, listVillages, postHoldersOn, postCountOf, membersOn, organizationsOfOn, type PostHolder } from './registry.read.ts';
export { importPopolo, importPopoloFile, toPopolo, type ImportReport } from './popolo.ts';
export * from './registry.schema.ts';
