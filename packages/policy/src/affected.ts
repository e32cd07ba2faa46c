// Which environments a change can affect: those that read a changed path. gitops.yaml names every
// environment's settings and policies, so a change to it (or a file that cannot be read) affects them all.
import * as path from 'node:path';
import { defaultConfigFile, type Environment, type GitopsConfig, resolveTargets } from '@gitops/config';
import { environmentInputs, type KustomizationPaths, readsAnyOf } from '@gitops/manifests';

export interface AffectedEnvironments {
  /** To render and check, in the order given. */
  readonly affected: readonly Environment[];
  /** Not rendered: nothing they read changed, so their rendering and findings are those of the base. */
  readonly unchanged: readonly Environment[];
}

/**
 * Splits `environments` by whether they read any of `changed` (paths relative to the root, deletions and new
 * folders included). `configReadable` false (a broken gitops.yaml) affects every environment. `found` hears of
 * each affected environment as soon as it is known (to start rendering it): those with a change in their own
 * folder or targets first, before the kustomization graphs of the others are walked (a while with large overlays).
 */
export function affectedEnvironments(
  config: GitopsConfig,
  environments: readonly Environment[],
  changed: readonly string[],
  configReadable: boolean,
  found: (environment: Environment) => void = () => undefined,
): AffectedEnvironments {
  const paths = changed.map((file) => file.replace(/\/+$/, ''));
  const configFile = path
    .relative(config.root, path.resolve(config.root, config.file ?? defaultConfigFile))
    .split(path.sep)
    .join('/');
  const touchesConfig = paths.some((file) => file === configFile || configFile.startsWith(`${file}/`));
  if (!configReadable || touchesConfig) {
    for (const environment of environments) found(environment);
    return { affected: environments, unchanged: [] };
  }
  // Deploy targets are checked too (every app's image must be where gitops.yaml says). Many apps often share one
  // target file, such as an overlay's kustomization: each file once.
  const targets = new Map(
    environments.map((environment) => [
      environment,
      [...new Set(config.apps.flatMap((app) => resolveTargets(app, environment.name).map((target) => target.file)))],
    ]),
  );
  const targetsOf = (environment: Environment) => targets.get(environment) ?? [];
  // First those with a change in their own folder or targets, which need no walk.
  const direct = new Set<Environment>();
  for (const environment of environments) {
    const own = {
      trees: new Set([environment.path, ...targetsOf(environment)]),
      folders: new Set<string>(),
      unknown: false,
    };
    if (readsAnyOf(own, paths)) {
      direct.add(environment);
      found(environment);
    }
  }
  const affected: Environment[] = [];
  const unchanged: Environment[] = [];
  const parsed: KustomizationPaths = new Map();
  for (const environment of environments) {
    if (direct.has(environment)) {
      affected.push(environment);
      continue;
    }
    const inputs = environmentInputs(config.root, environment.path, targetsOf(environment), parsed);
    if (readsAnyOf(inputs, paths)) {
      affected.push(environment);
      found(environment);
    } else {
      unchanged.push(environment);
    }
  }
  return { affected, unchanged };
}
