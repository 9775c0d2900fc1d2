// Outside attack a13g: a double-submitted "task done" (a clerk's double click, a retry) is recorded
// once. completeTask reads the task's state without a lock, so on PostgreSQL concurrent requests
// all read it open, and each rewrites done_at and appends its own audit record and event: the log
// says the task was completed several times.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../kernel/testing/dialects.ts';
import { logIn, openTestServer, type Caller, type TestServer } from '../../kernel/testing/http.ts';
import { createAccount } from '../../kernel/auth/accounts.ts';
import { createPerson } from '../registry/index.ts';

describe.each(DIALECTS)('a task marked done twice at once on %s (attack a13g)', (dialect) => {
  let s: TestServer;
  let kankuro: Caller;
  const now = new Date('2026-11-20T09:00:00Z');

  beforeAll(async () => {
    s = await openTestServer(dialect, { now: () => now });
    const op = s.app.ctx;
    const person = (await createPerson(op, { givenName: 'Kankuro', rank: 'jounin' })).id;
    await createAccount(op, { username: 'kankuro', personId: person, displayName: 'Kankuro', role: 'jounin', clearance: 'secret', compartments: ['BREACH'], password: 'sand 7 dunes of the 42 winds' });
    kankuro = (await logIn(s, 'kankuro', 'sand 7 dunes of the 42 winds')).call;
  }, 120_000);
  afterAll(async () => s?.close());

  it('is completed, audited and announced once, however many requests race', async () => {
    const opened = await kankuro('POST', '/api/cases/cases', { kind: 'investigation', title: 'The missing water ledger' });
    expect(opened.statusCode, opened.body).toBe(201);
    const code = opened.json().code;
    // Several tasks, each double-submitted: the race is PostgreSQL's to lose on any one of them.
    for (let round = 0; round < 8; round++) {
      const withTask = await kankuro('POST', `/api/cases/cases/${code}/tasks`, { title: `Interview witness ${round}` });
      expect(withTask.statusCode, withTask.body).toBe(200);
      const task = withTask.json().tasks.find((t: any) => t.state === 'open').id;
      const answers = await Promise.all(Array.from({ length: 4 }, () => kankuro('POST', `/api/cases/cases/${code}/tasks/${task}/done`)));
      for (const a of answers) expect(a.statusCode, a.body).toBeLessThan(500);
      const audited = await s.app.ctx.db.selectFrom('kernel_audit_log').select('seq').where('action', '=', 'cases.task.done').where('object_id', '=', task).execute();
      expect(audited, `task ${round}`).toHaveLength(1);
    }
  });
});
