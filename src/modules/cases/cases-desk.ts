// An inter-village request's decision on the Kazekage's desk (issue 13): entering legal review
// raises a `cases.request.decision` item for whoever holds the Kazekage's post that day; approving
// or denying it takes the request's own step through stepRequest, as the decider, so separation of
// duty (the drafter may not approve) and the denial grounds hold whoever decides. The desk's
// grounds are the denial's: codes or words of DENIAL_GROUNDS, separated by commas.
import type { DeskDecisionKind } from '../../kernel/module.ts';
import { AppError } from '../../kernel/errors.ts';
import { confirmReceipt, decisionStep, endHandover, stepRequest } from './cases.service.ts';
import { pendingOf } from './cases.read.ts';
import { CaseErrors } from './cases.errors.ts';

export const requestDecision: DeskDecisionKind = {
  async approve(ctx, d) {
    await stepRequest(ctx, d.item.record.id, decisionStep('approve', d.grounds));
  },
  async deny(ctx, d) {
    await stepRequest(ctx, d.item.record.id, decisionStep('deny', d.grounds));
  },
};

/**
 * A release on its receiver's desk: approving confirms receipt as the releaser described it
 * (condition and seal), denying declines it with the grounds. Only the receiver confirms, in
 * person: no acting official nor delegate may sign for them. A digital item's hash must be
 * computed at the receipt, so it is confirmed on the item's page, not approved from the desk.
 */
export const receiptDecision: DeskDecisionKind = {
  inPerson: { why: 'only the receiver confirms or declines the receipt of evidence, in person' },
  refusal(d) {
    return d.actingFor ? new AppError('CASES_RECEIPT_IN_PERSON', 'forbidden', 'Only the receiver confirms or declines the receipt of evidence, in person: it cannot be decided for them.') : null;
  },
  async approve(ctx, d) {
    if (d.item.detail.digital) {
      throw CaseErrors.refused('CASES_RECEIPT_NEEDS_HASH', `${String(d.item.detail.code)} is digital: compute its SHA-256 as you receive it and confirm on the item's page`);
    }
    const pending = await pendingOf(ctx.db, d.item.record.id);
    if (!pending) throw CaseErrors.refused('CASES_CUSTODY_REFUSED', `nothing of ${String(d.item.detail.code)} awaits your receipt any more`);
    await confirmReceipt(ctx, d.item.record.id, { condition: pending.condition, sealIntact: pending.sealIntact });
  },
  async deny(ctx, d) {
    await endHandover(ctx, d.item.record.id, 'declined', { reason: d.grounds ?? 'declined on the desk' });
  },
};
