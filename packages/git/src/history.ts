// Reads the audit trail: commits' trailers, newest first, deepening a shallow clone only as far as needed.
import type { ConfigCheckout } from './checkout';

export interface CommitRecord {
  readonly sha: string;
  readonly committedAt: string;
  readonly subject: string;
  /** Trailers as git parses them, in order; keys as written. */
  readonly trailers: readonly [string, string][];
}

const fieldSeparator = '\x1f';
const recordSeparator = '\x1e';

/** Commits reachable from HEAD that are already fetched, newest first. */
export async function readHistory(checkout: ConfigCheckout, limit: number): Promise<CommitRecord[]> {
  const format = ['%H', '%cI', '%s', '%(trailers:unfold=true,only=true,separator=%x1d)'].join('%x1f');
  const output = await checkout.run(['log', `--max-count=${limit}`, `--format=${format}%x1e`, 'HEAD']);
  return output
    .split(recordSeparator)
    .map((record) => record.replace(/^\n/, ''))
    .filter((record) => record.trim() !== '')
    .map((record) => {
      const [sha = '', committedAt = '', subject = '', trailerText = ''] = record.split(fieldSeparator);
      const trailers = trailerText
        .split('\x1d')
        .map((line) => line.trim())
        .filter(Boolean)
        .map((line): [string, string] => {
          const colon = line.indexOf(':');
          return [line.slice(0, colon).trim(), line.slice(colon + 1).trim()];
        });
      return { sha, committedAt, subject, trailers };
    });
}

/**
 * The newest commit that `matches`, deepening the shallow history step by step (1, 32, 128, … commits) up to
 * `maxCommits`; undefined when none is found within it.
 */
export async function findInHistory(
  checkout: ConfigCheckout,
  matches: (commit: CommitRecord) => boolean,
  maxCommits = 2048,
): Promise<CommitRecord | undefined> {
  let depth = 1;
  let seen = 0;
  for (let round = 0; round < 12; round++) {
    const commits = await readHistory(checkout, depth);
    const found = commits.find(matches);
    if (found) return found;
    if (commits.length <= seen || commits.length < depth || depth >= maxCommits) return undefined;
    seen = commits.length;
    const next = Math.min(depth === 1 ? 32 : depth * 4, maxCommits);
    await checkout.run(['fetch', '--quiet', `--deepen=${next - depth}`, 'origin', checkout.branch]);
    depth = next;
  }
  return undefined;
}

/**
 * Makes the shallow history reach back to `since` (every commit made after it) in one fetch of commits only
 * (no trees, no blobs), and returns those commits, newest first.
 */
export async function historySince(checkout: ConfigCheckout, since: Date): Promise<CommitRecord[]> {
  // The tip is already here: when it is older than \`since\`, nothing was committed after it (and asking the
  // server for commits since then would be an error).
  const [tip] = await readHistory(checkout, 1);
  if (!tip || Date.parse(tip.committedAt) < since.getTime()) return [];
  const shallowSince = `--shallow-since=${since.toISOString()}`;
  await checkout.run(['fetch', '--quiet', '--filter=tree:0', shallowSince, 'origin', checkout.branch]);
  const commits = await readHistory(checkout, 100_000);
  return commits.filter((commit) => Date.parse(commit.committedAt) >= since.getTime());
}
