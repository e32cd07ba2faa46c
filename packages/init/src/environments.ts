// The environments of a repository as it stands: folders laid out the way teams lay them out (envs/*,
// overlays/*, environments/*, clusters/*/apps), and the folders its Argo CD Applications, ApplicationSets and Flux
// Kustomizations point at. Each candidate says where it came from, so a conflict can name both sides.
import { existsSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { isUsualEnvironmentName } from '@gitops/config';
import type { YamlDocument } from './repository-yaml';

export interface Candidate {
  readonly name: string;
  /** The folder, relative to the root, without ./ or a trailing slash. */
  readonly path: string;
  /** Where it was seen: `folder envs/*`, `Argo CD Application web-dev (apps/web-dev.yaml:1)`. */
  readonly from: string;
}

const layoutFolders = ['envs', 'env', 'environments', 'overlays'];
/** Folder names under which a layout folder is looked for (app/overlays/dev, deploy/envs/prod). */
const maxLayoutDepth = 3;

/** Folders named like a layout (at the top or a few levels down) and clusters/<name>/apps. */
export function folderCandidates(root: string): Candidate[] {
  const found: Candidate[] = [];
  const visit = (relative: string, depth: number) => {
    for (const name of subfolders(root, relative)) {
      const child = relative ? `${relative}/${name}` : name;
      const inside = subfolders(root, child);
      const named = inside.filter(isUsualEnvironmentName);
      if (layoutFolders.includes(name))
        for (const env of inside) found.push({ name: env, path: `${child}/${env}`, from: `folder ${child}/*` });
      // Two or more folders named like environments (kustomize/staging, kustomize/prod) are taken as such; their
      // siblings (app, base, monitoring) are not. clusters/<name> holds a cluster's Flux objects, not its apps.
      else if (named.length >= 2 && name !== 'clusters')
        for (const env of named)
          found.push({ name: env, path: `${child}/${env}`, from: `folders named like environments in ${child}/` });
      else if (depth < maxLayoutDepth && name !== 'base') visit(child, depth + 1);
    }
  };
  visit('', 0);
  for (const cluster of subfolders(root, 'clusters'))
    if (existsSync(path.join(root, 'clusters', cluster, 'apps')))
      found.push({ name: cluster, path: `clusters/${cluster}/apps`, from: 'folder clusters/*/apps' });
  return found;
}

function subfolders(root: string, relative: string): string[] {
  const full = path.join(root, relative);
  if (!existsSync(full) || !statSync(full).isDirectory()) return [];
  return readdirSync(full, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== 'node_modules')
    .map((entry) => entry.name)
    .sort();
}

/** A repository path as an object names it (./apps/dev/, apps/dev): relative, no ./, no trailing slash. */
export function normalPath(text: string): string | undefined {
  const cleaned = path.posix.normalize(text.trim().replace(/^\.\//, '')).replace(/\/+$/, '');
  if (cleaned === '' || cleaned === '.' || cleaned.startsWith('..') || path.posix.isAbsolute(cleaned)) return undefined;
  return cleaned;
}

const record = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
const text = (value: unknown): string | undefined => (typeof value === 'string' && value ? value : undefined);

export const isArgoApplication = (doc: YamlDocument) =>
  String(doc.value.apiVersion ?? '').startsWith('argoproj.io/') && doc.value.kind === 'Application';
export const isArgoApplicationSet = (doc: YamlDocument) =>
  String(doc.value.apiVersion ?? '').startsWith('argoproj.io/') && doc.value.kind === 'ApplicationSet';
export const isFluxKustomization = (doc: YamlDocument) =>
  String(doc.value.apiVersion ?? '').startsWith('kustomize.toolkit.fluxcd.io/') && doc.value.kind === 'Kustomization';

export const nameOf = (doc: YamlDocument) => text(record(doc.value.metadata).name) ?? '(unnamed)';
export const namespaceOf = (doc: YamlDocument) => text(record(doc.value.metadata).namespace);
const where = (doc: YamlDocument) => `${doc.file}:${doc.line}`;

/**
 * The folders an Application applies: each source's path, or, for a chart whose values come from another source
 * of the repository (`$values/envs/prod/values.yaml`), the folder of those values: the environment's own files.
 */
export function applicationPaths(spec: Record<string, unknown>): string[] {
  const sources = Array.isArray(spec.sources) ? spec.sources : [spec.source];
  return sources.flatMap((source) => {
    const valueFiles = record(record(source).helm).valueFiles;
    const values = (Array.isArray(valueFiles) ? valueFiles : [])
      .map((file) => text(file))
      .filter((file): file is string => file?.startsWith('$values/') === true)
      .map((file) => path.posix.dirname(file.slice('$values/'.length)));
    if (values.length > 0) return values;
    const own = text(record(source).path);
    return own === undefined ? [] : [own];
  });
}

/** Environments named by the controllers' objects: the folder each one applies. */
export function controllerCandidates(root: string, documents: readonly YamlDocument[]): Candidate[] {
  const found: Candidate[] = [];
  for (const doc of documents) {
    if (isArgoApplication(doc))
      for (const source of applicationPaths(record(doc.value.spec))) {
        const folder = normalPath(source);
        if (folder && !folder.includes('{{'))
          found.push({
            name: envName(folder),
            path: folder,
            from: `Argo CD Application ${nameOf(doc)} (${where(doc)})`,
          });
      }
    if (isArgoApplicationSet(doc)) found.push(...applicationSetCandidates(root, doc));
    if (isFluxKustomization(doc)) {
      const folder = normalPath(text(record(doc.value.spec).path) ?? '');
      if (folder)
        found.push({
          name: fluxEnvName(folder, doc.file),
          path: folder,
          from: `Flux Kustomization ${nameOf(doc)} (${where(doc)})`,
        });
    }
  }
  return found;
}

/**
 * The folders an ApplicationSet's git generators name: directories (`envs/*`) and files (`envs/<name>/values.yaml`),
 * expanded on disk; each with the Application name its template gives (`todolist-{{.path.basename}}`).
 */
export function applicationSetFolders(root: string, doc: YamlDocument): { path: string; application?: string }[] {
  const spec = record(doc.value.spec);
  const template = text(record(record(spec.template).metadata).name);
  const generators = Array.isArray(spec.generators) ? spec.generators : [];
  const found: { path: string; application?: string }[] = [];
  for (const generator of generators) {
    const git = record(record(generator).git);
    const patterns = [
      ...(Array.isArray(git.directories) ? git.directories : []).filter((entry) => record(entry).exclude !== true),
      ...(Array.isArray(git.files) ? git.files : []).map((entry) => ({
        path: path.posix.dirname(text(record(entry).path) ?? ''),
      })),
    ];
    for (const entry of patterns) {
      const pattern = text(record(entry).path);
      if (!pattern?.endsWith('/*')) continue;
      const parent = normalPath(pattern.slice(0, -2));
      for (const name of parent ? subfolders(root, parent) : []) {
        const application = template?.replace(/\{\{-?\s*\.?path\.basename\s*-?\}\}/g, name);
        found.push({
          path: `${parent}/${name}`,
          ...(application && !application.includes('{{') ? { application } : {}),
        });
      }
    }
  }
  return found;
}

function applicationSetCandidates(root: string, doc: YamlDocument): Candidate[] {
  return applicationSetFolders(root, doc).map((folder) => ({
    name: envName(folder.path),
    path: folder.path,
    from: `Argo CD ApplicationSet ${nameOf(doc)} (${where(doc)})`,
  }));
}

/** An environment's name from its folder: the folder's own name. */
function envName(folder: string): string {
  return folder.slice(folder.lastIndexOf('/') + 1);
}

/**
 * A Flux Kustomization's environment: its folder's name when that is an environment's usual name (apps/staging),
 * else the cluster folder the Kustomization lives in (clusters/staging/apps.yaml applies ./apps for staging).
 */
function fluxEnvName(folder: string, file: string): string {
  const own = envName(folder);
  const cluster = /^clusters\/([^/]+)\//.exec(file)?.[1];
  return cluster && !isUsualEnvironmentName(own) ? cluster : own;
}
