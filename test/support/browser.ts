// Debian's chromium driven by playwright-core (no browser download): the real browser a reader opens report.html
// in. Launched per suite and closed at its end; nothing but the page's own file may be requested.
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium package (apt-get install chromium)`);
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** What a page did while it loaded: console errors, uncaught exceptions, and every URL it requested. */
export interface PageWatch {
  readonly errors: string[];
  readonly requests: string[];
}

export async function openWatched(browser: Browser, url: string): Promise<{ page: Page; watch: PageWatch }> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const watch: PageWatch = { errors: [], requests: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') watch.errors.push(message.text());
  });
  page.on('pageerror', (error) => watch.errors.push(error.message));
  page.on('request', (request) => watch.requests.push(request.url()));
  await page.goto(url, { waitUntil: 'load' });
  return { page, watch };
}
