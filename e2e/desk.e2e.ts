// Journeys through the desk, clicked in Chromium on both databases: the Kazekage opens his desk,
// moves through it with j/k, finds that a key typed into the grounds field does nothing and that
// Esc cancels, defers a bill with an interim reply (it stays, with the reply, and the next item is
// selected), then grants Kankuro a delegation on the delegation page and revokes it, and grants
// another in force at once: Kankuro's desk shows the bills "acting for Gaara", counts the ANBU
// bill he may not see, says beside a bill not certified urgent that he may not assent to it, and
// his assent to it is refused beside it.
// The items are bills passed by the Council, recorded through the API in the journey itself
// (the demo world's own desk may hold more: the journey finds its bills by their codes).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { journeyFile, journey, checkAxe as axe, logInAs, shot as shotAs, type Target } from './harness.ts';

const { targets, browser } = await journeyFile();
/** With SESSION_SHOTS=<dir>, the pages the journey passes through are kept there as PNGs. */
const shot = (page: Page, t: Target, name: string) => shotAs(page, `${t.name}-${name}`);
/** The Kazekage's account asks for a one-time code, taken once: he logs in once per target. */
const kazekage = async (t: Target): Promise<Page> => (await logInAs(browser, t, 'gaara', { height: 900 })).page;



/** The village's date (UTC+03:00), `days` from today. */
const villageDay = (days = 0) => new Date(Date.now() + 3 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
/** The same, as a datetime-local field takes it. */
const villageMoment = (days: number, hhmm: string) => `${villageDay(days)}T${hhmm}`;


/**
 * Bills the Council passed today, through the API with the page's own session (the Kazekage may run
 * a sitting): each introduced, then read and passed at one sitting by roll-call votes of the
 * Council's members (two thirds, as section 2-114(3) asks of readings on one day; the chair does not
 * vote), the passing vote certifying it urgent where asked. Each raises an item on his desk.
 */
async function passBills(page: Page, titles: string[], urgent: boolean[], label: { classification: string; compartments: string[] }[] = []): Promise<string[]> {
  const code = `(async () => {
    const me = await (await fetch('/api/auth/me')).json();
    const h = { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken };
    const call = async (what, method, url, body) => {
      const r = await fetch(url, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) });
      if (!r.ok) throw new Error(what + ': ' + r.status + ' ' + await r.text());
      return r.json();
    };
    const person = async (q) => (await (await fetch('/api/registry/people?q=' + q + '&limit=1')).json()).items[0].id;
    const sponsor = await person('Masa');
    // A classified sitting is chaired by someone cleared for it (Kazuyo holds restricted): the Kazekage.
    const chair = await person('Kazuyo'), clearedChair = await person('Gaara');
    const titles = ${JSON.stringify(titles)}, urgent = ${JSON.stringify(urgent)}, labels = ${JSON.stringify(label)}, on = ${JSON.stringify(villageDay())};
    const stages = ['first_reading', 'second_reading', 'third_reading', 'passed'];
    const codes = [];
    for (let i = 0; i < titles.length; i++) {
      const bill = await call('draft', 'POST', '/api/legislature/bills', { title: titles[i], sponsors: [sponsor], ...(labels[i] || {}) });
      // Final passage needs the day the bill comes into force.
      await call('commencement', 'PUT', '/api/legislature/bills/' + bill.code + '/amendments', { commencement: ${JSON.stringify(villageDay(30))}, amendments: [] });
      await call('introduced', 'POST', '/api/legislature/bills/' + bill.code + '/actions', { stage: 'introduced', on });
      const labelled = labels[i] && (labels[i].classification !== 'public' || labels[i].compartments.length > 0);
      const s = await call('sitting', 'POST', '/api/legislature/sessions', { title: 'Readings of ' + bill.code, date: on, startsAt: '09:00', place: 'Council chamber', chair: labelled ? clearedChair : chair,
        agenda: stages.map((stage) => ({ kind: 'bill_reading', title: stage, bill: bill.code, stage })), ...(labels[i] || {}) });
      await call('sitting', 'POST', '/api/legislature/sessions/' + s.code + '/status', { status: 'sitting' });
      const members = s.members.filter((m) => m.member && m.member.id).map((m) => m.member.id);
      let last = s;
      for (const m of members) last = await call('attendance', 'PUT', '/api/legislature/sessions/' + s.code + '/attendance/' + m, { status: 'present' });
      for (const [k, stage] of stages.entries()) {
        const v = await call('vote', 'POST', '/api/legislature/sessions/' + s.code + '/votes', { item: last.agenda[k].id, ...(stage === 'passed' && urgent[i] ? { urgent: true } : {}) });
        for (const m of members) if (m !== chair) await call('ballot', 'POST', '/api/legislature/votes/' + v.id + '/ballots', { option: 'yes', member: m });
        await call('close', 'POST', '/api/legislature/votes/' + v.id + '/close', {});
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
        // A function (the page's CSP refuses the eval a polled string predicate needs).
        await page.waitForFunction((label) => document.activeElement?.getAttribute('aria-label') === label, after);
        await target.getByText(/^due in (59|60) days$/).waitFor();
        await target.getByText(`decide by the end of `).waitFor();
        await target.getByRole('alert').waitFor({ state: 'detached' });
        await shot(page, t, 'desk-after-defer');
        // Enter opens the record the selected item concerns.
        await page.keyboard.press('Enter');
        await page.waitForURL(/\/bills\/B-\d{4}-(?:(?:P|R|S|TS)(?:\.[A-Z0-9_]+)*-)?\d{3,}$/);
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
        // Before he tries: the desk already says why he may not assent to it (the decision's own rule).
        await well.locator('.muted.small').filter({ hasText: /^An acting Kazekage may not assent to or veto a bill.*3-106\(1\)\(a\)/ }).waitFor();
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
        if (process.env.SESSION_SHOTS) {
          await k.setViewportSize({ width: 390, height: 844 });
          await shot(k, t, 'desk-acting-narrow');
        }
      });
      await context.close();
    });
  });
}
