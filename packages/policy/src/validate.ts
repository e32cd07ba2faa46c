// `validate`: every environment rendered, checked against schemas and policies, and every finding reported
// at once with its file and line. Also the rendered manifests, for diffs.

import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import {
  ConfigError,
  conventionEnvironments,
  type Environment,
  type GitopsConfig,
  imageFor,
  loadConfig,
  previewEnvironmentsOnDisk,
  resolveTargets,
  unknownName,
} from '@gitops/config';
import { UserError } from '@gitops/errors';
import { formatImageRef } from '@gitops/image-ref';
import {
  findKustomize,
  type KustomizeTool,
  type Rendering,
  readEnvironmentImages,
  renderEnvironment,
  SourceLocator,
} from '@gitops/manifests';
import { affectedEnvironments } from './affected';
import { scanForCredentials } from './credentials';
import { type CheckOptions, checkRendering } from './environment-check';
import { countLevels, type Finding, sortFindings } from './findings';
import { checkKubernetesVersion } from './kubernetes-version';
import { SchemaChecker } from './schema';

export interface ValidateOptions {
  /** Repository root. */
  readonly root: string;
  /** gitops.yaml to read; default: gitops.yaml in the root. */
  readonly config?: string;
  /** Environments to check; default all. */
  readonly environments?: readonly string[];
  readonly kubernetesVersion?: string;
  readonly strict?: boolean;
  readonly tool?: KustomizeTool;
  /**
   * Files (relative to the root) a change touched, scanned for credentials; default: every file of the root.
   * A pull request passes its changed files: what was there before is not its author's to answer for.
   */
  readonly changedFiles?: readonly string[];
  /**
   * Every path (relative to the root) a change added, modified or deleted, and new untracked files or folders:
   * when given, only the environments that read one of them are rendered and checked. Default: all of them.
   */
  readonly changedPaths?: readonly string[];
}

export interface EnvironmentResult {
  readonly name: string;
  readonly path: string;
  readonly renderer: 'kustomize' | 'plain';
  readonly resources: number;
  readonly errors: number;
  readonly warnings: number;
  readonly rendering: Rendering;
}

export interface ValidationResult {
  readonly kubernetesVersion: string;
  readonly strict: boolean;
  readonly environments: readonly EnvironmentResult[];
  /** Environments not rendered because nothing they read changed (with `changedPaths` only). */
  readonly unchanged: readonly string[];
  readonly findings: readonly Finding[];
  readonly errors: number;
  readonly warnings: number;
}

export async function validateRepository(options: ValidateOptions): Promise<ValidationResult> {
  if (!existsSync(options.root) || !statSync(options.root).isDirectory())
    throw new UserError(`${options.root} is not a folder`, { kind: 'usage', subject: 'path' });
  const kubernetesVersion = checkKubernetesVersion(options.kubernetesVersion);
  const strict = options.strict ?? false;
  const findings: Finding[] = [];
  const config = loadOrFallBack(options, findings);
  // Existing previews are rendered and checked like environments, unless environments were named.
  const previews =
    config.previews && !options.environments?.length ? previewEnvironmentsOnDisk(config.root, config.previews) : [];
  const selected: readonly Environment[] = [
    ...selectEnvironments(config, options.environments).flatMap(clustersOf),
    ...previews,
  ];
  const tool = options.tool ?? findKustomize();
  const checker = new SchemaChecker();
  const locator = new SourceLocator(config.root);
  // kustomize runs in its own processes: each environment starts rendering as soon as it is known to be checked
  // (a few at a time), while the rest are worked out and the schemas nearly every environment needs are loaded.
  const render = limiter<Rendering>(availableParallelism());
  const renderings = new Map<string, Promise<Rendering>>();
  const start = (environment: Environment) =>
    renderings.set(
      environment.name,
      render(() => renderEnvironment(config.root, environment.path, tool)),
    );
  let environments = selected;
  let unchanged: readonly Environment[] = [];
  if (options.changedPaths) {
    ({ affected: environments, unchanged } = affectedEnvironments(
      config,
      selected,
      options.changedPaths,
      findings.length === 0,
      start,
    ));
  } else {
    for (const environment of selected) start(environment);
  }
  checker.preload(['v1', 'apps/v1']);
  const check = { strict, checker, locator };
  const results = await checkEnvironments({ config, environments, renderings, check }, findings);
  const credentialLevel = config.policies['leaked-credential'] ?? 'error';
  if (credentialLevel !== 'off')
    findings.push(...(await scanForCredentials(config.root, options.changedFiles, credentialLevel)));
  const sorted = sortFindings(findings);
  return {
    kubernetesVersion,
    strict,
    environments: results,
    unchanged: unchanged.map((environment) => environment.name),
    findings: sorted,
    ...countLevels(sorted),
  };
}

/** Each environment checked in order as its rendering comes; its findings are added to `findings`. */
async function checkEnvironments(
  run: {
    readonly config: GitopsConfig;
    readonly environments: readonly Environment[];
    readonly renderings: ReadonlyMap<string, Promise<Rendering>>;
    readonly check: CheckOptions;
  },
  findings: Finding[],
): Promise<EnvironmentResult[]> {
  const results: EnvironmentResult[] = [];
  for (const environment of run.environments) {
    const rendering = await (run.renderings.get(environment.name) as Promise<Rendering>);
    const ownFolder = run.config.environments.every((known) => known.name !== environment.name);
    const found = [
      // A preview's or a cluster's targets are its own folder, found by deploy; gitops.yaml's name environments.
      ...(ownFolder ? [] : targetFindings(run.config, environment)),
      ...(await checkRendering(run.config, environment, rendering, run.check)),
    ];
    findings.push(...found);
    results.push({
      name: environment.name,
      path: environment.path,
      renderer: rendering.renderer,
      resources: rendering.resources.length,
      ...countLevels(found),
      rendering,
    });
  }
  return results;
}

/** A broken gitops.yaml is reported, and the environment folders are still checked when they can be found. */
function loadOrFallBack(options: ValidateOptions, findings: Finding[]): GitopsConfig {
  try {
    return loadConfig(options.config ? { root: options.root, config: options.config } : { root: options.root });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const problem of error.problems) {
      const subject = problem.key ? `${problem.key}: ` : '';
      findings.push({
        rule: 'config',
        level: 'error',
        message: `${subject}${problem.message}`,
        location: { ...problem.location, file: relativeTo(options.root, problem.location.file) },
      });
    }
    const environments = conventionEnvironments(options.root) ?? [];
    return { root: options.root, file: undefined, environments, apps: [], policies: {} };
  }
}

function selectEnvironments(config: GitopsConfig, names: readonly string[] | undefined): readonly Environment[] {
  if (!names || names.length === 0) return config.environments;
  return names.map((name) => {
    const found = config.environments.find((environment) => environment.name === name);
    if (!found) {
      throw new UserError(
        `environments: ${unknownName(
          'environment',
          name,
          config.environments.map((environment) => environment.name),
        )}`,
        { kind: 'usage' },
      );
    }
    return found;
  });
}

/** A fleet is rendered cluster by cluster (`prod/eu-1`), each folder a unit of its own; other environments as they are. */
function clustersOf(environment: Environment): Environment[] {
  if (!environment.fleet) return [environment];
  return environment.fleet.clusters.map((cluster) => ({
    ...environment,
    name: `${environment.name}/${cluster.name}`,
    path: cluster.path,
    fleet: undefined,
  }));
}

/** Every app's targets must resolve in the environment, or the next deploy there fails. */
function targetFindings(config: GitopsConfig, environment: Environment): Finding[] {
  if (config.apps.length === 0) return [];
  const findings: Finding[] = [];
  for (const reading of readEnvironmentImages(config, { environment: environment.name })) {
    const app = config.apps.find((candidate) => candidate.name === reading.app);
    const targets = app ? resolveTargets(app, environment.name) : [];
    // A path target creates its keys on the first deploy: its absence is no error.
    const creates = targets.length > 0 && targets.every((target) => target.path !== undefined && target.create);
    if (app && reading.image === undefined && reading.problems.length === 0 && !creates) {
      const files = targets.map((target) => target.file);
      const image = formatImageRef(imageFor(app, environment.name));
      findings.push({
        rule: 'target',
        level: 'error',
        message: `app ${app.name}: ${image} is in none of ${files.length ? files.join(', ') : `the files of ${environment.path}`}; a deploy to ${environment.name} would fail`,
        location: { file: files[0] ?? environment.path },
        environment: environment.name,
      });
    }
    for (const problem of reading.problems) {
      findings.push({
        rule: 'target',
        level: 'error',
        message: `app ${reading.app}: ${problem.message}; a deploy to ${environment.name} would fail`,
        location: problem.location,
        environment: environment.name,
      });
    }
  }
  return findings;
}

function relativeTo(root: string, file: string): string {
  return path.isAbsolute(file) ? path.relative(root, file).split(path.sep).join('/') : file;
}

/** Runs the tasks given to it at most `width` at a time, each started at once (in the same tick) when a place is free. */
function limiter<T>(width: number): (task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  const next = () => {
    if (running >= width) return;
    const job = waiting.shift();
    if (!job) return;
    running++;
    job();
  };
  return (task) =>
    new Promise<T>((resolve, reject) => {
      waiting.push(() =>
        task()
          .then(resolve, reject)
          .finally(() => {
            running--;
            next();
          }),
      );
      next();
    });
}
