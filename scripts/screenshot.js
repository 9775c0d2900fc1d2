// Takes screenshots of pages in Debian's Chromium: node scripts/screenshot.js URL OUT.png [width] [height] [viewport]
// (the whole page, or only what fits the window when the fifth argument is "viewport")
import { chromium } from 'playwright-core';

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const [url, out, width = '1280', height = '900', crop] = process.argv.slice(2);
if (!url || !out) {
  console.error('usage: node scripts/screenshot.js URL OUT.png [width] [height]');
  process.exit(2);
}
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
const page = await browser.newPage({ viewport: { width: Number(width), height: Number(height) } });
await page.goto(url, { waitUntil: 'networkidle' });
await page.screenshot({ path: out, fullPage: crop !== 'viewport' });
await browser.close();
