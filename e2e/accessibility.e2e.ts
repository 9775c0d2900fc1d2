// Every page, checked by axe-core (WCAG 2.1 A and AA rules) in Chromium, anonymous and logged in:
// no serious or critical violation may ship.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { journeyFile } from './harness.ts';

const AXE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Violation { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }

async function violations(page: Page): Promise<Violation[]> {
  // Through the DevTools protocol: our content security policy (rightly) refuses inline scripts.
  await page.evaluate(AXE);
  const found = await page.evaluate(async () => {
    const r = await (window as any).axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.map((v: any) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n: any) => ({ target: n.target })) }));
  });
  return (found as Violation[]).filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

const { targets: [t], browser } = await journeyFile({ only: 'sqlite' });
/** The demo's orphans bill: the first bill of the year the demo was loaded in (village time). */
const DEMO_BILL = `B-${new Date(Date.now() + 3 * 3_600_000).getUTCFullYear()}-001`;

describe('accessibility (axe-core, WCAG 2.1 AA)', () => {
  const pages: [string, string, string][] = [
    ['people directory', '/people', 'h1'],
    ['person page', '/people?q=kankuro', 'h1'],
    ['organization chart', '/organizations', '[role="tree"]'],
    ['organization page', '/organizations/western-garrison', 'h1'],
    ['login', '/login', 'form'],
    ['statute title index', '/statutes', '.title-group'],
    ['statute page', '/statutes/14-203#sec_14-203__subsec_2', '.statute-text .citation-link'],
    ['statute redline', '/statutes/14-203/diff?from=2014-05-01&to=2025-01-10', '.redline'],
    ['law search', '/search?q=deserter', '.result'],
    ['no such statute', '/statutes/99-999', 'h1'],
    ['repealed statute', '/statutes/14-104', '.statute-missing .button'],
    ['bills list', '/bills', '.bills-table'],
    ['bill page', `/bills/${DEMO_BILL}`, '.stage-tracker'],
    ['drafting board', '/drafting', 'h1'],
    ['no such bill', '/bills/B-2099-999', 'h1'],
  ];
  for (const [name, path, ready] of pages) {
    it(`${name}: no serious or critical violations, anonymous`, async () => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.goto(t!.server.base + path);
      await page.locator(ready).first().waitFor();
      if (name === 'person page') {
        await page.getByRole('link', { name: 'Kankuro', exact: true }).click();
        await page.locator('.current-status').waitFor();
      }
      const v = await violations(page);
      assert.deepEqual(v.map((x) => `${x.id}: ${x.help} at ${x.nodes.map((n) => n.target.join(' ')).join(', ')}`), []);
      await page.close();
    });
  }

  it('a citation popover, opened by keyboard focus', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(t!.server.base + '/statutes/14-203');
    await page.locator('.statute-text .citation-link').first().focus();
    await page.getByRole('tooltip').first().waitFor();
    assert.deepEqual((await violations(page)).map((x) => `${x.id}: ${x.help} at ${x.nodes.map((n) => n.target.join(' ')).join(', ')}`), []);
    await page.close();
  });

  it("search and rescue: the operations list, the open form's problem, the demo operation's map with a cell explained", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(t!.server.base + '/login');
    await page.getByLabel('Username').fill('aiko');
    await page.getByLabel('Password').fill(t!.accounts.get('aiko')!.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.locator('.user-menu').waitFor();
    await page.goto(t!.server.base + '/sar');
    const op = page.getByRole('link', { name: /^SAR-/ }).first();
    await op.waitFor();
    assert.deepEqual((await violations(page)).map((x) => `list: ${x.id}: ${x.help}`), []);
    await page.getByRole('button', { name: 'Open an operation' }).click();
    await page.getByRole('button', { name: 'Open the operation' }).click();
    await page.getByRole('alert').filter({ hasText: 'There is a problem' }).waitFor();
    assert.deepEqual((await violations(page)).map((x) => `open form: ${x.id}: ${x.help}`), []);
    await op.click();
    await page.locator('.most-likely-head').waitFor();
    await page.locator('.sar-map-col .map-surface').focus();
    await page.keyboard.press('Enter');
    await page.locator('.cell-box table.ledger').waitFor();
    assert.deepEqual((await violations(page)).map((x) => `map: ${x.id}: ${x.help} at ${x.nodes.map((n) => n.target.join(' ')).join(', ')}`), []);
    await page.close();
  });

  it("a clerk's bill forms: a new bill with its errors shown, and each of the bill page's forms open", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(t!.server.base + '/login');
    await page.getByLabel('Username').fill('aiko');
    await page.getByLabel('Password').fill(t!.accounts.get('aiko')!.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.locator('.user-menu').waitFor();
    await page.goto(t!.server.base + '/bills');
    await page.getByRole('button', { name: 'Draft a bill' }).click();
    await page.getByRole('button', { name: 'Draft the bill' }).click();
    await page.getByRole('alert').filter({ hasText: 'There is a problem' }).waitFor();
    assert.deepEqual((await violations(page)).map((x) => `new bill: ${x.id}: ${x.help} at ${x.nodes.map((n) => n.target.join(' ')).join(', ')}`), []);
    // A bill of its own, still a draft (the demo's is enacted: no forms are left on it).
    await page.getByLabel('Title').fill('Accessible Forms Bill');
    await page.getByLabel('Sponsor', { exact: true }).fill('Councillor Masa');
    await page.getByRole('button', { name: /^Councillor Masa/ }).click();
    await page.getByRole('button', { name: 'Draft the bill' }).click();
    await page.getByRole('status').filter({ hasText: /^Bill B-\d{4}-(?:(?:P|R|S|TS)(?:\.[A-Z0-9_]+)*-)?\d{3,} was drafted\.$/ }).waitFor();
    // One panel is open at a time: check each.
    for (const b of ['Record the next stage', 'Add a text version', 'Edit the drafting assignment', 'Edit the amendments']) {
      await page.getByRole('button', { name: b }).click();
      await page.locator('form.panel').waitFor();
      assert.deepEqual((await violations(page)).map((x) => `${b}: ${x.id}: ${x.help} at ${x.nodes.map((n) => n.target.join(' ')).join(', ')}`), []);
    }
    await page.close();
  });

  it("a clerk's forms: a new person with its errors shown, an organization's and a person's forms open", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const account = t!.accounts.get('aiko')!;
    await page.goto(t!.server.base + '/login');
    await page.getByLabel('Username').fill('aiko');
    await page.getByLabel('Password').fill(account.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.locator('.user-menu').waitFor();
    await page.goto(t!.server.base + '/people/new');
    await page.getByRole('button', { name: 'Add person' }).click();
    await page.getByRole('alert').filter({ hasText: 'There is a problem' }).waitFor();
    assert.deepEqual((await violations(page)).map((x) => `${x.id}: ${x.help}`), []);
    await page.goto(t!.server.base + '/organizations/western-garrison');
    await page.getByRole('button', { name: 'Add a unit under it' }).click();
    await page.getByRole('button', { name: 'Add a post' }).click();
    await page.getByRole('button', { name: 'Change classification' }).click();
    assert.deepEqual((await violations(page)).map((x) => `${x.id}: ${x.help}`), []);
    await page.goto(t!.server.base + '/people?q=kankuro');
    await page.getByRole('link', { name: 'Kankuro', exact: true }).click();
    // One panel is open at a time: check each.
    for (const b of ['Record a status change', 'Add a membership', 'Edit details', 'Change classification']) {
      await page.getByRole('button', { name: b }).first().click();
      await page.locator('form.panel').waitFor();
      assert.deepEqual((await violations(page)).map((x) => `${b}: ${x.id}: ${x.help}`), []);
    }
    await page.close();
  });
});
