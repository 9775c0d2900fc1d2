// Journeys through the bills, clicked in Chromium on both databases: a clerk drafts a bill, adds a
// second text, reads the redline between the two and moves the bill on (and is told, next to the
// date, when the date is wrong); the drafting board puts an overdue draft first and in red; a
// reader with a lower clearance finds a secret bill exactly as a bill that does not exist.
// Facts come from the demo world (src/world: the orphans bill, Councillor Masa and Kazuyo).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { journeyFile, journey, logInAs, apiSession, type Target } from './harness.ts';

const { targets, browser } = await journeyFile();
const asUser = async (t: Target, username: string): Promise<Page> => (await logInAs(browser, t, username, { height: 900 })).page;

/** The village's date (UTC+03:00), as the server counts days late, `days` from today. */
const villageDay = (days = 0) => new Date(Date.now() + 3 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);


/**
 * The Kazekage's page, logged in once per target: his account asks for a one-time code, and a code
 * is taken once (replay refused), so a second login within the same 30 s would be refused.
 */
const kazekagePages = new Map<Target, Page>();
async function kazekage(t: Target): Promise<Page> {
  if (!kazekagePages.has(t)) kazekagePages.set(t, await asUser(t, 'gaara'));
  return kazekagePages.get(t)!;
}

/** Records the next stage through the bill page's form, dated `days` from today. */
async function recordStage(page: Page, words: string, days = 0) {
  await page.getByRole('button', { name: 'Record the next stage' }).click();
  const form = page.locator('form.panel');
  await form.getByRole('radio', { name: words, exact: true }).check();
  await form.getByLabel('Date', { exact: true }).fill(villageDay(days));
  await form.getByRole('button', { name: 'Record the stage' }).click();
  await page.getByRole('status').filter({ hasText: `is now at “${words}”` }).waitFor();
}

/**
 * Introduced and read a first time today through the bill page's form; read a second and a third
 * time today by the Council's roll-call votes, each by two thirds (section 2-114(3): no two readings
 * the same day unless the Council so resolves). Nothing is recorded ahead of its day.
 */
async function readThrice(page: Page, t: Target, code: string) {
  for (const words of ['introduced', 'first reading']) await recordStage(page, words);
  const closed = await councilVote(t, code, ['second_reading', 'third_reading']);
  assert.equal(closed.rule.majority, 'two_thirds');
  await page.getByRole('list', { name: 'Stages of the bill' }).locator('[aria-current="step"] .step-words').filter({ hasText: /^third reading$/ }).waitFor();
}

/**
 * The Council's roll-call votes on a bill today (a session sits only on its own date), through the
 * API as the clerk (aiko) records them at the round table: a sitting with the bill's readings to
 * `stages` on the agenda, every councillor present, Councillor Masa in the chair (she answers no
 * roll call, section 2-105(3)), the others' answers called aloud, each vote then closed. The
 * majority is left to the question (two thirds for an override or a second reading the same day).
 * Answers the last vote.
 */
async function councilVote(t: Target, code: string, stage: 'passed' | 'veto_overridden' | readonly ('second_reading' | 'third_reading' | 'passed')[]) {
  const stages = typeof stage === 'string' ? [stage] : stage;
  const clerk = (await apiSession(t, 'aiko')).headers;
  const chair = (await apiSession(t, 'masa')).personId;
  const call = async (method: string, path: string, body?: object) => {
    const r = await fetch(`${t.server.base}/api/legislature${path}`, { method, headers: clerk, body: body ? JSON.stringify(body) : undefined });
    assert.ok(r.ok, `${method} ${path}: ${r.status} ${await r.clone().text()}`);
    return r.json();
  };
  const s = await call('POST', '/sessions', { title: `Vote on ${code} (e2e)`, date: villageDay(), startsAt: '09:00', place: 'Round table', chair, agenda: stages.map((st) => ({ kind: 'bill_reading', title: `${code}: ${st}`, bill: code, stage: st })) });
  const members: string[] = s.members.map((m: { member: { id?: string } }) => m.member.id).filter(Boolean);
  await call('POST', `/sessions/${s.code}/status`, { status: 'sitting' });
  for (const m of members) await call('PUT', `/sessions/${s.code}/attendance/${m}`, { status: 'present' });
  let closed;
  for (const item of s.agenda) {
    const vote = await call('POST', `/sessions/${s.code}/votes`, { item: item.id });
    for (const m of members) if (m !== chair) await call('POST', `/votes/${vote.id}/ballots`, { option: 'yes', member: m });
    closed = await call('POST', `/votes/${vote.id}/close`, {});
  }
  await call('POST', `/sessions/${s.code}/status`, { status: 'adjourned' });
  return closed;
}

/** Drafts a bill through the form on /bills and returns its code, from the page it lands on. */
async function draftBill(page: Page, t: Target, bill: { title: string; sponsor: string; drafter?: string; due?: string; text?: string; classification?: string }): Promise<string> {
  await page.goto(t.server.base + '/bills');
  await page.getByRole('button', { name: 'Draft a bill' }).click();
  await page.getByLabel('Title').fill(bill.title);
  await page.getByLabel('Sponsor', { exact: true }).fill(bill.sponsor);
  await page.getByRole('button', { name: new RegExp(`^${bill.sponsor}`) }).click();
  await page.getByRole('list', { name: 'Sponsors chosen' }).getByText(bill.sponsor).waitFor();
  if (bill.drafter) {
    await page.getByLabel('Drafter').fill(bill.drafter);
    await page.getByRole('button', { name: new RegExp(`^${bill.drafter}`) }).click();
    await page.getByLabel('Due on').fill(bill.due!);
  }
  if (bill.text) await page.getByLabel('First text (optional)').fill(bill.text);
  if (bill.classification) await page.getByLabel('Classification').selectOption({ label: bill.classification });
  await page.getByRole('button', { name: 'Draft the bill' }).click();
  await page.getByRole('status').filter({ hasText: /^Bill B-\d{4}-(?:(?:P|R|S|TS)(?:\.[A-Z0-9_]+)*-)?\d{3,} was drafted\.$/ }).waitFor();
  const m = /\/bills\/(B-\d{4}-(?:(?:P|R|S|TS)(?:\.[A-Z0-9_]+)*-)?\d{3,})$/.exec(page.url());
  assert.ok(m, `landed on the bill's page: ${page.url()}`);
  return m[1]!;
}

for (const t of targets) {
  describe(`bill pages on ${t.name}`, () => {
    it('a clerk drafts a bill, adds a second text, sees the redline between them, and moves it on — a wrong date is refused next to the date', async () => {
      const page = await asUser(t, 'aiko');
      await journey(page, async () => {
        const code = await draftBill(page, t, {
          title: 'Greenhouse Water Bill', sponsor: 'Councillor Kazuyo',
          text: 'A Bill on water for the greenhouses.\n(1) Under section 12-103(1) the greenhouses receive water after the hospital.',
        });
        await page.getByRole('heading', { level: 1, name: `${code} Greenhouse Water Bill` }).waitFor();
        // The first text, its citation linked through the statute book's popover.
        await page.locator('.bill-text').getByRole('link', { name: 'section 12-103(1)' }).waitFor();
        await page.getByText('There is one text only, so there is nothing to compare yet.').waitFor();
        // The tracker: drafted is where it stands, introduction may come next.
        const tracker = page.getByRole('list', { name: 'Stages of the bill' });
        assert.equal(await tracker.locator('[aria-current="step"] .step-words').textContent(), 'drafted');
        await tracker.locator('.step-next').filter({ hasText: 'introduced' }).waitFor();

        // A second text: it starts as the first; change one phrase.
        await page.getByRole('button', { name: 'Add a text version' }).click();
        const textBox = page.getByLabel('The whole text, as version 2');
        assert.equal(await textBox.inputValue(), 'A Bill on water for the greenhouses.\n(1) Under section 12-103(1) the greenhouses receive water after the hospital.');
        await textBox.fill('A Bill on water for the greenhouses.\n(1) Under section 12-103(1) the greenhouses receive water before the garrisons.');
        await page.getByLabel('What changed').fill('the garrisons, not the hospital');
        await page.getByRole('button', { name: 'Add the version' }).click();
        await page.getByRole('status').filter({ hasText: 'Version 2 of the text was added.' }).waitFor();
        // The redline, version 1 against 2: words marked as inserted and deleted, in words too.
        const redline = page.locator('.bill-redline');
        await redline.locator('ins').filter({ hasText: 'before' }).first().waitFor();
        assert.ok(await redline.locator('ins').filter({ hasText: 'garrisons' }).count() > 0, 'an insertion');
        assert.ok(await redline.locator('del').filter({ hasText: 'hospital' }).count() > 0, 'a deletion');
        assert.match((await redline.locator('del').first().textContent())!, /^\[deleted: .*\]$/);
        // Any two: version 2 against itself says so, and the choice is in the address.
        await page.getByLabel('From', { exact: true }).selectOption({ label: 'Version 2' });
        await page.getByText('the same version — pick two different ones.').waitFor();
        assert.match(page.url(), /from=2&to=2/);

        // An amendment to an unknown statute is refused at its field; fixed, it is listed and linked.
        await page.getByRole('button', { name: 'Edit the amendments' }).click();
        await page.getByLabel('Comes into force on').fill(villageDay(30));
        await page.getByLabel('Statute', { exact: true }).fill('12-999');
        await page.getByLabel('Subdivision', { exact: true }).fill('(3)');
        await page.getByLabel('New text', { exact: true }).fill('(3) A reservation may be reduced only with the consent of the Council.');
        await page.getByRole('button', { name: 'Save the amendments' }).click();
        await page.getByRole('alert').filter({ hasText: 'There is a problem' }).getByRole('link', { name: /^Amendment 1, statute: / }).waitFor();
        await page.locator('.amendment-row .field-error').filter({ has: page.getByLabel('Statute', { exact: true }) }).locator('.error-message').waitFor();
        await page.getByLabel('Statute', { exact: true }).fill('12-103');
        await page.getByRole('button', { name: 'Save the amendments' }).click();
        await page.getByRole('status').filter({ hasText: /^1 amendment saved, from / }).waitFor();
        const amended = page.locator('.amendment-table').getByRole('link', { name: '§ 12-103(3)' });
        assert.match((await amended.getAttribute('href'))!, new RegExp(`^/statutes/12-103\\?at=${villageDay(30)}#sec_12-103__subsec_3$`));

        // The next stage: only "introduced" is offered.
        await page.getByRole('button', { name: 'Record the next stage' }).click();
        const form = page.locator('form.panel');
        assert.deepEqual(await form.getByRole('radio').evaluateAll((r) => r.map((x) => (x as HTMLInputElement).value)), ['introduced']);
        await form.getByLabel('Date', { exact: true }).fill(villageDay());
        await form.getByRole('button', { name: 'Record the stage' }).click();
        await page.getByRole('status').filter({ hasText: `Bill ${code} is now at “introduced”.` }).waitFor();
        // The message comes with the answer; the tracker once the bill is read again (on PostgreSQL a
        // moment later): wait for it, failing if it never moves.
        await tracker.locator('[aria-current="step"] .step-words').filter({ hasText: /^introduced$/ }).waitFor();
        await page.locator('.bill-history').getByText('introduction').waitFor();

        // First reading dated before the introduction: refused, and the reason stands by the date.
        await page.getByRole('button', { name: 'Record the next stage' }).click();
        await form.getByLabel('Date', { exact: true }).fill(villageDay(-3));
        await form.getByRole('button', { name: 'Record the stage' }).click();
        const dateField = form.locator('.field-error').filter({ has: page.getByLabel('Date', { exact: true }) });
        await dateField.locator('.error-message').filter({ hasText: 'would come before introduced' }).waitFor();
        await page.getByRole('alert').filter({ hasText: 'There is a problem' }).getByRole('link').click();
        assert.equal(await page.evaluate(() => document.activeElement?.id), 'st-on');
        assert.equal(await tracker.locator('[aria-current="step"] .step-words').textContent(), 'introduced', 'nothing changed');
      });
      await page.close();
    });

    it('the drafting board lists an overdue draft first and in red, "N days late"; the bills list and the bill page show it red too', async () => {
      const page = await asUser(t, 'aiko');
      await journey(page, async () => {
        const code = await draftBill(page, t, { title: 'Late Draft Bill', sponsor: 'Councillor Masa', drafter: 'Councillor Kazuyo', due: villageDay(-10) });
        await page.locator('.overdue-notice').getByText('overdue · 10 days late').waitFor();
        await page.getByRole('link', { name: 'Drafting', exact: true }).click();
        await page.getByRole('heading', { level: 1, name: 'Drafting board' }).waitFor();
        const row = page.locator('.drafting-table tbody tr').filter({ hasText: code });
        await row.waitFor();
        assert.match((await row.getAttribute('class')) ?? '', /row-overdue/);
        await row.getByText('overdue · 10 days late').waitFor();
        await row.getByText('Councillor Kazuyo').waitFor();
        assert.equal(await row.locator('.overdue-text').evaluate((el) => getComputedStyle(el).color), 'rgb(161, 38, 27)', 'red');
        // Overdue first: every overdue row comes before every other.
        const states = await page.locator('.drafting-table tbody tr').evaluateAll((rows) => rows.map((r) => r.classList.contains('row-overdue')));
        assert.ok(states.indexOf(false) === -1 || states.lastIndexOf(true) < states.indexOf(false), `overdue first: ${states.join(',')}`);
        // The demo's orphans bill is not there: Councillor Masa handed it in on the Monday it was due.
        assert.equal(await page.locator('.drafting-table tbody tr').filter({ hasText: 'Children Orphaned by Conflict (Welfare) Bill' }).count(), 0);
        // The list marks it too, and the drafter's late draft leads to the bill.
        await page.goto(t.server.base + '/bills');
        const listed = page.locator('.bills-table tbody tr').filter({ hasText: code });
        assert.match((await listed.getAttribute('class')) ?? '', /row-overdue/);
        await listed.getByText('overdue · 10 days late').waitFor();
        await listed.getByRole('link', { name: code }).click();
        await page.getByRole('heading', { level: 1, name: `${code} Late Draft Bill` }).waitFor();
        // Handed in: off the board.
        await page.getByRole('button', { name: 'Edit the drafting assignment' }).click();
        await page.getByLabel('Handed in on').fill(villageDay());
        await page.getByRole('button', { name: 'Save the assignment' }).click();
        await page.getByRole('status').filter({ hasText: 'The drafting assignment was saved.' }).waitFor();
        assert.equal(await page.locator('.overdue-notice').count(), 0);
        await page.goto(t.server.base + '/drafting');
        await page.getByRole('heading', { level: 1, name: 'Drafting board' }).waitFor();
        await page.getByText(/drafts? awaited|No draft is awaited/).first().waitFor();
        assert.equal(await page.locator('.drafting-table tbody tr').filter({ hasText: code }).count(), 0);
      });
      await page.close();
    });

    it('a bill read twice without a committee, passed, and signed by the Kazekage: the tracker follows; a date before the passing is refused by the date', async () => {
      const clerk = await asUser(t, 'aiko');
      let code = '';
      await journey(clerk, async () => {
        code = await draftBill(clerk, t, { title: 'Desert Wells Bill', sponsor: 'Councillor Masa', text: 'A Bill on the desert wells.' });
        // The commencement date first: the amendments are fixed once the Council has passed the bill.
        await clerk.getByRole('button', { name: 'Edit the amendments' }).click();
        await clerk.getByLabel('Comes into force on').fill(villageDay(30));
        await clerk.getByRole('button', { name: 'Save the amendments' }).click();
        await clerk.getByRole('status').filter({ hasText: /^0 amendments saved, from / }).waitFor();
        await readThrice(clerk, t, code);
        // Passed or failed is the Council's vote, not a form: nothing left to record by hand.
        await clerk.locator('.next-line').filter({ hasText: 'by the Council’s roll-call vote in a session' }).waitFor();
        assert.equal(await clerk.getByRole('button', { name: 'Record the next stage' }).count(), 0);
        // The Council passes it; the clerk's page follows.
        const closed = await councilVote(t, code, 'passed');
        assert.equal(closed.result.outcome, 'passed');
        const tracker = clerk.getByRole('list', { name: 'Stages of the bill' });
        await tracker.locator('.step-skipped').filter({ hasText: 'referred to committee' }).waitFor();
        await tracker.locator('.step-next').filter({ hasText: 'signed or vetoed' }).waitFor();
        // The clerk records stages but does not sign.
        assert.equal(await clerk.getByRole('button', { name: 'Sign or veto' }).count(), 0);
        assert.equal(await clerk.getByRole('button', { name: 'Add a text version' }).count(), 0, 'the text is fixed once passed');
      });
      // The clerk's page stays open: it follows the Kazekage's signature without a reload.
      const gaara = await kazekage(t);
      await journey(gaara, async () => {
        await gaara.goto(t.server.base + `/bills/${code}`);
        await gaara.getByRole('button', { name: 'Sign or veto' }).click();
        const form = gaara.locator('form.panel');
        await form.getByRole('radio', { name: 'Sign (assent)' }).check();
        await form.getByLabel('Date', { exact: true }).fill(villageDay(-1));
        await form.getByRole('button', { name: 'Sign the bill' }).click();
        await form.locator('.field-error').filter({ has: gaara.getByLabel('Date', { exact: true }) }).locator('.error-message').filter({ hasText: 'would come before passed' }).waitFor();
        await form.getByLabel('Date', { exact: true }).fill(villageDay());
        await form.getByRole('button', { name: 'Sign the bill' }).click();
        await gaara.getByRole('status').filter({ hasText: `Bill ${code} is now at “signed”.` }).waitFor();
        const tracker = gaara.getByRole('list', { name: 'Stages of the bill' });
        assert.equal(await tracker.locator('[aria-current="step"] .step-words').textContent(), 'signed');
        await gaara.getByText(/It is enacted by the system on its commencement date/).waitFor();
        await gaara.locator('.bill-history').getByText('executive-signature').waitFor();
        assert.equal(await gaara.locator('.changed-notice').count(), 0, 'his own change is not "someone else\'s"');
      });
      await journey(clerk, async () => {
        const tracker = clerk.getByRole('list', { name: 'Stages of the bill' });
        await tracker.locator('[aria-current="step"] .step-words').filter({ hasText: /^signed$/ }).waitFor();
        await clerk.locator('.changed-notice').getByText('Someone else has just changed this bill').waitFor();
      });
      await clerk.close();
    });

    it('the Kazekage vetoes a passed bill — reasons are required, next to their field — and the Council overrides the veto; the tracker shows each step', async () => {
      const clerk = await asUser(t, 'aiko');
      let code = '';
      await journey(clerk, async () => {
        code = await draftBill(clerk, t, { title: 'Caravan Tolls Bill', sponsor: 'Councillor Masa', text: 'A Bill on caravan tolls.' });
        await clerk.getByRole('button', { name: 'Edit the amendments' }).click();
        await clerk.getByLabel('Comes into force on').fill(villageDay(30));
        await clerk.getByRole('button', { name: 'Save the amendments' }).click();
        await clerk.getByRole('status').filter({ hasText: /^0 amendments saved, from / }).waitFor();
        await readThrice(clerk, t, code);
        assert.equal((await councilVote(t, code, 'passed')).result.outcome, 'passed');
        // Passed: the Kazekage's period under section 3-105 is shown, with the day it runs out.
        await clerk.locator('.next-line').filter({ hasText: /signed or vetoed by the Kazekage, by .+\. If neither, it is treated as signed on / }).waitFor();
      });
      const gaara = await kazekage(t);
      await journey(gaara, async () => {
        await gaara.goto(t.server.base + `/bills/${code}`);
        await gaara.getByRole('button', { name: 'Sign or veto' }).click();
        const form = gaara.locator('form.panel');
        await form.getByRole('radio', { name: 'Veto (return with reasons)' }).check();
        await form.getByLabel('Date', { exact: true }).fill(villageDay());
        await form.getByRole('button', { name: 'Veto the bill' }).click();
        const reasons = gaara.getByLabel('Reasons for the veto');
        await form.locator('.field-error').filter({ has: reasons }).locator('.error-message').filter({ hasText: 'written reasons (section 3-105(1))' }).waitFor();
        await reasons.fill('Tolls on the caravans would close the western route before the treaty talks.');
        await form.getByRole('button', { name: 'Veto the bill' }).click();
        await gaara.getByRole('status').filter({ hasText: `Bill ${code} is now at “vetoed”.` }).waitFor();
        const tracker = gaara.getByRole('list', { name: 'Stages of the bill' });
        await tracker.locator('.step-next').filter({ hasText: 'veto overridden' }).waitFor();
        await gaara.locator('.bill-history').getByText('Tolls on the caravans would close the western route').waitFor();
      });
      // The clerk's page followed the veto; the override is the Council's roll-call vote, not the clerk's form.
      await journey(clerk, async () => {
        await clerk.locator('.next-line').filter({ hasText: 'may override the veto by a roll-call vote of two thirds of all councillors' }).waitFor();
        assert.equal(await clerk.getByRole('button', { name: 'Record the next stage' }).count(), 0);
        const closed = await councilVote(t, code, 'veto_overridden');
        assert.equal(closed.rule.majority, 'two_thirds');
        assert.match(closed.rule.basis, /^section 2-111\(2\)\(a\)/);
        assert.equal(closed.result.outcome, 'passed');
        const tracker = clerk.getByRole('list', { name: 'Stages of the bill' });
        await tracker.locator('[aria-current="step"] .step-words').filter({ hasText: /^veto overridden$/ }).waitFor();
        await clerk.locator('.next-line').filter({ hasText: 'becomes law without assent' }).waitFor();
        await clerk.locator('.bill-history').getByText('veto-override-passage').waitFor();
      });
      await clerk.close();
    });

    it('a secret bill does not exist for a councillor with restricted clearance — the same page as an unknown code — and a secret sponsor of a public bill is "withheld"', async () => {
      const clerk = await asUser(t, 'aiko');
      let code = '';
      let guarded = '';
      await journey(clerk, async () => {
        code = await draftBill(clerk, t, { title: 'Secret Watch Bill', sponsor: 'Councillor Masa', classification: 'Secret' });
        await clerk.locator('.statute-sub .tag-secret').waitFor();
        // A public bill sponsored by an ANBU bodyguard, whose identity is secret.
        guarded = await draftBill(clerk, t, { title: 'Guard Rotation Bill', sponsor: 'Jun Takeda' });
        await clerk.locator('.bill-facts').getByText('Jun Takeda').waitFor();
      });
      await clerk.close();
      const masa = await asUser(t, 'masa');
      await journey(masa, async () => {
        await masa.goto(t.server.base + `/bills/${code}`);
        await masa.getByRole('heading', { level: 1, name: `No such bill: ${code}` }).waitFor();
        const hidden = (await masa.locator('.notice').textContent())!;
        await masa.goto(t.server.base + '/bills/B-2099-999');
        await masa.getByRole('heading', { level: 1, name: 'No such bill: B-2099-999' }).waitFor();
        const unknown = (await masa.locator('.notice').textContent())!;
        assert.equal(hidden.replace(code, 'X'), unknown.replace('B-2099-999', 'X'), 'a hidden bill reads exactly as an unknown one');
        await masa.goto(t.server.base + '/bills');
        await masa.locator('.bills-table').waitFor();
        assert.equal(await masa.locator('.bills-table tbody tr').filter({ hasText: code }).count(), 0);
        assert.equal(await masa.getByText('Secret Watch Bill').count(), 0);
        // The public bill is there, its secret sponsor "withheld": no name anywhere on the page.
        await masa.goto(t.server.base + `/bills/${guarded}`);
        await masa.getByRole('heading', { level: 1, name: `${guarded} Guard Rotation Bill` }).waitFor();
        await masa.locator('.bill-facts').getByText('withheld', { exact: true }).waitFor();
        const body = await masa.locator('body').innerText();
        assert.ok(!/Takeda|Jun\b/.test(body), 'the sponsor is not named');
        // A councillor drafts bills but does not record stages: on the public bill, a text but no stage.
        await masa.locator('.stage-tracker').waitFor();
        assert.equal(await masa.getByRole('button', { name: 'Record the next stage' }).count(), 0);
        await masa.getByRole('button', { name: 'Add a text version' }).waitFor();
      });
      await masa.close();
    });
  });
}
