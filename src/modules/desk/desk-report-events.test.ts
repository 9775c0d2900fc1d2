// The delinquency report's event (outside attack a13e): the report counts overdue items of every
// label, while each reader is shown only theirs and how many are withheld ("withheld (n)" is the
// one count of hidden records, SECURITY.md). So the event goes only to those who may read the
// reports, and carries no count: a listener hears that a report exists and reads it as it may.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { freshDatabase } from '../../kernel/testing/dialects.ts';
import { openEventStream, until } from '../../kernel/testing/sse.ts';
import { openApp, buildHttp, type App } from '../../app.ts';
import { transact } from '../../kernel/context.ts';
import { createAccount } from '../../kernel/auth/accounts.ts';
import { createPerson } from '../registry/index.ts';
import { raiseDeskItem, writeDelinquencyReport } from './index.ts';

describe('the delinquency report\'s event', () => {
  let app: App;
  let server: FastifyInstance;
  let drop: () => Promise<void>;
  let port: number;
  beforeAll(async () => {
    const db = await freshDatabase('sqlite');
    drop = db.drop;
    app = await openApp(db);
    server = await buildHttp(app, { logLevel: 'silent', webDist: '/nonexistent', bodyLimitBytes: 1_048_576 });
    await server.listen({ port: 0, host: '127.0.0.1' });
    port = (server.server.address() as { port: number }).port;
  });
  afterAll(async () => {
    await server?.close();
    await app?.close();
    await drop?.();
  });

  const login = async (username: string) => {
    const r = await server.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: 'a long password for the report events' } });
    return String(r.headers['set-cookie']).split(';')[0]!;
  };

  it('is heard, without a count, only by those who may read the reports: not by a genin cleared for the item, nor by anyone anonymous', async () => {
    const owner = await createPerson(app.ctx, { givenName: 'Owner', rank: 'jounin', classification: 'secret', compartments: ['BREACH'] });
    const clerk = await createPerson(app.ctx, { givenName: 'Clerk', rank: 'chuunin' });
    const genin = await createPerson(app.ctx, { givenName: 'Genin', rank: 'genin' });
    await createAccount(app.ctx, { username: 'report-clerk', personId: clerk.id, displayName: 'Clerk', role: 'clerk', clearance: 'restricted', password: 'a long password for the report events' });
    // Cleared above the item, so only the action keeps the event from them.
    await createAccount(app.ctx, { username: 'report-genin', personId: genin.id, displayName: 'Genin', role: 'genin', clearance: 'top_secret', compartments: ['BREACH'], password: 'a long password for the report events' });
    await transact(app.ctx, async (tx) => {
      await raiseDeskItem(tx, {
        owner: owner.id, kind: 'test.breach', title: 'Sign the BREACH warrant', record: { kind: 'registry.person', id: owner.id },
        label: { classification: 'secret', compartments: ['BREACH'] }, suspense: new Date(Date.now() - 86_400_000),
      });
    });
    const staff = openEventStream(port, { cookie: await login('report-clerk') });
    const genins = openEventStream(port, { cookie: await login('report-genin') });
    const anonymous = openEventStream(port);
    try {
      await until(() => staff.connected() && genins.connected() && anonymous.connected());
      await writeDelinquencyReport(app.ctx);
      // A public event after it: once each listener has heard this one, it has heard the report's or never will.
      const after = await createPerson(app.ctx, { givenName: 'After the report', rank: 'genin' });
      const heard = (s: typeof staff) => s.events.some((e) => e.type === 'registry.person.created' && e.payload.id === after.id);
      await until(() => heard(staff) && heard(genins) && heard(anonymous));
      const reports = (s: typeof staff) => s.events.filter((e) => e.type === 'desk.delinquency.reported');
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
