// What a kustomization may make kustomize read: every path-valued field, followed through bases and components,
// judged with symbolic links resolved. No kustomize is needed: the check runs before it would.
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { SecretMask } from '../src/index';
import { checkKustomizeReach } from '../src/render/kustomize-reach';

function repository(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'gitops-reach-'));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}

const lines = (root: string, folder = 'envs/dev') =>
  checkKustomizeReach(root, folder).map(
    (p) => `${p.location.file}:${p.location.line} ${p.message.split(' ').slice(0, 2).join(' ')}`,
  );

describe('kustomize reach', () => {
  test('every path field of a kustomization, and of the bases and components it reaches', () => {
    const root = repository({
      'envs/dev/kustomization.yaml': [
        'resources:',
        '  - ../../base',
        'components:',
        '  - ../../components/extra',
        'configMapGenerator:',
        '  - name: settings',
        '    files:',
        '      - ok.properties',
        '      - key=../../../../etc/passwd',
        '    envs:',
        '      - /etc/environment',
        'secretGenerator:',
        '  - name: db',
        '    env: ../../../db.env',
        'patches:',
        '  - path: ../../../patch.yaml',
        '  - patch: |-',
        '      - op: remove',
        '        path: /spec/../../x',
        'crds:',
        '  - ../../../crd.yaml',
        'transformers:',
        '  - ../../../transformer',
        'helmCharts:',
        '  - name: web',
        '    valuesFile: ../../../values.yaml',
        'openapi:',
        '  path: ../../../schema.json',
        '',
      ].join('\n'),
      'envs/dev/ok.properties': 'a=b\n',
      'base/kustomization.yaml':
        'resources:\n  - deployment.yaml\n  - ../../outside-base\n  - github.com/acme/base?ref=v1\n',
      'base/deployment.yaml': 'kind: Deployment\n',
      'components/extra/kustomization.yaml':
        'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\npatchesStrategicMerge:\n  - ../../../sm.yaml\n',
    });
    expect(lines(root).sort()).toEqual(
      [
        'envs/dev/kustomization.yaml:9 configMapGenerator.files: ../../../../etc/passwd',
        'envs/dev/kustomization.yaml:11 configMapGenerator.envs: /etc/environment',
        'envs/dev/kustomization.yaml:14 secretGenerator.env: ../../../db.env',
        'envs/dev/kustomization.yaml:16 patches.path: ../../../patch.yaml',
        'envs/dev/kustomization.yaml:21 crds: ../../../crd.yaml',
        'envs/dev/kustomization.yaml:23 transformers: ../../../transformer',
        'envs/dev/kustomization.yaml:26 helmCharts.valuesFile: ../../../values.yaml',
        'envs/dev/kustomization.yaml:28 openapi.path: ../../../schema.json',
        'base/kustomization.yaml:3 resources: ../../outside-base',
        'base/kustomization.yaml:4 resources: github.com/acme/base?ref=v1',
        'components/extra/kustomization.yaml:4 patchesStrategicMerge: ../../../sm.yaml',
      ].sort(),
    );
  });

  test('links: a folder, a file and a kustomization that point out are refused; a link inside is fine', () => {
    const outside = mkdtempSync(path.join(tmpdir(), 'gitops-outside-'));
    writeFileSync(path.join(outside, 'kustomization.yaml'), 'resources: []\n');
    const root = repository({
      'envs/dev/kustomization.yaml': 'resources:\n  - linked-dir\n  - linked.yaml\n  - inside.yaml\n',
      'envs/dev/real.yaml': 'kind: ConfigMap\n',
      'envs/prod/placeholder': '',
    });
    symlinkSync(outside, path.join(root, 'envs/dev/linked-dir'));
    symlinkSync(path.join(outside, 'kustomization.yaml'), path.join(root, 'envs/dev/linked.yaml'));
    symlinkSync('real.yaml', path.join(root, 'envs/dev/inside.yaml'));
    symlinkSync(path.join(outside, 'kustomization.yaml'), path.join(root, 'envs/prod/kustomization.yaml'));
    expect(lines(root)).toEqual([
      'envs/dev/kustomization.yaml:2 resources: linked-dir',
      'envs/dev/kustomization.yaml:3 resources: linked.yaml',
    ]);
    expect(checkKustomizeReach(root, 'envs/prod').map((p) => p.message)).toEqual([
      'envs/prod/kustomization.yaml is a symbolic link out of the repository; validate renders only what the repository holds',
    ]);
  });
});

describe('secret mask', () => {
  test('Secret and SOPS values become markers that match for equal values and differ for different ones', () => {
    const mask = new SecretMask();
    const secret = (password: string) => ({
      apiVersion: 'v1',
      kind: 'Secret',
      data: { password, user: 'YXBw' },
      stringData: { token: 'abc' },
    });
    const a = mask.hide(secret('c2VjcmV0LTE='));
    const b = mask.hide(secret('c2VjcmV0LTI='));
    expect(JSON.stringify(a)).not.toContain('c2VjcmV0LTE=');
    expect((a.data as Record<string, string>).user).toBe((b.data as Record<string, string>).user);
    expect((a.data as Record<string, string>).password).not.toBe((b.data as Record<string, string>).password);
    expect((a.data as Record<string, string>).password).toMatch(/^<hidden [0-9a-f]{8}>$/);
    const config = mask.hide({ kind: 'ConfigMap', data: { plain: 'x', sealed: 'ENC[AES256_GCM,data:abc=,type:str]' } });
    expect(config.data).toEqual({ plain: 'x', sealed: expect.stringMatching(/^<hidden /) });
    // Another mask (another diff) gives other markers: nothing to match a guess against across runs.
    expect(new SecretMask().marker('c2VjcmV0LTE=')).not.toBe((a.data as Record<string, string>).password);
  });
});
