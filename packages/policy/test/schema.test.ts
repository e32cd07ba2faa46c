import { describe, expect, it } from 'vitest';
import { checkKubernetesVersion } from '../src/kubernetes-version';
import { SchemaChecker } from '../src/schema';

const checker = new SchemaChecker();

function deployment(spec: Record<string, unknown>, container: Record<string, unknown> = {}) {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', labels: { app: 'web' }, annotations: { 'example.com/x': '1' } },
    spec: {
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'web', image: 'nginx:1.27', ...container }] },
      },
      ...spec,
    },
  };
}

describe('SchemaChecker', () => {
  it('accepts a valid Deployment, with free-form maps (labels, annotations) and int-or-string ports', async () => {
    const result = await checker.check(
      deployment(
        { replicas: 2 },
        { ports: [{ containerPort: 80, name: 'http' }], livenessProbe: { httpGet: { path: '/', port: 'http' } } },
      ),
    );
    expect(result).toEqual({ status: 'checked', violations: [], unknownFields: [] });
  });

  it('reports a wrong type at its path', async () => {
    const result = await checker.check(deployment({}, { ports: [{ containerPort: '80' }] }));
    expect(result.status === 'checked' && result.violations).toEqual([
      {
        path: ['spec', 'template', 'spec', 'containers', 0, 'ports', 0, 'containerPort'],
        message: 'must be an integer',
      },
    ]);
  });

  it('reports a missing required field on its parent', async () => {
    const broken = deployment({});
    delete (broken.spec as Record<string, unknown>).selector;
    const result = await checker.check(broken);
    expect(result.status === 'checked' && result.violations).toEqual([
      { path: ['spec'], message: 'is missing the required field "selector"' },
    ]);
  });

  it('finds unknown fields the schemas themselves allow', async () => {
    const result = await checker.check(deployment({ replica: 3 }, { imagePullPolicie: 'Always' }));
    expect(result.status === 'checked' && result.unknownFields).toEqual(
      [
        ['spec', 'template', 'spec', 'containers', 0, 'imagePullPolicie'],
        ['spec', 'replica'],
      ]
        .sort()
        .reverse(),
    );
  });

  it('leaves free-form values of CRDs alone (HelmRelease values, Application valuesObject)', async () => {
    const release = await checker.check({
      apiVersion: 'helm.toolkit.fluxcd.io/v2',
      kind: 'HelmRelease',
      metadata: { name: 'podinfo', namespace: 'apps' },
      spec: {
        interval: '5m',
        chart: { spec: { chart: 'podinfo', sourceRef: { kind: 'HelmRepository', name: 'podinfo' } } },
        values: { image: { tag: '6.5.0' }, anything: [1, { deep: true }] },
      },
    });
    expect(release).toEqual({ status: 'checked', violations: [], unknownFields: [] });
    const application = await checker.check({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: { name: 'web' },
      spec: {
        project: 'default',
        source: { repoURL: 'https://example.com/r.git', path: 'p', helm: { valuesObject: { a: { b: 1 } } } },
        destination: { server: 'https://kubernetes.default.svc', namespace: 'web' },
        syncPolicy: { automated: { prune: true } },
      },
    });
    expect(application).toEqual({ status: 'checked', violations: [], unknownFields: [] });
  });

  it('knows Flux Kustomizations and cert-manager Certificates', async () => {
    const flux = await checker.check({
      apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
      kind: 'Kustomization',
      metadata: { name: 'apps', namespace: 'flux-system' },
      spec: {
        interval: '10m',
        path: './apps',
        prune: true,
        sourceRef: { kind: 'GitRepository', name: 'flux-system' },
        intervall: 'x',
      },
    });
    expect(flux).toEqual({ status: 'checked', violations: [], unknownFields: [['spec', 'intervall']] });
    const certificate = await checker.check({
      apiVersion: 'cert-manager.io/v1',
      kind: 'Certificate',
      metadata: { name: 'web' },
      spec: {
        secretName: 'web-tls',
        dnsNames: ['example.com'],
        issuerRef: { name: 'letsencrypt', kind: 'ClusterIssuer' },
      },
    });
    expect(certificate).toEqual({ status: 'checked', violations: [], unknownFields: [] });
  });

  it('tells an unknown kind from an unknown apiVersion', async () => {
    const kind = await checker.check({ apiVersion: 'apps/v1', kind: 'Deploymnt', metadata: { name: 'x' } });
    expect(kind.status).toBe('unknown-kind');
    expect(kind.status === 'unknown-kind' && kind.message).toMatch(
      /kind Deploymnt is not part of apps\/v1 \(it has .*Deployment/,
    );
    const group = await checker.check({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'x' } });
    expect(group.status === 'unknown-kind' && group.message).toMatch(/no schema for Widget in example.com\/v1/);
    const custom = await checker.check(
      { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'x' } },
      new Set(['example.com/Widget']),
    );
    expect(custom.status).toBe('checked');
  });

  it('requires metadata.name', async () => {
    const result = await checker.check({ apiVersion: 'v1', kind: 'ConfigMap', metadata: {}, data: { a: 'b' } });
    expect(result.status === 'checked' && result.violations).toEqual([
      { path: ['metadata'], message: 'is missing the required field "name"' },
    ]);
  });
});

describe('checkKubernetesVersion', () => {
  it('accepts the bundled version in its usual spellings', () => {
    expect(checkKubernetesVersion(undefined)).toBe('1.34');
    expect(checkKubernetesVersion('')).toBe('1.34');
    expect(checkKubernetesVersion('1.34')).toBe('1.34');
    expect(checkKubernetesVersion('v1.34.2')).toBe('1.34');
  });
  it('refuses a version the bundled schemas cannot answer, saying which they can', () => {
    expect(() => checkKubernetesVersion('1.29')).toThrow(
      'kubernetes-version 1.29: the bundled schemas describe Kubernetes 1.34 only (kubernetes-models 5.1.0); use 1.34 or leave it empty',
    );
    expect(() => checkKubernetesVersion('latest')).toThrow(/"latest" is not a Kubernetes version/);
  });
});
