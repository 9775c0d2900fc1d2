// The `sandstone` command as a user runs it: real processes, real files, exit codes and messages.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { DIALECTS, freshDatabase } from './kernel/testing/dialects.ts';
import { realDataFile } from './kernel/testing/real-data.ts';

const BIN = path.resolve(import.meta.dirname, '../bin/sandstone.js');
const run = (args: string[], input?: string) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', input, timeout: 60_000, env: { ...process.env, LOG_LEVEL: 'warn' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

describe('sandstone --help', () => {
  it('every command has help and exits 0', () => {
    for (const cmd of [[], ['serve'], ['demo'], ['migrate'], ['people'], ['import', 'popolo'], ['export', 'popolo']]) {
      const r = run([...cmd, '--help']);
      expect(r.code, cmd.join(' ')).toBe(0);
      expect(r.out).toMatch(/Usage: sandstone/);
    }
    expect(run(['--help']).out).toMatch(/DATABASE_URL/);
  });

  it('an unknown command fails with a message', () => {
    const r = run(['frobnicate']);
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/unknown command/);
  });
});

describe.each(DIALECTS)('sandstone CLI on %s', (dialect) => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let flags: string[];
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sandstone-cli-'));
  beforeAll(async () => {
    db = await freshDatabase(dialect);
    flags = db.databaseUrl ? ['--database-url', db.databaseUrl] : ['--db', db.dbPath!];
  });
  afterAll(async () => {
    await db?.drop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('demo loads the world; a second run changes nothing', () => {
    const a = run(['demo', ...flags]);
    expect(a.code, a.err).toBe(0);
    expect(a.out).toMatch(/records added/);
    const b = run(['demo', ...flags]);
    expect(b.out).toMatch(/nothing changed/);
  });

  it('people searches by name and filters, as a table or JSON', () => {
    const t = run(['people', 'kankuro', ...flags]);
    expect(t.code).toBe(0);
    expect(t.out).toMatch(/Kankuro\s+Jounin\s+Sunagakure\s+administrative leave/);
    const j = JSON.parse(run(['people', '--village', 'yuki', '--status', 'missing_nin', '--json', ...flags]).out);
    expect(j.total).toBe(3);
    const bad = run(['people', '--rank', 'ninja', ...flags]);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/rank/);
  });

  it('exports Popolo to a file and re-imports it without duplicating anybody', () => {
    const file = path.join(tmp, 'out.json');
    const e = run(['export', 'popolo', '--out', file, ...flags]);
    expect(e.code, e.err).toBe(0);
    const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(doc.persons.length).toBeGreaterThanOrEqual(150);
    const i = run(['import', 'popolo', file, '--quiet', ...flags]);
    expect(i.code, i.err).toBe(0);
    expect(i.out).toMatch(/persons\s+0\s+\d+\s+\d+/);
  });

  it('refuses a broken file with a non-zero exit and says which entry is wrong', () => {
    const file = path.join(tmp, 'bad.json');
    fs.writeFileSync(file, JSON.stringify({ persons: [{ id: 'x' }] }));
    const r = run(['import', 'popolo', file, ...flags]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/persons\[0\]\.name/);
    const missing = run(['import', 'popolo', path.join(tmp, 'nope.json'), ...flags]);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/Cannot read/);
  });

  it.skipIf(!realDataFile('local_councillor_popolo.json'))('imports the real Tasmanian file and reports its warnings', () => {
    const r = run(['import', 'popolo', realDataFile('local_councillor_popolo.json')!, ...flags]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/persons\s+263/);
    expect(r.out).toMatch(/warning: different organizations share a name/);
  });
});

describe('sandstone with a bad database', () => {
  it('says what is wrong with an unreachable PostgreSQL and exits non-zero', () => {
    const r = run(['migrate', '--database-url', 'postgres://nobody@127.0.0.1:1/none']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/error:/);
  });
  it('refuses a malformed URL', () => {
    const r = run(['migrate', '--database-url', 'not a url']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/databaseUrl/);
  });
});
