// Which environments a change can affect: those that read a changed path. gitops.yaml names every
// environment's settings and policies, so a change to it (or a file that cannot be read) affects them all.
import * as path from 'node:path';
import { defaultConfigFile, type Environment, type GitopsConfig, resolveTargets } from '@gitops/config';
import { environmentInputs, readsAnyOf } from '@gitops/manifests';

export interface AffectedEnvironments {
  /** To render and check, in the order given. */
  readonly affected: readonly Environment[];
  /** Not rendered: nothing they read changed, so their rendering and findings are those of the base. */
  readonly unchanged: readonly Environment[];
}

/**
 * Splits `environments` by whether they read any of `changed` (paths relative to the root, deletions and new
 * folders included). `configReadable` false (a broken gitops.yaml) affects every environment.
 */
export function affectedEnvironments(
  config: GitopsConfig,
  environments: readonly Environment[],
  changed: readonly string[],
  configReadable: boolean,
): AffectedEnvironments {
  const configFile = path
    .relative(config.root, path.resolve(config.root, config.file ?? defaultConfigFile))
    .split(path.sep)
    .join('/');
  const touchesConfig = changed.some((raw) => {
    const file = raw.replace(/\/+$/, '');
    return file === configFile || configFile.startsWith(`${file}/`);
  });
  if (!configReadable || touchesConfig) return { affected: environments, unchanged: [] };
  const affected: Environment[] = [];
  const unchanged: Environment[] = [];
  for (const environment of environments) {
    // Deploy targets are checked too (every app's image must be where gitops.yaml says).
    const targets = config.apps.flatMap((app) => resolveTargets(app, environment.name).map((target) => target.file));
    const inputs = environmentInputs(config.root, environment.path, targets);
    (readsAnyOf(inputs, changed) ? affected : unchanged).push(environment);
  }
  return { affected, unchanged };
}
