// The cases module's public surface (issue 13): inquests, investigations, trials and inter-village
// requests; evidence and its chain of custody; the request's decision on the Kazekage's desk.
import type { SandstoneModule } from '../../kernel/module.ts';
import { ROLES } from '../../kernel/auth/policy.ts';
import * as m20261202T060000 from './migrations/20261202T060000_cases_create_tables.ts';
import * as m20261202T140000 from './migrations/20261202T140000_cases_handover.ts';
import * as m20261203T140100 from './migrations/20261203T140100_cases_code_series.ts';
import { casesRoutes } from './cases.routes.ts';
import { casesCli } from './cases.cli.ts';
import { casesReferences } from './cases.references.ts';
import { RECEIPT_ITEM, REQUEST_DECISION_ITEM } from './cases.service.ts';
import { receiptDecision, requestDecision } from './cases-desk.ts';

const PEOPLE = ROLES.filter((r) => r !== 'public');

export const casesModule: SandstoneModule = {
  name: 'cases',
  migrations: { '20261202T060000_cases_create_tables': m20261202T060000, '20261202T140000_cases_handover': m20261202T140000, '20261203T140100_cases_code_series': m20261203T140100 },
  routes: casesRoutes,
  cli: casesCli,
  references: casesReferences,
  deskDecisions: { [REQUEST_DECISION_ITEM]: requestDecision, [RECEIPT_ITEM]: receiptDecision },
  policy: [
    { action: 'cases.read', roles: PEOPLE, description: 'read cases, their evidence and custody reports, and inter-village requests (label-filtered: a case above your clearance does not exist for you)', labelled: true },
    { action: 'cases.write', roles: ['kazekage', 'clerk', 'jounin', 'anbu'], description: 'open cases and move them through their lifecycle; parties, links, tasks, testimony, findings, evidence and dispositions; draft and move inter-village requests', labelled: true },
    { action: 'cases.custody', roles: ['kazekage', 'clerk', 'jounin', 'chuunin', 'anbu', 'medic'], description: 'release an item of evidence you hold, and confirm or decline the receipt of one released to you (in your own name)', labelled: true },
    { action: 'cases.request.decide', roles: ['kazekage'], description: 'approve or deny an inter-village request (never one you drafted)', labelled: true },
  ],
};

export { openCase, transitionCase, addParty, addLink, addTask, completeTask, addEntry, addEvidence, transferEvidence, confirmReceipt, endHandover, setDisposition, draftRequest, stepRequest, REQUEST_DECISION_ITEM } from './cases.service.ts';
export { listCases, getCase, listCaseEvidence, getEvidence, getCustodyReport, listRequests, getRequest } from './cases.read.ts';
export { CASE_CODE_PREFIX, CASE_RESOLUTIONS } from './case-lifecycle.ts';
export { DENIAL_GROUNDS } from './request-lifecycle.ts';
export { DISPOSITIONS } from './custody.ts';
