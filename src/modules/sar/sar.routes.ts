// HTTP adapter for search and rescue (/api/sar): zod-typed routes that call the services and nothing else.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ZErrorBody } from '../../kernel/validation.ts';
import * as read from './sar.read.ts';
import * as service from './sar.service.ts';
import { landOfWind } from './land-of-wind.ts';
import {
  ZCellAnswer, ZCellsQuery, ZHazard, ZHazardCreate, ZLand, ZListQuery, ZMap, ZMapQuery, ZOperation, ZOperationClose, ZOperationDetail, ZOperationList,
  ZOperationOpen, ZOperationParams, ZPlan, ZPlanQuery, ZSensorPost, ZSensorPostCreate, ZSighting, ZSightingCreate,
} from './sar.schema.ts';

const errors = { 400: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody, 422: ZErrorBody };
const tags = ['sar'];

export async function sarRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/land', {
    schema: { tags, summary: 'The Land of Wind: named features with their terrain, in km from the centre of the village (public, cacheable)', response: { 200: ZLand } },
  }, async (_req, reply) => {
    reply.header('cache-control', 'public, max-age=3600');
    return landOfWind();
  });

  app.get('/operations', {
    schema: { tags, summary: 'Search and rescue operations you may see, newest first', querystring: ZListQuery, response: { 200: ZOperationList, ...errors } },
  }, async (req) => read.listOperations(req.ctx, req.query.status));

  app.post('/operations', {
    schema: { tags, summary: 'Open an operation for a missing person (records the person missing)', body: ZOperationOpen, response: { 201: ZOperation, ...errors } },
  }, async (req, reply) => {
    const o = await service.openOperation(req.ctx, req.body);
    reply.code(201).header('location', `/api/sar/operations/${o.code}`);
    return o;
  });

  app.get('/operations/:id', {
    schema: { tags, summary: 'An operation (id or code) with its sensor posts, sightings, hazards, teams and tracks', params: ZOperationParams, response: { 200: ZOperationDetail, ...errors } },
  }, async (req) => read.operationDetail(req.ctx, req.params.id));

  app.post('/operations/:id/close', {
    schema: { tags, summary: 'Close an operation: found (the person is active again) or called off', params: ZOperationParams, body: ZOperationClose, response: { 200: ZOperation, ...errors } },
  }, async (req) => service.closeOperation(req.ctx, req.params.id, req.body));

  app.post('/operations/:id/sensor-posts', {
    schema: { tags, summary: 'Record a sensor post (sensor-type shinobi who feel chakra within a range)', params: ZOperationParams, body: ZSensorPostCreate, response: { 201: ZSensorPost, ...errors } },
  }, async (req, reply) => {
    reply.code(201);
    return service.addSensorPost(req.ctx, req.params.id, req.body);
  });

  app.post('/operations/:id/sightings', {
    schema: { tags, summary: 'Record a sighting: a position, a bearing from a sensor post, or a post that stayed silent (may be later than others: applied in time order)', params: ZOperationParams, body: ZSightingCreate, response: { 201: ZSighting, ...errors } },
  }, async (req, reply) => {
    reply.code(201);
    return service.addSighting(req.ctx, req.params.id, req.body);
  });

  app.post('/operations/:id/hazards', {
    schema: { tags, summary: 'Record a hazard every team is shown (no effect on the probabilities)', params: ZOperationParams, body: ZHazardCreate, response: { 201: ZHazard, ...errors } },
  }, async (req, reply) => {
    reply.code(201);
    return service.addHazard(req.ctx, req.params.id, req.body);
  });

  app.get('/operations/:id/map', {
    schema: { tags, summary: 'The probability map as it stood at an instant (default now): every report up to then in time order', params: ZOperationParams, querystring: ZMapQuery, response: { 200: ZMap, ...errors } },
  }, async (req) => read.operationMap(req.ctx, req.params.id, req.query.at));

  app.get('/operations/:id/plan', {
    schema: { tags, summary: "The effort plan: which team should search which map square next, beside Stone's optimal allocation of the same effort", params: ZOperationParams, querystring: ZPlanQuery, response: { 200: ZPlan, ...errors } },
  }, async (req) => read.operationPlan(req.ctx, req.params.id, req.query));

  app.get('/operations/:id/cells', {
    schema: { tags, summary: "One cell's probability and how it got there (the ledger), at an instant (default now)", params: ZOperationParams, querystring: ZCellsQuery, response: { 200: ZCellAnswer, ...errors } },
  }, async (req) => read.operationCell(req.ctx, req.params.id, req.query.x, req.query.y, req.query.at));
}
