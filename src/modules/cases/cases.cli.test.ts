// `sandstone cases …` and `sandstone custody report` as the console runs them, on both databases:
// a case opened and moved on, evidence added and handed over as its holder, the printable report;
// an account outside BREACH finds neither the inquest nor its item, exactly as unknown ones.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { DIALECTS } from '../../kernel/testing/dialects.ts';
import { cliDatabase, runSandstoneAsProcessOnce, runSandstoneHere, type CliDatabase } from '../../kernel/testing/cli.ts';
import { removeBundledCli } from '../../kernel/testing/child-server.ts';
import { createAccount } from '../../kernel/auth/accounts.ts';
import { createPerson } from '../registry/index.ts';

afterAll(() => removeBundledCli());

describe.each(DIALECTS)('sandstone cases on %s', (dialect) => {
  let db: CliDatabase;
  const id: Record<string, string> = {};
  const run = (args: string[]) => runSandstoneHere([...args, ...db.flags]);
  beforeAll(async () => {
    db = await cliDatabase(dialect, async (ctx) => {
      for (const [key, role, level, comps] of [['kankuro', 'jounin', 'secret', ['BREACH']], ['hawk', 'anbu', 'secret', ['ANBU']]] as const) {
        id[key] = (await createPerson(ctx, { givenName: key[0]!.toUpperCase() + key.slice(1), rank: 'jounin' })).id;
        await createAccount(ctx, { username: key, personId: id[key]!, displayName: key, role, clearance: level, compartments: [...comps], password: 'puppets in the sand 77' });
      }
      id.temari = (await createPerson(ctx, { givenName: 'Temari', rank: 'jounin' })).id;
    });
  }, 60_000);
  afterAll(async () => db?.drop());

  it('opens, moves on, adds and hands over evidence, prints the report; an ANBU account finds none of it', { timeout: 240_000 }, async () => {
    const opened = await run(['cases', 'open', '--as', 'kankuro', '--kind', 'inquest', '--title', 'The breach', '--classification', 'secret', '--compartments', 'BREACH']);
    expect(opened.code, opened.err).toBe(0);
    expect(opened.out).toContain('INQ-');
    const code = /INQ-\d{4}-S\.BREACH-\d{3}/.exec(opened.out)![0];
    expect((await run(['cases', 'transition', code, 'open', '--as', 'kankuro'])).out).toContain('is now open');
    const added = await run(['cases', 'evidence', 'add', code, '--as', 'kankuro', '--description', 'Poison sample', '--collected-by', id.kankuro!, '--collected-at', '2026-11-10T04:00:00Z', '--where', "Snow's hospital", '--condition', 'sealed vial']);
    expect(added.code, added.err).toBe(0);
    const item = `${code}/E-01`;
    const handed = await run(['cases', 'evidence', 'transfer', item, '--as', 'kankuro', '--to', id.temari!, '--at', '2026-11-16T15:00:00Z', '--purpose', 'analysis', '--condition', 'sealed']);
    expect(handed.code, handed.err).toBe(0);
    expect(handed.out).toContain('is released to Temari and stays with Kankuro until they confirm its receipt');
    const received = await run(['cases', 'evidence', 'receive', item, '--at', '2026-11-16T15:10:00Z', '--condition', 'sealed']);
    expect(received.code, received.err).toBe(0);
    expect(received.out).toContain('is now with Temari (1 transfer(s))');
    const report = await run(['custody', 'report', item, '--as', 'kankuro']);
    expect(report.code, report.err).toBe(0);
    expect(report.out).toContain(`CHAIN OF CUSTODY — ${item}`);
    expect(report.out).toContain('Kankuro → Temari; purpose: analysis');
    expect(report.out).toContain('Chain: unbroken');
    // A paper copy of a secret / BREACH item is marked so at its top and bottom.
    const lines = report.out.trimEnd().split('\n');
    expect([lines[0], lines.at(-1)]).toEqual(['SECRET / BREACH', 'SECRET / BREACH']);
    // Temari holds it now: Kankuro may record it retained as a record, but not destroyed.
    const destroyed = await runSandstoneAsProcessOnce(dialect, ['cases', 'evidence', 'dispose', item, 'destroyed', '--as', 'kankuro', ...db.flags]);
    expect(destroyed.code).not.toBe(0);
    expect(destroyed.err).toContain(`Only the holder of ${item} (Temari) records that it was destroyed`);
    const kept = await run(['cases', 'evidence', 'dispose', item, 'retained_as_record', '--as', 'kankuro']);
    expect(kept.code, kept.err).toBe(0);
    expect(kept.out).toContain(`${item}: retained as a record`);
    const list = await run(['cases', 'list', '--as', 'hawk']);
    expect(list.out).toContain('No cases.');
    const hidden = await runSandstoneAsProcessOnce(dialect, ['custody', 'report', item, '--as', 'hawk', ...db.flags]);
    const unknown = await run(['custody', 'report', `${code.slice(0, -3)}999/E-01`, '--as', 'hawk']);
    expect(hidden.code).not.toBe(0);
    expect(hidden.err.replace(item, 'X')).toBe(unknown.err.replace(`${code.slice(0, -3)}999/E-01`, 'X'));
  });
});
