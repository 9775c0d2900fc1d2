// HTTP adapter for bills (/api/legislature/bills): zod-typed routes that call the services and nothing else.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ZErrorBody } from '../../kernel/validation.ts';
import * as read from './bills.read.ts';
import * as service from './bills.service.ts';
import { ZBill, ZBillActionAdd, ZBillAmendments, ZBillCreate, ZBillDiff, ZBillDiffQuery, ZBillDrafting, ZBillList, ZBillListQuery, ZBillParams, ZBillTextAdd } from './bills.schema.ts';

const errors = { 400: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody, 412: ZErrorBody, 422: ZErrorBody };
const tags = ['legislature'];

export async function billRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/bills', {
    schema: { tags, summary: 'Bills you may see, newest first; by stage; or the drafting board (drafting=open: open assignments, soonest due first, overdue marked)', querystring: ZBillListQuery, response: { 200: ZBillList, ...errors } },
  }, async (req) => read.listBills(req.ctx, req.query));

  app.post('/bills', {
    schema: { tags, summary: 'Draft a bill: title, sponsors, optionally a drafter with a due date and a first text', body: ZBillCreate, response: { 201: ZBill, ...errors } },
  }, async (req, reply) => {
    reply.code(201);
    return service.createBill(req.ctx, req.body);
  });

  app.get('/bills/:code', {
    schema: { tags, summary: 'A bill: stage and what may come next, sponsors, drafting, texts, actions (with their OpenStates classification), amendments', params: ZBillParams, response: { 200: ZBill, ...errors } },
  }, async (req) => read.getBill(req.ctx, req.params.code));

  app.get('/bills/:code/diff', {
    schema: { tags, summary: "A word-level redline between two of a bill's texts, by number", params: ZBillParams, querystring: ZBillDiffQuery, response: { 200: ZBillDiff, ...errors } },
  }, async (req) => read.billDiff(req.ctx, req.params.code, req.query.from, req.query.to));

  app.post('/bills/:code/texts', {
    schema: { tags, summary: 'A new full text of a bill, with a note saying what changed', params: ZBillParams, body: ZBillTextAdd, response: { 201: ZBill, ...errors } },
  }, async (req, reply) => {
    reply.code(201);
    return service.addBillText(req.ctx, req.params.code, req.body);
  });

  app.post('/bills/:code/actions', {
    schema: { tags, summary: 'The next stage of a bill, dated (only a legal one; signing or vetoing is the Kazekage\'s; signing schedules the enactment)', params: ZBillParams, body: ZBillActionAdd, response: { 201: ZBill, ...errors } },
  }, async (req, reply) => {
    reply.code(201);
    return service.recordBillAction(req.ctx, req.params.code, req.body);
  });

  app.put('/bills/:code/drafting', {
    schema: { tags, summary: 'The drafting assignment: drafter, due date, handed in', params: ZBillParams, body: ZBillDrafting, response: { 200: ZBill, ...errors } },
  }, async (req) => service.setBillDrafting(req.ctx, req.params.code, req.body));

  app.put('/bills/:code/amendments', {
    schema: { tags, summary: "The bill's amendments to the statute book and its commencement date (until it passes); they must apply to the law in force that day", params: ZBillParams, body: ZBillAmendments, response: { 200: ZBill, ...errors } },
  }, async (req) => service.setBillAmendments(req.ctx, req.params.code, req.body));
}
