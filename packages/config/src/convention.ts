// The layout of a config repository without gitops.yaml: one environment per folder under envs/ or
// environments/, promoted in the usual order (dev before staging before prod).
import { existsSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { Environment } from './model';

export const conventionFolders = ['envs', 'environments'] as const;

// Lower rank promotes into higher rank; names not listed come after, alphabetically.
const usualOrder = [
  'local',
  'dev',
  'development',
  'test',
  'testing',
  'qa',
  'integration',
  'uat',
  'stage',
  'staging',
  'preprod',
  'pre-prod',
  'canary',
  'prod',
  'production',
];

/** Sub-folders of a folder (relative to the repository root), from the disk or from a git tree. */
export type FolderLister = (folder: string) => string[];

export function diskFolders(root: string): FolderLister {
  return (folder) => {
    const folderPath = path.join(root, folder);
    if (!existsSync(folderPath) || !statSync(folderPath).isDirectory()) return [];
    return readdirSync(folderPath, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
      .map((entry) => entry.name);
  };
}

export function conventionEnvironments(
  root: string,
  list: FolderLister = diskFolders(root),
): Environment[] | undefined {
  for (const folder of conventionFolders) {
    const names = list(folder);
    if (names.length === 0) continue;
    names.sort(byUsualOrder);
    return names.map((name, index) => ({
      name,
      path: `${folder}/${name}`,
      promoteFrom: index > 0 ? names[index - 1] : undefined,
      via: 'commit',
      requireDigest: true,
      controller: undefined,
      requireHealthy: false,
      autoPromote: false,
      freeze: [],
      hold: undefined,
      url: undefined,
      requireProvenance: undefined,
      location: undefined,
    }));
  }
  return undefined;
}

/** Whether a name is one of the usual environment names (dev, staging, prod, …), in any case. */
export function isUsualEnvironmentName(name: string): boolean {
  return usualOrder.includes(name.toLowerCase());
}

export function byUsualOrder(a: string, b: string): number {
  const rank = (name: string) => {
    const index = usualOrder.indexOf(name.toLowerCase());
    return index === -1 ? usualOrder.length : index;
  };
  return rank(a) - rank(b) || a.localeCompare(b);
}
