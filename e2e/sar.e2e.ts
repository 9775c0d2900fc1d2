// Journeys through search and rescue, clicked in Chromium: the demo operation's map (the heatmap
// drawn, where the Kazekage most likely is said in words, the scorpion hazard, the time slider
// replaying the search, a cell's ledger), and a live search opened by a clerk whose sighting and
// hazard appear on a jounin's map, open in another browser, without a reload. axe on each page.
// Facts come from the demo world (src/world/, WORLD.md days 6–7).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { journeyFile, checkAxe as axe, logInAs, type Target } from './harness.ts';

const { targets, browser } = await journeyFile();
const logIn = (t: Target, username: string) => logInAs(browser, t, username, { width: 1440 });



/** The heat layer's pixels as drawn: how many are coloured, and a checksum that changes with the picture. */
function heatPixels(page: Page): Promise<{ coloured: number; sum: number }> {
  return page.evaluate(() => {
    const c = document.querySelector<HTMLCanvasElement>('.sar-map-col canvas.map-heat')!;
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let coloured = 0;
    let sum = 0;
    for (let i = 3; i < d.length; i += 4) {
      if (d[i]! > 0) coloured++;
      sum = (sum + d[i]! * (i % 9973) + d[i - 1]! * 7 + d[i - 3]!) % 2_147_483_647;
    }
    return { coloured, sum };
  });
}

for (const t of targets) {
  describe(`search and rescue pages on ${t.name}`, () => {
    /** The search the clerk opens in the second journey; the third carries it on. */
    let liveUrl = '';
    it("the demo operation's map: the heatmap drawn, the likeliest place in words, the scorpion hazard, the time slider replaying, a cell's ledger", async () => {
      const { context, page } = await logIn(t, 'aiko');
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Search & rescue' }).click();
      await page.getByRole('heading', { level: 1, name: 'Search & rescue' }).waitFor();
      const row = page.getByRole('row').filter({ hasText: 'Gaara' });
      await row.getByRole('link', { name: /^SAR-/ }).waitFor();
      await axe(page, 'the operations list');
      await row.getByRole('link', { name: /^SAR-/ }).click();

      await page.getByRole('heading', { level: 1, name: /SAR-.*Gaara/ }).waitFor();
      const likely = page.locator('.most-likely-head');
      await likely.waitFor();
      // The demo's reports put him towards the Demon Desert and the bluff, west of the village: the words say so.
      assert.match(await likely.innerText(), /west|Demon Desert|bluff|oasis/);
      assert.doesNotMatch(await likely.innerText(), /Most likely: at the village/);
      // The heatmap is drawn: many coloured pixels on its layer.
      await page.waitForFunction(() => {
        const c = document.querySelector<HTMLCanvasElement>('.sar-map-col canvas.map-heat');
        if (!c) return false;
        const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
        for (let i = 3; i < d.length; i += 4) if (d[i]! > 0) return true;
        return false;
      });
      const now = await heatPixels(page);
      assert.ok(now.coloured > 500, `only ${now.coloured} coloured pixels`);
      // The scorpion: a warning mark on the map and a hazard in the reports.
      assert.ok(await page.locator('.map-overlay .mark-hazard').count() >= 1);
      await page.locator('.report-hazard').filter({ hasText: /scorpion/i }).first().waitFor();
      await axe(page, 'the map page');

      // Back to the first step (the prior): the address and the picture change.
      await page.locator('#map-time').focus();
      await page.keyboard.press('Home');
      await page.locator('.time-head output').filter({ hasText: /^Step 1 of/ }).waitFor();
      assert.match(page.url(), /[?&]at=/);
      await page.waitForFunction((before) => {
        const c = document.querySelector<HTMLCanvasElement>('.sar-map-col canvas.map-heat')!;
        const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
        let sum = 0;
        for (let i = 3; i < d.length; i += 4) sum = (sum + d[i]! * (i % 9973) + d[i - 1]! * 7 + d[i - 3]!) % 2_147_483_647;
        return sum !== before;
      }, now.sum);
      // Forward again by the keyboard to now.
      await page.keyboard.press('End');
      await page.locator('.time-head output').filter({ hasText: /^Now/ }).waitFor();
      assert.doesNotMatch(page.url(), /[?&]at=/);

      // A cell explained: the map's crosshair and Enter, as a keyboard user would.
      await page.locator('.sar-map-col .map-surface').focus();
      await page.keyboard.press('Enter');
      const cell = page.locator('.cell-box');
      await cell.getByRole('heading', { name: 'Why this cell' }).waitFor();
      await cell.locator('table.ledger tbody tr').first().waitFor();
      assert.match(await cell.locator('table.ledger tbody tr').first().innerText(), /prior/i);
      await axe(page, 'the map with a cell explained');
      await context.close();
    });

    it("a clerk opens a search; the sighting and the hazard she reports appear on a jounin's open map without a reload", async () => {
      const a = await logIn(t, 'aiko');
      await a.page.goto(t.server.base + '/sar');
      await a.page.getByRole('button', { name: 'Open an operation' }).click();
      // Nothing chosen: the form says what to do.
      await a.page.getByRole('button', { name: 'Open the operation' }).click();
      await a.page.getByRole('alert').filter({ hasText: 'Choose the missing person' }).waitFor();
      await axe(a.page, 'the open form with its problem');
      await a.page.getByLabel('Missing person').fill('Kankuro');
      await a.page.getByRole('button', { name: /^Kankuro\b/ }).first().click();
      // The last known point by a click on the map fills x and y; then typed exactly.
      await a.page.locator('.sar-open .map-surface').click();
      assert.notEqual(await a.page.locator('#op-x').inputValue(), '');
      // Seen three hours ago (the form takes village time, UTC+03:00: that is UTC now).
      await a.page.getByLabel('Seen at (village time)').fill(new Date().toISOString().slice(0, 16));
      await a.page.locator('#op-x').fill('-4');
      await a.page.locator('#op-y').fill('1');
      await a.page.locator('#op-y').blur();
      // Cells too small for the area: the server's refusal names the field and says what to do.
      await a.page.locator('#op-cellKm').fill('0.01');
      await a.page.getByRole('button', { name: 'Open the operation' }).click();
      const problem = a.page.getByRole('alert').filter({ hasText: 'There is a problem' });
      await problem.getByRole('link', { name: /larger cells/ }).waitFor();
      assert.equal(await problem.getByRole('link', { name: /larger cells/ }).getAttribute('href'), '#op-minX');
      await axe(a.page, 'the open form with the server’s refusal');
      await a.page.locator('#op-cellKm').fill('0.25');
      await a.page.getByRole('button', { name: 'Open the operation' }).click();
      await a.page.getByRole('heading', { level: 1, name: /SAR-.*Kankuro/ }).waitFor();
      await a.page.locator('.most-likely-head').waitFor();
      const url = a.page.url();
      liveUrl = url;

      const b = await logIn(t, 'kankuro');
      await b.page.goto(url);
      await b.page.locator('.most-likely-head').waitFor();
      await b.page.getByText('Live', { exact: true }).waitFor();
      assert.equal(await b.page.locator('.map-overlay .mark-sighting').count(), 0);

      await a.page.getByRole('button', { name: 'Sighting', exact: true }).click();
      await a.page.getByText('Placing: Click where they were seen').waitFor();
      await a.page.locator('.sar-map-col .map-surface').click();
      assert.notEqual(await a.page.locator('#sighting-x').inputValue(), '');
      await a.page.getByLabel('Note (optional)').fill('Footprints by the old well (e2e)');
      await axe(a.page, 'the sighting form');
      await a.page.getByRole('button', { name: 'Record the sighting' }).click();
      await a.page.getByRole('status').filter({ hasText: 'Sighting recorded' }).waitFor();

      // The other browser hears of it and shows it: in the reports and on the map.
      await b.page.locator('.reports').getByText('Footprints by the old well (e2e)').waitFor();
      await b.page.locator('.map-overlay .mark-sighting').first().waitFor();
      await b.page.getByRole('status').filter({ hasText: /a sighting reported/ }).waitFor();

      await a.page.getByRole('button', { name: 'Hazard', exact: true }).click();
      await a.page.locator('.sar-map-col .map-surface').click({ position: { x: 200, y: 200 } });
      await a.page.getByLabel('Note for the teams').fill('Quicksand by the well: keep to the rocks (e2e)');
      await a.page.getByRole('button', { name: 'Warn every team' }).click();
      await b.page.locator('.report-hazard').getByText('Quicksand by the well: keep to the rocks (e2e)').waitFor();
      await b.page.locator('.map-overlay .mark-hazard').first().waitFor();
      assert.match(await b.page.locator('.map-overlay .mark-hazard').first().textContent() ?? '', /Quicksand by the well/);
      await axe(b.page, "the jounin's live map");
      await a.context.close();
      await b.context.close();
    });

    it('a team is added, given a segment by two clicks, and reports a drawn track (the cell under it shows the search in its ledger) and a GPX track', async () => {
      assert.ok(liveUrl, 'the previous journey opened a search');
      const { context, page } = await logIn(t, 'aiko');
      await page.goto(liveUrl);
      await page.locator('.most-likely-head').waitFor();
      const surface = page.locator('.sar-map-col .map-surface');

      await page.getByRole('button', { name: 'Team', exact: true }).click();
      await page.getByLabel('Name', { exact: true }).fill('Sand siblings (e2e)');
      await page.getByLabel('Add a member').fill('Kankuro');
      await page.getByRole('button', { name: /^Kankuro\b/ }).first().click();
      await page.getByLabel('Ninken (optional)').fill('Pakkun');
      await axe(page, 'the team form');
      await page.getByRole('button', { name: 'Add the team' }).click();
      const team = page.locator('.teams li').filter({ hasText: 'Sand siblings (e2e)' });
      await team.waitFor();
      assert.match(await team.innerText(), /Kankuro/);

      await team.getByRole('button', { name: 'Assign a segment' }).click();
      await page.getByText('Placing: Click one corner of the segment').waitFor();
      await surface.click({ position: { x: 300, y: 200 } });
      await surface.click({ position: { x: 500, y: 380 } });
      assert.notEqual(await page.getByLabel('West edge').inputValue(), '');
      await page.getByRole('button', { name: 'Assign the segment' }).click();
      await team.getByText(/segment -?\d/).waitFor();
      await page.locator('.map-overlay .mark-segment').first().waitFor();

      // A drawn track: three clicks; the map's words and a cell's ledger take the search in.
      await page.getByRole('button', { name: 'Searched track', exact: true }).click();
      await page.getByText('Placing: Click each point of the track in order').waitFor();
      for (const [x, y] of [[380, 260], [420, 300], [460, 260]] as const) await surface.click({ position: { x, y } });
      await page.getByText('3 points; last at').waitFor();
      await axe(page, 'the track form');
      await page.getByRole('button', { name: 'Record the track' }).click();
      await page.getByRole('status').filter({ hasText: 'Searched track recorded' }).waitFor();
      await page.locator('.reports .report').filter({ hasText: /Sand siblings \(e2e\) searched/ }).first().waitFor();
      await page.locator('.map-overlay .mark-track').first().waitFor();
      // The cell under a turn of the track: its ledger has the search, a factor below 1.
      await surface.click({ position: { x: 420, y: 300 } });
      const searched = page.locator('.cell-box table.ledger tbody tr').filter({ hasText: 'Sand siblings (e2e)' });
      await searched.first().waitFor();
      assert.match(await searched.first().locator('td[data-label="Factor"]').innerText(), /^×0\.\d/);

      // A GPX file from a team's device, near the village, with its own times (after the last sighting of him).
      const ago = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString().replace(/\.\d+Z$/, 'Z');
      const gpx = `<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="e2e" xmlns="http://www.topografix.com/GPX/1/1"><trk><name>e2e</name><trkseg>
<trkpt lat="24.5090" lon="30.9600"><time>${ago(2)}</time></trkpt>
<trkpt lat="24.5120" lon="30.9500"><time>${ago(1.5)}</time></trkpt>
<trkpt lat="24.5060" lon="30.9400"><time>${ago(1)}</time></trkpt>
</trkseg></trk></gpx>`;
      await page.getByRole('button', { name: 'Searched track', exact: true }).click();
      await page.getByLabel('Upload a GPX file').check();
      await page.getByLabel('GPX file', { exact: true }).setInputFiles({ name: 'track.gpx', mimeType: 'application/gpx+xml', buffer: Buffer.from(gpx) });
      await page.getByRole('button', { name: 'Import the track' }).click();
      await page.getByRole('status').filter({ hasText: 'GPX track imported' }).waitFor();
      // The second of the team's searches joins the first in the reports.
      await page.locator('.reports .report').filter({ hasText: /Sand siblings \(e2e\) searched/ }).nth(1).waitFor();

      // The searched ground is tinted; turning the tint off changes the picture.
      const toggle = page.getByLabel('Show the searched ground');
      await toggle.waitFor();
      assert.equal(await toggle.isChecked(), true);
      const tinted = await heatPixels(page);
      await toggle.uncheck();
      await page.waitForFunction((before) => {
        const c = document.querySelector<HTMLCanvasElement>('.sar-map-col canvas.map-heat')!;
        const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
        let sum = 0;
        for (let i = 3; i < d.length; i += 4) sum = (sum + d[i]! * (i % 9973) + d[i - 1]! * 7 + d[i - 3]!) % 2_147_483_647;
        return sum !== before;
      }, tinted.sum);

      // The effort plan sends the team to a square; one click makes it the team's segment.
      await page.getByRole('button', { name: 'Plan the next hours' }).click();
      const row = page.locator('.plan-table tbody tr').filter({ hasText: 'Sand siblings (e2e)' });
      await row.waitFor();
      const square = (await row.locator('td strong').innerText()).trim();
      assert.match(square, /^[A-Z]+\d+$/);
      await page.locator('.map-overlay .mark-plan rect').first().waitFor();
      await page.getByText(/This plan finds them with a chance of/).waitFor();
      await axe(page, 'the effort plan');
      await row.getByRole('button', { name: `Send Sand siblings (e2e) to square ${square}` }).click();
      await page.getByRole('status').filter({ hasText: `Sand siblings (e2e) now searches square ${square}.` }).waitFor();
      await row.getByText('already there').waitFor();
      await context.close();
    });
  });
}
