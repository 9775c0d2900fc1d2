// The missions module's public surface (issue 13): missions with their teams and injuries, and
// the after-action reports with the administration office's review queue and turnaround.
import type { SandstoneModule } from '../../kernel/module.ts';
import { ROLES } from '../../kernel/auth/policy.ts';
import * as m20261202T050000 from './migrations/20261202T050000_missions_create_tables.ts';
import * as m20261203T140100 from './migrations/20261203T140100_missions_code_series.ts';
import { missionsRoutes } from './missions.routes.ts';
import { missionsCli } from './missions.cli.ts';
import { missionsReferences } from './missions.references.ts';

const PEOPLE = ROLES.filter((r) => r !== 'public');

export const missionsModule: SandstoneModule = {
  name: 'missions',
  migrations: { '20261202T050000_missions_create_tables': m20261202T050000, '20261203T140100_missions_code_series': m20261203T140100 },
  routes: missionsRoutes,
  cli: missionsCli,
  references: missionsReferences,
  policy: [
    { action: 'missions.read', roles: PEOPLE, description: 'read missions, their teams, injuries and after-action reports (label-filtered)', labelled: true },
    { action: 'missions.write', roles: ['kazekage', 'clerk', 'jounin'], description: 'plan a mission, set its team, start, complete, fail or abort it', labelled: true },
    { action: 'missions.injury', roles: ['kazekage', 'clerk', 'medic'], description: "record an injury on a mission, which puts the person on leave in the registry", labelled: true },
    { action: 'missions.report.write', roles: PEOPLE, description: 'write, submit and revise your own after-action report on a mission you were on', labelled: true },
    { action: 'missions.report.review', roles: ['kazekage', 'clerk'], description: "the administration office's review of after-action reports (not one's own): the queue, taking up, accepting, returning, turnaround; opening a report for a team member", labelled: true },
  ],
};

export { createMission, setTeam, stepMission, recordInjury, createReport, editReport, stepReport } from './missions.service.ts';
export { getMission, listMissions, getReport, reviewQueue, reportTurnaround } from './missions.read.ts';
export { MISSION_RANKS, MISSION_STATUSES, TEAM_ROLES, type MissionStatus, type MissionRank, type TeamRole } from './mission-lifecycle.ts';
export { REPORT_STATES, REPORT_DUE_DAYS, type ReportState } from './report-lifecycle.ts';
export type { TMission, TReport, TMissionCreate, TInjury } from './missions.schema.ts';
