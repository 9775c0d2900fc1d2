// HTTP adapter for council minutes (/api/legislature/sessions/{code}/minutes): read them (stored,
// or the record's preview), draft them from the record, edit the draft and record its approval
// (both with If-Match: the version read). The ETag is the stored minutes' version.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ZErrorBody } from '../../kernel/validation.ts';
import { etagOf, versionFromIfMatch } from '../../kernel/http/preconditions.ts';
import { getMinutes } from './minutes.read.ts';
import { approveMinutes, draftMinutes, editMinutes } from './minutes.service.ts';
import { ZMinutesApprove, ZMinutesDraft, ZMinutesEdit, ZStoredMinutes, type TStoredMinutes } from './minutes.schema.ts';
import { ZSessionParams } from './sessions.schema.ts';

const errors = { 400: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody, 412: ZErrorBody, 422: ZErrorBody, 428: ZErrorBody };
const tags = ['legislature'];

export async function minutesRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tagged = (reply: { header: (k: string, v: string) => unknown }, m: TStoredMinutes) => {
    if (m.version !== null) reply.header('etag', etagOf(m.version));
    return m;
  };

  app.get('/sessions/:code/minutes', {
    schema: {
      tags, params: ZSessionParams, response: { 200: ZStoredMinutes, ...errors },
      summary: 'The minutes: stored (draft or approved, with who and when; ETag = version) once drafted, else generated from the record as a preview — attendance, quorum, agenda, speakers, motions with the statutes cited, votes by name',
    },
  }, async (req, reply) => tagged(reply, await getMinutes(req.ctx, req.params.code)));

  app.post('/sessions/:code/minutes', {
    schema: { tags, summary: 'Draft the minutes from the record (the session adjourned); regenerate: true replaces an unapproved draft', params: ZSessionParams, body: ZMinutesDraft, response: { 201: ZStoredMinutes, ...errors } },
  }, async (req, reply) => {
    const m = await draftMinutes(req.ctx, req.params.code, req.body);
    reply.code(201).header('location', `/api/legislature/sessions/${m.session}/minutes`);
    return tagged(reply, m);
  });

  app.put('/sessions/:code/minutes', {
    schema: { tags, summary: 'Edit the draft minutes: the whole text (send If-Match with the ETag you read); approved minutes cannot change', params: ZSessionParams, body: ZMinutesEdit, response: { 200: ZStoredMinutes, ...errors } },
  }, async (req, reply) => tagged(reply, await editMinutes(req.ctx, req.params.code, req.body, versionFromIfMatch(req.headers['if-match']))));

  app.post('/sessions/:code/minutes/approve', {
    schema: { tags, summary: "Record the Council's approval of the draft minutes (send If-Match): they become immutable and searchable", params: ZSessionParams, body: ZMinutesApprove, response: { 200: ZStoredMinutes, ...errors } },
  }, async (req, reply) => tagged(reply, await approveMinutes(req.ctx, req.params.code, req.body, versionFromIfMatch(req.headers['if-match']))));
}
