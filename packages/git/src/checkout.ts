// A working copy of the config repository with only what a change needs: depth 1, no blobs until a file
// is checked out, and a sparse checkout of gitops.yaml plus the files the change touches.

import { lstatSync, mkdirSync, readlinkSync, realpathSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { UserError } from '@gitops/errors';
import type { Remote } from './remote';
import { GitError, git } from './run';
import { sshSigningConfig } from './signing';

export interface Identity {
  name: string;
  email: string;
}

export type PushResult = 'pushed' | 'rejected';

/** `Name <email>` as git writes identities; undefined when the text is not of that form. */
export function parseIdentity(text: string): Identity | undefined {
  const match = /^(.+?)\s*<([^<>\s]+@[^<>\s]+)>$/.exec(text.trim());
  return match?.[1] && match[2] ? { name: match[1], email: match[2] } : undefined;
}

export class ConfigCheckout {
  private directories: Set<string> | undefined;
  private readonly patterns: string[] = ['/gitops.yaml'];
  /** How far back the history has been fetched with --shallow-since (refresh keeps it), if it was. */
  private historyFrom: Date | undefined;
  /** Commits fetched by id for sameFilesAt, and whether the remote had them. */
  private readonly fetchedCommits = new Map<string, Promise<boolean>>();
  /** Commits are signed (sshSigningConfig is in the clone's config). */
  private signing = false;

  private constructor(
    readonly dir: string,
    readonly remote: Remote,
    readonly branch: string,
  ) {}

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
    const target = branch ?? (await git(['symbolic-ref', '--short', 'HEAD'], { cwd: dir })).trim();
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
    // Sizes are in bytes: the text (UTF-8, as config files are) is measured as bytes again.
    const output = Buffer.from(await this.run(['cat-file', '--batch'], `${objects.join('\n')}\n`), 'utf8');
    const texts: (string | undefined)[] = [];
    let offset = 0;
    for (let index = 0; index < objects.length; index++) {
      const end = output.indexOf(10, offset);
      if (end < 0) break;
      const header = output.subarray(offset, end).toString('utf8');
      offset = end + 1;
      const size = /^[0-9a-f]+ blob (\d+)$/.exec(header)?.[1];
      if (size === undefined) {
        texts.push(undefined);
        continue;
      }
      texts.push(output.subarray(offset, offset + Number(size)).toString('utf8'));
      offset += Number(size) + 1;
    }
    return texts;
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
    const modes = new Map<string, string>();
    for (const entry of (await this.run(['ls-tree', '-z', 'HEAD', '--', ...files])).split('\0')) {
      const match = /^(\d+) blob [0-9a-f]+\t(.*)$/s.exec(entry);
      if (match?.[1] && match[2] !== undefined) modes.set(match[2], match[1]);
    }
    const parent = await this.head();
    const chunks: string[] = [];
    const data = (text: string) => `data ${Buffer.byteLength(text)}\n${text}\n`;
    commits.forEach((commit, index) => {
      chunks.push(
        `commit refs/heads/${this.branch}\n`,
        `mark :${index + 1}\n`,
        `author ${commit.author.name} <${commit.author.email}> ${rawDate(commit.author.date)}\n`,
        `committer ${commit.committer.name} <${commit.committer.email}> ${rawDate(undefined)}\n`,
        data(commit.message),
      );
      if (index === 0) chunks.push(`from ${parent}\n`);
      for (const file of commit.files) {
        const mode = modes.get(file.path);
        if (mode !== '100644' && mode !== '100755')
          throw new UserError(`${file.path} is not a regular file tracked at HEAD; cannot commit it here`);
        chunks.push(`M ${mode} inline ${quotePath(file.path)}\n`, data(file.content));
      }
    });
    commits.forEach((_, index) => {
      chunks.push(`get-mark :${index + 1}\n`);
    });
    chunks.push('done\n');
    const output = await this.run(['fast-import', '--quiet', '--done'], chunks.join(''));
    const made = output
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
    return this.signing ? this.signChain(parent, commits, made) : made;
  }

  /**
   * The commits fast-import made (`made`, from `commits`) made again, signed, each on the one before: fast-import
   * cannot sign. Same trees, messages, authors and dates. The branch moves to the last.
   */
  private async signChain(parent: string, commits: readonly NewCommit[], made: readonly string[]): Promise<string[]> {
    const trees = (await this.run(['rev-parse', ...made.map((commit) => `${commit}^{tree}`)])).split('\n');
    const signed: string[] = [];
    let onto = parent;
    for (const [index, commit] of commits.entries()) {
      const variables = identityVariables(commit.author, commit.committer);
      const tree = trees[index]?.trim() ?? '';
      onto = (await this.run(['commit-tree', '-S', tree, '-p', onto, '-F', '-'], commit.message, variables)).trim();
      signed.push(onto);
    }
    if (signed.length > 0) await this.run(['update-ref', `refs/heads/${this.branch}`, onto]);
    return signed;
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

  /**
   * Whether `revision` (a whole commit, or the first 12 or more of its characters) is `commit` or was made on top
   * of it: a controller on a busy branch may already be at a later commit. Fetches the branch's newest tip, without
   * depth, so every commit since `commit` is here; a revision older than `commit` is then not among them.
   */
  async includesCommit(revision: string, commit: string): Promise<boolean> {
    if (commit.startsWith(revision)) return true;
    const tracking = `refs/remotes/origin/${this.branch}`;
    await this.run(['fetch', '--quiet', '--filter=tree:0', '--', 'origin', `+refs/heads/${this.branch}:${tracking}`]);
    const since = await this.run(['rev-list', '--ancestry-path', `${commit}..${tracking}`]);
    return since.split('\n').some((line) => line !== '' && line.startsWith(revision));
  }

  /**
   * Whether `files` are the same at `revision` as at HEAD, so what they say (an app's image) is what the commit
   * the controller applied says. Fetches that one commit (its trees, no blobs: comparing object ids needs none)
   * when it is not here; false when the remote does not have it.
   */
  async sameFilesAt(revision: string, files: readonly string[]): Promise<boolean> {
    const head = await this.head();
    if (head.startsWith(revision)) return true;
    // Only a whole commit id can be fetched; a chart version's 12 characters can only name HEAD.
    if (!/^([0-9a-f]{40}|[0-9a-f]{64})$/.test(revision)) return false;
    // Fetched even when it may be here (asking whether it is would, in a partial clone, fetch its whole history),
    // but once: every app an Application applies is compared at the same revision.
    let fetching = this.fetchedCommits.get(revision);
    if (!fetching) {
      fetching = this.run(['fetch', '--quiet', '--depth=1', '--filter=blob:none', '--', 'origin', revision]).then(
        () => true,
        () => false,
      );
      this.fetchedCommits.set(revision, fetching);
    }
    if (!(await fetching)) return false;
    // -r: without it, a file deep in the tree is compared as its top folder, which differs whenever a sibling does.
    return this.run(['diff-tree', '-r', '--quiet', revision, 'HEAD', '--', ...files]).then(
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
    await this.run(['fetch', '--progress', '--filter=tree:0', shallowSince, '--', 'origin', this.branch]);
    this.historyFrom = since;
  }
}

/**
 * The remote's variables plus one setting: no automatic maintenance after each command. The checkout lives for
 * one change and is then removed, so git's `maintenance run --auto` after every fetch and commit is wasted.
 */
function checkoutEnvironment(remote: Remote): Record<string, string> {
  const count = Number(remote.env.GIT_CONFIG_COUNT ?? 0);
  return {
    ...remote.env,
    GIT_CONFIG_COUNT: String(count + 1),
    [`GIT_CONFIG_KEY_${count}`]: 'maintenance.auto',
    [`GIT_CONFIG_VALUE_${count}`]: 'false',
  };
}

/** What a git command in the clone does, as its failure's message starts. */
function doing(args: readonly string[], display: string): string {
  switch (args[0]) {
    case 'fetch':
      return `fetching from ${display}`;
    case 'push':
      return `pushing to ${display}`;
    case 'ls-remote':
      return `reading the branches of ${display}`;
    default:
      return `git ${args[0]} in the clone of ${display}`;
  }
}

function summarisePushError(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const remote = lines.filter((line) => line.startsWith('remote:')).map((line) => line.replace(/^remote:\s*/, ''));
  const rejected = lines.find((line) => line.includes('[remote rejected]') || line.includes('[rejected]'));
  return [...remote, rejected].filter(Boolean).join('; ') || lines.at(-1) || 'unknown reason';
}

/** The variables git takes the author (with its date, when given) and the committer of a new commit from. */
function identityVariables(author: Identity & { readonly date?: string }, committer: Identity): Record<string, string> {
  return {
    GIT_AUTHOR_NAME: author.name,
    GIT_AUTHOR_EMAIL: author.email,
    ...(author.date ? { GIT_AUTHOR_DATE: author.date } : {}),
    GIT_COMMITTER_NAME: committer.name,
    GIT_COMMITTER_EMAIL: committer.email,
  };
}

/** A commit for appendCommits: whole new contents of the files it changes. */
export interface NewCommit {
  readonly message: string;
  readonly author: Identity & { readonly date?: string | undefined };
  readonly committer: Identity;
  readonly files: readonly { readonly path: string; readonly content: string }[];
}

/** A date as fast-import reads it (`<seconds> <+hhmm>`); now when none is given. */
function rawDate(iso: string | undefined): string {
  const time = iso === undefined ? Number.NaN : Date.parse(iso);
  const seconds = Math.floor((Number.isFinite(time) ? time : Date.now()) / 1000);
  const zone = iso && /([+-])(\d\d):?(\d\d)$/.exec(iso);
  return `${seconds} ${zone ? `${zone[1]}${zone[2]}${zone[3]}` : '+0000'}`;
}

/** A path as fast-import reads it: C-style quoted when it could be misread. */
function quotePath(file: string): string {
  if (!/["\\\n]/.test(file) && !file.startsWith('"')) return file;
  return `"${file.replace(/["\\]/g, (c) => `\\${c}`).replace(/\n/g, '\\n')}"`;
}

/** Links followed from one included file to the next, at most. */
const maxLinkDepth = 8;

/**
 * A repository path as a sparse-checkout pattern that matches exactly that path: gitignore syntax would read
 * `*`, `?`, `[`, a backslash and trailing blanks as pattern syntax, so each is escaped (`web[blue].yaml` is a
 * file name, not a character class).
 */
export function sparsePattern(entry: string): string {
  const escaped = entry
    .replace(/^\/+/, '')
    .replace(/[\\*?[\]!#]/g, (c) => `\\${c}`)
    .replace(/ +$/, (blanks) => blanks.replace(/ /g, '\\ '));
  return `/${escaped}`;
}

/** Where a checked-out symbolic link points, as a repository path; undefined for anything else or outside. */
function linkTarget(dir: string, entry: string): string | undefined {
  const file = path.join(dir, entry);
  const stats = lstatSync(file, { throwIfNoEntry: false });
  if (!stats?.isSymbolicLink()) return undefined;
  const target = path.posix.normalize(path.posix.join(path.posix.dirname(entry), readlinkSync(file)));
  // A link out of the repository is not followed here; reading the file refuses it with its reason.
  return path.posix.isAbsolute(target) || target.startsWith('../') || target === '..' ? undefined : target;
}
