// Scratch: screenshots of the bill pages (not committed).
import { startTargets, launchBrowser } from './harness.ts';
const [t] = await startTargets({ only: 'sqlite' });
const browser = await launchBrowser();
const out = process.env.OUT ?? '/tmp/bills-shots';
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(10000);
  const shot = async (name: string, path: string, ready: string) => {
    await page.goto(t!.server.base + path);
    await page.locator(ready).first().waitFor();
    await page.waitForTimeout(500);
    await page.screenshot({ path: `${out}/${name}.png`, fullPage: true });
  };
  await shot('anon-bills', '/bills', 'h1');
  await page.goto(t!.server.base + '/login');
  await page.getByLabel('Username').fill('aiko');
  await page.getByLabel('Password').fill(t!.accounts.get('aiko')!.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.locator('.user-menu').waitFor();
  await shot('bills', '/bills', '.bills-table');
  const code = (await page.locator('.bills-table .bill-code').first().textContent())!;
  await shot('bill', `/bills/${code}`, '.stage-tracker');
  await shot('drafting', '/drafting', 'h1');
  await page.goto(t!.server.base + `/bills/${code}`);
  for (const b of ['Record the next stage', 'Add a text version', 'Edit the drafting assignment', 'Edit the amendments']) {
    await page.getByRole('button', { name: b }).click();
    await page.locator('form.panel').waitFor();
    await page.locator('form.panel').screenshot({ path: `${out}/form-${b.split(' ').slice(-1)[0]}.png` });
    await page.getByRole('button', { name: b }).click();
  }
  await page.goto(t!.server.base + '/bills');
  await page.getByRole('button', { name: 'Draft a bill' }).click();
  await page.getByRole('button', { name: 'Draft the bill' }).click();
  await page.getByRole('alert').first().waitFor();
  await page.screenshot({ path: `${out}/new-bill-errors.png`, fullPage: true });
  await page.setViewportSize({ width: 400, height: 900 });
  await shot('bill-narrow', `/bills/${code}`, '.stage-tracker');
  console.log('done', code);
} finally {
  await browser.close();
  await t!.stop();
}
