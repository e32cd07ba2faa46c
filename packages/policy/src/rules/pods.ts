// privileged-container, host-path, missing-resources, missing-probes: what a pod asks of its node.
import { containers, isObject, podSpecs } from './containers';
import type { Rule, RuleHit } from './rule';

/** Kinds whose pods run until replaced: they need probes. Jobs and bare pods finish. */
const longRunning = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Rollout']);

export const privilegedContainer: Rule = {
  name: 'privileged-container',
  description: 'A container with securityContext.privileged: true has the node’s full power.',
  fix: 'Remove `securityContext.privileged`, and grant only the capabilities the container needs (`securityContext.capabilities.add`).',
  defaultLevel: () => 'error',
  check(input) {
    const hits: RuleHit[] = [];
    for (const site of containers(input.resources)) {
      const security = site.container.securityContext;
      if (!isObject(security) || security.privileged !== true) continue;
      hits.push({
        resource: site.resource,
        path: [...site.path, 'securityContext', 'privileged'],
        message: `container "${site.name}" is privileged: it can do anything the node can`,
      });
    }
    return hits;
  },
};

export const hostPath: Rule = {
  name: 'host-path',
  description: 'A hostPath volume reads or writes the node’s own files.',
  fix: "Use a PersistentVolumeClaim, a ConfigMap or an emptyDir instead of `hostPath`; if the node's files are really needed, set the rule to `warning` or `off` for this environment in gitops.yaml `policies:`.",
  defaultLevel: () => 'warning',
  check(input) {
    const hits: RuleHit[] = [];
    for (const pod of podSpecs(input.resources)) {
      const volumes = pod.spec.volumes;
      if (!Array.isArray(volumes)) continue;
      volumes.forEach((volume, index) => {
        if (!isObject(volume) || !isObject(volume.hostPath)) return;
        hits.push({
          resource: pod.resource,
          path: [...pod.path, 'volumes', index, 'hostPath'],
          message: `volume "${String(volume.name)}" mounts ${String(volume.hostPath.path)} from the node (hostPath)`,
        });
      });
    }
    return hits;
  },
};

export const missingResources: Rule = {
  name: 'missing-resources',
  description: 'A container without resources.requests or resources.limits: the scheduler cannot plan for it.',
  fix: 'Set `resources.requests` (and `resources.limits` for memory) on the container.',
  defaultLevel: () => 'warning',
  check(input) {
    const hits: RuleHit[] = [];
    for (const site of containers(input.resources)) {
      if (site.list === 'ephemeralContainers') continue;
      const resources = site.container.resources;
      const missing = ['requests', 'limits'].filter((key) => !isObject(resources) || !isObject(resources[key]));
      if (missing.length === 0) continue;
      hits.push({
        resource: site.resource,
        path: site.path,
        mode: 'owner',
        message: `container "${site.name}" sets no ${missing.map((key) => `resources.${key}`).join(' and no ')}`,
      });
    }
    return hits;
  },
};

export const missingProbes: Rule = {
  name: 'missing-probes',
  description: 'A long-running container without readiness and liveness probes: traffic and restarts go blind.',
  fix: 'Add a `readinessProbe` (and a `livenessProbe`) to the container; a Job or CronJob container needs neither.',
  defaultLevel: () => 'warning',
  check(input) {
    const hits: RuleHit[] = [];
    for (const site of containers(input.resources)) {
      if (site.list !== 'containers' || !longRunning.has(String(site.resource.object.kind))) continue;
      const missing = ['readinessProbe', 'livenessProbe'].filter((key) => !isObject(site.container[key]));
      if (missing.length === 0) continue;
      hits.push({
        resource: site.resource,
        path: site.path,
        mode: 'owner',
        message: `container "${site.name}" has no ${missing.join(' and no ')}`,
      });
    }
    return hits;
  },
};
