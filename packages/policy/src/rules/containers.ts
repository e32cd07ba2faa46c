// The containers of any workload kind, with the path to each, for rules that look inside pods.
import { type PathStep, podSpecPaths, type RenderedResource } from '@gitops/manifests';

export interface ContainerSite {
  readonly resource: RenderedResource;
  readonly container: Record<string, unknown>;
  readonly path: readonly PathStep[];
  readonly list: 'initContainers' | 'containers' | 'ephemeralContainers';
  readonly name: string;
}

export interface PodSite {
  readonly resource: RenderedResource;
  readonly spec: Record<string, unknown>;
  readonly path: readonly PathStep[];
}

export function podSpecs(resources: readonly RenderedResource[]): PodSite[] {
  const sites: PodSite[] = [];
  for (const resource of resources) {
    const kind = resource.object.kind;
    const specPath = typeof kind === 'string' ? podSpecPaths[kind] : undefined;
    if (!specPath) continue;
    let node: unknown = resource.object;
    for (const step of specPath) node = isObject(node) ? node[step] : undefined;
    if (isObject(node)) sites.push({ resource, spec: node, path: specPath });
  }
  return sites;
}

export function containers(resources: readonly RenderedResource[]): ContainerSite[] {
  const sites: ContainerSite[] = [];
  for (const pod of podSpecs(resources)) {
    for (const list of ['initContainers', 'containers', 'ephemeralContainers'] as const) {
      const items = pod.spec[list];
      if (!Array.isArray(items)) continue;
      items.forEach((container, index) => {
        if (!isObject(container)) return;
        const name = typeof container.name === 'string' ? container.name : String(index);
        sites.push({ resource: pod.resource, container, path: [...pod.path, list, index], list, name });
      });
    }
  }
  return sites;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
