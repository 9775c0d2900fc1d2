// Random statutes for the legislature's property tests (texts, codes, version histories).
import fc from 'fast-check';
import { renderStatuteText, subdivisionEid, type StatuteText } from '../statute-text.ts';

// Random well-formed structures: words without parentheses (a text starting "(x) " would be a marker).
export const word = fc.string({ unit: fc.constantFrom(..."Aaz09§,.;:'’-"), minLength: 1, maxLength: 8 });
// Words with what XML must escape and what entity decoding could mangle.
export const richWord = fc.oneof(word, fc.constantFrom('<b>', 'a&b', '&amp;', '&lt;', '"quoted"', "it's", ']]>', 'Kankurō', '§\u00a014-203', '&#233;', '&nbsp;'));
const sentenceOf = (w: fc.Arbitrary<string>) => fc.array(w, { minLength: 0, maxLength: 6 }).map((ws) => ws.join(' '));
export const sentence = sentenceOf(word);
const uniq = <T,>(arb: fc.Arbitrary<string>, body: (num: string) => fc.Arbitrary<T>, max: number) =>
  fc.uniqueArray(arb, { maxLength: max }).chain((nums) => fc.tuple(...nums.map(body)) as fc.Arbitrary<T[]>);
const roman = fc.constantFrom('i', 'ii', 'iii', 'iv', 'v', 'vi', 'ix', 'x', 'xii');

export const statuteTextArb = (code: string, w: fc.Arbitrary<string> = word): fc.Arbitrary<StatuteText> => {
  const sentence = sentenceOf(w);
  return fc.record({
    intro: fc.option(fc.array(w, { minLength: 1, maxLength: 6 }).map((w) => w.join(' '))),
    subsections: uniq(fc.constantFrom('1', '2', '2A', '3', '4', '10', '11B'), (sn) => fc.record({
      text: sentence,
      paragraphs: uniq(fc.constantFrom('a', 'b', 'c', 'aa', 'h', 'i', 'v', 'zz'), (pn) => fc.record({
        text: sentence,
        items: uniq(roman, (iN) => sentence.map((t) => ({ num: iN, eId: subdivisionEid(code, [sn, pn, iN]), text: t })), 3),
      }).map((p) => ({ num: pn, eId: subdivisionEid(code, [sn, pn]), ...p })), 3),
    }).map((s) => ({ num: sn, eId: subdivisionEid(code, [sn]), ...s })), 4),
  }).map((t) => ({ code, ...t }));
};


const day = fc.integer({ min: 0, max: 20000 }).map((n) => new Date(Date.UTC(1990, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
const line = fc.array(richWord, { minLength: 1, maxLength: 6 }).map((ws) => ws.join(' '));

/** A statute as the seed and the exporter see it: versions oldest first with whole texts, maybe repealed after the last. */
export const statuteArb = fc.record({
  title: fc.integer({ min: 1, max: 99 }),
  section: fc.integer({ min: 100, max: 999 }),
  heading: line,
  titleHeading: fc.option(line, { nil: undefined }),
  dates: fc.uniqueArray(day, { minLength: 2, maxLength: 5 }).map((ds) => ds.sort()),
  reasons: fc.array(line, { minLength: 5, maxLength: 5 }),
  repealed: fc.boolean(),
}).chain((r) => {
  const code = `${r.title}-${r.section}`;
  const n = r.repealed ? r.dates.length - 1 : r.dates.length;
  return fc.tuple(...Array.from({ length: Math.max(1, n) }, () => statuteTextArb(code, richWord))).map((texts) => ({
    code,
    heading: r.heading,
    title: r.titleHeading === undefined ? null : { number: r.title, heading: r.titleHeading },
    versions: texts.map((t, k) => ({ from: r.dates[k]!, reason: r.reasons[k]!, text: renderStatuteText(t) })),
    repealed: r.repealed && r.dates.length > 1 ? { on: r.dates[r.dates.length - 1]!, reason: r.reasons[4]! } : null,
  }));
});
