// The operations module's public surface: the jobs API and `sandstone jobs` over the kernel's timed work.
import type { SandstoneModule } from '../../kernel/module.ts';
import { operationsRoutes } from './operations.routes.ts';
import { operationsCli } from './operations.cli.ts';

export const operationsModule: SandstoneModule = {
  name: 'operations',
  migrations: {},
  routes: operationsRoutes,
  cli: operationsCli,
};
