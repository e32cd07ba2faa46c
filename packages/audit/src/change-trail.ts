// The audit trail read as changes: each app's changes in each environment in the order they reached it, which of
// them put back an earlier image, and which were rolled back within the failure window. One pass over the history,
// linear in its length (docs/metrics.md).
import type { LoggedCommit } from '@gitops/git';
import { parseImageRef } from '@gitops/image-ref';
import { type ChangeAction, type ChangeRecord, parseChangeRecord } from './trailers';

/** One change of one app in one environment, as the trail records it. */
export interface RecordedChange {
  readonly commit: string;
  readonly environment: string;
  readonly app: string;
  readonly action: ChangeAction;
  readonly image: string;
  /** What the environment ran before it (Gitops-Previous-Image). */
  readonly previous: string | undefined;
  /** When it reached the environment: its commit's time, or the merge's that brought it to the branch. */
  readonly landedAt: string;
  readonly sourceTime: string | undefined;
  /** It put back an image the environment ran before (a rollback, or a deploy of an earlier image). */
  readonly restores: boolean;
  /** Rolled back within the failure window: by which commit, and after how many seconds. */
  readonly rolledBack: { readonly by: string; readonly after: number } | undefined;
}

/** A commit without gitops trailers (merges aside). */
export interface HandEdit {
  readonly commit: string;
  readonly subject: string;
  readonly committedAt: string;
}

/** What the trail is read for: the period, and how soon a rollback makes a change a failed one. */
export interface TrailRequest {
  readonly since: Date;
  readonly until: Date;
  readonly failureWindowSeconds: number;
}

/** Times in the report as UTC ISO 8601 (git gives each commit's own offset). */
const utc = (time: string) => new Date(time).toISOString();

/**
 * A commit as the metrics keep it: the change it records rather than its trailers, and what can be worked out from
 * the commit alone, done as each is read (while git still writes the rest).
 */
export interface ReadCommit extends Omit<LoggedCommit, 'trailers' | 'committedAt'> {
  readonly record: ChangeRecord | undefined;
  /** Its commit time in milliseconds, and in UTC ISO 8601. */
  readonly time: number;
  readonly utc: string;
  /** The identity of each app's image and previous image, in the order of record.apps. */
  readonly identities: readonly { readonly image: string | undefined; readonly previous: string | undefined }[];
}

/** Makes each logged commit a ReadCommit; one reader per history, as it remembers the images it has just parsed. */
export function commitReader(): (commit: LoggedCommit) => ReadCommit {
  const identity = recentIdentities();
  return (commit) => {
    const record = parseChangeRecord(commit.trailers);
    const { sha, committedAt, subject, parents } = commit;
    return {
      sha,
      subject,
      parents,
      record,
      time: Date.parse(committedAt),
      utc: utc(committedAt),
      identities: (record?.apps ?? []).map((app) => ({
        image: identity(app.image),
        previous: identity(app.previous),
      })),
    };
  };
}

/**
 * imageIdentity, remembering the last few hundred answers: a commit's previous image is most often the image of
 * the commit read next (git lists the newest first), so most references are parsed once, not twice.
 */
function recentIdentities(): (text: string | undefined) => string | undefined {
  let recent = new Map<string, string | undefined>();
  return (text) => {
    if (text === undefined) return undefined;
    if (recent.has(text)) return recent.get(text);
    if (recent.size >= 512) recent = new Map();
    const key = imageIdentity(text);
    recent.set(text, key);
    return key;
  };
}

/** A change as the trail is read: its landing time in milliseconds and its image's identity beside it. */
interface Timed {
  change: RecordedChange;
  readonly at: number;
  readonly image: string | undefined;
}

/** Per environment and app, as the trail is read: its last change, and every image it ran before that one. */
interface AppTrail {
  last: Timed | undefined;
  readonly earlier: Set<string>;
}

/**
 * Every change of every app, oldest first, each marked when rolled back; and the hand edits of the period, newest
 * first. One pass: per environment and app, only its last change and the images it ran before are kept (each
 * image by its identity, so that a change back to any of them is found at once, however long the history).
 */
export function trail(commits: readonly ReadCommit[], request: TrailRequest) {
  const inPeriod = (time: number) => time >= request.since.getTime() && time <= request.until.getTime();
  const changes: Timed[] = [];
  const handEdits: HandEdit[] = [];
  const apps = new Map<string, AppTrail>();
  for (const { commit, at, landedAt } of oldestFirst(commits)) {
    const record = commit.record;
    // A pull request's preview is no deployment of an environment: the report lists previews apart.
    if (record && isPreviewAction(record.action)) continue;
    if (!record) {
      if (commit.parents.length <= 1 && inPeriod(commit.time))
        handEdits.push({ commit: commit.sha, subject: commit.subject, committedAt: commit.utc });
      continue;
    }
    record.apps.forEach((app, index) => {
      const key = `${record.environment}\n${app.app}`;
      const seen = apps.get(key) ?? { last: undefined, earlier: new Set<string>() };
      apps.set(key, seen);
      const identity = commit.identities[index] ?? { image: undefined, previous: undefined };
      // A fleet's later wave of the image its first wave brought is the same deployment, landing later: it is
      // counted once, and its lead time runs to the last wave.
      if (seen.last && continuesRollout(seen.last, record, identity.image)) {
        seen.last.change = { ...seen.last.change, landedAt };
        return;
      }
      const next = { commit, record, app, identity, at, landedAt };
      changes.push(nextChange(seen, next, request.failureWindowSeconds));
    });
  }
  return { changes, handEdits: handEdits.reverse() };
}

/** Whether a change is a later wave of a fleet's rollout of the image its last change brought. */
function continuesRollout(last: Timed, record: ChangeRecord, image: string | undefined): boolean {
  const wave = record.wave;
  if (!wave || wave.index <= 1 || record.action === 'rollback') return false;
  return image !== undefined && last.image === image && last.change.action !== 'rollback' && !last.change.restores;
}

/** One app's change in a commit, with when it landed. */
interface AppChange {
  readonly commit: ReadCommit;
  readonly record: ChangeRecord;
  readonly app: ChangeRecord['apps'][number];
  readonly identity: ReadCommit['identities'][number];
  readonly at: number;
  readonly landedAt: string;
}

/** The app's next change: whether it restores an earlier image, and whether it rolls back the one before. */
function nextChange(seen: AppTrail, next: AppChange, failureWindowSeconds: number): Timed {
  const { commit, record, app, identity, at, landedAt } = next;
  const previous = seen.last;
  const image = identity.image;
  // A change back to an image the environment ran before its last change undoes something.
  const restores =
    record.action === 'rollback' || (image !== undefined && image !== previous?.image && seen.earlier.has(image));
  const timed: Timed = {
    change: {
      commit: commit.sha,
      environment: record.environment,
      app: app.app,
      action: record.action,
      image: app.image,
      previous: app.previous,
      landedAt,
      sourceTime: app.sourceTime,
      restores,
      rolledBack: undefined,
    },
    at,
    image,
  };
  if (restores && previous && previous.change.action !== 'rollback' && !previous.change.restores) {
    const after = (at - previous.at) / 1000;
    if (after <= failureWindowSeconds) previous.change = { ...previous.change, rolledBack: { by: commit.sha, after } };
  }
  if (previous?.image !== undefined) seen.earlier.add(previous.image);
  if (identity.previous !== undefined) seen.earlier.add(identity.previous);
  seen.last = timed;
  return timed;
}

/**
 * Commits in the order they reached the branch, oldest first, with when (in milliseconds, and in UTC ISO 8601);
 * commits of the same second keep git's order (reversed, as git lists the newest first).
 */
function oldestFirst(commits: readonly ReadCommit[]) {
  const landed = landingCommits(commits);
  return commits
    .map((commit) => {
      const landing = landed.get(commit) ?? commit;
      return { commit, at: landing.time, landedAt: landing.utc };
    })
    .reverse()
    .sort((a, b) => a.at - b.at);
}

/**
 * The commit whose time counts as each commit's landing: its own on the first-parent line, the merge's for what a
 * merge brought in (a change made through a pull request counts from when it was merged, not from when it was
 * written).
 */
function landingCommits<T extends Pick<LoggedCommit, 'sha' | 'parents'>>(commits: readonly T[]): Map<T, T> {
  const bySha = new Map(commits.map((commit) => [commit.sha, commit]));
  const landed = new Map<T, T>();
  const line: T[] = [];
  for (let commit = commits[0]; commit && !landed.has(commit); commit = bySha.get(commit.parents[0] ?? '')) {
    landed.set(commit, commit);
    line.push(commit);
  }
  for (const merge of line.reverse()) {
    const queue = merge.parents.slice(1);
    for (let next = 0; next < queue.length; next++) {
      const commit = bySha.get(queue[next] as string);
      if (!commit || landed.has(commit)) continue;
      landed.set(commit, merge);
      queue.push(...commit.parents);
    }
  }
  return landed;
}

/**
 * A key that two references share exactly when image-ref's sameImage holds for them: the repository, then the
 * digest where one is pinned, else the tag (a pinned and an unpinned reference are never the same). What does not
 * parse is the same only as the same text.
 */
function imageIdentity(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  try {
    const ref = parseImageRef(text);
    return `${ref.registry}/${ref.repository}${ref.digest ? `@${ref.digest}` : `:${ref.tag ?? ''}`}`;
  } catch {
    return `unparsed ${text}`; // the same text is the same image, and no parsed one
  }
}

/** Whether a change is a preview's (opened, updated, removed): counted apart from deployments. */
export function isPreviewAction(action: ChangeAction): boolean {
  return action === 'preview' || action === 'preview-delete';
}
