// Testimony and findings are dated in village days (UTC+3), from the day the case was opened to
// today, over HTTP on both databases. Late in the UTC evening the village is already a day ahead:
// a case opened at 22:30Z on the 20th was opened on the 21st, and the 21st is today. And a case
// opened after 21:00 UTC on 31 December is of the village's new year, and so is its code.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../kernel/testing/dialects.ts';
import { logIn, openTestServer, type TestServer } from '../../kernel/testing/http.ts';
import { createAccount } from '../../kernel/auth/accounts.ts';
import { createPerson } from '../registry/index.ts';

describe.each(DIALECTS)('entry days of a case on %s', (dialect) => {
  let s: TestServer;
  let now = new Date('2026-11-20T22:30:00Z');
  const password = 'sand 5 dunes of the 42 winds';
  let call: Awaited<ReturnType<typeof logIn>>['call'];

  beforeAll(async () => {
    s = await openTestServer(dialect, { now: () => now });
    const gaara = (await createPerson(s.app.ctx, { givenName: 'Gaara', rank: 'kage' })).id;
    await createAccount(s.app.ctx, { username: 'gaara', personId: gaara, displayName: 'Gaara', role: 'kazekage', clearance: 'top_secret', compartments: [], password });
    call = (await logIn(s, 'gaara', password)).call;
  }, 120_000);
  afterAll(async () => s?.close());

  it('takes an entry dated the village\'s today, and refuses the UTC day before it as before the case was opened', async () => {
    const opened = await call('POST', '/api/cases/cases', { kind: 'investigation', title: 'The night at the gate' });
    expect(opened.statusCode, opened.body).toBe(201);
    const code = opened.json().code as string;
    for (const transition of ['open', 'investigate']) expect((await call('POST', `/api/cases/cases/${code}/transitions`, { transition })).statusCode).toBe(200);
    const entry = (on: string) => call('POST', `/api/cases/cases/${code}/entries`, { kind: 'testimony', on, text: 'The gate was left open.' });

    const early = await entry('2026-11-20');
    expect(early.statusCode, early.body).toBe(400);
    expect(early.json().error.details).toEqual([{ path: 'body.on', message: `must not be before ${code} was opened (2026-11-21): a statement taken earlier is added as evidence` }]);
    const late = await entry('2026-11-22');
    expect(late.json().error.details).toEqual([{ path: 'body.on', message: 'must not be after today (2026-11-21): record testimony or a finding once it is given' }]);

    const today = await entry('2026-11-21');
    expect(today.statusCode, today.body).toBeLessThan(300);
    expect(today.json().entries.map((e: any) => e.on)).toEqual(['2026-11-21']);
  });

  it('codes a case opened after 21:00 UTC on 31 December with the village\'s new year: it is 1 January there', async () => {
    now = new Date('2026-12-31T21:30:00Z'); // 00:30 on 1 January 2027 in the village
    call = (await logIn(s, 'gaara', password)).call;
    const opened = await call('POST', '/api/cases/cases', { kind: 'investigation', title: 'The first night of the year' });
    expect(opened.statusCode, opened.body).toBe(201);
    // The first public investigation of 2027: its series starts at 1.
    expect(opened.json().code).toBe('INV-2027-001');
  });
});
