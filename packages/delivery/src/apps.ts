// Which apps a change concerns and what of the repository it needs checked out.
import { type App, type Environment, findEnvironment, type GitopsConfig } from '@gitops/config';
import { appsOf, findConfiguredOrDiscovered, targetsFor } from '@gitops/manifests';

/** An app of gitops.yaml, or, without one, an image found in the environment's folder. */
export function resolveApp(config: GitopsConfig, environment: Environment, name: string): App {
  return findConfiguredOrDiscovered(config, name, [environment]);
}

/** Every app of gitops.yaml, or, without one, every image found in the environment's folder. */
export function allApps(config: GitopsConfig, environment: Environment): readonly App[] {
  return appsOf(config, [environment]);
}

/** What the sparse checkout needs for the app: its target files, or the whole environment folder. */
export function sparsePaths(config: GitopsConfig, app: App, environment: string): string[] {
  // A fleet's cluster folders are checked out wave by wave, as the planner reads them (fleet-plan.ts).
  if (findEnvironment(config, environment).fleet) return [];
  const targets = targetsFor(config, app, environment);
  return 'search' in targets ? [`${targets.search}/`] : targets.files.map((target) => target.file);
}
