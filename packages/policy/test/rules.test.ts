import type { Environment, GitopsConfig } from '@gitops/config';
import type { RenderedResource } from '@gitops/manifests';
import { describe, expect, it } from 'vitest';
import { levelOf } from '../src/environment-check';
import { rules } from '../src/rules/index';

const environment = (requireDigest: boolean): Environment => ({
  name: requireDigest ? 'prod' : 'dev',
  path: 'envs/x',
  promoteFrom: undefined,
  via: 'commit',
  requireDigest,
  controller: undefined,
  requireHealthy: false,
  autoPromote: false,
  url: undefined,
  requireProvenance: undefined,
  freeze: [],
  hold: undefined,
  location: undefined,
});
const config = (policies: GitopsConfig['policies']): GitopsConfig => ({
  root: '/repo',
  file: 'gitops.yaml',
  environments: [],
  apps: [],
  policies,
});
const rule = (name: string) => rules.find((r) => r.name === name) as (typeof rules)[number];
const resource = (object: Record<string, unknown>): RenderedResource => ({
  object,
  origin: { file: 'x.yaml' },
  kustomizations: [],
});
const deployment = (container: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  resource({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'apps' },
    spec: { template: { spec: { containers: [{ name: 'web', ...container }], ...extra } } },
  });

describe('policy levels', () => {
  it('use gitops.yaml, else the defaults', () => {
    expect(levelOf(rule('missing-probes'), environment(false), config({}))).toBe('warning');
    expect(levelOf(rule('missing-probes'), environment(false), config({ 'missing-probes': 'off' }))).toBe('off');
    expect(levelOf(rule('privileged-container'), environment(false), config({}))).toBe('error');
  });
  it('image-without-digest: error where require-digest whatever gitops.yaml says, off elsewhere by default', () => {
    const digest = rule('image-without-digest');
    expect(levelOf(digest, environment(true), config({ 'image-without-digest': 'warning' }))).toBe('error');
    expect(levelOf(digest, environment(false), config({}))).toBe('off');
    expect(levelOf(digest, environment(false), config({ 'image-without-digest': 'warning' }))).toBe('warning');
  });
});

describe('rules', () => {
  const check = (name: string, resources: RenderedResource[], requireDigest = false) =>
    rule(name)
      .check({ environment: environment(requireDigest), resources })
      .map((hit) => ({ path: hit.path.join('.'), message: hit.message }));

  it('image-latest-tag: latest or no tag, unless pinned by digest', () => {
    const hits = check('image-latest-tag', [
      deployment({ image: 'nginx' }),
      deployment({ image: 'localhost:5000/nginx:latest' }),
      deployment({ image: `nginx:latest@sha256:${'a'.repeat(64)}` }),
      deployment({ image: 'localhost:5000/nginx:1.27' }),
    ]);
    expect(hits.map((h) => h.message)).toEqual([
      'container "web" runs nginx: no tag (so latest) moves without a commit; pin a version or a digest',
      'container "web" runs localhost:5000/nginx:latest: the tag latest moves without a commit; pin a version or a digest',
    ]);
    expect(hits[0]?.path).toBe('spec.template.spec.containers.0.image');
  });

  it('privileged-container, host-path, missing-resources, missing-probes', () => {
    const web = deployment(
      { image: 'x:1', securityContext: { privileged: true }, resources: { requests: { cpu: '1m' } } },
      { volumes: [{ name: 'logs', hostPath: { path: '/var/log' } }], initContainers: [{ name: 'init', image: 'x:1' }] },
    );
    expect(check('privileged-container', [web])).toEqual([
      {
        path: 'spec.template.spec.containers.0.securityContext.privileged',
        message: 'container "web" is privileged: it can do anything the node can',
      },
    ]);
    expect(check('host-path', [web])).toEqual([
      {
        path: 'spec.template.spec.volumes.0.hostPath',
        message: 'volume "logs" mounts /var/log from the node (hostPath)',
      },
    ]);
    expect(check('missing-resources', [web]).map((h) => h.message)).toEqual([
      'container "init" sets no resources.requests and no resources.limits',
      'container "web" sets no resources.limits',
    ]);
    expect(check('missing-probes', [web]).map((h) => h.message)).toEqual([
      'container "web" has no readinessProbe and no livenessProbe',
    ]);
    const job = resource({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'once' },
      spec: { template: { spec: { containers: [{ name: 'once', image: 'x:1' }] } } },
    });
    expect(check('missing-probes', [job])).toEqual([]);
  });

  it('duplicate-resource and namespace-missing', () => {
    const a = resource({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'n' } });
    const b = {
      ...resource({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'n' } }),
      origin: { file: 'b.yaml' },
    };
    const other = resource({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'm' } });
    expect(check('duplicate-resource', [a, b, other]).map((h) => h.message)).toEqual([
      'ConfigMap/n/x is defined twice in environment dev; the other is in x.yaml',
    ]);
    const namespace = resource({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'apps' } });
    const role = resource({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'r' } });
    const bare = resource({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' } });
    expect(check('namespace-missing', [namespace, role, bare]).map((h) => h.message)).toEqual([
      'Service/s has no metadata.namespace; set one here or with namespace: in the kustomization',
    ]);
  });
});
