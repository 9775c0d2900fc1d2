// The security module's public surface: account administration and the audit viewer.
import type { SandstoneModule } from '../../kernel/module.ts';
import { securityCli } from './security.cli.ts';
import { auditRoutes } from './audit.routes.ts';

export const securityModule: SandstoneModule = {
  name: 'security',
  migrations: {},
  routes: auditRoutes,
  cli: securityCli,
};
