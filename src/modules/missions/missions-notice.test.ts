// A returned report sends its author a hawk message, on both databases: the author's pigeon hole
// gets it (once the local hawk has flown), with the comments, naming the report by its mission's
// code; it carries the mission's label, so a reader not cleared for it — differing from the author
// only by compartment (BREACH vs ANBU), or below its level — finds no trace of it (no copy, and the
// message's code answers exactly as an unknown one). Without hawk post in the system (its records
// not in the reference catalogue) the return is taken all the same, and no letter is written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, openTestApp, type TestApp } from '../../kernel/testing/dialects.ts';
import { SimulatedClock } from '../../kernel/testing/clock.ts';
import { JobRunner, collectJobKinds } from '../../kernel/jobs/runner.ts';
import { withActor, type Actor, type AppContext } from '../../kernel/context.ts';
import { isAppError } from '../../kernel/errors.ts';
import { createAccount } from '../../kernel/auth/accounts.ts';
import type { Label } from '../../kernel/auth/labels.ts';
import { createPerson, createVillage } from '../registry/index.ts';
import { getMessage, pigeonHole, postModule } from '../post/index.ts';
import { createMission, createReport, stepMission, stepReport } from './index.ts';

const T0 = '2026-11-20T06:00:00.000Z';
const SECRET_ANBU: Label = { classification: 'secret', compartments: ['ANBU'] };

async function refusal(p: Promise<unknown>) {
  try { await p; } catch (e) { if (isAppError(e)) return { status: e.status, code: e.code, message: e.message }; throw e; }
  throw new Error('expected a refusal');
}

async function cast(app: TestApp, who: Record<string, AppContext>, key: string, role: Actor['role'], level: Label['classification'], compartments: string[] = []) {
  const p = await createPerson(app.ctx, { givenName: key[0]!.toUpperCase() + key.slice(1), rank: 'jounin' });
  await createAccount(app.ctx, { username: key, personId: p.id, displayName: key, role: role!, clearance: level, compartments, password: 'correct horse battery staple 9' });
  who[key] = withActor(app.ctx, { kind: 'user', role, username: key, personId: p.id, clearance: { level, compartments } });
  return p.id;
}

/** A mission at `label` led by `author`, ended, with the author's report submitted and taken up by `reviewer`: its id. */
async function reportUnderReview(who: Record<string, AppContext>, ids: Record<string, string>, label: Label, author: string, reviewer: string) {
  const m = await createMission(who.gaara!, {
    rank: 'B', objective: 'Carry the sealed scroll to the border post', client: "Kazekage's office", villages: ['suna'],
    plannedStart: '2026-11-10', plannedEnd: '2026-11-12', team: [{ person: ids[author]!, role: 'leader' }], classification: label.classification, compartments: [...label.compartments],
  });
  await stepMission(who.gaara!, m.code, 'start', { on: '2026-11-10' });
  await stepMission(who.gaara!, m.code, 'complete', { on: '2026-11-12' });
  const r = await createReport(who[author]!, m.code, { body: 'Carried.' });
  await stepReport(who[author]!, r.id, 'submit');
  await stepReport(who[reviewer]!, r.id, 'begin_review');
  return { report: r.id, code: m.code };
}

describe.each(DIALECTS)('a returned report by hawk on %s', (dialect) => {
  let app: TestApp;
  const clock = new SimulatedClock(T0);
  const who: Record<string, AppContext> = {};
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    app = await openTestApp(dialect, { now: clock.now });
    clock.drive(new JobRunner(app.ctx, collectJobKinds([postModule])));
    await createVillage(app.ctx, { code: 'suna', name: 'Sunagakure', land: 'x', leaderTitle: 'x' });
    ids.gaara = await cast(app, who, 'gaara', 'kazekage', 'top_secret', ['ANBU', 'BREACH']);
    ids.aiko = await cast(app, who, 'aiko', 'clerk', 'secret', ['ANBU']);
    ids.hawk = await cast(app, who, 'hawk', 'anbu', 'secret', ['ANBU']);
    ids.owl = await cast(app, who, 'owl', 'anbu', 'secret', ['BREACH']);
    ids.lee = await cast(app, who, 'lee', 'envoy', 'restricted');
  }, 120_000);
  afterAll(async () => app?.drop());

  it("puts the comments in the author's pigeon hole, at the mission's label, naming the report by its mission's code", async () => {
    const { report, code } = await reportUnderReview(who, ids, SECRET_ANBU, 'hawk', 'aiko');
    await stepReport(who.aiko!, report, 'return', { comments: 'Say where the scroll was handed over, and to whom.' });
    await clock.runDue();
    const hole = await pigeonHole(who.hawk!, { state: 'all', limit: 50, offset: 0 } as any);
    expect(hole.items).toHaveLength(1);
    const letter = hole.items[0]!;
    expect(letter.subject).toBe(`Your after-action report on mission ${code} was returned`);
    expect(letter.body).toContain('Say where the scroll was handed over, and to whom.');
    expect({ classification: letter.classification, compartments: letter.compartments }).toEqual(SECRET_ANBU);
    expect(letter.delivery.state).toBe('delivered');
    expect(letter.sender).toEqual({ id: ids.aiko, name: 'Aiko' });
    const audit = await app.ctx.db.selectFrom('kernel_audit_log').select('detail').where('action', '=', 'missions.report.return').where('object_id', '=', report).executeTakeFirstOrThrow();
    expect(JSON.stringify(audit.detail)).toContain(letter.code);
  });

  it('tells a reader not cleared for the mission nothing: no copy, and its code answers as an unknown one', async () => {
    const letter = (await pigeonHole(who.hawk!, { state: 'all', limit: 50, offset: 0 } as any)).items[0]!;
    for (const reader of ['owl', 'lee']) {
      expect((await pigeonHole(who[reader]!, { state: 'all', limit: 50, offset: 0 } as any)).items).toEqual([]);
      const hidden = await refusal(getMessage(who[reader]!, letter.code));
      const unknown = await refusal(getMessage(who[reader]!, 'HP-2026-99999'));
      expect({ ...hidden, message: hidden.message.replace(letter.code, '?') }).toEqual({ ...unknown, message: unknown.message.replace('HP-2026-99999', '?') });
      expect(hidden.status).toBe(404);
    }
  });

  it('sends nothing for the other steps of a review', async () => {
    const before = (await pigeonHole(who.lee!, { state: 'all', limit: 50, offset: 0 } as any)).total;
    const { report } = await reportUnderReview(who, ids, { classification: 'restricted', compartments: [] }, 'lee', 'aiko');
    await stepReport(who.aiko!, report, 'accept');
    await clock.runDue();
    expect((await pigeonHole(who.lee!, { state: 'all', limit: 50, offset: 0 } as any)).total).toBe(before);
  });

  it('without hawk post in the system (no post records in the catalogue), returns the report all the same and writes no letter', async () => {
    // Counted by post's own audit of each message sent (its tables are its own).
    const messages = async () => Number((await app.ctx.db.selectFrom('kernel_audit_log').select((eb) => eb.fn.countAll().as('n')).where('action', '=', 'post.send').executeTakeFirstOrThrow()).n);
    const { report } = await reportUnderReview(who, ids, { classification: 'restricted', compartments: [] }, 'lee', 'aiko');
    const before = await messages();
    const withoutPost = new Map([...app.ctx.references!].filter(([kind]) => !kind.startsWith('post.')));
    const r = await stepReport({ ...who.aiko!, references: withoutPost }, report, 'return', { comments: 'Name the border post.' });
    expect(r).toMatchObject({ state: 'returned', comments: 'Name the border post.' });
    expect(await messages()).toBe(before);
  });
});
