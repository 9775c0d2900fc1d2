// An event said twice in one transaction is heard once (kernel/context.ts stagingTx): the same
// type, payload, label and audience, whatever its time. Said in two transactions, or differing in
// any of those, it is heard each time. On both databases, through the real bus (PostgreSQL: NOTIFY).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, openTestApp, type TestApp } from '../testing/dialects.ts';
import { listen, type HeardEvents } from '../testing/events.ts';
import { stagingTx, transact } from '../context.ts';
import type { SandstoneEvent } from './event-bus.ts';
import type { AuditWrite } from '../audit/audit-log.ts';
import type { Label } from '../auth/labels.ts';

const PUBLIC: Label = { classification: 'public', compartments: [] };
const SECRET: Label = { classification: 'secret', compartments: ['ANBU'] };

describe('the key an event is said once by', () => {
  it('tells apart who may hear it: allowedTo one action, another, or none', () => {
    const staged: SandstoneEvent[] = [];
    const tx = stagingTx(null as never, 'sqlite', new Date('2026-11-20T06:00:00.000Z'), {} as never, staged, []);
    for (const audience of [{ allowedTo: 'post.aviary' }, { allowedTo: 'post.desk' }, undefined, { allowedTo: 'post.aviary' }]) tx.emit('testing.who', { what: 'accepted' }, PUBLIC, audience);
    expect(staged.map((e) => e.allowedTo)).toEqual(['post.aviary', 'post.desk', undefined]);
  });
});

describe.each(DIALECTS)('an event said twice in one transaction, on %s', (dialect) => {
  let app: TestApp;
  let bus: HeardEvents;
  beforeAll(async () => {
    app = await openTestApp(dialect);
    bus = listen(app.ctx.events);
  }, 120_000);
  afterAll(async () => app?.drop());

  /** What the test heard of type `type`, once everything committed has arrived. */
  const heard = async (type: string) => {
    const end = `testing.end.${Math.random()}`;
    await transact(app.ctx, async (tx) => tx.emit(end, {}, PUBLIC, []));
    await bus.next((e) => e.type === end, 'the closing event');
    return bus.events.filter((e) => e.type === type).map((e) => ({ payload: e.payload, label: e.label, audience: e.audience, allowedTo: e.allowedTo }));
  };

  it('is heard once; told apart by payload, label, audience or who may hear it, each is heard', async () => {
    await bus.settle(app.ctx.db);
    await transact(app.ctx, async (tx) => {
      tx.emit('testing.said', { what: 'accepted' }, PUBLIC, { allowedTo: 'post.aviary' });
      tx.emit('testing.said', { what: 'accepted' }, PUBLIC, { allowedTo: 'post.aviary' });
      tx.emit('testing.said', { what: 'delivered' }, PUBLIC, { allowedTo: 'post.aviary' });
      tx.emit('testing.said', { what: 'accepted' }, SECRET, { allowedTo: 'post.aviary' });
      tx.emit('testing.said', { what: 'accepted' }, PUBLIC, ['p-1']);
      tx.emit('testing.said', { what: 'accepted' }, PUBLIC, ['p-2']);
      tx.emit('testing.said', { what: 'accepted' }, PUBLIC, ['p-2']);
      tx.emit('testing.said', { what: 'accepted' }, PUBLIC, { allowedTo: 'post.aviary' });
    });
    expect(await heard('testing.said')).toEqual([
      { payload: { what: 'accepted' }, label: PUBLIC, audience: undefined, allowedTo: 'post.aviary' },
      { payload: { what: 'delivered' }, label: PUBLIC, audience: undefined, allowedTo: 'post.aviary' },
      { payload: { what: 'accepted' }, label: SECRET, audience: undefined, allowedTo: 'post.aviary' },
      { payload: { what: 'accepted' }, label: PUBLIC, audience: ['p-1'], allowedTo: undefined },
      { payload: { what: 'accepted' }, label: PUBLIC, audience: ['p-2'], allowedTo: undefined },
    ]);
  });

  it('said in two transactions, it is heard twice', async () => {
    await bus.settle(app.ctx.db);
    for (let i = 0; i < 2; i++) await transact(app.ctx, async (tx) => tx.emit('testing.twice', { what: 'accepted' }, PUBLIC));
    expect(await heard('testing.twice')).toHaveLength(2);
  });

  it('said by two writers sharing one transaction at different times (a mail bag), it is heard once, at the first one\'s time', async () => {
    await bus.settle(app.ctx.db);
    const staged: SandstoneEvent[] = [];
    const audits: AuditWrite[] = [];
    const first = new Date('2026-11-20T06:00:00.000Z');
    await app.ctx.db.transaction().execute(async (trx) => {
      stagingTx(trx, app.ctx.dialect, first, app.ctx.actor, staged, audits).emit('testing.bag', { what: 'accepted' }, PUBLIC);
      stagingTx(trx, app.ctx.dialect, new Date(first.getTime() + 5), app.ctx.actor, staged, audits).emit('testing.bag', { what: 'accepted' }, PUBLIC);
      await app.ctx.events.stage(trx, staged);
    });
    app.ctx.events.committed(staged);
    await heard('testing.bag');
    expect(bus.events.filter((e) => e.type === 'testing.bag').map((e) => e.at)).toEqual([first.toISOString()]);
  });
});
