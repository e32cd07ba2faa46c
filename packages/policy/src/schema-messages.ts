// Ajv errors from the compiled Kubernetes schemas, turned into one plain sentence per field.
import type { ResourcePath } from './findings';

export interface SchemaError {
  readonly instancePath: string;
  readonly keyword: string;
  readonly params: Record<string, unknown>;
}

export interface SchemaViolation {
  readonly path: ResourcePath;
  readonly message: string;
}

function pointerToPath(pointer: string, data: unknown): (string | number)[] {
  if (pointer === '') return [];
  const path: (string | number)[] = [];
  let node = data;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    const step = Array.isArray(node) && /^\d+$/.test(key) ? Number(key) : key;
    path.push(step);
    node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[step] : undefined;
  }
  return path;
}

function describe(error: SchemaError): string {
  const p = error.params;
  switch (error.keyword) {
    case 'type':
      return `must be ${article(String(p.type).replaceAll(',', ' or '))}`;
    case 'enum':
      return `must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'const':
      return `must be ${JSON.stringify(p.allowedValue)}`;
    case 'format':
      return `must be a valid ${p.format}`;
    case 'pattern':
      return `must match the pattern ${p.pattern}`;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return `must be ${p.comparison} ${p.limit}`;
    case 'minLength':
      return `must be at least ${p.limit} characters long`;
    case 'maxLength':
      return `must be at most ${p.limit} characters long`;
    case 'minItems':
      return `must have at least ${p.limit} items`;
    case 'maxItems':
      return `must have at most ${p.limit} items`;
    case 'minProperties':
      return `must have at least ${p.limit} fields`;
    case 'uniqueItems':
      return `must not repeat items (items ${p.j} and ${p.i} are the same)`;
    default:
      return `does not satisfy "${error.keyword}"`;
  }
}

function article(type: string): string {
  if (type === 'null') return 'null';
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

/** One violation per field: alternatives (int-or-string and the like) merged into one sentence. */
export function violationsFrom(errors: readonly SchemaError[], data: unknown): SchemaViolation[] {
  const byPath = new Map<string, SchemaError[]>();
  for (const error of errors) {
    const pointer =
      error.keyword === 'required'
        ? `${error.instancePath}/${String(error.params.missingProperty).replaceAll('~', '~0').replaceAll('/', '~1')}`
        : error.instancePath;
    byPath.set(pointer, [...(byPath.get(pointer) ?? []), error]);
  }
  const violations: SchemaViolation[] = [];
  for (const [pointer, group] of byPath) {
    const path = pointerToPath(pointer, data);
    const required = group.find((e) => e.keyword === 'required');
    if (required) {
      violations.push({ path: path.slice(0, -1), message: `is missing the required field "${path.at(-1)}"` });
      continue;
    }
    const alternatives = group.some((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf');
    const types = group.filter((e) => e.keyword === 'type').map((e) => String(e.params.type));
    const message =
      alternatives && types.length > 0
        ? `must be ${types.map(article).join(' or ')}`
        : [...new Set(group.filter((e) => !['anyOf', 'oneOf', 'if'].includes(e.keyword)).map(describe))].join('; ');
    violations.push({ path, message: message || 'does not match the schema' });
  }
  return violations;
}
