// Where previews live, as gitops.yaml's previews block says: the folder of one pull request (and app), the pattern
// that tells a preview's folder from any other, and each preview as an environment (to render, wait for, read the
// health of). Shared by deploy, status and validate, so all three find the same folders.
import { type Dirent, lstatSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import type { Environment, Previews } from './model';

/** The folder of pull request `number`'s preview of `app`. */
export function previewFolder(previews: Previews, number: number, app: string): string {
  return previews.path.replaceAll('{number}', String(number)).replaceAll('{app}', app);
}

/** The folder every preview is under: the path up to its first placeholder ('.' for the root). */
export function previewsRoot(previews: Previews): string {
  const fixed = previews.path.slice(0, previews.path.indexOf('{'));
  return fixed.includes('/') ? fixed.slice(0, fixed.lastIndexOf('/')) : '.';
}

/** A folder's name against the path: the number (and app) it stands for, or undefined when it is no preview. */
export function matchPreviewFolder(
  previews: Previews,
  folder: string,
): { readonly number: number; readonly app: string | undefined } | undefined {
  const groups = pathPattern(previews.path).exec(folder)?.groups;
  return groups ? { number: Number(groups.number), app: groups.app } : undefined;
}

/** `previews/pr-{number}` as a pattern of whole folder names: {number} is digits, {app} one path segment. */
function pathPattern(template: string): RegExp {
  const escaped = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
  const source = escaped
    .replace('{number}', '(?<number>[1-9][0-9]{0,8})')
    .replaceAll('{number}', '\\k<number>')
    .replace('{app}', '(?<app>[^/]+)')
    .replaceAll('{app}', '\\k<app>');
  return new RegExp(`^${source}$`);
}

/** A branch name as it may stand in names and addresses: lower case letters, digits and dashes, at most 40. */
export function safeBranch(branch: string): string {
  const safe = branch
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return safe || 'branch';
}

/** A preview as an environment: its folder, and its controller and address with the placeholders filled. */
export function previewEnvironment(
  previews: Previews,
  preview: { readonly number: number; readonly app: string; readonly branch: string | undefined },
): Environment {
  const fill = (text: string) =>
    text
      .replaceAll('{number}', String(preview.number))
      .replaceAll('{app}', preview.app)
      .replaceAll('{branch}', safeBranch(preview.branch ?? ''));
  const spec = previews.controller;
  return {
    name: `preview #${preview.number}`,
    path: previewFolder(previews, preview.number, preview.app),
    promoteFrom: undefined,
    via: 'commit',
    // deploy pins the previewed app by digest itself; the rest of a preview is what dev runs, tags and all.
    requireDigest: false,
    controller: spec ? { ...spec, name: fill(spec.name) } : undefined,
    requireHealthy: false,
    autoPromote: false,
    url: previews.url === undefined ? undefined : fill(previews.url),
    requireProvenance: undefined,
    freeze: [],
    hold: undefined,
    location: previews.location,
  };
}

const maxPreviews = 1000;

/**
 * The preview folders of a working tree, as environments named by their folder (validate renders them). Links are
 * not followed; at most 1000 are listed.
 */
export function previewEnvironmentsOnDisk(root: string, previews: Previews): Environment[] {
  const depth = previews.path.split('/').length;
  const found: Environment[] = [];
  const walk = (relative: string, level: number) => {
    if (found.length >= maxPreviews) return;
    let entries: Dirent[];
    try {
      if (!lstatSync(path.join(root, relative)).isDirectory()) return;
      entries = readdirSync(path.join(root, relative), { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (!entry.isDirectory()) continue;
      const inner = relative === '.' ? entry.name : `${relative}/${entry.name}`;
      const match = matchPreviewFolder(previews, inner);
      if (match)
        found.push({
          ...previewEnvironment(previews, { ...match, app: match.app ?? '', branch: undefined }),
          name: inner,
          path: inner,
        });
      else if (level + 1 < depth) walk(inner, level + 1);
    }
  };
  const start = previewsRoot(previews);
  walk(start, start === '.' ? 0 : start.split('/').length);
  return found;
}
