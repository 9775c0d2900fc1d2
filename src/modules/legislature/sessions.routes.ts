// HTTP adapter for council sessions (/api/legislature/sessions, /votes, /motions): zod-typed
// routes that call the services and nothing else. The contract: /work/briefs/sessions-api.md.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ZErrorBody } from '../../kernel/validation.ts';
import * as read from './sessions.read.ts';
import * as service from './sessions.service.ts';
import {
  ZAgendaOrder, ZAttendanceSet, ZBallotCast, ZIdParams, ZItemAdd, ZMemberParams, ZMotionCreate, ZMotionParams, ZMotionSecond, ZMotionView, ZPopoloMotion, ZPopoloVoteEvent,
  ZQueue, ZQueueAction, ZSession, ZSessionCreate, ZSessionList, ZSessionListQuery, ZSessionParams, ZSessionStatus, ZVoteOpen, ZVoteView,
} from './sessions.schema.ts';

const errors = { 400: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody, 422: ZErrorBody };
const tags = ['legislature'];
const ICS = 'text/calendar; charset=utf-8';

export async function sessionRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/sessions', {
    schema: { tags, summary: 'Council sessions you may see, latest first; by dates (from, to) and status', querystring: ZSessionListQuery, response: { 200: ZSessionList, ...errors } },
  }, async (req) => read.listSessions(req.ctx, req.query));

  app.get('/sessions.ics', {
    schema: { tags, summary: 'An iCalendar (RFC 5545) feed of the council sessions you may see' },
  }, async (req, reply) => reply.header('content-type', ICS).send(await read.sessionsCalendar(req.ctx)));

  app.post('/sessions', {
    schema: { tags, summary: 'Schedule a session: date, time, place, chair, label and its first agenda', body: ZSessionCreate, response: { 201: ZSession, ...errors } },
  }, async (req, reply) => {
    const s = await service.createSession(req.ctx, req.body);
    reply.code(201).header('location', `/api/legislature/sessions/${s.code}`);
    return s;
  });

  app.get('/sessions/:code', {
    schema: { tags, summary: 'A session as the live page draws it: agenda, members and attendance, quorum, speaker queue with the floor clock, motions, votes', params: ZSessionParams, response: { 200: ZSession, ...errors } },
  }, async (req) => read.getSession(req.ctx, req.params.code));

  app.get('/sessions/:code.ics', {
    schema: { tags, summary: 'One session as an iCalendar (RFC 5545) event', params: ZSessionParams },
  }, async (req, reply) => reply.header('content-type', ICS).send(await read.sessionCalendar(req.ctx, req.params.code)));

  app.post('/sessions/:code/status', {
    schema: { tags, summary: 'Open the sitting (sitting) or adjourn it (adjourned)', params: ZSessionParams, body: ZSessionStatus, response: { 200: ZSession, ...errors } },
  }, async (req) => service.setSessionStatus(req.ctx, req.params.code, req.body));

  app.post('/sessions/:code/items', {
    schema: { tags, summary: 'Add an agenda item (a bill reading, a motion or a report), at a place or last', params: ZSessionParams, body: ZItemAdd, response: { 201: ZSession, ...errors } },
  }, async (req, reply) => {
    reply.code(201);
    return service.addAgendaItem(req.ctx, req.params.code, req.body);
  });

  app.put('/sessions/:code/items', {
    schema: { tags, summary: 'Put the agenda in a new order: every item id once, in order', params: ZSessionParams, body: ZAgendaOrder, response: { 200: ZSession, ...errors } },
  }, async (req) => service.orderAgenda(req.ctx, req.params.code, req.body));

  app.put('/sessions/:code/attendance/:member', {
    schema: { tags, summary: 'A member\'s attendance (present, absent, excused): the clerk for anyone; "me" for a councillor marking themself present', params: ZMemberParams, body: ZAttendanceSet, response: { 200: ZSession, ...errors } },
  }, async (req) => service.setAttendance(req.ctx, req.params.code, req.params.member, req.body));

  // GET /sessions/:code/minutes and the minutes' writes: minutes.routes.ts.

  app.get('/sessions/:code/queue', {
    schema: { tags, summary: 'The speaker queue: who has the floor, since when, seconds left (server time), who waits, who spoke', params: ZSessionParams, response: { 200: ZQueue, ...errors } },
  }, async (req) => read.getQueue(req.ctx, req.params.code));

  app.post('/sessions/:code/queue', {
    schema: { tags, summary: 'Ask to speak or raise a point of order (for yourself), withdraw, give the floor (the chair), yield or end the turn', params: ZSessionParams, body: ZQueueAction, response: { 200: ZQueue, ...errors } },
  }, async (req) => service.queueAction(req.ctx, req.params.code, req.body));

  app.post('/sessions/:code/motions', {
    schema: { tags, summary: 'Move a motion (or an amendment to one): yourself, or the clerk naming the mover. Answers the motion', params: ZSessionParams, body: ZMotionCreate, response: { 201: ZMotionView, ...errors } },
  }, async (req, reply) => {
    const { motion, number } = await service.moveMotion(req.ctx, req.params.code, req.body);
    reply.code(201).header('location', `/api/legislature/sessions/${req.params.code.trim().toUpperCase()}#motion-${number}`);
    return motion;
  });

  app.post('/sessions/:code/motions/:number/second', {
    schema: { tags, summary: 'Second a motion: yourself (not its mover), or the clerk naming the seconder. Answers the motion', params: ZMotionParams, body: ZMotionSecond, response: { 200: ZMotionView, ...errors } },
  }, async (req) => service.secondMotion(req.ctx, req.params.code, req.params.number, req.body));

  app.post('/sessions/:code/motions/:number/withdraw', {
    schema: { tags, summary: 'Withdraw a motion before its vote: its mover, or the clerk. Answers the motion', params: ZMotionParams, response: { 200: ZMotionView, ...errors } },
  }, async (req) => service.withdrawMotion(req.ctx, req.params.code, req.params.number));

  app.post('/sessions/:code/votes', {
    schema: { tags, summary: 'Open a roll-call vote on a seconded motion or a bill reading, under a rule (simple, or two thirds citing its statute)', params: ZSessionParams, body: ZVoteOpen, response: { 201: ZVoteView, ...errors } },
  }, async (req, reply) => {
    const v = await service.openVote(req.ctx, req.params.code, req.body);
    reply.code(201).header('location', `/api/legislature/votes/${v.id}`);
    return v;
  });

  app.get('/votes/:id', {
    schema: { tags, summary: 'A vote as a Popolo vote event: the motion, counts by option, each member\'s vote', params: ZIdParams, response: { 200: ZPopoloVoteEvent, ...errors } },
  }, async (req) => read.popoloVoteEvent(req.ctx, req.params.id));

  app.post('/votes/:id/ballots', {
    schema: { tags, summary: 'Answer a roll call (yes, no, abstain) for yourself, once; or the clerk records a member\'s answer called aloud', params: ZIdParams, body: ZBallotCast, response: { 201: ZVoteView, ...errors } },
  }, async (req, reply) => {
    reply.code(201);
    return service.castBallot(req.ctx, req.params.id, req.body);
  });

  app.post('/votes/:id/close', {
    schema: { tags, summary: 'Close a vote: the result from the ballots under its rule; members who gave none are absent', params: ZIdParams, response: { 200: ZVoteView, ...errors } },
  }, async (req) => service.closeVote(req.ctx, req.params.id));

  app.get('/motions/:id', {
    schema: { tags, summary: 'A motion in Popolo\'s motion shape', params: ZIdParams, response: { 200: ZPopoloMotion, ...errors } },
  }, async (req) => read.popoloMotion(req.ctx, req.params.id));
}
