// Checks one rendered environment: schemas, unknown fields and kinds, and the policy rules, each finding
// located on the file and line that would fix it.
import type { Environment, GitopsConfig } from '@gitops/config';
import {
  isSopsValue,
  type PathStep,
  type RenderedResource,
  type Rendering,
  resourceId,
  type SourceLocator,
} from '@gitops/manifests';
import type { Finding, Level } from './findings';
import { rules } from './rules/index';
import type { Rule } from './rules/rule';
import type { SchemaChecker } from './schema';

export interface CheckOptions {
  readonly strict: boolean;
  readonly checker: SchemaChecker;
  /** Shared by the environments of one run: overlays share their bases, parsed once. */
  readonly locator: SourceLocator;
}

export function levelOf(rule: Rule, environment: Environment, config: GitopsConfig): Level | 'off' {
  // deploy refuses a tag in such an environment; validate must not call the same thing a warning.
  if (rule.name === 'image-without-digest' && environment.requireDigest) return 'error';
  return config.policies[rule.name] ?? rule.defaultLevel(environment);
}

export async function checkRendering(
  config: GitopsConfig,
  environment: Environment,
  rendering: Rendering,
  options: CheckOptions,
): Promise<Finding[]> {
  const { locator } = options;
  const findings: Finding[] = [];
  const add = (
    resource: RenderedResource,
    rule: string,
    level: Level,
    where: readonly PathStep[],
    message: string,
    mode: 'value' | 'owner' = 'value',
  ) =>
    findings.push({
      rule,
      level,
      message,
      location: locator.locate(resource, where, mode),
      environment: environment.name,
      resource: resourceId(resource.object),
    });

  for (const problem of rendering.problems) {
    const rule = problem.kind === 'path' ? 'environment' : problem.kind;
    findings.push({
      rule,
      level: 'error',
      message: problem.message,
      location: problem.location,
      environment: environment.name,
    });
  }

  const customKinds = definedKinds(rendering.resources);
  const strictLevel: Level = options.strict ? 'error' : 'warning';
  for (const resource of rendering.resources) {
    const { apiVersion, kind } = resource.object;
    if (typeof apiVersion !== 'string' || typeof kind !== 'string' || !apiVersion || !kind) {
      const missing = [
        typeof apiVersion !== 'string' || !apiVersion ? 'apiVersion' : '',
        typeof kind !== 'string' || !kind ? 'kind' : '',
      ]
        .filter(Boolean)
        .join(' and ');
      add(resource, 'schema', 'error', [], `a resource needs ${missing}`, 'owner');
      continue;
    }
    const result = await options.checker.check(resource.object, customKinds);
    if (result.status === 'unknown-kind') {
      add(resource, 'unknown-kind', strictLevel, ['kind'], result.message, 'owner');
      continue;
    }
    // A SOPS file is applied decrypted (Flux's kustomize-controller, ksops): its ENC[…] values and its `sops:`
    // block are what encryption left, not what the cluster receives.
    const sops = resource.object.sops !== undefined;
    for (const violation of result.violations) {
      if (sops && isSopsValue(valueAt(resource.object, violation.path))) continue;
      add(resource, 'schema', 'error', violation.path, `${describePath(violation.path)} ${violation.message}`);
    }
    for (const field of result.unknownFields) {
      if (sops && field.length === 1 && field[0] === 'sops') continue;
      add(
        resource,
        'unknown-field',
        strictLevel,
        field,
        `${describePath(field)} is not a field of ${kind} (${apiVersion})`,
      );
    }
  }

  for (const rule of rules) {
    const level = levelOf(rule, environment, config);
    if (level === 'off') continue;
    for (const hit of rule.check({ environment, resources: rendering.resources })) {
      add(hit.resource, rule.name, level, hit.path, hit.message, hit.mode);
    }
  }
  return findings;
}

/** Kinds defined by CustomResourceDefinitions rendered in the same environment, as `group/Kind`. */
function definedKinds(resources: readonly RenderedResource[]): Set<string> {
  const kinds = new Set<string>();
  for (const { object } of resources) {
    if (object.kind !== 'CustomResourceDefinition') continue;
    const spec = (object.spec ?? {}) as { group?: unknown; names?: { kind?: unknown } };
    if (typeof spec.group === 'string' && typeof spec.names?.kind === 'string')
      kinds.add(`${spec.group}/${spec.names.kind}`);
  }
  return kinds;
}

/** `spec.template.spec.containers[0].image`, as people write it. */
export function describePath(path: readonly PathStep[]): string {
  if (path.length === 0) return 'the resource';
  return path
    .map((step, index) => (typeof step === 'number' ? `[${step}]` : `${index === 0 ? '' : '.'}${step}`))
    .join('');
}

function valueAt(object: unknown, path: readonly PathStep[]): unknown {
  let value = object;
  for (const step of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[step];
  }
  return value;
}
