// Journeys through a council sitting, clicked in Chromium on both databases: the clerk schedules
// a session through the form and runs it; two councillors (the demo's Masa and Kazuyo, seats 4
// and 2 since 2022) take part from their own browsers; a genin watches from a third. The viewer's
// page follows without a reload: the floor given (the clock shown), the vote opened, each answer
// in the tally, the result. axe on the page in each state. Facts from src/world (canon.ts: seats).
// With SESSION_SHOTS=<dir>, the pages are also saved as PNGs there at each state, to look at.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { journeyFile, journey, logInAs, apiSession, checkAxe, shot, type Target } from './harness.ts';

const { targets, browser } = await journeyFile();

async function call(t: Target, headers: Record<string, string>, method: string, path: string, body?: object): Promise<any> {
  const r = await fetch(`${t.server.base}/api/legislature${path}`, { method, headers, body: body ? JSON.stringify(body) : undefined });
  assert.ok(r.ok, `${method} ${path}: ${r.status} ${await r.clone().text()}`);
  return r.json();
}

/** The village's date (UTC+03:00) today: a councillor is a member on the session's date. */
const villageToday = () => new Date(Date.now() + 3 * 3_600_000).toISOString().slice(0, 10);

/** The count beside a bar of the tally chart. */
const bar = (page: Page, label: string) => page.locator('.tally-row').filter({ has: page.locator('.tally-label', { hasText: new RegExp(`^${label}$`) }) }).locator('.tally-n');

for (const t of targets) {
  describe(`council session pages on ${t.name}`, () => {
    it('the clerk runs a sitting: a councillor asks to speak and is given the floor, councillors vote from their own pages, a viewer follows without a reload', async () => {
      const clerk = await logInAs(browser, t, 'aiko', { width: 1440 });
      const masa = await logInAs(browser, t, 'masa', { width: 1440 });
      const kazuyo = await logInAs(browser, t, 'kazuyo', { width: 1440 });
      const viewer = await logInAs(browser, t, 'naruto', { width: 1100 });
      const c = clerk.page;
      await journey(c, async () => {
        // Scheduled through the form; its problems first.
        await c.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Council' }).click();
        await c.getByRole('heading', { level: 1, name: 'Council sessions' }).waitFor();
        await c.getByRole('button', { name: 'Schedule a session' }).click();
        await c.getByLabel('Starts at (village time)').fill('9am');
        await c.getByRole('button', { name: 'Schedule the session' }).click();
        const problem = c.getByRole('alert').filter({ hasText: 'There is a problem' });
        await problem.waitFor();
        assert.equal(await problem.getByRole('link', { name: /Starts at/ }).getAttribute('href'), '#session-starts');
        await checkAxe(c, 'the schedule form with its problems');
        await c.getByLabel('Title', { exact: true }).fill('Extraordinary sitting (e2e)');
        await c.getByLabel('Starts at (village time)').fill('09:00');
        await c.getByLabel('Place').fill('Council chamber, round table');
        await c.getByLabel('Chair').fill('Saburo');
        await c.getByRole('button', { name: /Councillor Saburo/ }).click();
        await c.getByRole('button', { name: 'Schedule the session' }).click();
        await c.getByRole('heading', { level: 1, name: /Extraordinary sitting \(e2e\)/ }).waitFor();
        const url = c.url();
        assert.match(url, /\/legislature\/sessions\/CS-\d{4}-\d{3}$/);
        // Twelve seats, none marked: section 2-104(1) wants 7.
        await c.locator('.quorum').filter({ hasText: '7 needed, 0 present — no quorum' }).waitFor();
        assert.equal(await c.locator('.attendance-table tbody tr').count(), 12);
        await c.getByRole('button', { name: 'Add an agenda item' }).click();
        await c.getByLabel('Kind').selectOption('motion');
        await c.getByLabel('Title', { exact: true }).fill('Expulsion of foreign-born shinobi');
        await c.getByRole('button', { name: 'Add the item' }).click();
        await c.locator('.agenda-list li').filter({ hasText: 'Expulsion of foreign-born shinobi' }).waitFor();
        // A second item, put first.
        await c.getByRole('button', { name: 'Add an agenda item' }).click();
        await c.getByLabel('Title', { exact: true }).fill('Advisory committee: intelligence cooperation');
        await c.getByRole('button', { name: 'Add the item' }).click();
        await c.getByRole('button', { name: 'Move “Advisory committee: intelligence cooperation” up' }).click();
        await c.locator('.agenda-list li').first().filter({ hasText: 'Advisory committee' }).waitFor();
        assert.match(await c.locator('.agenda-list li').nth(1).innerText(), /2\.\s+Motion: Expulsion of foreign-born shinobi/);
        await checkAxe(c, 'the scheduled session (clerk)');
        await shot(c, '1-scheduled-clerk');

        for (const p of [masa.page, kazuyo.page, viewer.page]) {
          await p.goto(url);
          await p.locator('.quorum').waitFor();
          await p.getByText('Live', { exact: true }).waitFor();
        }
        await checkAxe(viewer.page, 'the scheduled session (viewer)');
        // Marks the viewer's document: still there at the end means it was never reloaded.
        await viewer.page.evaluate(() => { (window as any).sameDocument = true; });
        await shot(masa.page, '1-scheduled-councillor');

        // The sitting opens; the viewer's page follows and says so.
        await c.getByRole('button', { name: 'Open the sitting' }).click();
        await c.locator('.badge-session-sitting').waitFor();
        await viewer.page.locator('.badge-session-sitting').waitFor();
        await viewer.page.locator('.session-heard').filter({ hasText: 'The sitting is open.' }).waitFor();

        // Two councillors mark themselves present; the clerk marks five more (quorum met at seven).
        await masa.page.getByRole('button', { name: 'I am here' }).click();
        await masa.page.getByText('You are marked present.').waitFor();
        await kazuyo.page.getByRole('button', { name: 'I am here' }).click();
        await kazuyo.page.getByText('You are marked present.').waitFor();
        await c.locator('.quorum').filter({ hasText: '2 present' }).waitFor();
        for (let n = 3; n <= 7; n++) {
          const unmarked = c.locator('select.attendance-unknown').first();
          await unmarked.selectOption('present');
          await c.locator('.quorum').filter({ hasText: `${n} present` }).waitFor();
        }
        await viewer.page.locator('.quorum.quorum-met').filter({ hasText: '7 needed, 7 present — quorum met' }).waitFor();

        // The speaker queue: Masa asks to speak, then Kazuyo raises a point of order, which goes first.
        await masa.page.getByRole('button', { name: 'Ask to speak' }).click();
        await masa.page.getByRole('button', { name: 'Withdraw my request' }).waitFor();
        await kazuyo.page.getByRole('button', { name: 'Point of order' }).click();
        const waiting = viewer.page.locator('.queue-list li');
        await waiting.nth(1).waitFor();
        assert.match(await waiting.nth(0).innerText(), /Point of order\s+Councillor Kazuyo/);
        assert.match(await waiting.nth(1).innerText(), /Councillor Masa/);
        // Isamu raises his hand in the hall: the clerk records it for him, every page shows him
        // waiting; then his request is withdrawn, by the clerk again.
        await c.getByLabel('Member', { exact: true }).selectOption({ label: 'Councillor Isamu (Council seat 3)' });
        await c.getByRole('button', { name: 'Add to the queue' }).click();
        await waiting.nth(2).filter({ hasText: 'Councillor Isamu' }).waitFor();
        await checkAxe(c, "the queue with the clerk's hand-raised form");
        await c.getByRole('button', { name: "Withdraw Councillor Isamu's request" }).click();
        await waiting.filter({ hasText: 'Councillor Isamu' }).waitFor({ state: 'detached' });
        assert.equal(await waiting.count(), 2);
        // The clerk gives the floor to the head of the queue: the clock shows on every page.
        await c.getByLabel('Speaking time').selectOption('120');
        await c.getByRole('button', { name: 'Give the floor to Councillor Kazuyo' }).click();
        await c.locator('.floor-clock .floor-name').filter({ hasText: 'Councillor Kazuyo' }).waitFor();
        await viewer.page.locator('.floor-clock .floor-name').filter({ hasText: 'Councillor Kazuyo' }).waitFor();
        assert.match(await viewer.page.locator('.floor-time').innerText(), /^[0-2]:[0-5]\d$/);
        await viewer.page.locator('.session-heard').filter({ hasText: 'The floor was given.' }).waitFor();
        await kazuyo.page.getByRole('button', { name: 'Yield the floor' }).waitFor();

        // Masa moves a motion citing the statute; Kazuyo seconds it. The citation is a link.
        await masa.page.getByRole('button', { name: 'Move a motion' }).click();
        await masa.page.getByLabel('The motion').fill('That foreign-born shinobi be expelled until the investigation ends, by the majority section 2-111(2)(d) requires.');
        await masa.page.getByLabel('Agenda item (optional)').selectOption({ label: '2. Expulsion of foreign-born shinobi' });
        await masa.page.getByRole('button', { name: 'Move the motion' }).click();
        await kazuyo.page.getByRole('button', { name: 'Second motion 1' }).click();
        await viewer.page.locator('#motion-1 .badge-motion-seconded').waitFor();
        await viewer.page.locator('#motion-1 a.citation-link', { hasText: '2-111(2)(d)' }).waitFor();
        // The Council is now on the motion's item: the agenda says so.
        await viewer.page.locator('.agenda-current').filter({ hasText: 'Expulsion of foreign-born shinobi' }).waitFor();

        // The clerk opens the vote: two thirds without its statute is refused beside the field.
        await c.getByLabel('Two thirds, where a statute requires it').check();
        await c.getByRole('button', { name: 'Open the vote' }).click();
        await c.locator('.open-vote .field-error').filter({ hasText: /cite the statute/ }).waitFor();
        await checkAxe(c, 'the open-vote form with its problem');
        await c.getByLabel('The statute that requires two thirds').fill('2-111(2)(d)');
        await c.getByRole('button', { name: 'Open the vote' }).click();
        await c.getByRole('button', { name: 'Close the vote' }).waitFor();
        await viewer.page.locator('.vote-card.vote-open .vote-rule').filter({ hasText: 'two thirds of all 12 councillors, section 2-111(2)(d)' }).waitFor();
        assert.equal(await bar(viewer.page, 'Yes').innerText(), '0');

        // Masa votes from her own page: her page says so, the viewer's tally moves.
        await masa.page.getByRole('button', { name: 'Yes', exact: true }).click();
        await masa.page.locator('.you-voted').filter({ hasText: 'You have voted yes' }).waitFor();
        await bar(viewer.page, 'Yes').filter({ hasText: /^1$/ }).waitFor();
        await viewer.page.locator('.ballot-yes').filter({ hasText: 'Councillor Masa' }).waitFor();
        // Kazuyo by the keyboard.
        await kazuyo.page.getByRole('button', { name: 'No', exact: true }).focus();
        await kazuyo.page.keyboard.press('Enter');
        await bar(viewer.page, 'No').filter({ hasText: /^1$/ }).waitFor();
        await viewer.page.locator('.session-heard').filter({ hasText: 'Councillor Kazuyo voted no.' }).waitFor();
        await checkAxe(viewer.page, 'the sitting with a speaker and a vote open (viewer)');
        await checkAxe(masa.page, 'the sitting with a vote open (councillor)');
        await shot(c, '2-sitting-clerk');
        await shot(masa.page, '2-sitting-councillor');
        await shot(viewer.page, '2-sitting-viewer');

        // The clerk records five answers called aloud, yes: none offered for Councillor Saburo, in the chair (section 2-105(3)).
        assert.equal(await c.getByRole('button', { name: 'Record yes for Councillor Saburo' }).count(), 0);
        await c.locator('.ballot').filter({ hasText: 'Councillor Saburo' }).filter({ hasText: 'In the chair' }).waitFor();
        for (let n = 0; n < 5; n++) {
          await c.locator('.ballot-record').first().getByRole('button', { name: /^Record yes for/ }).click();
          await bar(c, 'Yes').filter({ hasText: new RegExp(`^${n + 2}$`) }).waitFor();
        }
        await bar(viewer.page, 'Yes').filter({ hasText: /^6$/ }).waitFor();
        // Two thirds of all the Council's 12 seats (section 2-111(3)) is 8, whoever is present: 6 yes of the 8 present
        // (7 answering and the chair, who counts for the quorum) is lost; seats 9-12 are absent.
        await c.getByRole('button', { name: 'Close the vote' }).click();
        const result = viewer.page.locator('.vote-result');
        await result.filter({ hasText: 'Not carried' }).waitFor();
        await result.filter({ hasText: 'two thirds of all 12 councillors is 8' }).waitFor();
        assert.equal(await bar(viewer.page, 'Absent').innerText(), '4');
        await viewer.page.locator('.tally-chart figcaption').filter({ hasText: '8 yes needed, two thirds of all 12 councillors; 8 present' }).waitFor();
        assert.ok((await result.innerText()).length > 20, 'the result has its explanation');
        await checkAxe(viewer.page, 'the closed vote (viewer)');
        await checkAxe(c, 'the closed vote (clerk)');
        await shot(c, '3-closed-clerk');
        await shot(viewer.page, '3-closed-viewer');
        await shot(masa.page, '3-closed-councillor');

        // The clerk ends the turn and adjourns; the list shows it among past sessions.
        await c.getByRole('button', { name: 'End the turn' }).click();
        await viewer.page.getByText('Nobody has the floor.').waitFor();
        await c.getByRole('button', { name: 'Adjourn the sitting' }).click();
        await viewer.page.locator('.badge-session-adjourned').waitFor();
        assert.equal(await viewer.page.evaluate(() => (window as any).sameDocument), true, "the viewer's page was never reloaded");
        await c.goto(t.server.base + '/legislature/sessions');
        await c.getByRole('table').filter({ has: c.getByText('Past sessions, latest first') }).getByRole('link', { name: 'Extraordinary sitting (e2e)' }).waitFor();
        await checkAxe(c, 'the sessions list');
        await shot(c, '4-list');
      });
      for (const x of [clerk, masa, kazuyo, viewer]) await x.context.close();
    });

    it('a councillor in the chair runs the floor from her own page: she gives the floor and ends the turn; another councillor cannot; votes stay with the clerk', async () => {
      const clerkApi = await apiSession(t, 'aiko');
      const kazuyoApi = await apiSession(t, 'kazuyo');
      const masaApi = await apiSession(t, 'masa');
      const s = await call(t, clerkApi.headers, 'POST', '/sessions', { title: 'Sitting chaired by Kazuyo (e2e)', date: villageToday(), startsAt: '09:00', place: 'Main assembly hall', chair: kazuyoApi.personId });
      await call(t, clerkApi.headers, 'POST', `/sessions/${s.code}/status`, { status: 'sitting' });
      await call(t, kazuyoApi.headers, 'PUT', `/sessions/${s.code}/attendance/me`, { status: 'present' });
      await call(t, masaApi.headers, 'PUT', `/sessions/${s.code}/attendance/me`, { status: 'present' });
      const kazuyo = await logInAs(browser, t, 'kazuyo', { width: 1440 });
      const masa = await logInAs(browser, t, 'masa', { width: 1440 });
      const k = kazuyo.page;
      const m = masa.page;
      await journey(k, async () => {
        for (const p of [k, m]) {
          await p.goto(`${t.server.base}/legislature/sessions/${s.code}`);
          await p.getByText('Live', { exact: true }).waitFor();
        }
        await k.getByText(/Your part here: you chair the sitting\./).waitFor();
        await m.getByText(/Your part here: you are a member of the Council on this date\./).waitFor();
        await m.getByRole('button', { name: 'Ask to speak' }).click();
        // The chair, not the clerk, gives the floor; Masa has no such button.
        await k.getByRole('button', { name: 'Give the floor to Councillor Masa' }).click();
        await m.locator('.floor-clock .floor-name').filter({ hasText: 'Councillor Masa' }).waitFor();
        assert.equal(await m.getByRole('button', { name: /^Give the floor/ }).count(), 0, 'a councillor not in the chair cannot give the floor');
        await m.getByRole('button', { name: 'Yield the floor' }).waitFor();
        // The chair ends the turn from her page.
        await k.getByRole('button', { name: 'End the turn' }).click();
        await m.getByText('Nobody has the floor.').waitFor();
        // Section 2-110(3): the clerk calls the roll, so opening a vote is not on the chair's page.
        assert.equal(await k.getByRole('button', { name: 'Open the vote' }).count(), 0);
        await checkAxe(k, 'the sitting as its chair sees it');
        await shot(k, '5-chair');
      });
      for (const x of [kazuyo, masa]) await x.context.close();
    });
  });
}
