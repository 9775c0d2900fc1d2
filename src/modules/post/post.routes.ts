// HTTP adapter for hawk post (/api/post): zod-typed routes that call the services and nothing else.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZErrorBody } from '../../kernel/validation.ts';
import * as read from './post.read.ts';
import * as service from './post.service.ts';
import * as drafts from './post.drafts.ts';
import { ZAviary, ZDraft, ZDraftOut, ZDrafts, ZDraftsQuery, ZDeliveryParams, ZMessage, ZMessageParams, ZMessageSend, ZPigeonHole, ZPigeonHoleItem, ZPigeonHoleQuery, ZRoute, ZRoutes, ZSent, ZSentQuery } from './post.schema.ts';

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody, 422: ZErrorBody };
const tags = ['post'];
const ANSWERS = { read: 'read', acknowledge: 'acknowledged', action: 'actioned' } as const;

export async function postRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.post('/messages', {
    schema: { tags, summary: 'Send a message by hawk post: accepted, it is dispatched by precedence (FLASH first) and never lost', body: ZMessageSend, response: { 201: ZMessage, ...errors } },
  }, async (req, reply) => {
    const m = await service.sendMessage(req.ctx, req.body);
    reply.code(201).header('location', `/api/post/messages/${m.code}`);
    return m;
  });

  app.get('/drafts', {
    schema: { tags, summary: 'Your drafts: messages you are still writing, last changed first, a page at a time, without their bodies (only you see them)', querystring: ZDraftsQuery, response: { 200: ZDrafts, ...errors } },
  }, async (req) => drafts.listDrafts(req.ctx, req.query));

  app.post('/drafts', {
    schema: { tags, summary: 'Save a draft: checked as a message to be sent, except that it may have no recipients yet; nothing carries it until it is sent', body: ZDraft, response: { 201: ZDraftOut, ...errors } },
  }, async (req, reply) => {
    const d = await drafts.saveDraft(req.ctx, req.body);
    reply.code(201).header('location', `/api/post/drafts/${d.id}`);
    return d;
  });

  app.get('/drafts/:id', {
    schema: { tags, summary: 'One of your drafts (anyone else\'s: not found)', params: ZMessageParams, response: { 200: ZDraftOut, ...errors } },
  }, async (req) => drafts.getDraft(req.ctx, req.params.id));

  app.put('/drafts/:id', {
    schema: { tags, summary: 'Replace one of your drafts with what you have written now', params: ZMessageParams, body: ZDraft, response: { 200: ZDraftOut, ...errors } },
  }, async (req) => drafts.updateDraft(req.ctx, req.params.id, req.body));

  app.delete('/drafts/:id', {
    schema: { tags, summary: 'Throw one of your drafts away', params: ZMessageParams, response: { 204: z.null(), ...errors } },
  }, async (req, reply) => {
    await drafts.deleteDraft(req.ctx, req.params.id);
    reply.code(204);
    return null;
  });

  app.post('/drafts/:id/send', {
    schema: { tags, summary: 'Send one of your drafts as it was saved: every rule of sending applies (422 at its fields); the draft is then gone', params: ZMessageParams, response: { 201: ZMessage, ...errors } },
  }, async (req, reply) => {
    const m = await drafts.sendDraft(req.ctx, req.params.id);
    reply.code(201).header('location', `/api/post/messages/${m.code}`);
    return m;
  });

  app.get('/messages/:id', {
    schema: { tags, summary: 'A message (id or code) you sent (with every delivery and its receipts) or received (with yours)', params: ZMessageParams, response: { 200: ZMessage, ...errors } },
  }, async (req) => read.getMessage(req.ctx, req.params.id));

  app.get('/pigeon-hole', {
    schema: { tags, summary: 'Your pigeon hole: messages delivered to you, most urgent first, then newest; unread counts per precedence', querystring: ZPigeonHoleQuery, response: { 200: ZPigeonHole, ...errors } },
  }, async (req) => read.pigeonHole(req.ctx, req.query));

  for (const [path, state] of Object.entries(ANSWERS)) {
    app.post(`/deliveries/:id/${path}`, {
      schema: { tags, summary: `Mark a message in your pigeon hole ${state} (only you can; reading is never automatic)`, params: ZDeliveryParams, response: { 200: ZPigeonHoleItem, ...errors } },
    }, async (req) => service.answerDelivery(req.ctx, req.params.id, state));
  }

  app.get('/sent', {
    schema: { tags, summary: 'Sent post, newest first, with every delivery and its receipts: yours, or with office=… what the members of an office you belong to today sent in its name', querystring: ZSentQuery, response: { 200: ZSent, ...errors } },
  }, async (req) => read.sentPost(req.ctx, req.query));

  app.get('/aviary', {
    schema: { tags, summary: 'The aviary board: hawks waiting (in the order they fly), in flight with their ETAs, and landed in the last day', response: { 200: ZAviary, ...errors } },
  }, async (req) => read.aviary(req.ctx));

  app.get('/routes', {
    schema: { tags, summary: 'Hawk routes between villages: distance, the hawk\'s speed, and the flight time', response: { 200: z.object({ items: z.array(ZRoute) }), ...errors } },
  }, async (req) => read.listRoutes(req.ctx));

  app.put('/routes', {
    schema: { tags, summary: 'Replace the hawk routes', body: ZRoutes, response: { 200: z.object({ items: z.array(ZRoute) }), ...errors } },
  }, async (req) => {
    await service.setRoutes(req.ctx, req.body);
    return read.listRoutes(req.ctx);
  });
}
