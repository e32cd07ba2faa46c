// What an environment's rendering reads: its folder, every kustomization its graph reaches, and every file
// those kustomizations name. A pull request that changes none of these cannot change the rendering (each file
// read is the same, so the walk reaches the same files), which lets validate render only what it touches.
// When in doubt the answer is "reads everything": a path it cannot follow makes the environment always render.
import { type Dirent, readdirSync, realpathSync } from 'node:fs';
import * as path from 'node:path';
import { isWithin, staysInsideRepository } from '@gitops/config';
import { isMap, type Node } from 'yaml';
import { kustomizationIn } from './kustomization-file';
import { checkEntry, pathEntries } from './kustomize-reach';
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
export function environmentInputs(
  root: string,
  folder: string,
  files: readonly string[] = [],
  cache: KustomizationPaths = new Map(),
): EnvironmentInputs {
  const trees = new Set<string>();
  const folders = new Set<string>();
  let unknown = false;
  let visits = 0;
  const realRoot = realpathSync(root);
  const seen = new Set<string>();
  const visit = (dir: string) => {
    if (seen.has(dir)) return;
    if (++visits > maxVisits) {
      unknown = true;
      return;
    }
    seen.add(dir);
    const read = readsOf(root, realRoot, dir, cache);
    if (read.unknown) unknown = true;
    for (const name of read.folders) folders.add(name);
    for (const tree of read.trees) trees.add(tree);
    for (const child of read.kustomizations) visit(child);
  };
  for (const file of [folder, ...files]) for (const name of withTarget(root, realRoot, file)) trees.add(name);
  // A plain folder renders each kustomization below it; a kustomization folder renders its own graph.
  for (const start of kustomizationsAt(root, folder, () => ++visits > maxVisits)) visit(start);
  if (visits > maxVisits) unknown = true;
  return { trees, folders, unknown };
}

/**
 * What one kustomization folder reads, kept across the environments of one check: overlays share their bases,
 * and a base of hundreds of apps is parsed and resolved once, not once per environment.
 */
export type KustomizationPaths = Map<string, KustomizationReads>;

interface KustomizationReads {
  /** Its folder (and where that folder really is). */
  readonly folders: readonly string[];
  /** The files and non-kustomization folders it names, read whole. */
  readonly trees: readonly string[];
  /** The kustomization folders it names, read in turn. */
  readonly kustomizations: readonly string[];
  readonly unknown: boolean;
}

function readsOf(root: string, realRoot: string, dir: string, cache: KustomizationPaths): KustomizationReads {
  const cached = cache.get(dir);
  if (cached) return cached;
  const reads = { folders: [] as string[], trees: [] as string[], kustomizations: [] as string[], unknown: false };
  cache.set(dir, reads);
  const kustomization = kustomizationIn(root, dir);
  if (!kustomization) {
    reads.trees.push(...withTarget(root, realRoot, dir));
    return reads;
  }
  if (!staysInsideRepository(root, dir)) {
    reads.unknown = true;
    return reads;
  }
  reads.folders.push(...withTarget(root, realRoot, dir));
  const parsed = readYamlSource(root, kustomization);
  const contents = parsed?.documents[0]?.contents as Node | null | undefined;
  // One that does not parse names nothing; it is an input itself (its folder is), and kustomize says what is wrong.
  if (!parsed || parsed.errors.length > 0 || !contents) return reads;
  // Charts are read from below the kustomization (`charts/` unless chartHome says otherwise).
  if (isMap(contents) && contents.has('helmCharts')) reads.trees.push(...withTarget(root, realRoot, dir));
  for (const entry of pathEntries(contents)) {
    // What validate refuses to render (remote, absolute, out of the repository) cannot be followed here either.
    if (checkEntry(root, dir, entry)) {
      reads.unknown = true;
      continue;
    }
    const relative = path.posix.normalize(dir === '.' ? entry.value : `${dir}/${entry.value}`);
    if (entry.mayBeFolder && kustomizationIn(root, relative)) reads.kustomizations.push(relative);
    else reads.trees.push(...withTarget(root, realRoot, relative));
  }
  return reads;
}

/** A path, and where it really is when a symbolic link on the way points elsewhere: a change there is one here. */
function withTarget(root: string, realRoot: string, relative: string): string[] {
  try {
    const real = realpathSync(path.join(root, relative));
    const inside = path.relative(realRoot, real).split(path.sep).join('/') || '.';
    return isWithin(realRoot, real) && inside !== relative ? [relative, inside] : [relative];
  } catch {
    return [relative]; // not there (yet): only its name can change
  }
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
