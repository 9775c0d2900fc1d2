// The search-and-rescue module's public surface: the search-theory core (pure functions,
// docs/SAR.md), `sandstone sar calc`, and operations with their reports and probability map.
import type { SandstoneModule } from '../../kernel/module.ts';
import { ROLES } from '../../kernel/auth/policy.ts';
import * as m20261201T150000 from './migrations/20261201T150000_sar_create_tables.ts';
import * as m20261201T180000 from './migrations/20261201T180000_sar_subject_status.ts';
import * as m20261203T140100 from './migrations/20261203T140100_sar_code_series.ts';
import { sarCli } from './sar.cli.ts';
import { sarRoutes } from './sar.routes.ts';
import { sarTeamsRoutes } from './sar-teams.routes.ts';
import { sarReferences } from './sar.references.ts';

const OPENERS = ['kazekage', 'jounin', 'anbu', 'clerk'] as const;
const REPORTERS = ['kazekage', 'jounin', 'chuunin', 'anbu', 'medic', 'clerk'] as const;

export const sarModule: SandstoneModule = {
  name: 'sar',
  migrations: {
    '20261201T150000_sar_create_tables': m20261201T150000,
    '20261201T180000_sar_subject_status': m20261201T180000,
    '20261203T140100_sar_code_series': m20261203T140100,
  },
  // Teams, tracks and exports in their own plugin: it reads GPX bodies, which nothing else here takes.
  routes: async (app) => { await sarRoutes(app); await app.register(sarTeamsRoutes); },
  cli: sarCli,
  references: sarReferences,
  policy: [
    { action: 'sar.read', roles: ROLES, description: 'read search and rescue operations, their reports and probability maps (label-filtered), and the land', labelled: true },
    { action: 'sar.operation.open', roles: OPENERS, description: 'open a search and rescue operation for a missing person (records the person missing)', labelled: true },
    { action: 'sar.operation.close', roles: OPENERS, description: 'close an operation: found (the person is active again) or called off', labelled: true },
    { action: 'sar.report', roles: REPORTERS, description: "record an operation's reports: sensor posts, sightings, hazards, teams and their segments, searched tracks", labelled: true },
  ],
};

export { calc, calcJson, CalcError, type CalcProblem, type CalcResult } from './calc.ts';
export { openOperation, closeOperation, addSensorPost, addSighting, addHazard } from './sar.service.ts';
export { listOperations, getOperation, operationDetail, operationMap, operationCell } from './sar.read.ts';
export { landOfWind, terrainFor, LAND_OF_WIND, LAND_BOUNDS, type LandFeature } from './land-of-wind.ts';
export type { TOperation, TOperationDetail, TOperationOpen, TSighting, TSightingCreate, TSensorPost, THazard, TMap, TTeam, TTrack } from './sar.schema.ts';
export { createTeam, assignSegment, recordTrack, importGpxTrack, listTeams, listTracks, tracksGpx, operationGeoJsonDocument } from './sar-teams.service.ts';
