// Journeys through the statute book, clicked in Chromium as a reader would: look a statute up from
// the header, read it as of an older date, walk its versions, see a redline, browse the titles,
// search the law, read a citation's popover — and a secret statute that does not exist for the
// uncleared. Facts come from the demo statute book (src/world/statute-book.ts).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { journeyFile, logIn, type Target } from './harness.ts';

const { targets, browser } = await journeyFile();

async function open(t: Target, path: string, width = 1280): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  page.setDefaultTimeout(10_000);
  await page.goto(t.server.base + path);
  return page;
}

const statuteText = (page: Page) => page.locator('.statute-text');

for (const t of targets) {
  describe(`statute book pages on ${t.name}`, () => {
    it('the header lookup takes "§ 14-203(2)" to the statute, at subsection (2); "/" reaches it from any page', async () => {
      const page = await open(t, '/organizations');
      await page.getByRole('heading', { name: 'Organizations' }).waitFor();
      await page.keyboard.press('/');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'statute-lookup');
      await page.keyboard.type('§ 14-203(2)');
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 1, name: /14-203.*Extradition of deserters/ }).waitFor();
      assert.match(page.url(), /\/statutes\/14-203#sec_14-203__subsec_2$/);
      await page.locator('#sec_14-203__subsec_2.is-target').waitFor();
      // Other words go to the law search.
      await page.getByLabel('Look up a statute by number, or search the law').fill('water ration');
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 1, name: 'Search the law' }).waitFor();
      assert.match(page.url(), /\/search\?q=water(\+|%20)ration$/);
      // "Title 14" opens the title index at that title.
      await page.getByLabel('Look up a statute by number, or search the law').fill('Title 14');
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 2, name: /^Title 14\b/ }).waitFor();
      assert.match(page.url(), /\/statutes#title_14$/);
      // A date that is not one in the address: the statute as it reads today, not an error.
      await page.goto(`${t.server.base}/statutes/14-203?at=2026-02-30`);
      await page.getByRole('heading', { level: 1, name: /14-203.*Extradition of deserters/ }).waitFor();
      assert.equal(await page.getByText('Something went wrong').count(), 0);
      await page.close();
    });

    it('an as-of date shows the older text: § 14-203 had no subsection (4) before 10 Jan 2025', async () => {
      const page = await open(t, '/statutes/14-203');
      await statuteText(page).locator('#sec_14-203__subsec_4').waitFor();
      await page.getByText(/Version 3\b/).first().waitFor();
      await page.getByLabel('Read as of').fill('2005-01-01');
      await page.getByText(/Version 1\b.*of 3/).waitFor();
      assert.match(page.url(), /at=2005-01-01/);
      assert.equal(await statuteText(page).locator('#sec_14-203__subsec_4').count(), 0);
      await statuteText(page).getByText('A shinobi of the village who deserts is sought under').waitFor();
      await page.close();
    });

    it('the version timeline: a bar per version, clicking one reads that version; the list says the same', async () => {
      const page = await open(t, '/statutes/14-203');
      const timeline = page.locator('.version-timeline');
      await timeline.waitFor();
      assert.equal(await timeline.locator('.vt-version').count(), 3);
      assert.equal(await timeline.locator('.vt-shown').count(), 1);
      await timeline.locator('.vt-version').nth(1).click();
      await page.getByText(/Version 2\b.*of 3/).waitFor();
      assert.match(page.url(), /at=2014-05-01/);
      // The keyboard's way: the versions table.
      await page.getByRole('link', { name: 'Read version 1' }).click();
      await page.getByText(/Version 1\b.*of 3/).waitFor();
      // A repealed statute's timeline marks the repeal.
      await page.goto(t.server.base + '/statutes/14-104?at=2010-01-01');
      await page.locator('.vt-repeal').waitFor();
      await page.getByText(/repealed on 1 May 2014/).first().waitFor();
      await page.close();
    });

    it('a redline between two versions shows an insertion and a deletion, and lists the subdivisions changed and added', async () => {
      const page = await open(t, '/statutes/14-203');
      await page.getByRole('heading', { name: 'Compare two versions' }).waitFor();
      await page.getByLabel('Older').selectOption({ label: 'Version 2, from 1 May 2014' });
      await page.getByLabel('Newer').selectOption({ label: 'Version 3, from 10 Jan 2025' });
      await page.getByRole('button', { name: 'Show the changes' }).click();
      await page.getByRole('heading', { level: 1, name: /Changes to § 14-203/ }).waitFor();
      assert.match(page.url(), /\/statutes\/14-203\/diff\?from=2014-05-01&to=2025-01-10$/);
      const changes = page.locator('.change-list');
      await changes.locator('.change-changed').filter({ hasText: '§ 14-203(3)' }).waitFor();
      await changes.locator('.change-added').filter({ hasText: '§ 14-203(4)' }).waitFor();
      // Word level: "A shinobi of the village who deserts" became "A deserter of another village who has committed".
      const three = changes.locator('.change-changed').filter({ hasText: '§ 14-203(3)' });
      assert.ok(await three.locator('del').filter({ hasText: 'shinobi' }).count() > 0, 'a deletion');
      assert.ok(await three.locator('ins').filter({ hasText: 'deserter' }).count() > 0, 'an insertion');
      // Colour is not the only cue: the marks say what they are.
      assert.match((await three.locator('ins').first().textContent())!, /^\[inserted: .*\]$/);
      assert.match((await three.locator('del').first().textContent())!, /^\[deleted: .*\]$/);
      // A date when the statute was not yet in force says which end is wrong.
      await page.getByLabel('Date', { exact: true }).first().fill('1999-01-01');
      await page.getByRole('alert').getByText('No text on the “from” date').waitFor();
      await page.close();
    });

    it('the title index lists the titles with their sections and status, filters, and reads the code as of a date', async () => {
      const page = await open(t, '/statutes');
      await page.getByRole('heading', { level: 2, name: /Title 14 .*Extradition/ }).waitFor();
      const repealed = page.locator('.statute-row').filter({ hasText: '14-104' });
      await repealed.getByText('repealed', { exact: true }).waitFor();
      await page.getByLabel('Filter by number or heading').fill('deserters');
      await page.getByRole('link', { name: /14-203 Extradition of deserters/ }).waitFor();
      assert.equal(await page.locator('.statute-row').filter({ hasText: '14-104' }).count(), 0);
      await page.getByLabel('Filter by number or heading').fill('');
      // In 2010, § 14-104 was still in force.
      await page.getByLabel('As of date').fill('2010-01-01');
      await page.locator('.statute-row').filter({ hasText: '14-104' }).getByText('in force', { exact: true }).waitFor();
      await page.getByRole('link', { name: /14-203 Extradition of deserters/ }).click();
      await page.getByText(/Version 1\b.*of 3/).waitFor();
      await page.close();
    });

    it('search finds statutes with their matched words marked, narrows by title, and a citation jumps to the statute', async () => {
      const page = await open(t, '/search');
      await page.getByLabel('Words or a statute number').fill('deserter');
      await page.getByRole('button', { name: 'Search', exact: true }).click();
      const results = page.locator('.result');
      await results.first().waitFor();
      assert.ok(await results.locator('mark').count() > 0, 'matched words are marked');
      assert.match((await results.locator('mark').first().textContent())!.toLowerCase(), /desert/);
      await page.getByRole('link', { name: /14-203/ }).first().waitFor();
      await page.getByLabel('Title').selectOption('14');
      await page.waitForURL(/title=14/);
      // The earlier answer (with hits outside Title 14: the minutes) stays on screen until the narrowed
      // one arrives: wait for every hit outside Title 14 to go (times out, failing the journey, if the
      // narrowing lets another title or the minutes through), then for the narrowed list itself.
      const meta = page.locator('.result-meta');
      await meta.filter({ hasNotText: 'Title 14' }).first().waitFor({ state: 'detached' });
      await meta.first().waitFor();
      const metas = await meta.allTextContents();
      assert.ok(metas.length > 0 && metas.every((m) => m.includes('Title 14')), `only Title 14: ${metas.join(' | ')}`);
      await page.getByLabel('Words or a statute number').fill('14-203(2)');
      await page.getByRole('button', { name: 'Search', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: /14-203/ }).waitFor();
      assert.match(page.url(), /\/statutes\/14-203#sec_14-203__subsec_2$/);
      await page.locator('#sec_14-203__subsec_2.is-target').waitFor();
      await page.close();
    });

    it('hovering or focusing a citation shows the cited subdivision as in force on the page\'s date; Escape closes it', async () => {
      const page = await open(t, '/statutes/14-203');
      const link = statuteText(page).getByRole('link', { name: 'section 14-205(2)' });
      await link.hover();
      const tip = page.getByRole('tooltip').filter({ hasText: '§ 14-205(2)' });
      await tip.waitFor();
      await tip.getByText('Assurances and treatment of surrendered persons').waitFor();
      await tip.getByText(/does not surrender a person to face death/).waitFor();
      await tip.getByText(/^In force on /).waitFor();
      // The link names its popover as its description.
      assert.equal(await link.getAttribute('aria-describedby'), await tip.getAttribute('id'));
      await page.mouse.move(0, 0);
      await tip.waitFor({ state: 'hidden' });
      await link.focus();
      await tip.waitFor();
      await page.keyboard.press('Escape');
      await tip.waitFor({ state: 'hidden' });
      // Followed, it lands on the subsection.
      await link.click();
      await page.getByRole('heading', { level: 1, name: /14-205/ }).waitFor();
      await page.locator('#sec_14-205__subsec_2.is-target').waitFor();
      await page.close();
    });

    it('a secret statute does not exist for an anonymous reader — "no such statute", not in the index — and is there for a cleared clerk', async () => {
      const page = await open(t, '/statutes/5-201');
      await page.getByRole('heading', { level: 1, name: 'No such statute: 5-201' }).waitFor();
      await page.goto(t.server.base + '/statutes/99-999');
      await page.getByRole('heading', { level: 1, name: 'No such statute: 99-999' }).waitFor();
      const unknown = (await page.locator('.notice').textContent())!;
      await page.goto(t.server.base + '/statutes/5-201');
      await page.getByRole('heading', { level: 1, name: 'No such statute: 5-201' }).waitFor();
      assert.equal((await page.locator('.notice').textContent())!.replace('5-201', 'X'), unknown.replace('99-999', 'X'), 'a hidden statute reads exactly as an unknown one');
      await page.goto(t.server.base + '/statutes');
      await page.getByRole('heading', { level: 2, name: /Title 5\b/ }).waitFor();
      assert.equal(await page.locator('.statute-row').filter({ hasText: '5-201' }).count(), 0);
      await logIn(page, t, 'aiko');
      await page.goto(t.server.base + '/statutes/5-201');
      await page.getByRole('heading', { level: 1, name: /5-201.*Charter of the ANBU/ }).waitFor();
      await page.locator('.statute-sub .tag-secret').waitFor();
      await page.close();
    });

    it('a repealed statute says when, and leads to its last text', async () => {
      const page = await open(t, '/statutes/14-104');
      await page.getByRole('heading', { level: 1, name: /14-104.*was repealed on 1 May 2014/ }).waitFor();
      await page.getByRole('link', { name: /Read the last text/ }).click();
      await page.getByText(/until its repeal on 1 May 2014/).waitFor();
      assert.match(page.url(), /at=2014-04-30/);
      await page.close();
    });
  });
}
