// An inter-village request's decision on the Kazekage's desk (issue 13): entering legal review
// raises a `cases.request.decision` item for whoever holds the Kazekage's post that day; approving
// or denying it takes the request's own step through stepRequest, as the decider, so separation of
// duty (the drafter may not approve) and the denial grounds hold whoever decides. The desk's
// grounds are the denial's: codes or words of DENIAL_GROUNDS, separated by commas.
import type { DeskDecisionKind } from '../../kernel/module.ts';
import { decisionStep, stepRequest } from './cases.service.ts';

export const requestDecision: DeskDecisionKind = {
  async approve(ctx, d) {
    await stepRequest(ctx, d.item.record.id, decisionStep('approve', d.grounds));
  },
  async deny(ctx, d) {
    await stepRequest(ctx, d.item.record.id, decisionStep('deny', d.grounds));
  },
};
