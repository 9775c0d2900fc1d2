// HTTP adapter for the statute book (/api/legislature): zod-typed routes that call the services and nothing else.
// The law search (/search) is the search's own route file.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ZErrorBody } from '../../kernel/validation.ts';
import { etagOf, versionFromIfMatch } from '../../kernel/http/preconditions.ts';
import { sendJsonText } from '../../kernel/http/json-text.ts';
import * as read from './legislature.read.ts';
import * as service from './legislature.service.ts';
import { statuteToAkn } from './akn.ts';
import {
  ZAtQuery, ZCitationsResolve, ZCitationsResolved, ZCodeParams, ZDiff, ZDiffQuery, ZHistory, ZStatute, ZStatuteAmend, ZStatuteCreate, ZStatuteRepeal,
  ZTitleCreate, ZTitleCreated, ZTitles,
} from './legislature.schema.ts';

const errors = { 400: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody, 412: ZErrorBody, 422: ZErrorBody, 428: ZErrorBody };
const tags = ['legislature'];

export async function legislatureRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/titles', {
    schema: { tags, summary: 'The title index: every title with the statutes you may see and their status on a date (default today)', querystring: ZAtQuery, response: { 200: ZTitles, ...errors } },
  }, async (req) => read.listTitles(req.ctx, req.query.at));

  app.post('/titles', {
    schema: { tags, summary: 'Add a title of the code', body: ZTitleCreate, response: { 201: ZTitleCreated, ...errors } },
  }, async (req, reply) => {
    reply.code(201);
    return service.createTitle(req.ctx, req.body);
  });

  app.get('/statutes/:code', {
    schema: {
      tags, summary: 'A statute as in force on a date (default today): its text, the version and what made it, its timeline. 404 says which: no such code, not yet in force, repealed',
      params: ZCodeParams, querystring: ZAtQuery, response: { 200: ZStatute, ...errors },
    },
  }, async (req, reply) => {
    const doc = await read.statuteDocument(req.ctx, req.params.code, req.query.at);
    return sendJsonText(reply.header('etag', etagOf(doc.version)), doc.json);
  });

  app.get('/statutes/:code/history', {
    schema: { tags, summary: 'Every version of a statute, oldest first; a repeal is an item', params: ZCodeParams, response: { 200: ZHistory, ...errors } },
  }, async (req, reply) => {
    const { version, ...h } = await read.statuteHistory(req.ctx, req.params.code);
    reply.header('etag', etagOf(version));
    return h;
  });

  app.get('/statutes/:code/diff', {
    schema: { tags, summary: 'A word-level redline between the texts in force on two dates', params: ZCodeParams, querystring: ZDiffQuery, response: { 200: ZDiff, ...errors } },
  }, async (req) => read.statuteDiff(req.ctx, req.params.code, req.query.from, req.query.to));

  app.get('/statutes/:code/akn', {
    schema: { tags, summary: 'A statute as an Akoma Ntoso 3.0 act (every version; the body as in force on the date, which must be one it was in force; without a date, the text of today, or its last one once repealed)', params: ZCodeParams, querystring: ZAtQuery },
  }, async (req, reply) => {
    const today = read.villageToday(req.ctx);
    // Without a date a repealed statute is still exported, history and all, as the CLI does.
    const s = await read.statuteForAkn(req.ctx, req.params.code, req.query.at);
    return reply.header('content-type', 'application/akn+xml; charset=utf-8').send(statuteToAkn(s, { at: req.query.at ?? today, generatedOn: today }));
  });

  app.post('/statutes', {
    schema: { tags, summary: 'Add a statute with its first version', body: ZStatuteCreate, response: { 201: ZStatute, ...errors } },
  }, async (req, reply) => {
    const { statute, version } = await service.createStatute(req.ctx, req.body);
    reply.code(201).header('location', `/api/legislature/statutes/${statute.code}`).header('etag', etagOf(version));
    return statute;
  });

  app.post('/statutes/:code/versions', {
    schema: {
      tags, summary: "A clerk's consolidation: a new dated version after the latest one (send If-Match with the statute's ETag)",
      params: ZCodeParams, body: ZStatuteAmend, response: { 201: ZStatute, ...errors },
    },
  }, async (req, reply) => {
    const { statute, version } = await service.amendStatute(req.ctx, req.params.code, req.body, versionFromIfMatch(req.headers['if-match']));
    reply.code(201).header('etag', etagOf(version));
    return statute;
  });

  app.post('/statutes/:code/repeal', {
    schema: { tags, summary: "Repeal a statute from a date (send If-Match with the statute's ETag); its history stays readable", params: ZCodeParams, body: ZStatuteRepeal, response: { 200: ZHistory, ...errors } },
  }, async (req, reply) => {
    const { version, ...h } = await service.repealStatute(req.ctx, req.params.code, req.body, versionFromIfMatch(req.headers['if-match']));
    reply.header('etag', etagOf(version));
    return h;
  });

  app.post('/citations/resolve', {
    schema: {
      tags, summary: 'Find every statute citation in a text and resolve it on a date: status, heading, and the cited text in force (writes nothing)',
      body: ZCitationsResolve, response: { 200: ZCitationsResolved, ...errors },
    },
  }, async (req) => read.resolveCitationsInText(req.ctx, req.body));
}
