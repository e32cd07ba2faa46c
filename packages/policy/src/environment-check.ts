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

/** One finding on a resource, before it is located: the rule, how serious, where in the object, and what. */
interface Hit {
  readonly rule: string;
  readonly level: Level;
  readonly where: readonly PathStep[];
  readonly message: string;
  /** Locate the value itself, or the mapping that owns it (a missing key). */
  readonly mode?: 'value' | 'owner';
}

export async function checkRendering(
  config: GitopsConfig,
  environment: Environment,
  rendering: Rendering,
  options: CheckOptions,
): Promise<Finding[]> {
  const { locator } = options;
  const findings: Finding[] = rendering.problems.map((problem) => ({
    rule: problem.kind === 'path' ? 'environment' : problem.kind,
    level: 'error',
    message: problem.message,
    location: problem.location,
    environment: environment.name,
  }));
  const add = (resource: RenderedResource, hit: Hit) =>
    findings.push({
      rule: hit.rule,
      level: hit.level,
      message: hit.message,
      location: locator.locate(resource, hit.where, hit.mode ?? 'value'),
      environment: environment.name,
      resource: resourceId(resource.object),
    });
  const schema = {
    checker: options.checker,
    customKinds: definedKinds(rendering.resources),
    strictLevel: (options.strict ? 'error' : 'warning') as Level,
  };
  for (const resource of rendering.resources) for (const hit of await schemaHits(resource, schema)) add(resource, hit);
  for (const rule of rules) {
    const level = levelOf(rule, environment, config);
    if (level === 'off') continue;
    for (const hit of rule.check({ environment, resources: rendering.resources }))
      add(hit.resource, { rule: rule.name, level, where: hit.path, message: hit.message, mode: hit.mode });
  }
  return findings;
}

/**
 * What the schemas say of one resource: a missing apiVersion or kind, a kind nobody defines, values that break
 * the schema, and fields it does not have. A SOPS file is applied decrypted (Flux's kustomize-controller,
 * ksops): its ENC[…] values and its `sops:` block are what encryption left, not what the cluster receives.
 */
async function schemaHits(
  resource: RenderedResource,
  schema: { readonly checker: SchemaChecker; readonly customKinds: Set<string>; readonly strictLevel: Level },
): Promise<Hit[]> {
  const { apiVersion, kind } = resource.object;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string' || !apiVersion || !kind) {
    const missing = [
      typeof apiVersion !== 'string' || !apiVersion ? 'apiVersion' : '',
      typeof kind !== 'string' || !kind ? 'kind' : '',
    ]
      .filter(Boolean)
      .join(' and ');
    return [{ rule: 'schema', level: 'error', where: [], message: `a resource needs ${missing}`, mode: 'owner' }];
  }
  const result = await schema.checker.check(resource.object, schema.customKinds);
  if (result.status === 'unknown-kind')
    return [
      { rule: 'unknown-kind', level: schema.strictLevel, where: ['kind'], message: result.message, mode: 'owner' },
    ];
  const sops = resource.object.sops !== undefined;
  const hits: Hit[] = [];
  for (const violation of result.violations) {
    if (sops && isSopsValue(valueAt(resource.object, violation.path))) continue;
    const message = `${describePath(violation.path)} ${violation.message}`;
    hits.push({ rule: 'schema', level: 'error', where: violation.path, message });
  }
  for (const field of result.unknownFields) {
    if (sops && field.length === 1 && field[0] === 'sops') continue;
    const message = `${describePath(field)} is not a field of ${kind} (${apiVersion})`;
    hits.push({ rule: 'unknown-field', level: schema.strictLevel, where: field, message });
  }
  return hits;
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
