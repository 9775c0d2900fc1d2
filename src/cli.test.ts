// The `sandstone` command as a user runs it: real processes, real files, exit codes and messages.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it, expect, beforeAll, afterAll, vi } from 'vitest';
import { DIALECTS } from './kernel/testing/dialects.ts';
import { cliDatabase, runSandstone, runSandstoneAsProcessOnce, runSandstoneHere, type CliDatabase } from './kernel/testing/cli.ts';
import { removeBundledCli } from './kernel/testing/child-server.ts';
import { realDataFile } from './kernel/testing/real-data.ts';

// The demo load takes seconds, and a real process as many to start on a busy machine: the default 30 s
// is too little.
vi.setConfig({ testTimeout: 180_000 });
afterAll(() => removeBundledCli());

// bin/sandstone.js itself (tsx compiling the sources at each start) runs the root help and an unknown
// command; the first demo load runs the sources bundled as a real process; the other commands run in
// this process (runCli, as bin/sandstone.js calls it: kernel/testing/cli.ts), since each real start
// costs seconds.

describe('sandstone --help', () => {
  it('every command has help and exits 0', async () => {
    // bin/sandstone.js itself, once: the command a user types starts and answers.
    const root = runSandstone(['--help']);
    expect(root.code, root.err).toBe(0);
    expect(root.out).toMatch(/Usage: sandstone/);
    expect(root.out).toMatch(/DATABASE_URL/);
    for (const cmd of [['serve'], ['demo'], ['migrate'], ['people'], ['import', 'popolo'], ['export', 'popolo']]) {
      const r = await runSandstoneHere([...cmd, '--help']);
      expect(r.code, cmd.join(' ')).toBe(0);
      expect(r.out).toMatch(new RegExp(`Usage: sandstone ${cmd.join(' ')}`));
    }
  });

  it('an unknown command fails with a message', async () => {
    const r = await runSandstoneHere(['frobnicate']);
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/unknown command 'frobnicate'/);
  });
});

describe.each(DIALECTS)('sandstone CLI on %s', (dialect) => {
  let db: CliDatabase;
  let flags: string[];
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sandstone-cli-'));
  beforeAll(async () => {
    db = await cliDatabase(dialect);
    flags = db.flags;
  });
  afterAll(async () => {
    await db?.drop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('demo loads the world; a second run changes nothing', async () => {
    const a = await runSandstoneAsProcessOnce(dialect, ['demo', ...flags]);
    expect(a.code, a.err).toBe(0);
    expect(a.out).toMatch(/records added/);
    const b = await runSandstoneHere(['demo', ...flags]);
    expect(b.out).toMatch(/nothing changed/);
  });

  it('people searches by name and filters, as a table or JSON', async () => {
    const t = await runSandstoneHere(['people', 'kankuro', ...flags]);
    expect(t.code).toBe(0);
    expect(t.out).toMatch(/Kankuro\s+Jounin\s+Sunagakure\s+administrative leave/);
    const j = JSON.parse((await runSandstoneHere(['people', '--village', 'yuki', '--status', 'missing_nin', '--json', ...flags])).out);
    expect(j.total).toBe(3);
    const bad = await runSandstoneHere(['people', '--rank', 'ninja', ...flags]);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/rank/);
  });

  it('exports Popolo to a file and re-imports it without duplicating anybody', async () => {
    const file = path.join(tmp, 'out.json');
    const e = await runSandstoneHere(['export', 'popolo', '--out', file, ...flags]);
    expect(e.code, e.err).toBe(0);
    const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(doc.persons.length).toBeGreaterThanOrEqual(150);
    const i = await runSandstoneHere(['import', 'popolo', file, '--quiet', ...flags]);
    expect(i.code, i.err).toBe(0);
    expect(i.out).toMatch(/persons\s+0\s+\d+\s+\d+/);
  });

  it('refuses a broken file with a non-zero exit and says which entry is wrong', async () => {
    const file = path.join(tmp, 'bad.json');
    fs.writeFileSync(file, JSON.stringify({ persons: [{ id: 'x' }] }));
    const r = await runSandstoneHere(['import', 'popolo', file, ...flags]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/persons\[0\]\.name/);
    const missing = await runSandstoneHere(['import', 'popolo', path.join(tmp, 'nope.json'), ...flags]);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/Cannot read/);
  });

  it('user add reads the password from standard input, refuses weak ones, and user disable works', async () => {
    const person = JSON.parse((await runSandstoneHere(['people', 'kankuro', '--json', ...flags])).out).items[0].id;
    const weak = await runSandstoneHere(['user', 'add', 'kank', '--person', person, '--role', 'jounin', '--clearance', 'secret', '--password-stdin', ...flags], { input: 'password1' });
    expect(weak.code).toBe(1);
    expect(weak.err).toMatch(/common/);
    const noStdin = await runSandstoneHere(['user', 'add', 'kank', '--person', person, '--role', 'jounin', '--clearance', 'secret', ...flags]);
    expect(noStdin.code).toBe(1);
    expect(noStdin.err).toMatch(/--password-stdin/);
    const ok = await runSandstoneHere(['user', 'add', 'kank', '--person', person, '--role', 'jounin', '--clearance', 'secret', '--compartment', 'breach', '--password-stdin', ...flags], { input: 'puppets and sand 42\n' });
    expect(ok.code, ok.err).toBe(0);
    expect(ok.out).toMatch(/Account kank added for Kankuro: role jounin, clearance secret \/ BREACH/);
    const again = await runSandstoneHere(['user', 'add', 'kank', '--person', person, '--role', 'jounin', '--clearance', 'secret', '--password-stdin', ...flags], { input: 'puppets and sand 42' });
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/taken/);
    const totp = await runSandstoneHere(['user', 'add', 'kank2', '--person', person, '--role', 'jounin', '--clearance', 'public', '--totp', '--password-stdin', ...flags], { input: 'puppets and sand 43' });
    expect(totp.out).toMatch(/otpauth:\/\/totp\//);
    expect((await runSandstoneHere(['user', 'disable', 'kank', ...flags])).code).toBe(0);
    expect((await runSandstoneHere(['user', 'disable', 'nobody', ...flags])).code).toBe(1);
  });

  it('audit verify passes on an untouched log, and checkpoint prints its head', async () => {
    const cp = await runSandstoneHere(['audit', 'checkpoint', ...flags]);
    expect(cp.out.trim()).toMatch(/^\d+:[0-9a-f]{64}$/);
    const v = await runSandstoneHere(['audit', 'verify', '--checkpoint', cp.out.trim(), ...flags]);
    expect(v.code, v.err).toBe(0);
    expect(v.out).toMatch(/audit log intact/);
    const bad = await runSandstoneHere(['audit', 'verify', '--checkpoint', '999999:' + 'a'.repeat(64), ...flags]);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/TAMPERED at record \d+ \(truncated\)/);
  });

  it.skipIf(!realDataFile('local_councillor_popolo.json'))('imports the real Tasmanian file and reports its warnings', async () => {
    const r = await runSandstoneHere(['import', 'popolo', realDataFile('local_councillor_popolo.json')!, ...flags]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/persons\s+263/);
    expect(r.out).toMatch(/warning: different organizations share a name/);
  });
});

describe('sandstone with a bad database', () => {
  it('commands that only read refuse a database path that does not exist, naming it, and create nothing', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandstone-cli-missing-'));
    try {
      const missing = path.join(dir, 'mistyped', 'sandstone.db');
      for (const cmd of [['people'], ['export', 'popolo'], ['audit', 'verify'], ['audit', 'checkpoint'], ['jobs', 'list']]) {
        const r = await runSandstoneHere([...cmd, '--db', missing]);
        expect(r.code, cmd.join(' ')).toBe(1);
        expect(r.err, cmd.join(' ')).toContain(`There is no database at ${missing}`);
        expect(r.out, cmd.join(' ')).not.toMatch(/intact/);
      }
      const viaEnv = await runSandstoneHere(['audit', 'verify'], { env: { SANDSTONE_DB: missing, DATABASE_URL: '' } });
      expect(viaEnv.code).toBe(1);
      expect(fs.readdirSync(dir)).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says what is wrong with an unreachable PostgreSQL and exits non-zero', async () => {
    const r = await runSandstoneHere(['migrate', '--database-url', 'postgres://nobody@127.0.0.1:1/none']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/error:/);
  });
  it('refuses a malformed URL', async () => {
    const r = await runSandstoneHere(['migrate', '--database-url', 'not a url']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/DATABASE_URL \/ --database-url must be a URL/);
  });
});
