// Reads the audit trail: commits' trailers, newest first, deepening a shallow clone only as far as needed.
import type { ConfigCheckout } from './checkout';
import { git } from './run';

export interface CommitRecord {
  readonly sha: string;
  readonly committedAt: string;
  readonly subject: string;
  /** Trailers as git parses them, in order; keys as written. */
  readonly trailers: readonly [string, string][];
}

const fieldSeparator = '\x1f';
const recordSeparator = '\x1e';

/** A repository git runs in: a checkout, or a working copy of the config repository (`gitops status`). */
export type GitRunner = Pick<ConfigCheckout, 'run'>;

/** A working copy on disk, read in place (gitops status, gitops metrics): git with a hard limit per run. */
export function workingCopy(dir: string, timeoutMs: number): GitRunner {
  return { run: (args) => git(args, { cwd: dir, timeoutMs, doing: `reading the history of ${dir}` }) };
}

/** Commits reachable from HEAD that are already fetched, newest first. */
export async function readHistory(checkout: GitRunner, limit: number): Promise<CommitRecord[]> {
  return logRecords(checkout, [`--max-count=${limit}`, 'HEAD']);
}

/** These commits (already fetched), in the order given. */
export function readCommits(checkout: ConfigCheckout, commits: readonly string[]): Promise<CommitRecord[]> {
  return logRecords(checkout, ['--no-walk=unsorted', ...commits]);
}

async function logRecords(checkout: GitRunner, revisions: readonly string[]): Promise<CommitRecord[]> {
  const format = ['%H', '%cI', '%s', '%(trailers:unfold=true,only=true,separator=%x1d)'].join('%x1f');
  const output = await checkout.run(['log', `--format=${format}%x1e`, ...revisions, '--']);
  return records(output).map((record) => {
    const [sha = '', committedAt = '', subject = '', trailerText = ''] = record.split(fieldSeparator);
    return { sha, committedAt, subject, trailers: parseTrailers(trailerText) };
  });
}

/** The records of output formatted with %x1e after each (git puts a line break between them), empty ones left out. */
function records(output: string): string[] {
  return output
    .split(recordSeparator)
    .map((record) => record.replace(/^\n/, ''))
    .filter((record) => record.trim() !== '');
}

/** `Key: value` lines as git prints them with separator %x1d. */
function parseTrailers(text: string): [string, string][] {
  return text
    .split('\x1d')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line): [string, string] => {
      const colon = line.indexOf(':');
      return [line.slice(0, colon).trim(), line.slice(colon + 1).trim()];
    });
}

/**
 * History read once for many questions (one per app, or a rollback's two): deepened step by step (1, 32, 128, …
 * commits, commits only) as far as the questions need, up to `maxCommits`.
 */
export class HistoryReader {
  private commits: CommitRecord[] | undefined;
  private depth = 1;

  constructor(
    private readonly checkout: ConfigCheckout,
    private readonly maxCommits = 2048,
  ) {}

  /** The newest commit that `matches`; undefined when none is found within `maxCommits`. */
  async find(matches: (commit: CommitRecord) => boolean): Promise<CommitRecord | undefined> {
    for (let round = 0; round < 12; round++) {
      this.commits ??= await readHistory(this.checkout, this.depth);
      const found = this.commits.find(matches);
      if (found || this.commits.length < this.depth || this.depth >= this.maxCommits) return found;
      const next = Math.min(this.depth === 1 ? 32 : this.depth * 4, this.maxCommits);
      const deepen = `--deepen=${next - this.depth}`;
      await this.checkout.run(['fetch', '--progress', '--filter=tree:0', deepen, '--', 'origin', this.checkout.branch]);
      this.depth = next;
      this.commits = undefined;
    }
    return undefined;
  }
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
  await checkout.fetchHistorySince(since);
  const commits = await readHistory(checkout, 100_000);
  return commits.filter((commit) => Date.parse(commit.committedAt) >= since.getTime());
}

/** A commit of the audit trail with its parents: a merge brings the changes of its second parent's side. */
export interface LoggedCommit extends CommitRecord {
  readonly parents: readonly string[];
}

/**
 * Every commit reachable from HEAD committed at or after `since` (all, without it), newest first, with parents and
 * trailers: one `git log`, no checkout, no tree or blob read.
 */
export async function readLog(repository: GitRunner, since?: Date): Promise<LoggedCommit[]> {
  const format = ['%H', '%cI', '%s', '%P', '%(trailers:unfold=true,only=true,separator=%x1d)'].join('%x1f');
  const range = since ? [`--since=${since.toISOString()}`] : [];
  const output = await repository.run(['log', `--format=${format}%x1e`, ...range, 'HEAD', '--']);
  return records(output).map((record) => {
    const [sha = '', committedAt = '', subject = '', parents = '', trailerText = ''] = record.split(fieldSeparator);
    return {
      sha,
      committedAt,
      subject,
      parents: parents.split(' ').filter(Boolean),
      trailers: parseTrailers(trailerText),
    };
  });
}

/** A commit a ref points to, with who wrote it and its trailers. */
export interface RefCommit extends CommitRecord {
  readonly ref: string;
  readonly author: { readonly name: string; readonly email: string; readonly date: string };
}

/** The commits of the refs under `prefix` (`refs/gitops/pending/`) fetched into the clone, in one git process. */
export async function readRefs(checkout: ConfigCheckout, prefix: string): Promise<RefCommit[]> {
  const format = [
    '%(refname)',
    '%(objectname)',
    '%(committerdate:iso-strict)',
    '%(subject)',
    '%(authorname)',
    '%(authoremail:trim)',
    '%(authordate:iso-strict)',
    '%(trailers:unfold=true,only=true,separator=%x1d)',
  ].join('%1f');
  const output = await checkout.run(['for-each-ref', `--format=${format}%1e`, prefix]);
  return records(output).map((record) => {
    const [ref = '', sha = '', committedAt = '', subject = '', name = '', email = '', date = '', trailerText = ''] =
      record.split(fieldSeparator);
    return { ref, sha, committedAt, subject, author: { name, email, date }, trailers: parseTrailers(trailerText) };
  });
}

/** Every value of trailer `key` in the commits of `revision` that are here (a shallow clone's part), in one log. */
export async function trailerValues(
  checkout: ConfigCheckout,
  revision: string,
  key: string,
): Promise<Map<string, string>> {
  const format = `%H%x1f%(trailers:key=${key},valueonly=true,unfold=true,separator=%x1d)%x1e`;
  const output = await checkout.run(['log', `--format=${format}`, revision, '--']);
  const found = new Map<string, string>();
  for (const record of records(output)) {
    const [sha = '', values = ''] = record.split(fieldSeparator);
    for (const value of values
      .split('\x1d')
      .map((v) => v.trim())
      .filter(Boolean))
      if (!found.has(value)) found.set(value, sha.trim());
  }
  return found;
}
