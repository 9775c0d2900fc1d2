// The clerk keeps the minutes, clicked in Chromium on both databases: from the demo's
// extraordinary sitting (its minutes drafted from the record, awaiting approval) Aiko opens the
// minutes page, edits the draft and saves it, meets a conflict when the draft changed meanwhile
// and is told what to do, approves them; the text is then read-only. axe on each state.
// With SESSION_SHOTS=<dir>, the page is also saved as PNGs there, to look at.
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { journeyFile, journey, checkAxe as axe, logInAs, shot, type Target } from './harness.ts';

const SHOTS = process.env.SESSION_SHOTS;
const { targets, browser } = await journeyFile();
const logIn = async (t: Target, username: string) => (await logInAs(browser, t, username)).page;
before(async () => {
  if (SHOTS) fs.mkdirSync(SHOTS, { recursive: true });
});



for (const t of targets) {
  describe(`council minutes on ${t.name}`, () => {
    it('the clerk edits the draft minutes, meets a conflict, approves them; then they are read-only', async () => {
      const c = await logIn(t, 'aiko');
      await journey(c, async () => {
        await c.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Council' }).click();
        await c.getByRole('link', { name: 'Extraordinary sitting: the orphans bill' }).click();
        await c.getByRole('link', { name: 'Minutes', exact: true }).click();
        await c.getByRole('heading', { level: 1, name: /^Minutes of CS-/ }).waitFor();
        await c.getByText('Draft, version 1').waitFor();
        // The document: votes by name, citations linked to the statute book.
        await c.getByRole('heading', { name: 'Votes by name, from the record' }).waitFor();
        // The citations are linked once the statute book has answered: wait for the first, do not count at once.
        await c.locator('.minutes-text a[href^="/statutes/"]').first().waitFor();
        assert.ok(await c.locator('.minutes-text a[href^="/statutes/"]').count() > 0, 'a statute citation is linked');
        await axe(c, 'the draft minutes');
        await shot(c, 'minutes-draft');

        const editor = c.getByRole('textbox', { name: /Text of the minutes/ });
        const text = await editor.inputValue();
        await editor.fill(`${text}\nThe clerk notes that the sitting ended in good order.`);
        await c.getByRole('button', { name: 'Save the draft' }).click();
        await c.getByText('Saved as version 2.').waitFor();
        await c.getByText('Draft, version 2').waitFor();

        // Someone else saves meanwhile (the same clerk, from another tab): this page's version is stale.
        const code = (await c.getByRole('heading', { level: 1 }).textContent())!.match(/CS-\d{4}-\d{3}/)![0];
        // The clerk is typing when another tab saves: an editor left untouched would rightly take
        // the newer version as it arrives live, so the conflict is met only by unsaved work.
        await editor.fill(`${text}\nMy late change.`);
        const other = await c.context().newPage();
        await other.goto(`${t.server.base}/legislature/sessions/${code}/minutes`);
        await other.getByRole('textbox', { name: /Text of the minutes/ }).fill(`${text}\nChanged in another tab.`);
        await other.getByRole('button', { name: 'Save the draft' }).click();
        await other.getByText('Saved as version 3.').waitFor();
        await other.close();
        await c.getByRole('button', { name: 'Save the draft' }).click();
        const conflict = c.getByRole('alert').filter({ hasText: 'Someone else changed these minutes' });
        await conflict.waitFor();
        assert.match((await conflict.textContent())!, /Load the latest version/);
        await axe(c, 'the minutes with a conflict');
        await shot(c, 'minutes-conflict');
        await conflict.getByRole('button', { name: 'Load the latest version' }).click();
        await c.getByText('Draft, version 3').waitFor();
        assert.match(await editor.inputValue(), /Changed in another tab\./);

        await c.getByRole('button', { name: 'Approve' }).click();
        await c.getByText(/^Approved on /).waitFor();
        assert.equal(await c.getByRole('textbox', { name: /Text of the minutes/ }).count(), 0, 'no editor once approved');
        assert.equal(await c.getByRole('button', { name: 'Approve' }).count(), 0);
        await c.getByText('Changed in another tab.').waitFor();
        await axe(c, 'the approved minutes');
        await shot(c, 'minutes-approved');
      });
    });
  });
}
