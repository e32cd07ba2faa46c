// A working copy of the config repository with only what a change needs: depth 1, no blobs until a file
// is checked out, and a sparse checkout of gitops.yaml plus the files the change touches.

import { mkdirSync, realpathSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { UserError } from '@gitops/errors';
import { checkoutEnvironment, doing, summarisePushError } from './checkout-env';
import { defaultBranch } from './default-branch';
import { fastImportStream, type NewCommit, signChain } from './fast-import';
import { parseBlobBatch, parseTreeModes } from './git-output';
import { type Identity, identityVariables } from './identity';
import type { Remote } from './remote';
import { Revisions } from './revisions';
import { GitError, git } from './run';
import { sshSigningConfig } from './signing';
import { linkTarget, maxLinkDepth, sparsePattern } from './sparse-patterns';

export type PushResult = 'pushed' | 'rejected';

export class ConfigCheckout {
  private directories: Set<string> | undefined;
  private readonly patterns: string[] = ['/gitops.yaml'];
  /** Commits are signed (sshSigningConfig is in the clone's config). */
  private signing = false;

  /** What the branch's history says of other commits: what a controller applied, what landed since a time. */
  readonly revisions: Revisions;

  private constructor(
    readonly dir: string,
    readonly remote: Remote,
    readonly branch: string,
  ) {
    this.revisions = new Revisions({ run: (args) => this.run(args), head: () => this.head(), branch });
  }

  /**
   * Clones `branch` (default: the remote's default branch) into `dir`, checking out gitops.yaml only. `signal`
   * stops the clone (and its retries) when nobody will use it.
   */
  static async clone(remote: Remote, dir: string, branch?: string, signal?: AbortSignal): Promise<ConfigCheckout> {
    mkdirSync(path.dirname(dir), { recursive: true });
    const options = {
      cwd: path.dirname(dir),
      env: checkoutEnvironment(remote),
      secrets: remote.secrets,
      patience: remote.patience,
      doing: `cloning ${remote.display}${branch ? ` (branch ${branch})` : ''}`,
      ...(signal ? { signal } : {}),
      // git clone refuses a folder that is not empty: what a cut-off attempt wrote goes before the next.
      beforeRetry: () => rmSync(dir, { recursive: true, force: true, maxRetries: 3 }),
    };
    // Without a branch, clone takes the remote's default branch: no extra round trip to ask for it.
    const branchArgs = branch ? ['--branch', branch] : [];
    try {
      await git(
        [
          'clone',
          // Progress on stderr, not --quiet: a host that stops sending is told from a long transfer by silence.
          '--progress',
          '--depth=1',
          '--filter=blob:none',
          '--sparse',
          '--single-branch',
          ...branchArgs,
          '--',
          remote.url,
          dir,
        ],
        options,
      );
    } catch (error) {
      if (error instanceof GitError && /Remote branch .* not found/.test(error.stderr)) {
        throw new UserError(`"${branch}" does not exist in ${remote.display}`, { subject: 'branch' });
      }
      throw error;
    }
    const target = branch ?? (await defaultBranch(dir, remote));
    // --sparse checks out the top-level files (gitops.yaml among them) and nothing else, until include().
    return new ConfigCheckout(dir, remote, target);
  }

  /**
   * Runs git in the clone. Any command may talk to the host (a sparse checkout fetches the blobs it lacks), so
   * each is patient with it as the remote says.
   */
  run(args: readonly string[], input?: string, env: Record<string, string> = {}): Promise<string> {
    return git(args, {
      cwd: this.dir,
      env: { ...checkoutEnvironment(this.remote), ...env },
      secrets: this.remote.secrets,
      patience: this.remote.patience,
      doing: doing(args, this.remote.display),
      ...(input !== undefined ? { input } : {}),
    });
  }

  /** Every folder of the tree at HEAD, checked out or not (to check paths in gitops.yaml). */
  async treeDirectories(): Promise<Set<string>> {
    if (!this.directories) {
      const output = await this.run(['ls-tree', '-r', '-d', '--name-only', '-z', 'HEAD']);
      this.directories = new Set(output.split('\0').filter(Boolean));
    }
    return this.directories;
  }

  /**
   * Adds files (`path/to/file.yaml`) and folders (`envs/dev/`) to the sparse checkout. A file that is a symbolic
   * link brings the file it points to (inside the repository) along, so an edit through the link finds it.
   */
  async include(paths: readonly string[]): Promise<void> {
    let wanted = paths;
    for (let depth = 0; depth < maxLinkDepth && wanted.length > 0; depth++) {
      const patterns = wanted.map(sparsePattern).filter((pattern) => !this.patterns.includes(pattern));
      if (patterns.length === 0) return;
      this.patterns.push(...patterns);
      // One `set` of every pattern: it also leaves cone mode, which the clone started in.
      await this.run(['sparse-checkout', 'set', '--no-cone', ...this.patterns]);
      wanted = wanted.flatMap((entry) => linkTarget(this.dir, entry) ?? []);
    }
  }

  /** Signs every commit made from now on with the SSH key in `keyFile` (see signing.ts). */
  async signWith(keyFile: string): Promise<void> {
    for (const [key, value] of sshSigningConfig(keyFile)) await this.run(['config', '--local', key, value]);
    this.signing = true;
  }

  async head(): Promise<string> {
    return (await this.run(['rev-parse', 'HEAD'])).trim();
  }

  /**
   * Commits the tracked files changed on disk (a change only edits files); undefined when none changed. One git
   * process: `commit --all` stages them, no separate add and diff. `author` (default: the committer) is who asked
   * for the change, with when, for a change carried for another pipeline.
   */
  async commit(
    message: string,
    committer: Identity,
    author: Identity & { readonly date?: string } = committer,
  ): Promise<string | undefined> {
    try {
      await this.run(
        ['commit', '--quiet', '--no-verify', '--all', '--file=-'],
        message,
        identityVariables(author, committer),
      );
    } catch (error) {
      if (error instanceof GitError && /^nothing (added )?to commit/m.test(error.stdout)) return undefined;
      throw error;
    }
    return this.head();
  }

  /**
   * Pushes HEAD to `ref`. 'rejected' when the remote moved on (someone else pushed first): fetch, re-apply,
   * try again. Any other refusal (a hook, protection, permissions, a stale lock) throws at once with the
   * server's reason: trying again would not help. `also` are more refspecs of the same push (deleting pending
   * changes); with `atomic`, the server applies all of them or none.
   */
  async push(
    ref: string,
    options: { readonly force?: boolean; readonly atomic?: boolean; readonly also?: readonly string[] } = {},
  ): Promise<PushResult> {
    const flags = [...(options.force ? ['--force'] : []), ...(options.atomic ? ['--atomic'] : [])];
    try {
      await this.run(['push', ...flags, '--', 'origin', `HEAD:refs/heads/${ref}`, ...(options.also ?? [])]);
      return 'pushed';
    } catch (error) {
      // A cause the table knows (no permission, a host that stayed down) says more than the push's summary.
      if (!(error instanceof GitError) || error.known) throw error;
      const said = error.stderr + error.message;
      if (/\[rejected\].*\((fetch first|non-fast-forward|stale info)\)/.test(said)) return 'rejected';
      // "cannot lock ref" and "failed to update ref" come from a push that lost a race, and also from a lock
      // file left behind on the server or a ref it cannot write: only a ref that moved is a race.
      if (/failed to update ref|cannot lock ref|atomic transaction failed/.test(said)) {
        if (await this.remoteMoved(ref)) return 'rejected';
        // A ref the push removes was gone already (someone else removed it): what we saw is stale; look again.
        const gone = (options.also ?? []).map((spec) => spec.replace(/^:/, '')).filter((name) => said.includes(name));
        if (gone.length > 0) return 'rejected';
      }
      throw new UserError(`push to ${ref} was refused: ${summarisePushError(error.stderr)}`);
    }
  }

  /**
   * Makes `commit` the remote's `ref` (a ref outside the branches: a pending change), or removes `ref`. Not
   * published, with the server's reason, when a hook or rule does not allow such refs; a host that cannot be reached still throws.
   */
  async publish(
    commit: string | undefined,
    ref: string,
  ): Promise<{ published: true } | { published: false; reason: string }> {
    try {
      // No commit: remove the ref.
      await this.run(['push', '--force', '--', 'origin', `${commit ?? ''}:${ref}`]);
      return { published: true };
    } catch (error) {
      if (!(error instanceof GitError) || error.known) throw error;
      return { published: false, reason: summarisePushError(error.stderr) };
    }
  }

  /** Removes refs of the remote (pending changes that landed), in one push that is not atomic. */
  async removeRemoteRefs(refs: readonly string[]): Promise<void> {
    if (refs.length > 0) await this.run(['push', '--', 'origin', ...refs.map((ref) => `:${ref}`)]);
  }

  /**
   * A commit of `message` by `author` that no branch will hold: no parent and the empty tree, so fetching it
   * brings nothing else along. Pending changes are such commits: their trailers are all they carry.
   */
  async looseCommit(message: string, author: Identity & { readonly date: string }): Promise<string> {
    const emptyTree = (await this.run(['mktree'], '')).trim();
    const identity = { ...identityVariables(author, author), GIT_COMMITTER_DATE: author.date };
    // commit-tree does not read commit.gpgsign: a pending change is signed when commits are, so others can check it.
    const sign = this.signing ? ['-S'] : [];
    return (await this.run(['commit-tree', ...sign, emptyTree, '-F', '-'], message, identity)).trim();
  }

  /** The path git tracks for `file` of the working tree: where it points when it is a link (as writeChanges writes). */
  trackedPath(file: string): string {
    return path
      .relative(realpathSync(this.dir), realpathSync(path.join(this.dir, file)))
      .split(path.sep)
      .join('/');
  }

  /** The text of each `<commit>:<path>` (one `git cat-file --batch`); undefined for one that does not exist. */
  async readBlobs(objects: readonly string[]): Promise<(string | undefined)[]> {
    if (objects.length === 0) return [];
    return parseBlobBatch(await this.run(['cat-file', '--batch'], `${objects.join('\n')}\n`), objects.length);
  }

  /** The remote's refs that match `patterns` (as `git ls-remote` matches them), name to commit: one round trip. */
  async remoteRefs(patterns: readonly string[]): Promise<Map<string, string>> {
    const refs = new Map<string, string>();
    for (const line of (await this.run(['ls-remote', '--', 'origin', ...patterns])).split('\n')) {
      const [sha, name] = line.split('\t');
      if (sha && name) refs.set(name.trim(), sha.trim());
    }
    return refs;
  }

  /**
   * Adds commits on top of HEAD in one `git fast-import`, without touching the index or the working tree (which
   * hold the same files already): one process for any number of commits, where `git commit` would write the
   * whole index each time. Every file must be tracked already; its mode is kept. Returns the new commits.
   */
  async appendCommits(commits: readonly NewCommit[]): Promise<string[]> {
    if (commits.length === 0) return [];
    const files = [...new Set(commits.flatMap((commit) => commit.files.map((file) => file.path)))];
    const modes = parseTreeModes(await this.run(['ls-tree', '-z', 'HEAD', '--', ...files]));
    const parent = await this.head();
    const stream = fastImportStream({ branch: this.branch, parent, commits, modes });
    const output = await this.run(['fast-import', '--quiet', '--done'], stream);
    const made = output
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
    if (!this.signing) return made;
    const run = (args: readonly string[], input?: string, env?: Record<string, string>) => this.run(args, input, env);
    return signChain({ run, branch: this.branch, parent, commits, made });
  }

  /** Whether `ref` on the remote is no longer the commit this checkout last fetched of it (one ls-remote). */
  private async remoteMoved(ref: string): Promise<boolean> {
    const known = await this.run(['rev-parse', '--verify', '--quiet', `refs/remotes/origin/${ref}`]).then(
      (sha) => sha.trim(),
      () => '',
    );
    const remote = (await this.run(['ls-remote', '--', 'origin', `refs/heads/${ref}`])).split(/\s/)[0] ?? '';
    return remote !== known;
  }

  /**
   * Moves to the remote's newest tip of the branch, dropping local commits and changes. The fetch has no depth:
   * it brings every commit since the ones here (a few, on a busy branch), so the history between stays whole
   * and who landed what in between can be read. With `refs` (a prefix such as `refs/gitops/pending/main/`), the
   * same fetch mirrors the remote's refs under it, forgetting those that are gone.
   */
  async refresh(options: { readonly refs?: string } = {}): Promise<void> {
    const refspecs = [`+refs/heads/${this.branch}:refs/remotes/origin/${this.branch}`];
    if (options.refs) refspecs.push(`+${options.refs}*:${options.refs}*`);
    await this.run(['fetch', '--progress', ...(options.refs ? ['--prune'] : []), '--', 'origin', ...refspecs]);
    await this.run(['reset', '--quiet', '--hard', `origin/${this.branch}`]);
    this.directories = undefined;
  }

  /** Moves the working tree to `commit` (one the branch holds), to read the files as they were there. */
  async resetTo(commit: string): Promise<void> {
    await this.run(['reset', '--quiet', '--hard', commit]);
    this.directories = undefined;
  }
}
