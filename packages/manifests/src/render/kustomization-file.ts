// Where a folder's kustomization is (the three names kustomize accepts), and the local paths it refers to.
import { existsSync, statSync } from 'node:fs';
import * as path from 'node:path';

export const kustomizationNames = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];
/** The kustomization file of a folder, relative to the same base as `folder`; undefined when there is none. */
export function kustomizationIn(root: string, folder: string): string | undefined {
  for (const name of kustomizationNames) {
    const relative = folder === '.' ? name : `${folder}/${name}`;
    if (existsSync(path.join(root, relative))) return relative;
  }
  return undefined;
}

/** A remote target as kustomize accepts one: a URL, scp-like git, or a `github.com/owner/repo` shorthand. */
export function isRemoteReference(entry: string): boolean {
  return /^(?:[a-z][a-z0-9+.-]*:\/\/|git@|git::|[\w.-]+@[\w.-]+:|github\.com\/|gitlab\.com\/|bitbucket\.org\/)/i.test(
    entry,
  );
}

export interface Reference {
  /** Relative to the repository root. */
  readonly path: string;
  readonly folder: boolean;
}

export interface KustomizationReferences {
  /** `resources` and the older `bases`. */
  readonly resources: Reference[];
  readonly components: Reference[];
  /** Files of `patches`, `patchesJson6902` and `patchesStrategicMerge` (inline patches are not files). */
  readonly patches: Reference[];
}

/**
 * The paths a kustomization in `dir` refers to, as repository paths that exist: remote bases (URLs) and paths
 * leaving the repository are left out.
 */
export function kustomizationReferences(
  root: string,
  dir: string,
  data: Record<string, unknown>,
): KustomizationReferences {
  const strings = (value: unknown) =>
    Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  const local = (entries: string[]): Reference[] =>
    entries.flatMap((entry) => {
      if (isRemoteReference(entry)) return [];
      const relative = path.posix.normalize(dir === '.' ? entry : `${dir}/${entry}`);
      if (relative.startsWith('..')) return [];
      const absolute = path.join(root, relative);
      if (!existsSync(absolute)) return [];
      return [{ path: relative, folder: statSync(absolute).isDirectory() }];
    });
  const patchFiles = [...strings(data.patchesStrategicMerge).filter((entry) => !entry.includes('\n'))];
  for (const key of ['patches', 'patchesJson6902']) {
    const list = data[key];
    if (!Array.isArray(list)) continue;
    for (const item of list) if (typeof item?.path === 'string') patchFiles.push(item.path);
  }
  return {
    resources: local([...strings(data.resources), ...strings(data.bases)]),
    components: local(strings(data.components)),
    patches: local(patchFiles),
  };
}
