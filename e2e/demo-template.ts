// The demo world loaded once for all the journeys (npm test runs this before them): a SQLite file
// and, when a PostgreSQL cluster is named, a template database. Each journey file then starts its
// servers on a copy (a file copy; CREATE DATABASE … TEMPLATE) instead of loading the world again,
// which took most of a server's start. The accounts the load printed are kept beside the file.
// Usage: node --import tsx e2e/demo-template.ts DIR   (then SANDSTONE_E2E_DEMO=DIR for the journeys)
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import pg from 'pg';
import { bundledCliNow, removeBundledCli } from '../src/kernel/testing/child-server.ts';

/** The template database's name on the cluster SANDSTONE_TEST_PG_URL names. */
export const PG_TEMPLATE = 'e2e_demo_template';
export const TEMPLATE_FILE = 'demo.db';
/** What the load printed (each load makes its own passwords): the accounts to log in with. */
export const accountsFile = (dialect: 'sqlite' | 'postgres') => `${dialect}-accounts.txt`;

function demo(cli: string, flags: string[]): string {
  const r = spawnSync(process.execPath, [cli, 'demo', ...flags], { encoding: 'utf8', env: { ...process.env, LOG_LEVEL: 'warn' }, timeout: 300_000 });
  if (r.status !== 0) throw new Error(`sandstone demo ${flags.join(' ')} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

async function prepare(dir: string): Promise<void> {
  fs.mkdirSync(dir, { recursive: true });
  const cli = bundledCliNow();
  try {
    fs.writeFileSync(path.join(dir, accountsFile('sqlite')), demo(cli, ['--db', path.join(dir, TEMPLATE_FILE)]));
    const url = process.env.SANDSTONE_TEST_PG_URL;
    if (!url) return;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query(`drop database if exists ${PG_TEMPLATE}`);
      await admin.query(`create database ${PG_TEMPLATE}`);
    } finally {
      await admin.end();
    }
    const u = new URL(url);
    u.pathname = '/' + PG_TEMPLATE;
    fs.writeFileSync(path.join(dir, accountsFile('postgres')), demo(cli, ['--database-url', u.toString()]));
  } finally {
    removeBundledCli();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2];
  if (!dir) throw new Error('usage: demo-template.ts DIR');
  await prepare(dir);
}
