// What an environment's rendering reads, so that validate on a pull request renders only the environments a
// change can affect. Every case that could hide a change must answer "affected"; unrelated files must not.
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { environmentInputs, readsAnyOf } from '../src/index';

function repository(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'gitops-inputs-'));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}

const overlay = (extra: string[] = []) =>
  ['resources:', '  - ../../base', 'patches:', '  - path: replicas.yaml', ...extra].join('\n');

const layout = {
  'base/kustomization.yaml': 'resources:\n  - deployment.yaml\ncomponents:\n  - ../components/probes\n',
  'base/deployment.yaml': 'kind: Deployment\n',
  'base/README.md': 'notes\n',
  'base/unused/other.yaml': 'kind: ConfigMap\n',
  'components/probes/kustomization.yaml': 'kind: Component\npatches:\n  - path: probes.yaml\n',
  'components/probes/probes.yaml': '{}\n',
  'components/other/kustomization.yaml': 'kind: Component\n',
  'envs/dev/kustomization.yaml': overlay([
    'configMapGenerator:',
    '  - name: settings',
    '    files:',
    '      - app.properties=../../config/dev.properties',
  ]),
  'envs/dev/replicas.yaml': '{}\n',
  'envs/prod/kustomization.yaml': overlay(),
  'envs/prod/replicas.yaml': '{}\n',
  'config/dev.properties': 'a=1\n',
  'config/prod.properties': 'a=2\n',
  'docs/index.md': 'docs\n',
};

describe('environment inputs', () => {
  test('an overlay reads itself, its bases and components, and the files they name; nothing else', () => {
    const root = repository(layout);
    const dev = environmentInputs(root, 'envs/dev');
    const prod = environmentInputs(root, 'envs/prod');
    const touches = (inputs: typeof dev, ...changed: string[]) => readsAnyOf(inputs, changed);

    expect(touches(dev, 'envs/dev/replicas.yaml')).toBe(true);
    expect(touches(prod, 'envs/dev/replicas.yaml')).toBe(false);
    for (const shared of ['base/deployment.yaml', 'base/kustomization.yaml', 'components/probes/probes.yaml']) {
      expect(touches(dev, shared)).toBe(true);
      expect(touches(prod, shared)).toBe(true);
    }
    // A generator's file belongs to the environment that names it.
    expect(touches(dev, 'config/dev.properties')).toBe(true);
    expect(touches(prod, 'config/dev.properties')).toBe(false);
    expect(touches(prod, 'config/prod.properties', 'docs/index.md', 'components/other/kustomization.yaml')).toBe(false);
    // A file beside a kustomization may become one of its names (kustomization.yml); a subfolder nobody names is
    // not read.
    expect(touches(prod, 'base/README.md')).toBe(true);
    expect(touches(prod, 'base/unused/other.yaml')).toBe(false);
    // Anything new in the environment's own folder, and a deleted or replaced folder above an input.
    expect(touches(prod, 'envs/prod/new/thing.yaml')).toBe(true);
    expect(touches(prod, 'base')).toBe(true);
    expect(touches(prod, 'components/')).toBe(true);
    expect(dev.unknown).toBe(false);
  });

  test('a plain folder reads every file below it and the graph of each kustomization inside', () => {
    const root = repository({
      ...layout,
      'clusters/flux/app.yaml': 'kind: ConfigMap\n',
      'clusters/flux/apps/kustomization.yaml': 'resources:\n  - ../../../base\n',
    });
    const flux = environmentInputs(root, 'clusters/flux');
    expect(readsAnyOf(flux, ['clusters/flux/deeper/new.yaml'])).toBe(true);
    expect(readsAnyOf(flux, ['base/deployment.yaml'])).toBe(true);
    expect(readsAnyOf(flux, ['envs/dev/replicas.yaml', 'config/dev.properties'])).toBe(false);
  });

  test('a change on either side of a symbolic link is a change of what reads through it', () => {
    const root = repository({
      ...layout,
      'shared/v2/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
      'shared/v2/deployment.yaml': 'kind: Deployment\n',
      'envs/qa/kustomization.yaml': 'resources:\n  - ../../current\n',
    });
    symlinkSync('shared/v2', path.join(root, 'current'));
    const qa = environmentInputs(root, 'envs/qa');
    expect(readsAnyOf(qa, ['shared/v2/deployment.yaml'])).toBe(true);
    expect(readsAnyOf(qa, ['current'])).toBe(true);
    expect(readsAnyOf(qa, ['base/deployment.yaml'])).toBe(false);
  });

  test('a chart is read from below its kustomization; deploy targets count as read', () => {
    const root = repository({
      'envs/dev/kustomization.yaml': 'helmCharts:\n  - name: web\n    valuesFile: ../../values/dev.yaml\n',
      'envs/dev/charts/web/templates/deployment.yaml': 'kind: Deployment\n',
      'values/dev.yaml': 'a: 1\n',
      'values/prod.yaml': 'a: 2\n',
      'targets/dev.yaml': 'image: x\n',
    });
    const dev = environmentInputs(root, 'envs/dev', ['targets/dev.yaml']);
    expect(readsAnyOf(dev, ['envs/dev/charts/web/templates/deployment.yaml'])).toBe(true);
    expect(readsAnyOf(dev, ['values/dev.yaml'])).toBe(true);
    expect(readsAnyOf(dev, ['targets/dev.yaml'])).toBe(true);
    expect(readsAnyOf(dev, ['values/prod.yaml'])).toBe(false);
  });

  test('what cannot be followed (a remote base, a path out) makes the environment always render', () => {
    const root = repository({
      'envs/dev/kustomization.yaml': 'resources:\n  - https://github.com/acme/base//deploy?ref=v1\n',
      'envs/prod/kustomization.yaml': 'resources:\n  - ../../../outside\n',
      'envs/qa/kustomization.yaml': 'resources: [\n',
    });
    for (const name of ['dev', 'prod']) {
      const inputs = environmentInputs(root, `envs/${name}`);
      expect(inputs.unknown).toBe(true);
      expect(readsAnyOf(inputs, ['docs/unrelated.md'])).toBe(true);
    }
    // A kustomization that does not parse is read itself, and its folder is the environment's.
    const qa = environmentInputs(root, 'envs/qa');
    expect(readsAnyOf(qa, ['envs/qa/kustomization.yaml'])).toBe(true);
  });
});
