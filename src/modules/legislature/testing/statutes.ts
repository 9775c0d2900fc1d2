// Random statutes for the legislature's property tests (texts, codes, version histories).
import fc from 'fast-check';
import { subdivisionEid, type StatuteText } from '../statute-text.ts';

// Random well-formed structures: words without parentheses (a text starting "(x) " would be a marker).
export const word = fc.string({ unit: fc.constantFrom(..."Aaz09§,.;:'’-"), minLength: 1, maxLength: 8 });
export const sentence = fc.array(word, { minLength: 0, maxLength: 6 }).map((w) => w.join(' '));
const uniq = <T,>(arb: fc.Arbitrary<string>, body: (num: string) => fc.Arbitrary<T>, max: number) =>
  fc.uniqueArray(arb, { maxLength: max }).chain((nums) => fc.tuple(...nums.map(body)) as fc.Arbitrary<T[]>);
const roman = fc.constantFrom('i', 'ii', 'iii', 'iv', 'v', 'vi', 'ix', 'x', 'xii');

export const statuteTextArb = (code: string): fc.Arbitrary<StatuteText> =>
  fc.record({
    intro: fc.option(fc.array(word, { minLength: 1, maxLength: 6 }).map((w) => w.join(' '))),
    subsections: uniq(fc.constantFrom('1', '2', '2A', '3', '4', '10', '11B'), (sn) => fc.record({
      text: sentence,
      paragraphs: uniq(fc.constantFrom('a', 'b', 'c', 'aa', 'h', 'i', 'v', 'zz'), (pn) => fc.record({
        text: sentence,
        items: uniq(roman, (iN) => sentence.map((t) => ({ num: iN, eId: subdivisionEid(code, [sn, pn, iN]), text: t })), 3),
      }).map((p) => ({ num: pn, eId: subdivisionEid(code, [sn, pn]), ...p })), 3),
    }).map((s) => ({ num: sn, eId: subdivisionEid(code, [sn]), ...s })), 4),
  }).map((t) => ({ code, ...t }));

