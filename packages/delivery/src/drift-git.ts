// What drift reads from the config repository's working copy: the tip, when the first commit a controller has not
// applied landed, and the commits without gitops trailers (hand edits) since the last check, with the files each
// touched. One bounded git run each; every answer comes from the working copy, nothing is fetched.
import { git } from '@gitops/git';

const timeoutMs = 60_000;
/** Commits looked through after an applied revision, and hand edits listed: a bound on what a run reads. */
const maxCommits = 2_000;

export interface Tip {
  readonly sha: string;
  readonly at: string;
}

export async function tipOf(dir: string): Promise<Tip> {
  const [sha = '', at = ''] = (await git(['log', '-1', '--format=%H%x1f%cI', 'HEAD'], { cwd: dir, timeoutMs }))
    .trim()
    .split('\x1f');
  return { sha, at };
}

/**
 * When the oldest commit after `revision` on the branch landed: since then the controller has been behind. Undefined
 * when `revision` is the tip or not a commit of this history (then the tip's time is the best known).
 */
export async function behindSince(
  dir: string,
  revision: string,
): Promise<{ since: string; commits: number } | undefined> {
  if (!/^[0-9a-f]{7,64}$/.test(revision)) return undefined;
  const out = await git(['log', `--max-count=${maxCommits}`, '--format=%cI', `${revision}..HEAD`], {
    cwd: dir,
    timeoutMs,
  }).catch(() => undefined);
  if (out === undefined) return undefined;
  const times = out.split('\n').filter(Boolean);
  const oldest = times.at(-1);
  return oldest ? { since: oldest, commits: times.length } : undefined;
}

export interface HandEditCommit {
  readonly sha: string;
  readonly at: string;
  readonly subject: string;
  readonly author: string;
  readonly files: readonly string[];
}

/** Commits since `since` that carry no Gitops-Action trailer (merges aside), newest first, with their files. */
export async function handEditsSince(dir: string, since: Date): Promise<HandEditCommit[]> {
  const out = await git(
    [
      'log',
      '--no-merges',
      `--max-count=${maxCommits}`,
      `--since=${since.toISOString()}`,
      '--format=%x1e%H%x1f%cI%x1f%an%x1f%s%x1f%(trailers:key=Gitops-Action,valueonly,separator=%x2c)%x1f',
      '--name-only',
      'HEAD',
    ],
    { cwd: dir, timeoutMs },
  );
  return out
    .split('\x1e')
    .filter((record) => record.trim())
    .flatMap((record) => {
      const [sha = '', at = '', author = '', subject = '', action = '', rest = ''] = record.split('\x1f');
      if (action.trim()) return [];
      return { sha, at, author, subject, files: rest.split('\n').filter(Boolean) };
    });
}
