// What an environment's rendering reads: its folder, every kustomization its graph reaches, and every file
// those kustomizations name. A pull request that changes none of these cannot change the rendering (each file
// read is the same, so the walk reaches the same files), which lets validate render only what it touches.
// When in doubt the answer is "reads everything": a path it cannot follow makes the environment always render.
import { type Dirent, readdirSync, realpathSync } from 'node:fs';
import * as path from 'node:path';
import { isWithin, staysInsideRepository } from '@gitops/config';
import { isMap, type Node } from 'yaml';
import { isRemoteReference, kustomizationIn } from './kustomization-file';
import { pathEntries } from './kustomize-reach';
import { readYamlSource } from './yaml-text';

/** Past this many kustomizations or folders, an environment's inputs are not worked out: it always renders. */
const maxVisits = 5_000;

export interface EnvironmentInputs {
  /** Paths (relative to the root) read with everything below them: files, the environment folder, chart homes. */
  readonly trees: ReadonlySet<string>;
  /** Folders whose own files are read (a kustomization's folder: kustomize looks there for its file). */
  readonly folders: ReadonlySet<string>;
  /** The inputs could not all be known (a path out of the repository, a remote base, too many): always render. */
  readonly unknown: boolean;
}

/**
 * The inputs of the environment in `folder`: the folder itself, and through every kustomization at or below it,
 * everything the kustomization graph names. `files` adds paths read besides rendering (deploy targets).
 */
export function environmentInputs(root: string, folder: string, files: readonly string[] = []): EnvironmentInputs {
  const trees = new Set<string>();
  const folders = new Set<string>();
  let unknown = false;
  let visits = 0;
  const realRoot = realpathSync(root);
  // A path through a symbolic link is read where the link points too: a change there is a change here.
  const add = (into: Set<string>, relative: string) => {
    into.add(relative);
    try {
      const real = realpathSync(path.join(root, relative));
      if (isWithin(realRoot, real)) into.add(path.relative(realRoot, real).split(path.sep).join('/') || '.');
    } catch {
      // Not there (yet): only its name can change.
    }
  };
  const seen = new Set<string>();
  const visit = (dir: string) => {
    const kustomization = kustomizationIn(root, dir);
    if (!kustomization) {
      add(trees, dir);
      return;
    }
    if (seen.has(dir)) return;
    if (++visits > maxVisits || !staysInsideRepository(root, dir)) {
      unknown = true;
      return;
    }
    seen.add(dir);
    add(folders, dir);
    const parsed = readYamlSource(root, kustomization);
    const contents = parsed?.documents[0]?.contents as Node | null | undefined;
    if (!parsed || parsed.errors.length > 0 || !contents) return;
    // Charts are read from below the kustomization (`charts/` unless chartHome says otherwise).
    if (isMap(contents) && contents.has('helmCharts')) add(trees, dir);
    for (const entry of pathEntries(contents)) {
      const relative = path.posix.normalize(dir === '.' ? entry.value : `${dir}/${entry.value}`);
      if (
        isRemoteReference(entry.value) ||
        path.posix.isAbsolute(entry.value) ||
        relative === '..' ||
        relative.startsWith('../')
      ) {
        unknown = true;
        continue;
      }
      if (entry.mayBeFolder && kustomizationIn(root, relative)) visit(relative);
      else add(trees, relative);
    }
  };
  add(trees, folder);
  for (const file of files) add(trees, file);
  // A plain folder renders each kustomization below it; a kustomization folder renders its own graph.
  for (const start of kustomizationsAt(root, folder, () => ++visits > maxVisits)) visit(start);
  if (visits > maxVisits) unknown = true;
  return { trees, folders, unknown };
}

/** `folder` when it holds a kustomization, else the outermost kustomization folders below it. */
function kustomizationsAt(root: string, folder: string, tooMany: () => boolean): string[] {
  if (kustomizationIn(root, folder)) return [folder];
  const found: string[] = [];
  const walk = (relative: string) => {
    let entries: Dirent[];
    try {
      entries = readdirSync(path.join(root, relative), { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (!entry.isDirectory() || entry.name.startsWith('.') || tooMany()) continue;
      const child = relative === '.' ? entry.name : `${relative}/${entry.name}`;
      if (kustomizationIn(root, child)) found.push(child);
      else walk(child);
    }
  };
  walk(folder);
  return found;
}

/**
 * Whether any of `changed` (paths relative to the root: added, modified, deleted, untracked; a folder when a
 * whole untracked folder is new) is read by an environment with these inputs.
 */
export function readsAnyOf(inputs: EnvironmentInputs, changed: readonly string[]): boolean {
  if (inputs.unknown) return true;
  return changed.some((raw) => {
    const changedPath = raw.replace(/\/+$/, '');
    // A changed path above an input replaced or removed what the input lies in (a link, a folder).
    const below = (input: string) =>
      input === '.' ||
      changedPath === input ||
      changedPath.startsWith(`${input}/`) ||
      input.startsWith(`${changedPath}/`);
    for (const tree of inputs.trees) if (below(tree)) return true;
    for (const folder of inputs.folders) {
      const parent = path.posix.dirname(changedPath);
      if (parent === folder || folder.startsWith(`${changedPath}/`) || changedPath === folder) return true;
    }
    return false;
  });
}
