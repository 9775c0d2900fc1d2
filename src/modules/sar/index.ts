// The search-and-rescue module's public surface. Today: the search-theory core (pure functions,
// docs/SAR.md) and `sandstone sar calc`; operations, sightings, teams and the map come next.
import type { SandstoneModule } from '../../kernel/module.ts';
import { sarCli } from './sar.cli.ts';

export const sarModule: SandstoneModule = {
  name: 'sar',
  migrations: {},
  cli: sarCli,
};

export { calc, calcJson, CalcError, type CalcProblem, type CalcResult } from './calc.ts';
