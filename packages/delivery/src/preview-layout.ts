// Where previews live in the config repository: a folder per pull request (and app, when the path says {app}),
// found by matching gitops.yaml's `previews.path` against the folders of the tip, each with a small record of
// what it is (`.gitops-preview`). The record keeps a preview's age in the tree itself, so the sweep reads it from
// a clone of depth 1 instead of the history. Everything read from it is untrusted: checked and bounded here.
import { lstatSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Previews } from '@gitops/config';
import type { GitRunner } from '@gitops/git';

/** The record in each preview's folder. No .yaml ending: controllers that apply every YAML file pass it by. */
export const recordFile = '.gitops-preview';

/** The pull request a preview shows: its number, branch and head commit, and the app repository it is in. */
export interface PullRequestHead {
  readonly number: number;
  readonly branch: string;
  readonly sha: string;
  /** `owner/name` of the app repository; the sweep asks GitHub whether the pull request is still open. */
  readonly repository: string | undefined;
}

/** What `.gitops-preview` holds. */
export interface PreviewRecord {
  readonly number: number;
  readonly repository: string | undefined;
  readonly branch: string;
  /** When the preview was made and last changed (ISO 8601). */
  readonly created: string;
  readonly updated: string;
  /** Per app previewed: the image and the pull request's commit it was built from. */
  readonly apps: Readonly<Record<string, { readonly image: string; readonly sha: string }>>;
}

/** A preview folder found on the tip. */
export interface PreviewFolder {
  readonly folder: string;
  readonly number: number;
  /** The app, when the path holds {app}. */
  readonly app: string | undefined;
}

/** The folder of pull request `number`'s preview of `app`. */
export function previewFolder(previews: Previews, number: number, app: string): string {
  return previews.path.replaceAll('{number}', String(number)).replaceAll('{app}', app);
}

/** The folder every preview is under: the path up to its first placeholder. */
export function previewsRoot(previews: Previews): string {
  const fixed = previews.path.slice(0, previews.path.indexOf('{'));
  return fixed.includes('/') ? fixed.slice(0, fixed.lastIndexOf('/')) : '.';
}

/** The previews the tip holds: its folders that match the path, each with the number (and app) it stands for. */
export async function listPreviews(checkout: GitRunner, previews: Previews): Promise<PreviewFolder[]> {
  const root = previewsRoot(previews);
  const under = root === '.' ? [] : ['--', root];
  const output = await checkout.run(['ls-tree', '-r', '-d', '--name-only', '-z', 'HEAD', ...under]);
  const pattern = pathPattern(previews.path);
  const found: PreviewFolder[] = [];
  for (const folder of output.split('\0')) {
    const match = pattern.exec(folder);
    if (!match?.groups) continue;
    found.push({ folder, number: Number(match.groups.number), app: match.groups.app });
  }
  return found.sort((a, b) => a.number - b.number || a.folder.localeCompare(b.folder));
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

/** The record's text: JSON, keys in a fixed order, so an unchanged preview writes the same bytes. */
export function recordText(record: PreviewRecord): string {
  return `${JSON.stringify(record, null, 2)}\n`;
}

const maxRecordBytes = 64 * 1024;

/** The record of the preview in `folder` (checked out under `root`); undefined when it is missing or not one. */
export function readRecord(root: string, folder: string): PreviewRecord | undefined {
  const file = path.join(root, folder, recordFile);
  try {
    const stat = lstatSync(file);
    if (!stat.isFile() || stat.size > maxRecordBytes) return undefined;
    return parseRecord(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    return undefined;
  }
}

function parseRecord(data: unknown): PreviewRecord | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const value = data as Record<string, unknown>;
  const text = (key: string) => (typeof value[key] === 'string' ? (value[key] as string) : undefined);
  const [branch, created, updated] = [text('branch'), text('created'), text('updated')];
  if (typeof value.number !== 'number' || !branch || !created || !updated) return undefined;
  if (Number.isNaN(Date.parse(created)) || Number.isNaN(Date.parse(updated))) return undefined;
  const apps: Record<string, { image: string; sha: string }> = {};
  if (typeof value.apps === 'object' && value.apps !== null) {
    for (const [app, entry] of Object.entries(value.apps as Record<string, unknown>)) {
      const { image, sha } = (entry ?? {}) as Record<string, unknown>;
      if (typeof image === 'string' && typeof sha === 'string') apps[app] = { image, sha };
    }
  }
  return { number: value.number, repository: text('repository'), branch, created, updated, apps };
}
