// Browser journeys' harness: a real `sandstone serve` (demo world loaded) and Debian's Chromium.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { chromium, type Browser } from 'playwright-core';
import { startChildServer, killHard, type ChildServer } from '../src/kernel/testing/child-server.ts';

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface Target { name: string; server: ChildServer; stop(): Promise<void> }

/** One server per database kind: SQLite always, PostgreSQL when the test script started one. */
export async function startTargets(): Promise<Target[]> {
  const targets: Target[] = [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandstone-e2e-'));
  const sqlite = await startChildServer({ dbPath: path.join(dir, 'e2e.db') }, ['--load-demo-if-empty']);
  targets.push({ name: 'sqlite', server: sqlite, stop: async () => { await killHard(sqlite); fs.rmSync(dir, { recursive: true, force: true }); } });
  const url = process.env.SANDSTONE_TEST_PG_URL;
  if (url) {
    const name = `e2e_${process.pid}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`drop database if exists ${name}`);
    await admin.query(`create database ${name}`);
    await admin.end();
    const u = new URL(url);
    u.pathname = '/' + name;
    const server = await startChildServer({ databaseUrl: u.toString() }, ['--load-demo-if-empty']);
    targets.push({
      name: 'postgres', server, stop: async () => {
        await killHard(server);
        const a = new pg.Client({ connectionString: url });
        await a.connect();
        await a.query(`drop database if exists ${name} with (force)`);
        await a.end();
      },
    });
  } else {
    console.log('# e2e on PostgreSQL skipped: SANDSTONE_TEST_PG_URL is not set (npm test sets it)');
  }
  return targets;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}
