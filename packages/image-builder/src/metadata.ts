// Tags and OCI labels from the Git event. The tags made by default: sha-<7> always, the branch on pushes, pr-<n>
// on pull requests, X.Y.Z, X.Y and X on vX.Y.Z tags (the full version only for pre-releases), `latest` only when
// asked. (docker/metadata-action's own defaults differ: the branch, the Git tag as it is and pr-<n>.) Extra tags
// are templates in metadata-action's syntax: {{sha}}, {{branch}}, {{tag}}, {{version}}, {{major}}, …
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
  /** The commit's time, where the repository tells it: image times are stamped from it. */
  readonly commitTime?: Date | undefined;
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
  options: { readonly defaults?: boolean } = {},
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
  // Without the default tags (metadata-action made them), only the templates given are tags.
  if (options.defaults === false) tags.length = 0;
  const created = commitTimeOf(context) ?? now;
  const values = templateValues(context, { branch, version });
  for (const template of extraTags) {
    const tag = expandTemplate(template, values, created);
    if (tag === undefined) continue; // a placeholder this event has no value for, as metadata-action skips it
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
    'org.opencontainers.image.created': created.toISOString(),
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

/** The commit's time: from the repository where it was read, else from the push event's head commit. */
export function commitTimeOf(context: GitContext): Date | undefined {
  if (context.commitTime) return context.commitTime;
  const commit = context.event.head_commit as { id?: string; timestamp?: string } | undefined;
  if (!commit?.timestamp || (commit.id && commit.id !== context.sha)) return undefined;
  const time = new Date(commit.timestamp);
  return Number.isNaN(time.getTime()) ? undefined : time;
}

type TemplateValues = Readonly<Record<string, string | undefined>>;

function templateValues(context: GitContext, known: { branch: string; version: string }): TemplateValues {
  const tag = context.ref.startsWith('refs/tags/') ? context.ref.slice('refs/tags/'.length) : undefined;
  const parsed = tag ? semver.parse(semver.clean(tag) ?? '', { loose: false }) : null;
  const baseRef = (context.event.pull_request as { base?: { ref?: string } } | undefined)?.base?.ref;
  return {
    sha: context.sha.slice(0, 7),
    branch: known.branch || undefined,
    tag: tag === undefined ? undefined : sanitiseTag(tag),
    version: known.version,
    major: parsed ? String(parsed.major) : undefined,
    minor: parsed ? String(parsed.minor) : undefined,
    patch: parsed ? String(parsed.patch) : undefined,
    base_ref: baseRef ? sanitiseTag(baseRef) : undefined,
  };
}

const placeholderNames = ['sha', 'branch', 'tag', 'version', 'major', 'minor', 'patch', 'base_ref', "date 'FORMAT'"];

/**
 * A tag template with metadata-action's placeholders (`{{sha}}`, `{{date 'YYYYMMDD'}}`; the older `{sha}`,
 * `{branch}` and `{version}` too). Undefined when a placeholder has no value in this event.
 */
function expandTemplate(template: string, values: TemplateValues, created: Date): string | undefined {
  let missing = false;
  const tag = template.replace(
    /\{\{\s*(\w+)(?:\s+'([^']*)')?\s*\}\}|\{(sha|branch|version)\}/g,
    (whole, name: string | undefined, format: string | undefined, old: string | undefined) => {
      const key = name ?? old ?? '';
      if (key === 'date') return formatDate(created, format ?? 'YYYYMMDD');
      if (!(key in values))
        throw new MetadataError(
          `tag "${template}": ${whole} is not a placeholder build-image knows (${placeholderNames.map((known) => `{{${known}}}`).join(', ')})`,
        );
      const value = values[key];
      if (value === undefined || value === '') missing = true;
      return value ?? '';
    },
  );
  return missing ? undefined : tag;
}

/** moment's tokens that metadata-action's {{date}} takes most often: YYYY MM DD HH mm ss, in UTC. */
function formatDate(date: Date, format: string): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  const parts: Record<string, string> = {
    YYYY: String(date.getUTCFullYear()),
    MM: pad(date.getUTCMonth() + 1),
    DD: pad(date.getUTCDate()),
    HH: pad(date.getUTCHours()),
    mm: pad(date.getUTCMinutes()),
    ss: pad(date.getUTCSeconds()),
  };
  return format.replace(/YYYY|MM|DD|HH|mm|ss/g, (token) => parts[token] ?? token);
}
