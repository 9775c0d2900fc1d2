// Live urgent-post alerts to an office, heard through the real stream (/api/events over a socket):
// a member cleared for the letter hears it as theirs; a former member and a member not cleared hear
// nothing; and the frame a member hears names no one else it was for. It once carried the event's
// audience, every member that day, so a member learnt the person ids of members hidden from them (a
// secret ANBU person with a secret ANBU membership, heard by a BREACH member: outside attack a14a).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestServer, logIn, type TestServer } from '../../kernel/testing/http.ts';
import { openEventStream, until, heardAllBefore } from '../../kernel/testing/sse.ts';
import type { AppContext } from '../../kernel/context.ts';
import { createMembership, createOrganization, createVillage } from '../registry/index.ts';
import { sendMessage } from './index.ts';
import { dispatchJob } from './post.service.ts';
import { castPerson } from './testing/cast.ts';

const PASSWORD = 'correct horse battery staple 7';

describe('live alerts to an office over the real stream (sqlite)', () => {
  let port = 0;
  let s: TestServer;
  const who: Record<string, AppContext> = {};
  const id: Record<string, string> = {};

  beforeAll(async () => {
    s = await openTestServer('sqlite');
    await s.http.listen({ port: 0, host: '127.0.0.1' });
    port = (s.http.server.address() as { port: number }).port;
    const op = s.app.ctx;
    await createVillage(op, { code: 'suna', name: 'Sunagakure', land: 'x', leaderTitle: 'x' });
    await castPerson(op, who, id, 'gaara', 'kazekage', 'top_secret', ['ANBU', 'BREACH']);
    await castPerson(op, who, id, 'kankuro', 'jounin', 'secret', ['BREACH']);
    // A member kankuro may not know of: the person and the membership are secret ANBU.
    await castPerson(op, who, id, 'shadow', 'anbu', 'secret', ['ANBU'], { classification: 'secret', compartments: ['ANBU'] });
    await castPerson(op, who, id, 'temari', 'jounin', 'secret', ['ANBU']); // a former member
    await castPerson(op, who, id, 'baki', 'jounin', 'public');             // a member not cleared for a restricted letter
    await createOrganization(op, { code: 'kaze-office', name: 'Kazekage office', kind: 'office' });
    await createMembership(op, { person: id.kankuro!, organization: 'kaze-office', startDate: '2026-01-01' });
    await createMembership(op, { person: id.baki!, organization: 'kaze-office', startDate: '2026-01-01' });
    await createMembership(op, { person: id.shadow!, organization: 'kaze-office', startDate: '2026-01-01', classification: 'secret', compartments: ['ANBU'] });
    await createMembership(op, { person: id.temari!, organization: 'kaze-office', startDate: '2026-01-01', endDate: '2026-01-02' });
  }, 120_000);
  afterAll(async () => s?.close());

  it('a member hears the alert, but not the ids of members hidden from them', async () => {
    const kankuro = await logIn(s, 'kankuro', PASSWORD);
    const temari = await logIn(s, 'temari', PASSWORD);
    const baki = await logIn(s, 'baki', PASSWORD);
    const streams = { kankuro: openEventStream(port, { cookie: kankuro.cookie }), temari: openEventStream(port, { cookie: temari.cookie }), baki: openEventStream(port, { cookie: baki.cookie }) };
    try {
      await until(() => Object.values(streams).every((x) => x.connected()));
      // kankuro cannot see shadow at all.
      expect((await kankuro.call('GET', `/api/registry/people/${id.shadow}`)).statusCode).toBe(404);
      const m = await sendMessage(who.gaara!, { to: [{ office: 'kaze-office' }], subject: 'Border', precedence: 'immediate', classification: 'restricted' });
      await dispatchJob.run(s.app.ctx, {} as never);
      await heardAllBefore(s, Object.values(streams));
      const heard = streams.kankuro.events.filter((e) => e.type === 'post.delivery.changed' && e.payload.messageId === m.id);
      expect(heard).toHaveLength(1);
      expect(heard[0]!.payload).toMatchObject({ forYou: true, state: 'delivered', precedence: 'immediate' });
      // The former member and the member not cleared hear nothing.
      expect(streams.temari.events.filter((e) => e.type === 'post.delivery.changed')).toEqual([]);
      expect(streams.baki.events.filter((e) => e.type === 'post.delivery.changed')).toEqual([]);
      // The frame names none of the others it was for, shadow above all.
      expect(JSON.stringify(heard[0])).not.toContain(id.shadow!);
      expect(Object.keys(heard[0]!).sort()).toEqual(['at', 'label', 'payload', 'type']);
    } finally {
      for (const x of Object.values(streams)) x.close();
    }
  });
});
