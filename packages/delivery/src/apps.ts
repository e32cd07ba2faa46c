// Which apps a change concerns and what of the repository it needs checked out.
import { type App, type Environment, findApp, type GitopsConfig } from '@gitops/config';
import { discoverApps, targetsFor } from '@gitops/manifests';

/** An app of gitops.yaml, or, without one, an image found in the environment's folder. */
export function resolveApp(config: GitopsConfig, environment: Environment, name: string): App {
  if (config.file !== undefined) return findApp(config, name);
  return findApp({ ...config, apps: discoverApps({ ...config, environments: [environment] }) }, name);
}

/** Every app of gitops.yaml, or, without one, every image found in the environment's folder. */
export function allApps(config: GitopsConfig, environment: Environment): readonly App[] {
  return config.file !== undefined ? config.apps : discoverApps({ ...config, environments: [environment] });
}

/** What the sparse checkout needs for the app: its target files, or the whole environment folder. */
export function sparsePaths(config: GitopsConfig, app: App, environment: string): string[] {
  const targets = targetsFor(config, app, environment);
  return 'search' in targets ? [`${targets.search}/`] : targets.files.map((target) => target.file);
}
