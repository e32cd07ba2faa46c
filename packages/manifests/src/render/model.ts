// An environment as the cluster would receive it: every resource, and where in the repository it came from.
import type { SourceLocation } from '@gitops/log';

export type ResourceObject = Record<string, unknown>;

export interface ResourceOrigin {
  /** File (relative to the repository root) that defines the resource, or the kustomization generating it. */
  readonly file: string;
  /** Document index within `file` when known (plain YAML); otherwise found by kind and name. */
  readonly document?: number;
  /** Set when a kustomize generator (ConfigMapGenerator, …) made the resource. */
  readonly generator?: string;
}

export interface RenderedResource {
  readonly object: ResourceObject;
  readonly origin: ResourceOrigin;
  /** Kustomization files whose transformers (patches, images, namespace …) applied to it, in order. */
  readonly kustomizations: readonly string[];
}

export type RenderProblemKind = 'yaml' | 'render' | 'path';

export interface RenderProblem {
  readonly kind: RenderProblemKind;
  readonly location: SourceLocation;
  readonly message: string;
}

export interface Rendering {
  /** The environment folder, relative to the repository root. */
  readonly path: string;
  readonly renderer: 'kustomize' | 'plain';
  readonly resources: readonly RenderedResource[];
  /** Files that could not be read or rendered; the rest of the environment is still rendered. */
  readonly problems: readonly RenderProblem[];
}

export function resourceName(object: ResourceObject): { kind: string; namespace: string; name: string } {
  const metadata = (object.metadata ?? {}) as Record<string, unknown>;
  return {
    kind: typeof object.kind === 'string' ? object.kind : '',
    namespace: typeof metadata.namespace === 'string' ? metadata.namespace : '',
    name: typeof metadata.name === 'string' ? metadata.name : '',
  };
}

/** `Kind/namespace/name`, or `Kind/name` for resources without a namespace. */
export function resourceId(object: ResourceObject): string {
  const { kind, namespace, name } = resourceName(object);
  return namespace ? `${kind}/${namespace}/${name}` : `${kind}/${name}`;
}
