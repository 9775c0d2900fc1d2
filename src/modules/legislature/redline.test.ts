// Redlines: both sides are given back exactly, and subdivisions are told apart as added, removed or changed.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { redline, redlineStatute, sideOf } from './redline.ts';
import { renderStatuteText } from './statute-text.ts';
import { statuteTextArb } from './testing/statutes.ts';

describe('redline', () => {
  it('marks changed words and keeps the whitespace', () => {
    expect(redline('The council  may meet\nat dawn.', 'The council  shall meet\nat noon.')).toEqual([
      { op: 'equal', text: 'The council  ' },
      { op: 'delete', text: 'may' },
      { op: 'insert', text: 'shall' },
      { op: 'equal', text: ' meet\nat ' },
      { op: 'delete', text: 'dawn' },
      { op: 'insert', text: 'noon' },
      { op: 'equal', text: '.' },
    ]);
  });

  it('equal+insert is the new text and equal+delete the old one, for any two texts', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'b', 'ō', ' ', '  ', '\n', '\t', '.', 'sand', 'law', '14-203', '🏜️'), maxLength: 40 });
    fc.assert(fc.property(text, text, (a, b) => {
      const r = redline(a, b);
      expect(sideOf(r, 'old')).toBe(a);
      expect(sideOf(r, 'new')).toBe(b);
      for (const s of r) expect(s.text).not.toBe('');
      for (let i = 1; i < r.length; i++) expect(r[i]!.op).not.toBe(r[i - 1]!.op);
    }));
  });

  it('texts with nothing in common past the edit bound still give both sides', () => {
    const a = Array.from({ length: 1200 }, (_, i) => `w${i}`).join(' ');
    const b = Array.from({ length: 1200 }, (_, i) => `v${i}`).join(' ');
    const r = redline(a, b);
    expect(sideOf(r, 'old')).toBe(a);
    expect(sideOf(r, 'new')).toBe(b);
  });
});

describe('redlineStatute', () => {
  const OLD = ['Intro.', '(1) The Kazekage may act.', '(2) Envoys:', '  (a) may enter;', '  (b) may leave.', '(3) Gone soon.'].join('\n');
  const NEW = ['Intro.', '(1) The Kazekage shall act.', '(2) Envoys:', '  (a) may enter;', '  (aa) must register;', '  (b) may leave.'].join('\n');

  it('says which eIds changed, were added and were removed, in reading order', () => {
    const r = redlineStatute('4-101', OLD, NEW);
    expect(r.changed).toEqual(['sec_4-101__subsec_1']);
    expect(r.added).toEqual(['sec_4-101__subsec_2__para_aa']);
    expect(r.removed).toEqual(['sec_4-101__subsec_3']);
    expect(r.subdivisions.map((s) => `${s.marker || 'intro'}:${s.change}`)).toEqual(['intro:unchanged', '(1):changed', '(2):unchanged', '(a):unchanged', '(aa):added', '(b):unchanged', '(3):removed']);
    expect(r.subdivisions[1]!.segments).toEqual([{ op: 'equal', text: 'The Kazekage ' }, { op: 'delete', text: 'may' }, { op: 'insert', text: 'shall' }, { op: 'equal', text: ' act.' }]);
    expect(sideOf(r.segments, 'new')).toBe(NEW);
  });

  it('for random versions: the whole redline gives both texts, and every eId of either is accounted for once', () => {
    fc.assert(fc.property(statuteTextArb('2-110'), statuteTextArb('2-110'), (a, b) => {
      const r = redlineStatute('2-110', renderStatuteText(a), renderStatuteText(b));
      expect(sideOf(r.segments, 'old')).toBe(renderStatuteText(a));
      expect(sideOf(r.segments, 'new')).toBe(renderStatuteText(b));
      const ids = r.subdivisions.map((s) => s.eId);
      expect(new Set(ids).size).toBe(ids.length);
      const before = new Set(r.subdivisions.filter((s) => s.change !== 'added').map((s) => s.eId));
      const after = new Set(r.subdivisions.filter((s) => s.change !== 'removed').map((s) => s.eId));
      const flat = (t: typeof a) => [...(t.intro !== null ? ['sec_2-110__intro'] : []), ...t.subsections.flatMap((s) => [s.eId, ...s.paragraphs.flatMap((p) => [p.eId, ...p.items.map((i) => i.eId)])])];
      expect(before).toEqual(new Set(flat(a)));
      expect(after).toEqual(new Set(flat(b)));
      for (const s of r.subdivisions) if (s.change === 'changed' || s.change === 'unchanged') expect(sideOf(s.segments, 'new') === sideOf(s.segments, 'old')).toBe(s.change === 'unchanged');
    }), { numRuns: 60 });
  });
});
