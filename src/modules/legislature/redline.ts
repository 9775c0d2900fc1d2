// Word-level redlines between two versions of a statute: the whole text, and which subdivisions changed, came or went.
import { diffArrays, diffWordsWithSpace } from 'diff';
import { parseStatuteText, renderStatuteText, subdivisionsOf, type Level, type SubdivisionEntry } from './statute-text.ts';

export interface RedlineSegment { op: 'equal' | 'insert' | 'delete'; text: string }

// Past this many edits the diff library gives up and the redline is "all of the old out, all of
// the new in": a correct redline, bounded in time, for texts that have nothing in common anyway.
const MAX_EDITS = 1500;

/**
 * Word-level redline that keeps every character: whitespace runs and newlines are tokens of their
 * own (diffWordsWithSpace), so equal+insert is exactly the new text and equal+delete the old one.
 * Adjacent segments of the same kind are merged; within a change, the deletion comes first.
 */
export function redline(oldText: string, newText: string): RedlineSegment[] {
  const changes = diffWordsWithSpace(oldText, newText, { maxEditLength: MAX_EDITS }) ?? [
    { value: oldText, removed: true, added: false, count: 1 },
    { value: newText, removed: false, added: true, count: 1 },
  ];
  const out: RedlineSegment[] = [];
  for (const c of changes) {
    if (c.value === '') continue;
    const op = c.added ? 'insert' : c.removed ? 'delete' : 'equal';
    const last = out[out.length - 1];
    if (last && last.op === op) last.text += c.value;
    else out.push({ op, text: c.value });
  }
  return out;
}

/** One side of a redline: 'old' is equal+delete, 'new' is equal+insert. */
export function sideOf(segments: readonly RedlineSegment[], side: 'old' | 'new'): string {
  const skip = side === 'old' ? 'insert' : 'delete';
  return segments.filter((s) => s.op !== skip).map((s) => s.text).join('');
}

export type SubdivisionChangeKind = 'added' | 'removed' | 'changed' | 'unchanged';
export interface SubdivisionChange {
  eId: string;
  path: string[];
  level: Level | 'intro';
  marker: string;
  change: SubdivisionChangeKind;
  /** Redline of the subdivision's own text (its children are entries of their own). */
  segments: RedlineSegment[];
}
export interface StatuteRedline {
  /** Redline of the whole text, in its rendered markup (one line per subdivision). */
  segments: RedlineSegment[];
  /** Every subdivision of either version, in reading order: the new order, removed ones where they stood. */
  subdivisions: SubdivisionChange[];
  added: string[];
  removed: string[];
  changed: string[];
}

/**
 * Redline of two versions of one statute's markup. Both are parsed (each stored version is
 * well-formed; a version with errors is compared as far as it parses) and compared subdivision
 * by subdivision on their eIds, so a renumbered subdivision shows as removed + added.
 */
export function redlineStatute(code: string, oldMarkup: string, newMarkup: string): StatuteRedline {
  const before = parseStatuteText(code, oldMarkup).text;
  const after = parseStatuteText(code, newMarkup).text;
  const oldEntries = subdivisionsOf(before);
  const newEntries = subdivisionsOf(after);
  const oldById = new Map(oldEntries.map((e) => [e.eId, e]));
  const newById = new Map(newEntries.map((e) => [e.eId, e]));
  const subdivisions: SubdivisionChange[] = [];
  const entry = (e: SubdivisionEntry, change: SubdivisionChangeKind, segments: RedlineSegment[]): SubdivisionChange =>
    ({ eId: e.eId, path: e.path, level: e.level, marker: e.marker, change, segments });
  // diffArrays over the eId sequences merges the two orders: common eIds once, removed ones where they were.
  for (const part of diffArrays(oldEntries.map((e) => e.eId), newEntries.map((e) => e.eId))) {
    for (const eId of part.value) {
      if (part.removed) {
        // An eId removed here may reappear later in the new order (a move): then it is compared there.
        if (newById.has(eId)) continue;
        const e = oldById.get(eId)!;
        subdivisions.push(entry(e, 'removed', e.text ? [{ op: 'delete', text: e.text }] : []));
      } else if (part.added) {
        const e = newById.get(eId)!;
        const was = oldById.get(eId);
        if (was) subdivisions.push(entry(e, was.text === e.text ? 'unchanged' : 'changed', redline(was.text, e.text)));
        else subdivisions.push(entry(e, 'added', e.text ? [{ op: 'insert', text: e.text }] : []));
      } else {
        const was = oldById.get(eId)!;
        const e = newById.get(eId)!;
        subdivisions.push(entry(e, was.text === e.text ? 'unchanged' : 'changed', redline(was.text, e.text)));
      }
    }
  }
  const ids = (k: SubdivisionChangeKind) => subdivisions.filter((s) => s.change === k).map((s) => s.eId);
  return {
    segments: redline(renderStatuteText(before), renderStatuteText(after)),
    subdivisions,
    added: ids('added'),
    removed: ids('removed'),
    changed: ids('changed'),
  };
}
