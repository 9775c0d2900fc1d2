// `sandstone statute` as a user runs it over a real database: exit codes and messages. The command runs in
// process (kernel/testing/cli.ts), once as a real process.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { DIALECTS } from '../../kernel/testing/dialects.ts';
import { cliDatabase, runSandstoneAsProcessOnce, runSandstoneHere, type CliDatabase } from '../../kernel/testing/cli.ts';
import { removeBundledCli } from '../../kernel/testing/child-server.ts';
import { importStatutes } from './index.ts';

// The real process runs the command bundled (kernel/testing/cli.ts); the bundle goes with the file.
afterAll(() => removeBundledCli());

describe.each(DIALECTS)('sandstone statute on %s', (dialect) => {
  let db: CliDatabase;
  let flags: string[];
  beforeAll(async () => {
    db = await cliDatabase(dialect, async (ctx) => {
      await importStatutes(ctx, [
        {
          code: '14-203', heading: 'Extradition of deserters', titleNumber: 14, titleHeading: 'Extradition',
          versions: [
            { from: '2001-04-01', reason: 'enacted by the Council', markup: '(1) A deserter is returned within 30 days.\n  (a) unless ill.' },
            { from: '2012-06-01', reason: 'consolidation: Deserters Act', markup: '(1) A deserter is returned within 14 days.\n  (a) unless ill.' },
          ],
          repealed: { on: '2020-01-01', reason: 'repealed by the Extradition Act' },
        },
        { code: '5-201', heading: 'Charter of the ANBU', titleNumber: 5, label: { classification: 'secret', compartments: ['ANBU'] }, versions: [{ from: '2001-04-01', reason: 'enacted', markup: '(1) The ANBU exists.' }] },
      ], { source: 'test' });
    });
    flags = db.flags;
  }, 60_000);
  afterAll(async () => db?.drop());

  it('prints the text in force on a date, with the version line', async () => {
    const r = await runSandstoneHere(['statute', '14-203', '--at', '2005-05-05', ...flags]);
    expect(r.code, r.err).toBe(0);
    expect(r.out.split('\n').slice(0, 6)).toEqual([
      '14-203  Extradition of deserters',
      'Title 14 — Extradition',
      'As in force on 2005-05-05: version 1 of 2, from 2001-04-01 until 2012-06-01; made by import: enacted by the Council',
      '',
      '(1) A deserter is returned within 30 days.',
      '    (a) unless ill.',
    ]);
    expect((await runSandstoneHere(['statute', '14-203', '--at', '2012-06-01', ...flags])).out).toMatch(/version 2 of 2, from 2012-06-01 until 2020-01-01[^\n]*\n\n\(1\) A deserter is returned within 14 days\./);
  }, 240_000);

  it('prints the API answer with --json', async () => {
    const r = await runSandstoneHere(['statute', '14-203', '--at', '2019-12-31', '--json', ...flags]);
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ code: '14-203', at: '2019-12-31', version: { seq: 2, validTo: '2020-01-01' }, repealedOn: '2020-01-01' });
  }, 120_000);

  it('the operator sees classified statutes, marked', async () => {
    expect((await runSandstoneHere(['statute', '5-201', '--at', '2010-01-01', ...flags])).out).toMatch(/^5-201  Charter of the ANBU  \[SECRET · ANBU\]/);
  }, 120_000);

  it('says why there is nothing to show: repealed, not yet in force, no such code, a bad date (exit 1)', async () => {
    const repealed = await runSandstoneAsProcessOnce(dialect, ['statute', '14-203', ...flags]);
    expect(repealed.code).toBe(1);
    expect(repealed.err).toMatch(/Statute 14-203 was repealed on 2020-01-01/);
    expect((await runSandstoneHere(['statute', '14-203', '--at', '2000-01-01', ...flags])).err).toMatch(/not yet in force on 2000-01-01: it is in force from 2001-04-01/);
    expect((await runSandstoneHere(['statute', '99-999', ...flags])).err).toMatch(/No statute has the code 99-999/);
    const bad = await runSandstoneHere(['statute', '14-203', '--at', '2020-02-30', ...flags]);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/--at "2020-02-30" is not a date/);
  }, 480_000);
});
