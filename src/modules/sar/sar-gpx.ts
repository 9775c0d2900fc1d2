// GPX in and out (pure, no I/O): the tracks teams bring back on their devices, and the tracks we
// hand them. Reads GPX 1.1 and, tolerantly, GPX 1.0 (the same trk/trkseg/trkpt and rte/rtept
// shape); times are optional. Positions are projected to the operation's km map and back with the
// fixed equirectangular projection of the API contract (docs/SAR.md, "Coordinates"): over a few
// hundred km of desert its error is far below a sweep width, and a fixed datum keeps every export
// importing back to the same km.
import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** The village's datum (fictional): km (0, 0) is here. */
export const DATUM = { lat: 24.5, lon: 31 } as const;
const KM_PER_DEGREE_LAT = 110.574;
const KM_PER_DEGREE_LON = 111.32 * Math.cos((DATUM.lat * Math.PI) / 180);

export interface LatLon { readonly lat: number; readonly lon: number }
export interface KmPoint { readonly x: number; readonly y: number }

export function toKm(p: LatLon): KmPoint {
  return { x: (p.lon - DATUM.lon) * KM_PER_DEGREE_LON, y: (p.lat - DATUM.lat) * KM_PER_DEGREE_LAT };
}

export function toLatLon(p: KmPoint): LatLon {
  return { lat: DATUM.lat + p.y / KM_PER_DEGREE_LAT, lon: DATUM.lon + p.x / KM_PER_DEGREE_LON };
}

export interface GpxPoint extends LatLon {
  readonly ele?: number;
  /** ISO instant, normalised (`toISOString`), when the file gives one. */
  readonly time?: string;
}

/** A `<trk>` (one or more segments) or an `<rte>` (one segment). */
export interface GpxLine {
  readonly kind: 'track' | 'route';
  readonly name: string | null;
  /** Each a run of points walked without a break; between segments the device was not recording. */
  readonly segments: readonly (readonly GpxPoint[])[];
}

export interface GpxDocument {
  /** The root's `version` ("1.1", "1.0"), or null when the file does not say. */
  readonly version: string | null;
  readonly creator: string | null;
  readonly lines: readonly GpxLine[];
}

/** Why a text is not GPX we can read, with the line (and column, when known) of the problem, 1-based. */
export class GpxError extends Error {
  constructor(readonly line: number, readonly column: number | null, readonly reason: string) {
    super(`GPX line ${line}${column !== null ? `, column ${column}` : ''}: ${reason}`);
    this.name = 'GpxError';
  }
}

const LIST_ELEMENTS = new Set(['trk', 'trkseg', 'trkpt', 'rte', 'rtept']);
const META = XMLParser.getMetaDataSymbol() as unknown as symbol;

type XmlObject = Record<string | symbol, unknown>;

/** Line numbers by offset: the newlines are found once, then each lookup is a binary search (a scan per point made a big file quadratic). */
function lineIndex(text: string): (offset: number) => number {
  let newlines: number[] | null = null;
  return (offset) => {
    if (!newlines) {
      newlines = [];
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) newlines.push(i);
    }
    let lo = 0, hi = newlines.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (newlines[mid]! < offset) lo = mid + 1; else hi = mid;
    }
    return lo + 1;
  };
}

/** The text content of a child element that holds only text, or undefined. */
function childText(node: XmlObject, name: string): string | undefined {
  const v = node[name];
  if (v === undefined) return undefined;
  if (typeof v === 'string' || typeof v === 'number') return String(v).trim();
  if (v && typeof v === 'object' && '#text' in v) return String((v as XmlObject)['#text']).trim();
  return undefined;
}

function asList(v: unknown): XmlObject[] {
  if (v === undefined || v === null) return [];
  // A self-closing element (<trkseg/>) is read as an empty string; an element with text only, as its text.
  return (Array.isArray(v) ? v : [v]).map((x) => (x && typeof x === 'object' ? (x as XmlObject) : {}));
}

/**
 * Reads a GPX text: its tracks and routes, in document order (waypoints are not searched ground,
 * so they are left out). Malformed XML, a root other than `<gpx>`, a point without a valid
 * lat/lon, or a time or elevation that is not one, throw a GpxError naming the line.
 */
export function parseGpx(text: string): GpxDocument {
  const lineAt = lineIndex(text);
  // GPX never needs a document type; one could declare entities (files, expansion): refused outright.
  const doctype = /<!DOCTYPE/i.exec(text);
  if (doctype) throw new GpxError(lineAt(doctype.index), null, 'a <!DOCTYPE> is not allowed in a GPX file');
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new GpxError(valid.err.line, valid.err.col, `not well-formed XML: ${valid.err.msg}`);
  const parser = new XMLParser({
    ignoreAttributes: false, attributeNamePrefix: '@', removeNSPrefix: true, captureMetaData: true,
    parseTagValue: false, parseAttributeValue: false, trimValues: true,
    isArray: (name) => LIST_ELEMENTS.has(name),
  });
  let doc: XmlObject;
  try {
    doc = parser.parse(text) as XmlObject;
  } catch (e) {
    // The parser's own limits (nesting depth, entities): a file we will not read, not a fault of ours.
    throw new GpxError(1, null, `the file cannot be read as GPX: ${e instanceof Error ? e.message : String(e)}`);
  }
  const roots = Object.keys(doc).filter((k) => !k.startsWith('?') && !k.startsWith('#'));
  const gpx = doc.gpx;
  if (!gpx || typeof gpx !== 'object') {
    const found = roots[0];
    const at = found ? text.search(new RegExp(`<(?:[\\w.-]+:)?${found}[\\s/>]`)) : 0;
    throw new GpxError(lineAt(Math.max(0, at)), null, found ? `the root element is <${found}>, not <gpx>` : 'no <gpx> element');
  }
  const root = gpx as XmlObject;
  const line = (node: XmlObject): number => {
    const meta = node[META] as { startIndex?: number } | undefined;
    return meta?.startIndex !== undefined ? lineAt(meta.startIndex) : 1;
  };
  const point = (node: XmlObject, element: string): GpxPoint => {
    const lat = Number(node['@lat']);
    const lon = Number(node['@lon']);
    const where = line(node);
    if (node['@lat'] === undefined || node['@lon'] === undefined) throw new GpxError(where, null, `<${element}> needs both lat and lon attributes`);
    if (!Number.isFinite(lat) || lat < -90 || lat > 90 || String(node['@lat']).trim() === '') throw new GpxError(where, null, `<${element}> lat "${String(node['@lat'])}" is not a latitude (−90 to 90)`);
    if (!Number.isFinite(lon) || lon < -180 || lon > 180 || String(node['@lon']).trim() === '') throw new GpxError(where, null, `<${element}> lon "${String(node['@lon'])}" is not a longitude (−180 to 180)`);
    const out: { lat: number; lon: number; ele?: number; time?: string } = { lat, lon };
    const ele = childText(node, 'ele');
    if (ele !== undefined && ele !== '') {
      const e = Number(ele);
      if (!Number.isFinite(e)) throw new GpxError(where, null, `<${element}> elevation "${ele}" is not a number`);
      out.ele = e;
    }
    const time = childText(node, 'time');
    if (time !== undefined && time !== '') {
      // xsd:dateTime; a time without a zone is taken as UTC, as GPX 1.1 says times are.
      const zoned = /(?:Z|[+-]\d\d:?\d\d)$/i.test(time) ? time : `${time}Z`;
      const ms = /^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(time) ? Date.parse(zoned) : NaN;
      if (!Number.isFinite(ms)) throw new GpxError(where, null, `<${element}> time "${time}" is not an ISO date-time`);
      out.time = new Date(ms).toISOString();
    }
    return out;
  };
  const lines: GpxLine[] = [];
  // Tracks and routes in document order: both lists carry their start offsets.
  const items: { at: number; line: GpxLine }[] = [];
  for (const trk of asList(root.trk)) {
    const segments = asList(trk.trkseg).map((seg) => asList(seg.trkpt).map((p) => point(p, 'trkpt')));
    items.push({ at: (trk[META] as { startIndex?: number } | undefined)?.startIndex ?? 0, line: { kind: 'track', name: childText(trk, 'name') || null, segments } });
  }
  for (const rte of asList(root.rte)) {
    const points = asList(rte.rtept).map((p) => point(p, 'rtept'));
    items.push({ at: (rte[META] as { startIndex?: number } | undefined)?.startIndex ?? 0, line: { kind: 'route', name: childText(rte, 'name') || null, segments: [points] } });
  }
  items.sort((a, b) => a.at - b.at);
  for (const item of items) lines.push(item.line);
  const attr = (name: string): string | null => (typeof root[`@${name}`] === 'string' ? (root[`@${name}`] as string) : null);
  return { version: attr('version'), creator: attr('creator'), lines };
}

/** Every segment of every track and route, each a non-empty run of points. */
export function gpxSegments(doc: GpxDocument): GpxPoint[][] {
  return doc.lines.flatMap((l) => l.segments.filter((s) => s.length > 0).map((s) => [...s]));
}

/** The first and last times among the points, when any point has one. */
export function gpxTimeSpan(doc: GpxDocument): { startedAt: string; endedAt: string } | null {
  let first: string | null = null;
  let last: string | null = null;
  for (const seg of gpxSegments(doc)) {
    for (const p of seg) {
      if (p.time === undefined) continue;
      if (first === null || p.time < first) first = p.time;
      if (last === null || p.time > last) last = p.time;
    }
  }
  return first !== null && last !== null ? { startedAt: first, endedAt: last } : null;
}

const escapeXml = (s: string): string => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);

export interface GpxTrackOut {
  readonly name: string;
  readonly description?: string;
  readonly segments: readonly (readonly GpxPoint[])[];
}

// 7 decimals of a degree is about a centimetre: well inside the metre an import must keep.
const degrees = (v: number): string => v.toFixed(7).replace(/\.?0+$/, '');

/** A GPX 1.1 document of tracks, each point with its time when it has one. */
export function writeGpx(doc: { readonly creator: string; readonly name?: string; readonly time?: string; readonly tracks: readonly GpxTrackOut[] }): string {
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<gpx version="1.1" creator="${escapeXml(doc.creator)}" xmlns="http://www.topografix.com/GPX/1/1" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.topografix.com/GPX/1/1 http://www.topografix.com/GPX/1/1/gpx.xsd">`,
  ];
  if (doc.name !== undefined || doc.time !== undefined) {
    out.push('  <metadata>');
    if (doc.name !== undefined) out.push(`    <name>${escapeXml(doc.name)}</name>`);
    if (doc.time !== undefined) out.push(`    <time>${escapeXml(doc.time)}</time>`);
    out.push('  </metadata>');
  }
  for (const trk of doc.tracks) {
    out.push('  <trk>', `    <name>${escapeXml(trk.name)}</name>`);
    if (trk.description !== undefined) out.push(`    <desc>${escapeXml(trk.description)}</desc>`);
    for (const seg of trk.segments) {
      out.push('    <trkseg>');
      for (const p of seg) {
        if (!Number.isFinite(p.lat) || !Number.isFinite(p.lon)) throw new RangeError(`GPX: a point of "${trk.name}" is not a finite position`);
        const inner = [p.ele !== undefined ? `<ele>${p.ele}</ele>` : '', p.time !== undefined ? `<time>${escapeXml(p.time)}</time>` : ''].join('');
        const open = `      <trkpt lat="${degrees(p.lat)}" lon="${degrees(p.lon)}"`;
        out.push(inner ? `${open}>${inner}</trkpt>` : `${open}/>`);
      }
      out.push('    </trkseg>');
    }
    out.push('  </trk>');
  }
  out.push('</gpx>', '');
  return out.join('\n');
}

/**
 * Times for a track's points when only its start and end are known: spread in proportion to the
 * distance walked, as a team at a steady pace would pass them (so an exported track imports back
 * with the same start and end).
 */
export function timesAlong(points: readonly KmPoint[], startedAt: string, endedAt: string): string[] {
  const t0 = Date.parse(startedAt);
  const t1 = Date.parse(endedAt);
  const cumulative = [0];
  for (let i = 1; i < points.length; i++) cumulative.push(cumulative[i - 1]! + Math.hypot(points[i]!.x - points[i - 1]!.x, points[i]!.y - points[i - 1]!.y));
  const total = cumulative[cumulative.length - 1]!;
  return points.map((_, i) => {
    if (i === points.length - 1) return new Date(t1).toISOString();
    const share = total > 0 ? cumulative[i]! / total : points.length > 1 ? i / (points.length - 1) : 0;
    return new Date(Math.round(t0 + share * (t1 - t0))).toISOString();
  });
}

/** Length of a polyline in km. */
export function polylineKm(points: readonly KmPoint[]): number {
  let km = 0;
  for (let i = 1; i < points.length; i++) km += Math.hypot(points[i]!.x - points[i - 1]!.x, points[i]!.y - points[i - 1]!.y);
  return km;
}
