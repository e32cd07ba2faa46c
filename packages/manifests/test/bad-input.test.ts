import { mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { type ImageRef, resolveImageUpdate } from '@gitops/image-ref';
import { describe, expect, test } from 'vitest';
import { FileCache, ManifestError, planImageChanges, readImage } from '../src/index';
import type { AppMatcher } from '../src/place';
import type { TargetRef } from '../src/targets';

const web: ImageRef = { registry: 'ghcr.io', repository: 'acme/web' };
const matcher: AppMatcher = { app: 'web', names: [web], imagePolicy: undefined };
const sha = `sha256:${'a'.repeat(64)}`;

function repository(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'gitops-bad-'));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}

function snapshot(root: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (entry.isFile())
      files[path.join(entry.parentPath, entry.name)] = readFileSync(path.join(entry.parentPath, entry.name), 'utf8');
  }
  return files;
}

const deployment = (image: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: ${image}\n`;

interface Case {
  files: Record<string, string>;
  targets: TargetRef[];
  to?: string;
  expected: string[];
}

const cases: Record<string, Case> = {
  'malformed YAML': {
    files: { 'values.yaml': 'image:\n  tag: [1.0\n  other: x\n' },
    targets: [{ file: 'values.yaml', path: 'image.tag', write: 'tag' }],
    expected: [
      'values.yaml:3:3: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
    ],
  },
  // Missing keys are created by default (docs/targets.md); `create: false` makes them an error, as before.
  'path not in the file (create: false)': {
    files: { 'values.yaml': 'image:\n  repository: ghcr.io/acme/web\n' },
    targets: [{ file: 'values.yaml', path: 'image.tag', write: 'tag', create: false }],
    expected: ['values.yaml:2:3: target not found: path image.tag: no key "tag" in image'],
  },
  'path through a list that is not there': {
    files: { 'app.yaml': 'spec:\n  parameters:\n    - name: tag\n      value: "1"\n' },
    targets: [{ file: 'app.yaml', path: 'spec.parameters[3].value', write: 'tag' }],
    expected: ['app.yaml:3:5: target not found: path spec.parameters[3].value: spec.parameters has 1 items, no [3]'],
  },
  'no image of the app in a manifest': {
    files: { 'deploy.yaml': deployment('ghcr.io/acme/api:1.0') },
    targets: [{ file: 'deploy.yaml' }],
    expected: [
      'deploy.yaml: target not found: no image of app "web" in this file (looked for setter markers {"$imagepolicy": "<namespace>:web"} and "gitops:image web", kustomize images entries and container images named ghcr.io/acme/web)',
    ],
  },
  'path in two documents': {
    files: { 'releases.yaml': 'values:\n  tag: "1.0"\n---\nvalues:\n  tag: "1.1"\n' },
    targets: [{ file: 'releases.yaml', path: 'values.tag', write: 'tag' }],
    expected: [
      'releases.yaml:2:8: path values.tag is in 2 documents of the file; the target is ambiguous',
      'releases.yaml:5:8: path values.tag is in 2 documents of the file; the target is ambiguous',
    ],
  },
  'value behind an alias': {
    files: { 'values.yaml': 'common: &tag "1.0"\nweb:\n  tag: *tag\n' },
    targets: [{ file: 'values.yaml', path: 'web.tag', write: 'tag' }],
    expected: [
      'values.yaml:3:8: the value at web.tag is an alias (*tag); editing it would change every place that uses the anchor, so gitops does not edit through aliases: write the value out here instead of *tag',
    ],
  },
  'value with an anchor used elsewhere': {
    files: { 'values.yaml': 'web:\n  tag: &tag "1.0"\napi:\n  tag: *tag\n' },
    targets: [{ file: 'values.yaml', path: 'web.tag', write: 'tag' }],
    expected: [
      'values.yaml:2:8: the value at web.tag carries an anchor (&tag) used elsewhere; changing it would change every alias too, so gitops refuses: write the value out where each alias is',
    ],
  },
  'container image behind an alias': {
    files: { 'deploy.yaml': `x-image: &img ghcr.io/acme/web:1.0\n${deployment('*img')}` },
    targets: [{ file: 'deploy.yaml' }],
    expected: [
      'deploy.yaml:11:18: the container image is an alias (*img); editing it would change every place that uses the anchor, so gitops does not edit through aliases: write the value out here instead of *img',
    ],
  },
  'file outside the repository': {
    files: {},
    targets: [{ file: '../outside.yaml' }],
    expected: ['../outside.yaml: "../outside.yaml" leaves the repository; paths must stay inside it'],
  },
  'symlink out of the repository': {
    files: {},
    targets: [{ file: 'linked/values.yaml', path: 'tag', write: 'tag' }],
    expected: ['linked/values.yaml: "linked/values.yaml" goes through a symbolic link that leaves the repository'],
  },
  'file not found': {
    files: {},
    targets: [{ file: 'envs/dev/values.yaml', path: 'tag', write: 'tag' }],
    expected: ['envs/dev/values.yaml: file not found'],
  },
  'huge file': {
    files: { 'big.yaml': `tag: "1.0"\n# ${'x'.repeat(4 * 1024 * 1024)}\n` },
    targets: [{ file: 'big.yaml', path: 'tag', write: 'tag' }],
    expected: ['big.yaml: the file is 4194318 bytes; files over 4194304 are not edited'],
  },
  'alias bomb': {
    files: { 'bomb.yaml': `a: &a [x, x]\nb: [${Array.from({ length: 101 }, () => '*a').join(', ')}]\ntag: "1"\n` },
    targets: [{ file: 'bomb.yaml', path: 'tag', write: 'tag' }],
    expected: ['bomb.yaml: more than 100 YAML aliases; refusing to read a possible alias bomb'],
  },
  'value is not an image reference': {
    files: { 'values.yaml': 'web:\n  image: not a reference!\n' },
    targets: [{ file: 'values.yaml', path: 'web.image', write: 'reference' }],
    expected: ['values.yaml:2:10: "not a reference!" is not an image reference'],
  },
  'block scalar': {
    files: { 'values.yaml': 'web:\n  image: |\n    ghcr.io/acme/web:1.0\n' },
    targets: [{ file: 'values.yaml', path: 'web.image', write: 'reference' }],
    expected: [
      'values.yaml:2:10: the value at web.image is a block scalar; write it as a plain or quoted value to let gitops set it',
    ],
  },
  'malformed path': {
    files: { 'values.yaml': 'tag: "1"\n' },
    targets: [{ file: 'values.yaml', path: '"web.image', write: 'tag' }],
    expected: ['values.yaml: unclosed quote in path ""web.image"'],
  },
  'tag target, reference without a tag': {
    files: { 'values.yaml': 'image:\n  tag: "1.0"\n' },
    targets: [{ file: 'values.yaml', path: 'image.tag', write: 'tag' }],
    to: `@${sha}`,
    expected: ['values.yaml:2:8: this place holds a tag, and the new reference has none'],
  },
  'unknown marker suffix': {
    files: { 'deploy.yaml': deployment('ghcr.io/acme/web:1.0 # {"$imagepolicy": "flux-system:web:version"}') },
    targets: [{ file: 'deploy.yaml' }],
    expected: ['deploy.yaml:10:39: unknown marker suffix ":version"; use :tag, :name or :digest'],
  },
  'images is not a list': {
    files: { 'kustomization.yaml': 'resources: [a.yaml]\nimages:\n  name: ghcr.io/acme/web\n' },
    targets: [{ file: 'kustomization.yaml' }],
    expected: ['kustomization.yaml:2:1: "images" must be a list'],
  },
  'every problem of every target at once': {
    files: { 'a.yaml': 'x: [1\n', 'b.yaml': deployment('ghcr.io/acme/api:1.0'), 'c.yaml': 'tag: "1"\n' },
    targets: [
      { file: 'a.yaml', path: 'x', write: 'tag' },
      { file: 'b.yaml' },
      { file: 'c.yaml', path: 'tag', write: 'tag' },
    ],
    expected: [
      'a.yaml:2:1: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
      'b.yaml: target not found: no image of app "web" in this file (looked for setter markers {"$imagepolicy": "<namespace>:web"} and "gitops:image web", kustomize images entries and container images named ghcr.io/acme/web)',
    ],
  },
};

describe('bad input: a clear error naming the place, and no file written', () => {
  test.each(Object.entries(cases))('%s', (_name, testCase) => {
    const root = repository(testCase.files);
    symlinkSync(tmpdir(), path.join(root, 'linked'));
    const before = snapshot(root);
    const to = resolveImageUpdate(testCase.to ?? `1.4.2@${sha}`, web);
    let caught: unknown;
    try {
      planImageChanges(root, [{ matcher, to, targets: { files: testCase.targets } }]);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ManifestError);
    expect((caught as ManifestError).message.split('\n')).toEqual(testCase.expected);
    expect(snapshot(root)).toEqual(before);
  });

  test('places that disagree are listed, each with its file:line and value', () => {
    const root = repository({
      'a.yaml': deployment('ghcr.io/acme/web:1.4.1'),
      'b.yaml': deployment('ghcr.io/acme/web:1.4.2'),
      'values.yaml': 'web:\n  tag: 1.4.1\n',
    });
    const targets = {
      files: [{ file: 'a.yaml' }, { file: 'b.yaml' }, { file: 'values.yaml', path: 'web.tag', write: 'tag' as const }],
    };
    expect(() => readImage(new FileCache(root), targets, matcher)).toThrowError(
      [
        'a.yaml:10:18: the places of app "web" disagree on its tag; this one has ghcr.io/acme/web:1.4.1',
        'b.yaml:10:18: the places of app "web" disagree on its tag; this one has ghcr.io/acme/web:1.4.2',
        'values.yaml:2:8: the places of app "web" disagree on its tag; this one has 1.4.1',
      ].join('\n'),
    );
  });
});

describe('several apps in one plan', () => {
  test('two apps added to a kustomization without images: share one list', () => {
    const root = repository({ 'kustomization.yaml': 'resources:\n  - deployment.yaml\n' });
    const api: ImageRef = { registry: 'ghcr.io', repository: 'acme/api' };
    const changes = planImageChanges(root, [
      { matcher, to: { ...web, tag: '1.0' }, targets: { files: [{ file: 'kustomization.yaml' }] } },
      {
        matcher: { app: 'api', names: [api], imagePolicy: undefined },
        to: { ...api, tag: '2.0' },
        targets: { files: [{ file: 'kustomization.yaml' }] },
      },
      { matcher, to: { ...web, tag: '1.0' }, targets: { files: [{ file: 'kustomization.yaml' }] } },
    ]);
    expect(changes.map((change) => change.after)).toEqual([
      'resources:\n  - deployment.yaml\nimages:\n  - name: ghcr.io/acme/web\n    newTag: "1.0"\n  - name: ghcr.io/acme/api\n    newTag: "2.0"\n',
    ]);
  });
});
