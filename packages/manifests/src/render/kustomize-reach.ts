// What a kustomization may make kustomize read. A config pull request is written by anyone who can open one,
// and validate renders it: `- ../../../elsewhere`, an absolute path or a symbolic link out would make kustomize
// read (and validate print, diff and comment) files outside the repository. So before kustomize runs, every
// path the kustomization graph names is resolved, links followed, and each one that leaves the repository is
// an error on its own line. Remote bases are refused too: validate renders offline, from the repository alone.
import * as path from 'node:path';
import { staysInsideRepository } from '@gitops/config';
import { isMap, isScalar, isSeq, type LineCounter, type Node } from 'yaml';
import { isRemoteReference, kustomizationIn } from './kustomization-file';
import type { RenderProblem } from './model';
import { readYamlSource } from './yaml-text';

const maxKustomizations = 5_000;

interface PathEntry {
  readonly value: string;
  readonly node: Node;
  /** Entries that may be kustomization folders, which are followed in turn. */
  readonly mayBeFolder: boolean;
  /** The kustomization field it comes from, as messages name it (`resources`, `patches.path`). */
  readonly field: string;
}

/** Problems for every path reachable from the kustomization in `folder` that leaves `root` or is remote. */
export function checkKustomizeReach(root: string, folder: string): RenderProblem[] {
  const problems: RenderProblem[] = [];
  const seen = new Set<string>();
  let bounded = false;
  const visit = (dir: string) => {
    const kustomization = kustomizationIn(root, dir);
    if (!kustomization || seen.has(kustomization) || bounded) return;
    if (seen.size === maxKustomizations) {
      // What is not checked is not rendered: past the bound, the environment is refused, not half-checked.
      const message = `more than ${maxKustomizations} kustomizations are reachable from ${folder}; not rendered`;
      problems.push({ kind: 'path', location: { file: kustomization }, message });
      bounded = true;
      return;
    }
    seen.add(kustomization);
    if (!staysInsideRepository(root, kustomization)) {
      const message = `${kustomization} is a symbolic link out of the repository; validate renders only what the repository holds`;
      problems.push({ kind: 'path', location: { file: kustomization }, message });
      return;
    }
    const parsed = readYamlSource(root, kustomization);
    // A file kustomize cannot parse is reported by the syntax scan when kustomize refuses it.
    if (!parsed || parsed.errors.length) return;
    const document = parsed.documents[0];
    if (!document) return;
    for (const entry of pathEntries(document.contents as Node | null)) {
      const where = location(kustomization, entry.node, parsed.lineCounter);
      const problem = checkEntry(root, dir, entry);
      if (problem) {
        problems.push({ kind: 'path', location: where, message: problem });
        continue;
      }
      if (entry.mayBeFolder) {
        const relative = path.posix.normalize(dir === '.' ? entry.value : `${dir}/${entry.value}`);
        visit(relative);
      }
    }
  };
  visit(folder);
  return problems;
}

/** Why kustomize must not follow `entry` of the kustomization in `dir` (remote, absolute, out); undefined: it may. */
export function checkEntry(root: string, dir: string, entry: PathEntry): string | undefined {
  const { value, field } = entry;
  if (isRemoteReference(value)) {
    return `${field}: ${value} is remote; validate renders offline from the repository alone (vendor it into the repository)`;
  }
  if (path.posix.isAbsolute(value) || path.win32.isAbsolute(value)) {
    return `${field}: ${value} is an absolute path; kustomize would read outside the repository`;
  }
  const relative = path.posix.normalize(dir === '.' ? value : `${dir}/${value}`);
  if (staysInsideRepository(root, relative)) return undefined;
  const how =
    relative === '..' || relative.startsWith('../')
      ? 'leaves the repository'
      : 'goes through a symbolic link out of the repository';
  return `${field}: ${value} ${how}; validate renders only what the repository holds`;
}

/** Every path-valued entry of a kustomization, per kustomize's own fields (v5 and the older ones). */
export function pathEntries(contents: Node | null): PathEntry[] {
  if (!isMap(contents)) return [];
  const entries: PathEntry[] = [];
  const field = (key: string) => contents.get(key, true) as Node | undefined;
  const add = (node: unknown, name: string, mayBeFolder: boolean, split?: (text: string) => string) => {
    if (!isScalar(node) || typeof node.value !== 'string') return;
    const text = split ? split(node.value) : node.value;
    // Inline patches and inline generator configs are YAML text, not paths.
    if (text === '' || text.includes('\n')) return;
    entries.push({ value: text, node: node as Node, mayBeFolder, field: name });
  };
  const each = (node: unknown, fn: (item: unknown) => void) => {
    if (isSeq(node)) for (const item of node.items) fn(item);
  };
  const keyOf = (item: unknown, key: string) => (isMap(item) ? item.get(key, true) : undefined);

  for (const name of ['resources', 'bases', 'components', 'generators', 'transformers', 'validators'])
    each(field(name), (item) => add(item, name, true));
  for (const name of ['crds', 'configurations', 'patchesStrategicMerge'])
    each(field(name), (item) => add(item, name, false));
  for (const name of ['patches', 'patchesJson6902', 'replacements'])
    each(field(name), (item) => add(keyOf(item, 'path'), `${name}.path`, false));
  for (const name of ['configMapGenerator', 'secretGenerator']) {
    each(field(name), (generator) => {
      // `files` entries are `path` or `key=path`.
      each(keyOf(generator, 'files'), (item) =>
        add(item, `${name}.files`, false, (text) => text.slice(text.indexOf('=') + 1)),
      );
      each(keyOf(generator, 'envs'), (item) => add(item, `${name}.envs`, false));
      add(keyOf(generator, 'env'), `${name}.env`, false);
    });
  }
  const globals = field('helmGlobals');
  add(keyOf(globals, 'chartHome'), 'helmGlobals.chartHome', false);
  add(keyOf(globals, 'configHome'), 'helmGlobals.configHome', false);
  each(field('helmCharts'), (chart) => {
    add(keyOf(chart, 'valuesFile'), 'helmCharts.valuesFile', false);
    each(keyOf(chart, 'additionalValuesFiles'), (item) => add(item, 'helmCharts.additionalValuesFiles', false));
  });
  add(keyOf(field('openapi'), 'path'), 'openapi.path', false);
  return entries;
}

function location(file: string, node: Node, lineCounter: LineCounter) {
  const { line, col } = lineCounter.linePos(node.range?.[0] ?? 0);
  return { file, line, column: col };
}
