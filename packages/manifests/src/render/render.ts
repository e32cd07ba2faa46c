// Renders an environment folder: kustomize when it holds a kustomization, its YAML files as they are when not.
import { existsSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { staysInsideRepository } from '@gitops/config';
import { kustomizationIn } from './kustomization-file';
import { findKustomize, type KustomizeTool, renderKustomize } from './kustomize';
import type { Rendering } from './model';
import { renderPlain } from './plain';

export async function renderEnvironment(
  root: string,
  folder: string,
  tool: KustomizeTool = findKustomize(),
): Promise<Rendering> {
  const absolute = path.join(root, folder);
  if (!staysInsideRepository(root, folder)) {
    const message = `the environment folder ${folder} is a symbolic link out of the repository`;
    return {
      path: folder,
      renderer: 'plain',
      resources: [],
      problems: [{ kind: 'path', location: { file: folder }, message }],
    };
  }
  if (!existsSync(absolute) || !statSync(absolute).isDirectory()) {
    return {
      path: folder,
      renderer: 'plain',
      resources: [],
      problems: [
        { kind: 'path', location: { file: folder }, message: `the environment folder ${folder} does not exist` },
      ],
    };
  }
  if (kustomizationIn(root, folder)) {
    return { path: folder, renderer: 'kustomize', ...(await renderKustomize(root, folder, tool)) };
  }
  return { path: folder, renderer: 'plain', ...(await renderPlain(root, folder, tool)) };
}
