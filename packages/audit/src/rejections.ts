// Rejected images: an image rolled back out of an environment is rejected there, so that promote and auto-promote
// do not bring it back (a source environment that still runs it healthy says nothing about why it was rolled
// back). The rollback commit's Gitops-Previous-Image names it. The rejection is per digest (per tag when either
// image has no digest): a newer image clears nothing. Only a change that the team marked allow-rejected, writing
// that same image again, lifts it.
import { type CommitRecord, type ConfigCheckout, recentCommits } from '@gitops/git';
import { type ImageRef, tryParseImageRef } from '@gitops/image-ref';
import { changeOf } from './history';

/** Why an image may not come back: the rollback that took it out. */
export interface Rejection {
  /** The image rolled back, as the rollback commit names it. */
  readonly image: string;
  /** The rollback commit, its time and the run that made it. */
  readonly commit: string;
  readonly committedAt: string;
  readonly run: string | undefined;
}

/**
 * The rollback that rejected `image` of `app` in `environment`, among `commits` (newest first); undefined when none
 * did, or when a later allow-rejected change wrote it again.
 */
export function rejectionOf(
  commits: readonly CommitRecord[],
  environment: string,
  app: string,
  image: string,
): Rejection | undefined {
  const wanted = tryParseImageRef(image);
  if (!wanted) return undefined;
  for (const commit of commits) {
    const change = changeOf(commit, environment, app);
    if (!change) continue;
    const { record, app: entry } = change;
    if (record.action !== 'rollback' && record.allowRejected && sameRelease(tryParseImageRef(entry.image), wanted))
      return;
    if (record.action === 'rollback' && entry.previous && sameRelease(tryParseImageRef(entry.previous), wanted))
      return { image: entry.previous, commit: commit.sha, committedAt: commit.committedAt, run: record.run };
  }
  return undefined;
}

/** Every image rejected in `environment`, per app, newest rollback first (gitops status). */
export function rejectedImages(
  commits: readonly CommitRecord[],
  environment: string,
  apps: readonly string[],
): Map<string, Rejection[]> {
  const found = new Map<string, Rejection[]>();
  for (const app of apps) {
    const seen = new Set<string>();
    const list: Rejection[] = [];
    for (const commit of commits) {
      const change = changeOf(commit, environment, app);
      const image = change?.app.previous;
      if (!image || seen.has(image) || change?.record.action !== 'rollback') continue;
      seen.add(image);
      const rejection = rejectionOf(commits, environment, app, image);
      if (rejection?.commit === commit.sha) list.push(rejection);
    }
    if (list.length) found.set(app, list);
  }
  return found;
}

/** The same release: the same digest where both pin one; else the same tag. */
function sameRelease(a: ImageRef | undefined, b: ImageRef): boolean {
  if (!a) return false;
  if (a.digest !== undefined && b.digest !== undefined) return a.digest === b.digest;
  return a.tag !== undefined && a.tag === b.tag;
}

/** How far back a rejection is looked for when an image's build time is not known. */
const rollbackDepth = 512;

/**
 * The commits that may hold the rollback of images built at `times`: a rollback of an image comes after the image
 * was built, so `sinceSources` (the commits since the oldest of them, which the newer-source rule reads too) holds
 * it. Where a time is not known, the last 512 commits. Read once, when first asked.
 */
export function rollbackHistory(
  checkout: ConfigCheckout,
  times: readonly (string | undefined)[],
  sinceSources: () => Promise<readonly CommitRecord[]>,
): () => Promise<readonly CommitRecord[]> {
  let commits: Promise<readonly CommitRecord[]> | undefined;
  const known = times.length > 0 && times.every((time) => time !== undefined && Number.isFinite(Date.parse(time)));
  return () => (commits ??= known ? sinceSources() : recentCommits(checkout, rollbackDepth));
}
