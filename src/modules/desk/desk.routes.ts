// HTTP adapter for the desk (/api/desk): zod-typed routes that call the services and nothing else.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ZErrorBody } from '../../kernel/validation.ts';
import * as read from './desk.read.ts';
import * as service from './desk.service.ts';
import { ZDecision, ZDelegation, ZDelegationGrant, ZDelegationList, ZDelinquencyReports, ZIdParams, ZItem, ZItemList, ZItemQuery, ZReportQuery } from './desk.schema.ts';

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody, 422: ZErrorBody };
const tags = ['desk'];

export async function deskRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/items', {
    schema: { tags, summary: 'Your desk: items awaiting your decision, and those you may decide acting for another (marked), most overdue first; items above your clearance only counted (withheld)', querystring: ZItemQuery, response: { 200: ZItemList, ...errors } },
  }, async (req) => read.listItems(req.ctx, req.query));

  app.get('/items/:id', {
    schema: { tags, summary: 'An item on your desk, or on one you act for', params: ZIdParams, response: { 200: ZItem, ...errors } },
  }, async (req) => read.getItem(req.ctx, req.params.id));

  app.post('/items/:id/decision', {
    schema: { tags, summary: 'Decide an item: approve, deny (with grounds), defer (to a later date, with an interim reply) or delegate this one item to a named official', params: ZIdParams, body: ZDecision, response: { 200: ZItem, ...errors } },
  }, async (req) => service.decideItem(req.ctx, req.params.id, req.body));

  app.get('/delegations', {
    schema: { tags, summary: 'Delegations of authority you granted and those you hold', response: { 200: ZDelegationList, ...errors } },
  }, async (req) => read.listDelegations(req.ctx));

  app.post('/delegations', {
    schema: { tags, summary: 'Delegate authority over your desk to an acting official for a period (at most the days section 3-104 allows), for all kinds of item or those named', body: ZDelegationGrant, response: { 201: ZDelegation, ...errors } },
  }, async (req, reply) => {
    const d = await service.grantDelegation(req.ctx, req.body);
    reply.code(201);
    return d;
  });

  app.post('/delegations/:id/revoke', {
    schema: { tags, summary: 'Revoke a delegation you granted: it stops from the next request', params: ZIdParams, response: { 200: ZDelegation, ...errors } },
  }, async (req) => service.revokeDelegation(req.ctx, req.params.id));

  app.get('/reports/delinquency', {
    schema: { tags, summary: 'The weekly delinquency reports (Mondays 06:00 village time): items past their suspense, how late; lines above your clearance only counted', querystring: ZReportQuery, response: { 200: ZDelinquencyReports, ...errors } },
  }, async (req) => read.listDelinquencyReports(req.ctx, req.query));
}
