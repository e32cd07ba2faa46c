// What the branch's history says of other commits, for a checkout: whether a revision a controller reports holds a
// commit, whether files are the same at it, and the commits since a time (for the newer-source rule). Each fetches
// what it needs once.

/** What Revisions needs of the checkout. */
export interface RevisionSource {
  readonly run: (args: readonly string[]) => Promise<string>;
  readonly head: () => Promise<string>;
  readonly branch: string;
}

export class Revisions {
  /** How far back the history has been fetched with --shallow-since (a refresh keeps it), if it was. */
  private historyFrom: Date | undefined;
  /** Commits fetched by id for sameFilesAt, and whether the remote had them. */
  private readonly fetchedCommits = new Map<string, Promise<boolean>>();
  /** Answers of includesCommit: the clusters of a fleet's wave ask the same question at once. */
  private readonly included = new Map<string, Promise<boolean>>();
  /** The last fetch of the branch's tip: one at a time, as two would race for the tracking ref's lock. */
  private tipFetch: Promise<unknown> = Promise.resolve();

  constructor(private readonly checkout: RevisionSource) {}

  /**
   * Whether `revision` (a whole commit, or the first 12 or more of its characters) is `commit` or was made on top
   * of it: a controller on a busy branch may already be at a later commit. Fetches the branch's newest tip, without
   * depth, so every commit since `commit` is here; a revision older than `commit` is then not among them.
   */
  includesCommit(revision: string, commit: string): Promise<boolean> {
    if (commit.startsWith(revision)) return Promise.resolve(true);
    const key = `${revision}\n${commit}`;
    let answer = this.included.get(key);
    if (!answer) {
      answer = this.fetchedIncludes(revision, commit);
      this.included.set(key, answer);
      // A failed fetch is asked again next time, not remembered.
      answer.catch(() => this.included.delete(key));
    }
    return answer;
  }

  private async fetchedIncludes(revision: string, commit: string): Promise<boolean> {
    const tracking = `refs/remotes/origin/${this.checkout.branch}`;
    const fetch = this.tipFetch
      .catch(() => undefined)
      .then(() =>
        this.checkout.run([
          'fetch',
          '--quiet',
          '--filter=tree:0',
          '--',
          'origin',
          `+refs/heads/${this.checkout.branch}:${tracking}`,
        ]),
      );
    this.tipFetch = fetch;
    await fetch;
    const since = await this.checkout.run(['rev-list', '--ancestry-path', `${commit}..${tracking}`]);
    return since.split('\n').some((line) => line !== '' && line.startsWith(revision));
  }

  /**
   * Whether `files` are the same at `revision` as at HEAD, so what they say (an app's image) is what the commit
   * the controller applied says. Fetches that one commit (its trees, no blobs: comparing object ids needs none)
   * when it is not here; false when the remote does not have it.
   */
  async sameFilesAt(revision: string, files: readonly string[]): Promise<boolean> {
    const head = await this.checkout.head();
    if (head.startsWith(revision)) return true;
    // Only a whole commit id can be fetched; a chart version's 12 characters can only name HEAD.
    if (!/^([0-9a-f]{40}|[0-9a-f]{64})$/.test(revision)) return false;
    // Fetched even when it may be here (asking whether it is would, in a partial clone, fetch its whole history),
    // but once: every app an Application applies is compared at the same revision.
    let fetching = this.fetchedCommits.get(revision);
    if (!fetching) {
      fetching = this.checkout
        .run(['fetch', '--quiet', '--depth=1', '--filter=blob:none', '--', 'origin', revision])
        .then(
          () => true,
          () => false,
        );
      this.fetchedCommits.set(revision, fetching);
    }
    if (!(await fetching)) return false;
    // -r: without it, a file deep in the tree is compared as its top folder, which differs whenever a sibling does.
    return this.checkout.run(['diff-tree', '-r', '--quiet', revision, 'HEAD', '--', ...files]).then(
      () => true,
      (error: unknown) => {
        if ((error as { exitCode?: number }).exitCode === 1) return false;
        throw error;
      },
    );
  }

  /** Fetches every commit made since `since` (commits only: no trees, no blobs), unless they are here already. */
  async fetchHistorySince(since: Date): Promise<void> {
    if (this.historyFrom && this.historyFrom.getTime() <= since.getTime()) return;
    const shallowSince = `--shallow-since=${since.toISOString()}`;
    await this.checkout.run([
      'fetch',
      '--progress',
      '--filter=tree:0',
      shallowSince,
      '--',
      'origin',
      this.checkout.branch,
    ]);
    this.historyFrom = since;
  }
}
