// Where a folder's kustomization is: the three names kustomize accepts.
import { existsSync } from 'node:fs';
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
