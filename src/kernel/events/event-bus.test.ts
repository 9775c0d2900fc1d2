import { describe, it, expect } from 'vitest';
import { DIALECTS, freshDatabase } from '../testing/dialects.ts';
import { openEventStream, until } from '../testing/sse.ts';
import { openApp, buildHttp } from '../../app.ts';
import { createPerson } from '../../modules/registry/index.ts';
import pg from 'pg';
import { RESYNC, type SandstoneEvent } from './event-bus.ts';
import { transact } from '../context.ts';
import { listen } from '../testing/events.ts';

const cfg = { logLevel: 'silent' as const, webDist: '/nonexistent', bodyLimitBytes: 1_048_576 };

describe.each(DIALECTS)('event kernel on %s', (dialect) => {
  /**
   * Runs fn with server A to write on and what server B's subscriber heard of `test.*` events (on
   * SQLite one process owns the file, so B is A), then closes both and drops the database.
   */
  async function heardOnServerB(fn: (a: Awaited<ReturnType<typeof openApp>>, heard: SandstoneEvent[]) => Promise<void>) {
    const db = await freshDatabase(dialect);
    const a = await openApp(db);
    const b = dialect === 'postgres' ? await openApp(db) : a;
    await b.ctx.events.ready();
    const heard: SandstoneEvent[] = [];
    const stop = b.ctx.events.subscribe((e) => { if (e.type.startsWith('test.')) heard.push(e); });
    try {
      await fn(a, heard);
    } finally {
      stop();
      if (b !== a) await b.close();
      await a.close();
      await db.drop();
    }
  }

  it(dialect === 'postgres'
    ? 'delivers a write made through server A to a subscriber of server B (LISTEN/NOTIFY)'
    : 'delivers a write to the subscribers of the same server (in-process bus)', async () => {
    const db = await freshDatabase(dialect);
    const a = await openApp(db);
    // On SQLite one process owns the file, so "server B" is the same process; on PostgreSQL it is a separate pool and listener.
    const b = dialect === 'postgres' ? await openApp(db) : a;
    const httpB = await buildHttp(b, cfg);
    await httpB.listen({ port: 0, host: '127.0.0.1' });
    await b.ctx.events.ready();
    try {
      const port = (httpB.server.address() as { port: number }).port;
      const stream = openEventStream(port);
      try {
        await until(() => stream.connected());
        // An anonymous listener does not hear of the secret person, only of the public one after it.
        await createPerson(a.ctx, { givenName: 'Unannounced', rank: 'anbu', classification: 'secret', compartments: ['ANBU'] });
        const p = await createPerson(a.ctx, { givenName: 'Announced', rank: 'genin' });
        await until(() => stream.events.length >= 1);
        expect(stream.events[0]).toMatchObject({ type: 'registry.person.created', payload: { id: p.id } });
      } finally {
        stream.close();
      }
    } finally {
      await httpB.close();
      if (b !== a) await b.close();
      await a.close();
      await db.drop();
    }
  });

  it('delivers all of one transaction\'s events, in the order they were raised, once it commits (and none of a rolled-back one)', () => heardOnServerB(async (a, heard) => {
    const raised = Array.from({ length: 12 }, (_, i) => `test.step.${(i * 7) % 12}`);
    await transact(a.ctx, async (tx) => { for (const [i, type] of raised.entries()) tx.emit(type, { i }); });
    await transact(a.ctx, async (tx) => { tx.emit('test.rolled-back', {}); throw new Error('rolled back'); }).catch(() => {});
    await transact(a.ctx, async (tx) => { tx.emit('test.after', {}); });
    await until(() => heard.some((e) => e.type === 'test.after'));
    expect(heard.map((e) => e.type)).toEqual([...raised, 'test.after']);
    expect(heard.map((e) => e.payload)).toEqual([...raised.map((_, i) => ({ i })), {}]);
  }));

  it('payloads with line breaks, quotes, backslashes and other scripts are heard exactly as raised, across several notifications', () => heardOnServerB(async (a, heard) => {
    const notes = ['line one\nline two\r\n', 'say "hi" \\ back\\slash', '{"not":"json"}\n[1]', 'ساعي البريد 🦅', '\u2028\u2029\t', 'x'.repeat(3000)];
    // Enough of them that the transaction's packs are several (a pack holds about 7.9 kB).
    const raised = Array.from({ length: 24 }, (_, i) => ({ i, note: notes[i % notes.length]! }));
    await transact(a.ctx, async (tx) => { for (const p of raised) tx.emit('test.awkward', p); });
    await transact(a.ctx, async (tx) => { tx.emit('test.after', {}); });
    await until(() => heard.some((e) => e.type === 'test.after'));
    expect(heard.filter((e) => e.type === 'test.awkward').map((e) => e.payload)).toEqual(raised);
  }));

  it('an event for 400 people commits and each of them hears it once, its payload whole (PostgreSQL: split across notifications)', () => heardOnServerB(async (a, heard) => {
    // An office's members: 400 ids of 26 characters, some 12,000 bytes, over the 8000 a NOTIFY may carry.
    const members = Array.from({ length: 400 }, (_, i) => `01MEMBER${String(i).padStart(18, '0')}`);
    await transact(a.ctx, async (tx) => { tx.emit('test.office', { deliveryId: 'd1' }, undefined, members); });
    await transact(a.ctx, async (tx) => { tx.emit('test.after', {}); });
    await until(() => heard.some((e) => e.type === 'test.after'));
    const office = heard.filter((e) => e.type === 'test.office');
    expect(office.flatMap((e) => e.audience ?? []).sort()).toEqual(members);
    for (const e of office) expect(e.payload).toEqual({ deliveryId: 'd1' });
  }));

  // Only PostgreSQL has a LISTEN connection to lose; SQLite's bus lives in the process.
  if (dialect === 'postgres') it('after losing its LISTEN connection, a server listens again and tells its subscribers to resync', async () => {
    const db = await freshDatabase(dialect);
    const a = await openApp(db);
    const heard: SandstoneEvent[] = [];
    try {
      await a.ctx.events.ready();
      a.ctx.events.subscribe((e) => heard.push(e));
      // Kill every other backend that LISTENs, as a database restart would.
      const admin = new pg.Client({ connectionString: db.databaseUrl });
      await admin.connect();
      await admin.query(`select pg_terminate_backend(pid) from pg_stat_activity where query ilike 'listen %' and pid <> pg_backend_pid() and datname = current_database()`);
      await admin.end();
      await until(() => heard.some((e) => e.type === RESYNC));
      const p = await createPerson(a.ctx, { givenName: 'Heard again', rank: 'genin' });
      await until(() => heard.some((e) => e.type === 'registry.person.created' && e.payload.id === p.id));
    } finally {
      await a.close();
      await db.drop();
    }
  });

  it('a test that settles hears every event committed before it, then starts from an empty list (no earlier announcement lands after)', async () => {
    const db = await freshDatabase(dialect);
    const app = await openApp(db);
    try {
      await app.ctx.events.ready();
      const bus = listen(app.ctx.events);
      const arrived: string[] = [];
      const stop = app.ctx.events.subscribe((e) => arrived.push(e.type));
      // An earlier test's write, its announcement not waited for.
      const earlier = await createPerson(app.ctx, { givenName: 'Earlier', rank: 'genin' });
      await bus.settle(app.ctx.db);
      expect(arrived).toEqual(['registry.person.created', 'testing.settled']);
      expect(bus.events).toEqual([]);
      const later = await createPerson(app.ctx, { givenName: 'Later', rank: 'genin' });
      await bus.next((e) => e.payload.id === later.id, 'the later person');
      expect(bus.events.map((e) => e.payload.id)).toEqual([later.id]);
      expect(earlier.id).not.toBe(later.id);
      stop();
    } finally {
      await app.close();
      await db.drop();
    }
  });
});
