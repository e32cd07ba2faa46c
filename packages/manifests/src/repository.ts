// The engine as deploy, promote and the CLI use it: an app in an environment of a loaded gitops.yaml.
import {
  type App,
  type Environment,
  findApp,
  findEnvironment,
  type GitopsConfig,
  imageFor,
  imagePolicyFor,
  resolveTargets,
} from '@gitops/config';
import { formatImageRef, type ImageRef, ImageRefError, resolveImageUpdate } from '@gitops/image-ref';
import { parseName, sameName } from './image-value';
import { type AppMatcher, anyImage, type ImageSite } from './place';
import { type FileChange, planImageChanges } from './plan';
import { ManifestError, type ManifestProblem } from './problems';
import { readImage } from './read';
import { FileCache, placesInFolder, type Targets } from './targets';

export function matcherFor(app: App, environment: string): AppMatcher {
  const own = imageFor(app, environment);
  const names = sameName(own, app.image) ? [own] : [own, app.image];
  return { app: app.name, names, imagePolicy: imagePolicyFor(app, environment) };
}

/** The app's targets in the environment; without any, every YAML file of the environment's folder. */
export function targetsFor(config: GitopsConfig, app: App, environment: string): Targets {
  const targets = resolveTargets(app, environment);
  if (targets.length > 0)
    return {
      files: targets.map(({ file, path, write, create }) => ({ file, path, write, create })),
      inherit: findEnvironment(config, environment).path,
    };
  return { search: findEnvironment(config, environment).path };
}

export interface EnvironmentImage {
  readonly environment: string;
  readonly app: string;
  readonly image: ImageRef | undefined;
  readonly sites: readonly ImageSite[];
  /** Why the image could not be read (places that disagree, a broken file); the others are still read. */
  readonly problems: readonly ManifestProblem[];
}

/** The image of every app (or one) in every environment (or one). */
export function readEnvironmentImages(
  config: GitopsConfig,
  filter: { environment?: string; app?: string } = {},
): EnvironmentImage[] {
  // A fleet's clusters are read one by one (readClusterImages): its own folder holds them all.
  const environments = (
    filter.environment ? [findEnvironment(config, filter.environment)] : config.environments
  ).filter((environment) => !environment.fleet);
  const apps = filter.app ? [findConfiguredOrDiscovered(config, filter.app)] : appsOf(config);
  const cache = new FileCache(config.root);
  const result: EnvironmentImage[] = [];
  for (const environment of environments) {
    for (const app of apps) {
      const reading = readingOf(cache, targetsFor(config, app, environment.name), matcherFor(app, environment.name));
      result.push({ environment: environment.name, app: app.name, ...reading });
    }
  }
  return result;
}

/** The app's image where `targets` say, or why it cannot be read (places that disagree, a broken file). */
function readingOf(
  cache: FileCache,
  targets: Targets,
  matcher: AppMatcher,
): { image: ImageRef | undefined; sites: readonly ImageSite[]; problems: readonly ManifestProblem[] } {
  try {
    const reading = readImage(cache, targets, matcher);
    return { image: reading.image, sites: reading.sites, problems: [] };
  } catch (error) {
    if (!(error instanceof ManifestError)) throw error;
    return { image: undefined, sites: [], problems: error.problems };
  }
}

/** What one cluster of a fleet runs of one app: found anywhere in the cluster's folder. */
export interface ClusterImage {
  readonly cluster: string;
  readonly app: string;
  readonly image: ImageRef | undefined;
  readonly problems: readonly ManifestProblem[];
}

/** The image of every app in every cluster of a fleet environment (none for an environment that is no fleet). */
export function readClusterImages(config: GitopsConfig, environment: Environment): ClusterImage[] {
  const cache = new FileCache(config.root);
  const result: ClusterImage[] = [];
  for (const cluster of environment.fleet?.clusters ?? []) {
    for (const app of appsOf(config)) {
      const reading = readingOf(cache, { search: cluster.path }, matcherFor(app, environment.name));
      result.push({ cluster: cluster.name, app: app.name, image: reading.image, problems: reading.problems });
    }
  }
  return result;
}

/** Plans setting the app's image in the environment; `to` is a tag, `@digest`, `tag@digest` or a reference. */
export function planSetImage(
  config: GitopsConfig,
  environment: string,
  appName: string,
  to: string | ImageRef,
): FileChange[] {
  findEnvironment(config, environment);
  const app = findConfiguredOrDiscovered(config, appName);
  const image = imageFor(app, environment);
  const ref = typeof to === 'string' ? parseUpdate(to, image) : to;
  if (!sameName(ref, image)) {
    throw new ManifestError([
      {
        location: { file: config.file ?? config.root },
        message: `${formatImageRef(ref)} is not an image of app "${app.name}", which is ${formatImageRef(image)} in ${environment}`,
      },
    ]);
  }
  return planImageChanges(config.root, [
    { matcher: matcherFor(app, environment), to: ref, targets: targetsFor(config, app, environment) },
  ]);
}

function parseUpdate(text: string, base: ImageRef): ImageRef {
  try {
    return resolveImageUpdate(text, base);
  } catch (error) {
    if (error instanceof ImageRefError) throw error.about('to');
    throw error;
  }
}

/**
 * The apps of a repository: those of gitops.yaml when there is one (or apps were given), else the images found
 * in the manifests of `environments` (default: every environment). The one rule for every command and action.
 */
export function appsOf(config: GitopsConfig, environments = config.environments): readonly App[] {
  return config.apps.length > 0 || config.file !== undefined ? config.apps : discoverApps({ ...config, environments });
}

/** One app by name, under the same rule as appsOf; an unknown name is a configuration error. */
export function findConfiguredOrDiscovered(
  config: GitopsConfig,
  name: string,
  environments = config.environments,
): App {
  return findApp({ ...config, apps: appsOf(config, environments) }, name);
}

/**
 * Without gitops.yaml, an app is an image found in the environments' manifests, named by the last part of
 * its repository (`ghcr.io/acme/web` is app `web`).
 */
export function discoverApps(config: GitopsConfig): App[] {
  const found = new Map<string, ImageRef>();
  const cache = new FileCache(config.root);
  for (const environment of config.environments) {
    for (const { places } of placesInFolder(cache, environment.path, anyImage)) {
      for (const place of places) {
        const name = place.site?.image.name;
        if (name) found.set(formatImageRef(name), name);
      }
    }
  }
  const apps: App[] = [];
  const taken = new Set<string>();
  for (const [text, image] of [...found.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const short = image.repository.slice(image.repository.lastIndexOf('/') + 1);
    const name = taken.has(short) ? text.replace(/[/:]/g, '-') : short;
    taken.add(name);
    apps.push({
      name,
      image: parseName(text) ?? image,
      imagePolicy: undefined,
      targets: [],
      imageOverrides: {},
      location: undefined,
    });
  }
  return apps;
}
