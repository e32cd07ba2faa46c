// Where previews live in the config repository: a folder per pull request (and app, when the path says {app}),
// found by matching gitops.yaml's `previews.path` against the folders of the tip, each with a small record of
// what it is (`.gitops-preview`). The record keeps a preview's age in the tree itself, so the sweep reads it from
// a clone of depth 1 instead of the history. Everything read from it is untrusted: checked and bounded here.
import { lstatSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { matchPreviewFolder, type Previews, previewsRoot } from '@gitops/config';
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

/** The previews the tip holds: its folders that match the path, each with the number (and app) it stands for. */
export async function listPreviews(checkout: GitRunner, previews: Previews): Promise<PreviewFolder[]> {
  const root = previewsRoot(previews);
  const under = root === '.' ? [] : ['--', root];
  const output = await checkout.run(['ls-tree', '-r', '-d', '--name-only', '-z', 'HEAD', ...under]);
  const found: PreviewFolder[] = [];
  for (const folder of output.split('\0')) {
    const match = matchPreviewFolder(previews, folder);
    if (match) found.push({ folder, ...match });
  }
  return found.sort((a, b) => a.number - b.number || a.folder.localeCompare(b.folder));
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
  // The repository names the pull request the sweep asks GitHub about, and stands in a trailer: owner/name only.
  const repository = text('repository');
  const named =
    repository && /^[A-Za-z0-9_.-]{1,100}\/[A-Za-z0-9_.-]{1,100}$/.test(repository) ? repository : undefined;
  return { number: value.number, repository: named, branch, created, updated, apps };
}
