// The modules of the web app, in the order of the main navigation.
import type { WebModule } from './app/module.ts';
import { registryWeb } from './modules/registry/index.tsx';
import { securityWeb } from './modules/security/index.tsx';
import { operationsWeb } from './modules/operations/index.tsx';
import { legislatureWeb } from './modules/legislature/index.tsx';
import { sarWeb } from './modules/sar/index.tsx';
import { postWeb } from './modules/post/index.tsx';
import { deskWeb } from './modules/desk/index.tsx';
import { missionsWeb } from './modules/missions/index.tsx';
import { casesWeb } from './modules/cases/index.tsx';

export const WEB_MODULES: WebModule[] = [deskWeb, registryWeb, legislatureWeb, sarWeb, missionsWeb, casesWeb, postWeb, securityWeb, operationsWeb];
