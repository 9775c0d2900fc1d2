// Structured amendments applied to a statute's text: every operation worked by hand, conflicts
// named, and properties (the result always parses; a refused set changes nothing).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applyAmendments, AmendmentRefusal, type Amendment, type StatuteState } from './amendments.ts';
import { parseStatuteText } from './statute-text.ts';

const TEXT = [
  'Deserters are returned.',
  '(1) A deserter is returned within 30 days.',
  '(2) The Council may extend the time:',
  '  (a) for illness;',
  '    (i) certified by a medic; or',
  '    (ii) certified by two jounin;',
  '  (b) for war.',
  '(3) The Kazekage is told.',
].join('\n');
const BOOK = new Map<string, StatuteState>([['14-203', { heading: 'Extradition of deserters', markup: TEXT }]]);
const amend = (over: Partial<Amendment> & Pick<Amendment, 'op' | 'path'>, ref = 'B-2026-004 amendment 1'): Amendment => ({ ref, code: '14-203', ...over });
const after = (...as: Amendment[]) => {
  const r = applyAmendments(BOOK, as).get(as[0]!.code)!;
  return 'repealed' in r ? 'repealed' : r.markup;
};
const refusal = (as: Amendment[]) => { try { applyAmendments(BOOK, as); } catch (e) { if (e instanceof AmendmentRefusal) return e.message; throw e; } return null; };

describe('amendments', () => {
  it('substitutes a subdivision with its children, indenting the new text to its level', () => {
    expect(after(amend({ op: 'substitute', path: ['2', 'a'], text: '(a) for illness certified by a medic;' }))).toBe([
      'Deserters are returned.', '(1) A deserter is returned within 30 days.', '(2) The Council may extend the time:',
      '  (a) for illness certified by a medic;', '  (b) for war.', '(3) The Kazekage is told.',
    ].join('\n'));
  });

  it('inserts after a named sibling, or last under the parent', () => {
    expect(after(amend({ op: 'insert', path: ['1A'], after: '1', text: '(1A) A deserter who returns freely is heard first.' })).split('\n').slice(1, 3))
      .toEqual(['(1) A deserter is returned within 30 days.', '(1A) A deserter who returns freely is heard first.']);
    expect(after(amend({ op: 'insert', path: ['2', 'c'], text: '(c) for famine.' })).split('\n').slice(6, 8))
      .toEqual(['  (b) for war.', '  (c) for famine.']);
    expect(after(amend({ op: 'insert', path: ['4'], text: '(4) This section expires in 2030.' })).split('\n').at(-1)).toBe('(4) This section expires in 2030.');
  });

  it('repeals a subdivision with its children, or the whole statute', () => {
    expect(after(amend({ op: 'repeal', path: ['2', 'a'] }))).toBe([
      'Deserters are returned.', '(1) A deserter is returned within 30 days.', '(2) The Council may extend the time:', '  (b) for war.', '(3) The Kazekage is told.',
    ].join('\n'));
    expect(after(amend({ op: 'repeal', path: [] }))).toBe('repealed');
  });

  it('renumbers a subdivision; its children follow it', () => {
    const text = after(amend({ op: 'renumber', path: ['2', 'a'], newNum: 'aa' }));
    const parsed = parseStatuteText('14-203', text);
    expect(parsed.text.subsections[1]!.paragraphs.map((p) => p.eId)).toEqual(['sec_14-203__subsec_2__para_aa', 'sec_14-203__subsec_2__para_b']);
    expect(parsed.text.subsections[1]!.paragraphs[0]!.items.map((i) => i.eId)).toEqual(['sec_14-203__subsec_2__para_aa__item_i', 'sec_14-203__subsec_2__para_aa__item_ii']);
  });

  it('applies amendments of one date in order, and adds a new statute', () => {
    const r = applyAmendments(BOOK, [
      amend({ op: 'substitute', path: ['1'], text: '(1) A deserter is returned within 14 days.' }),
      amend({ op: 'insert', path: ['1A'], after: '1', text: '(1A) The 14 days run from the arrest.' }, 'B-2026-004 amendment 2'),
      amend({ op: 'insert', path: [], code: '14-204', heading: 'Transfer of prisoners', text: '(1) A prisoner may be transferred.' }, 'B-2026-004 amendment 3'),
    ]);
    expect((r.get('14-203') as StatuteState).markup.split('\n').slice(1, 3)).toEqual(['(1) A deserter is returned within 14 days.', '(1A) The 14 days run from the arrest.']);
    expect(r.get('14-204')).toEqual({ heading: 'Transfer of prisoners', markup: '(1) A prisoner may be transferred.' });
  });

  it('refuses two amendments of one date that touch the same subdivision, naming both', () => {
    expect(refusal([
      amend({ op: 'substitute', path: ['2'], text: '(2) The Council may not extend the time.' }, 'B-2026-004 amendment 1'),
      amend({ op: 'repeal', path: ['2', 'b'] }, 'B-2026-009 amendment 4'),
    ])).toBe('B-2026-009 amendment 4: conflicts with B-2026-004 amendment 1: both change 14-203(2) on the same date');
  });

  it('refuses what cannot apply, saying what to do', () => {
    expect(refusal([amend({ op: 'repeal', path: ['5'] })])).toBe('B-2026-004 amendment 1: statute 14-203 has no (5)');
    expect(refusal([amend({ op: 'insert', path: ['2'], text: '(2) x' })])).toBe('B-2026-004 amendment 1: 14-203(2) exists already: substitute it instead');
    expect(refusal([amend({ op: 'substitute', path: ['3'], text: '(4) x' })])).toMatch('must begin with its marker (3); to change the number, renumber it');
    expect(refusal([amend({ op: 'renumber', path: ['1'], newNum: '3' })])).toBe('B-2026-004 amendment 1: 14-203(3) exists already');
    expect(refusal([amend({ op: 'insert', path: ['2', 'c'], after: 'z', text: '(c) x' })])).toMatch('is to follow (z), which 14-203(2) does not have');
    expect(refusal([amend({ op: 'substitute', path: ['2', 'a'], text: '(a) ok\n(7) a subsection inside a paragraph' })])).toMatch('the text of 14-203 after it would be wrong: line 5');
    expect(refusal([amend({ op: 'substitute', path: ['1'], code: '9-999', text: '(1) x' })])).toBe('B-2026-004 amendment 1: there is no statute 9-999 in force on that date');
    expect(refusal([amend({ op: 'repeal', path: [] }), amend({ op: 'insert', path: [], code: '14-203', heading: 'x', text: '(1) x' }, 'B-2 amendment 1')]))
      .toMatch('conflicts with B-2026-004 amendment 1');
  });

  it('any applicable sequence of edits leaves a text that parses; what it refuses it refuses whole', () => {
    const paths = fc.constantFrom(['1'], ['2'], ['3'], ['2', 'a'], ['2', 'b'], ['2', 'a', 'i'], ['2', 'a', 'ii'], ['2', 'c'], ['4'], ['2', 'a', 'iii']);
    const one = fc.record({
      op: fc.constantFrom('substitute' as const, 'insert' as const, 'repeal' as const, 'renumber' as const),
      path: paths,
    }).map(({ op, path }, ) => {
      const num = path[path.length - 1]!;
      const marker = `(${num}) new words`;
      return { op, path, text: marker, newNum: path.length === 1 ? `${num}A` : path.length === 2 ? `${num}${num}` : `${num}v` } as Omit<Amendment, 'ref' | 'code'>;
    });
    fc.assert(fc.property(fc.array(one, { maxLength: 4 }), (edits) => {
      const as = edits.map((e, i) => ({ ...e, ref: `a${i}`, code: '14-203' }));
      let r: Map<string, unknown> | null = null;
      try { r = applyAmendments(BOOK, as); } catch (e) { expect(e).toBeInstanceOf(AmendmentRefusal); }
      if (!r) return;
      const s = r.get('14-203');
      if (s && !('repealed' in (s as object))) expect(parseStatuteText('14-203', (s as StatuteState).markup).errors).toEqual([]);
      expect(BOOK.get('14-203')!.markup).toBe(TEXT);
    }));
  });
});
