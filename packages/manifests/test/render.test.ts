// Rendering and locating with real kustomize (kubectl kustomize, or kustomize when on PATH): each rendered
// resource is traced back to the file, patch or images: entry that a person would edit.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { type RenderedResource, renderEnvironment, SourceLocator } from '../src/index';

function kustomizeAvailable(): boolean {
  try {
    execFileSync('kubectl', ['kustomize', '--help'], { stdio: 'ignore' });
    return true;
  } catch {
    try {
      execFileSync('kustomize', ['version'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  }
}

function repository(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'gitops-render-'));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
        - name: sidecar
          image: busybox:1.36
        - name: web
          image: ghcr.io/acme/web:1.0.0
`;

let root: string;
beforeAll(() => {
  if (!kustomizeAvailable() && process.env.CI === 'true') throw new Error('kubectl kustomize is needed in CI');
  root = repository({
    'base/kustomization.yaml':
      'resources:\n  - deployment.yaml\nconfigMapGenerator:\n  - name: settings\n    literals: [a=b]\n',
    'base/deployment.yaml': deployment,
    'components/debug/kustomization.yaml':
      'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\npatches:\n  - path: debug.yaml\n',
    'components/debug/debug.yaml':
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          securityContext:\n            privileged: true\n',
    'envs/prod/kustomization.yaml':
      'namePrefix: prod-\nnamespace: acme\nresources:\n  - ../../base\ncomponents:\n  - ../../components/debug\nimages:\n  - name: ghcr.io/acme/web\n    newTag: "2.0.0"\n',
  });
});

describe.skipIf(!kustomizeAvailable())('kustomize rendering and locations', () => {
  const find = (resources: readonly RenderedResource[], kind: string) =>
    resources.find((resource) => resource.object.kind === kind) as RenderedResource;

  test('prefixes, components, images and generators are traced to their files', async () => {
    const rendering = await renderEnvironment(root, 'envs/prod');
    expect(rendering.problems).toEqual([]);
    expect(rendering.renderer).toBe('kustomize');
    const web = find(rendering.resources, 'Deployment');
    expect(web.object.metadata).toMatchObject({ name: 'prod-web', namespace: 'acme' });
    expect(web.origin).toEqual({ file: 'base/deployment.yaml', document: 0 });
    const locator = new SourceLocator(root);
    // kustomize's merge puts the patched container first: items are matched by name, not index.
    const containers = (web.object as { spec: { template: { spec: { containers: { name: string }[] } } } }).spec
      .template.spec.containers;
    const at = (name: string) => [
      'spec',
      'template',
      'spec',
      'containers',
      containers.findIndex((c) => c.name === name),
    ];
    expect(containers.map((c) => c.name)).toEqual(['web', 'sidecar']);
    const container = at('web');
    // The component's patch set privileged on the web container (matched by name, not index).
    expect(locator.locate(web, [...container, 'securityContext', 'privileged'])).toEqual({
      file: 'components/debug/debug.yaml',
      line: 11,
      column: 13,
    });
    // The tag comes from prod's images: entry.
    expect(locator.locate(web, [...container, 'image'])).toEqual({
      file: 'envs/prod/kustomization.yaml',
      line: 9,
      column: 5,
    });
    // The sidecar's image is the base file's.
    expect(locator.locate(web, [...at('sidecar'), 'image'])).toEqual({
      file: 'base/deployment.yaml',
      line: 14,
      column: 11,
    });
    // Something missing points at what lacks it, in the file that defines the resource.
    expect(locator.locate(web, container, 'owner')).toEqual({ file: 'base/deployment.yaml', line: 15, column: 11 });
    const settings = find(rendering.resources, 'ConfigMap');
    expect(String((settings.object.metadata as { name: string }).name)).toMatch(/^prod-settings-/);
    expect(locator.locate(settings, ['data', 'a'])).toEqual({ file: 'base/kustomization.yaml', line: 4, column: 5 });
  });

  test('a kustomize failure is reported on the kustomization, with the YAML errors of the files it reaches', async () => {
    const broken = repository({
      'envs/dev/kustomization.yaml': 'resources:\n  - app.yaml\n  - missing.yaml\n',
      'envs/dev/app.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata: { a: [1 }\n',
    });
    const rendering = await renderEnvironment(broken, 'envs/dev');
    expect(rendering.resources).toEqual([]);
    expect(rendering.problems[0]).toMatchObject({ kind: 'render', location: { file: 'envs/dev/kustomization.yaml' } });
    expect(rendering.problems[0]?.message).toMatch(/^kustomize build failed: /);
    expect(rendering.problems[0]?.message).not.toContain(broken);
    expect(rendering.problems[1]).toMatchObject({ kind: 'yaml', location: { file: 'envs/dev/app.yaml', line: 5 } });
  });
});
