// `sandstone post …` as the console runs it: a real process over a real database on both. A letter
// sent as one account reaches another's pigeon hole once the aviary's job has run; a recipient not
// cleared for its label is refused with one line and a non-zero exit, and nothing is sent.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { DIALECTS } from '../../kernel/testing/dialects.ts';
import { cliDatabase, runSandstoneAsProcessOnce, runSandstoneHere, type CliDatabase } from '../../kernel/testing/cli.ts';
import { removeBundledCli } from '../../kernel/testing/child-server.ts';
import { openApp } from '../../app.ts';
import { JobRunner, collectJobKinds } from '../../kernel/jobs/runner.ts';
import { createAccount } from '../../kernel/auth/accounts.ts';
import { createMembership, createOrganization, createPerson, createVillage } from '../registry/index.ts';
import { postModule, setRoutes } from './index.ts';

afterAll(() => removeBundledCli());

describe.each(DIALECTS)('sandstone post on %s', (dialect) => {
  let db: CliDatabase;
  const run = (args: string[]) => runSandstoneHere(['post', ...args, ...db.flags]);
  /** The aviary's jobs, run as a server would (the CLI only accepts the message). */
  const carry = async () => {
    const [flag, where] = db.flags as [string, string];
    const app = await openApp(flag === '--db' ? { dbPath: where } : { databaseUrl: where });
    try { await new JobRunner(app.ctx, collectJobKinds([postModule])).runDue(); } finally { await app.close(); }
  };
  beforeAll(async () => {
    db = await cliDatabase(dialect, async (ctx) => {
      for (const code of ['suna', 'konoha']) await createVillage(ctx, { code, name: code, land: 'x', leaderTitle: 'x' });
      await setRoutes(ctx, { routes: [{ from: 'suna', to: 'konoha', distanceKm: 600, hawkKmh: 50 }] });
      const aiko = await createPerson(ctx, { givenName: 'Aiko', rank: 'chuunin' });
      const kankuro = await createPerson(ctx, { givenName: 'Kankuro', rank: 'jounin' });
      await createAccount(ctx, { username: 'aiko', personId: aiko.id, displayName: 'Aiko', role: 'clerk', clearance: 'secret', compartments: ['ANBU'], password: 'aviary keeper of hawks 9' });
      await createOrganization(ctx, { code: 'kazekage-office', name: "Kazekage's office", kind: 'office' });
      await createMembership(ctx, { person: aiko.id, organization: 'kazekage-office' });
      await createAccount(ctx, { username: 'kankuro', personId: kankuro.id, displayName: 'Kankuro', role: 'jounin', clearance: 'secret', compartments: ['BREACH'], password: 'puppets in the sand 77' });
    });
  }, 60_000);
  afterAll(async () => db?.drop());

  it('sends as one account; the letter is in the other\'s pigeon hole once the aviary has carried it', { timeout: 180_000 }, async () => {
    const sent = await run(['send', '--from', 'aiko', '--to', 'kankuro', '--subject', 'Lead the search party', '--body', 'Sensors felt his chakra.', '--precedence', 'immediate']);
    expect(sent.code, sent.err).toBe(0);
    expect(sent.out).toMatch(/^HP-\d{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4} accepted .*, IMMEDIATE, to 1 recipient\(s\); due by /);
    expect(sent.out).toContain('\n1 waiting for the aviary: a running server (npm start) sends it; it is in the pigeon hole once delivered.');
    const code = sent.out.split(' ')[0]!;
    expect((await run(['inbox', 'kankuro'])).out).toContain('Nothing in the pigeon hole.');
    await carry();
    const inbox = await run(['inbox', 'kankuro']);
    expect(inbox.code, inbox.err).toBe(0);
    expect(inbox.out).toContain('Unread: 0 FLASH, 1 IMMEDIATE, 0 PRIORITY, 0 ROUTINE');
    expect(inbox.out).toMatch(new RegExp(`IMMEDIATE +${code} +UNREAD .* from Aiko: Lead the search party`));
    // A hawk to Konoha is in flight after the aviary has released it.
    const second = await run(['send', '--from', 'aiko', '--village', 'konoha', '--subject', 'To the Hokage']);
    expect(second.code).toBe(0);
    const secondCode = second.out.split(' ')[0]!;
    expect(secondCode).toMatch(/^HP-\d{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(secondCode).not.toBe(code);
    await carry();
    expect((await run(['aviary'])).out).toMatch(new RegExp(`In flight \\(1\\)\\n +ROUTINE +${secondCode} +suna → konoha +lands `));
  });

  it('refuses a recipient not cleared for the label with one line and a non-zero exit; nothing is sent', { timeout: 180_000 }, async () => {
    const r = await runSandstoneAsProcessOnce(dialect, ['post', 'send', '--from', 'aiko', '--to', 'kankuro', '--subject', 'ANBU roster', '--classification', 'secret', '--compartments', 'ANBU', '--body', 'x', ...db.flags]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/no account of theirs is cleared for secret \(ANBU\)/);
    expect((await run(['aviary'])).out).toContain('Waiting (0)');
    const who = await run(['send', '--from', 'nobody', '--to', 'kankuro', '--subject', 'x', '--body', 'x']);
    expect(who.code).toBe(1);
    expect(who.err).toMatch(/--from: there is no active account "nobody"/);
  });

  it('sends to an office with --office and in its name with --as-office; a member\'s inbox shows it to the office', { timeout: 180_000 }, async () => {
    const sent = await run(['send', '--from', 'kankuro', '--office', 'kazekage-office', '--subject', 'Walls', '--body', 'x']);
    expect(sent.code, sent.err).toBe(0);
    const reply = await run(['send', '--from', 'aiko', '--as-office', 'kazekage-office', '--to', 'kankuro', '--subject', 'Walls approved', '--body', 'x']);
    expect(reply.code, reply.err).toBe(0);
    await carry();
    expect((await run(['inbox', 'aiko'])).out).toMatch(/from Kankuro to Kazekage's office: Walls\n/);
    expect((await run(['inbox', 'kankuro'])).out).toMatch(/from Kazekage's office \(by Aiko\): Walls approved/);
    const refused = await run(['send', '--from', 'kankuro', '--as-office', 'kazekage-office', '--to', 'aiko', '--subject', 'x', '--body', 'x']);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/not a current member/);
  });

  it('saves a draft with --draft, recipients left out: listed for its account only, nothing waiting at the aviary', { timeout: 180_000 }, async () => {
    const r = await run(['send', '--draft', '--from', 'aiko', '--subject', 'The binder', '--body', 'Signatures before he leaves.']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^Draft \w{26} saved for aiko, to 0 recipient\(s\); not sent/);
    expect((await run(['drafts', 'aiko'])).out).toMatch(/^\w{26} .* ROUTINE +to 0: The binder/);
    expect((await run(['drafts', 'kankuro'])).out).toContain('No drafts.');
    expect((await run(['aviary'])).out).toContain('Waiting (0)');
  });
});
