// Browser journeys' harness: a real `sandstone serve` (demo world loaded) and Debian's Chromium.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import assert from 'node:assert/strict';
import { after } from 'node:test';
import { createRequire } from 'node:module';
import pg from 'pg';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startChildServer, killHard, bundledCliNow, type ChildServer } from '../src/kernel/testing/child-server.ts';
import { PG_TEMPLATE, TEMPLATE_FILE, accountsFile } from './demo-template.ts';
import { totpCode } from '../src/kernel/auth/totp.ts';

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface Target {
  name: string; server: ChildServer; accounts: Map<string, { password: string; totpSecret?: string }>; stop(): Promise<void>;
  /** Where the server keeps its records: a journey damages one behind its back only through tamper(). */
  database: { sqlite: string } | { postgres: string };
}

/**
 * Runs one statement on a target's database directly, around the server (`?` placeholders): for a
 * journey that shows how the pages treat a record damaged behind the system's back.
 */
export async function tamper(t: Target, statement: string, params: unknown[]): Promise<void> {
  if ('sqlite' in t.database) {
    const SQLite = createRequire(import.meta.url)('better-sqlite3');
    const db = new SQLite(t.database.sqlite);
    try { db.prepare(statement).run(...params); } finally { db.close(); }
    return;
  }
  let n = 0;
  const client = new pg.Client({ connectionString: t.database.postgres });
  await client.connect();
  try { await client.query(statement.replace(/\?/g, () => `$${++n}`), params); } finally { await client.end(); }
}

/** The demo accounts a first start prints once: username, password, and the Kazekage's one-time-code secret. */
export function demoAccounts(output: string): Map<string, { password: string; totpSecret?: string }> {
  const out = new Map<string, { password: string; totpSecret?: string }>();
  let last: string | null = null;
  for (const line of output.split('\n')) {
    const m = /^  (\S+)\s+(\S{16})\s{3}\S/.exec(line);
    if (m) {
      out.set(m[1]!, { password: m[2]! });
      last = m[1]!;
      continue;
    }
    const t = /add secret ([A-Z2-7]+) to an authenticator/.exec(line);
    if (t && last) out.get(last)!.totpSecret = t[1];
  }
  return out;
}

/**
 * The accounts a template's load printed (demo-template.ts keeps them beside the file), read before
 * any server starts: a template made without PostgreSQL, or an old one, has no file for it.
 */
function templateAccounts(template: string, dialect: 'sqlite' | 'postgres'): Map<string, { password: string; totpSecret?: string }> {
  const file = path.join(template, accountsFile(dialect));
  if (!fs.existsSync(file)) {
    throw new Error(`the demo template ${template} (SANDSTONE_E2E_DEMO) has no ${accountsFile(dialect)}: rebuild it with \`node --import tsx e2e/demo-template.ts ${template}\`` +
      (dialect === 'postgres' ? ' with SANDSTONE_TEST_PG_URL set, as the journeys have it' : ''));
  }
  return demoAccounts(fs.readFileSync(file, 'utf8'));
}

/** One server per database kind: SQLite always, PostgreSQL when the test script started one (unless only SQLite is asked for). */
export async function startTargets(opts: { only?: 'sqlite' } = {}): Promise<Target[]> {
  const url = opts.only === 'sqlite' ? undefined : process.env.SANDSTONE_TEST_PG_URL;
  // With the demo world loaded once for the run (npm test: e2e/demo-template.ts), each server starts
  // on a copy of it, with the bundled command; alone, a journey file loads the world itself.
  const template = process.env.SANDSTONE_E2E_DEMO;
  const fromTemplate = template ? { sqlite: templateAccounts(template, 'sqlite'), postgres: url ? templateAccounts(template, 'postgres') : undefined } : undefined;
  const serve = template ? { entry: bundledCliNow() } : {};
  const targets: Target[] = [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandstone-e2e-'));
  // Each target is kept as soon as its server (or database) exists, so that whatever fails after it
  // stops it again: nothing outlives a failed start.
  try {
    if (template) fs.copyFileSync(path.join(template, TEMPLATE_FILE), path.join(dir, 'e2e.db'));
    const sqlite = await startChildServer({ dbPath: path.join(dir, 'e2e.db') }, ['--load-demo-if-empty'], serve);
    targets.push({ name: 'sqlite', server: sqlite, accounts: fromTemplate?.sqlite ?? demoAccounts(sqlite.output()), database: { sqlite: path.join(dir, 'e2e.db') }, stop: async () => { await killHard(sqlite); fs.rmSync(dir, { recursive: true, force: true }); } });
    if (url) {
      const name = `e2e_${process.pid}`;
      const u = new URL(url);
      u.pathname = '/' + name;
      const dropDatabase = async () => {
        const a = new pg.Client({ connectionString: url });
        await a.connect();
        try { await a.query(`drop database if exists ${name} with (force)`); } finally { await a.end(); }
      };
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      try {
        await admin.query(`drop database if exists ${name}`);
        await admin.query(template ? `create database ${name} template ${PG_TEMPLATE}` : `create database ${name}`);
      } finally {
        await admin.end();
      }
      let server: ChildServer | undefined;
      const target: Target = {
        name: 'postgres', server: undefined!, accounts: new Map(), database: { postgres: u.toString() }, stop: async () => {
          if (server) await killHard(server);
          await dropDatabase();
        },
      };
      // Kept before its server starts: a server that does not start still leaves a database to drop.
      targets.push(target);
      server = await startChildServer({ databaseUrl: u.toString() }, ['--load-demo-if-empty'], serve);
      target.server = server;
      target.accounts = fromTemplate?.postgres ?? demoAccounts(server.output());
    } else if (opts.only !== 'sqlite') {
      console.log('# e2e on PostgreSQL skipped: SANDSTONE_TEST_PG_URL is not set (npm test sets it)');
    }
    return targets;
  } catch (e) {
    // The last started is stopped first; a failure to stop one does not keep the others running.
    for (const t of [...targets].reverse()) await t.stop().catch((err: unknown) => console.error(`# e2e: stopping ${t.name} failed: ${String(err)}`));
    if (!targets.length) fs.rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}

/**
 * A journey file's servers (startTargets) and browser, started as the file loads and stopped when
 * it ends (node:test's after on the file): what every journey file begins with.
 */
export async function journeyFile(opts: { only?: 'sqlite' } = {}): Promise<{ targets: Target[]; browser: Browser }> {
  const targets = await startTargets(opts);
  const stopTargets = async () => { for (const t of targets) await t.stop(); };
  const browser = await launchBrowser().catch(async (e) => { await stopTargets(); throw e; });
  after(async () => {
    await browser.close();
    await stopTargets();
  });
  return { targets, browser };
}

export async function launchBrowser(): Promise<Browser> {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (...args) => watchRequests(await newContext(...args));
  const newPage = browser.newPage.bind(browser);
  browser.newPage = async (...args) => {
    const page = await newPage(...args);
    watchRequests(page.context());
    return page;
  };
  return browser;
}

/** A request slower than this is named in the run's output (a CI run keeps only its output). */
const SLOW_MS = 4000;

/**
 * Names, in the run's output, every request of the context that took longer than SLOW_MS or was
 * still unanswered when its page closed: a journey that times out waiting for a page then says
 * whether the browser was waiting on the server (and for what) or on itself.
 */
function watchRequests(context: BrowserContext): BrowserContext {
  const started = new Map<object, number>();
  const say = (what: string, method: string, url: string, ms: number) =>
    console.log(`# ${what}: ${method} ${url.replace(/^https?:\/\/[^/]+/, '')} (${(ms / 1000).toFixed(1)} s) on ${new URL(url).port}`);
  context.on('request', (r) => { started.set(r, Date.now()); });
  const done = (r: import('playwright-core').Request) => {
    const at = started.get(r);
    started.delete(r);
    if (at !== undefined && Date.now() - at > SLOW_MS && !r.url().endsWith('/api/events')) say('slow request', r.method(), r.url(), Date.now() - at);
  };
  context.on('requestfinished', done);
  context.on('requestfailed', done);
  const onPage = (page: Page) => page.on('close', () => {
    for (const [r, at] of started) {
      const req = r as import('playwright-core').Request;
      let of: Page | null = null;
      try { of = req.frame().page(); } catch { /* a worker's request */ }
      if (of === page && Date.now() - at > SLOW_MS && !req.url().endsWith('/api/events')) say('unanswered when the page closed', req.method(), req.url(), Date.now() - at);
    }
  });
  context.pages().forEach(onPage);
  context.on('page', onPage);
  return context;
}

/**
 * Runs a journey's steps; when one fails, its error also says what the page showed (address,
 * visible text, the browser's errors), since a CI run keeps only the failure's text.
 */
export async function journey(page: Page, steps: () => Promise<void>): Promise<void> {
  const browserErrors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') browserErrors.push(m.text()); });
  page.on('pageerror', (e) => browserErrors.push(String(e)));
  try {
    await steps();
  } catch (e) {
    const text = await page.locator('body').innerText({ timeout: 2000 }).catch(() => '(could not be read)');
    if (e instanceof Error) e.message += `\n--- the page at ${page.url()} showed:\n${text.slice(0, 3000)}\n--- browser errors: ${browserErrors.slice(-10).join('\n') || 'none'}`;
    throw e;
  }
}

const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core on the page as it stands: no serious or critical WCAG 2.1 A/AA violation. */
export async function checkAxe(page: Page, what: string): Promise<void> {
  await page.evaluate(AXE_SOURCE);
  // As a string: under tsx a function passed to evaluate carries a helper the browser lacks.
  const found = await page.evaluate(`(async () => (await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })).violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id + ': ' + v.help + ' at ' + v.nodes.map((n) => n.target.join(' ')).join(', ')))()`);
  assert.deepEqual(found, [], `axe on ${what}`);
}

/**
 * A demo account logged in through the login page, in its own browser context (its own session and
 * live stream). The Kazekage's account asks for a one-time code next (see logIn for logging him in again).
 */
export async function logInAs(browser: Browser, t: Target, username: string, opts: { width?: number; height?: number } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: opts.width ?? 1280, height: opts.height ?? 1000 } });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await logIn(page, t, username);
  return { context, page };
}

/** The last 30-second step whose one-time code logged an account in, by server and account. */
const totpStepsUsed = new Map<string, number>();

/** A demo account logged in through the login page, on a page the journey already has. */
export async function logIn(page: Page, t: Target, username: string): Promise<void> {
  const account = t.accounts.get(username);
  assert.ok(account, `the first start printed no password for ${username}`);
  await page.goto(t.server.base + '/login');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  if (account.totpSecret) {
    // A code is taken once: a second login of the account within the same 30 s would replay it and be
    // refused. The server takes a code one step ahead (clock drift), so the next login uses the next step's.
    const key = `${t.server.base} ${username}`;
    const step = Math.max(Math.floor(Date.now() / 30_000), (totpStepsUsed.get(key) ?? -1) + 1);
    totpStepsUsed.set(key, step);
    await page.getByLabel('One-time code').fill(totpCode(account.totpSecret, new Date(step * 30_000)));
    await page.getByRole('button', { name: 'Confirm code' }).click();
  }
  await page.locator('.user-menu').waitFor();
  // The page is up when its live stream is: a journey's first click then lands on a settled page.
  await page.locator('.live-live').waitFor();
}

/** Request headers of a demo account logged in over the API (a second clerk, a script), and its person id. */
export async function apiSession(t: Target, username: string): Promise<{ headers: Record<string, string>; personId: string }> {
  const account = t.accounts.get(username);
  assert.ok(account, `the first start printed no password for ${username}`);
  const login = await fetch(`${t.server.base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: account.password }) });
  assert.equal(login.status, 200, `${username} logs in over the API`);
  const headers = { cookie: login.headers.get('set-cookie')!.split(';')[0]!, 'x-csrf-token': (await login.json()).csrfToken, 'content-type': 'application/json' };
  const me = await (await fetch(`${t.server.base}/api/auth/me`, { headers })).json();
  return { headers, personId: me.user.personId };
}

/** With SESSION_SHOTS=<dir>, a full-page PNG of the page there, to look at; otherwise nothing. */
export async function shot(page: Page, name: string): Promise<void> {
  const dir = process.env.SESSION_SHOTS;
  if (!dir) return;
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}
