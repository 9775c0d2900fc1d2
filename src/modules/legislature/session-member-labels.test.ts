// Outside attack a13k: a council session's audit records and live events name the members who
// act in it (attendance: `member`; a ballot: `member` and how they voted; a motion: `mover`,
// `seconder`; the speaker queue: `queue.member`) and are labelled with the session's label alone.
// The session page withholds a member the reader may not see ({ withheld: true }), but a masked
// councillor (their own person secret / BREACH, holding a public council seat) who marks themself
// present and votes in a public sitting is named, by registry id, with their vote:
//   - on the live stream (legislature.session.changed, public, no audience) to every listener;
//   - in the audit log to an ANBU auditor cleared secret / ANBU (not BREACH).
// SECURITY.md, References 2: "an event's label, and an audit record's label, is the join of the
// labels of every record it names"; the viewer withholds only actor, onBehalfOf, detail.personId.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../kernel/testing/dialects.ts';
import { logIn, loginAs, openTestServer, type Caller, type TestServer } from '../../kernel/testing/http.ts';
import { listen, type HeardEvents } from '../../kernel/testing/events.ts';
import { createAccount } from '../../kernel/auth/accounts.ts';
import { dominates, type Level } from '../../kernel/auth/labels.ts';
import { createMembership, createPerson } from '../registry/index.ts';
import { seatCouncil, type Council } from './testing/council.ts';

const NOW = new Date('2026-11-05T06:30:00.000Z');

describe.each(DIALECTS)('a session names only members its record\'s readers may see on %s (attack a13k)', (dialect) => {
  let s: TestServer;
  let council: Council;
  let bus: HeardEvents;
  let masked: string;
  let clerk: Caller;
  let me: Caller;
  let hawk: Caller;
  const seconder: Caller[] = [];

  beforeAll(async () => {
    s = await openTestServer(dialect, { now: () => NOW });
    const op = s.app.ctx;
    council = await seatCouncil(op, 3);
    // A masked councillor: their person is secret / BREACH; the seat (membership) itself is public.
    masked = (await createPerson(op, { givenName: 'Masked', familyName: 'Councillor', rank: 'civilian', classification: 'secret', compartments: ['BREACH'] })).id;
    await createMembership(op, { person: masked, organization: 'council', post: 'council-seat-3', role: 'councillor', startDate: '2022-04-01' });
    await createAccount(op, { username: 'masked', personId: masked, displayName: 'masked', role: 'councillor', clearance: 'secret', compartments: ['BREACH'], password: 'sand 6 dunes of the 42 winds' });
    me = (await logIn(s, 'masked', 'sand 6 dunes of the 42 winds')).call;
    await createAccount(op, { username: 'c2', personId: council.seats[1]!, displayName: 'c2', role: 'councillor', clearance: 'public', compartments: [], password: 'sand 2 dunes of the 42 winds' });
    seconder.push((await logIn(s, 'c2', 'sand 2 dunes of the 42 winds')).call);
    clerk = (await loginAs(s, 'clerk', 'public', [])).call;
    // An ANBU auditor: secret / ANBU, not BREACH.
    hawk = (await loginAs(s, 'anbu', 'secret', ['ANBU'])).call;
    bus = listen(op.events);
  }, 120_000);
  afterAll(async () => s?.close());

  it('the masked councillor is withheld on the session page, yet named by the audit log and the live events', async () => {
    const created = await clerk('POST', '/api/legislature/sessions', { title: 'Sitting on wells', date: '2026-11-05', startsAt: '09:00', place: 'Main hall', chair: council.seats[0] });
    expect(created.statusCode, created.body).toBe(201);
    const code = created.json().code;
    expect((await clerk('POST', `/api/legislature/sessions/${code}/status`, { status: 'sitting' })).statusCode).toBe(200);
    const present = await me('PUT', `/api/legislature/sessions/${code}/attendance/me`, { status: 'present' });
    expect(present.statusCode, present.body).toBe(200);
    const moved = await me('POST', `/api/legislature/sessions/${code}/motions`, { text: 'That the east well be deepened.' });
    expect(moved.statusCode, moved.body).toBe(201);
    expect((await clerk('PUT', `/api/legislature/sessions/${code}/attendance/${council.seats[1]}`, { status: 'present' })).statusCode).toBe(200);
    expect((await seconder[0]!('POST', `/api/legislature/sessions/${code}/motions/1/second`, {})).statusCode).toBe(200);
    const vote = await clerk('POST', `/api/legislature/sessions/${code}/votes`, { motion: 1 });
    expect(vote.statusCode, vote.body).toBe(201);
    const ballot = await me('POST', `/api/legislature/votes/${vote.json().id}/ballots`, { option: 'no' });
    expect(ballot.statusCode, ballot.body).toBe(201);

    // The public clerk does not see the masked councillor on the page…
    const page = await clerk('GET', `/api/legislature/sessions/${code}`);
    expect(page.statusCode).toBe(200);
    expect(page.body, 'the session page withholds the masked councillor').not.toContain(masked);
    expect((await hawk('GET', `/api/registry/persons/${masked}`)).statusCode).toBe(404);

    // …the live stream: what /api/events passes to the public clerk (cleared for the label, in the audience).
    await bus.next((e) => e.type === 'legislature.session.changed' && e.payload.what === 'ballot', 'the ballot event');
    const toClerk = bus.events.filter((e) => e.type === 'legislature.session.changed'
      && (!e.label || dominates({ level: 'public', compartments: [] }, { classification: e.label.classification as Level, compartments: e.label.compartments }))
      && !e.audience && !e.allowedTo);
    expect(toClerk.length).toBeGreaterThan(0);
    expect.soft(JSON.stringify(toClerk.map((e) => e.payload)), 'a public listener hears the masked councillor\'s id (and how they voted)').not.toContain(masked);

    // …and the audit log, to an auditor cleared secret / ANBU (not BREACH).
    const log = await hawk('GET', '/api/security/audit?action=legislature.session.*&limit=500');
    expect(log.statusCode, log.body).toBe(200);
    expect(log.json().items.length).toBeGreaterThan(0);
    expect.soft(log.body, 'the ANBU auditor reads the masked councillor\'s id').not.toContain(masked);
  });
});
