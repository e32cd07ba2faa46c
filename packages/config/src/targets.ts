// Questions asked of a loaded configuration: which environment, which app, which files.
import type { ImageRef } from '@gitops/image-ref';
import type { App, Environment, GitopsConfig, ResolvedTarget } from './model';
import { ConfigError } from './problems';
import { unknownName } from './suggest';

export function findEnvironment(config: GitopsConfig, name: string): Environment {
  const environment = config.environments.find((candidate) => candidate.name === name);
  if (environment) return environment;
  throw unknown(
    config,
    unknownName(
      'environment',
      name,
      config.environments.map((candidate) => candidate.name),
    ),
  );
}

export function findApp(config: GitopsConfig, name: string): App {
  const app = config.apps.find((candidate) => candidate.name === name);
  if (app) return app;
  throw unknown(
    config,
    unknownName(
      'app',
      name,
      config.apps.map((candidate) => candidate.name),
    ),
  );
}

function unknown(config: GitopsConfig, message: string): ConfigError {
  return new ConfigError([{ location: { file: config.file ?? config.root }, key: '', message }]);
}

/** The image name of `app` in `environment`, after per-environment overrides. */
export function imageFor(app: App, environment: string): ImageRef {
  return app.imageOverrides[environment] ?? app.image;
}

/** The Flux ImagePolicy whose markers are the app's in the environment. */
export function imagePolicyFor(app: App, environment: string): string | undefined {
  return app.imagePolicyOverrides?.[environment] ?? app.imagePolicy;
}

/** The targets of `app` that apply to `environment`, with `{env}` substituted. */
export function resolveTargets(app: App, environment: string): ResolvedTarget[] {
  return app.targets
    .filter((target) => target.environments === undefined || target.environments.includes(environment))
    .map((target) => ({
      file: target.file.replaceAll('{env}', environment),
      path: target.path?.replaceAll('{env}', environment),
      write: target.write,
      create: target.create,
      location: target.location,
    }));
}
