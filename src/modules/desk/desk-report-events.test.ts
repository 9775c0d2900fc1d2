// The delinquency report's event (outside attack a13e): the report counts overdue items of every
// label, while each reader is shown only theirs and how many are withheld ("withheld (n)" is the
// one count of hidden records, SECURITY.md). So the event goes only to those who may read the
// reports, and carries no count: a listener hears that a report exists and reads it as it may.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listening, openTestServer, type TestServer } from '../../kernel/testing/http.ts';
import { heardAllBefore, listenAs, openEventStream, until } from '../../kernel/testing/sse.ts';
import { transact } from '../../kernel/context.ts';
import { createPerson } from '../registry/index.ts';
import { raiseDeskItem, writeDelinquencyReport } from './index.ts';

describe('the delinquency report\'s event', () => {
  let s: TestServer;
  let port: number;
  beforeAll(async () => {
    s = await openTestServer('sqlite');
    port = await listening(s);
  });
  afterAll(async () => s?.close());

  it('is heard, without a count, only by those who may read the reports: not by a genin cleared for the item, nor by anyone anonymous', async () => {
    const owner = await createPerson(s.app.ctx, { givenName: 'Owner', rank: 'jounin', classification: 'secret', compartments: ['BREACH'] });
    const clerk = await createPerson(s.app.ctx, { givenName: 'Clerk', rank: 'chuunin' });
    const genin = await createPerson(s.app.ctx, { givenName: 'Genin', rank: 'genin' });
    await transact(s.app.ctx, async (tx) => {
      await raiseDeskItem(tx, {
        owner: owner.id, kind: 'test.breach', title: 'Sign the BREACH warrant', record: { kind: 'registry.person', id: owner.id },
        label: { classification: 'secret', compartments: ['BREACH'] }, suspense: new Date(Date.now() - 86_400_000),
      });
    });
    const staff = await listenAs(s, port, { username: 'report-clerk', personId: clerk.id, role: 'clerk', clearance: 'restricted' });
    // Cleared above the item, so only the action keeps the event from them.
    const genins = await listenAs(s, port, { username: 'report-genin', personId: genin.id, role: 'genin', clearance: 'top_secret', compartments: ['BREACH'] });
    const anonymous = openEventStream(port);
    try {
      await until(() => staff.connected() && genins.connected() && anonymous.connected());
      await writeDelinquencyReport(s.app.ctx);
      await heardAllBefore(s, [staff, genins, anonymous]);
      const reports = (listener: typeof staff) => listener.events.filter((e) => e.type === 'desk.delinquency.reported');
      expect(reports(staff)).toHaveLength(1);
      expect(Object.keys(reports(staff)[0]!.payload)).toEqual(['reportId']);
      expect(reports(genins)).toEqual([]);
      expect(reports(anonymous)).toEqual([]);
    } finally {
      staff.close();
      genins.close();
      anonymous.close();
    }
  });
});
