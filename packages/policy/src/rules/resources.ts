// duplicate-resource and namespace-missing: rules about the set of resources rather than what is inside them.
import { type RenderedResource, resourceId, resourceName } from '@gitops/manifests';
import type { Rule, RuleHit } from './rule';

/** Kinds that live outside namespaces (Kubernetes 1.34 and the CRDs bundled with it). */
const clusterScoped = new Set([
  'APIService',
  'CertificateSigningRequest',
  'ClusterIssuer',
  'ClusterRole',
  'ClusterRoleBinding',
  'ClusterTrustBundle',
  'ComponentStatus',
  'CSIDriver',
  'CSINode',
  'CustomResourceDefinition',
  'DeviceClass',
  'FlowSchema',
  'IngressClass',
  'IPAddress',
  'MutatingAdmissionPolicy',
  'MutatingAdmissionPolicyBinding',
  'MutatingWebhookConfiguration',
  'Namespace',
  'Node',
  'PersistentVolume',
  'PodSecurityPolicy',
  'PriorityClass',
  'PriorityLevelConfiguration',
  'RuntimeClass',
  'ServiceCIDR',
  'StorageClass',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'ValidatingWebhookConfiguration',
  'VolumeAttachment',
  'VolumeAttributesClass',
  'Bundle',
  'CertificateRequestPolicy',
]);

function group(resource: RenderedResource): string {
  const apiVersion = String(resource.object.apiVersion ?? '');
  return apiVersion.includes('/') ? (apiVersion.split('/')[0] ?? '') : '';
}

export const duplicateResource: Rule = {
  name: 'duplicate-resource',
  description: 'The same kind, namespace and name twice in one environment: one silently replaces the other.',
  fix: 'Keep one of the two: a base and an overlay that both add the resource, or two files that define it. Use a patch to change a resource the base defines.',
  defaultLevel: () => 'error',
  check(input) {
    const first = new Map<string, RenderedResource>();
    const hits: RuleHit[] = [];
    for (const resource of input.resources) {
      const key = `${group(resource)}|${resourceId(resource.object)}`;
      const earlier = first.get(key);
      if (!earlier) {
        first.set(key, resource);
        continue;
      }
      const where = earlier.origin.file;
      hits.push({
        resource,
        path: ['metadata', 'name'],
        mode: 'owner',
        message: `${resourceId(resource.object)} is defined twice in environment ${input.environment.name}; the other is in ${where}`,
      });
    }
    return hits;
  },
};

export const namespaceMissing: Rule = {
  name: 'namespace-missing',
  description: 'A namespaced resource without metadata.namespace lands wherever the applier’s default points.',
  fix: "Set `metadata.namespace`, or `namespace:` in the environment's kustomization.",
  defaultLevel: () => 'warning',
  check(input) {
    const hits: RuleHit[] = [];
    for (const resource of input.resources) {
      const { kind, namespace } = resourceName(resource.object);
      if (namespace || clusterScoped.has(kind) || !kind) continue;
      hits.push({
        resource,
        path: ['metadata'],
        mode: 'owner',
        message: `${resourceId(resource.object)} has no metadata.namespace; set one here or with namespace: in the kustomization`,
      });
    }
    return hits;
  },
};
