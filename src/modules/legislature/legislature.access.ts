// The statute book in the access matrix: a statute per label (in force since 2001, with a later
// version), and a row for every route — reads by code, the title index, the writes of clerks and
// the Kazekage, and citations resolved against a statute the reader may or may not see.
import { keptUntilUsed, type AccessRow, type ModuleAccess } from '../../kernel/testing/access.ts';
import type { Label } from '../../kernel/auth/labels.ts';
import type { AppContext } from '../../kernel/context.ts';
import { createTitle, importStatutes, statuteHistory, villageToday, createBill, addBillText, setBillAmendments, recordBillAction } from './index.ts';
import { createPerson } from '../registry/index.ts';
import type { BillStage } from './bill-stages.ts';
import { voteBill } from './testing/council.ts';
import { searchAccessFixture, searchAccessRows } from './search.access-rows.ts';
import { sessionAccessFixture, sessionAccessRows, sessionAccessSetup } from './sessions.access-rows.ts';

// Titles 91–99 hold the matrix's statutes; titles created over HTTP take the numbers below them.
const FIXTURE_TITLE = 99;
const WRITE_TITLES = [91, 92, 93, 94, 95, 96, 97, 98];
let written = 0;
let days = 0;
/** A statute code of its own for each statute a write creates. */
const freshCode = () => {
  const k = written++;
  return `${WRITE_TITLES[Math.floor(k / 900) % WRITE_TITLES.length]}-${100 + (k % 900)}`;
};
/** Dates after every earlier one, so each consolidation comes after the statute's latest version. */
const nextDay = () => new Date(Date.UTC(2030, 0, 1) + ++days * 86_400_000).toISOString().slice(0, 10);

const labelled = (l: Label) => ({ classification: l.classification as any, compartments: [...l.compartments] });

async function statute(op: AppContext, code: string, label: Label, heading: string) {
  await importStatutes(op, [{
    code, heading, titleNumber: Number(code.split('-')[0]), label: labelled(label),
    versions: [
      { from: '2001-04-01', reason: 'enacted', markup: `(1) ${heading} is the law.\n  (a) as first written.` },
      { from: '2010-01-01', reason: 'consolidation', markup: `(1) ${heading} is the law.\n  (a) as amended.` },
    ],
  }], { source: 'access matrix' });
}

const read = (url: (f: { ids: Record<string, string> }) => string): AccessRow => ({
  action: 'legislature.read', kind: 'read-one', request: async (f) => ({ method: 'GET', url: url(f) }),
});

// A public sponsor for every bill, and a public bill whose amendments name the fixtures' statutes.
let sponsor = '';
let publicBill = '';
/**
 * A bill of the label, taken through `stages` (a fresh one for each request that moves a bill on):
 * introduced by hand, its readings and its passing by the matrix council's votes (sessions.access-rows.ts).
 */
/**
 * A title of its own per label: a writer cleared for a bill above a record's label may not write
 * that bill's exact title into it (bill-mentions.ts), a new bill's title included.
 */
const titled = (title: string, l: Label) => `${title} (${[l.classification, ...l.compartments].join(' ')})`;

async function bill(op: AppContext, label: Label, title: string, stages: readonly BillStage[] = []) {
  const b = await createBill(op, { title: titled(title, label), sponsors: [sponsor], ...labelled(label) });
  if (stages.includes('passed')) await setBillAmendments(op, b.code, { commencement: '2031-01-01', amendments: [] });
  if (stages[0] === 'introduced') await recordBillAction(op, b.code, { stage: 'introduced', on: villageToday(op) });
  if (stages.length > 1) await voteBill(op, b.code, stages.slice(1), villageToday(op));
  return b.code;
}

/** A passed bill of the label for the signing row, kept until one is signed (keptUntilUsed). */
const passedBill = keptUntilUsed(
  (op, label) => bill(op, label, 'Matrix bill to sign', ['introduced', 'first_reading', 'second_reading', 'third_reading', 'passed']),
  async (op, code) => (await op.db.selectFrom('legislature_bill').select('stage').where('code', '=', code).executeTakeFirst())?.stage === 'passed',
);

export const access: ModuleAccess = {
  async setup(op) {
    for (const n of [...WRITE_TITLES, FIXTURE_TITLE]) await createTitle(op, { number: n, heading: `Matrix title ${n}` });
    sponsor = (await createPerson(op, { name: 'Matrix Sponsor', rank: 'jounin' })).id;
    publicBill = await bill(op, { classification: 'public', compartments: [] }, 'Matrix public bill');
    await sessionAccessSetup(op);
  },
  async fixture(op, label, n) {
    const code = `${FIXTURE_TITLE}-${100 + n}`;
    // Headings end with a full stop so that, looked for as JSON strings, fixture 1's never match fixture 12's.
    const heading = `Matrix statute ${n}.`;
    await statute(op, code, label, heading);
    const billCode = await bill(op, label, `Matrix bill ${n}.`);
    await addBillText(op, billCode, { text: 'The first words.', note: 'one' });
    await addBillText(op, billCode, { text: 'The second words.', note: 'two' });
    return { statuteCode: code, statuteHeading: heading, billCode, ...(await searchAccessFixture(op, label, n)), ...(await sessionAccessFixture(op, label, n)) };
  },
  routes: {
    ...searchAccessRows,
    ...sessionAccessRows,
    'GET /api/legislature/titles': {
      action: 'legislature.read', kind: 'read-list', request: async () => ({ method: 'GET', url: '/api/legislature/titles?at=2026-11-20' }),
      contains: (b, f) => b.items.some((t: any) => t.statutes.some((s: any) => s.code === f.ids.statuteCode)),
    },
    'POST /api/legislature/titles': {
      action: 'legislature.title.create', kind: 'plain',
      // The lowest number not yet taken: a title's number is 1–99, fewer than the requests made.
      request: async (_f, _fresh, op) => {
        const taken = new Set((await op.db.selectFrom('legislature_title').select('number').execute()).map((t) => Number(t.number)));
        let number = 1;
        while (taken.has(number)) number++;
        return { method: 'POST', url: '/api/legislature/titles', payload: { number, heading: 'Matrix title' } };
      },
    },
    'GET /api/legislature/statutes/{code}': read((f) => `/api/legislature/statutes/${f.ids.statuteCode}?at=2026-11-20`),
    'GET /api/legislature/statutes/{code} [today]': read((f) => `/api/legislature/statutes/${f.ids.statuteCode}`),
    'GET /api/legislature/statutes/{code}/history': read((f) => `/api/legislature/statutes/${f.ids.statuteCode}/history`),
    'GET /api/legislature/statutes/{code}/diff': read((f) => `/api/legislature/statutes/${f.ids.statuteCode}/diff?from=2005-01-01&to=2026-11-20`),
    'GET /api/legislature/statutes/{code}/akn': read((f) => `/api/legislature/statutes/${f.ids.statuteCode}/akn?at=2026-11-20`),
    'POST /api/legislature/statutes': {
      action: 'legislature.statute.create', kind: 'create',
      request: async (f) => ({ method: 'POST', url: '/api/legislature/statutes', payload: { code: freshCode(), heading: 'Matrix new statute', markup: '(1) New law.', validFrom: '2026-01-01', reason: 'matrix', ...labelled(f.label) } }),
    },
    'POST /api/legislature/statutes/{code}/versions': {
      action: 'legislature.statute.amend', kind: 'write-existing',
      request: async (f, _fresh, op) => {
        // Each consolidation changes the text (one that changes nothing is refused, 422).
        const day = nextDay();
        return {
          method: 'POST', url: `/api/legislature/statutes/${f.ids.statuteCode}/versions`,
          payload: { validFrom: day, markup: `(1) Consolidated again on ${day}.`, reason: 'matrix consolidation' },
          headers: { 'if-match': `"${(await statuteHistory(op, f.ids.statuteCode!)).version}"` },
        };
      },
    },
    'POST /api/legislature/statutes/{code}/repeal': {
      // A repeal ends a statute: each request repeals one of its own, of the fixture's label.
      action: 'legislature.statute.repeal', kind: 'write-existing',
      request: async (f, _fresh, op) => {
        const code = freshCode();
        await statute(op, code, f.label, `Matrix repealable ${code}.`);
        return { method: 'POST', url: `/api/legislature/statutes/${code}/repeal`, payload: { on: '2026-01-01', reason: 'matrix repeal' }, headers: { 'if-match': '"1"' } };
      },
    },
    'GET /api/legislature/bills': {
      action: 'legislature.read', kind: 'read-list', request: async () => ({ method: 'GET', url: '/api/legislature/bills?limit=200' }),
      contains: (b, f) => b.items.some((i: any) => i.code === f.ids.billCode),
    },
    'POST /api/legislature/bills': {
      action: 'legislature.bill.create', kind: 'create',
      request: async (f) => ({ method: 'POST', url: '/api/legislature/bills', payload: { title: titled('Matrix new bill', f.label), sponsors: [sponsor], ...labelled(f.label) } }),
    },
    'GET /api/legislature/bills/{code}': read((f) => `/api/legislature/bills/${f.ids.billCode}`),
    'GET /api/legislature/bills/{code}/diff': read((f) => `/api/legislature/bills/${f.ids.billCode}/diff?from=1&to=2`),
    'POST /api/legislature/bills/{code}/texts': {
      action: 'legislature.bill.edit', kind: 'write-existing',
      request: async (f) => ({ method: 'POST', url: `/api/legislature/bills/${f.ids.billCode}/texts`, payload: { text: 'Matrix words again.', note: 'matrix' } }),
    },
    'PUT /api/legislature/bills/{code}/drafting': {
      action: 'legislature.bill.edit', kind: 'write-existing',
      request: async (f) => ({ method: 'PUT', url: `/api/legislature/bills/${f.ids.billCode}/drafting`, payload: { drafter: sponsor, due: '2026-12-07' } }),
    },
    'PUT /api/legislature/bills/{code}/amendments': {
      action: 'legislature.bill.edit', kind: 'write-existing',
      request: async (f) => ({ method: 'PUT', url: `/api/legislature/bills/${f.ids.billCode}/amendments`, payload: { commencement: null, amendments: [] } }),
    },
    // A public bill amending the fixture's statute: only a writer who can see the statute may name it.
    'PUT /api/legislature/bills/{code}/amendments [a statute named]': {
      action: 'legislature.bill.edit', kind: 'reference', target: 'statuteCode',
      request: async (f) => ({ method: 'PUT', url: `/api/legislature/bills/${publicBill}/amendments`, payload: { commencement: null, amendments: [{ code: f.ids.statuteCode, op: 'substitute', path: ['1'], text: '(1) Amended by the matrix.' }] } }),
    },
    // Moving a bill on: each request introduces a fresh bill of the fixture's label.
    'POST /api/legislature/bills/{code}/actions': {
      action: 'legislature.bill.advance', kind: 'write-existing',
      request: async (f, _fresh, op) => ({ method: 'POST', url: `/api/legislature/bills/${await bill(op, f.label, 'Matrix bill to introduce')}/actions`, payload: { stage: 'introduced', on: villageToday(op) } }),
    },
    'POST /api/legislature/bills/{code}/actions [signing]': {
      action: 'legislature.bill.sign', kind: 'write-existing',
      request: async (f, _fresh, op) => ({
        method: 'POST', url: `/api/legislature/bills/${await passedBill(op, f.label)}/actions`,
        payload: { stage: 'signed', on: villageToday(op) },
      }),
    },
    // A public text citing the fixture's statute: its heading and text are shown only to readers who may see it.
    'POST /api/legislature/citations/resolve': {
      action: 'legislature.read', kind: 'withheld', hidden: ['statuteHeading'], marker: false,
      request: async (f) => ({ method: 'POST', url: '/api/legislature/citations/resolve', payload: { text: `As section ${f.ids.statuteCode}(1)(a) says.`, at: '2026-11-20' } }),
    },
  },
};
