// `sandstone import akn` and `sandstone export akn` as a user runs them: files, exit codes, messages. The
// commands run in process (kernel/testing/cli.ts), one of them as a real process.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { DIALECTS } from '../../kernel/testing/dialects.ts';
import { cliDatabase, runSandstoneAsProcessOnce, runSandstoneHere, type CliDatabase } from '../../kernel/testing/cli.ts';
import { removeBundledCli } from '../../kernel/testing/child-server.ts';
import { realDataFile } from '../../kernel/testing/real-data.ts';
import { generateAct } from './testing/akn-corpus.ts';
import { readAkn, type AknAct } from './akn.ts';

const ITALIAN = realDataFile('00698310-ft.akn.xml');
// Each test starts the command several times, each a process that loads the sources: on a busy
// machine that alone takes seconds.
const SLOW = { timeout: 240_000 };

// The real process runs the command bundled (kernel/testing/cli.ts); the bundle goes with the file.
afterAll(() => removeBundledCli());

describe('sandstone import/export akn --help', SLOW, () => {
  it('both commands have help', async () => {
    for (const cmd of [['import', 'akn'], ['export', 'akn']]) {
      const r = await runSandstoneHere([...cmd, '--help']);
      expect(r.code, cmd.join(' ')).toBe(0);
      expect(r.out).toMatch(/Usage: sandstone (import|export) akn/);
    }
  });
});

describe.each(DIALECTS)('sandstone import/export akn on %s', SLOW, (dialect) => {
  let db: CliDatabase;
  let flags: string[];
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sandstone-akn-cli-'));
  beforeAll(async () => {
    db = await cliDatabase(dialect);
    flags = db.flags;
  });
  afterAll(async () => {
    await db?.drop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('imports a generated act (no bar: stderr is not a terminal) and prints the report; again, everything is unchanged', async () => {
    const file = path.join(tmp, 'code.xml');
    fs.writeFileSync(file, generateAct(250, 2).xml);
    const a = await runSandstoneHere(['import', 'akn', file, ...flags]);
    expect(a.code, a.err).toBe(0);
    expect(a.out).toMatch(/^1 file, 250 sections$/m);
    expect(a.out).toMatch(/^statutes\s+250\s+0\s+0$/m);
    expect(a.err).not.toMatch(/importing \[/);
    const b = await runSandstoneHere(['import', 'akn', file, ...flags]);
    expect(b.code, b.err).toBe(0);
    expect(b.out).toMatch(/^statutes\s+0\s+0\s+250$/m);
  });

  it('exports a statute to standard output or a file, as an act that reads back to it', async () => {
    const out = await runSandstoneHere(['export', 'akn', '1-105', ...flags]);
    expect(out.code, out.err).toBe(0);
    const r = readAkn(out.out);
    if (!r.ok) throw new Error(r.error.message);
    expect((r.document as AknAct).statutes.map((s) => s.code)).toEqual(['1-105']);
    const file = path.join(tmp, 'out.xml');
    const f = await runSandstoneHere(['export', 'akn', '1-105', '--at', '2001-04-01', '-o', file, ...flags]);
    expect(f.code, f.err).toBe(0);
    expect(f.err).toMatch(/wrote statute 1-105 \(1 version\) to /);
    expect(fs.readFileSync(file, 'utf8')).toBe(out.out);
  });

  it('refuses, exiting 1 with the reason: a malformed file (naming file and line), an unknown code, a bad date', async () => {
    const bad = path.join(tmp, 'bad.xml');
    fs.writeFileSync(bad, '<akomaNtoso>\n<act>\n<body></bdy>\n</act></akomaNtoso>');
    const good = path.join(tmp, 'good.xml');
    fs.writeFileSync(good, generateAct(3, 9).xml.replace(/"1-10(\d)"/g, '"2-10$1"').replace(/>1-10(\d)</g, '>2-10$1<'));
    const r = await runSandstoneAsProcessOnce(dialect, ['import', 'akn', good, bad, ...flags]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`error: ${bad}, line 3, column 7: malformed XML`);
    expect(r.err).toMatch(/Nothing was imported\./);
    const missing = await runSandstoneHere(['import', 'akn', path.join(tmp, 'nope.xml'), ...flags]);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/nope\.xml: the file cannot be read \(ENOENT\)/);
    const unknown = await runSandstoneHere(['export', 'akn', '99-999', ...flags]);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/No statute has the code 99-999/);
    const date = await runSandstoneHere(['export', 'akn', '1-105', '--at', 'yesterday', ...flags]);
    expect(date.code).toBe(1);
    expect(date.err).toMatch(/--at must be a date YYYY-MM-DD/);
  });

  it.skipIf(!ITALIAN)('imports the real Italian bill (../shared/real-data; skipped when absent)', async () => {
    const r = await runSandstoneHere(['import', 'akn', ITALIAN!, ...flags]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^1 file, 2 sections$/m);
    expect(r.out).toMatch(/^bills\s+1\s/m);
    expect(r.out).toMatch(/warning: .*00698310-ft\.akn\.xml: namespace .*CSD02 is not the Akoma Ntoso 3\.0 one/);
  });
});
