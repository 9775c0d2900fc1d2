// Zod schemas for teams, segments and tracks (the API contract, /work/briefs/sar-api.md): what a
// request may say and what an answer shows.
import { z } from 'zod';
import { id, requiredText, text } from '../../kernel/validation.ts';
import { withheldOr } from '../../kernel/references.ts';

const CLASSIFICATIONS = ['public', 'restricted', 'secret', 'top_secret'] as const;
const ZCompartments = z.array(requiredText(40).pipe(z.string().regex(/^[A-Z0-9_]+$/, { message: 'must be upper-case letters, digits or _' }))).max(20);

/** km on the operation's map: finite, and within a range no search area reaches (a typo in a unit, say metres, is caught). */
const km = z.number().finite().min(-100_000).max(100_000);

/** An ISO-8601 instant with a zone (Z or ±hh:mm), normalised to UTC. */
export const ZInstant = z.string().max(40)
  .regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d(?:\.\d{1,9})?)?(?:Z|[+-]\d\d:\d\d)$/i, { message: 'must be an ISO-8601 instant with a zone, e.g. 2026-11-22T18:00:00Z' })
  .refine((s) => Number.isFinite(Date.parse(s)), { message: 'is not a real date and time' })
  .transform((s) => new Date(s).toISOString());

export const ZRect = z.object({ minX: km, minY: km, maxX: km, maxY: km }).strict()
  .superRefine((r, c) => {
    if (r.maxX <= r.minX) c.addIssue({ code: 'custom', path: ['maxX'], message: `must be greater than minX (${r.minX})` });
    if (r.maxY <= r.minY) c.addIssue({ code: 'custom', path: ['maxY'], message: `must be greater than minY (${r.minY})` });
  });
export type TRect = z.infer<typeof ZRect>;

export const ZTeamCreate = z.object({
  name: requiredText(100),
  /** Registry people, by id. */
  members: z.array(id).max(100).default([]),
  ninken: z.array(requiredText(60)).max(30).default([]),
  speedKmh: z.number().finite().gt(0, { message: 'must be greater than 0' }).max(200),
  sweepWidthKm: z.number().finite().gt(0, { message: 'must be greater than 0' }).max(100),
  // A team may be more secret than its operation (the Kazekage's ANBU bodyguards); never less:
  // the team's label is this joined with the operation's and its members'.
  classification: z.enum(CLASSIFICATIONS).optional(),
  compartments: ZCompartments.optional(),
}).strict()
  .superRefine((t, c) => {
    const seen = new Set<string>();
    t.members.forEach((m, i) => { if (seen.has(m)) c.addIssue({ code: 'custom', path: ['members', i], message: 'is named twice' }); seen.add(m); });
    const dogs = new Set<string>();
    t.ninken.forEach((n, i) => { const k = n.toLowerCase(); if (dogs.has(k)) c.addIssue({ code: 'custom', path: ['ninken', i], message: 'is named twice' }); dogs.add(k); });
  });
export type TTeamCreate = z.input<typeof ZTeamCreate>;

export const MAX_TRACK_POINTS = 100_000;
export const ZPoint = z.object({ x: km, y: km }).strict();

export const ZTrackCreate = z.object({
  /** The team's id or name (within the operation). */
  team: requiredText(100),
  startedAt: ZInstant,
  endedAt: ZInstant,
  points: z.array(ZPoint).min(1, { message: 'a track needs at least one point' }).max(MAX_TRACK_POINTS),
}).strict()
  .superRefine((t, c) => {
    if (t.endedAt < t.startedAt) c.addIssue({ code: 'custom', path: ['endedAt'], message: `must not be before startedAt (${t.startedAt})` });
  });
export type TTrackCreate = z.input<typeof ZTrackCreate>;

export const ZGpxQuery = z.object({
  team: requiredText(100),
  startedAt: ZInstant.optional(),
  endedAt: ZInstant.optional(),
}).strict();

export const ZPerson = withheldOr(z.object({ id: z.string(), name: z.string() }));

export const ZTeam = z.object({
  id: z.string(),
  name: z.string(),
  members: z.array(ZPerson),
  ninken: z.array(z.string()),
  speedKmh: z.number(),
  sweepWidthKm: z.number(),
  segment: z.object({ minX: z.number(), minY: z.number(), maxX: z.number(), maxY: z.number() }).nullable(),
  classification: z.string(),
  compartments: z.array(z.string()),
  version: z.number(),
});
export type TTeam = z.infer<typeof ZTeam>;

export const ZTrack = z.object({
  id: z.string(),
  team: z.string(),
  startedAt: z.string(),
  endedAt: z.string(),
  lengthKm: z.number(),
  points: z.array(z.object({ x: z.number(), y: z.number() })),
  /** The search's probability of success on the map as it stood when the track ended; null when the map cannot say (S1's replay). */
  pos: z.number().nullable(),
  source: z.enum(['drawn', 'gpx']),
  recordedAt: z.string(),
});
export type TTrack = z.infer<typeof ZTrack>;

export const ZTrackUpload = ZTrack.extend({
  /** Every track the upload made: one per GPX segment (a gap between segments was not searched), the first being this one. */
  tracks: z.array(ZTrack),
});

export const ZOptionalNote = text(2000).optional();
