// The previews section of gitops.yaml: a template folder that exists, a path per pull request outside every
// environment's folder, known apps, and a controller whose names may hold {number} and {app}; the checks a schema
// cannot make, each reported at its key.
import type { KeyPath } from './locate';
import type { App, Environment, Previews } from './model';
import { asRecord, type Data, placeholder, type Resolving } from './resolving';
import { unknownName } from './suggest';

const key = ['previews'];

/** The previews of gitops.yaml as the model holds them; undefined when the block cannot be used (problems say why). */
export function resolvePreviews(input: {
  readonly raw: Data;
  readonly environments: readonly Environment[];
  /** The apps declared; undefined when apps are found in the manifests, so any name may be right. */
  readonly apps: readonly App[] | undefined;
  readonly context: Resolving;
}): Previews | undefined {
  const { raw, context } = input;
  const template = typeof raw.template === 'string' ? templateFolder(context, raw.template) : undefined;
  const where = typeof raw.path === 'string' ? previewPath(input, raw.path) : undefined;
  const apps = Array.isArray(raw.apps)
    ? raw.apps.filter((name): name is string => typeof name === 'string')
    : undefined;
  if (apps && input.apps) {
    const known = input.apps.map((app) => app.name);
    for (const [index, name] of apps.entries())
      if (!known.includes(name)) context.problem([...key, 'apps', index], unknownName('app', name, known));
  }
  const url = typeof raw.url === 'string' ? raw.url : undefined;
  if (url !== undefined) checkPlaceholders(context, url, [...key, 'url'], ['number', 'branch', 'app']);
  const controller =
    raw.controller === undefined
      ? undefined
      : context.controller(asRecord(raw.controller), [...key, 'controller'], ['number', 'app']);
  if (template === undefined || where === undefined) return undefined;
  return {
    template,
    path: where,
    apps,
    url,
    max: typeof raw.max === 'number' ? raw.max : 10,
    ttlHours: ttlHours(typeof raw.ttl === 'string' ? raw.ttl : '7d'),
    controller,
    location: context.locator.key(key),
  };
}

/** `36h`, `7d` (the schema's pattern) in hours. */
export function ttlHours(text: string): number {
  const amount = Number.parseInt(text, 10);
  return text.endsWith('d') ? amount * 24 : amount;
}

function templateFolder(context: Resolving, value: string): string | undefined {
  const where = [...key, 'template'];
  const relative = context.insideRepository(value, where);
  if (relative === undefined) return undefined;
  const kind = context.probe(relative);
  if (kind === 'missing') context.problem(where, `folder "${relative}" does not exist in the repository`);
  else if (kind === 'file') context.problem(where, `"${relative}" is a file; the template is a folder`);
  return kind === 'directory' ? relative : undefined;
}

/**
 * The path template, checked with a number in place of {number}: it stays in the repository, and no preview lands
 * in an environment's folder (whose manifests it would become part of) or holds one.
 */
function previewPath(
  input: { readonly environments: readonly Environment[]; readonly context: Resolving },
  value: string,
) {
  const { context } = input;
  const where = [...key, 'path'];
  if (!checkPlaceholders(context, value, where, ['number', 'app'])) return undefined;
  const example = context.insideRepository(value.replaceAll('{number}', '1').replaceAll('{app}', 'app'), where);
  if (example === undefined) return undefined;
  const inside = (folder: string, outer: string) => outer === '.' || folder === outer || folder.startsWith(`${outer}/`);
  for (const environment of input.environments) {
    if (inside(example, environment.path) || inside(environment.path, example)) {
      context.problem(
        where,
        `a preview at "${example}" would share the folder of environment "${environment.name}" ("${environment.path}"); previews need their own`,
      );
      return undefined;
    }
  }
  return value.replace(/^\.\//, '').replace(/\/+$/, '');
}

function checkPlaceholders(context: Resolving, template: string, where: KeyPath, allowed: readonly string[]): boolean {
  for (const match of template.matchAll(placeholder)) {
    const name = match[1] ?? '';
    if (!allowed.includes(name)) {
      const list = allowed.map((known) => `{${known}}`).join(', ');
      context.problem(where, `unknown placeholder "{${name}}"; here only ${list} are replaced`);
      return false;
    }
  }
  return true;
}
