// HTTP adapter for teams, segments, tracks and the exports (/api/sar/operations/:id/…): zod-typed
// routes that call the services and nothing else. Registered by sar.routes.ts.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { id, requiredText, ZErrorBody } from '../../kernel/validation.ts';
import { AppError } from '../../kernel/errors.ts';
import * as teams from './sar-teams.service.ts';
import { visibleOperation } from './sar.read.ts';
import { instant } from './sar.schema.ts';
import { ZGpxQuery, ZRect, ZTeam, ZTeamCreate, ZTrack, ZTrackCreate, ZTrackUpload } from './sar-teams.schema.ts';

const errors = { 400: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody, 413: ZErrorBody, 415: ZErrorBody, 422: ZErrorBody };
const ZOp = z.object({ id }).strict();
const ZOpTeam = z.object({ id, team: requiredText(100) }).strict();
const tags = ['sar'];

const ZPosition = z.tuple([z.number(), z.number()]);
const ZFeatureCollection = z.object({
  type: z.literal('FeatureCollection'),
  units: z.literal('km'),
  operation: z.record(z.string(), z.unknown()),
  cells: z.object({ at: z.string(), share: z.number(), mass: z.number(), count: z.number(), truncated: z.boolean() }).nullable(),
  features: z.array(z.object({
    type: z.literal('Feature'), id: z.string().optional(),
    geometry: z.union([
      z.object({ type: z.literal('Point'), coordinates: ZPosition }),
      z.object({ type: z.literal('LineString'), coordinates: z.array(ZPosition) }),
      z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(ZPosition)) }),
    ]),
    properties: z.object({ kind: z.enum(['lastKnown', 'sighting', 'sensorPost', 'hazard', 'segment', 'track', 'cell']) }).passthrough(),
  })),
});

/** GPX as devices and GIS tools send it; read as UTF-8 text. */
const GPX_TYPES = ['application/gpx+xml', 'application/xml', 'text/xml'];
/** A day's walking logged every second is ~90,000 points, ~10 MB of GPX. */
const GPX_BODY_LIMIT = 32 * 1024 * 1024;

export async function sarTeamsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.addContentTypeParser(GPX_TYPES, { parseAs: 'string', bodyLimit: GPX_BODY_LIMIT }, (_req, body, done) => done(null, body));

  app.get('/operations/:id/teams', {
    schema: { tags, summary: "An operation's teams (those you may see; members you may not see withheld)", params: ZOp, response: { 200: z.object({ items: z.array(ZTeam) }), ...errors } },
  }, async (req) => {
    const op = await visibleOperation(req.ctx, req.params.id);
    return { items: await teams.listTeams(req.ctx, op.id) };
  });

  app.post('/operations/:id/teams', {
    schema: { tags, summary: 'Add a search team: registry people as members, ninken, speed and sweep width', params: ZOp, body: ZTeamCreate, response: { 201: ZTeam, ...errors } },
  }, async (req, reply) => {
    const team = await teams.createTeam(req.ctx, req.params.id, req.body);
    reply.code(201).header('location', `/api/sar/operations/${req.params.id}/teams/${team.id}`);
    return team;
  });

  app.post('/operations/:id/teams/:team/segment', {
    schema: { tags, summary: 'Assign a team its search segment (a km rectangle)', params: ZOpTeam, body: ZRect, response: { 200: ZTeam, ...errors } },
  }, async (req) => teams.assignSegment(req.ctx, req.params.id, req.params.team, req.body));

  app.post('/operations/:id/tracks', {
    schema: { tags, summary: 'Record a track a team searched without finding the subject (drawn on the map, km points)', params: ZOp, body: ZTrackCreate, response: { 201: ZTrack, ...errors } },
  }, async (req, reply) => {
    reply.code(201);
    return teams.recordTrack(req.ctx, req.params.id, req.body);
  });

  app.post('/operations/:id/tracks/gpx', {
    schema: {
      tags, summary: "Record a team's searched track from a GPX 1.1 file (Content-Type: application/gpx+xml); one track per GPX segment",
      params: ZOp, querystring: ZGpxQuery, body: z.string().optional().describe('a GPX 1.1 (or 1.0) document'), response: { 201: ZTrackUpload, ...errors },
      consumes: GPX_TYPES,
    },
    bodyLimit: GPX_BODY_LIMIT,
  }, async (req, reply) => {
    if (typeof req.body !== 'string' || req.body.trim() === '') {
      throw new AppError('SAR_GPX_MISSING', 'bad_request', 'Send the GPX file as the request body, with Content-Type: application/gpx+xml.', [{ path: 'body', message: 'no GPX document' }]);
    }
    const made = await teams.importGpxTrack(req.ctx, req.params.id, req.query, req.body);
    reply.code(201);
    return { ...made[0]!, tracks: made };
  });

  app.get('/operations/:id/geojson', {
    schema: {
      tags, summary: 'The operation as a GeoJSON FeatureCollection in km: last known point, sightings, sensor posts, hazards, segments, tracks, and the cells holding 90 % of the probability at `at`',
      params: ZOp, querystring: z.object({ at: instant.optional() }).strict(), response: { 200: ZFeatureCollection, ...errors }, produces: ['application/geo+json'],
    },
  }, async (req, reply) => {
    const doc = await teams.operationGeoJsonDocument(req.ctx, req.params.id, req.query.at);
    reply.header('content-type', 'application/geo+json; charset=utf-8');
    return doc;
  });

  app.get('/operations/:id/tracks.gpx', {
    schema: { tags, summary: "Every track of the operation you may see, as GPX 1.1 (lat/lon by the village's projection); imports back", params: ZOp, response: { 200: z.string(), ...errors }, produces: ['application/gpx+xml'] },
  }, async (req, reply) => {
    const gpx = await teams.tracksGpx(req.ctx, req.params.id);
    return reply.header('content-type', 'application/gpx+xml; charset=utf-8')
      .header('content-disposition', `attachment; filename="${req.params.id.replace(/[^A-Za-z0-9_.-]/g, '_')}-tracks.gpx"`).send(gpx);
  });
}
