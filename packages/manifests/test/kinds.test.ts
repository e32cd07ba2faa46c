import { describe, expect, test } from 'vitest';
import type { AppMatcher } from '../src/place';
import { placesInTarget } from '../src/targets';
import { applyTextEdits } from '../src/text-edit';
import { YamlFile } from '../src/yaml-file';

const web: AppMatcher = {
  app: 'web',
  names: [{ registry: 'ghcr.io', repository: 'acme/web' }],
  imagePolicy: undefined,
};
const to = { registry: 'ghcr.io', repository: 'acme/web', tag: '2.0', digest: `sha256:${'f'.repeat(64)}` };

function edited(text: string, file = 'manifest.yaml', matcher = web): string {
  const yaml = new YamlFile(file, text);
  const places = placesInTarget(yaml, { file }, matcher, to);
  const edits = places.flatMap((place) => place.edits(to)).sort((a, b) => b.start - a.start);
  return edits.reduce((result, edit) => result.slice(0, edit.start) + edit.text + result.slice(edit.end), text);
}

const pod = (list: string) => `    ${list}:\n      - name: c\n        image: ghcr.io/acme/web:1.0\n`;

describe('workload kinds: every container list of every kind', () => {
  test.each([
    ['Pod', 'spec:\n  containers:\n    - name: c\n      image: ghcr.io/acme/web:1.0\n'],
    ['Deployment', `spec:\n  template:\n    spec:\n${pod('containers').replace(/^ {4}/gm, '      ')}`],
    ['StatefulSet', `spec:\n  template:\n    spec:\n${pod('initContainers').replace(/^ {4}/gm, '      ')}`],
    ['DaemonSet', `spec:\n  template:\n    spec:\n${pod('ephemeralContainers').replace(/^ {4}/gm, '      ')}`],
    ['ReplicaSet', `spec:\n  template:\n    spec:\n${pod('containers').replace(/^ {4}/gm, '      ')}`],
    ['Job', `spec:\n  template:\n    spec:\n${pod('containers').replace(/^ {4}/gm, '      ')}`],
    [
      'CronJob',
      'spec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n            - image: ghcr.io/acme/web:1.0\n',
    ],
    ['Rollout', `spec:\n  template:\n    spec:\n${pod('containers').replace(/^ {4}/gm, '      ')}`],
  ])('%s', (kind, body) => {
    const text = `kind: ${kind}\n${body}`;
    expect(edited(text)).toBe(text.replace('ghcr.io/acme/web:1.0', `ghcr.io/acme/web:2.0@${to.digest}`));
  });

  test('other kinds are not workloads, even with the same shape', () => {
    const text = 'kind: ConfigMap\nspec:\n  containers:\n    - image: ghcr.io/acme/web:1.0\n';
    expect(placesInTarget(new YamlFile('x.yaml', text), { file: 'x.yaml' }, web)).toEqual([]);
  });
});

describe('setter markers', () => {
  test.each([
    [
      'flux :digest',
      'digest: sha256:0 # {"$imagepolicy": "ns:web:digest"}\n',
      `digest: ${to.digest} # {"$imagepolicy": "ns:web:digest"}\n`,
    ],
    [
      'flux :name',
      'repo: old/name # {"$imagepolicy": "ns:web:name"}\n',
      'repo: ghcr.io/acme/web # {"$imagepolicy": "ns:web:name"}\n',
    ],
    ['gitops :tag', 'tag: "1.0" # gitops:image web:tag\n', 'tag: "2.0" # gitops:image web:tag\n'],
    ['gitops :digest', "digest: '' # gitops:image web:digest\n", `digest: '${to.digest}' # gitops:image web:digest\n`],
    ['another app is left alone', 'tag: "1.0" # gitops:image api:tag\n', 'tag: "1.0" # gitops:image api:tag\n'],
    [
      'another policy is left alone',
      'image: x:1 # {"$imagepolicy": "ns:api"}\n',
      'image: x:1 # {"$imagepolicy": "ns:api"}\n',
    ],
  ])('%s', (_name, text, expected) => {
    const matcher = { ...web, names: [...web.names, { registry: 'docker.io', repository: 'library/x' }] };
    expect(edited(`kind: Values\n${text}`, 'values.yaml', matcher)).toBe(`kind: Values\n${expected}`);
  });

  test('image-policy in gitops.yaml picks the Flux policy by namespace too', () => {
    const text =
      'a: ghcr.io/acme/web:1 # {"$imagepolicy": "flux-system:frontend"}\nb: ghcr.io/acme/web:1 # {"$imagepolicy": "other:frontend"}\n';
    const matcher = { ...web, imagePolicy: 'flux-system:frontend' };
    expect(edited(text, 'v.yaml', matcher)).toBe(text.replace('web:1 #', `web:2.0@${to.digest} #`));
  });
});

describe('kustomization entries: a field replacing another (found by the demo)', () => {
  const digestOnly = { registry: 'ghcr.io', repository: 'acme/web', digest: to.digest };
  test.each([
    ['at the end of the file', 'images:\n  - name: ghcr.io/acme/web\n    newTag: "1.5.0-rc.1"\n', ''],
    ['without a final newline', 'images:\n  - name: ghcr.io/acme/web\n    newTag: "1.5.0-rc.1"', ''],
    [
      'before another entry',
      'images:\n  - name: ghcr.io/acme/web\n    newTag: "1.5.0-rc.1"\n  - name: other\n',
      '  - name: other\n',
    ],
  ])('a digest-only reference replaces the tag %s', (_, text, rest) => {
    const yaml = new YamlFile('kustomization.yaml', text);
    const edits = placesInTarget(yaml, { file: 'kustomization.yaml' }, web, digestOnly).flatMap((place) =>
      place.edits(digestOnly),
    );
    const result = applyTextEdits(text, edits);
    expect(result.replace(/\n?$/, '\n')).toBe(`images:\n  - name: ghcr.io/acme/web\n    digest: ${to.digest}\n${rest}`);
  });
});
