// What the resolver asks of the repository's folders: what is at a path, and which folders a folder holds. On
// disk by default; a sparse checkout answers from its git tree instead (delivery's load.ts).
import { existsSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';

/** What is at a path relative to the repository root; a sparse checkout answers from the git tree. */
export type PathProbe = (relative: string) => 'directory' | 'file' | 'missing';

export function diskProbe(root: string): PathProbe {
  return (relative) => {
    const absolute = path.join(root, relative);
    if (!existsSync(absolute)) return 'missing';
    return statSync(absolute).isDirectory() ? 'directory' : 'file';
  };
}

/** The names of the folders in a folder relative to the root. */
export type FolderLister = (parent: string) => string[];

export function diskFolders(root: string): FolderLister {
  return (parent) => {
    try {
      return readdirSync(path.join(root, parent), { withFileTypes: true })
        .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
        .map((entry) => entry.name);
    } catch {
      return [];
    }
  };
}
