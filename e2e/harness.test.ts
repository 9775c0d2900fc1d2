// The journeys' harness itself: a start that fails part-way must not leave a server running (a
// leaked `sandstone serve` keeps loading the two-core machine for every suite after it).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { describe, it, expect, beforeAll, afterAll, afterEach } from 'vitest';
import { openApp } from '../src/app.ts';
import { createPerson } from '../src/modules/registry/index.ts';
import { removeBundledCli } from '../src/kernel/testing/child-server.ts';
import { TEMPLATE_FILE, accountsFile } from './demo-template.ts';
import { startTargets } from './harness.ts';

/** The `serve` processes this test process started and that still run. */
function ownServers(): string[] {
  try {
    return execFileSync('pgrep', ['-a', '-P', String(process.pid)], { encoding: 'utf8' }).split('\n').filter((l) => / serve /.test(l));
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}

describe('startTargets on a demo template', () => {
  const saved = { ...process.env };
  let template: string;

  beforeAll(async () => {
    // A template with one person is enough: the server then loads no demo world (--load-demo-if-empty).
    template = fs.mkdtempSync(path.join(os.tmpdir(), 'sandstone-e2e-template-'));
    const app = await openApp({ dbPath: path.join(template, TEMPLATE_FILE) });
    await createPerson(app.ctx, { givenName: 'Aiko', rank: 'chuunin' });
    await app.close();
    fs.writeFileSync(path.join(template, accountsFile('sqlite')), '');
  });
  afterEach(() => {
    process.env = { ...saved };
  });
  afterAll(() => {
    fs.rmSync(template, { recursive: true, force: true });
    removeBundledCli();
  });

  function useTemplate(pgUrl: string) {
    process.env.SANDSTONE_E2E_DEMO = template;
    process.env.SANDSTONE_TEST_PG_URL = pgUrl;
    // Someone else's folder: the server serves the API only instead of building the web app first.
    process.env.SANDSTONE_WEB_DIST = path.join(template, 'no-web');
  }

  it('without the PostgreSQL accounts, says how to rebuild the template and leaves no server running', async () => {
    useTemplate('postgres://postgres@127.0.0.1:1/postgres');
    await expect(startTargets()).rejects.toThrow(`has no postgres-accounts.txt: rebuild it with \`node --import tsx e2e/demo-template.ts ${template}\``);
    expect(ownServers()).toEqual([]);
  });

  it('stops the SQLite server it started when the PostgreSQL side then fails', async () => {
    fs.writeFileSync(path.join(template, accountsFile('postgres')), '');
    try {
      // Nothing listens on port 1: the cluster is unreachable after the SQLite server is up.
      useTemplate('postgres://postgres@127.0.0.1:1/postgres');
      await expect(startTargets()).rejects.toThrow(/ECONNREFUSED/);
      expect(ownServers()).toEqual([]);
    } finally {
      fs.rmSync(path.join(template, accountsFile('postgres')));
    }
  });
});
