// The registry module's public surface: people, villages, organizations, posts, memberships.
import type { SandstoneModule } from '../../kernel/module.ts';
import * as m20261125T120000 from './migrations/20261125T120000_registry_create_tables.ts';
import { registryRoutes } from './registry.routes.ts';
import { registryCli } from './registry.cli.ts';

export const registryModule: SandstoneModule = {
  name: 'registry',
  migrations: { '20261125T120000_registry_create_tables': m20261125T120000 },
  routes: registryRoutes,
  cli: registryCli,
};

export * from './registry.service.ts';
export { searchPeople, getPerson, listOrganizations, getOrganization, listPosts, getPost, listMemberships, getMembership, listVillages } from './registry.read.ts';
export { importPopolo, toPopolo, type ImportReport } from './popolo.ts';
export * from './registry.schema.ts';
