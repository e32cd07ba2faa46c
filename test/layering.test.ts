// The layers of the code base (docs/architecture.md): each package imports only packages of layers below its own.
// A package that reaches up or sideways (delivery importing policy, the engine importing the action kit) fails
// here, naming the file and the import.
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { importSpecifiers, packageSources, workspaceFolders } from './support/code-shape';
import { projectRoot } from './support/index';

/** Layer of each workspace package, by folder; lower layers never import higher ones or their own. */
const layers: Readonly<Record<string, number>> = {
  'packages/log': 0,
  'packages/bounded-read': 0,
  'packages/markup': 0,
  'packages/errors': 1,
  'packages/image-ref': 2,
  'packages/config': 3,
  'packages/git': 3,
  'packages/github': 3,
  'packages/registry': 3,
  'packages/controllers': 3,
  'packages/provenance': 3,
  'packages/manifests': 4,
  'packages/audit': 4,
  'packages/image-builder': 4,
  'packages/publish': 4,
  'packages/site': 4,
  'packages/policy': 5,
  'packages/delivery': 5,
  'packages/init': 5,
  'actions/kit': 6,
  'packages/cli': 7,
  'actions/build-image': 7,
  'actions/deploy': 7,
  'actions/metrics': 7,
  'actions/promote': 7,
  'actions/push-registry': 7,
  'actions/report': 7,
  'actions/validate': 7,
};

/** Only the action kit and the actions talk to the Actions runtime; the engine logs through @gitops/log. */
const runtimeOnly = ['@actions/core'];
const runtimeLayers = new Set([
  'actions/kit',
  ...Object.keys(layers).filter((folder) => /^actions\/(?!kit)/.test(folder)),
]);

const folders = workspaceFolders(projectRoot);
const nameOf = new Map(
  folders.map((folder) => [
    (JSON.parse(readFileSync(path.join(projectRoot, folder, 'package.json'), 'utf8')) as { name: string }).name,
    folder,
  ]),
);

/** The packages a file imports (its imports of its own modules and of Node's aside). */
function importsOf(file: string): string[] {
  return importSpecifiers(file).filter((specifier) => !specifier.startsWith('.') && !specifier.startsWith('node:'));
}

describe('layering', () => {
  test('every workspace package has a layer', () => {
    expect(folders.filter((folder) => layers[folder] === undefined)).toEqual([]);
  });

  test('no package imports a layer at or above its own', () => {
    const violations: string[] = [];
    for (const folder of folders) {
      const own = layers[folder] ?? 0;
      for (const file of packageSources(projectRoot, folder)) {
        for (const specifier of importsOf(file)) {
          const name = specifier.split('/').slice(0, 2).join('/');
          const target = nameOf.get(name);
          const where = path.relative(projectRoot, file);
          if (target && target !== folder && (layers[target] ?? 0) >= own)
            violations.push(`${where} imports ${name} (layer ${layers[target]}), not below ${folder} (layer ${own})`);
          if (runtimeOnly.includes(name) && !runtimeLayers.has(folder))
            violations.push(`${where} imports ${name}: only the action kit and the actions use the Actions runtime`);
        }
      }
    }
    expect(violations).toEqual([]);
  });

  test('package.json dependencies follow the same layers', () => {
    const violations: string[] = [];
    for (const folder of folders) {
      const manifest = JSON.parse(readFileSync(path.join(projectRoot, folder, 'package.json'), 'utf8')) as {
        dependencies?: Record<string, string>;
      };
      for (const name of Object.keys(manifest.dependencies ?? {})) {
        const target = nameOf.get(name);
        if (target && (layers[target] ?? 0) >= (layers[folder] ?? 0))
          violations.push(`${folder}/package.json depends on ${name}, not below it`);
      }
    }
    expect(violations).toEqual([]);
  });

  test('the check itself sees a violation', () => {
    // delivery importing policy would be one: the same layer, sideways.
    expect(layers['packages/delivery']).toBe(layers['packages/policy']);
    expect(importsOf(path.join(projectRoot, 'actions', 'validate', 'src', 'run.ts'))).toContain('@gitops/policy');
  });
});

describe('bundles carry what their action uses', () => {
  /** Text found only in the git checkout (`sparse-checkout`) and in the manifests engine (`kustomization`). */
  const markers = { 'the git checkout': 'sparse-checkout', 'the manifests engine': 'kustomization' };
  const bundleText = (name: string) =>
    readdirSync(path.join(projectRoot, 'dist', name))
      .filter((file) => file.endsWith('.js'))
      .map((file) => readFileSync(path.join(projectRoot, 'dist', name, file), 'utf8'))
      .join('\n');

  test('push-registry has neither the git checkout nor the manifests engine', () => {
    const text = bundleText('push-registry');
    for (const [what, marker] of Object.entries(markers)) expect(text.includes(marker), what).toBe(false);
  });

  test('the markers are found where those parts are (deploy)', () => {
    const text = bundleText('deploy');
    for (const [what, marker] of Object.entries(markers)) expect(text.includes(marker), what).toBe(true);
  });
});
