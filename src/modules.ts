// Every domain module, in the order their routes and commands appear.
import type { SandstoneModule } from './kernel/module.ts';
import { registryModule } from './modules/registry/index.ts';
import { securityModule } from './modules/security/index.ts';
import { operationsModule } from './modules/operations/index.ts';
import { legislatureModule } from './modules/legislature/index.ts';
import { sarModule } from './modules/sar/index.ts';
import { postModule } from './modules/post/index.ts';
import { deskModule } from './modules/desk/index.ts';
import { missionsModule } from './modules/missions/index.ts';
import { casesModule } from './modules/cases/index.ts';

export const MODULES: readonly SandstoneModule[] = [registryModule, legislatureModule, sarModule, postModule, deskModule, missionsModule, casesModule, securityModule, operationsModule];
