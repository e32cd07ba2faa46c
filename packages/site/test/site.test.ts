import { describe, expect, test } from 'vitest';
import { esc, link, safeUrl, span } from '../src/html';
import { renderSite, type SiteData } from '../src/index';

const hostile = '<script>alert(1)</script>"\'&';
const data: SiteData = {
  title: `acme/${hostile}`,
  generatedAt: '2026-12-07T12:00:00.000Z',
  environments: [
    { name: 'dev', promoteFrom: undefined, held: undefined, frozen: undefined, clusters: undefined },
    {
      name: 'prod',
      promoteFrom: 'dev',
      held: { reason: hostile, by: hostile, at: undefined },
      frozen: { reason: hostile, until: '2026-12-08' },
      clusters: 4,
    },
  ],
  apps: [
    {
      name: 'web',
      cells: {
        dev: {
          image: 'ghcr.io/acme/web:1.2.0@sha256:0123456789ab',
          version: '1.2.0',
          digest: '0123456789ab',
          since: '2026-12-04T12:00:00.000Z',
          health: { health: hostile, synced: false, message: hostile },
          builtBy: 'acme/web/.github/workflows/ci.yml@refs/heads/main',
          rejected: [hostile],
        },
      },
      pending: [{ from: 'dev', to: 'prod', image: hostile }],
      fleets: { prod: { leading: null, onLeading: 1, clusters: 4, waves: { done: 1, of: 3 } } },
      previews: [12],
      history: [],
    },
  ],
  healthNotes: [hostile],
  healthRead: true,
  history: [
    {
      commit: 'a'.repeat(40),
      at: '2026-12-04T12:00:00.000Z',
      subject: hostile,
      action: 'rollback',
      environment: 'dev',
      apps: [{ app: 'web', image: hostile }],
      commitUrl: `https://github.com/acme/config/commit/${'a'.repeat(40)}`,
      runUrl: 'javascript:alert(1)',
    },
  ],
  metrics: {
    since: '2026-09-08T12:00:00.000Z',
    until: '2026-12-07T12:00:00.000Z',
    environments: [
      {
        environment: 'dev',
        deployments: 13,
        perWeek: 1.0111,
        leadTimeMedian: 7200,
        failureRate: 0.25,
        timeToRestoreMedian: undefined,
      },
    ],
  },
};

describe('the dashboard site', () => {
  const files = renderSite(data);
  const pages = files.filter((file) => file.path.endsWith('.html'));

  test('has the four pages and one per app, beside its own style sheet and script', () => {
    expect(files.map((file) => file.path)).toEqual([
      'site.css',
      'site.js',
      'index.html',
      'lanes.html',
      'history.html',
      'metrics.html',
      'apps/web.html',
    ]);
  });

  test('every page allows only its own files, and holds no inline script, style or handler', () => {
    for (const page of pages) {
      expect(page.text).toContain(
        `content="default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'"`,
      );
      expect(page.text.match(/<script\b[^>]*>/g)).toEqual([
        `<script src="${page.path.startsWith('apps/') ? '../' : ''}site.js" defer>`,
      ]);
      expect(page.text).not.toMatch(/ style=|<style|\son[a-z]+=|<script>|javascript:/i);
    }
  });

  test('every value from Git or a server is escaped', () => {
    for (const page of pages) expect(page.text, page.path).not.toContain('<script>alert(1)');
    const history = pages.find((page) => page.path === 'history.html')?.text ?? '';
    expect(history).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;');
    expect(history).toContain(`<a href="https://github.com/acme/config/commit/${'a'.repeat(40)}">aaaaaaa</a>`);
    expect(history).toContain('<tr class="rollback"');
  });

  test('a chart bar holds the exact figure', () => {
    const metrics = pages.find((page) => page.path === 'metrics.html')?.text ?? '';
    expect(metrics).toContain('data-env="dev" data-value="1.0111"');
    expect(metrics).toContain('data-env="dev" data-value="7200"');
    expect(metrics).toContain('data-env="dev" data-value=""');
  });

  test('a fleet is a progress bar on the lanes page', () => {
    const lanes = pages.find((page) => page.path === 'lanes.html')?.text ?? '';
    expect(lanes).toContain('<progress max="4" value="1"');
    expect(lanes).toContain('dev → prod: 1 waiting');
  });
});

describe('links and words', () => {
  test('only plain http(s) addresses become links', () => {
    expect(safeUrl('https://github.com/acme/config/actions/runs/1')).toBe(
      'https://github.com/acme/config/actions/runs/1',
    );
    for (const url of ['javascript:alert(1)', 'data:text/html,x', 'https://x" onmouseover="a', '//evil.example', ''])
      expect(safeUrl(url), url).toBeUndefined();
    expect(link('run', 'javascript:alert(1)')).toBe('run');
    expect(esc(`<a href="x">'&`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;');
  });

  test('ages in the words a cell has room for', () => {
    const now = '2026-12-07T12:00:00Z';
    expect(span('2026-12-07T11:15:00Z', now)).toBe('45m');
    expect(span('2026-12-06T12:00:00Z', now)).toBe('24h');
    expect(span('2026-12-01T12:00:00Z', now)).toBe('6d');
    expect(span(undefined, now)).toBeUndefined();
  });
});
