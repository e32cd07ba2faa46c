import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { ConfigError, matchPreviewFolder, parseConfig, safeBranch } from '../src/index';
import { makeRepository } from './repository';

const base = `environments:
  dev:
    path: envs/dev
  prod:
    path: envs/prod
apps:
  web:
    image: ghcr.io/acme/web
  api:
    image: ghcr.io/acme/api
`;

function repository(): string {
  const root = makeRepository(['envs/dev', 'envs/prod', 'previews/template']);
  mkdirSync(path.join(root, 'previews', 'template', 'argocd'), { recursive: true });
  return root;
}

const problems = (root: string, text: string): string[] => {
  try {
    parseConfig(text, { root, file: 'gitops.yaml' });
  } catch (error) {
    if (error instanceof ConfigError) return error.message.split('\n');
    throw error;
  }
  return [];
};

describe('gitops.yaml previews', () => {
  test('a full block: template, path, apps, url, max, ttl and a controller named per pull request', () => {
    const root = repository();
    const config = parseConfig(
      `${base}previews:
  template: previews/template
  path: previews/pr-{number}
  apps: [web]
  url: https://pr-{number}.preview.example.com
  max: 5
  ttl: 36h
  controller:
    argocd:
      server: https://argocd.example.com
      application: web-pr-{number}
`,
      { root, file: 'gitops.yaml' },
    );
    expect(config.previews).toMatchObject({
      template: 'previews/template',
      path: 'previews/pr-{number}',
      apps: ['web'],
      url: 'https://pr-{number}.preview.example.com',
      max: 5,
      ttlHours: 36,
      controller: { kind: 'argocd', name: 'web-pr-{number}' },
    });
  });

  test('defaults: every app, 10 at once, 7 days', () => {
    const config = parseConfig(`${base}previews:\n  template: previews/template\n  path: previews/pr-{number}\n`, {
      root: repository(),
      file: 'gitops.yaml',
    });
    expect(config.previews).toMatchObject({ apps: undefined, max: 10, ttlHours: 168, url: undefined });
  });

  test.each([
    [
      'a path without {number}',
      '  template: previews/template\n  path: previews/shared\n',
      [
        'gitops.yaml:13:9: previews.path: "previews/shared" holds no {number}: each pull request needs a folder of its own, e.g. "previews/pr-{number}"',
      ],
    ],
    [
      'a template that is not there, and one that leaves the repository',
      '  template: previews/none\n  path: previews/pr-{number}\n',
      ['gitops.yaml:12:13: previews.template: folder "previews/none" does not exist in the repository'],
    ],
    [
      'a path inside an environment',
      '  template: previews/template\n  path: envs/dev/pr-{number}\n',
      [
        'gitops.yaml:13:9: previews.path: a preview at "envs/dev/pr-1" would share the folder of environment "dev" ("envs/dev"); previews need their own',
      ],
    ],
    [
      'an unknown app, placeholder and ttl',
      '  template: previews/template\n  path: previews/{branch}-{number}\n  apps: [wbe]\n  ttl: 2w\n',
      [
        'gitops.yaml:13:9: previews.path: unknown placeholder "{branch}"; here only {number}, {app} are replaced',
        'gitops.yaml:14:10: previews.apps[0]: unknown app "wbe"; did you mean "web"?',
        'gitops.yaml:15:8: previews.ttl: "2w" is not hours or days, e.g. "36h" or "7d"',
      ],
    ],
    [
      'a controller name with a placeholder previews do not have',
      '  template: previews/template\n  path: previews/pr-{number}\n  controller:\n    flux:\n      name: apps-{env}\n',
      [
        'gitops.yaml:16:13: previews.controller.flux.name: unknown placeholder "{env}"; names may hold {number} and {app}',
      ],
    ],
  ])('%s is reported at its key', (_name, block, expected) => {
    expect(problems(repository(), `${base}previews:\n${block}`)).toEqual(expected);
  });

  test('a template that leaves the repository through a link is refused', () => {
    expect(problems(repository(), `${base}previews:\n  template: escape\n  path: previews/pr-{number}\n`)).toEqual([
      expect.stringMatching(/^gitops\.yaml:12:13: previews\.template: .*(outside|leaves)/),
    ]);
  });
});

describe('preview folders', () => {
  const previews = (path: string) =>
    ({
      template: 't',
      path,
      apps: undefined,
      url: undefined,
      max: 10,
      ttlHours: 168,
      controller: undefined,
      location: undefined,
    }) as const;

  test('a folder is a preview when it matches the path whole: digits for {number}, one segment for {app}', () => {
    expect(matchPreviewFolder(previews('previews/pr-{number}'), 'previews/pr-12')).toEqual({
      number: 12,
      app: undefined,
    });
    expect(matchPreviewFolder(previews('previews/{app}/pr-{number}'), 'previews/web/pr-7')).toEqual({
      number: 7,
      app: 'web',
    });
    for (const folder of [
      'previews/pr-012',
      'previews/pr-12/x',
      'previews/pr-',
      'previews/pr-1a',
      'xpreviews/pr-1',
      'previews/pr-1234567890',
    ])
      expect(matchPreviewFolder(previews('previews/pr-{number}'), folder), folder).toBeUndefined();
    // Regular expression characters in the path are its own characters.
    expect(matchPreviewFolder(previews('p.v/pr-{number}'), 'pxv/pr-1')).toBeUndefined();
  });

  test('a branch stands in names as lower-case letters, digits and dashes, at most 40', () => {
    expect(safeBranch('feature/Login-Page')).toBe('feature-login-page');
    expect(safeBranch('$(touch /tmp/x);`id`')).toBe('touch-tmp-x-id');
    expect(safeBranch('---')).toBe('branch');
    expect(safeBranch(`a/${'b'.repeat(60)}`)).toHaveLength(40);
  });
});
