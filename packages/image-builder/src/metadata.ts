// Tags and OCI labels from the Git event, the way docker/metadata-action's defaults name images: sha-<7> always,
// the branch on pushes, pr-<n> on pull requests, X.Y.Z, X.Y and X on vX.Y.Z tags (the full version only for
// pre-releases), `latest` only when asked.
import { UserError } from '@gitops/errors';
import semver from 'semver';

export interface GitContext {
  readonly eventName: string;
  /** refs/heads/main, refs/tags/v1.2.3, refs/pull/12/merge */
  readonly ref: string;
  readonly sha: string;
  /** owner/name */
  readonly repository: string;
  readonly serverUrl: string;
  /** The event payload (GITHUB_EVENT_PATH). */
  readonly event: Record<string, unknown>;
}

export interface ImageMetadata {
  readonly tags: string[];
  readonly labels: Record<string, string>;
  /** The version the tags and labels speak of: the semver of a tag, else the branch, else sha-<7>. */
  readonly version: string;
}

export class MetadataError extends UserError {}

/** What tags allow: letters, digits, `_`, `.` and `-`, at most 128, not starting with `.` or `-`. */
export function sanitiseTag(text: string): string {
  return text
    .replace(/[^A-Za-z0-9_.-]/g, '-')
    .replace(/^[.-]+/, '')
    .slice(0, 128);
}

export function imageMetadata(
  context: GitContext,
  extraTags: readonly string[] = [],
  extraLabels: Record<string, string> = {},
  now: Date = new Date(),
): ImageMetadata {
  const short = `sha-${context.sha.slice(0, 7)}`;
  const tags: string[] = [short];
  let version = short;
  let branch = '';
  if (context.ref.startsWith('refs/heads/')) {
    branch = sanitiseTag(context.ref.slice('refs/heads/'.length));
    tags.push(branch);
    version = branch;
  }
  const pull = pullNumber(context);
  if (pull !== undefined) {
    tags.push(`pr-${pull}`);
    version = `pr-${pull}`;
  }
  if (context.ref.startsWith('refs/tags/')) {
    const name = context.ref.slice('refs/tags/'.length);
    const parsed = semver.parse(semver.clean(name) ?? '', { loose: false });
    if (parsed) {
      version = parsed.version;
      tags.push(parsed.version);
      if (parsed.prerelease.length === 0) tags.push(`${parsed.major}.${parsed.minor}`, `${parsed.major}`);
    } else {
      version = sanitiseTag(name);
      tags.push(version);
    }
  }
  for (const template of extraTags) {
    const tag = template
      .replaceAll('{sha}', context.sha.slice(0, 7))
      .replaceAll('{branch}', branch)
      .replaceAll('{version}', version);
    if (tag !== sanitiseTag(tag) || tag === '')
      throw new MetadataError(`tag "${template}" gives "${tag}", which is not a valid tag`);
    tags.push(tag);
  }
  const url = `${context.serverUrl}/${context.repository}`;
  const labels: Record<string, string> = {
    'org.opencontainers.image.title': context.repository.split('/')[1] ?? context.repository,
    'org.opencontainers.image.source': url,
    'org.opencontainers.image.url': url,
    'org.opencontainers.image.revision': context.sha,
    'org.opencontainers.image.version': version,
    // The source commit's time when the event has it: rebuilding a commit then gives the same image.
    'org.opencontainers.image.created': commitTime(context) ?? now.toISOString(),
    ...extraLabels,
  };
  return { tags: [...new Set(tags)], labels, version };
}

function pullNumber(context: GitContext): number | undefined {
  if (!context.eventName.startsWith('pull_request')) return undefined;
  const fromEvent =
    (context.event.pull_request as { number?: number } | undefined)?.number ??
    (context.event.number as number | undefined);
  if (typeof fromEvent === 'number') return fromEvent;
  const match = /^refs\/pull\/(\d+)\//.exec(context.ref);
  return match ? Number(match[1]) : undefined;
}

function commitTime(context: GitContext): string | undefined {
  const commit = context.event.head_commit as { id?: string; timestamp?: string } | undefined;
  if (!commit?.timestamp || (commit.id && commit.id !== context.sha)) return undefined;
  const time = new Date(commit.timestamp);
  return Number.isNaN(time.getTime()) ? undefined : time.toISOString();
}
