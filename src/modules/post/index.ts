// The hawk post's public surface (issue 12): messages between people and villages by precedence,
// one delivery per recipient carried by the kernel's timed work, pigeon holes and the aviary.
import type { SandstoneModule } from '../../kernel/module.ts';
import { ROLES } from '../../kernel/auth/policy.ts';
import * as m20261201T200000 from './migrations/20261201T200000_post_create_tables.ts';
import * as m20261201T212000 from './migrations/20261201T212000_post_attachments.ts';
import * as m20261202T030000 from './migrations/20261202T030000_post_drafts.ts';
import * as m20261202T032000 from './migrations/20261202T032000_post_office_recipients.ts';
import * as m20261202T080500 from './migrations/20261202T080500_post_aviary_writer.ts';
import * as m20261203T140100 from './migrations/20261203T140100_post_code_series.ts';
import * as m20261205T040000 from './migrations/20261205T040000_post_queue_index_waiting_only.ts';
import { postRoutes } from './post.routes.ts';
import { postCli } from './post.cli.ts';
import { arriveJob, ARRIVE_JOB, copyAnswers, dispatchJob, DISPATCH_JOB, escalateJob, ESCALATE_JOB } from './post.service.ts';
import { postReferences, ACTION_ITEM } from './post.references.ts';
import { actionDecision } from './post-desk.ts';

const PEOPLE = ROLES.filter((r) => r !== 'public');
const AVIARY = ['kazekage', 'clerk', 'jounin', 'anbu'] as const;

export const postModule: SandstoneModule = {
  name: 'post',
  migrations: { '20261201T200000_post_create_tables': m20261201T200000, '20261201T212000_post_attachments': m20261201T212000, '20261202T030000_post_drafts': m20261202T030000, '20261202T032000_post_office_recipients': m20261202T032000, '20261202T080500_post_aviary_writer': m20261202T080500, '20261203T140100_post_code_series': m20261203T140100, '20261205T040000_post_queue_index_waiting_only': m20261205T040000 },
  routes: postRoutes,
  cli: postCli,
  references: postReferences,
  deskDecisions: { [ACTION_ITEM]: actionDecision(copyAnswers) },
  jobs: { [DISPATCH_JOB]: dispatchJob, [ARRIVE_JOB]: arriveJob, [ESCALATE_JOB]: escalateJob },
  policy: [
    { action: 'post.read', roles: PEOPLE, description: 'read your own pigeon hole and the messages you sent or received (label-filtered), and the hawk routes', labelled: true },
    { action: 'post.send', roles: PEOPLE, description: 'send a message by hawk post to people cleared for it, or to another village\'s aviary', labelled: true },
    { action: 'post.aviary', roles: AVIARY, description: 'see the aviary board (codes, precedence, villages and times, never contents) and record a hawk that came from another village', labelled: true },
    { action: 'post.routes.manage', roles: ['kazekage', 'clerk'], description: 'set the hawk routes between villages (distance, speed)', labelled: false },
  ],
};

export { sendMessage, answerDelivery, setRoutes, HOME_VILLAGE, DISPATCH_JOB } from './post.service.ts';
export { saveDraft, updateDraft, deleteDraft, sendDraft, getDraft, listDrafts } from './post.drafts.ts';
export { getMessage, pigeonHole, aviary, listRoutes, sentPost } from './post.read.ts';
export { PRECEDENCES, HANDLING_MINUTES, type Precedence } from './precedence.ts';
export { ACTION_ITEM } from './post.references.ts';
export { ACTION_SUSPENSE_HOURS } from './post-desk.ts';
export type { TMessage, TMessageSend, TDraft, TDraftOut } from './post.schema.ts';
