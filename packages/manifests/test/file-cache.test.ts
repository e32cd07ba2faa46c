// A plan edits a fork of the planner's cache: the planner's reads are reused, and its view stays as on disk.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseImageRef } from '@gitops/image-ref';
import { describe, expect, test } from 'vitest';
import { FileCache, planImageChanges } from '../src/index';
import { YamlFile } from '../src/yaml-file';

describe('FileCache.fork', () => {
  test("a fork's edits stay in the fork; the parent and other forks read what is on disk", () => {
    const root = mkdtempSync(path.join(tmpdir(), 'gitops-cache-'));
    mkdirSync(path.join(root, 'envs/prod'), { recursive: true });
    const text = 'images:\n  - name: ghcr.io/acme/web\n    newTag: "1.0.0"\n';
    writeFileSync(path.join(root, 'envs/prod/kustomization.yaml'), text);
    const parent = new FileCache(root);
    expect(parent.yamlFiles('envs/prod').map((entry) => entry.text)).toEqual([text]);
    const fork = parent.fork();
    fork.set(new YamlFile('envs/prod/kustomization.yaml', text.replace('1.0.0', '2.0.0')));
    expect(fork.yamlFiles('envs/prod')[0]?.text).toContain('2.0.0');
    expect(parent.yamlFiles('envs/prod')[0]?.text).toBe(text);
    expect(parent.get('envs/prod/kustomization.yaml').text).toBe(text);
    expect(parent.fork().text('envs/prod/kustomization.yaml')).toBe(text);

    const changes = planImageChanges(parent, [
      {
        matcher: { app: 'web', names: [parseImageRef('ghcr.io/acme/web')], imagePolicy: undefined },
        to: parseImageRef('ghcr.io/acme/web:3.0.0'),
        targets: { search: 'envs/prod' },
      },
    ]);
    expect(changes.map((change) => change.after)).toEqual([text.replace('1.0.0', '3.0.0')]);
    expect(parent.text('envs/prod/kustomization.yaml')).toBe(text);
  });
});
