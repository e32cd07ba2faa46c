// Debian's Chromium driven by playwright-core (no browser download): started headless with the flags this closed
// network needs (no background connections), every request and console error of a page recorded.
import { type Browser, chromium, type Page } from 'playwright-core';

export const chromiumPath = process.env.GITOPS_CHROMIUM ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    timeout: 120_000,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** What a page asked for and what went wrong in it, while it is open. */
export interface PageWatch {
  readonly requests: string[];
  readonly errors: string[];
}

export function watchPage(page: Page): PageWatch {
  const watch: PageWatch = { requests: [], errors: [] };
  page.on('request', (request) => watch.requests.push(request.url()));
  page.on('console', (message) => {
    if (message.type() === 'error') watch.errors.push(message.text());
  });
  page.on('pageerror', (error) => watch.errors.push(error.message));
  page.on('requestfailed', (request) => watch.errors.push(`failed: ${request.url()}`));
  return watch;
}
