// Journeys through the registry pages, clicked in Chromium as a clerk would.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { journeyFile, logIn, apiSession, type Target } from './harness.ts';

const { targets, browser } = await journeyFile();

async function open(t: Target, path: string, width = 1280): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  page.setDefaultTimeout(10_000);
  await page.goto(t.server.base + path);
  return page;
}

for (const t of targets) {
  describe(`registry pages on ${t.name}`, () => {
    it('search "Kankuro", open his page, see administrative leave', async () => {
      const page = await open(t, '/');
      await page.getByLabel('Search by name').fill('Kankuro');
      await page.getByRole('link', { name: 'Kankuro', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: /Kankuro/ }).waitFor();
      await page.locator('.current-status').getByText('administrative leave').waitFor();
      // The Snow mission is restricted: an anonymous reader of his page learns only that he was injured on duty.
      await page.getByText(/injured on duty/).waitFor();
      await page.close();
    });

    it('open the org chart and find the Western garrison under the Military', async () => {
      const page = await open(t, '/');
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Organizations' }).click();
      const military = page.getByRole('treeitem').filter({ has: page.getByRole('link', { name: /^Military/ }) }).first();
      await military.waitFor();
      await military.getByRole('link', { name: /^Western garrison/ }).waitFor();
      await military.getByRole('link', { name: /^Western garrison/ }).click();
      await page.getByRole('heading', { level: 1, name: /Western garrison/ }).waitFor();
      await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Military' }).waitFor();
      await page.close();
    });

    it('moves through the org chart with the arrow keys, one Tab stop per tree', async () => {
      const page = await open(t, '/organizations');
      const tree = page.getByRole('tree').first();
      await tree.getByRole('link').first().waitFor();
      assert.equal(await tree.locator('a[tabindex="0"]').count(), 1, 'one organization link in the Tab order');
      const focused = () => page.evaluate(() => document.activeElement?.querySelector('.org-name')?.textContent ?? null);
      const military = tree.getByRole('link', { name: /^Military/ });
      await military.focus();
      await page.keyboard.press('ArrowRight');
      const child = await focused();
      assert.ok(child && child !== 'Military', `Right moves into Military's units (now on ${child})`);
      await page.keyboard.press('ArrowLeft');
      assert.equal(await focused(), 'Military');
      await page.keyboard.press('Home');
      const first = await focused();
      await page.keyboard.press('ArrowDown');
      assert.notEqual(await focused(), first);
      await page.keyboard.press('ArrowUp');
      assert.equal(await focused(), first);
      await military.focus();
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 1, name: /^Military/ }).waitFor();
      await page.close();
    });

    it('filters people by village and status, pages through them, and keeps it in the address', async () => {
      const page = await open(t, '/people');
      await page.getByLabel('Village').selectOption('yuki');
      await page.getByLabel('Status', { exact: true }).selectOption('missing_nin');
      await page.getByText('3 people', { exact: true }).waitFor();
      assert.match(page.url(), /village=yuki/);
      for (const n of ['Akito', 'Kaede', 'Yuya']) await page.getByRole('link', { name: n, exact: true }).waitFor();
      await page.goto(t.server.base + '/people');
      await page.getByRole('button', { name: 'Next →' }).click();
      await page.getByText(/Showing 26–50 of/).waitFor();
      await page.close();
    });

    it('the status tally shows who is missing-nin in Yukigakure and narrows the list with one press', async () => {
      const page = await open(t, '/people?village=yuki');
      const tally = page.getByRole('group', { name: 'Matches by status' });
      const defected = tally.getByRole('button', { name: /missing-nin \(defected\) 3/ });
      await defected.waitFor();
      await defected.click();
      await page.getByText('3 people').waitFor();
      assert.equal(await defected.getAttribute('aria-pressed'), 'true');
      assert.match(page.url(), /status=missing_nin/);
      assert.equal(await page.getByLabel('Status', { exact: true }).inputValue(), 'missing_nin');
      await defected.click();
      await page.getByText('5 people').waitFor();
      assert.doesNotMatch(page.url(), /status=/);
      await page.close();
    });

    it('anonymous visitors see no write buttons; a clerk logs in and does', async () => {
      const page = await open(t, '/people');
      // Once the session is known (the "Log in" link shows), there is no write button to see.
      await page.getByRole('link', { name: 'Log in' }).waitFor();
      await page.getByText(/\d+ people/).waitFor();
      assert.equal(await page.getByRole('link', { name: 'Add a person' }).count(), 0);
      await logIn(page, t, 'aiko');
      assert.match(await page.locator('.user-menu').innerText(), /Aiko Nishida/);
      await page.goto(t.server.base + '/people');
      await page.getByRole('link', { name: 'Add a person' }).waitFor();
      await page.getByRole('button', { name: 'Log out' }).click();
      await page.getByRole('link', { name: 'Log in' }).waitFor();
      await page.close();
    });

    it('a wrong password is refused with a clear message', async () => {
      const page = await open(t, '/login');
      await page.getByLabel('Username').fill('aiko');
      await page.getByLabel('Password').fill('not her password');
      await page.getByRole('button', { name: 'Log in' }).click();
      const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
      await summary.waitFor();
      assert.match(await summary.innerText(), /username or password is wrong/);
      await page.close();
    });

    it('adds a person: a missing rank is explained at the top, then the person is saved', async () => {
      const page = await open(t, '/');
      await logIn(page, t, 'aiko');
      await page.goto(t.server.base + '/people/new');
      await page.getByLabel('Given name').fill(`Hikari ${t.name}`);
      await page.getByRole('button', { name: 'Add person' }).click();
      const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
      await summary.waitFor();
      assert.match(await summary.innerText(), /Rank is required/);
      await page.getByLabel('Rank').selectOption('genin');
      await page.getByLabel('Allegiance').selectOption('suna');
      await page.getByRole('button', { name: 'Add person' }).click();
      await page.getByRole('heading', { level: 1, name: new RegExp(`Hikari ${t.name}`) }).waitFor();
      await page.getByText('was added').waitFor();
      // Record a status change on the new person's page.
      await page.getByRole('button', { name: 'Record a status change' }).click();
      await page.getByLabel('New status').selectOption('medical_leave');
      await page.getByLabel('Reason').fill('scorpion sting at the arroyo');
      await page.getByRole('button', { name: 'Record status' }).click();
      await page.getByText('Status recorded').waitFor();
      await page.locator('.current-status').getByText('medical leave').waitFor();
      await page.close();
    });

    it('grows the chart: a unit under the Western garrison, then a post in it', async () => {
      const page = await open(t, '/');
      await logIn(page, t, 'aiko');
      await page.goto(t.server.base + '/organizations/western-garrison');
      await page.getByRole('heading', { level: 1, name: /Western garrison/ }).waitFor();
      await page.getByRole('button', { name: 'Add a unit under it' }).click();
      await page.getByRole('button', { name: 'Add unit' }).click();
      const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
      await summary.waitFor();
      assert.match(await summary.innerText(), /Name/);
      await page.getByLabel('Name').fill(`Dune patrol ${t.name}`);
      await page.getByLabel('Kind').fill('squad');
      await page.getByRole('button', { name: 'Add unit' }).click();
      await page.getByText(`Dune patrol ${t.name} was added under Western garrison.`).waitFor();
      await page.getByRole('region', { name: 'Units under it' }).getByRole('link', { name: `Dune patrol ${t.name}` }).waitFor();
      await page.getByRole('link', { name: `Open Dune patrol ${t.name}` }).click();
      await page.getByRole('heading', { level: 1, name: new RegExp(`Dune patrol ${t.name}`) }).waitFor();
      await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Western garrison' }).waitFor();
      await page.getByRole('button', { name: 'Add a post' }).click();
      await page.getByLabel('Post', { exact: true }).fill('Patrol leader');
      await page.getByRole('button', { name: 'Add post' }).click();
      await page.getByText('The post "Patrol leader" was added').waitFor();
      await page.getByRole('cell', { name: 'Patrol leader' }).waitFor();
      await page.getByText('vacant').waitFor();
      await page.close();
    });

    it('the Kazekage logs in with a one-time code and reads the audit log', async () => {
      const page = await open(t, '/');
      await logIn(page, t, 'gaara');
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit log' }).click();
      await page.getByRole('heading', { name: 'Audit log' }).waitFor();
      await page.getByLabel('Action').fill('registry.person.create');
      await page.getByLabel('Action').press('Enter');
      await page.getByText(`user:aiko`).first().waitFor();
      await page.close();
    });

    it('a change made by someone else appears on an open page without reloading it', async () => {
      // Another clerk, working through the API (their own browser, or a script).
      const base = t.server.base;
      const { headers } = await apiSession(t, 'aiko');
      const made = await fetch(`${base}/api/registry/people`, { method: 'POST', headers, body: JSON.stringify({ givenName: `Nagare ${t.name}`, rank: 'chuunin', statusSince: '2026-01-01' }) });
      assert.equal(made.status, 201);
      const person = await made.json();

      const page = await open(t, `/people/${person.id}`);
      await page.getByRole('heading', { level: 1, name: new RegExp(`Nagare ${t.name}`) }).waitFor();
      await page.getByRole('status').filter({ hasText: 'Live' }).waitFor();
      await page.locator('.current-status').getByText('active').waitFor();
      const changed = await fetch(`${base}/api/registry/people/${person.id}/status`, { method: 'POST', headers, body: JSON.stringify({ status: 'missing', since: '2026-11-20', reason: 'did not return from the dunes' }) });
      assert.equal(changed.status, 201);
      await page.locator('.current-status').getByText('missing').waitFor();
      await page.getByText('did not return from the dunes').waitFor();
      await page.close();
    });

    it('a clerk raises a person to Secret / ANBU with a reason; then anonymous readers no longer find them', async () => {
      const base = t.server.base;
      const { headers } = await apiSession(t, 'aiko');
      const person = await (await fetch(`${base}/api/registry/people`, { method: 'POST', headers, body: JSON.stringify({ givenName: `Kage ${t.name}`, rank: 'anbu' }) })).json();
      assert.equal((await fetch(`${base}/api/registry/people/${person.id}`)).status, 200);

      const page = await open(t, '/');
      await logIn(page, t, 'aiko');
      await page.goto(`${base}/people/${person.id}`);
      await page.getByRole('button', { name: 'Change classification' }).click();
      await page.getByLabel('Classification').selectOption('secret');
      await page.getByRole('checkbox', { name: 'ANBU' }).check();
      await page.getByRole('button', { name: 'Change classification' }).last().click();
      const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
      await summary.waitFor();
      assert.match(await summary.innerText(), /Reason/);
      await page.getByLabel('Reason').fill('joins the Kazekage\'s guard');
      await page.getByRole('button', { name: 'Change classification' }).last().click();
      await page.getByText(`Kage ${t.name} is now Secret / ANBU (was Public).`).waitFor();
      await page.locator('h1 .tag').getByText('secret / ANBU').waitFor();
      assert.equal((await fetch(`${base}/api/registry/people/${person.id}`)).status, 404);
      // A clerk may not lower it again: only the Kazekage declassifies.
      await page.getByRole('button', { name: 'Change classification' }).first().click();
      assert.equal(await page.getByRole('option', { name: 'Public' }).isDisabled(), true);
      await page.close();
    });

    it('a reference to something above the reader\'s clearance is said to be not shown, never named', async () => {
      const base = t.server.base;
      const { headers } = await apiSession(t, 'aiko');
      const postIt = async (path: string, body: object) => {
        const r = await fetch(`${base}/api/registry/${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
        assert.equal(r.status, 201, await r.clone().text());
        return r.json();
      };
      // A public member holding a Secret / ANBU post; a public unit under a Secret / ANBU cell.
      const post = await postIt('posts', { label: `Masked adviser ${t.name}`, organization: 'western-garrison', classification: 'secret', compartments: ['ANBU'] });
      const person = await postIt('people', { givenName: `Adviser ${t.name}`, rank: 'chuunin' });
      await postIt('memberships', { person: person.id, organization: 'western-garrison', post: post.id });
      const cell = await postIt('organizations', { name: `Masked cell ${t.name}`, kind: 'cell', village: 'suna', classification: 'secret', compartments: ['ANBU'] });
      await postIt('organizations', { name: `Guard liaison desk ${t.name}`, kind: 'desk', village: 'suna', parent: cell.id });

      const page = await open(t, `/people/${person.id}`);
      await page.getByText('A post not shown at your clearance').waitFor();
      assert.equal(await page.getByText(`Masked adviser ${t.name}`).count(), 0);
      await page.goto(`${base}/organizations`);
      const desk = page.locator('a.org-node', { hasText: `Guard liaison desk ${t.name}` });
      await desk.waitFor();
      assert.match(await desk.innerText(), /under a unit not shown at your clearance/);
      assert.equal(await page.getByText(`Masked cell ${t.name}`).count(), 0);
      // Aiko, cleared for it, sees the post by its name.
      await logIn(page, t, 'aiko');
      await page.goto(`${base}/people/${person.id}`);
      await page.getByText(`Masked adviser ${t.name}`).first().waitFor();
      await page.close();
    });

    it('"/" jumps to the people search box on the people page (the header\'s statute lookup elsewhere), and the page works at phone width', async () => {
      const page = await open(t, '/people', 390);
      await page.getByRole('heading', { name: 'People' }).waitFor();
      await page.keyboard.press('/');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'people-search');
      await page.keyboard.type('gaar');
      await page.getByRole('link', { name: 'Gaara', exact: true }).waitFor();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 1, `page is ${overflow}px wider than the phone screen`);
      await page.close();
    });
  });
}
