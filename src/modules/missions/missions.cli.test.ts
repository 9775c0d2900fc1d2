// `sandstone missions …` as the console runs it: a real process over a real database on both.
// A mission planned, started and completed as an account; an illegal step refused with one line
// on stderr and a non-zero exit; a report opened, submitted, and seen in the office's queue.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { DIALECTS } from '../../kernel/testing/dialects.ts';
import { cliDatabase, runSandstoneAsProcessOnce, runSandstoneHere, type CliDatabase } from '../../kernel/testing/cli.ts';
import { removeBundledCli } from '../../kernel/testing/child-server.ts';
import { createAccount } from '../../kernel/auth/accounts.ts';
import { createPerson, createVillage } from '../registry/index.ts';

afterAll(() => removeBundledCli());

// The CLI runs on the real clock, and a mission is recorded within a month of setting out: days
// counted back from today in the village (UTC+03:00).
const day = (n: number) => new Date(Date.now() + 3 * 3600e3 + n * 86_400_000).toISOString().slice(0, 10);

describe.each(DIALECTS)('sandstone missions on %s', (dialect) => {
  let db: CliDatabase;
  const run = (args: string[]) => runSandstoneHere(['missions', ...args, ...db.flags]);
  beforeAll(async () => {
    db = await cliDatabase(dialect, async (ctx) => {
      await createVillage(ctx, { code: 'yuki', name: 'Yukigakure', land: 'x', leaderTitle: 'x' });
      const gaara = await createPerson(ctx, { givenName: 'Gaara', rank: 'kage' });
      const lee = await createPerson(ctx, { givenName: 'Lee', rank: 'jounin' });
      await createAccount(ctx, { username: 'gaara', personId: gaara.id, displayName: 'Gaara', role: 'kazekage', clearance: 'top_secret', compartments: ['ANBU', 'BREACH'], password: 'sand gourd of many years 1' });
      await createAccount(ctx, { username: 'lee', personId: lee.id, displayName: 'Lee', role: 'envoy', clearance: 'restricted', compartments: [], password: 'springtime of youth 1234' });
      await createAccount(ctx, { username: 'aiko', personId: (await createPerson(ctx, { givenName: 'Aiko', rank: 'chuunin' })).id, displayName: 'Aiko', role: 'clerk', clearance: 'secret', compartments: ['ANBU'], password: 'aviary keeper of hawks 9' });
    });
  }, 60_000);
  afterAll(async () => db?.drop());

  it('plans, starts and completes a mission; refuses an illegal step on stderr; a report reaches the queue', { timeout: 240_000 }, async () => {
    const created = await run(['create', '--as', 'gaara', '--rank', 'A', '--objective', 'Escort to Snow', '--client', "Kazekage's office", '--village', 'yuki',
      '--from', day(-20), '--to', day(-6), '--member', 'gaara:leader', '--member', 'lee:member', '--classification', 'restricted']);
    expect(created.code, created.err).toBe(0);
    const code = /^(M-\d{4}-R-001) planned/.exec(created.out)?.[1];
    expect(code).toBeDefined();
    const early = await runSandstoneAsProcessOnce(dialect, ['missions', 'complete', code!, '--as', 'gaara', ...db.flags]);
    expect(early.code).toBe(1);
    expect(early.err).toMatch(/a mission that is planned cannot be completed: it can only be started or aborted/);
    expect((await run(['start', code!, '--as', 'gaara', '--on', day(-19)])).out).toContain(`${code} under way`);
    expect((await run(['complete', code!, '--as', 'gaara', '--on', day(-12)])).out).toContain(`${code} completed`);
    const opened = await run(['report', 'open', code!, '--as', 'lee', '--body', 'We went to Snow.']);
    expect(opened.code, opened.err).toBe(0);
    const id = /^(\w{26}) /.exec(opened.out)?.[1];
    expect(opened.out).toMatch(new RegExp(`in draft +due ${day(-5)}`));
    expect((await run(['report', 'submit', id!, '--as', 'lee'])).out).toMatch(/submitted/);
    const queue = await run(['reports', 'queue', '--as', 'aiko']);
    expect(queue.code, queue.err).toBe(0);
    expect(queue.out).toMatch(new RegExp(`^1 waiting, \\d overdue\\n${id} +${code} +Lee +submitted`));
    const show = await run(['show', code!, '--as', 'lee']);
    expect(show.out).toMatch(/team: Gaara \(leader\), Lee \(member\)/);
    expect((await run(['list', '--as', 'lee'])).out).toMatch(new RegExp(`${code} +A +completed`));
    const denied = await run(['reports', 'queue', '--as', 'lee']);
    expect(denied.code).toBe(1);
  });
});
