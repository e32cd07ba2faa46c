// Checks the shape of gitops.yaml against its JSON Schema and words each violation for a person.
import type { ErrorObject, ValidateFunction } from 'ajv';
import { type KeyPath, keyPathText, type YamlLocator } from './locate';
import type { ConfigProblem } from './problems';
// Compiled ahead of time (scripts/generate-schema-validator.mjs): ajv itself is not loaded at run time.
import { validate as generated } from './schema-validator.generated';
import { didYouMean } from './suggest';

const validate = generated as unknown as ValidateFunction;

export function checkSchema(data: unknown, locator: YamlLocator): ConfigProblem[] {
  if (validate(data)) return [];
  const problems: ConfigProblem[] = [];
  const seen = new Set<string>();
  for (const error of alternativesApplied(validate.errors ?? [])) {
    const problem = describe(error, locator);
    if (!problem) continue;
    const id = `${problem.location.line}:${problem.location.column}:${problem.message}`;
    if (seen.has(id)) continue;
    seen.add(id);
    problems.push(problem);
  }
  return problems;
}

/**
 * A value that may take several shapes (`anyOf`: a name or a list of names) gets the errors of the shape its type
 * matches, not those of every shape; a value of no listed type gets one line naming them.
 */
function alternativesApplied(errors: readonly ErrorObject[]): ErrorObject[] {
  const alternatives = errors.filter((error) => error.keyword === 'anyOf');
  if (alternatives.length === 0) return [...errors];
  const dropped = new Set<ErrorObject>();
  const kept: ErrorObject[] = [];
  for (const anyOf of alternatives) {
    dropped.add(anyOf);
    const branches = new Map<string, ErrorObject[]>();
    for (const error of errors) {
      if (!error.schemaPath.startsWith(`${anyOf.schemaPath}/`)) continue;
      const branch = error.schemaPath.slice(anyOf.schemaPath.length + 1).split('/')[0] as string;
      dropped.add(error);
      branches.set(branch, [...(branches.get(branch) ?? []), error]);
    }
    const ofType = [...branches.values()].filter(
      (branch) => !branch.some((error) => error.keyword === 'type' && error.instancePath === anyOf.instancePath),
    );
    if (ofType.length) kept.push(...(ofType[0] as ErrorObject[]));
    else {
      const types = [...branches.values()].map((branch) => String(branch[0]?.params.type));
      kept.push({ ...anyOf, keyword: 'type', params: { type: types.join(',') } });
    }
  }
  return [...errors.filter((error) => !dropped.has(error)), ...kept];
}

function pathOf(instancePath: string): (string | number)[] {
  if (instancePath === '') return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'))
    .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
}

function describe(error: ErrorObject, locator: YamlLocator): ConfigProblem | undefined {
  const path = pathOf(error.instancePath);
  const at = (where: KeyPath, message: string, onKey = false): ConfigProblem => ({
    location: onKey ? locator.key(where) : locator.value(where),
    key: keyPathText(where),
    message,
  });
  switch (error.keyword) {
    case 'additionalProperties': {
      const name = String(error.params.additionalProperty);
      const known = Object.keys((error.parentSchema?.properties as object | undefined) ?? {});
      const where = keyPathText(path) || 'the top level';
      const hint = known.length ? didYouMean(name, known) || `; expected one of ${known.join(', ')}` : '';
      return at([...path, name], `unknown key in ${where}${hint}`, true);
    }
    case 'required':
      return {
        location: locator.key(path),
        key: keyPathText(path),
        message: `missing required key "${String(error.params.missingProperty)}"`,
      };
    case 'propertyNames':
      return undefined; // reported by the `pattern` error on the name itself
    case 'pattern':
      if (error.propertyName !== undefined) {
        return at([...path, error.propertyName], `"${error.propertyName}" is not a valid name: ${nameRule}`, true);
      }
      return at(
        path,
        `"${String(error.data)}" ${patternHints[String(path.at(-1))] ?? `does not match ${String(error.params.pattern)}`}`,
      );
    case 'type': {
      const types = String(error.params.type).split(',').map(article).join(' or ');
      return at(path, `expected ${types}, got ${typeName(error.data)}`);
    }
    case 'enum': {
      const allowed = (error.params.allowedValues as unknown[]).map(String);
      return at(
        path,
        `"${String(error.data)}" is not one of ${allowed.join(', ')}${didYouMean(String(error.data), allowed)}`,
      );
    }
    case 'minProperties':
      return at(path, 'must not be empty');
    case 'maxProperties': {
      const given = Object.keys((error.data as object | null) ?? {});
      return at(path, `names ${given.join(' and ')}; one environment has one of them`);
    }
    case 'minItems':
      return at(path, 'must list at least one entry');
    case 'minLength':
      return at(path, 'must not be empty');
    default:
      return at(path, error.message ?? `fails the ${error.keyword} rule`);
  }
}

const nameRule = 'use letters, digits, ".", "_" and "-", starting with a letter or digit, at most 63 characters';

const patternHints: Record<string, string> = {
  'image-policy': 'is not "namespace:name" of a Flux ImagePolicy, e.g. "flux-system:web"',
  server: 'is not an http(s) address, e.g. "https://argocd.example.com"',
  url: 'is not an http(s) address, e.g. "https://staging.example.com"',
  // previews: each pull request needs a folder of its own, and the sweep a duration it can read.
  path: 'holds no {number}: each pull request needs a folder of its own, e.g. "previews/pr-{number}"',
  ttl: 'is not hours or days, e.g. "36h" or "7d"',
  // fleets: a soak time between waves, or manual.
  'wave-pause': 'is not manual or a soak time, e.g. "90s", "10m" or "2h"',
  name: 'is not a cluster name: lower-case letters, digits and "-", as Kubernetes names',
};

function article(type: string): string {
  return type === 'object' ? 'a mapping' : type === 'array' ? 'a list' : `a ${type}`;
}

function typeName(value: unknown): string {
  if (value === null) return 'nothing (null)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${article(typeof value)} (${JSON.stringify(value)})`;
}
