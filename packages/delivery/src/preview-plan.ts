// The plans of preview changes, made on each tip the landing tries: open a pull request's preview from the
// template (max checked against the previews the tip holds), update the image of one that exists, or remove
// every folder of a pull request. Files are planned before any is written, as every change here is.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { ChangeRecord } from '@gitops/audit';
import { type App, type GitopsConfig, type Previews, previewFolder, safeBranch } from '@gitops/config';
import type { ConfigCheckout } from '@gitops/git';
import { formatImageRef, type ImageRef } from '@gitops/image-ref';
import { FileCache, type FileChange, ManifestError, matcherFor, planImageChanges, readImage } from '@gitops/manifests';
import { DeliveryError } from './errors';
import type { Plan } from './landing/request';
import {
  listPreviews,
  type PreviewFolder,
  type PreviewRecord,
  type PullRequestHead,
  readRecord,
  recordFile,
  recordText,
} from './preview-layout';
import { templateFiles } from './preview-template';

export interface PreviewPlan extends Plan {
  readonly folder: string;
  /** The preview is new on this tip. */
  readonly opened: boolean;
  readonly previous: string | undefined;
}

/** What a preview deploy asks for, the same on every tip. */
export interface PreviewAsk {
  readonly previews: Previews;
  readonly app: App;
  readonly image: ImageRef;
  readonly pullRequest: PullRequestHead;
  readonly source: { readonly id?: string | undefined; readonly time?: string | undefined } | undefined;
  readonly now: Date;
  readonly runUrl: string | undefined;
}

/** The previews section of the config as the tip has it. */
export function previewsOf(config: GitopsConfig): Previews {
  if (!config.previews)
    throw new DeliveryError(`${config.file ?? 'gitops.yaml'} has no previews: block; add one (docs/previews.md)`);
  return config.previews;
}

/** Opens the pull request's preview of the app, or sets its image; nothing when it already runs that image. */
export async function planPreviewDeploy(checkout: ConfigCheckout, ask: PreviewAsk): Promise<PreviewPlan> {
  const { previews, app, pullRequest } = ask;
  const folder = previewFolder(previews, pullRequest.number, app.name);
  const existing = await listPreviews(checkout, previews);
  const opened = !existing.some((preview) => preview.folder === folder);
  if (opened) checkRoom(previews, existing);
  await checkout.include([`${folder}/`, `${previews.template}/`]);
  const before = opened ? undefined : readRecord(checkout.dir, folder);
  const files = opened ? newPreviewFiles(checkout, ask, folder) : imageEdits(checkout.dir, folder, ask);
  const previous = opened ? undefined : currentImage(checkout.dir, folder, app);
  const image = formatImageRef(ask.image);
  const unchanged = files.length === 0 && before?.apps[app.name]?.image === image;
  const record = recordChange(checkout.dir, folder, previewRecord(before, ask, image));
  const changes = unchanged ? [] : [...files, ...(record ? [record] : [])];
  const change: ChangeRecord = {
    action: 'preview',
    environment: folder,
    preview: String(pullRequest.number),
    apps: [{ app: app.name, image, previous, source: ask.source?.id, sourceTime: ask.source?.time }],
    run: ask.runUrl,
  };
  return { changes, record: change, folder, opened, previous };
}

/** Removes every folder of the pull request's previews; nothing when none is left. */
export async function planPreviewDelete(
  checkout: ConfigCheckout,
  input: { readonly previews: Previews; readonly number: number; readonly reason: string; readonly runUrl?: string },
): Promise<Plan & { readonly folders: readonly string[] }> {
  const folders = (await listPreviews(checkout, input.previews))
    .filter((preview) => preview.number === input.number)
    .map((preview) => preview.folder);
  if (folders.length > 0) await checkout.include(folders.map((folder) => `${folder}/`));
  // Every file of every folder, in one listing.
  const listed = folders.length
    ? await checkout.run(['ls-tree', '-r', '--name-only', '-z', 'HEAD', '--', ...folders])
    : '';
  const changes: FileChange[] = listed
    .split('\0')
    .filter(Boolean)
    .map((file) => ({ file, before: smallText(checkout.dir, file), after: '', removed: true }));
  const record: ChangeRecord = {
    action: 'preview-delete',
    environment: folders[0] ?? previewFolder(input.previews, input.number, '{app}'),
    preview: String(input.number),
    apps: [],
    reason: input.reason,
    run: input.runUrl,
  };
  return { changes, record, folders };
}

/** A new preview may open only while fewer than `max` exist: the message names them. */
function checkRoom(previews: Previews, existing: readonly PreviewFolder[]): void {
  if (existing.length < previews.max) return;
  const named = existing.map((preview) => `#${preview.number} (${preview.folder})`).join(', ');
  throw new DeliveryError(
    `previews.max is ${previews.max}, and ${existing.length} preview${existing.length === 1 ? '' : 's'} exist: ${named}; remove one (gitops preview delete NUMBER) or raise max`,
    { kind: 'refused', ...(previews.location ? { where: previews.location } : {}) },
  );
}

/** The template's files for the preview, with the image set in them (planned in a folder of their own). */
function newPreviewFiles(checkout: ConfigCheckout, ask: PreviewAsk, folder: string): FileChange[] {
  const { previews, app, pullRequest } = ask;
  const values = {
    number: pullRequest.number,
    branch: safeBranch(pullRequest.branch),
    app: app.name,
    sha: pullRequest.sha,
  };
  const files = templateFiles({
    root: checkout.dir,
    template: previews.template,
    folder,
    values,
    where: previews.location,
  });
  const stage = mkdtempSync(path.join(path.dirname(checkout.dir), 'preview-'));
  try {
    for (const file of files) writeStaged(stage, file);
    const edited = new Map(imageEdits(stage, folder, ask).map((change) => [change.file, change.after]));
    return files.map((file) => ({ ...file, after: edited.get(file.file) ?? file.after }));
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

function writeStaged(stage: string, file: FileChange): void {
  const target = path.join(stage, file.file);
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, file.after);
}

/**
 * The edits that pin the image in the preview's folder: wherever its files name the app's image; else, in a
 * kustomize overlay that does not (an overlay of dev), a new `images:` entry of its kustomization.
 */
function imageEdits(root: string, folder: string, ask: PreviewAsk): FileChange[] {
  const matcher = matcherFor(ask.app, '');
  try {
    return planImageChanges(root, [{ matcher, to: ask.image, targets: { search: folder } }]);
  } catch (error) {
    const kustomization = kustomizationIn(root, folder);
    if (!(error instanceof ManifestError) || !kustomization) throw error;
    return planImageChanges(root, [{ matcher, to: ask.image, targets: { files: [{ file: kustomization }] } }]);
  }
}

function kustomizationIn(root: string, folder: string): string | undefined {
  return ['kustomization.yaml', 'kustomization.yml', 'Kustomization']
    .map((name) => `${folder}/${name}`)
    .find((file) => existsSync(path.join(root, file)));
}

function currentImage(root: string, folder: string, app: App): string | undefined {
  try {
    const image = readImage(new FileCache(root), { search: folder }, matcherFor(app, '')).image;
    return image ? formatImageRef(image) : undefined;
  } catch {
    return undefined;
  }
}

/** The record after this deploy: made now, or the one there with this app's image and commit. */
function previewRecord(before: PreviewRecord | undefined, ask: PreviewAsk, image: string): PreviewRecord {
  const now = ask.now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const { pullRequest } = ask;
  return {
    number: pullRequest.number,
    repository: pullRequest.repository ?? before?.repository,
    branch: pullRequest.branch,
    created: before?.created ?? now,
    updated: now,
    apps: { ...before?.apps, [ask.app.name]: { image, sha: pullRequest.sha } },
  };
}

function recordChange(root: string, folder: string, record: PreviewRecord): FileChange | undefined {
  const file = `${folder}/${recordFile}`;
  const after = recordText(record);
  if (!existsSync(path.join(root, file))) return { file, before: '', after, added: true };
  const before = smallText(root, file);
  return before === after ? undefined : { file, before, after };
}

/** A file's text for the diff; a large one is left out of it. */
function smallText(root: string, file: string): string {
  const where = path.join(root, file);
  try {
    return statSync(where).size <= 1024 * 1024 ? readFileSync(where, 'utf8') : '';
  } catch {
    return '';
  }
}
