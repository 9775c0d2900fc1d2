// HTTP adapter for the registry: zod-typed routes that call the service and nothing else.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { id, isoDate, ZErrorBody } from '../../kernel/validation.ts';
import { withheldOr } from '../../kernel/references.ts';
import { etagOf, versionFromIfMatch } from '../../kernel/http/preconditions.ts';
import { sendJsonText } from '../../kernel/http/json-text.ts';
import * as read from './registry.read.ts';
import * as service from './registry.service.ts';
import {
  ZPeopleQuery, ZPersonSummary, ZStatusFacet, ZPersonDetail, ZPersonCreate, ZPersonPatch, ZStatusChange, ZMembership, ZMembershipCreate, ZMembershipEnd,
  ZMembershipsQuery, ZRelabel, ZOrganization, ZOrganizationCreate, ZOrganizationsQuery, ZPost, ZPostCreate, ZPostsQuery, ZVillage, ZVillageCreate, page,
} from './registry.schema.ts';
import { toPopolo } from './popolo.ts';

const errors = { 400: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody, 412: ZErrorBody, 422: ZErrorBody, 428: ZErrorBody };
const ZId = z.object({ id }).strict();
const ZAsOf = z.object({ asOf: isoDate.optional() }).strict();
const tags = ['registry'];

export async function registryRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/people', {
    schema: { tags, summary: 'Search people by name, village, rank, status, organization (as of a date)', querystring: ZPeopleQuery, response: { 200: page(ZPersonSummary).extend({ facets: z.object({ status: z.array(ZStatusFacet) }).optional() }), ...errors } },
  }, async (req, reply) => sendJsonText(reply, await read.searchPeopleDocument(req.ctx, req.query)));

  app.get('/people/:id', {
    schema: { tags, summary: 'One person with status history and memberships', params: ZId, querystring: ZAsOf, response: { 200: ZPersonDetail, ...errors } },
  }, async (req, reply) => {
    const p = await read.personDocument(req.ctx, req.params.id, req.query.asOf);
    return sendJsonText(reply.header('etag', etagOf(p.version)), p.json);
  });

  app.get('/people/:id/revisions', {
    schema: { tags, summary: 'Every recorded version of a person', params: ZId, response: { 200: z.array(z.object({ version: z.number(), recordedAt: z.string(), recordedBy: withheldOr(z.string()).nullable().describe('the account that recorded it; withheld when its person is hidden from you'), snapshot: z.record(z.string(), z.unknown()) })), ...errors } },
  }, async (req) => read.personRevisions(req.ctx, req.params.id));

  app.post('/people', {
    schema: { tags, summary: 'Add a person', body: ZPersonCreate, response: { 201: ZPersonDetail, ...errors } },
  }, async (req, reply) => {
    const p = await service.createPerson(req.ctx, req.body);
    reply.code(201).header('etag', etagOf(p.version)).header('location', `/api/registry/people/${p.id}`);
    return p;
  });

  app.patch('/people/:id', {
    schema: { tags, summary: 'Edit a person (send If-Match with the ETag you read)', params: ZId, body: ZPersonPatch, response: { 200: ZPersonDetail, ...errors } },
  }, async (req, reply) => {
    const p = await service.updatePerson(req.ctx, req.params.id, req.body, versionFromIfMatch(req.headers['if-match']));
    reply.header('etag', etagOf(p.version));
    return p;
  });

  app.post('/people/:id/status', {
    schema: { tags, summary: 'Record a status change with its date and reason', params: ZId, body: ZStatusChange, response: { 201: ZPersonDetail, ...errors } },
  }, async (req, reply) => {
    reply.code(201);
    return service.recordStatus(req.ctx, req.params.id, req.body);
  });

  app.get('/organizations', {
    schema: { tags, summary: 'List organizations', querystring: ZOrganizationsQuery, response: { 200: page(ZOrganization), ...errors } },
  }, async (req) => read.listOrganizations(req.ctx, req.query));

  app.get('/organizations/:id', {
    schema: {
      tags, summary: 'One organization (id or code) with its children, posts and members as of a date', params: ZId, querystring: ZAsOf,
      response: { 200: ZOrganization.extend({ children: z.array(ZOrganization), posts: z.array(ZPost), members: z.array(ZMembership) }), ...errors },
    },
  }, async (req) => read.getOrganization(req.ctx, req.params.id, req.query.asOf));

  app.post('/organizations', {
    schema: { tags, summary: 'Add an organization', body: ZOrganizationCreate, response: { 201: ZOrganization.extend({ children: z.array(ZOrganization), posts: z.array(ZPost), members: z.array(ZMembership) }), ...errors } },
  }, async (req, reply) => {
    reply.code(201);
    return service.createOrganization(req.ctx, req.body);
  });

  app.get('/posts', {
    schema: { tags, summary: 'List posts', querystring: ZPostsQuery, response: { 200: page(ZPost), ...errors } },
  }, async (req) => read.listPosts(req.ctx, req.query));

  app.get('/posts/:id', {
    schema: { tags, summary: 'One post (id or code) and everyone who has held it', params: ZId, response: { 200: ZPost.extend({ holders: z.array(ZMembership) }), ...errors } },
  }, async (req) => read.getPost(req.ctx, req.params.id));

  app.post('/posts', {
    schema: { tags, summary: 'Add a post', body: ZPostCreate, response: { 201: ZPost.extend({ holders: z.array(ZMembership) }), ...errors } },
  }, async (req, reply) => {
    reply.code(201);
    return service.createPost(req.ctx, req.body);
  });

  app.get('/memberships', {
    schema: { tags, summary: 'List memberships; with asOf, only those current on that date', querystring: ZMembershipsQuery, response: { 200: page(ZMembership), ...errors } },
  }, async (req) => read.listMemberships(req.ctx, req.query));

  app.get('/memberships/:id', {
    schema: { tags, summary: 'One membership', params: ZId, response: { 200: ZMembership, ...errors } },
  }, async (req) => read.getMembership(req.ctx, req.params.id));

  app.post('/memberships', {
    schema: { tags, summary: 'Add a membership (person · organization · post · role · dates)', body: ZMembershipCreate, response: { 201: ZMembership, ...errors } },
  }, async (req, reply) => {
    reply.code(201);
    return service.createMembership(req.ctx, req.body);
  });

  app.post('/memberships/:id/end', {
    schema: { tags, summary: 'End a membership on a date', params: ZId, body: ZMembershipEnd, response: { 200: ZMembership, ...errors } },
  }, async (req) => service.endMembership(req.ctx, req.params.id, req.body));

  app.get('/villages', {
    schema: { tags, summary: 'List villages', response: { 200: z.array(ZVillage) } },
  }, async (req) => read.listVillages(req.ctx));

  app.post('/villages', {
    schema: { tags, summary: 'Add a village', body: ZVillageCreate, response: { 201: ZVillage, ...errors } },
  }, async (req, reply) => {
    reply.code(201);
    return service.createVillage(req.ctx, req.body);
  });

  const ZLabelChange = z.object({ id: z.string(), entity: z.string(), label: z.object({ classification: z.string(), compartments: z.array(z.string()) }), previous: z.object({ classification: z.string(), compartments: z.array(z.string()) }), declassified: z.boolean() });
  for (const [path, entity] of [['people', 'person'], ['organizations', 'organization'], ['posts', 'post'], ['memberships', 'membership']] as const) {
    app.post(`/${path}/:id/label`, {
      schema: { tags, summary: `Change a ${entity}'s classification and compartments (lowering it is declassification)`, params: ZId, body: ZRelabel, response: { 200: ZLabelChange, ...errors } },
    }, async (req) => service.relabel(req.ctx, entity, req.params.id, req.body));
  }

  app.get('/popolo', {
    schema: { tags, summary: 'The whole registry as Popolo JSON (persons, organizations, memberships, posts)' },
  }, async (req, reply) => {
    reply.header('content-disposition', 'attachment; filename="sandstone-popolo.json"');
    return toPopolo(req.ctx);
  });
}
