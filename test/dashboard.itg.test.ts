// The dashboard (gitops report --html) in Debian's Chromium, opened from file:// as a user opens it: a generated
// config repository of 300 apps × 20 environments with promotions, rollbacks, a hold and a fleet; every matrix
// cell, the lanes and the charts checked against `gitops status --json` and `gitops metrics --json` of the same
// repository; no request outside the site, no console error, the filter working under the pages' CSP.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium, watchPage } from './support/browser';
import { type DashboardRepo, generateDashboardRepo } from './support/dashboard-repo';
import { projectRoot, runAction } from './support/index';

const artifacts = path.join(projectRoot, '.tmp/dashboard');
let root: string;
let work: string;
let site: string;
let repo: DashboardRepo;
let browser: Browser;

interface StatusEntry {
  app: string;
  environments: Record<string, string | null>;
  pending: { from: string; to: string; image: string }[];
  fleets: Record<string, { leading: string | null; clusters: Record<string, string | null> }>;
}

async function cli(args: string[]) {
  const result = await runAction('cli', {}, { args, workspace: work, timeoutMs: 300_000 });
  expect(result.exitCode, result.stderr).toBe(0);
  return result;
}

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'gitops-dashboard-'));
  repo = generateDashboardRepo(path.join(root, 'config.git'), { apps: 300, environments: 20 });
  work = path.join(root, 'work');
  execFileSync('git', ['clone', '-q', path.join(root, 'config.git'), work]);
  site = path.join(root, 'site');
  await cli(['report', '--html', site, '--repository-url', 'https://github.com/acme/config']);
  browser = await launchChromium();
  mkdirSync(artifacts, { recursive: true });
}, 600_000);

afterAll(async () => {
  await browser?.close();
});

const shortOf = (image: string | null) => {
  if (!image) return '-';
  const match = /:([^:@/]+)@sha256:([0-9a-f]{12})/.exec(image);
  return match ? `${match[1]}${match[2]}` : image;
};

describe('the dashboard of 300 apps × 20 environments in Chromium', () => {
  test('every matrix cell shows what gitops status --json says, and the page asks for nothing outside the site', async () => {
    const status = JSON.parse((await cli(['status', '--json'])).stdout) as StatusEntry[];
    const page = await browser.newPage();
    const watch = watchPage(page);
    await page.goto(pathToFileURL(path.join(site, 'index.html')).href);
    const head = await page
      .locator('#matrix thead th')
      .evaluateAll((cells) => cells.map((cell) => cell.firstChild?.textContent ?? ''));
    const rows = await page.locator('#matrix tbody tr').evaluateAll((found) =>
      found.map((row) => ({
        app: row.querySelector('th a')?.textContent ?? '',
        cells: [...row.querySelectorAll('td')].map((cell) => {
          const version = cell.firstChild?.nodeType === 3 ? (cell.firstChild.textContent ?? '') : '';
          return `${version}${cell.querySelector('code')?.textContent ?? ''}` || (cell.textContent ?? '');
        }),
      })),
    );
    const grid = { head, rows };
    expect(grid.head).toEqual(['App', ...repo.environments]);
    expect(grid.rows.map((row) => row.app)).toEqual(status.map((entry) => entry.app));
    for (const [index, entry] of status.entries()) {
      const expected = repo.environments.map((environment) =>
        shortOf(entry.fleets[environment]?.leading ?? entry.environments[environment] ?? null),
      );
      expect(grid.rows[index]?.cells, entry.app).toEqual(expected);
    }
    // The hold is marked on its environment, the rollback on its cell.
    expect(await page.locator('thead th', { hasText: repo.held }).locator('.mk').textContent()).toBe('held');
    const rolled = repo.environments.indexOf(repo.rolledBack.environment) + 2;
    const cell = page.locator(`#matrix tbody tr:has(th a:text-is("${repo.rolledBack.app}")) td:nth-child(${rolled})`);
    expect(await cell.locator('.mk').textContent()).toBe('rejected');
    expect(await page.locator('#health-note').textContent()).toContain('Health is left out');
    await page.screenshot({ path: path.join(artifacts, 'matrix.png') });
    expect(watch.errors).toEqual([]);
    expect(watch.requests.filter((url) => !url.startsWith(pathToFileURL(site).href))).toEqual([]);
    await page.close();
  });

  test('the lanes list what waits to be promoted, and the fleet as progress bars', async () => {
    const status = JSON.parse((await cli(['status', '--json'])).stdout) as StatusEntry[];
    const page = await browser.newPage();
    const watch = watchPage(page);
    await page.goto(pathToFileURL(path.join(site, 'lanes.html')).href);
    for (const environment of repo.environments.slice(1)) {
      const waiting = status.filter((entry) => entry.pending.some((step) => step.to === environment)).length;
      await expect(page.locator('h3', { hasText: new RegExp(`→ ${environment}: `) }).textContent()).resolves.toContain(
        `${environment}: ${waiting} waiting`,
      );
    }
    const bars = await page
      .locator('progress')
      .evaluateAll((found) => found.map((bar) => [Number(bar.getAttribute('value')), Number(bar.getAttribute('max'))]));
    const fleet = repo.environments.at(-1) as string;
    expect(bars).toEqual(
      status.flatMap((entry) => {
        const state = entry.fleets[fleet];
        if (!state) return [];
        const clusters = Object.values(state.clusters);
        return [[clusters.filter((image) => image === state.leading).length, clusters.length]];
      }),
    );
    expect(bars).toContainEqual([1, 6]);
    expect(watch.errors).toEqual([]);
    await page.close();
  });

  test("the charts hold gitops metrics' figures", async () => {
    const metrics = JSON.parse((await cli(['metrics', '--json'])).stdout) as {
      environments: {
        environment: string;
        perWeek: number;
        leadTime: { median?: number };
        changeFailureRate: { rate?: number };
        timeToRestore: { median?: number };
      }[];
    };
    const page = await browser.newPage();
    await page.goto(pathToFileURL(path.join(site, 'metrics.html')).href);
    const values = (chart: string) =>
      page
        .locator(`#${chart} rect`)
        .evaluateAll((bars) => bars.map((bar) => [bar.getAttribute('data-env'), bar.getAttribute('data-value')]));
    expect(await values('frequency')).toEqual(
      metrics.environments.map((entry) => [entry.environment, String(entry.perWeek)]),
    );
    expect(await values('lead-time')).toEqual(
      metrics.environments.map((entry) => [entry.environment, String(entry.leadTime.median ?? '')]),
    );
    expect(await values('failure-rate')).toEqual(
      metrics.environments.map((entry) => [entry.environment, String(entry.changeFailureRate.rate ?? '')]),
    );
    expect(await values('restore')).toEqual(
      metrics.environments.map((entry) => [entry.environment, String(entry.timeToRestore.median ?? '')]),
    );
    // The rollbacks of the generated history make a failure rate and a time to restore somewhere.
    expect(metrics.environments.some((entry) => (entry.changeFailureRate.rate ?? 0) > 0)).toBe(true);
    await page.close();
  });

  test('the history shows 200 changes, rollbacks highlighted, and filters by app and environment', async () => {
    const page = await browser.newPage();
    const watch = watchPage(page);
    await page.goto(pathToFileURL(path.join(site, 'history.html')).href);
    const rows = page.locator('#history tbody tr');
    expect(await rows.count()).toBe(200);
    expect(await page.locator('#history tbody tr.rollback').count()).toBeGreaterThan(0);
    // The script shows the form and filters; the CSP lets the site's own script run from file://.
    await page.selectOption('select[name="env"]', repo.rolledBack.environment);
    const shown = await rows.evaluateAll((found) =>
      found.filter((row) => !row.hasAttribute('hidden')).map((row) => row.getAttribute('data-env')),
    );
    expect(shown.length).toBeGreaterThan(0);
    expect(new Set(shown)).toEqual(new Set([repo.rolledBack.environment]));
    await page.selectOption('select[name="env"]', '');
    // An app the page's rollbacks name: the filter keeps its rows only.
    const app = (await page.locator('#history tbody tr.rollback').first().getAttribute('data-apps')) as string;
    await page.selectOption('select[name="app"]', app);
    const apps = await rows.evaluateAll((found) =>
      found.filter((row) => !row.hasAttribute('hidden')).map((row) => row.getAttribute('data-apps')),
    );
    expect(apps.length).toBeGreaterThan(0);
    for (const names of apps) expect(names?.split('\n')).toContain(app);
    expect(await page.locator('#history a[href^="https://github.com/acme/config/commit/"]').count()).toBe(200);
    expect(
      await page.locator('#history a[href^="https://github.com/acme/config/actions/runs/"]').count(),
    ).toBeGreaterThan(0);
    expect(watch.errors).toEqual([]);
    await page.close();
  });

  test('an app page shows its path through the environments and its history', async () => {
    const page = await browser.newPage();
    const watch = watchPage(page);
    await page.goto(pathToFileURL(path.join(site, 'index.html')).href);
    await page.click(`#matrix a:text-is("${repo.rolledBack.app}")`);
    expect(page.url()).toBe(pathToFileURL(path.join(site, 'apps', `${repo.rolledBack.app}.html`)).href);
    expect(await page.locator('#path tbody tr').count()).toBe(repo.environments.length);
    expect(await page.locator('#history tbody tr.rollback').count()).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(artifacts, 'app.png'), fullPage: true });
    expect(watch.errors).toEqual([]);
    await page.close();
  });

  test('every page weighs under 1 MB, and works with JavaScript off', async () => {
    const files = readdirSync(site, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.html'));
    expect(files.length).toBe(4 + repo.apps.length);
    for (const file of files) expect(statSync(path.join(site, file)).size, file).toBeLessThan(1_000_000);
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(pathToFileURL(path.join(site, 'history.html')).href);
    expect(await page.locator('#history tbody tr:visible').count()).toBe(200);
    expect(await page.locator('form[data-filter]').isHidden()).toBe(true);
    await context.close();
  });

  test('no serious accessibility violation (axe-core), in light and in dark', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const context = await browser.newContext({ colorScheme });
      const page = await context.newPage();
      // The matrix of 6,000 cells takes axe a minute: checked once, in light.
      const matrix = colorScheme === 'light' ? ['index.html'] : [];
      for (const file of [
        ...matrix,
        'history.html',
        'lanes.html',
        'metrics.html',
        `apps/${repo.rolledBack.app}.html`,
      ]) {
        await page.goto(pathToFileURL(path.join(site, file)).href);
        const result = await new AxeBuilder({ page }).analyze();
        const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
        expect(serious.map((v) => `${file} (${colorScheme}): ${v.id}: ${v.nodes[0]?.html}`)).toEqual([]);
      }
      await context.close();
    }
  }, 600_000);
});
