// The apps section of gitops.yaml: each app's image name, its per-environment overrides and its targets, with the
// checks a schema cannot make (image names without a version, known environments, {env} where several write).
import { type ImageRef, ImageRefError, parseImageRef } from '@gitops/image-ref';
import type { KeyPath } from './locate';
import type { App, TargetSpec, WriteMode } from './model';
import { asRecord, type Data, placeholder, type Resolving, unknownEnvironment } from './resolving';

const knownPlaceholders = new Set(['env']);

/** An app of gitops.yaml as the model holds it; undefined when its image is unusable (a problem says why). */
export function resolveApp(input: {
  readonly name: string;
  readonly raw: Data;
  readonly environments: string[];
  readonly context: Resolving;
}): App | undefined {
  const { name, raw, environments, context } = input;
  const key = ['apps', name];
  const image = typeof raw.image === 'string' ? imageName(context, raw.image, [...key, 'image']) : undefined;
  const overrides: Record<string, ImageRef> = {};
  const policies: Record<string, string> = {};
  for (const [envName, value] of Object.entries(asRecord(raw.environments))) {
    if (!environments.includes(envName)) {
      context.problem([...key, 'environments', envName], unknownEnvironment(envName, environments), true);
      continue;
    }
    const policy = asRecord(value)['image-policy'];
    if (typeof policy === 'string') policies[envName] = policy;
    const override = asRecord(value).image;
    if (typeof override !== 'string') continue;
    const ref = imageName(context, override, [...key, 'environments', envName, 'image']);
    if (ref) overrides[envName] = ref;
  }
  const rawTargets = Array.isArray(raw.targets) ? raw.targets : [];
  const targets = rawTargets.flatMap((value, index) => {
    const target = resolveTarget(context, asRecord(value), [...key, 'targets', index], environments);
    return target ? [target] : [];
  });
  if (!image) return undefined;
  return {
    name,
    image,
    imagePolicy: typeof raw['image-policy'] === 'string' ? raw['image-policy'] : undefined,
    targets,
    imageOverrides: overrides,
    imagePolicyOverrides: policies,
    location: context.locator.key(key),
  };
}

function imageName(context: Resolving, text: string, where: KeyPath): ImageRef | undefined {
  try {
    const ref = parseImageRef(text);
    if (ref.tag !== undefined || ref.digest !== undefined) {
      context.problem(where, `"${text}" carries a tag or digest; write the image name only (deploy sets the version)`);
      return undefined;
    }
    return ref;
  } catch (error) {
    if (!(error instanceof ImageRefError)) throw error;
    context.problem(where, `${error.reason} ("${text}")`);
    return undefined;
  }
}

function resolveTarget(context: Resolving, raw: Data, key: KeyPath, environments: string[]): TargetSpec | undefined {
  const file = typeof raw.file === 'string' ? raw.file : undefined;
  const yamlPath = typeof raw.path === 'string' ? raw.path : undefined;
  const only = Array.isArray(raw.environments)
    ? raw.environments.filter((e): e is string => typeof e === 'string')
    : undefined;
  only?.forEach((envName, index) => {
    if (!environments.includes(envName)) {
      context.problem([...key, 'environments', index], unknownEnvironment(envName, environments));
    }
  });
  if (raw.write !== undefined && yamlPath === undefined) {
    context.problem([...key, 'write'], '"write" applies to a "path" target; add "path" or remove "write"');
  }
  if (raw.create !== undefined && yamlPath === undefined) {
    context.problem([...key, 'create'], '"create" applies to a "path" target; add "path" or remove "create"');
  }
  if (file === undefined) return undefined;
  const templatesOk =
    checkPlaceholders(context, file, [...key, 'file']) &&
    (yamlPath === undefined || checkPlaceholders(context, yamlPath, [...key, 'path']));
  if (!templatesOk) return undefined;
  const applies = only ?? environments;
  const perEnvironment = file.includes('{env}') || (yamlPath?.includes('{env}') ?? false);
  if (!perEnvironment && applies.length > 1) {
    context.problem(
      [...key, 'file'],
      `every environment would write the same place; put {env} in "file" or "path", or list the environments this target is for under "environments"`,
    );
  }
  const files = new Set(applies.map((envName) => file.replaceAll('{env}', envName)));
  for (const concrete of files.size ? files : [file]) {
    if (context.insideRepository(concrete, [...key, 'file']) === undefined) break;
  }
  return {
    file,
    path: yamlPath,
    write: (typeof raw.write === 'string' ? raw.write : 'reference') as WriteMode,
    create: raw.create !== false,
    environments: only,
    location: context.locator.value([...key, 'file']),
  };
}

function checkPlaceholders(context: Resolving, template: string, where: KeyPath): boolean {
  for (const match of template.matchAll(placeholder)) {
    const name = match[1] ?? '';
    if (!knownPlaceholders.has(name)) {
      context.problem(where, `unknown placeholder "{${name}}"; the only placeholder is {env}`);
      return false;
    }
  }
  return true;
}
