// Reads the audit trail: commits' trailers, newest first, deepening a shallow clone only as far as needed.
import type { ConfigCheckout } from './checkout';
import { recordStream, records } from './records';
import { git } from './run';

export interface CommitRecord {
  readonly sha: string;
  readonly committedAt: string;
  readonly subject: string;
  /** Trailers as git parses them, in order; keys as written. */
  readonly trailers: readonly [string, string][];
}

// Records end with NUL and their fields are lines, trailers last (records.ts).
const endOfRecord = '%x00';
const fieldsOf = (fields: readonly string[]) => `${fields.join('%n')}%n%(trailers:unfold=true,only=true)${endOfRecord}`;

/** A repository git runs in: a checkout, or a working copy of the config repository (`gitops status`). */
export type GitRunner = Pick<ConfigCheckout, 'run'>;

/** A working copy on disk, read in place: its output gathered (gitops status), or taken as it comes (metrics). */
export interface WorkingCopy extends GitRunner {
  stream(args: readonly string[], onStdout: (chunk: Buffer) => void): Promise<void>;
}

/** A working copy on disk, read in place (gitops status, gitops metrics): git with a hard limit per run. */
export function workingCopy(dir: string, timeoutMs: number): WorkingCopy {
  const options = { cwd: dir, timeoutMs, doing: `reading the history of ${dir}` };
  return {
    run: (args) => git(args, options),
    stream: async (args, onStdout) => {
      await git(args, { ...options, onStdout });
    },
  };
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
  const output = await checkout.run(['log', `--format=${fieldsOf(['%H', '%cI', '%s'])}`, ...revisions, '--']);
  return records(output, 3).map(({ fields: [sha = '', committedAt = '', subject = ''], trailers }) => ({
    sha,
    committedAt,
    subject,
    trailers,
  }));
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

/** Every commit within `maxCommits` of the tip (all of them in a shorter history), newest first. */
export async function recentCommits(checkout: ConfigCheckout, maxCommits: number): Promise<CommitRecord[]> {
  // Deepens the clone step by step, as far as the history goes or maxCommits.
  await new HistoryReader(checkout, maxCommits).find(() => false);
  return readHistory(checkout, maxCommits);
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
  await checkout.revisions.fetchHistorySince(since);
  const commits = await readHistory(checkout, 100_000);
  return commits.filter((commit) => Date.parse(commit.committedAt) >= since.getTime());
}

/** A commit of the audit trail with its parents: a merge brings the changes of its second parent's side. */
export interface LoggedCommit extends CommitRecord {
  readonly parents: readonly string[];
}

/**
 * Every commit reachable from HEAD committed at or after `since` (all, without it), newest first, with parents and
 * trailers (one `git log`, no checkout, no tree or blob read), handed on one at a time as git writes it: a long
 * history is parsed while git still runs, and a reader that keeps only what it needs of each commit keeps the
 * memory, and the collector's work, small.
 */
export async function eachLogged(
  repository: WorkingCopy,
  since: Date | undefined,
  onCommit: (commit: LoggedCommit) => void,
): Promise<void> {
  const range = since ? [`--since=${since.toISOString()}`] : [];
  const format = fieldsOf(['%H', '%cI', '%P', '%s']);
  const stream = recordStream(4, ({ fields: [sha = '', committedAt = '', parents = '', subject = ''], trailers }) =>
    onCommit({ sha, committedAt, subject, parents: parents.split(' ').filter(Boolean), trailers }),
  );
  await repository.stream(['log', `--format=${format}`, ...range, 'HEAD', '--'], stream.push);
  stream.end();
}

/** A commit a ref points to, with who wrote it and its trailers. */
export interface RefCommit extends CommitRecord {
  readonly ref: string;
  readonly author: { readonly name: string; readonly email: string; readonly date: string };
}

/** The commits of the refs under `prefix` (`refs/gitops/pending/`) fetched into the clone, in one git process. */
export async function readRefs(checkout: ConfigCheckout, prefix: string): Promise<RefCommit[]> {
  // for-each-ref's own spelling: %00 for NUL, and the subject on one line as log's %s.
  const format = `${[
    '%(refname)',
    '%(objectname)',
    '%(committerdate:iso-strict)',
    '%(authorname)',
    '%(authoremail:trim)',
    '%(authordate:iso-strict)',
    '%(subject)',
  ].join('%0a')}%0a%(trailers:unfold=true,only=true)%00`;
  const output = await checkout.run(['for-each-ref', `--format=${format}`, prefix]);
  return records(output, 7).map(({ fields, trailers }) => {
    const [ref = '', sha = '', committedAt = '', name = '', email = '', date = '', subject = ''] = fields;
    return { ref, sha, committedAt, subject, author: { name, email, date }, trailers };
  });
}

/** Every value of trailer `key` in the commits of `revision` that are here (a shallow clone's part), in one log. */
export async function trailerValues(
  checkout: ConfigCheckout,
  revision: string,
  key: string,
): Promise<Map<string, string>> {
  const output = await checkout.run(['log', `--format=${fieldsOf(['%H'])}`, revision, '--']);
  const found = new Map<string, string>();
  for (const { fields, trailers } of records(output, 1))
    for (const [name, value] of trailers)
      if (name.toLowerCase() === key.toLowerCase() && value && !found.has(value)) found.set(value, fields[0] ?? '');
  return found;
}
