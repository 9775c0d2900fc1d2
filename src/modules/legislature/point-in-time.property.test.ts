// Point in time against an oracle written from the rule alone: on a day D, the text in force is the
// last version whose first day is on or before D; before the first there is none yet; from the
// repeal day on there is none any more. Random histories (testing/statutes.ts), imported whole,
// read back on every boundary day and the day before it, on both databases.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fc from 'fast-check';
import { DIALECTS, openTestApp, type TestApp } from '../../kernel/testing/dialects.ts';
import { statuteArb } from './testing/statutes.ts';
import { getStatute, importStatutes, statuteHistory } from './index.ts';

const dayBefore = (d: string) => new Date(Date.parse(d + 'T00:00:00Z') - 86_400_000).toISOString().slice(0, 10);

describe.each(DIALECTS)('the law on a day, against an oracle, on %s', (dialect) => {
  let app: TestApp;
  let next = 0;
  beforeAll(async () => { app = await openTestApp(dialect); });
  afterAll(async () => app?.drop());

  it('gives the version the rule says, or the 404 that says why there is none', async () => {
    await fc.assert(fc.asyncProperty(fc.array(statuteArb, { minLength: 1, maxLength: 4 }), async (drawn) => {
      // Each run its own codes (one database for all runs); a version with no text at all is no statute.
      const statutes = drawn.filter((s) => s.versions.every((v) => v.text.trim() !== '')).map((s) => {
        const n = next++;
        return { ...s, code: `${1 + Math.floor(n / 900)}-${100 + (n % 900)}` };
      });
      if (!statutes.length) return;
      await importStatutes(app.ctx, statutes.map((s) => ({
        code: s.code, heading: s.heading, titleNumber: Number(s.code.split('-')[0]),
        versions: s.versions.map((v) => ({ from: v.from, reason: v.reason, markup: v.text })), repealed: s.repealed,
      })), { source: 'property' });
      for (const s of statutes) {
        const days = new Set<string>();
        for (const d of [...s.versions.map((v) => v.from), ...(s.repealed ? [s.repealed.on] : [])]) (days.add(d), days.add(dayBefore(d)));
        for (const day of days) {
          // The oracle.
          let want: { seq: number; text: string } | 'not_yet' | 'repealed';
          if (day < s.versions[0]!.from) want = 'not_yet';
          else if (s.repealed && day >= s.repealed.on) want = 'repealed';
          else {
            let k = 0;
            s.versions.forEach((v, i) => { if (v.from <= day) k = i; });
            want = { seq: k + 1, text: s.versions[k]!.text };
          }
          const got = await getStatute(app.ctx, s.code, day).then((r) => ({ seq: r.version.seq, text: r.markup }), (e) => (e.code === 'LEGISLATURE_STATUTE_NOT_YET' ? 'not_yet' : e.code === 'LEGISLATURE_STATUTE_REPEALED' ? 'repealed' : `${e.code}: ${e.message}`));
          expect(got, `${s.code} on ${day}`).toEqual(want);
        }
        // Histories are whole: every version, each closed by the next (or the repeal).
        const h = await statuteHistory(app.ctx, s.code);
        const ends = [...s.versions.slice(1).map((v) => v.from), s.repealed?.on ?? null];
        expect(h.items.filter((i) => i.kind === 'text').map((i) => [i.validFrom, i.validTo])).toEqual(s.versions.map((v, k) => [v.from, ends[k]]));
      }
    }), { numRuns: 15 });
  }, 120_000);
});
