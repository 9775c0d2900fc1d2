// The `sandstone` command as a user runs it: real processes, real files, exit codes and messages.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it, expect, beforeAll, afterAll, vi } from 'vitest';
import { DIALECTS } from './kernel/testing/dialects.ts';
import { cliDatabase, runBundledSandstone, runSandstone, type CliDatabase } from './kernel/testing/cli.ts';
import { removeBundledCli } from './kernel/testing/child-server.ts';
import { realDataFile } from './kernel/testing/real-data.ts';

// Each test starts several real processes (about 2 s each to load the app on this machine, more
// while other suites run beside it): the default 30 s is too little for a test of eight.
vi.setConfig({ testTimeout: 180_000 });
afterAll(() => removeBundledCli());

// bin/sandstone.js itself (tsx compiling the sources at each start) runs the root help, an unknown
// command and each database's first demo load; the other commands run the same sources bundled
// once, which starts in half the time (kernel/testing/cli.ts).

describe('sandstone --help', () => {
  it('every command has help and exits 0', () => {
    for (const cmd of [[], ['serve'], ['demo'], ['migrate'], ['people'], ['import', 'popolo'], ['export', 'popolo']]) {
      const r = (cmd.length ? runBundledSandstone : runSandstone)([...cmd, '--help']);
      expect(r.code, cmd.join(' ')).toBe(0);
      expect(r.out).toMatch(/Usage: sandstone/);
    }
    expect(runSandstone(['--help']).out).toMatch(/DATABASE_URL/);
  });

  it('an unknown command fails with a message', () => {
    const r = runSandstone(['frobnicate']);
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/unknown command/);
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

  it('demo loads the world; a second run changes nothing', () => {
    const a = runSandstone(['demo', ...flags]);
    expect(a.code, a.err).toBe(0);
    expect(a.out).toMatch(/records added/);
    const b = runBundledSandstone(['demo', ...flags]);
    expect(b.out).toMatch(/nothing changed/);
  });

  it('people searches by name and filters, as a table or JSON', () => {
    const t = runBundledSandstone(['people', 'kankuro', ...flags]);
    expect(t.code).toBe(0);
    expect(t.out).toMatch(/Kankuro\s+Jounin\s+Sunagakure\s+administrative leave/);
    const j = JSON.parse(runBundledSandstone(['people', '--village', 'yuki', '--status', 'missing_nin', '--json', ...flags]).out);
    expect(j.total).toBe(3);
    const bad = runBundledSandstone(['people', '--rank', 'ninja', ...flags]);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/rank/);
  });

  it('exports Popolo to a file and re-imports it without duplicating anybody', () => {
    const file = path.join(tmp, 'out.json');
    const e = runBundledSandstone(['export', 'popolo', '--out', file, ...flags]);
    expect(e.code, e.err).toBe(0);
    const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(doc.persons.length).toBeGreaterThanOrEqual(150);
    const i = runBundledSandstone(['import', 'popolo', file, '--quiet', ...flags]);
    expect(i.code, i.err).toBe(0);
    expect(i.out).toMatch(/persons\s+0\s+\d+\s+\d+/);
  });

  it('refuses a broken file with a non-zero exit and says which entry is wrong', () => {
    const file = path.join(tmp, 'bad.json');
    fs.writeFileSync(file, JSON.stringify({ persons: [{ id: 'x' }] }));
    const r = runBundledSandstone(['import', 'popolo', file, ...flags]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/persons\[0\]\.name/);
    const missing = runBundledSandstone(['import', 'popolo', path.join(tmp, 'nope.json'), ...flags]);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/Cannot read/);
  });

  it('user add reads the password from standard input, refuses weak ones, and user disable works', () => {
    const person = JSON.parse(runBundledSandstone(['people', 'kankuro', '--json', ...flags]).out).items[0].id;
    const weak = runBundledSandstone(['user', 'add', 'kank', '--person', person, '--role', 'jounin', '--clearance', 'secret', '--password-stdin', ...flags], { input: 'password1' });
    expect(weak.code).toBe(1);
    expect(weak.err).toMatch(/common/);
    const noStdin = runBundledSandstone(['user', 'add', 'kank', '--person', person, '--role', 'jounin', '--clearance', 'secret', ...flags]);
    expect(noStdin.code).toBe(1);
    expect(noStdin.err).toMatch(/--password-stdin/);
    const ok = runBundledSandstone(['user', 'add', 'kank', '--person', person, '--role', 'jounin', '--clearance', 'secret', '--compartment', 'breach', '--password-stdin', ...flags], { input: 'puppets and sand 42\n' });
    expect(ok.code, ok.err).toBe(0);
    expect(ok.out).toMatch(/Account kank added for Kankuro: role jounin, clearance secret \/ BREACH/);
    const again = runBundledSandstone(['user', 'add', 'kank', '--person', person, '--role', 'jounin', '--clearance', 'secret', '--password-stdin', ...flags], { input: 'puppets and sand 42' });
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/taken/);
    const totp = runBundledSandstone(['user', 'add', 'kank2', '--person', person, '--role', 'jounin', '--clearance', 'public', '--totp', '--password-stdin', ...flags], { input: 'puppets and sand 43' });
    expect(totp.out).toMatch(/otpauth:\/\/totp\//);
    expect(runBundledSandstone(['user', 'disable', 'kank', ...flags]).code).toBe(0);
    expect(runBundledSandstone(['user', 'disable', 'nobody', ...flags]).code).toBe(1);
  });

  it('audit verify passes on an untouched log, and checkpoint prints its head', () => {
    const cp = runBundledSandstone(['audit', 'checkpoint', ...flags]);
    expect(cp.out.trim()).toMatch(/^\d+:[0-9a-f]{64}$/);
    const v = runBundledSandstone(['audit', 'verify', '--checkpoint', cp.out.trim(), ...flags]);
    expect(v.code, v.err).toBe(0);
    expect(v.out).toMatch(/audit log intact/);
    const bad = runBundledSandstone(['audit', 'verify', '--checkpoint', '999999:' + 'a'.repeat(64), ...flags]);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/TAMPERED at record \d+ \(truncated\)/);
  });

  it.skipIf(!realDataFile('local_councillor_popolo.json'))('imports the real Tasmanian file and reports its warnings', () => {
    const r = runBundledSandstone(['import', 'popolo', realDataFile('local_councillor_popolo.json')!, ...flags]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/persons\s+263/);
    expect(r.out).toMatch(/warning: different organizations share a name/);
  });
});

describe('sandstone with a bad database', () => {
  it('commands that only read refuse a database path that does not exist, naming it, and create nothing', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandstone-cli-missing-'));
    try {
      const missing = path.join(dir, 'mistyped', 'sandstone.db');
      for (const cmd of [['people'], ['export', 'popolo'], ['audit', 'verify'], ['audit', 'checkpoint'], ['jobs', 'list']]) {
        const r = runBundledSandstone([...cmd, '--db', missing]);
        expect(r.code, cmd.join(' ')).toBe(1);
        expect(r.err, cmd.join(' ')).toContain(`There is no database at ${missing}`);
        expect(r.out, cmd.join(' ')).not.toMatch(/intact/);
      }
      const viaEnv = runBundledSandstone(['audit', 'verify'], { env: { SANDSTONE_DB: missing, DATABASE_URL: '' } });
      expect(viaEnv.code).toBe(1);
      expect(fs.readdirSync(dir)).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says what is wrong with an unreachable PostgreSQL and exits non-zero', () => {
    const r = runBundledSandstone(['migrate', '--database-url', 'postgres://nobody@127.0.0.1:1/none']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/error:/);
  });
  it('refuses a malformed URL', () => {
    const r = runBundledSandstone(['migrate', '--database-url', 'not a url']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/DATABASE_URL \/ --database-url must be a URL/);
  });
});
