import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { sql } from 'kysely';
import { DIALECTS } from '../../kernel/testing/dialects.ts';
import { openTestServer, loginAs, type TestServer, type TestSession } from '../../kernel/testing/http.ts';
import { transact } from '../../kernel/context.ts';
import { verifyAuditLog } from '../../kernel/audit/audit-log.ts';
import { createAccount } from '../../kernel/auth/accounts.ts';
import { createPerson } from '../registry/index.ts';

describe.each(DIALECTS)('audit viewer on %s', (dialect) => {
  let s: TestServer;
  let kazekage: TestSession;
  beforeAll(async () => {
    s = await openTestServer(dialect);
    kazekage = await loginAs(s, 'kazekage', 'top_secret', ['ANBU', 'BREACH']);
  });
  afterAll(async () => s?.close());

  /** Writes three records, then damages them through a raw connection as someone holding the database would. */
  async function damaged(damage: Record<string, string>): Promise<number[]> {
    const seqs: number[] = [];
    for (const compartments of [[], ['ANBU'], []]) {
      await transact(s.app.ctx, async (tx) => tx.audit({ action: 'test.damaged', objectType: 'thing', objectId: `t${seqs.length}`, classification: 'secret', compartments, detail: { n: seqs.length } }));
      seqs.push(Number((await s.app.ctx.db.selectFrom('kernel_audit_head').select('seq').executeTakeFirstOrThrow()).seq));
    }
    if (dialect === 'postgres') await sql`alter table kernel_audit_log disable trigger user`.execute(s.app.ctx.db);
    else await sql`drop trigger kernel_audit_log_no_update`.execute(s.app.ctx.db);
    for (const [i, [column, value]] of Object.entries(damage).entries()) {
      await sql`update kernel_audit_log set ${sql.ref(column)} = ${value} where seq = ${seqs[i]!}`.execute(s.app.ctx.db);
    }
    return seqs;
  }

  it('shows rows it cannot read as damaged instead of failing, and verify names them', async () => {
    // Garbage where the writer stores a list of compartment names; JSON null where it leaves no detail.
    const seqs = await damaged(dialect === 'sqlite'
      ? { compartments: 'garbage', detail: 'not json either' }
      : { compartments: '"ANBU"', detail: 'null' });
    const r = await s.http.inject({ method: 'GET', url: '/api/security/audit?action=test.damaged', headers: kazekage.headers() });
    expect(r.statusCode).toBe(200);
    const items = r.json().items as Array<{ seq: number; damage?: string; compartments: string[]; detail: unknown }>;
    const bySeq = new Map(items.map((i) => [i.seq, i]));
    // A row whose compartments cannot be read has no label anyone can be checked against: nobody
    // filtered by label sees it (on PostgreSQL the jsonb string still compares as ANBU).
    if (dialect === 'sqlite') expect(bySeq.has(seqs[0]!)).toBe(false);
    else expect(bySeq.get(seqs[0]!)).toMatchObject({ damage: expect.stringMatching(/compartments is not a list/), compartments: [] });
    expect(bySeq.get(seqs[1]!)).toMatchObject({ damage: expect.stringMatching(/detail/), detail: null, compartments: ['ANBU'] });
    expect(bySeq.get(seqs[2]!)).not.toHaveProperty('damage');
    // An anonymous or lesser reader: still no 500.
    const anbu = await loginAs(s, 'anbu', 'secret');
    expect((await s.http.inject({ method: 'GET', url: '/api/security/audit', headers: anbu.headers() })).statusCode).toBe(200);
    expect((await verifyAuditLog(s.app.ctx.db)).problem).toMatchObject({ seq: seqs[0], kind: 'not_canonical' });
  });

  it('never shows a person the reader may not see: not as actor, principal, account owner or through the person filter', async () => {
    // Two officers alike but for a compartment: a reader cleared for ANBU but not BREACH sees one.
    const anbuOfficer = await createPerson(s.app.ctx, { givenName: 'Audit', familyName: 'Anbu', rank: 'jounin', classification: 'secret', compartments: ['ANBU'] });
    const breachOfficer = await createPerson(s.app.ctx, { givenName: 'Audit', familyName: 'Breach', rank: 'jounin', classification: 'secret', compartments: ['BREACH'] });
    for (const [who, person] of [['anbu', anbuOfficer], ['breach', breachOfficer]] as const) {
      // A public act of a hidden officer, done for them by a job.
      await transact({ ...s.app.ctx, actor: { kind: 'system', username: 'job:test', personId: person.id, onBehalfOf: person.id } },
        async (tx) => tx.audit({ action: 'test.public-act', objectType: 'thing', objectId: who }));
      await createAccount(s.app.ctx, { username: `audit-${who}-officer`, personId: person.id, displayName: who, role: 'clerk', clearance: 'secret', compartments: [], password: `a long enough password for ${who}` });
    }
    const reader = await loginAs(s, 'kazekage', 'secret', ['ANBU']);
    const get = (url: string) => s.http.inject({ method: 'GET', url, headers: reader.headers() });

    const acts = new Map(((await get('/api/security/audit?action=test.public-act')).json().items as any[]).map((i) => [i.objectId, i]));
    expect(acts.get('anbu')).toMatchObject({ actorPersonId: anbuOfficer.id, onBehalfOf: anbuOfficer.id });
    expect(acts.get('breach')).toMatchObject({ actorPersonId: { withheld: true }, onBehalfOf: { withheld: true }, actor: { withheld: true } });
    expect(acts.get('anbu')).toMatchObject({ actor: 'system:job:test' });

    // The account of the hidden officer names them in its detail: the record carries their label.
    const created = (await get('/api/security/audit?action=auth.account.create')).json().items as any[];
    expect(created.some((i) => i.detail?.username === 'audit-anbu-officer')).toBe(true);
    expect(JSON.stringify(created)).not.toContain(breachOfficer.id);
    expect(created.some((i) => i.detail?.username === 'audit-breach-officer')).toBe(false);

    // Filtering by a hidden person answers as for one that does not exist.
    const hidden = await get(`/api/security/audit?person=${breachOfficer.id}`);
    const unknown = await get('/api/security/audit?person=01NOSUCHPERSON00000000000');
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().error.code).toBe(unknown.json().error.code);
    expect(hidden.json().error.message.replace(breachOfficer.id, 'X')).toBe(unknown.json().error.message.replace('01NOSUCHPERSON00000000000', 'X'));
    const visible = await get(`/api/security/audit?person=${anbuOfficer.id}`);
    expect(visible.statusCode).toBe(200);
    expect((visible.json().items as any[]).map((i) => i.objectId)).toContain('anbu');
    // The top-secret reader cleared for both sees both.
    const all = new Map(((await s.http.inject({ method: 'GET', url: '/api/security/audit?action=test.public-act', headers: kazekage.headers() })).json().items as any[]).map((i) => [i.objectId, i]));
    expect(all.get('breach')).toMatchObject({ actorPersonId: breachOfficer.id });
  });

  it('lets no reader tell a hidden record from an unknown one by what the log shows afterwards', async () => {
    const breachOfficer = await createPerson(s.app.ctx, { givenName: 'Probe', familyName: 'Target', rank: 'jounin', classification: 'secret', compartments: ['BREACH'] });
    await createAccount(s.app.ctx, { username: 'probe-target', personId: breachOfficer.id, displayName: 'Probe Target', role: 'jounin', clearance: 'secret', compartments: ['BREACH'], password: 'a long enough password for the target' });
    const anbuAuditor = await loginAs(s, 'anbu', 'top_secret', ['ANBU']);
    const audit = (url: string, who: TestSession = anbuAuditor) => s.http.inject({ method: 'GET', url, headers: who.headers() });
    const visibleCount = async () => (await audit('/api/security/audit?limit=1')).json().total as number;

    // Looking up a hidden person, then an unknown id: neither leaves a record this auditor can see.
    const before = await visibleCount();
    expect((await audit(`/api/registry/people/${breachOfficer.id}`)).statusCode).toBe(404);
    expect(await visibleCount()).toBe(before);
    expect((await audit('/api/registry/people/01NOSUCHPERSON00000000000')).statusCode).toBe(404);
    expect(await visibleCount()).toBe(before);
    // The Kazekage, cleared for both compartments, sees the refusal of the hidden one he may see anyway.
    const refusals = (await audit('/api/security/audit?action=registry.person.read&outcome=denied', kazekage)).json().items as any[];
    expect(refusals.map((r) => r.objectId)).toContain(breachOfficer.id);
    expect(refusals.map((r) => r.objectId)).not.toContain('01NOSUCHPERSON00000000000');

    // Failed logins: to the hidden officer's account and to a name no account has, alike invisible.
    const countBefore = await visibleCount();
    for (const username of ['probe-target', 'no-such-account']) {
      for (let i = 0; i < 7; i++) await s.http.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: `wrong guess ${i}` }, remoteAddress: '10.9.9.9' });
    }
    expect(await visibleCount()).toBe(countBefore);

    // Filtering by the hidden officer's account answers as for a name no account has.
    const hidden = await audit('/api/security/audit?actor=user:probe-target');
    const unknown = await audit('/api/security/audit?actor=user:no-such-account');
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().error.message.replace('probe-target', 'X')).toBe(unknown.json().error.message.replace('no-such-account', 'X'));
    expect((await audit('/api/security/audit?actor=user:probe-target', kazekage)).statusCode).toBe(200);
    // The last day there is is a day like any other.
    expect((await audit('/api/security/audit?to=9999-12-31&from=0001-01-01', kazekage)).json().total).toBeGreaterThan(0);
  });
});
