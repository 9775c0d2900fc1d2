// The desk's public surface (issue 12): items awaiting an official's decision, raised by other
// modules inside their own transactions and decided through those modules' services; delegation
// of authority to an acting official; the weekly delinquency report.
import type { SandstoneModule } from '../../kernel/module.ts';
import { ROLES } from '../../kernel/auth/policy.ts';
import * as m20261201T210000 from './migrations/20261201T210000_desk_create_tables.ts';
import { deskRoutes } from './desk.routes.ts';
import { deskCli } from './desk.cli.ts';
import { delinquencyJob, DELINQUENCY_JOB } from './desk.service.ts';

const PEOPLE = ROLES.filter((r) => r !== 'public');

export const deskModule: SandstoneModule = {
  name: 'desk',
  migrations: { '20261201T210000_desk_create_tables': m20261201T210000 },
  routes: deskRoutes,
  cli: deskCli,
  jobs: { [DELINQUENCY_JOB]: delinquencyJob },
  policy: [
    { action: 'desk.read', roles: PEOPLE, description: 'read your own desk, the items you may decide acting for another (label-filtered: others only counted), and your delegations', labelled: true },
    { action: 'desk.decide', roles: PEOPLE, description: 'decide an item on your desk, or acting for another under a delegation in force (approve, deny, defer, delegate one item)', labelled: true },
    { action: 'desk.delegate', roles: PEOPLE, description: 'delegate authority over your own desk to an acting official for a period, and revoke it', labelled: false },
    { action: 'desk.reports.read', roles: ['kazekage', 'clerk'], description: 'read the weekly delinquency reports (label-filtered lines)', labelled: true },
  ],
};

export { raiseDeskItem, settleDeskItems, officeHolder, decideItem, grantDelegation, revokeDelegation, writeDelinquencyReport, designationLimit, DELINQUENCY_JOB, type RaiseDeskItem, type Office } from './desk.service.ts';
export { listItems, getItem, listDelegations, listDelinquencyReports, deniedOnDesk } from './desk.read.ts';
export type { TItem, TDecision, TDelegationGrant } from './desk.schema.ts';
