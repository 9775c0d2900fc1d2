// Journeys through missions and after-action reports, clicked in Chromium on both databases:
// Kankuro (jounin) finds the escort to Snow in the list and opens it — its team, Kankuro's broken
// ribs and the administrative leave they put him on, Lee's report waiting. Lee opens his overdue
// report on the prisoner transfer, saves it; a change made meanwhile elsewhere meets "someone
// changed this report meanwhile — reload"; he reloads, saves and submits. Aiko (the administration
// office) sees it in her queue with the waiting and overdue counts and the turnaround chart of the
// demo's months, takes it up, is told a return needs comments, returns it with them; Lee's open
// page shows the comments. Naruto (genin, public clearance) sees no restricted mission: not in
// the list, and its address answers "not found". Axe on each page.
// Facts from the demo world (src/world/missions.ts; accounts in src/world/demo.ts).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { monthName, monthSpan } from '../web/modules/missions/chart-model.ts';
import { journeyFile, journey, checkAxe as axe, logInAs, shot as shotAs, type Target } from './harness.ts';

const { targets, browser } = await journeyFile();
const logIn = (t: Target, username: string) => logInAs(browser, t, username);
/** With SESSION_SHOTS=<dir>, the pages the journey passes through are kept there as PNGs. */
const shot = (page: Page, t: Target, name: string) => shotAs(page, `${t.name}-missions-${name}`);

const SNOW = /Diplomatic escort of the Kazekage to Yukigakure/;
const TRANSFER = /Transfer of a Konoha-born prisoner/;
const COMMENTS = 'Say at which border post the prisoner was handed over, and to whom.';

/** An API call made from the page, as its logged-in user (their session cookie and CSRF token): no second login. */
async function fromPage(page: Page, path: string, init: { method?: string; json?: unknown; ifMatch?: string } = {}): Promise<{ status: number; body: any }> {
  return page.evaluate(`(async () => {
    const me = await (await fetch('/api/auth/me')).json();
    const headers = { 'x-csrf-token': me.csrfToken, 'content-type': 'application/json' };
    ${init.ifMatch ? `headers['if-match'] = ${JSON.stringify(init.ifMatch)};` : ''}
    const r = await fetch(${JSON.stringify(path)}, { method: ${JSON.stringify(init.method ?? 'GET')}, headers${init.json !== undefined ? `, body: ${JSON.stringify(JSON.stringify(init.json))}` : ''} });
    return { status: r.status, body: await r.json() };
  })()`);
}

for (const t of targets) {
  describe(`missions on ${t.name}`, () => {
    let snowPath = '';

    it('a jounin sees the list and the Snow mission: its team, the injuries with their leave, the reports', async () => {
      const { page: k } = await logIn(t, 'kankuro');
      await journey(k, async () => {
        await k.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Missions', exact: true }).click();
        await k.getByRole('heading', { level: 1, name: 'Missions' }).waitFor();
        const snowRow = k.getByRole('row', { name: SNOW });
        await snowRow.getByText('A', { exact: true }).waitFor();
        // The transfer's report is past due with Lee: the list marks the mission.
        await k.getByRole('row', { name: TRANSFER }).getByText('report overdue').waitFor();
        await axe(k, 'the missions list');
        await shot(k, t, 'list');
        // Filtered to those under way: none in the demo, and the page says so.
        await k.getByRole('button', { name: 'Under way' }).click();
        await k.getByText('No mission is under way just now.').waitFor();
        await k.getByRole('button', { name: 'Completed' }).click();
        await snowRow.getByRole('link').first().click();
        await k.getByRole('heading', { level: 1, name: /^M-\d{4}-R-\d{3}/ }).waitFor();
        snowPath = new URL(k.url()).pathname;
        await k.getByText(SNOW).waitFor();
        // The village by its name from the registry, not its code (yuki).
        await k.locator('dd').filter({ hasText: /^Yukigakure$/ }).waitFor();
        const team = k.getByRole('region', { name: 'Team' });
        await team.getByRole('link', { name: 'Gaara' }).waitFor();
        await team.getByText('— leader').waitFor();
        const injuries = k.getByRole('region', { name: 'Injuries' });
        const ribs = injuries.getByRole('row', { name: /Broken ribs and a small pneumothorax/ });
        await ribs.getByText('administrative leave').waitFor();
        await ribs.getByRole('link', { name: 'Kankuro' }).waitFor();
        await injuries.getByRole('row', { name: /Poisoned during the attack/ }).getByText('medical leave').waitFor();
        const reports = k.getByRole('region', { name: 'After-action reports' });
        await reports.getByRole('row', { name: /Rock Lee/ }).getByText('submitted').waitFor();
        // Kankuro went too, and has written nothing yet.
        await reports.getByRole('button', { name: 'Write my report' }).waitFor();
        // Completed: no step is left to take.
        assert.equal(await k.getByRole('region', { name: 'Next step' }).count(), 0);
        await axe(k, 'the Snow mission');
        await shot(k, t, 'snow');
      });
    });

    it('Lee edits his report (a change made elsewhere meanwhile is caught), submits it; the office returns it with comments; Lee sees them', async () => {
      const { page: lee } = await logIn(t, 'lee');
      const { page: aiko } = await logIn(t, 'aiko');
      let reportPath = '';
      await journey(lee, async () => {
        await lee.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Missions', exact: true }).click();
        await lee.getByRole('row', { name: TRANSFER }).getByRole('link').first().click();
        await lee.getByRole('link', { name: 'Open my report' }).click();
        await lee.getByRole('heading', { level: 1, name: /^After-action report on M-/ }).waitFor();
        reportPath = new URL(lee.url()).pathname;
        const box = lee.getByLabel(/^What happened on the mission/);
        await box.fill('Handed the prisoner over at the border.');
        await lee.getByRole('button', { name: 'Save the draft' }).click();
        await lee.getByText('Draft saved.').waitFor();
        await axe(lee, 'the report editor');

        // Lee, in another window, changes the draft while this page has unsaved text.
        await box.fill('Handed the prisoner over at the border post, with his papers.');
        const api = `/api${reportPath}`;
        const now = (await fromPage(lee, api)).body;
        assert.equal((await fromPage(lee, api, { method: 'PUT', ifMatch: `"${now.version}"`, json: { body: 'Written in another window.' } })).status, 200);
        await lee.getByRole('button', { name: 'Save the draft' }).click();
        await lee.getByText('Someone changed this report meanwhile — reload it.').waitFor();
        await axe(lee, 'the report editor after a conflict');
        await shot(lee, t, 'report-conflict');
        await lee.getByRole('button', { name: 'Reload the report' }).click();
        // A function, not a string: the page's CSP refuses eval, which a string predicate needs
        // once it is polled (it failed on PostgreSQL, where the reload comes a moment later).
        await lee.waitForFunction(() => (document.getElementById('report-body') as HTMLTextAreaElement | null)?.value === 'Written in another window.');
        await box.fill('Handed the prisoner over at the border post to the Land of Fire, with his papers. Might Gai escorted.');
        await lee.getByRole('button', { name: 'Save the draft' }).click();
        await lee.getByText('Draft saved.').waitFor();
        await lee.getByRole('button', { name: 'Submit to the office' }).click();
        await lee.locator('.mission-sub').getByText('submitted').waitFor();
      });

      await journey(aiko, async () => {
        await aiko.goto(t.server.base + '/missions/queue');
        await aiko.getByRole('heading', { level: 1, name: 'Review queue' }).waitFor();
        const queue = (await fromPage(aiko, '/api/missions/reports/queue')).body;
        assert.ok(queue.total >= 2, 'Lee\'s two reports wait');
        await aiko.locator('.queue-tally').getByText(`${queue.total} waiting`).waitFor();
        await aiko.locator('.queue-tally').getByText(`${queue.overdue} overdue`).waitFor();
        // Oldest first: the Snow report (submitted day 3) before the transfer's, just submitted.
        const rows = aiko.locator('.queue-table tbody tr');
        assert.deepEqual(await rows.locator('th').allInnerTexts(), queue.items.map((i: { missionCode: string }) => i.missionCode));
        // The chart is drawn with the demo's months: a median point for each month a report was accepted.
        const span = await aiko.evaluate(`(() => { const d = document.getElementById('turnaround-desc'); return d ? d.textContent : ''; })()`) as string;
        // The page asks for the last twelve months, as this does.
        const { from, to } = monthSpan(new Date().toISOString().slice(0, 10), 12);
        const turnaround = (await fromPage(aiko, `/api/missions/reports/turnaround?from=${from}&to=${to}`)).body;
        const accepted = turnaround.months.filter((m: { count: number }) => m.count > 0);
        assert.ok(accepted.length >= 5, 'the demo accepted reports over several months');
        assert.equal(await aiko.locator('.turnaround-chart .chart-median circle').count(), accepted.length);
        assert.equal(await aiko.locator('.turnaround-chart .chart-p90 rect').count(), accepted.length);
        for (const m of accepted) assert.ok(span.includes(`${monthName(m.month)}: median ${m.median} days, 90th percentile ${m.p90} days`), `the chart's description gives ${m.month}: ${span}`);
        await aiko.locator('.chart-legend').getByText('Median', { exact: true }).waitFor();
        await aiko.locator('.chart-legend').getByText('90th percentile', { exact: true }).waitFor();
        await axe(aiko, 'the review queue');
        await shot(aiko, t, 'queue');

        await aiko.locator(`a[href="${reportPath}"]`).click();
        await aiko.getByRole('button', { name: 'Begin review' }).click();
        await aiko.getByRole('button', { name: 'Return with comments' }).click();
        await aiko.getByText('Write what the author should change: a report is returned with comments.').waitFor();
        await axe(aiko, 'the review with a missing comment');
        await shot(aiko, t, 'review');
        await aiko.getByLabel('Or return it with comments').fill(COMMENTS);
        await aiko.getByRole('button', { name: 'Return with comments' }).click();
        await aiko.locator('.mission-sub').getByText('returned with comments').waitFor();
      });

      await journey(lee, async () => {
        // His open page follows the return without a reload, and shows him the comments.
        const comments = lee.getByRole('region', { name: 'Returned with comments' });
        await comments.getByText(COMMENTS).waitFor();
        await lee.getByRole('button', { name: 'Take it back to revise' }).waitFor();
        await axe(lee, 'a returned report');
        await shot(lee, t, 'returned');
      });
    });

    it('a genin without the clearance does not see the restricted Snow mission, in the list or at its address', async () => {
      assert.ok(snowPath, 'the first journey found the Snow mission');
      const { page: n } = await logIn(t, 'naruto');
      await journey(n, async () => {
        await n.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Missions', exact: true }).click();
        await n.getByRole('heading', { level: 1, name: 'Missions' }).waitFor();
        await n.locator('.missions-table, .notice').first().waitFor();
        assert.equal(await n.getByText(SNOW).count(), 0);
        assert.equal(await n.getByText(TRANSFER).count(), 0);
        await n.goto(t.server.base + snowPath);
        await n.getByRole('heading', { name: 'Not found' }).waitFor();
        assert.equal(await n.getByText(SNOW).count(), 0);
        await axe(n, 'a hidden mission');
        await shot(n, t, 'hidden');
      });
    });
  });
}
