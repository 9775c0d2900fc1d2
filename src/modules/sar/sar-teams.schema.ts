// Zod schemas for teams, segments and tracks (the API contract, /work/briefs/sar-api.md): what a
// request may say and what an answer shows.
import { z } from 'zod';
import { id, requiredText } from '../../kernel/validation.ts';
import { instant, ZClassification, ZTeam as ZTeamShown, ZTrack as ZTrackShown } from './sar.schema.ts';

const ZCompartments = z.array(requiredText(40).pipe(z.string().regex(/^[A-Z0-9_]+$/, { message: 'must be upper-case letters, digits or _' }))).max(20);

/** km on the operation's map: finite, and within a range no search area reaches (a typo in a unit, say metres, is caught). */
const km = z.number().finite().min(-100_000).max(100_000);

/** An ISO-8601 instant with a zone, normalised to UTC (the operations' own rule). */
export const ZInstant = instant;

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
  classification: ZClassification.optional(),
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

/** A team as the operation shows it, and its version (each segment assigned moves it). */
export const ZTeam = ZTeamShown.extend({ version: z.number() });
export type TTeam = z.infer<typeof ZTeam>;

/** A track as the operation shows it; `pos` is its search's probability of success on the map as replayed in time order. */
export const ZTrack = ZTrackShown.extend({
  source: z.enum(['drawn', 'gpx']).describe('drawn on the map, or uploaded as GPX'),
  recordedAt: z.string(),
});
export type TTrack = z.infer<typeof ZTrack>;

export const ZTrackUpload = ZTrack.extend({
  /** Every track the upload made: one per GPX segment (a gap between segments was not searched), the first being this one. */
  tracks: z.array(ZTrack),
});
