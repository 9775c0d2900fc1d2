// Journeys through the desk, clicked in Chromium on both databases: the Kazekage opens his desk,
// moves through it with j/k, finds that a key typed into the grounds field does nothing and that
// Esc cancels, defers a bill with an interim reply (it stays, with the reply, and the next item is
// selected), then grants Kankuro a delegation on the delegation page and revokes it, and grants
// another in force at once: Kankuro's desk shows the bills "acting for Gaara", counts the ANBU
// bill he may not see, and his assent to a bill not certified urgent is refused beside it.
// The items are bills passed by the Council, recorded through the API in the journey itself
// (the demo world's own desk may hold more: the journey finds its bills by their codes).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startTargets, launchBrowser, journey, type Target } from './harness.ts';
import { totpCode } from '../src/kernel/auth/totp.ts';

const AXE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
/** Set to a folder to keep screenshots of the pages the journey passes through. */
const SHOTS = process.env.DESK_SCREENSHOTS;
const targets = await startTargets();
let browser: Browser;
before(async () => { browser = await launchBrowser(); });
after(async () => {
  await browser?.close();
  for (const t of targets) await t.stop();
});

async function axe(page: Page, what: string): Promise<void> {
  await page.evaluate(AXE);
  const found = await page.evaluate(`(async () => (await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })).violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id + ': ' + v.help + ' at ' + v.nodes.map((n) => n.target.join(' ')).join(', ')))()`);
  assert.deepEqual(found, [], `axe on ${what}`);
}

async function shot(page: Page, t: Target, name: string) {
  if (!SHOTS) return;
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${t.name}-${name}.png`), fullPage: true });
}

/** The village's date (UTC+03:00), `days` from today. */
const villageDay = (days = 0) => new Date(Date.now() + 3 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
/** The same, as a datetime-local field takes it. */
const villageMoment = (days: number, hhmm: string) => `${villageDay(days)}T${hhmm}`;

/** The Kazekage's account asks for a one-time code, taken once: he logs in once per target. */
async function kazekage(t: Target): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(15_000);
  await page.goto(t.server.base + '/login');
  const account = t.accounts.get('gaara')!;
  await page.getByLabel('Username').fill('gaara');
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByLabel('One-time code').fill(totpCode(account.totpSecret!, new Date()));
  await page.getByRole('button', { name: 'Confirm code' }).click();
  await page.locator('.user-menu').waitFor();
  return page;
}

/**
 * Bills the Council passed today, recorded through the API with the page's own session (as the
 * Kazekage, who may record stages): each raises an item on his desk. Returns their codes.
 */
async function passBills(page: Page, titles: string[], urgent: boolean[], label: { classification: string; compartments: string[] }[] = []): Promise<string[]> {
  const code = `(async () => {
    const me = await (await fetch('/api/auth/me')).json();
    const h = { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken };
    const people = await (await fetch('/api/registry/people?q=Masa&limit=1')).json();
    const sponsor = people.items[0].id;
    const titles = ${JSON.stringify(titles)}, urgent = ${JSON.stringify(urgent)}, labels = ${JSON.stringify(label)}, on = ${JSON.stringify(villageDay())};
    const codes = [];
    for (let i = 0; i < titles.length; i++) {
      const r = await fetch('/api/legislature/bills', { method: 'POST', headers: h, body: JSON.stringify({ title: titles[i], sponsors: [sponsor], ...(labels[i] || {}) }) });
      if (!r.ok) throw new Error('draft: ' + r.status + ' ' + await r.text());
      const bill = await r.json();
      for (const stage of ['introduced', 'first_reading', 'second_reading', 'third_reading', 'passed']) {
        const body = stage === 'passed' && urgent[i] ? { stage, on, urgent: true } : { stage, on };
        const a = await fetch('/api/legislature/bills/' + bill.code + '/actions', { method: 'POST', headers: h, body: JSON.stringify(body) });
        if (!a.ok) throw new Error(stage + ': ' + a.status + ' ' + await a.text());
      }
      codes.push(bill.code);
    }
    return codes;
  })()`;
  return (await page.evaluate(code)) as string[];
}

const selected = (page: Page) => page.locator('.desk-list li[aria-current="true"]');

/** Moves the selection with j/k (never the mouse) to the item about the bill `code`. */
async function selectWithKeys(page: Page, code: string) {
  const target = page.locator('.desk-list li').filter({ hasText: code });
  const count = await page.locator('.desk-list li').count();
  for (let i = 0; i < count && !(await target.getAttribute('aria-current')); i++) {
    const at = await page.locator('.desk-list li').evaluateAll((rows, c) => rows.findIndex((r) => r.textContent!.includes(c as string)), code);
    const now = await page.locator('.desk-list li').evaluateAll((rows) => rows.findIndex((r) => r.getAttribute('aria-current') === 'true'));
    await page.keyboard.press(at > now ? 'j' : 'k');
  }
  await target.and(selected(page)).waitFor();
  return target;
}

for (const t of targets) {
  describe(`the desk on ${t.name}`, () => {
    it('the Kazekage moves through his desk with j/k, defers a bill, grants and revokes a delegation; his acting official is refused an assent (3-106(1)(a))', async () => {
      const page = await kazekage(t);
      let codes: string[] = [];
      await journey(page, async () => {
        codes = await passBills(page, ['Well Rationing (Dry Season) Act', 'Sand Barrier Maintenance Act', 'Academy Fees (Orphans) Act', 'Masked Corps Pensions Act'], [false, false, true, true],
          [{ classification: 'public', compartments: [] }, { classification: 'public', compartments: [] }, { classification: 'public', compartments: [] }, { classification: 'secret', compartments: ['ANBU'] }]);

        // The main navigation says how many items wait.
        await page.goto(t.server.base + '/people');
        const nav = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Desk/ });
        await nav.filter({ hasText: /items? waiting/ }).waitFor();
        await nav.click();
        await page.getByRole('heading', { level: 1, name: 'Desk' }).waitFor();
        for (const c of codes) await page.locator('.desk-list li').filter({ hasText: c }).waitFor();
        // The urgent bill comes before the others due the same day, marked in words.
        const urgentRow = page.locator('.desk-list li').filter({ hasText: codes[2]! });
        await urgentRow.getByText('Urgent', { exact: true }).waitFor();
        await urgentRow.getByText(/^(due in \d+ days?|due within a day|overdue by .+)$/).waitFor();
        await page.getByRole('list', { name: 'Keys' }).getByText('defer (new date and interim reply)').waitFor();
        await axe(page, 'the desk');
        await shot(page, t, 'desk');

        // j and k move the selection, which takes the focus.
        const count = await page.locator('.desk-list li').count();
        assert.ok(count >= 3, `at least the three bills are listed (${count})`);
        const first = await selected(page).getAttribute('aria-label');
        await page.keyboard.press('j');
        await page.locator('.desk-list li').nth(1).and(selected(page)).waitFor();
        assert.equal(await page.evaluate('document.activeElement.getAttribute("aria-current")'), 'true', 'the selected row has the focus');
        await page.keyboard.press('k');
        assert.equal(await selected(page).getAttribute('aria-label'), first);
        await page.keyboard.press('ArrowDown');
        await page.locator('.desk-list li').nth(1).and(selected(page)).waitFor();

        // Select the second bill with j/k, whatever else the desk holds.
        const target = await selectWithKeys(page, codes[1]!);
        const after = await page.locator('.desk-list li').evaluateAll((rows, c) => { const i = rows.findIndex((r) => r.textContent!.includes(c as string)); return (rows[i + 1] ?? rows[i - 1])!.getAttribute('aria-label'); }, codes[1]);

        // d asks for grounds; a key typed there is text, not a decision; Esc cancels.
        await page.keyboard.press('d');
        const grounds = page.getByLabel('Grounds for denying');
        await grounds.waitFor();
        assert.equal(await page.evaluate('document.activeElement.id'), await grounds.getAttribute('id'), 'the grounds field has the focus');
        await page.keyboard.type('a');
        assert.equal(await grounds.inputValue(), 'a');
        await page.keyboard.press('Escape');
        await grounds.waitFor({ state: 'detached' });
        await target.waitFor();
        assert.equal(await page.locator('.desk-confirmation .notice').count(), 0, 'nothing was decided');

        // f defers it: a later date and an interim reply; Enter submits.
        // A date before the present suspense is refused by the server, its reason beside the item.
        await page.keyboard.press('f');
        await page.getByLabel('New date').fill(villageDay(1));
        await page.getByLabel('Interim reply').fill('The Council is asked for the costing of the barrier before I decide.');
        await page.keyboard.press('Enter');
        await target.getByRole('alert').filter({ hasText: /^Not done: .*later/ }).waitFor();
        await page.getByLabel('New date').fill(villageDay(60));
        await page.getByLabel('New date').press('Enter');
        await page.getByRole('status').filter({ hasText: `Deferred “Assent or veto: ${codes[1]} Sand Barrier Maintenance Act” to ` }).waitFor();
        // Still pending, now with its reply and its new date; the next item took the selection.
        await target.getByText('interim reply: The Council is asked for the costing').waitFor();
        await page.waitForFunction(`document.activeElement && document.activeElement.getAttribute('aria-label') === ${JSON.stringify(after)}`);
        await target.getByText(/^due in (59|60) days$/).waitFor();
        await target.getByText(`decide by the end of `).waitFor();
        await target.getByRole('alert').waitFor({ state: 'detached' });
        await shot(page, t, 'desk-after-defer');
        // Enter opens the record the selected item concerns.
        await page.keyboard.press('Enter');
        await page.waitForURL(/\/bills\/B-\d{4}-\d{3,}$/);
        await page.goBack();
        await page.getByRole('heading', { level: 1, name: 'Desk' }).waitFor();

        // g hands one item to a named official: it leaves the Kazekage's list.
        const academy = await selectWithKeys(page, codes[2]!);
        await page.keyboard.press('g');
        await page.getByLabel('Delegate this item to').fill('Rock Lee');
        await page.getByRole('button', { name: /^Rock Lee/ }).click();
        await page.getByRole('status').filter({ hasText: `Delegated “Assent or veto: ${codes[2]} Academy Fees (Orphans) Act” to Rock Lee.` }).waitFor();
        await academy.waitFor({ state: 'detached' });

        // The delegation page: grant Kankuro the bills for three days, then revoke it.
        await page.getByRole('link', { name: 'Delegations' }).first().click();
        await page.getByRole('heading', { level: 1, name: 'Delegations' }).waitFor();
        await axe(page, 'the delegation page');
        await page.getByLabel('Acting official').fill('Kankuro');
        await page.getByRole('button', { name: /^Kankuro/ }).click();
        await page.getByLabel('From (village time)').fill(villageMoment(1, '08:00'));
        await page.getByLabel('Until (village time)').fill(villageMoment(4, '08:00'));
        await page.getByLabel('Only bills to sign or veto').check();
        await page.getByRole('button', { name: 'Grant the delegation' }).click();
        await page.getByRole('status').filter({ hasText: /^Granted: Kankuro acts for you from .+ \(at most 30 days: .+\)\.$/ }).waitFor();
        const row = page.getByRole('table', { name: 'Delegations you granted' }).getByRole('row').filter({ hasText: 'Kankuro' });
        await row.getByText('not yet begun').waitFor();
        await row.getByText('bills to sign or veto').waitFor();
        await axe(page, 'the delegation page with a delegation');
        await shot(page, t, 'delegations');
        await row.getByRole('button', { name: 'Revoke' }).click();
        await row.getByRole('button', { name: 'Yes, revoke' }).click();
        await row.getByText('revoked', { exact: true }).waitFor();
        await page.getByRole('status').filter({ hasText: 'Revoked the delegation to Kankuro' }).waitFor();
        await shot(page, t, 'delegations-revoked');

        // A delegation in force from now: Kankuro acts for the Kazekage.
        const lastHour = new Date(Date.now() + 2 * 3_600_000).toISOString().slice(0, 16);
        await page.getByLabel('Acting official').fill('Kankuro');
        await page.getByRole('button', { name: /^Kankuro/ }).click();
        await page.getByLabel('From (village time)').fill(lastHour);
        await page.getByLabel('Until (village time)').fill(villageMoment(2, '08:00'));
        await page.getByRole('button', { name: 'Grant the delegation' }).click();
        await page.getByRole('table', { name: 'Delegations you granted' }).getByText('in force', { exact: true }).waitFor();
      });
      await page.close();

      // Kankuro sees the Kazekage's bills marked as his to decide acting for him; the ANBU bill
      // only counted (authority passes, clearance does not); assenting to a bill the Council did
      // not certify urgent is refused, with section 3-106(1)(a) beside it.
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const k = await context.newPage();
      k.setDefaultTimeout(15_000);
      await journey(k, async () => {
        await k.goto(t.server.base + '/login');
        await k.getByLabel('Username').fill('kankuro');
        await k.getByLabel('Password').fill(t.accounts.get('kankuro')!.password);
        await k.getByRole('button', { name: 'Log in' }).click();
        await k.locator('.user-menu').waitFor();
        await k.goto(t.server.base + '/desk');
        const well = k.locator('.desk-list li').filter({ hasText: codes[0]! });
        await well.getByText('Acting for the Kazekage (Gaara)').waitFor();
        assert.equal(await k.locator('.desk-list li').filter({ hasText: codes[3]! }).count(), 0, 'the ANBU bill is not shown to a BREACH jounin');
        await k.getByText(/^Withheld \(\d+\)$/).waitFor();
        await axe(k, 'the desk of an acting official');
        const rowsBefore = await k.locator('.desk-list li').count();
        for (let i = 0; i < rowsBefore && !(await well.getAttribute('aria-current')); i++) await k.keyboard.press('j');
        await well.and(selected(k)).waitFor();
        await k.keyboard.press('a');
        await well.getByRole('alert').filter({ hasText: '3-106(1)(a)' }).waitFor();
        assert.equal(await k.locator('.desk-list li').count(), rowsBefore, 'the refused item stays on the desk');
        await shot(k, t, 'desk-acting');
        if (SHOTS) {
          await k.setViewportSize({ width: 390, height: 844 });
          await shot(k, t, 'desk-acting-narrow');
        }
      });
      await context.close();
    });
  });
}
