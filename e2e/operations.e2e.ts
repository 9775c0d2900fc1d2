// Journey through the Timed work page, clicked in Chromium as a clerk would: find the kernel's
// scheduled clean-up, run it now, and see it done — run by the server's own job runner.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import { journeyFile, journey } from './harness.ts';

const AXE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const { targets, browser } = await journeyFile();

for (const t of targets) {
  describe(`timed work page on ${t.name}`, () => {
    it('a clerk runs the scheduled session clean-up now and sees it done; the page has no serious accessibility violation', async () => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      page.setDefaultTimeout(10_000);
      await journey(page, async () => {
        await page.goto(t.server.base + '/login');
        await page.getByLabel('Username').fill('aiko');
        await page.getByLabel('Password').fill(t.accounts.get('aiko')!.password);
        await page.getByRole('button', { name: 'Log in' }).click();
        await page.locator('.user-menu').waitFor();
        await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Timed work' }).click();
        await page.getByRole('heading', { level: 1, name: 'Timed work' }).waitFor();
        await page.getByRole('button', { name: /^Scheduled/ }).click();
        const row = page.getByRole('row').filter({ hasText: 'kernel.sessions.purge' });
        await row.getByRole('button', { name: 'Run now' }).click();
        await page.getByRole('status').getByText('kernel.sessions.purge').waitFor();
        // The server's runner was woken by the change and runs it within moments.
        for (let i = 0; ; i++) {
          await page.getByRole('button', { name: /^Done/ }).click();
          if (await page.getByRole('row').filter({ hasText: 'kernel.sessions.purge' }).count()) break;
          assert.ok(i < 20, 'the job was not done within 10 s');
          await page.waitForTimeout(500);
        }
        await page.evaluate(AXE);
        const found = await page.evaluate(async () => (await (window as any).axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })).violations
          .filter((v: any) => v.impact === 'serious' || v.impact === 'critical').map((v: any) => `${v.id}: ${v.help}`));
        assert.deepEqual(found, []);
      });
      await page.close();
    });
  });
}
