// `sandstone desk …` as the console runs it: a real process over a real database on both. The
// console acts as the account named: the Kazekage's desk shows his items; once he delegates, his
// acting official's desk shows those the delegation gives and their own clearance covers, marked
// acting-for, the rest only counted; a delegation longer than section 3-104 allows is refused
// with one line and a non-zero exit.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { DIALECTS } from '../../kernel/testing/dialects.ts';
import { cliDatabase, runSandstoneAsProcessOnce, runSandstoneHere, type CliDatabase } from '../../kernel/testing/cli.ts';
import { removeBundledCli } from '../../kernel/testing/child-server.ts';
import { transact } from '../../kernel/context.ts';
import { createAccount } from '../../kernel/auth/accounts.ts';
import { createPerson } from '../registry/index.ts';
import { raiseDeskItem } from './index.ts';

afterAll(() => removeBundledCli());

describe.each(DIALECTS)('sandstone desk on %s', (dialect) => {
  let db: CliDatabase;
  const run = (args: string[]) => runSandstoneHere(['desk', ...args, ...db.flags]);
  beforeAll(async () => {
    db = await cliDatabase(dialect, async (ctx) => {
      const gaara = await createPerson(ctx, { givenName: 'Gaara', rank: 'kage' });
      const kankuro = await createPerson(ctx, { givenName: 'Kankuro', rank: 'jounin' });
      await createAccount(ctx, { username: 'gaara', personId: gaara.id, displayName: 'Gaara', role: 'kazekage', clearance: 'top_secret', compartments: ['ANBU', 'BREACH'], password: 'the gourd of sand 1 2 3' });
      await createAccount(ctx, { username: 'kankuro', personId: kankuro.id, displayName: 'Kankuro', role: 'jounin', clearance: 'secret', compartments: ['BREACH'], password: 'puppets in the sand 77' });
      const raise = (title: string, classification: 'public' | 'secret', compartments: string[]) => transact(ctx, (tx) => raiseDeskItem(tx, {
        owner: gaara.id, kind: 'registry.review', title, record: { kind: 'registry.person', id: kankuro.id }, label: { classification, compartments }, suspense: new Date(Date.now() + 7 * 86_400_000),
      }));
      await raise('The binder', 'public', []);
      await raise('ANBU roster', 'secret', ['ANBU']);
    });
  }, 60_000);
  afterAll(async () => db?.drop());

  it('shows a desk as the account named; a delegation gives the acting official what their own clearance covers, the rest withheld', { timeout: 180_000 }, async () => {
    const own = await run(['items', 'gaara']);
    expect(own.code, own.err).toBe(0);
    expect(own.out).toMatch(/NORMAL +open +registry\.review +The binder +\(due /);
    expect(own.out).toContain('ANBU roster');
    expect(own.out).not.toContain('Withheld');
    expect((await run(['items', 'kankuro'])).out).toContain('Nothing on the desk.');
    const from = new Date(Date.now() - 3_600_000).toISOString();
    const until = new Date(Date.now() + 86_400_000).toISOString();
    const d = await run(['delegate', '--to', 'kankuro', '--from', from, '--until', until]);
    expect(d.code, d.err).toBe(0);
    expect(d.out).toMatch(/: Kankuro acts for Gaara from .* every kind of item \(at most 30 days: 30 days, the default \(no limit in section 3-104 in force on \d{4}-\d{2}-\d{2}\)\)/);
    const acting = await run(['items', 'kankuro']);
    expect(acting.code, acting.err).toBe(0);
    expect(acting.out).toMatch(/The binder +\(due .*; acting for Gaara\)/);
    expect(acting.out).not.toContain('ANBU roster');
    expect(acting.out).toContain("Withheld (1): items above this account's clearance.");
  });

  it('refuses a delegation longer than the statute allows, and an unknown account, with one line and a non-zero exit', { timeout: 180_000 }, async () => {
    const from = '2026-12-06T03:00:00Z';
    const long = await runSandstoneAsProcessOnce(dialect, ['desk', 'delegate', '--as', 'gaara', '--to', 'kankuro', '--from', from, '--until', '2027-01-06T03:00:00Z', ...db.flags]);
    expect(long.code).toBe(1);
    expect(long.err).toMatch(/a delegation lasts at most 30 days/);
    const who = await run(['delegate', '--to', 'nobody', '--from', from, '--until', '2026-12-07T03:00:00Z']);
    expect(who.code).toBe(1);
    expect(who.err).toMatch(/--to: there is no active account "nobody"/);
    expect((await run(['items', 'nobody'])).err).toMatch(/USER: there is no active account "nobody"/);
  });
});
