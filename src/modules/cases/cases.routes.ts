// HTTP adapter for cases (/api/cases): zod-typed routes that call the services and nothing else.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZErrorBody } from '../../kernel/validation.ts';
import { sendJsonText } from '../../kernel/http/json-text.ts';
import * as read from './cases.read.ts';
import * as service from './cases.service.ts';
import {
  CASE_PAGE_EVIDENCE, ZCase, ZCaseList, ZCaseOpen, ZCaseParams, ZCaseQuery, ZCaseTransition, ZDisposition, ZEntry, ZEvidence, ZEvidenceAdd, ZEvidencePage, ZEvidenceParams, ZEvidenceQuery,
  ZLink, ZParty, ZRequest, ZRequestDraft, ZRequestList, ZRequestParams, ZRequestQuery, ZRequestStep, ZTask, ZTaskParams, ZTransfer, ZReceipt, ZHandoverEnd,
} from './cases.schema.ts';

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody, 422: ZErrorBody };
const tags = ['cases'];

export async function casesRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/cases', {
    schema: { tags, summary: 'Cases you are cleared for, newest first (a case above your clearance is not counted either)', querystring: ZCaseQuery, response: { 200: ZCaseList, ...errors } },
  }, async (req) => read.listCases(req.ctx, req.query));

  app.post('/cases', {
    schema: { tags, summary: 'Open a case at intake: its code (INQ-2026-003) is numbered per kind and year', body: ZCaseOpen, response: { 201: ZCase, ...errors } },
  }, async (req, reply) => {
    const c = await service.openCase(req.ctx, req.body);
    reply.code(201).header('location', `/api/cases/cases/${c.code}`);
    return c;
  });

  app.get('/cases/:ref', {
    schema: { tags, summary: `A case page: parties, links, tasks, timeline, testimony and findings; the first ${CASE_PAGE_EVIDENCE} items of evidence with their custodians, and how many there are`, params: ZCaseParams, response: { 200: ZCase, ...errors } },
  }, async (req, reply) => sendJsonText(reply, await read.caseDocument(req.ctx, req.params.ref)));

  app.get('/cases/:ref/evidence', {
    schema: { tags, summary: 'A page of a case\'s evidence, in the order it was added, with how many items the case has', params: ZCaseParams, querystring: ZEvidenceQuery, response: { 200: ZEvidencePage, ...errors } },
  }, async (req) => read.listCaseEvidence(req.ctx, req.params.ref, req.query));

  app.post('/cases/:ref/transitions', {
    schema: { tags, summary: 'Move a case on (open, investigate, submit for review, return, close with a resolution, reopen with a reason); a refusal is 409 with the reason', params: ZCaseParams, body: ZCaseTransition, response: { 200: ZCase, ...errors } },
  }, async (req) => service.transitionCase(req.ctx, req.params.ref, req.body));

  app.post('/cases/:ref/parties', {
    schema: { tags, summary: 'Add a party: a registry person as subject, witness, investigator or counsel', params: ZCaseParams, body: ZParty, response: { 200: ZCase, ...errors } },
  }, async (req) => service.addParty(req.ctx, req.params.ref, req.body));

  app.post('/cases/:ref/links', {
    schema: { tags, summary: 'Link a mission, a person or a hawk-post message to the case', params: ZCaseParams, body: ZLink, response: { 200: ZCase, ...errors } },
  }, async (req) => service.addLink(req.ctx, req.params.ref, req.body));

  app.post('/cases/:ref/tasks', {
    schema: { tags, summary: 'Add a task to the case (a case closes only with none open)', params: ZCaseParams, body: ZTask, response: { 200: ZCase, ...errors } },
  }, async (req) => service.addTask(req.ctx, req.params.ref, req.body));

  app.post('/cases/:ref/tasks/:task/done', {
    schema: { tags, summary: 'Mark a task of the case done', params: ZTaskParams, response: { 200: ZCase, ...errors } },
  }, async (req) => service.completeTask(req.ctx, req.params.ref, req.params.task));

  app.post('/cases/:ref/entries', {
    schema: { tags, summary: 'Record testimony or a finding, dated (findings are final once the case closes)', params: ZCaseParams, body: ZEntry, response: { 200: ZCase, ...errors } },
  }, async (req) => service.addEntry(req.ctx, req.params.ref, req.body));

  app.post('/cases/:ref/evidence', {
    schema: { tags, summary: 'Add an item of evidence: its collector is its first custodian', params: ZCaseParams, body: ZEvidenceAdd, response: { 201: ZEvidence, ...errors } },
  }, async (req, reply) => {
    const e = await service.addEvidence(req.ctx, req.params.ref, req.body);
    reply.code(201).header('location', `/api/cases/evidence/${encodeURIComponent(e.code)}`);
    return e;
  });

  app.get('/evidence/:ref', {
    schema: { tags, summary: 'An item of evidence with its whole chain of custody and any break in it', params: ZEvidenceParams, response: { 200: ZEvidence, ...errors } },
  }, async (req) => read.getEvidence(req.ctx, req.params.ref));

  app.post('/evidence/:ref/transfers', {
    schema: { tags, summary: 'Release an item you hold to a receiver: custody passes when they confirm its receipt (/receipt); a digital item\'s SHA-256 is checked (a release by anyone but the holder is 403 and audited; other refusals 409)', params: ZEvidenceParams, body: ZTransfer, response: { 200: ZEvidence, ...errors } },
  }, async (req) => service.transferEvidence(req.ctx, req.params.ref, req.body));

  app.post('/evidence/:ref/receipt', {
    schema: { tags, summary: 'Confirm, in your own name, the receipt of an item released to you, as you found it: custody passes to you (anyone else is 403 and audited)', params: ZEvidenceParams, body: ZReceipt, response: { 200: ZEvidence, ...errors } },
  }, async (req) => service.confirmReceipt(req.ctx, req.params.ref, req.body));

  app.post('/evidence/:ref/decline', {
    schema: { tags, summary: 'Decline an item released to you, with the reason: it stays with its holder', params: ZEvidenceParams, body: ZHandoverEnd, response: { 200: ZEvidence, ...errors } },
  }, async (req) => service.endHandover(req.ctx, req.params.ref, 'declined', req.body));

  app.post('/evidence/:ref/withdraw', {
    schema: { tags, summary: 'Withdraw your release of an item before its receiver confirms it, with the reason', params: ZEvidenceParams, body: ZHandoverEnd, response: { 200: ZEvidence, ...errors } },
  }, async (req) => service.endHandover(req.ctx, req.params.ref, 'withdrawn', req.body));

  app.post('/evidence/:ref/disposition', {
    schema: { tags, summary: 'Record what becomes of an item when its case ends', params: ZEvidenceParams, body: ZDisposition, response: { 200: ZEvidence, ...errors } },
  }, async (req) => service.setDisposition(req.ctx, req.params.ref, req.body));

  app.get('/evidence/:ref/custody-report', {
    schema: { tags, summary: 'The printable chain-of-custody report of an item (plain text)', params: ZEvidenceParams, response: { 200: z.string(), ...errors } },
  }, async (req, reply) => {
    const text = await read.getCustodyReport(req.ctx, req.params.ref);
    reply.type('text/plain; charset=utf-8');
    return text;
  });

  app.get('/requests', {
    schema: { tags, summary: 'Inter-village requests (extradition, prisoner transfer) you are cleared for', querystring: ZRequestQuery, response: { 200: ZRequestList, ...errors } },
  }, async (req) => read.listRequests(req.ctx, req.query));

  app.post('/requests', {
    schema: { tags, summary: 'Draft an inter-village request', body: ZRequestDraft, response: { 201: ZRequest, ...errors } },
  }, async (req, reply) => {
    const r = await service.draftRequest(req.ctx, req.body);
    reply.code(201).header('location', `/api/cases/requests/${r.code}`);
    return r;
  });

  app.get('/requests/:ref', {
    schema: { tags, summary: 'A request with its steps and the notice the requesting village was given of each', params: ZRequestParams, response: { 200: ZRequest, ...errors } },
  }, async (req) => read.getRequest(req.ctx, req.params.ref));

  app.post('/requests/:ref/steps', {
    schema: { tags, summary: 'Take a step of a request (approving and denying are the decision; its drafter may not approve); 409 with the reason when refused', params: ZRequestParams, body: ZRequestStep, response: { 200: ZRequest, ...errors } },
  }, async (req) => service.stepRequest(req.ctx, req.params.ref, req.body));
}
