// /api/legislature/bills over HTTP on both databases: a bill drafted, amended, moved on and read
// back in the documented shapes (answers are checked against the response schemas by the server).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../kernel/testing/dialects.ts';
import { loginAs, openTestServer, type TestServer, type TestSession } from '../../kernel/testing/http.ts';
import { createPerson } from '../registry/index.ts';
import { importStatutes } from './index.ts';

describe.each(DIALECTS)('bills over HTTP on %s', (dialect) => {
  let s: TestServer;
  let clerk: TestSession;
  let masa = '';
  let now = new Date('2026-11-02T09:00:00Z');
  /**
   * The clock to 09:00 village time on a day, the clerk logged in again (a day later the login has
   * expired): an action is recorded by hand on or after its day, never ahead of it.
   */
  const onDay = async (date: string) => {
    now = new Date(`${date}T09:00:00+03:00`);
    clerk = await loginAs(s, 'clerk', 'top_secret', []);
  };
  beforeAll(async () => {
    s = await openTestServer(dialect, { now: () => now });
    clerk = await loginAs(s, 'clerk', 'top_secret', []);
    masa = (await createPerson(s.app.ctx, { name: 'Masa', rank: 'jounin' })).id;
    await importStatutes(s.app.ctx, [{ code: '7-110', heading: 'Orphans', titleNumber: 7, versions: [{ from: '2001-01-01', reason: 'enacted', markup: '(1) The village keeps its orphans.\n(2) The Council hears their guardians.' }] }], { source: 'test' });
  });
  afterAll(async () => s.close());
  const call = (method: string, url: string, payload?: object) => s.http.inject({ method: method as any, url, headers: { ...clerk.headers(), ...(payload ? { 'content-type': 'application/json' } : {}) }, payload: payload ? JSON.stringify(payload) : undefined });

  it('drafts, amends, moves on and reads a bill', async () => {
    const created = await call('POST', '/api/legislature/bills', { title: 'Orphans Welfare Act', sponsors: [masa], drafter: masa, draftDue: '2026-11-09', text: 'An Act.' });
    expect(created.statusCode, created.body).toBe(201);
    const code = created.json().code;
    expect(code).toBe('B-2026-001');
    const amended = await call('PUT', `/api/legislature/bills/${code}/amendments`, { commencement: '2027-01-01', amendments: [{ code: '7-110', op: 'insert', path: ['3'], text: '(3) Each orphan has a guardian by law.' }] });
    expect(amended.statusCode, amended.body).toBe(200);
    expect(amended.json().amendments).toEqual([{ code: '7-110', op: 'insert', path: ['3'], text: '(3) Each orphan has a guardian by law.' }]);
    await onDay('2026-11-03');
    const moved = await call('POST', `/api/legislature/bills/${code}/actions`, { stage: 'introduced', on: '2026-11-03' });
    expect(moved.statusCode, moved.body).toBe(201);
    expect(moved.json()).toMatchObject({ stage: 'introduced', nextStages: [{ stage: 'first_reading', words: 'first reading' }] });
    expect((await call('POST', `/api/legislature/bills/${code}/texts`, { text: 'An Act for orphans.', note: 'longer title' })).statusCode).toBe(201);
    const diff = await call('GET', `/api/legislature/bills/${code}/diff?from=1&to=2`);
    expect(diff.statusCode, diff.body).toBe(200);
    const list = await call('GET', '/api/legislature/bills?drafting=open');
    expect(list.json()).toMatchObject({ total: 1, items: [{ code, drafting: { due: '2026-11-09', overdue: false } }] });
    const drafting = await call('PUT', `/api/legislature/bills/${code}/drafting`, { draftedOn: '2026-11-05' });
    expect(drafting.statusCode, drafting.body).toBe(200);
  });

  it('answers bad requests with 4xx naming what is wrong', async () => {
    const r = await call('POST', '/api/legislature/bills', { title: 'x', sponsors: [] });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.details[0].path).toBe('body.sponsors');
    expect((await call('GET', '/api/legislature/bills/B-2026-404')).statusCode).toBe(404);
    expect((await call('GET', '/api/legislature/bills/not-a-code')).json().error.code).toBe('LEGISLATURE_BILL_NOT_FOUND');
    expect((await call('POST', '/api/legislature/bills/B-2026-001/actions', { stage: 'signed', on: '2026-11-04' })).statusCode).toBe(403);
  });

  it('takes readings one a day by hand; passed, failed and veto overridden only from the Council\'s vote (422 on body.stage)', async () => {
    const code = (await call('POST', '/api/legislature/bills', { title: 'Wells Act', sponsors: [masa] })).json().code;
    for (const [stage, on] of [['introduced', '2026-11-03'], ['first_reading', '2026-11-04']]) {
      await onDay(on!);
      expect((await call('POST', `/api/legislature/bills/${code}/actions`, { stage, on })).statusCode).toBe(201);
    }
    const sameDay = await call('POST', `/api/legislature/bills/${code}/actions`, { stage: 'second_reading', on: '2026-11-04' });
    expect(sameDay.statusCode).toBe(409);
    expect(sameDay.json().error.details).toEqual([{ path: 'body.stage', message: expect.stringContaining('sections 2-114(3) and 2-111(2)(b)') }]);
    for (const [stage, on] of [['second_reading', '2026-11-05'], ['third_reading', '2026-11-06']]) {
      await onDay(on!);
      expect((await call('POST', `/api/legislature/bills/${code}/actions`, { stage, on })).statusCode).toBe(201);
    }
    for (const stage of ['passed', 'failed', 'veto_overridden']) {
      const r = await call('POST', `/api/legislature/bills/${code}/actions`, { stage, on: '2026-11-06' });
      expect(r.statusCode, r.body).toBe(422);
      expect(r.json().error).toMatchObject({ code: 'LEGISLATURE_BILL_STAGE_VOTED', details: [{ path: 'body.stage', message: expect.stringContaining('comes from the Council\'s vote, not by hand') }] });
      expect(r.json().error.details[0].message).toMatch(/roll-call vote/);
    }
    const after = (await call('GET', `/api/legislature/bills/${code}`)).json();
    expect(after).toMatchObject({ stage: 'third_reading', version: 5 });
    expect(after.actions.map((a: { stage: string }) => a.stage)).toEqual(['drafted', 'introduced', 'first_reading', 'second_reading', 'third_reading']);
  });
});
