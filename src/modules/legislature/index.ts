// The legislature module's public surface: the statute book (point-in-time law, citations,
// search, Akoma Ntoso), bills, and council sessions (agenda, attendance, speakers, motions, roll calls).
import type { SandstoneModule } from '../../kernel/module.ts';
import { ROLES } from '../../kernel/auth/policy.ts';
import * as m20261201T140000 from './migrations/20261201T140000_legislature_create_tables.ts';
import * as m20261201T140100 from './migrations/20261201T140100_legislature_search_docs.ts';
import * as m20261201T140200 from './migrations/20261201T140200_legislature_watch_tables.ts';
import * as m20261201T140300 from './migrations/20261201T140300_legislature_search_index.ts';
import * as m20261201T140400 from './migrations/20261201T140400_legislature_search_partition.ts';
import * as m20261201T140500 from './migrations/20261201T140500_legislature_search_bm25.ts';
import * as m20261201T160000 from './migrations/20261201T160000_legislature_bills.ts';
import * as m20261201T160100 from './migrations/20261201T160100_legislature_search_tf.ts';
import * as m20261201T170000 from './migrations/20261201T170000_legislature_sessions.ts';
import * as m20261201T190000 from './migrations/20261201T190000_legislature_minutes.ts';
import * as m20261201T191000 from './migrations/20261201T191000_legislature_vote_seats.ts';
import * as m20261201T211000 from './migrations/20261201T211000_legislature_minutes_no_replace.ts';
import * as m20261201T213000 from './migrations/20261201T213000_legislature_vote_urgent.ts';
import * as m20261201T214000 from './migrations/20261201T214000_legislature_minutes_session_fixed.ts';
import * as m20261202T150000 from './migrations/20261202T150000_legislature_bill_title_read.ts';
import * as m20261203T150000 from './migrations/20261203T150000_legislature_bill_code_series.ts';
import * as m20261204T000000 from './migrations/20261204T000000_legislature_session_code_series.ts';
import { billRoutes } from './bills.routes.ts';
import { sessionRoutes } from './sessions.routes.ts';
import { minutesRoutes } from './minutes.routes.ts';
import { deemedAssentJob, DEEMED_ASSENT_JOB, enactBillJob, ENACT_JOB, recordBillAction } from './bills.service.ts';
import { searchShownTodayJob, SEARCH_TODAY_JOB } from './legislature.service.ts';
import { billSignDecision, BILL_SIGN_ITEM } from './bill-desk.ts';
import { legislatureRoutes } from './legislature.routes.ts';
import { legislatureCli } from './legislature.cli.ts';
import { aknCli } from './akn.cli.ts';
import { searchRoutes } from './search.routes.ts';
import { searchCli } from './search.cli.ts';
import { legislatureReferences } from './legislature.references.ts';

const WRITERS = ['kazekage', 'clerk'] as const;
const DRAFTERS = ['kazekage', 'councillor', 'clerk'] as const;

export const legislatureModule: SandstoneModule = {
  name: 'legislature',
  migrations: {
    '20261201T140000_legislature_create_tables': m20261201T140000,
    '20261201T140100_legislature_search_docs': m20261201T140100,
    '20261201T140200_legislature_watch_tables': m20261201T140200,
    '20261201T140300_legislature_search_index': m20261201T140300,
    '20261201T140400_legislature_search_partition': m20261201T140400,
    '20261201T140500_legislature_search_bm25': m20261201T140500,
    '20261201T160000_legislature_bills': m20261201T160000,
    '20261201T160100_legislature_search_tf': m20261201T160100,
    '20261201T170000_legislature_sessions': m20261201T170000,
    '20261201T190000_legislature_minutes': m20261201T190000,
    '20261201T191000_legislature_vote_seats': m20261201T191000,
    '20261201T211000_legislature_minutes_no_replace': m20261201T211000,
    '20261201T213000_legislature_vote_urgent': m20261201T213000,
    '20261201T214000_legislature_minutes_session_fixed': m20261201T214000,
    '20261202T150000_legislature_bill_title_read': m20261202T150000,
    '20261203T150000_legislature_bill_code_series': m20261203T150000,
    '20261204T000000_legislature_session_code_series': m20261204T000000,
  },
  routes: async (app) => {
    await legislatureRoutes(app);
    await searchRoutes(app);
    await billRoutes(app);
    await sessionRoutes(app);
    await minutesRoutes(app);
  },
  cli: (program, host) => {
    legislatureCli(program, host);
    searchCli(program, host);
    aknCli(program, host);
  },
  references: legislatureReferences,
  policy: [
    { action: 'legislature.read', roles: ROLES, description: 'read the statute book: statutes as of a date, histories, redlines, titles, citations, search, Akoma Ntoso (label-filtered)', labelled: true },
    { action: 'legislature.title.create', roles: WRITERS, description: 'add a title of the code', labelled: false },
    { action: 'legislature.statute.create', roles: WRITERS, description: 'add a statute with its first version', labelled: true },
    { action: 'legislature.statute.amend', roles: WRITERS, description: "record a clerk's consolidation: a new dated version of a statute", labelled: true },
    { action: 'legislature.statute.repeal', roles: WRITERS, description: 'repeal a statute from a date', labelled: true },
    { action: 'legislature.akn.import', roles: WRITERS, description: 'import statutes and bills (Akoma Ntoso, the demo statute book)', labelled: true },
    { action: 'legislature.bill.create', roles: DRAFTERS, description: 'draft a bill: title, sponsors, drafter and due date', labelled: true },
    { action: 'legislature.bill.edit', roles: DRAFTERS, description: "a bill's new texts, its drafting assignment, its amendments and commencement date (until it passes)", labelled: true },
    { action: 'legislature.bill.advance', roles: WRITERS, description: "record a bill's next stage (readings, committee, passed or failed)", labelled: true },
    { action: 'legislature.session.manage', roles: WRITERS, description: "run a council session: schedule it and its agenda, attendance, open and adjourn it, give the floor, open and close votes, record a member's answer called aloud or a request to speak for a member", labelled: true },
    { action: 'legislature.session.take-part', roles: ['councillor'], description: 'take part in a session as a member on its date, for oneself: mark oneself present, ask to speak, move and second motions, answer a roll call', labelled: true },
    { action: 'legislature.bill.sign', roles: ['kazekage'], description: 'sign or veto a passed bill (signing schedules its enactment)', labelled: true },
  ],
  jobs: { [ENACT_JOB]: enactBillJob, [DEEMED_ASSENT_JOB]: deemedAssentJob, [SEARCH_TODAY_JOB]: searchShownTodayJob },
  deskDecisions: { [BILL_SIGN_ITEM]: billSignDecision(recordBillAction) },
};

export { replaceSearchDocs, type SearchDoc, type SearchKind } from './search-index.ts';
export { findCitations, type Citation } from './citations.ts';
export { createTitle, createStatute, amendStatute, repealStatute, importStatutes, importBill, billCode, searchShownToday, type ImportStatutesResult } from './legislature.service.ts';
export { getStatute, statuteDocument, statuteHistory, statuteDiff, listTitles, statuteForAkn, resolveCitationsInText, villageToday } from './legislature.read.ts';
export type { TStatuteImport, TStatute } from './legislature.schema.ts';
export { councilDate } from './legislature.schema.ts';
export { importAknFiles, type AknImportReport } from './akn-import.ts';
export { readAknFile, type AknProblem } from './akn-check.ts';
export { searchLaw, type SearchAnswer, type SearchHit } from './search.ts';
export { BILL_SIGN_ITEM, ACTING_LIMITS_STATUTE } from './bill-desk.ts';
export { createBill, addBillText, setBillDrafting, setBillAmendments, recordBillAction, ENACT_JOB, DEEMED_ASSENT_JOB } from './bills.service.ts';
export { getBill, listBills, billDiff } from './bills.read.ts';
export { createSession, addAgendaItem, orderAgenda, setSessionStatus, setAttendance, queueAction, moveMotion, secondMotion, withdrawMotion, openVote, castBallot, closeVote } from './sessions.service.ts';
export { getSession, getQueue, listSessions, popoloVoteEvent, popoloMotion, sessionsCalendar, sessionCalendar } from './sessions.read.ts';
export { draftMinutes, editMinutes, approveMinutes } from './minutes.service.ts';
export { getMinutes } from './minutes.read.ts';
export { minutesOfBills } from './minutes-links.ts';
