// Apps from the images written in the environments, each with its targets: the files (and, for Helm values, the
// paths) where its image is written, one pattern with {env} where the files differ only by environment.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { formatImageRef } from '@gitops/image-ref';
import { type FileCache, type FoundSite, ManifestError } from '@gitops/manifests';
import { fact, guess, type Note, type ProposedApp, type ProposedTarget } from './model';

export interface ScannedEnvironment {
  readonly name: string;
  readonly path: string;
  readonly sites: readonly FoundSite[];
}

const kustomizationNames = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/** `envs/{env}` when every environment's folder is the same but for its name; undefined otherwise. */
export function envPattern(environments: readonly { name: string; path: string }[]): string | undefined {
  const patterns = new Set(
    environments.map(({ name, path: folder }) => {
      const at = folder.lastIndexOf(name);
      return at === -1 ? undefined : `${folder.slice(0, at)}{env}${folder.slice(at + name.length)}`;
    }),
  );
  const [only] = patterns;
  return patterns.size === 1 && only !== undefined && environments.length > 1 ? only : undefined;
}

/** The app's name: the last part of its repository, made a valid name; the whole image where two share it. */
function appNames(images: readonly string[]): Map<string, string> {
  const safe = (text: string) => text.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '');
  const short = (image: string) => safe(image.slice(image.lastIndexOf('/') + 1));
  const names = new Map<string, string>();
  for (const image of images) {
    const twins = images.filter((other) => short(other) === short(image)).length;
    names.set(image, twins > 1 ? safe(image) : short(image));
  }
  return names;
}

/** `cache` holds the files the environments were scanned from: a HelmRelease patch is found among them, not read again. */
export function proposeApps(cache: FileCache, environments: readonly ScannedEnvironment[]): ProposedApp[] {
  const images = [...new Set(environments.flatMap((env) => env.sites.map((site) => formatImageRef(site.name))))].sort();
  const names = appNames(images);
  const pattern = envPattern(environments);
  return images.map((image) => {
    const notes: Note[] = [];
    const targets = new Map<string, ProposedTarget & { environments: string[] }>();
    const add = (target: ProposedTarget, env: string) => {
      const key = JSON.stringify([target.file, target.path, target.write]);
      const entry = targets.get(key) ?? { ...target, environments: [] };
      if (!entry.environments.includes(env)) entry.environments.push(env);
      targets.set(key, entry);
    };
    const policies = new Map<string, string>();
    const present: string[] = [];
    for (const env of environments) {
      const sites = env.sites.filter((site) => formatImageRef(site.name) === image);
      if (sites.length === 0) continue;
      present.push(env.name);
      for (const site of sites) if (site.policy) policies.set(env.name, site.policy);
      const own = sites.filter((site) => site.location.file.startsWith(`${env.path}/`));
      const general = (file: string) => (pattern ? `${pattern}${file.slice(env.path.length)}` : file);
      for (const site of own) add({ file: general(site.location.file), path: site.path, write: site.write }, env.name);
      if (own.length > 0) continue;
      const shared = sites.map((site) => `${site.location.file}:${site.location.line}`).join(', ');
      const fallback = sharedTarget(cache, env, sites);
      if (fallback) {
        add({ ...fallback.target, file: general(fallback.target.file) }, env.name);
        notes.push(
          guess(`${env.name}: the image is written in ${shared}, which other environments may share; ${fallback.how}`),
        );
      } else
        notes.push(
          guess(
            `${env.name}: the image is written only in ${shared}, outside ${env.path}; no target for ${env.name}: add one by hand`,
          ),
        );
    }
    const policy = policyOf(policies, notes);
    return {
      name: names.get(image) ?? image,
      image,
      ...policy,
      targets: [...targets.values()].map(({ environments: envs, ...target }) => ({
        ...target,
        environments: sameSet(envs, present) && present.length === environments.length ? undefined : envs,
      })),
      notes,
    };
  });
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

/**
 * Where a deploy writes an image that the environment takes from a shared file: a Helm value into the
 * environment's own patch of the same HelmRelease (kustomize merges it over the base), a container image into an
 * images: entry of the environment's kustomization. Undefined when the environment has neither.
 */
function sharedTarget(
  cache: FileCache,
  env: ScannedEnvironment,
  sites: readonly FoundSite[],
): { target: ProposedTarget; how: string } | undefined {
  const value = sites.find((site) => site.path !== undefined && site.release !== undefined);
  if (value) {
    const patch = releasePatch(cache, env.path, value.release as string);
    return patch
      ? {
          target: { file: patch, path: value.path, write: value.write },
          how: `a deploy writes ${value.path} into ${patch}, its patch of HelmRelease ${value.release}`,
        }
      : undefined;
  }
  const kustomization = kustomizationNames.find((name) => existsSync(path.join(cache.root, env.path, name)));
  return kustomization
    ? {
        target: { file: `${env.path}/${kustomization}` },
        how: `a deploy adds an images: entry to ${env.path}/${kustomization} instead`,
      }
    : undefined;
}

/** The file of the environment's folder that patches HelmRelease `name` (files that do not parse are passed over). */
function releasePatch(cache: FileCache, folder: string, name: string): string | undefined {
  for (const { relative, text } of cache.yamlFiles(folder)) {
    if (!/kind:\s*HelmRelease/.test(text)) continue;
    let documents: ReturnType<FileCache['get']>['documents'];
    try {
      documents = cache.get(relative, true).documents;
    } catch (error) {
      if (error instanceof ManifestError) continue;
      throw error;
    }
    for (const document of documents) {
      const value = document.toJS() as { kind?: unknown; metadata?: { name?: unknown } } | null;
      if (value?.kind === 'HelmRelease' && value.metadata?.name === name) return relative;
    }
  }
  return undefined;
}
/** One ImagePolicy for every environment, or one per environment where their markers name different ones. */
function policyOf(
  policies: ReadonlyMap<string, string>,
  notes: Note[],
): { imagePolicy: string | undefined; imagePolicies: Record<string, string> | undefined } {
  const distinct = [...new Set(policies.values())];
  if (distinct.length === 0) return { imagePolicy: undefined, imagePolicies: undefined };
  if (distinct.length === 1) {
    notes.push(fact(`Flux setter markers name the ImagePolicy ${distinct[0]}`));
    return { imagePolicy: distinct[0], imagePolicies: undefined };
  }
  const each = [...policies].map(([env, name]) => `${name} in ${env}`);
  notes.push(fact(`Flux setter markers name the ImagePolicy ${each.join(', ')}`));
  return { imagePolicy: undefined, imagePolicies: Object.fromEntries(policies) };
}
