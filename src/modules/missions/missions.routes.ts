// HTTP adapter for missions (/api/missions): zod-typed routes that call the services and nothing else.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ZErrorBody } from '../../kernel/validation.ts';
import { etagOf, versionFromIfMatch } from '../../kernel/http/preconditions.ts';
import * as read from './missions.read.ts';
import * as service from './missions.service.ts';
import {
  ZInjury, ZMission, ZMissionCreate, ZMissionList, ZMissionListQuery, ZMissionParams, ZMissionStep, ZQueue, ZReport, ZReportCreate, ZReportEdit,
  ZReportParams, ZReportReturn, ZTeam, ZTurnaround, ZTurnaroundQuery, type TReport,
} from './missions.schema.ts';

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody, 412: ZErrorBody, 422: ZErrorBody, 428: ZErrorBody };
const tags = ['missions'];
const MISSION_STEPS = { start: 'Start a planned mission: its team needs exactly one leader', complete: 'Record that a mission under way was completed', fail: 'Record that a mission under way failed', abort: 'Call a mission off, before or after it set out' } as const;
const REPORT_STEPS = { submit: ['submit', 'Submit your draft report to the administration office'], 'begin-review': ['begin_review', 'Take a submitted report up for review (not your own)'], accept: ['accept', 'Accept a report under review (not your own): final; the turnaround counts to this day'], revise: ['revise', 'Take your returned report back as a draft to revise it'] } as const;

export async function missionsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tagged = (reply: { header: (k: string, v: string) => unknown }, r: TReport) => {
    reply.header('etag', etagOf(r.version));
    return r;
  };

  app.get('/', {
    schema: { tags, summary: 'Missions you may see, latest planned start first (label-filtered, also in the total)', querystring: ZMissionListQuery, response: { 200: ZMissionList, ...errors } },
  }, async (req) => read.listMissions(req.ctx, req.query));

  app.post('/', {
    schema: { tags, summary: 'Plan a mission: rank, objective, client, villages, dates, team (optional until it starts), classification; its code (M-YYYY-NNN) is given', body: ZMissionCreate, response: { 201: ZMission, ...errors } },
  }, async (req, reply) => {
    const m = await service.createMission(req.ctx, req.body);
    reply.code(201).header('location', `/api/missions/${m.code}`);
    return m;
  });

  app.get('/reports/queue', {
    schema: { tags, summary: "The administration office's review queue: reports submitted or under review, waiting longest first, overdue flagged", response: { 200: ZQueue, ...errors } },
  }, async (req) => read.reviewQueue(req.ctx));

  app.get('/reports/turnaround', {
    schema: { tags, summary: 'Turnaround per month of acceptance: nearest-rank median and 90th percentile of days from the end of a mission to the acceptance of its report', querystring: ZTurnaroundQuery, response: { 200: ZTurnaround, ...errors } },
  }, async (req) => read.reportTurnaround(req.ctx, req.query));

  app.get('/reports/:id', {
    schema: { tags, summary: 'An after-action report (ETag = version), read at its mission\'s label', params: ZReportParams, response: { 200: ZReport, ...errors } },
  }, async (req, reply) => tagged(reply, await read.getReport(req.ctx, req.params.id)));

  app.put('/reports/:id', {
    schema: { tags, summary: 'Rewrite your draft report (send If-Match with the ETag you read)', params: ZReportParams, body: ZReportEdit, response: { 200: ZReport, ...errors } },
  }, async (req, reply) => tagged(reply, await service.editReport(req.ctx, req.params.id, req.body, versionFromIfMatch(req.headers['if-match']))));

  for (const [path, [transition, summary]] of Object.entries(REPORT_STEPS)) {
    app.post(`/reports/:id/${path}`, {
      schema: { tags, summary, params: ZReportParams, response: { 200: ZReport, ...errors } },
    }, async (req, reply) => tagged(reply, await service.stepReport(req.ctx, req.params.id, transition)));
  }

  app.post('/reports/:id/return', {
    schema: { tags, summary: 'Return a report under review (not your own) to its author, with comments that say what to change', params: ZReportParams, body: ZReportReturn, response: { 200: ZReport, ...errors } },
  }, async (req, reply) => tagged(reply, await service.stepReport(req.ctx, req.params.id, 'return', req.body)));

  app.get('/:code', {
    schema: { tags, summary: 'A mission (id or code) with its team, injuries and reports', params: ZMissionParams, response: { 200: ZMission, ...errors } },
  }, async (req) => read.getMission(req.ctx, req.params.code));

  app.put('/:code/team', {
    schema: { tags, summary: 'Replace the team of a planned mission (leader, members, escorts; each person once, one leader at most)', params: ZMissionParams, body: ZTeam, response: { 200: ZMission, ...errors } },
  }, async (req) => service.setTeam(req.ctx, req.params.code, req.body));

  for (const [transition, summary] of Object.entries(MISSION_STEPS)) {
    app.post(`/:code/${transition}`, {
      schema: { tags, summary, params: ZMissionParams, body: ZMissionStep, response: { 200: ZMission, ...errors } },
    }, async (req) => service.stepMission(req.ctx, req.params.code, transition as keyof typeof MISSION_STEPS, req.body));
  }

  app.post('/:code/injuries', {
    schema: { tags, summary: "Record an injury to a team member: puts them on medical or administrative leave in the registry", params: ZMissionParams, body: ZInjury, response: { 201: ZMission, ...errors } },
  }, async (req, reply) => {
    const m = await service.recordInjury(req.ctx, req.params.code, req.body);
    reply.code(201);
    return m;
  });

  app.post('/:code/reports', {
    schema: { tags, summary: 'Open an after-action report on an ended mission: your own, or (the office) a team member\'s; due a week after the end unless set', params: ZMissionParams, body: ZReportCreate, response: { 201: ZReport, ...errors } },
  }, async (req, reply) => {
    const r = await service.createReport(req.ctx, req.params.code, req.body);
    reply.code(201).header('location', `/api/missions/reports/${r.id}`);
    return tagged(reply, r);
  });
}
