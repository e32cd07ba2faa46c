import { readdirSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { ConfigError, parseConfig } from '../src/index';
import { makeRepository } from './repository';

const base = `environments:
  dev:
    path: envs/dev
  staging:
    path: envs/staging
  prod:
    path: envs/prod
`;
const withApp = (app: string) => `${base}apps:\n  web:\n${app}`;
const image = '    image: ghcr.io/acme/web\n';

// Each case: gitops.yaml text and the exact messages, every problem at once, in file order.
const cases: [string, string, string[]][] = [
  [
    'not YAML',
    'environments: [dev\n',
    ['gitops.yaml:2:1: Flow sequence in block collection must be sufficiently indented and end with a ]'],
  ],
  ['tab indentation', 'environments:\n\tdev: {}\n', ['gitops.yaml:2:1: Tabs are not allowed as indentation']],
  ['duplicate key', `${base}  dev:\n    path: envs/dev\n`, ['gitops.yaml:8:3: Map keys must be unique']],
  ['empty file', '', ['gitops.yaml:1:1: the file is empty; it needs an "environments:" mapping']],
  [
    'top level a list',
    '- dev\n',
    ['gitops.yaml:1:1: the top level must be a mapping; it needs an "environments:" mapping'],
  ],
  ['no environments', 'apps: {}\n', ['gitops.yaml:1:1: missing required key "environments"']],
  [
    'environments a list',
    'environments:\n  - dev\n',
    ['gitops.yaml:2:3: environments: expected a mapping, got a list'],
  ],
  ['environments empty', 'environments: {}\n', ['gitops.yaml:1:15: environments: must not be empty']],
  [
    'unknown top-level key',
    `${base}aps: {}\n`,
    ['gitops.yaml:8:1: aps: unknown key in the top level; did you mean "apps"?'],
  ],
  [
    'misspelt environment key',
    base.replace('path: envs/prod', 'path: envs/prod\n    promte-from: staging'),
    ['gitops.yaml:8:5: environments.prod.promte-from: unknown key in environments.prod; did you mean "promote-from"?'],
  ],
  [
    'path not a string',
    base.replace('path: envs/dev', 'path: 42'),
    ['gitops.yaml:3:11: environments.dev.path: expected a string, got a number (42)'],
  ],
  [
    'via not allowed',
    base.replace('path: envs/prod', 'path: envs/prod\n    via: pr'),
    ['gitops.yaml:8:10: environments.prod.via: "pr" is not one of commit, pull-request'],
  ],
  [
    'require-digest not a boolean',
    base.replace('path: envs/prod', 'path: envs/prod\n    require-digest: "yes"'),
    ['gitops.yaml:8:21: environments.prod.require-digest: expected a boolean, got a string ("yes")'],
  ],
  [
    'require-healthy without a controller on the source',
    base.replace('path: envs/prod', 'path: envs/prod\n    require-healthy: true'),
    [
      'gitops.yaml:8:22: environments.prod.require-healthy: needs the health of "staging", its source: declare controller (argocd or flux) on environment "staging"',
    ],
  ],
  [
    'require-provenance with require-digest false, a bad repository, a bad ref, an escaping trust root',
    base.replace(
      'path: envs/prod',
      'path: envs/prod\n    require-digest: false\n    require-provenance:\n      repository: [acme/web, "acme/{service}", acme]\n      ref: main\n      trusted-root: ../roots.json',
    ),
    [
      'gitops.yaml:8:21: environments.prod.require-digest: require-provenance verifies digests, so it needs require-digest',
      'gitops.yaml:10:30: environments.prod.require-provenance.repository[1]: unknown placeholder "{service}"; names may hold {app} and {env}',
      'gitops.yaml:10:48: environments.prod.require-provenance.repository[2]: "acme" does not match ^[A-Za-z0-9-]+/([A-Za-z0-9._-]|\\{[a-z]+\\})+$',
      'gitops.yaml:11:12: environments.prod.require-provenance.ref: "main" does not match ^refs/',
      'gitops.yaml:12:21: environments.prod.require-provenance.trusted-root: "../roots.json" leaves the repository; paths must stay inside it',
    ],
  ],
  [
    'require-provenance repository neither a name nor a list',
    base.replace('path: envs/prod', 'path: envs/prod\n    require-provenance: { repository: 3 }'),
    [
      'gitops.yaml:8:39: environments.prod.require-provenance.repository: expected a string or a list, got a number (3)',
    ],
  ],
  [
    'auto-promote into the first environment',
    base.replace('path: envs/dev', 'path: envs/dev\n    auto-promote: true'),
    [
      'gitops.yaml:4:19: environments.dev.auto-promote: environment "dev" is promoted from nothing, so there is no health to go by',
    ],
  ],
  [
    'controller with an unknown placeholder',
    base.replace(
      'path: envs/dev',
      'path: envs/dev\n    controller:\n      argocd: { server: "https://argocd.example.com", application: "{service}-dev" }',
    ),
    [
      'gitops.yaml:5:68: environments.dev.controller.argocd.application: unknown placeholder "{service}"; names may hold {app} and {env}',
    ],
  ],
  [
    'controller naming two',
    base.replace(
      'path: envs/dev',
      'path: envs/dev\n    controller:\n      argocd: { server: "https://argocd.example.com", application: dev }\n      flux: { name: dev }',
    ),
    ['gitops.yaml:5:7: environments.dev.controller: names argocd and flux; one environment has one of them'],
  ],
  [
    'argocd server not an address',
    base.replace(
      'path: envs/dev',
      'path: envs/dev\n    controller:\n      argocd: { server: argocd.example.com, application: dev }',
    ),
    [
      'gitops.yaml:5:25: environments.dev.controller.argocd.server: "argocd.example.com" is not an http(s) address, e.g. "https://argocd.example.com"',
    ],
  ],
  [
    'environment without path',
    'environments:\n  dev:\n    via: commit\n',
    ['gitops.yaml:2:3: environments.dev: missing required key "path"'],
  ],
  [
    'unknown promote-from',
    base.replace('path: envs/prod', 'path: envs/prod\n    promote-from: stagin'),
    ['gitops.yaml:8:19: environments.prod.promote-from: unknown environment "stagin"; did you mean "staging"?'],
  ],
  [
    'promoted from itself',
    base.replace('path: envs/prod', 'path: envs/prod\n    promote-from: prod'),
    ['gitops.yaml:8:19: environments.prod.promote-from: environment "prod" cannot be promoted from itself'],
  ],
  [
    'promotion cycle',
    base.replace('path: envs/dev', 'path: envs/dev\n    promote-from: prod'),
    [
      'gitops.yaml:4:19: environments.dev.promote-from: promotion cycle dev ← prod ← staging ← dev; every chain must start at an environment nothing is promoted into',
    ],
  ],
  [
    'duplicate environment path',
    base.replace('path: envs/prod', 'path: envs/staging/'),
    [
      'gitops.yaml:7:11: environments.prod.path: "envs/staging" is already the path of environment "staging"; each environment needs its own folder',
    ],
  ],
  [
    'missing environment folder',
    base.replace('path: envs/prod', 'path: envs/production'),
    ['gitops.yaml:7:11: environments.prod.path: folder "envs/production" does not exist in the repository'],
  ],
  [
    'environment path is a file',
    base.replace('path: envs/prod', 'path: README.md'),
    ['gitops.yaml:7:11: environments.prod.path: "README.md" is a file; an environment path is a folder'],
  ],
  [
    'absolute path',
    base.replace('path: envs/prod', 'path: /etc'),
    ['gitops.yaml:7:11: environments.prod.path: "/etc" is absolute; write it relative to the repository root'],
  ],
  [
    'path leaves the repository',
    base.replace('path: envs/prod', 'path: envs/../../outside'),
    ['gitops.yaml:7:11: environments.prod.path: "envs/../../outside" leaves the repository; paths must stay inside it'],
  ],
  [
    'symlink out of the repository',
    base.replace('path: envs/prod', 'path: escape/sub'),
    ['gitops.yaml:7:11: environments.prod.path: "escape/sub" goes through a symbolic link that leaves the repository'],
  ],
  [
    'app without image',
    withApp('    targets:\n      - file: envs/{env}/kustomization.yaml\n'),
    ['gitops.yaml:9:3: apps.web: missing required key "image"'],
  ],
  [
    'app image not lowercase',
    withApp('    image: ghcr.io/Acme/web\n'),
    ['gitops.yaml:10:12: apps.web.image: the repository name must be lowercase ("ghcr.io/Acme/web")'],
  ],
  [
    'app image with a tag',
    withApp('    image: ghcr.io/acme/web:1.0\n'),
    [
      'gitops.yaml:10:12: apps.web.image: "ghcr.io/acme/web:1.0" carries a tag or digest; write the image name only (deploy sets the version)',
    ],
  ],
  [
    'app name with a space',
    `${base}apps:\n  web app:\n${image}`,
    [
      'gitops.yaml:9:3: apps.web app: "web app" is not a valid name: use letters, digits, ".", "_" and "-", starting with a letter or digit, at most 63 characters',
    ],
  ],
  [
    'target file outside the repository',
    withApp(`${image}    targets:\n      - file: ../{env}/kustomization.yaml\n`),
    [
      'gitops.yaml:12:15: apps.web.targets[0].file: "../dev/kustomization.yaml" leaves the repository; paths must stay inside it',
    ],
  ],
  [
    'target through a symlink out',
    withApp(`${image}    targets:\n      - file: escape/{env}.yaml\n`),
    [
      'gitops.yaml:12:15: apps.web.targets[0].file: "escape/dev.yaml" goes through a symbolic link that leaves the repository',
    ],
  ],
  [
    'target shared by every environment',
    withApp(`${image}    targets:\n      - file: values.yaml\n        path: web.image\n`),
    [
      'gitops.yaml:12:15: apps.web.targets[0].file: every environment would write the same place; put {env} in "file" or "path", or list the environments this target is for under "environments"',
    ],
  ],
  [
    'unknown placeholder',
    withApp(`${image}    targets:\n      - file: envs/{environment}/kustomization.yaml\n`),
    ['gitops.yaml:12:15: apps.web.targets[0].file: unknown placeholder "{environment}"; the only placeholder is {env}'],
  ],
  [
    'write without path',
    withApp(`${image}    targets:\n      - file: envs/{env}/kustomization.yaml\n        write: tag\n`),
    ['gitops.yaml:13:16: apps.web.targets[0].write: "write" applies to a "path" target; add "path" or remove "write"'],
  ],
  [
    'unknown write mode',
    withApp(
      `${image}    targets:\n      - file: envs/{env}/values.yaml\n        path: web.image\n        write: tags\n`,
    ),
    [
      'gitops.yaml:14:16: apps.web.targets[0].write: "tags" is not one of reference, tag, digest, tag@digest; did you mean "tag"?',
    ],
  ],
  [
    'target for an unknown environment',
    withApp(`${image}    targets:\n      - file: values.yaml\n        path: web.image\n        environments: [prd]\n`),
    ['gitops.yaml:14:24: apps.web.targets[0].environments[0]: unknown environment "prd"; did you mean "prod"?'],
  ],
  [
    'override for an unknown environment',
    withApp(`${image}    environments:\n      production:\n        image: registry.acme.io/web\n`),
    ['gitops.yaml:12:7: apps.web.environments.production: unknown environment "production"; known: dev, staging, prod'],
  ],
  [
    'image-policy not namespace:name',
    withApp(`${image}    image-policy: web\n`),
    [
      'gitops.yaml:11:19: apps.web.image-policy: "web" is not "namespace:name" of a Flux ImagePolicy, e.g. "flux-system:web"',
    ],
  ],
  [
    'unknown policy',
    `${base}policies:\n  image-latest: error\n`,
    ['gitops.yaml:9:3: policies.image-latest: unknown key in policies; did you mean "image-latest-tag"?'],
  ],
  [
    'unknown severity',
    `${base}policies:\n  image-latest-tag: fatal\n`,
    ['gitops.yaml:9:21: policies.image-latest-tag: "fatal" is not one of off, warning, error'],
  ],
  [
    'alias bomb',
    `a: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\n${base}`,
    ['gitops.yaml:1:1: cannot be read: Excessive alias count indicates a resource exhaustion attack'],
  ],
  [
    'several problems reported together',
    `${base.replace('path: envs/prod', 'path: envs/prod\n    via: pr\n    promote-from: stagin')}aps: {}\n`,
    [
      'gitops.yaml:8:10: environments.prod.via: "pr" is not one of commit, pull-request',
      'gitops.yaml:9:19: environments.prod.promote-from: unknown environment "stagin"; did you mean "staging"?',
      'gitops.yaml:10:1: aps: unknown key in the top level; did you mean "apps"?',
    ],
  ],
];

describe('gitops.yaml errors name file:line:column, the key, and what to do', () => {
  const root = makeRepository();

  test('the table has at least 20 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
  });

  test.each(cases)('%s', (_name, text, expected) => {
    const before = readdirSync(root).sort();
    let caught: unknown;
    try {
      parseConfig(text, { root, file: 'gitops.yaml' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).message.split('\n')).toEqual(expected);
    expect((caught as ConfigError).problems).toHaveLength(expected.length);
    expect(readdirSync(root).sort()).toEqual(before);
  });
});
