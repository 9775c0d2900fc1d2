// Journeys through the hawk post, clicked in Chromium on both databases: the clerk writes to
// Kankuro — a label he is not cleared for is refused beside his name — and sends it IMMEDIATE;
// his open page announces it at once without a reload; he reads it from his pigeon hole and the
// clerk's page shows the read receipt live. The aviary board shows a hawk in flight to Konoha.
// A draft saved with nobody addressed waits in her pigeon hole's drafts; sent unaddressed it is
// refused at "To"; addressed, it goes. The aide's binder (day 6) is on the Kazekage's desk and opens
// as the message. Kankuro writes IMMEDIATE to the Kazekage's office: Aiko, its member, is alerted on
// her open page, finds it "to Kazekage's office" and reads it, and his page shows it read by the office; she answers in the office's name,
// and the Kazekage, another member, finds that letter in the office's sent post.
// Facts from the demo world (src/world: Aiko the clerk holds ANBU, Kankuro holds BREACH).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { journeyFile, journey, checkAxe as axe, logInAs, shot, type Target } from './harness.ts';

const { targets, browser } = await journeyFile();
const logIn = (t: Target, username: string) => logInAs(browser, t, username);



for (const t of targets) {
  describe(`hawk post on ${t.name}`, () => {
    it('the clerk writes to Kankuro (a label he may not read is refused beside his name), sends it IMMEDIATE; his page announces it live; he reads it; her page shows the receipt', async () => {
      const aiko = await logIn(t, 'aiko');
      const kankuro = await logIn(t, 'kankuro');
      const a = aiko.page;
      const k = kankuro.page;
      await journey(a, async () => {
        await k.goto(t.server.base + '/people');
        await k.getByText('Live', { exact: true }).waitFor();
        await k.evaluate('window.sameDocument = true');

        await a.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Post', exact: true }).click();
        await a.getByRole('heading', { level: 1, name: 'Pigeon hole' }).waitFor();
        // Lee's mission report (day 3) is in her pigeon hole, delivered at its own time in the story.
        await a.getByRole('link', { name: 'Mission report: the escort to the Land of Snow' }).waitFor();
        await axe(a, 'the pigeon hole');
        await a.getByRole('link', { name: 'Write a message' }).click();
        await a.getByLabel('Add a person').fill('Kankuro');
        await a.getByRole('button', { name: /^Kankuro/ }).click();
        await a.getByLabel('Subject').fill('Lead the search party');
        await a.getByLabel('Message', { exact: true }).fill('Sensors at the western command post felt his chakra last evening. See section 9-201.');
        await a.getByLabel(/^IMMEDIATE/).check();
        // Secret and ANBU: Kankuro holds BREACH, not ANBU.
        await a.getByLabel('Classification').selectOption('secret');
        await a.getByLabel('Compartments (optional)').fill('ANBU');
        await a.getByRole('button', { name: 'Send by hawk' }).click();
        await a.getByRole('list', { name: 'Recipients chosen' }).locator('.error-message').filter({ hasText: 'no account of theirs is cleared for secret (ANBU)' }).waitFor();
        await axe(a, 'the compose form with a refused recipient');
        await a.getByLabel('Classification').selectOption('public');
        await a.getByLabel('Compartments (optional)').fill('');
        await a.getByRole('button', { name: 'Send by hawk' }).click();
        await a.getByRole('heading', { level: 1, name: 'Lead the search party' }).waitFor();
        await a.locator('a.citation-link', { hasText: '9-201' }).waitFor();

        // His page, open elsewhere, announces it without a reload.
        const alert = k.locator('.urgent-post').filter({ hasText: 'IMMEDIATE message arrived for you' });
        await alert.waitFor();
        await alert.getByRole('link', { name: 'Read it' }).click();
        await k.getByRole('heading', { level: 1, name: 'Lead the search party' }).waitFor();
        assert.equal(await k.evaluate('window.sameDocument'), true, 'his page was never reloaded');
        await axe(k, 'the message, unread');
        await k.getByRole('button', { name: 'Mark read' }).click();
        await k.getByText(/^read, read /).waitFor();
        // Her page shows the read receipt as it happens.
        await a.locator('.post-receipts').getByText('read', { exact: true }).waitFor();
      });
      await journey(a, async () => {
        // A public letter to Temari in Konoha: on the aviary board, in flight with its ETA.
        await a.goto(t.server.base + '/post/compose');
        await a.getByLabel('Add a person').fill('Temari');
        await a.getByRole('button', { name: /^Temari/ }).click();
        await a.getByRole('list', { name: 'Recipients chosen' }).getByRole('combobox').selectOption({ label: 'Konohagakure' });
        await a.getByLabel('Subject').fill('Come back within three days');
        await a.getByRole('button', { name: 'Send by hawk' }).click();
        await a.getByRole('heading', { level: 1, name: 'Come back within three days' }).waitFor();
        await a.locator('.post-receipts').getByText(/→ ETA /).waitFor();
        const code = decodeURIComponent(new URL(a.url()).pathname.split('/').pop()!);
        await a.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Aviary' }).click();
        // The demo's own letters to Konoha (the cases' notices) may be flying too: find this one by its code.
        const flying = a.getByRole('region', { name: /In flight/ });
        await flying.getByRole('listitem').filter({ hasText: code }).getByText(/suna → konoha/).waitFor();
        await axe(a, 'the aviary board');
      });
      for (const x of [aiko, kankuro]) await x.context.close();
    });

    it("Kankuro writes to the Kazekage's office; Aiko, a member, sees it addressed to the office and reads it; he sees who read it; she answers from the office", async () => {
      const kankuro = await logIn(t, 'kankuro');
      const aiko = await logIn(t, 'aiko');
      const k = kankuro.page;
      const a = aiko.page;
      // Her pigeon hole is open before he writes.
      await a.goto(t.server.base + '/post');
      await a.getByText('Live', { exact: true }).waitFor();
      await journey(k, async () => {
        await k.goto(t.server.base + '/post/compose');
        await k.getByLabel('Or an office').selectOption({ label: "Kazekage's office" });
        await k.getByRole('button', { name: 'Add the office' }).click();
        await k.getByRole('list', { name: 'Recipients chosen' }).getByText("the office: Kazekage's office").waitFor();
        await k.getByLabel('Subject').fill('Sand walls on the eastern gate');
        await k.getByLabel(/^IMMEDIATE/).check();
        await axe(k, 'the compose form addressed to an office');
        await k.getByRole('button', { name: 'Send by hawk' }).click();
        await k.getByRole('heading', { level: 1, name: 'Sand walls on the eastern gate' }).waitFor();
      });
      await journey(a, async () => {
        // IMMEDIATE to her office: her open page announces it, as it would a letter to her.
        await a.locator('.urgent-post').filter({ hasText: 'IMMEDIATE message arrived for your office' }).waitFor();
        await a.goto(t.server.base + '/post');
        const row = a.getByRole('row').filter({ hasText: 'Sand walls on the eastern gate' });
        await row.getByText("to Kazekage's office").waitFor();
        await row.getByRole('link', { name: 'Sand walls on the eastern gate' }).click();
        await a.getByRole('heading', { level: 2, name: "The copy to Kazekage's office" }).waitFor();
        await a.getByRole('button', { name: 'Mark read' }).click();
        await a.locator('.post-answered-by').getByText('read by Aiko Nishida').waitFor();
      });
      await journey(k, async () => {
        await k.reload();
        // He wrote to the office: the office read it (which member did is the office's to know).
        await k.locator('.post-receipts .post-answered-by').getByText('read by the office').waitFor();
      });
      await journey(a, async () => {
        await a.goto(t.server.base + '/post/compose');
        await a.getByLabel('From').selectOption({ label: "Kazekage's office" });
        await a.getByLabel('Add a person').fill('Kankuro');
        await a.getByRole('button', { name: /^Kankuro/ }).click();
        await a.getByLabel('Subject').fill('The walls: approved');
        await a.getByRole('button', { name: 'Send by hawk' }).click();
        await a.getByRole('heading', { level: 1, name: 'The walls: approved' }).waitFor();
      });
      await journey(k, async () => {
        await k.goto(t.server.base + '/post');
        const row = k.getByRole('row').filter({ hasText: 'The walls: approved' });
        await row.getByText("Kazekage's office (by Aiko Nishida)").waitFor();
      });
      // The Kazekage, another member of the office, finds her letter in the office's sent post.
      const gaara = await logIn(t, 'gaara');
      const g = gaara.page;
      await journey(g, async () => {
        await g.goto(t.server.base + '/post');
        await g.getByRole('navigation', { name: 'Your post' }).getByRole('link', { name: 'Sent' }).click();
        await g.getByRole('heading', { level: 1, name: 'Sent post' }).waitFor();
        await g.getByLabel('Sent by').selectOption({ label: "Kazekage's office (any of its members)" });
        const row = g.getByRole('row').filter({ hasText: 'The walls: approved' });
        await row.getByText("Kazekage's office (by Aiko Nishida)").waitFor();
        await row.getByText('Kankuro: ').waitFor();
        await axe(g, "the office's sent post");
        await shot(g, `post-sent-office-${t.name}`);
      });
      for (const x of [aiko, kankuro, gaara]) await x.context.close();
    });

    it('the clerk saves a draft with nobody addressed, finds it among her drafts, is refused sending it unaddressed, addresses it and sends it; the binder sits on the Kazekage\'s desk', async () => {
      const aiko = await logIn(t, 'aiko');
      const a = aiko.page;
      await journey(a, async () => {
        await a.goto(t.server.base + '/post/compose');
        await a.getByLabel('Subject').fill('Notes for the inquest');
        await a.getByLabel('Message', { exact: true }).fill('To be finished after the sitting.');
        await a.getByLabel('Action requested (the recipient should act, not only read)').check();
        await a.getByRole('button', { name: 'Save draft' }).click();
        await a.getByRole('status').filter({ hasText: /^Draft saved at / }).waitFor();
        await a.getByRole('heading', { level: 1, name: 'Finish a draft' }).waitFor();
        await axe(a, 'a saved draft');
        await a.goto(t.server.base + '/post');
        const drafts = a.getByRole('region', { name: /^Drafts/ });
        await drafts.getByText('to nobody yet', { exact: false }).waitFor();
        await drafts.getByRole('link', { name: 'Notes for the inquest' }).click();
        await a.getByRole('heading', { level: 1, name: 'Finish a draft' }).waitFor();
        assert.equal(await a.getByLabel('Subject').inputValue(), 'Notes for the inquest');
        assert.equal(await a.getByLabel('Action requested (the recipient should act, not only read)').isChecked(), true);
        await a.getByRole('button', { name: 'Send by hawk' }).click();
        await a.locator('#compose-to .error-message').filter({ hasText: 'name at least one recipient' }).waitFor();
        await a.getByLabel('Add a person').fill('Kankuro');
        await a.getByRole('button', { name: /^Kankuro/ }).click();
        await a.getByRole('button', { name: 'Send by hawk' }).click();
        await a.getByRole('heading', { level: 1, name: 'Notes for the inquest' }).waitFor();
        await a.goto(t.server.base + '/post');
        await a.getByRole('heading', { level: 1, name: 'Pigeon hole' }).waitFor();
        assert.equal(await a.getByRole('region', { name: /^Drafts/ }).count(), 0, 'the draft is gone once sent');
      });
      await aiko.context.close();
      const gaara = await logInAs(browser, t, 'gaara', { height: 900 });
      const g = gaara.page;
      await journey(g, async () => {
        await g.goto(t.server.base + '/desk');
        await g.getByRole('heading', { level: 1, name: 'Desk' }).waitFor();
        const binder = g.locator('.desk-list li').filter({ hasText: 'The binder: papers awaiting your signature' });
        await binder.waitFor();
        await binder.getByRole('link', { name: /^Open the message HP-/ }).click();
        await g.getByRole('heading', { level: 1, name: 'The binder: papers awaiting your signature' }).waitFor();
      });
      await gaara.context.close();
    });
  });
}
