// Journeys through cases, clicked in Chromium on both databases. Kankuro (secret / BREACH) finds
// the breach inquest, reads its timeline, follows the poison sample's chain of custody and prints
// its report. Naruto (a genin) and Jun Takeda (ANBU: secret like Kankuro, but without BREACH) see
// none of it: not in the list, and its page and its item's page say exactly what an unknown code
// says. The extradition request's page shows its stages; the Kazekage is offered the decision
// from his desk, the clerk who drafted it is not offered approval, nor is the Kazekage for a
// request he drafted. Kankuro, holding an item he collected, hands it to Temari from the item's
// page, and the chain shows it; once that hand-over
// is damaged in the database, the page and the printed report show the chain broken, in red.
// Facts from the demo world (src/world/cases.ts, src/world/demo.ts).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { journeyFile, journey, checkAxe as axe, logInAs, apiSession, shot, tamper, type Target } from './harness.ts';

const INQUEST = 'INQ-2026-S.BREACH-001';
const INQUEST_TITLE = 'The breach: the attack on the Kazekage in Yukigakure';

const { targets, browser } = await journeyFile();
const logIn = (t: Target, username: string) => logInAs(browser, t, username);

/** A PDF's text, page by page (poppler's pdftotext, installed by scripts/test.sh). */
function pdfPages(pdf: Buffer): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'sandstone-pdf-'));
  try {
    writeFileSync(join(dir, 'report.pdf'), pdf);
    return execFileSync('pdftotext', ['-layout', join(dir, 'report.pdf'), '-'], { encoding: 'utf8' }).split('\f').filter((p) => p.trim());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Moves the app to `path` as its own links do (no reload: the journey stays quick). */
async function visit(page: Page, path: string): Promise<void> {
  await page.evaluate(`history.pushState(null, '', ${JSON.stringify(path)}); dispatchEvent(new PopStateEvent('popstate'))`);
}

/** The words of a page's "not found", with the code it was asked for taken out. */
async function notFoundWords(page: Page, path: string, asked: string): Promise<string> {
  await visit(page, path);
  // The refusal names what was asked: waiting for it skips the page before, still on screen a moment.
  const alert = page.getByRole('alert').filter({ has: page.getByRole('heading', { name: 'Not found' }) }).filter({ hasText: asked });
  await alert.waitFor();
  return (await alert.innerText()).split(asked).join('…');
}

for (const t of targets) {
  describe(`cases on ${t.name}`, () => {
    it('a BREACH-cleared jounin finds the inquest, reads its timeline, follows an item\'s custody chain and prints its report', async () => {
      const kankuro = await logIn(t, 'kankuro');
      const k = kankuro.page;
      await journey(k, async () => {
        await k.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Cases', exact: true }).click();
        await k.getByRole('heading', { level: 1, name: 'Cases' }).waitFor();
        await k.getByRole('row').filter({ hasText: INQUEST_TITLE }).getByRole('link', { name: INQUEST }).waitFor();
        await k.getByLabel('Kind').selectOption('inquest');
        await k.getByRole('row').filter({ hasText: INQUEST }).waitFor();
        await axe(k, 'the cases list');
        await shot(k, 'cases-list');
        await k.getByRole('link', { name: INQUEST }).click();
        await k.getByRole('heading', { level: 1, name: INQUEST_TITLE }).waitFor();
        const timeline = k.locator('.cases-timeline');
        await timeline.getByText('Now under investigation').waitFor();
        // Kankuro's testimony (day 3) and the poison sample's hand-overs are on it, in time order.
        await timeline.getByText(/Akito came at me from the rocks/).waitFor();
        await timeline.getByRole('link', { name: /E-01 handed over \(its 3rd transfer\)/ }).waitFor();
        const kinds = await timeline.locator('time').evaluateAll((ts) => ts.map((x) => x.getAttribute('datetime')));
        assert.deepEqual(kinds, [...kinds].sort(), 'the timeline is in time order');
        await k.getByRole('table', { name: 'Parties to the case' }).getByRole('link', { name: 'Rock Lee' }).waitFor();
        await axe(k, 'the case page');
        await shot(k, 'case-page');

        const evidence = k.getByRole('table', { name: /Evidence of the case/ });
        await evidence.getByRole('row').filter({ hasText: 'Poison sample' }).getByRole('link', { name: `${INQUEST}/E-01` }).click();
        await k.getByRole('heading', { level: 1, name: /Poison sample/ }).waitFor();
        await k.getByText('The chain is unbroken: 3 hand-overs since collection.').waitFor();
        const chain = k.locator('.custody-chain > li');
        assert.equal(await chain.count(), 4, 'collection and three hand-overs');
        await chain.nth(1).getByRole('link', { name: 'Kankuro' }).waitFor();
        await chain.nth(2).getByText('analysis for the inquest').waitFor();
        assert.equal(await k.locator('.custody-break').count(), 0, 'no link flagged');
        // The evidence store holds it, not Kankuro: he is not offered the release.
        assert.equal(await k.getByRole('button', { name: 'Release to…' }).count(), 0, 'only the custodian may release');
        // Nor may he record it destroyed, returned or handed away: those are its holder's to record.
        const disposition = k.getByRole('form', { name: 'Record its disposition' });
        await disposition.getByText(/only its holder, .+, records that/).waitFor();
        assert.deepEqual(await disposition.getByLabel('Disposition').locator('option').allTextContents(), ['retained as a record', 'forfeited to the village']);
        await axe(k, 'an item of evidence');
        await shot(k, 'evidence-page');

        await k.getByRole('link', { name: 'Printable custody report' }).click();
        await k.getByRole('heading', { level: 1, name: `Chain-of-custody report: ${INQUEST}/E-01` }).waitFor();
        await k.getByText('The chain is unbroken.').waitFor();
        assert.equal(await k.locator('.custody-print-chain tbody tr').count(), 3);
        // Marked with the inquest's label at its top and its bottom, as a classified paper must be.
        assert.deepEqual(await k.locator('.custody-print-marking').allInnerTexts(), ['SECRET / BREACH', 'SECRET / BREACH']);
        await axe(k, 'the printable custody report');
        await k.emulateMedia({ media: 'print' });
        assert.equal(await k.locator('.site-header').isVisible(), false, 'printed without the navigation');
        assert.equal(await k.getByRole('button', { name: 'Print' }).isVisible(), false, 'printed without its tools');
        await shot(k, 'custody-print');
        // Printed on small sheets, the report runs to several pages: each is marked at its top and its bottom.
        const pages = pdfPages(await k.pdf({ width: '148mm', height: '105mm' }));
        assert.ok(pages.length >= 3, `the report printed on ${pages.length} small pages`);
        for (const [i, text] of pages.entries()) {
          const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
          assert.deepEqual([lines[0], lines.at(-1)], ['SECRET / BREACH', 'SECRET / BREACH'], `page ${i + 1} of ${pages.length} is marked at its top and its bottom`);
        }
        await k.emulateMedia({ media: 'screen' });
      });
      await kankuro.context.close();
    });

    it('a genin, and an ANBU officer cleared secret without BREACH, see none of the inquest: not listed, and its pages are an unknown code\'s', async () => {
      const { headers } = await apiSession(t, 'kankuro');
      const inquest = await (await fetch(`${t.server.base}/api/cases/cases/${INQUEST}`, { headers })).json();
      const itemId: string = inquest.evidence[0].id;
      for (const username of ['naruto', 'hawk']) {
        const who = await logIn(t, username);
        const p = who.page;
        // Naruto is checked on every page; Jun Takeda, whose clearance differs from Kankuro's only
        // by compartment, on the list and the case page.
        const everything = username === 'naruto';
        await journey(p, async () => {
          await p.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Cases', exact: true }).click();
          await p.getByRole('heading', { level: 1, name: 'Cases' }).waitFor();
          await p.locator('.cases-table, .notice').first().waitFor();
          assert.equal(await p.getByText(INQUEST).count(), 0, `${username}: the inquest is not listed`);
          assert.equal(await p.getByText(/The breach/).count(), 0, `${username}: nor its title`);
          if (everything) await axe(p, `the cases list as ${username}`);
          const hidden = await notFoundWords(p, `/cases/${INQUEST}`, INQUEST);
          if (everything) await shot(p, 'case-not-found-genin');
          const unknown = await notFoundWords(p, '/cases/INQ-2026-999', 'INQ-2026-999');
          assert.equal(hidden, unknown, `${username}: the inquest's page is an unknown code's`);
          assert.doesNotMatch(hidden, /breach|secret|clearance/i);
          if (!everything) return;
          await axe(p, `a case not found as ${username}`);
          const hiddenItem = await notFoundWords(p, `/cases/evidence/${itemId}`, itemId);
          const unknownItem = await notFoundWords(p, '/cases/evidence/00000000-0000-4000-8000-000000000000', '00000000-0000-4000-8000-000000000000');
          assert.equal(hiddenItem, unknownItem, `${username}: the item's page is an unknown item's`);
          await visit(p, `/cases/evidence/${itemId}/print`);
          await p.getByRole('heading', { name: 'Not found' }).waitFor();
          assert.equal(await p.getByText(/Poison/).count(), 0);
        });
        await who.context.close();
      }
    });

    it('the extradition request shows its stages; the Kazekage is offered the decision from his desk, its drafter is not offered approval', async () => {
      const aiko = await logIn(t, 'aiko');
      const a = aiko.page;
      let code = '';
      await journey(a, async () => {
        await a.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Cases', exact: true }).click();
        await a.getByRole('navigation', { name: 'Cases and requests' }).getByRole('link', { name: 'Inter-village requests' }).click();
        await a.getByRole('heading', { level: 1, name: 'Inter-village requests' }).waitFor();
        const row = a.getByRole('row').filter({ hasText: 'Extradition' });
        await axe(a, 'the requests list');
        await shot(a, 'requests-list');
        code = (await row.getByRole('link').first().innerText()).trim();
        await row.getByRole('link', { name: code }).click();
        await a.getByRole('heading', { level: 1, name: new RegExp(`Extradition ${code}`) }).waitFor();
        const stages = a.getByRole('list', { name: 'Stages of the request' });
        await stages.locator('[aria-current="step"]').getByText('legal review').waitFor();
        assert.equal(await stages.locator('.stage-done').count(), 3, 'draft, transmitted and acknowledged are done');
        for (const name of ['Yuya', 'Akito', 'Kaede']) await a.getByRole('region', { name: 'Persons sought' }).getByRole('link', { name: new RegExp(name) }).waitFor();
        const steps = a.locator('.request-steps > li');
        assert.equal(await steps.count(), 3);
        await steps.first().locator('.request-notice').getByText(/has been transmitted/).waitFor();
        // The aide drafted it: no approval offered (nor any decision: a clerk does not decide).
        assert.equal(await a.getByRole('button', { name: 'Approve' }).count(), 0);
        await axe(a, 'the request page');
        await shot(a, 'request-page');
      });
      await aiko.context.close();

      const gaara = await logInAs(browser, t, 'gaara', { height: 900 });
      const g = gaara.page;
      await journey(g, async () => {
        await g.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Desk/ }).click();
        await g.getByRole('heading', { level: 1, name: 'Desk' }).waitFor();
        await g.locator('.desk-list li').getByRole('link', { name: new RegExp(code) }).first().click();
        await g.getByRole('heading', { level: 1, name: new RegExp(`Extradition ${code}`) }).waitFor();
        await g.getByRole('button', { name: 'Approve' }).waitFor();
        await g.getByRole('button', { name: 'Deny…' }).click();
        await g.getByRole('group', { name: 'Grounds for denial' }).getByLabel('pending trial in the requested village').waitFor();
        await axe(g, 'the request page with the denial form');
        await shot(g, 'request-page-kazekage');

        // A request the Kazekage drafted himself: at legal review he may deny it, not approve it.
        const own = await g.evaluate(`(async () => {
          const me = await (await fetch('/api/auth/me')).json();
          const call = async (url, body) => {
            const r = await fetch(url, { method: 'POST', headers: { 'x-csrf-token': me.csrfToken, 'content-type': 'application/json' }, body: JSON.stringify(body) });
            if (!r.ok) throw new Error(url + ': ' + r.status);
            return r.json();
          };
          const r = await call('/api/cases/requests', { kind: 'prisoner_transfer', requestingVillage: 'suna', requestedVillage: 'yuki', persons: [me.user.personId], basis: 'Drafted by the Kazekage himself.' });
          for (const transition of ['transmit', 'acknowledge', 'begin_legal_review']) await call('/api/cases/requests/' + r.code + '/steps', { transition });
          return r.code;
        })()`) as string;
        await visit(g, `/cases/requests/${own}`);
        await g.getByRole('heading', { level: 1, name: new RegExp(own) }).waitFor();
        await g.getByRole('button', { name: 'Deny…' }).waitFor();
        await g.getByText('You drafted this request, so another official must approve it.').waitFor();
        assert.equal(await g.getByRole('button', { name: 'Approve' }).count(), 0, 'its drafter is not offered approval');
      });
      await gaara.context.close();
    });

    it('the custodian releases an item from its page and keeps it until the receiver confirms in their own name; the chain shows the hand-over; a closure with a task open is refused beside its form', async () => {
      const { headers, personId } = await apiSession(t, 'kankuro');
      const collectedAt = new Date(Date.now() - 3_600_000).toISOString();
      const res = await fetch(`${t.server.base}/api/cases/cases/${INQUEST}/evidence`, {
        method: 'POST', headers, body: JSON.stringify({ description: 'Torn headband of a Snow deserter', condition: 'bagged', sealNumber: 'SUNA-EV-0500', collectedBy: personId, collectedAt, collectedWhere: 'the mountain pass' }),
      });
      assert.equal(res.status, 201);
      const item = await res.json();
      const kankuro = await logIn(t, 'kankuro');
      const k = kankuro.page;
      await journey(k, async () => {
        await visit(k, `/cases/evidence/${item.id}`);
        await k.getByRole('heading', { level: 1, name: 'Torn headband of a Snow deserter' }).waitFor();
        await k.getByRole('button', { name: 'Release to…' }).click();
        await k.getByLabel('Release to').fill('Gaara');
        await k.getByRole('button', { name: /^Gaara/ }).click();
        await k.getByLabel('Purpose').fill('for the Kazekage to see');
        // Dated before the item was collected: the server's refusal is shown beside the form.
        const before = new Date(Date.parse(collectedAt) - 3_600_000 + 3 * 3_600_000).toISOString().slice(0, 16);
        await k.getByLabel('When (village time)').fill(before);
        await k.getByRole('button', { name: 'Release it' }).click();
        await k.locator('.cases-release').getByRole('alert').getByText(/must come after/).waitFor();
        await axe(k, 'the release form with a refusal');
        await shot(k, 'release-refused');
        await k.getByLabel('When (village time)').fill(new Date(Date.now() + 3 * 3_600_000 - 60_000).toISOString().slice(0, 16));
        await k.getByRole('button', { name: 'Release it' }).click();
        // Released, not handed over: he still holds it until the Kazekage confirms.
        const waiting = k.getByRole('region', { name: 'Awaiting receipt' });
        await waiting.getByText(/for the Kazekage to see/).waitFor();
        await k.getByText('Never handed over: its collector holds it.').waitFor();
        await waiting.getByRole('button', { name: 'Withdraw the release' }).waitFor();
        assert.equal(await k.getByRole('button', { name: 'Release to…' }).count(), 0, 'one release at a time');
        await axe(k, 'an item awaiting its receipt');
        await shot(k, 'evidence-awaiting-receipt');
      });
      const gaara = await logInAs(browser, t, 'gaara', { height: 900 });
      const g = gaara.page;
      await journey(g, async () => {
        // On his desk the receipt is his alone: g says so at once, before he names anyone.
        await visit(g, '/desk');
        const receipt = g.locator('.desk-list li').filter({ hasText: `Confirm receipt: ${item.code}` });
        await receipt.locator('.desk-item-when').click();
        await receipt.and(g.locator('[aria-current="true"]')).waitFor();
        await g.keyboard.press('g');
        await receipt.getByRole('alert').filter({ hasText: 'Not done: It cannot be passed on: only the receiver confirms or declines the receipt of evidence, in person.' }).waitFor();
        assert.equal(await g.getByLabel('Delegate this item to').count(), 0, 'no name is asked for');
        await shot(g, 'desk-receipt-not-passed-on');
        // The item names the evidence it is about: one press away, to confirm there.
        await receipt.getByRole('link', { name: `Open the item of evidence ${item.code}` }).click();
        await g.waitForURL(new RegExp(`/cases/evidence/${item.id}$`));
        const mine = g.getByRole('region', { name: 'Released to you: confirm what you received' });
        await mine.getByLabel('Condition as you found it').fill('bagged, knot retied');
        await axe(g, 'the receipt form');
        await shot(g, 'evidence-receipt-form');
        await mine.getByRole('button', { name: 'I confirm receipt' }).click();
        await g.getByText('The chain is unbroken: 1 hand-over since collection.').waitFor();
        const link = g.locator('.custody-chain > li').nth(1);
        await link.getByText('Condition: bagged, knot retied').waitFor();
        await link.getByText('✓ received, confirmed').waitFor();
        assert.equal(await g.getByRole('region', { name: 'Awaiting receipt' }).count(), 0);
      });
      await gaara.context.close();
      await journey(k, async () => {
        await k.reload();
        await k.getByText('The chain is unbroken: 1 hand-over since collection.').waitFor();
        const link = k.locator('.custody-chain > li').nth(1);
        await link.getByRole('link', { name: 'Gaara' }).waitFor();
        await link.getByText('for the Kazekage to see').waitFor();
        assert.equal(await k.getByRole('button', { name: 'Release to…' }).count(), 0, 'the Kazekage holds it now');
        await shot(k, 'evidence-after-release');
      });
      // The record damaged behind the system's back (the hand-over dated an hour before the
      // collection): the item's page flags that link in red with the reason, and so does the print.
      await tamper(t, 'update cases_transfer set at = ? where item_id = ?', [new Date(Date.parse(collectedAt) - 3_600_000).toISOString(), item.id]);
      await journey(k, async () => {
        await k.reload();
        await k.getByRole('heading', { level: 1, name: 'Torn headband of a Snow deserter' }).waitFor();
        await k.getByText('The chain is broken at 1 link: see the links marked in red.').waitFor();
        const flagged = k.locator('.custody-chain > li.custody-break');
        assert.equal(await flagged.count(), 1, 'the one damaged link is flagged');
        assert.equal(await flagged.getAttribute('aria-label'), 'Transfer 1, chain broken here');
        const problem = flagged.getByRole('note');
        await problem.getByText(/Chain broken:.*must come after/).waitFor();
        const [r, g, b] = (await problem.evaluate((el) => getComputedStyle(el).color)).match(/\d+/g)!.map(Number);
        assert.ok(r! > 2 * g! && r! > 2 * b!, `the reason is in red, not rgb(${r}, ${g}, ${b})`);
        await axe(k, 'an item whose chain is broken');
        await shot(k, 'evidence-chain-broken');
        await k.getByRole('link', { name: 'Printable custody report' }).click();
        await k.getByText(/THE CHAIN IS BROKEN\s+at 1 link/).waitFor();
        await k.getByRole('listitem').filter({ hasText: /^transfer 1: .*must come after/ }).waitFor();
        assert.equal(await k.locator('.custody-print-chain tbody tr.custody-print-break').count(), 1);
      });
      // A case with a task still open, sent for review: closing it is refused, in the server's words, beside the form.
      const post = (url: string, body: unknown) => fetch(`${t.server.base}${url}`, { method: 'POST', headers, body: JSON.stringify(body) }).then(async (r) => { assert.ok(r.ok, `${url}: ${r.status}`); return r.json(); });
      const c = await post('/api/cases/cases', { kind: 'investigation', title: 'Missing ledger of the eastern gate' });
      for (const transition of ['open', 'investigate']) await post(`/api/cases/cases/${c.code}/transitions`, { transition });
      await post(`/api/cases/cases/${c.code}/tasks`, { title: 'Question the gate clerk' });
      await post(`/api/cases/cases/${c.code}/transitions`, { transition: 'submit_for_review' });
      await journey(k, async () => {
        await visit(k, `/cases/${c.code}`);
        await k.getByRole('heading', { level: 1, name: 'Missing ledger of the eastern gate' }).waitFor();
        await k.getByRole('heading', { name: /Tasks/ }).getByText('(1 open)').waitFor();
        await k.getByRole('button', { name: 'Close the case' }).click();
        await k.getByRole('button', { name: 'Close with this resolution' }).click();
        await k.locator('.cases-next').getByRole('alert').getByText(/needs a resolution to close/).waitFor();
        await k.getByLabel('no further action').check();
        await k.getByRole('button', { name: 'Close with this resolution' }).click();
        await k.locator('.cases-next').getByRole('alert').getByText(/1 task is still open/).waitFor();
        await axe(k, 'a case whose closure was refused');
        await shot(k, 'case-close-refused');
        // Still under review: the refusal changed nothing. With the task done, it closes.
        await k.locator('.cases-sub').getByText('pending review').waitFor();
        await k.getByRole('listitem').filter({ hasText: 'Question the gate clerk' }).getByRole('button', { name: /^Mark done/ }).click();
        await k.getByRole('heading', { name: /Tasks/ }).getByText('(0 open)').waitFor();
        // The form stays open, its choice kept, after the refusal.
        assert.equal(await k.getByLabel('no further action').isChecked(), true);
        await k.getByRole('button', { name: 'Close with this resolution' }).click();
        await k.locator('.cases-sub').getByText('closed').waitFor();
        await k.locator('.cases-timeline').getByText('Resolution: no further action').waitFor();
        await k.getByRole('button', { name: 'Reopen the case' }).waitFor();
      });
      await kankuro.context.close();
    });
  });
}
