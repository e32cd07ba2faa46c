// Everything the dashboard shows from Git or a server is untrusted: a subject, trailers (run address, provenance,
// reason, who), a hold's words in gitops.yaml and an Argo CD health message, each holding markup, a script and a
// `javascript:` link. Opened in Chromium, every one renders as the text it is: no script runs, no link leads to
// `javascript:`, no request leaves the site. Health comes from the Argo CD double, read with the token as the CLI
// reads it (and left out, with the page saying so, without it).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type ArgoCdDouble, startArgoCdDouble } from './support/argocd-double';
import { launchChromium, watchPage } from './support/browser';
import { headOf, seedConfigRepository } from './support/config-repo';
import { type GitDaemon, git, runAction, startGitDaemon, testGitIdentity } from './support/index';

const script = '<script>window.pwned=1</script>';
const image = '<img src=x onerror="window.pwned=2">';
const jsLink = 'javascript:window.pwned=3';
const sha = (c: string) => `sha256:${c.repeat(64)}`;

let daemon: GitDaemon;
let argocd: ArgoCdDouble;
let browser: Browser;
let work: string;

const deployment = (ref: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: ${ref}\n`;

beforeAll(async () => {
  [daemon, argocd] = await Promise.all([startGitDaemon(), startArgoCdDouble()]);
  const bare = seedConfigRepository(daemon, 'dashboard-hostile', {
    'gitops.yaml': `environments:
  dev:
    path: envs/dev
    controller:
      argocd: { server: "${argocd.url}", application: "web-dev", insecure: true }
  prod:
    path: envs/prod
    promote-from: dev
    hold: { reason: '${image}', by: '<a href="${jsLink}">x</a>' }
apps:
  web: { image: ghcr.io/acme/web }
`,
    'envs/dev/web.yaml': deployment(`ghcr.io/acme/web:1.0.0@${sha('a')}`),
    'envs/prod/web.yaml': deployment(`ghcr.io/acme/web:1.0.0@${sha('a')}`),
  });
  argocd.application('web-dev', () => ({
    sync: 'Synced',
    revision: headOf(bare),
    health: 'Degraded',
    healthMessage: `${script}<a href="${jsLink}">click</a>`,
  }));
  work = path.join(mkdtempSync(path.join(tmpdir(), 'gitops-dashboard-hostile-')), 'work');
  execFileSync('git', ['clone', '-q', daemon.url('dashboard-hostile'), work]);
  // A deploy whose trailers and subject carry markup, a script and a javascript: run address; then a hand edit.
  const message = `deploy(dev): ${script} ${image}

Gitops-Action: deploy
Gitops-Environment: dev
Gitops-App: web
Gitops-Image: ghcr.io/acme/web:1.1.0@${sha('b')}
Gitops-Previous-Image: ghcr.io/acme/web:1.0.0@${sha('a')}
Gitops-Provenance: ${script}
Gitops-Run: ${jsLink}
`;
  execFileSync('sed', ['-i', `s/1.0.0@${sha('a')}/1.1.0@${sha('b')}/`, 'envs/dev/web.yaml'], { cwd: work });
  git(['commit', '-qam', message], work, testGitIdentity);
  git(['commit', '-q', '--allow-empty', '-m', `${image} hand edit <b>bold</b>`], work, testGitIdentity);
  git(['push', '-q', 'origin', 'HEAD:main'], work);
  git(['fetch', '-q', 'origin'], work);
  argocd.application('web-dev', () => ({
    sync: 'Synced',
    revision: headOf(bare),
    health: 'Degraded',
    healthMessage: `${script}<a href="${jsLink}">click</a>`,
  }));
  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  await Promise.all([browser?.close(), daemon?.stop(), argocd?.stop()]);
});

async function report(site: string, env: Record<string, string>) {
  const result = await runAction(
    'cli',
    {},
    { args: ['report', '--html', site, '--repository-url', 'https://github.com/acme/config'], workspace: work, env },
  );
  expect(result.exitCode, result.stderr).toBe(0);
  return result;
}

test('hostile values from Git and from Argo CD render as text on every page', async () => {
  const site = path.join(path.dirname(work), 'site');
  const result = await report(site, { ARGOCD_AUTH_TOKEN: argocd.token });
  expect(result.stdout).not.toContain('without health');
  const context = await browser.newContext();
  const page = await context.newPage();
  const watch = watchPage(page);
  const dialogs: string[] = [];
  page.on('dialog', async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  for (const file of ['index.html', 'lanes.html', 'history.html', 'metrics.html', 'apps/web.html']) {
    await page.goto(pathToFileURL(path.join(site, file)).href);
    expect(await page.evaluate('window.pwned'), file).toBeUndefined();
    expect(await page.locator('script:not([src])').count(), file).toBe(0);
    expect(await page.locator('img').count(), file).toBe(0);
    const hrefs = await page.locator('a').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
    expect(
      hrefs.filter((href) => !/^(https:\/\/github\.com\/acme\/config\/|[\w./-]+\.html$|#)/.test(href)),
      file,
    ).toEqual([]);
  }
  // Each value is there, as the text it is.
  await page.goto(pathToFileURL(path.join(site, 'history.html')).href);
  const history = (await page.locator('#history').textContent()) ?? '';
  expect(history).toContain(`deploy(dev): ${script} ${image}`);
  expect(history).toContain(`${image} hand edit <b>bold</b>`);
  await page.goto(pathToFileURL(path.join(site, 'apps/web.html')).href);
  const journey = (await page.locator('#path').textContent()) ?? '';
  expect(journey).toContain(`Degraded: Deployment web-dev: ${script}<a href="${jsLink}">click</a>`);
  expect(await page.locator('#path [title]').first().getAttribute('title')).toBe(script);
  await page.goto(pathToFileURL(path.join(site, 'index.html')).href);
  expect(await page.locator('thead .mk').first().getAttribute('title')).toBe(`held: ${image}`);
  expect(dialogs).toEqual([]);
  expect(watch.errors).toEqual([]);
  expect(watch.requests.filter((url) => !url.startsWith(pathToFileURL(site).href))).toEqual([]);
  // Last: axe itself fetches the style sheet, which the page's CSP refuses (a console error of the tool's own).
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  await context.close();
  // The token never reaches the site.
  for (const file of ['index.html', 'apps/web.html'])
    expect(readFileSync(path.join(site, file), 'utf8')).not.toContain(argocd.token);
});

test('without controller credentials health is left out, and the page says so', async () => {
  const site = path.join(path.dirname(work), 'site-without');
  const result = await report(site, {});
  expect(result.stdout).toContain('without health');
  const html = readFileSync(path.join(site, 'index.html'), 'utf8');
  expect(html).toContain('Health is left out');
  expect(html).not.toContain('Degraded');
  expect(argocd.failures).toEqual([]);
});

test('the report action writes the site into the workspace, with health, the token masked and never written', async () => {
  const result = await runAction(
    'report',
    { 'argocd-token': argocd.token, output: 'public' },
    {
      workspace: work,
      env: { GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'acme/config', GITHUB_EVENT_NAME: 'push' },
    },
  );
  expect(result.exitCode, result.stderr).toBe(0);
  expect(result.outputs.path).toBe(path.join(work, 'public'));
  expect(result.outputs.health).toBe('true');
  expect(result.masks).toContain(argocd.token);
  expect(result.summary).toContain('Dashboard: ');
  const index = readFileSync(path.join(work, 'public/index.html'), 'utf8');
  expect(index).toContain('<title>Matrix · acme/config</title>');
  expect(index).toContain('class="Degraded"');
  expect(index).not.toContain(argocd.token);
  const history = readFileSync(path.join(work, 'public/history.html'), 'utf8');
  expect(history).toContain('href="https://github.com/acme/config/commit/');
});

test('the report action refuses an output folder outside the workspace, naming the input, and writes nothing', async () => {
  const outside = path.join(path.dirname(work), 'elsewhere');
  const result = await runAction('report', { output: outside }, { workspace: work });
  expect(result.exitCode).toBe(1);
  expect(result.annotations.map((annotation) => annotation.message).join('\n')).toMatch(/input output/);
  expect(result.stderr + result.stdout).not.toMatch(/\n\s+at /);
  expect(existsSync(outside)).toBe(false);
});
