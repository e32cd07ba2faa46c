import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { type ImageRef, parseImageRef, resolveImageUpdate } from '@gitops/image-ref';
import { describe, expect, test } from 'vitest';
import { planImageChanges } from '../src/index';
import type { AppMatcher } from '../src/place';
import type { TargetRef } from '../src/targets';

const golden = path.join(import.meta.dirname, 'golden');
const sha = (c: string) => `sha256:${c.repeat(64)}`;

interface Case {
  /** Folder under golden/ with before/<file> and after/<file>. */
  dir: string;
  file: string;
  app: string;
  /** The app's image names; the first is the one written. */
  images: string[];
  to: string;
  path?: string;
  write?: TargetRef['write'];
  imagePolicy?: string;
  /** More targets in the same file. */
  more?: { path: string; write: TargetRef['write'] }[];
}

// Each: a realistic file, one change, and the exact bytes it must become.
const cases: Case[] = [
  {
    dir: 'argocd-kustomize-add-digest',
    file: 'kustomization.yaml',
    app: 'guestbook',
    images: ['gcr.io/heptio-images/ks-guestbook-demo'],
    to: `0.3@${sha('a')}`,
  },
  {
    dir: 'kargo-kustomize-col0',
    file: 'kustomization.yaml',
    app: 'guestbook',
    images: ['ghcr.io/akuity/guestbook'],
    to: `v0.0.2@${sha('4')}`,
  },
  { dir: 'kustomize-add-entry', file: 'kustomization.yaml', app: 'web', images: ['ghcr.io/acme/web'], to: '1.4.2' },
  {
    dir: 'kustomize-add-images-key',
    file: 'kustomization.yaml',
    app: 'shop',
    images: ['ghcr.io/acme/shop'],
    to: `1.0.0@${sha('5')}`,
  },
  {
    dir: 'kustomize-new-name',
    file: 'kustomization.yaml',
    app: 'web',
    images: ['registry.eu.acme.io/web', 'ghcr.io/acme/web'],
    to: `1.4.2@${sha('6')}`,
  },
  { dir: 'kustomize-flow-entry', file: 'kustomization.yaml', app: 'web', images: ['ghcr.io/acme/web'], to: '1.4.2' },
  {
    dir: 'kustomize-tag-drops-digest',
    file: 'kustomization.yaml',
    app: 'web',
    images: ['ghcr.io/acme/web'],
    to: '1.5.0',
  },
  {
    dir: 'helm-values-tag',
    file: 'values.yaml',
    app: 'guestbook',
    images: ['quay.io/acme/guestbook'],
    to: '1.0.1',
    path: 'image.tag',
    write: 'tag',
  },
  {
    dir: 'helm-values-quoted-tag-and-digest',
    file: 'values.yaml',
    app: 'web',
    images: ['ghcr.io/acme/web'],
    to: `1.21@${sha('7')}`,
    path: 'web.image.tag',
    write: 'tag',
    more: [{ path: 'web.image.digest', write: 'digest' }],
  },
  {
    dir: 'flux-helmrelease-reference',
    file: 'release.yaml',
    app: 'podinfo',
    images: ['ghcr.io/stefanprodan/podinfo'],
    to: '6.5.1',
    path: 'spec.values.image',
    write: 'reference',
  },
  {
    dir: 'argocd-app-helm-parameters',
    file: 'application.yaml',
    app: 'guestbook',
    images: ['ghcr.io/acme/guestbook'],
    to: '1.1',
    path: 'spec.source.helm.parameters[1].value',
    write: 'tag',
  },
  {
    dir: 'multidoc-crlf-workloads',
    file: 'shop.yaml',
    app: 'shop',
    images: ['ghcr.io/acme/shop'],
    to: `2.4.0@${sha('8')}`,
  },
  {
    dir: 'flux-setter-markers',
    file: 'deployment.yaml',
    app: 'podinfo',
    images: ['ghcr.io/stefanprodan/podinfo'],
    to: '5.0.1',
    imagePolicy: 'flux-system:podinfo',
  },
  {
    dir: 'flux-setter-markers-kustomization',
    file: 'kustomization.yaml',
    app: 'podinfo',
    images: ['ghcr.io/stefanprodan/podinfo'],
    to: '5.0.1',
  },
  {
    dir: 'gitops-marker-values',
    file: 'values.yaml',
    app: 'web',
    images: ['ghcr.io/acme/web'],
    to: `1.4.2@${sha('9')}`,
  },
  { dir: 'rollout-bom-no-newline', file: 'rollout.yaml', app: 'web', images: ['ghcr.io/acme/web'], to: '1.4.2' },
  {
    dir: 'dotted-key-path',
    file: 'values.yaml',
    app: 'web',
    images: ['ghcr.io/acme/web'],
    to: '1.4.2',
    path: '"app.kubernetes.io/web".image',
    write: 'reference',
  },
  {
    dir: 'index-path-keeps-full-name',
    file: 'values.yaml',
    app: 'nginx',
    images: ['nginx'],
    to: '1.27',
    path: 'containers[1].image',
    write: 'reference',
  },
];

function plan(testCase: Case, root: string) {
  const names: ImageRef[] = testCase.images.map((image) => parseImageRef(image));
  const matcher: AppMatcher = { app: testCase.app, names, imagePolicy: testCase.imagePolicy };
  const to = resolveImageUpdate(testCase.to, names[0] as ImageRef);
  const files = [
    { file: testCase.file, path: testCase.path, write: testCase.write },
    ...(testCase.more ?? []).map((m) => ({ file: testCase.file, ...m })),
  ];
  return planImageChanges(root, [{ matcher, to, targets: { files } }]);
}

describe('golden edits: exactly these bytes, nothing else', () => {
  test.each(cases)('$dir', (testCase) => {
    const before = path.join(golden, testCase.dir, 'before');
    const expectedFile = path.join(golden, testCase.dir, 'after', testCase.file);
    const changes = plan(testCase, before);
    expect(changes.map((change) => change.file)).toEqual([testCase.file]);
    const after = (changes[0] as (typeof changes)[number]).after;
    if (!existsSync(expectedFile) && process.env.UPDATE_GOLDEN === '1') {
      mkdirSync(path.dirname(expectedFile), { recursive: true });
      writeFileSync(expectedFile, after);
    }
    expect(after).toBe(readFileSync(expectedFile, 'utf8'));
    // Applying the same change to the result changes nothing.
    expect(plan(testCase, path.join(golden, testCase.dir, 'after'))).toEqual([]);
  });
});
