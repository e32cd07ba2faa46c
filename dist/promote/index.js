import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 1466:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   f: () => (/* binding */ EarlyClone),
/* harmony export */   n: () => (/* binding */ withEarlyClone)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_os__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _gitops_git__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(2453);
// Starts the clone of the config repository before the rest of an action is loaded. Evaluating the engine and
// @actions/core takes ~90 ms, half of a clone on a fast network: the two overlap instead of adding up. This
// module imports nothing heavy (the action's entry imports it alone, then the rest). It reads the three inputs
// a clone needs (repository, branch, token) straight from the environment, as @actions/core does, and starts
// only when they are usable; otherwise the action clones as before, with its own checks and messages.




class EarlyClone {
    remote;
    branch;
    clone;
    claimed = false;
    constructor(remote, branch, clone) {
        this.remote = remote;
        this.branch = branch;
        this.clone = clone;
    }
    /**
     * Starts cloning what the inputs in `env` name into a new folder `<prefix>*` of RUNNER_TEMP, if they are usable.
     * Never throws: whatever goes wrong here, the action meets again where it can report it.
     */
    static start(env, prefix) {
        try {
            return EarlyClone.tryStart(env, prefix);
        }
        catch {
            return undefined;
        }
    }
    static tryStart(env, prefix) {
        const input = (name) => env[`INPUT_${name.toUpperCase()}`]?.trim() || undefined;
        const repository = input('repository');
        const token = input('token');
        if (!repository)
            return undefined;
        const remote = (0,_gitops_git__WEBPACK_IMPORTED_MODULE_3__/* .resolveRemote */ .Lb)(repository, env.GITHUB_SERVER_URL ?? 'https://github.com', token);
        if ((0,_gitops_git__WEBPACK_IMPORTED_MODULE_3__/* .needsToken */ .pD)(remote.url) && !token)
            return undefined;
        const branch = input('branch');
        const workdir = node_path__WEBPACK_IMPORTED_MODULE_2__.join((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.mkdtempSync)(node_path__WEBPACK_IMPORTED_MODULE_2__.join(env.RUNNER_TEMP ?? (0,node_os__WEBPACK_IMPORTED_MODULE_1__.tmpdir)(), prefix)), 'config');
        const checkout = _gitops_git__WEBPACK_IMPORTED_MODULE_3__/* .ConfigCheckout */ .DY.clone(remote, workdir, branch);
        // Whoever claims the clone sees its failure; a clone nobody claims is no unhandled rejection.
        checkout.catch(() => undefined);
        return new EarlyClone(remote, branch, { workdir, checkout });
    }
    /**
     * The clone, when it is the one the action's own reading of its inputs asks for (same URL, branch and
     * credentials); handed over once. Otherwise undefined, and the clone is removed.
     */
    async claim(remote, branch) {
        const same = this.remote.url === remote.url &&
            this.branch === branch &&
            JSON.stringify(this.remote.env) === JSON.stringify(remote.env);
        if (!same || this.claimed) {
            await this.release();
            return undefined;
        }
        this.claimed = true;
        return this.clone;
    }
    /** Removes the clone unless it was claimed (after a failure before that): waits for git to stop first. */
    async release() {
        if (this.claimed)
            return;
        this.claimed = true;
        await this.clone.checkout.catch(() => undefined);
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.rmSync)(this.clone.workdir, { recursive: true, force: true });
    }
    /** The folder the clone goes to (for tests). */
    get workdir() {
        return this.clone.workdir;
    }
}
/** Runs the action's `main` with the early clone, then removes the clone if `main` never claimed it. */
async function withEarlyClone(early, main) {
    try {
        await main(early);
    }
    finally {
        await early?.release();
    }
}


/***/ }),

/***/ 8692:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _gitops_action_kit_early_clone__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(1466);
// Entry of the promote action (bundled into dist/promote/index.js). The clone of the config repository starts
// first; the engine loads while git works (see early-clone.ts in the action kit).

const early = _gitops_action_kit_early_clone__WEBPACK_IMPORTED_MODULE_0__/* .EarlyClone */ .f.start(process.env, 'gitops-promote-');
const { runAction } = await Promise.all(/* import() */[__nccwpck_require__.e(349), __nccwpck_require__.e(99)]).then(__nccwpck_require__.bind(__nccwpck_require__, 6099));
const { run, userErrors } = await Promise.all(/* import() */[__nccwpck_require__.e(349), __nccwpck_require__.e(99), __nccwpck_require__.e(882)]).then(__nccwpck_require__.bind(__nccwpck_require__, 2882));
await runAction('gitops promote', () => (0,_gitops_action_kit_early_clone__WEBPACK_IMPORTED_MODULE_0__/* .withEarlyClone */ .n)(early, run), userErrors);

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 2453:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  vd: () => (/* reexport */ CheckoutError),
  DY: () => (/* reexport */ ConfigCheckout),
  qq: () => (/* reexport */ HistoryReader),
  Hi: () => (/* reexport */ RemoteError),
  H2: () => (/* reexport */ historySince),
  pD: () => (/* reexport */ needsToken),
  aZ: () => (/* reexport */ parseIdentity),
  Lb: () => (/* reexport */ resolveRemote)
});

// UNUSED EXPORTS: GitError, git, readHistory, redact

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(6760);
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __nccwpck_require__(1421);
;// CONCATENATED MODULE: ./packages/git/src/remote.ts
// Where the config repository is and how to authenticate to it, without the token ever touching a URL,
// an argument list or .git/config.
class RemoteError extends Error {
}
const ownerName = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;
/** `scheme://userinfo@`: the scheme in any letter case (git and URL parsers ignore it). */
const schemeUserinfo = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#@]*)@/i;
/** scp-like `user:password@host:path` (no scheme; the part before the first `@` holds a colon and no slash). */
const scpUserinfo = /^([^/@:]*):([^/@]*)@/;
/**
 * `repository` is `owner/name` on `serverUrl`, or any git URL (https, git://, ssh, file://, a path).
 * A token is sent only over http(s), as `Authorization: basic` (what actions/checkout does).
 * A URL that carries a password (any scheme, any letter case) or, over http(s), any userinfo at all is refused
 * before it is printed anywhere: the credential would reach logs, `.git/config` and the process list.
 */
function resolveRemote(repository, serverUrl, token) {
    const server = serverUrl.replace(/\/+$/, '');
    if (repository.startsWith('-'))
        throw new RemoteError('the repository starts with "-", which git would read as an option; refused');
    let url;
    if (ownerName.test(repository)) {
        url = `${server}/${repository}.git`;
    }
    else {
        url = repository;
        const userinfo = schemeUserinfo.exec(url);
        const http = /^https?:\/\//i.test(url);
        if ((userinfo && (http || userinfo[2]?.includes(':'))) || (!userinfo && scpUserinfo.test(url))) {
            throw new RemoteError(`the repository URL ${withoutUserinfo(url)} carries credentials; remove them and pass the token in the token input`);
        }
    }
    const githubRepository = ownerName.test(repository) ? repository : githubOwnerName(url, server);
    const env = {};
    const secrets = [];
    if (token && needsToken(url)) {
        const header = `AUTHORIZATION: basic ${Buffer.from(`x-access-token:${token}`).toString('base64')}`;
        const origin = new URL(url).origin;
        env.GIT_CONFIG_COUNT = '1';
        env.GIT_CONFIG_KEY_0 = `http.${origin}/.extraheader`;
        env.GIT_CONFIG_VALUE_0 = header;
        secrets.push(token, header, Buffer.from(`x-access-token:${token}`).toString('base64'));
    }
    return { url, display: withoutUserinfo(url), githubRepository, env, secrets };
}
/** The URL (or any text holding URLs) with every `scheme://userinfo@` and scp-like `user@host:` user removed. */
function withoutUserinfo(text) {
    return text
        .replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^/?#@\s]*@/gi, '$1')
        .replace(/^[^/@:\s]+(?::[^/@\s]*)?@(?=[^/:\s]+:)/, '');
}
function githubOwnerName(url, server) {
    if (!url.startsWith(`${server}/`))
        return undefined;
    const rest = url.slice(server.length + 1).replace(/\.git$/, '');
    return ownerName.test(rest) ? rest : undefined;
}
function needsToken(url) {
    return /^https?:\/\//i.test(url);
}

;// CONCATENATED MODULE: ./packages/git/src/run.ts
// Runs the git binary: arguments as an array (never a shell string), credentials only in the environment,
// every message scrubbed of secrets before it can reach a log.


class GitError extends Error {
    args;
    stderr;
    exitCode;
    stdout;
    constructor(message, args, stderr, exitCode, stdout = '') {
        super(message);
        this.args = args;
        this.stderr = stderr;
        this.exitCode = exitCode;
        this.stdout = stdout;
        this.name = 'GitError';
    }
}
/** A git that behaves the same on every machine: no prompts, no user or system config surprises. */
const baseEnvironment = {
    GIT_TERMINAL_PROMPT: '0',
    GIT_ASKPASS: '',
    SSH_ASKPASS: '',
    GCM_INTERACTIVE: 'never',
    GIT_CONFIG_NOSYSTEM: '1',
    LC_ALL: 'C',
};
/** The text with every secret replaced by *** and every URL's userinfo removed. */
function redact(text, secrets = []) {
    let result = withoutUserinfo(text);
    for (const secret of secrets)
        if (secret)
            result = result.replaceAll(secret, '***');
    return result;
}
function git(args, options) {
    return new Promise((resolve, reject) => {
        const child = (0,external_node_child_process_.execFile)('git', [...args], {
            cwd: options.cwd,
            env: { ...process.env, ...baseEnvironment, ...options.env },
            encoding: 'utf8',
            maxBuffer: 256 * 1024 * 1024,
            timeout: options.timeoutMs ?? 300_000,
        }, (error, stdout, stderr) => {
            if (!error)
                return resolve(stdout);
            const secrets = options.secrets ?? [];
            const detail = redact(stderr.trim() || error.message, secrets);
            const code = typeof error.code === 'number' ? error.code : null;
            reject(new GitError(`git ${args[0]} failed: ${detail}`, args, redact(stderr, secrets), code, redact(stdout, secrets)));
        });
        // A git that exits without reading its input closes the pipe; that is not an error of ours.
        child.stdin?.on('error', () => { });
        child.stdin?.end(options.input ?? '');
    });
}

;// CONCATENATED MODULE: ./packages/git/src/checkout.ts
// A working copy of the config repository with only what a change needs: depth 1, no blobs until a file
// is checked out, and a sparse checkout of gitops.yaml plus the files the change touches.



/** `Name <email>` as git writes identities; undefined when the text is not of that form. */
function parseIdentity(text) {
    const match = /^(.+?)\s*<([^<>\s]+@[^<>\s]+)>$/.exec(text.trim());
    return match?.[1] && match[2] ? { name: match[1], email: match[2] } : undefined;
}
class CheckoutError extends Error {
}
class ConfigCheckout {
    dir;
    remote;
    branch;
    directories;
    patterns = ['/gitops.yaml'];
    /** How far back the history has been fetched with --shallow-since (kept by refresh), if it was. */
    historyFrom;
    constructor(dir, remote, branch) {
        this.dir = dir;
        this.remote = remote;
        this.branch = branch;
    }
    /** Clones `branch` (default: the remote's default branch) into `dir`, checking out gitops.yaml only. */
    static async clone(remote, dir, branch) {
        (0,external_node_fs_.mkdirSync)(external_node_path_.dirname(dir), { recursive: true });
        const cwd = external_node_path_.dirname(dir);
        const options = { cwd, env: checkoutEnvironment(remote), secrets: remote.secrets };
        // Without a branch, clone takes the remote's default branch: no extra round trip to ask for it.
        const branchArgs = branch ? ['--branch', branch] : [];
        try {
            await git([
                'clone',
                '--quiet',
                '--depth=1',
                '--filter=blob:none',
                '--sparse',
                '--single-branch',
                ...branchArgs,
                '--',
                remote.url,
                dir,
            ], options);
        }
        catch (error) {
            if (error instanceof GitError && /Remote branch .* not found/.test(error.stderr)) {
                throw new CheckoutError(`branch "${branch}" does not exist in ${remote.display}`);
            }
            if (error instanceof GitError &&
                /terminal prompts disabled|Authentication failed|returned error: 40[13]/.test(error.stderr)) {
                throw new CheckoutError(`${remote.display} refused the credentials; check that the token can read and push the repository`);
            }
            throw error;
        }
        const target = branch ?? (await git(['symbolic-ref', '--short', 'HEAD'], { cwd: dir })).trim();
        // --sparse checks out the top-level files (gitops.yaml among them) and nothing else, until include().
        return new ConfigCheckout(dir, remote, target);
    }
    run(args, input, env = {}) {
        return git(args, {
            cwd: this.dir,
            env: { ...checkoutEnvironment(this.remote), ...env },
            secrets: this.remote.secrets,
            ...(input !== undefined ? { input } : {}),
        });
    }
    /** Every folder of the tree at HEAD, checked out or not (to check paths in gitops.yaml). */
    async treeDirectories() {
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
    async include(paths) {
        let wanted = paths;
        for (let depth = 0; depth < maxLinkDepth && wanted.length > 0; depth++) {
            const patterns = wanted.map(sparsePattern).filter((pattern) => !this.patterns.includes(pattern));
            if (patterns.length === 0)
                return;
            this.patterns.push(...patterns);
            // One `set` of every pattern: it also leaves cone mode, which the clone started in.
            await this.run(['sparse-checkout', 'set', '--no-cone', ...this.patterns]);
            wanted = wanted.flatMap((entry) => linkTarget(this.dir, entry) ?? []);
        }
    }
    async head() {
        return (await this.run(['rev-parse', 'HEAD'])).trim();
    }
    /**
     * Commits the tracked files changed on disk (a change only edits files); undefined when none changed. One git
     * process: `commit --all` stages them, no separate add and diff.
     */
    async commit(message, committer) {
        const identity = {
            GIT_AUTHOR_NAME: committer.name,
            GIT_AUTHOR_EMAIL: committer.email,
            GIT_COMMITTER_NAME: committer.name,
            GIT_COMMITTER_EMAIL: committer.email,
        };
        try {
            await this.run(['commit', '--quiet', '--no-verify', '--all', '--file=-'], message, identity);
        }
        catch (error) {
            if (error instanceof GitError && /^nothing (added )?to commit/m.test(error.stdout))
                return undefined;
            throw error;
        }
        return this.head();
    }
    /**
     * Pushes HEAD to `ref`. 'rejected' when the remote moved on (someone else pushed first): fetch, re-apply,
     * try again. Any other refusal (a hook, protection, permissions, a stale lock) throws at once with the
     * server's reason: trying again would not help.
     */
    async push(ref, force = false) {
        try {
            await this.run(['push', ...(force ? ['--force'] : []), '--', 'origin', `HEAD:refs/heads/${ref}`]);
            return 'pushed';
        }
        catch (error) {
            if (!(error instanceof GitError))
                throw error;
            const said = error.stderr + error.message;
            if (/\[rejected\].*\((fetch first|non-fast-forward|stale info)\)/.test(said))
                return 'rejected';
            // "cannot lock ref" and "failed to update ref" come from a push that lost a race, and also from a lock
            // file left behind on the server or a ref it cannot write: only a ref that moved is a race.
            if (/failed to update ref|cannot lock ref/.test(said) && (await this.remoteMoved(ref)))
                return 'rejected';
            throw new CheckoutError(`push to ${ref} was refused: ${summarisePushError(error.stderr)}`);
        }
    }
    /** Whether `ref` on the remote is no longer the commit this checkout last fetched of it (one ls-remote). */
    async remoteMoved(ref) {
        const known = await this.run(['rev-parse', '--verify', '--quiet', `refs/remotes/origin/${ref}`]).then((sha) => sha.trim(), () => '');
        const remote = (await this.run(['ls-remote', '--', 'origin', `refs/heads/${ref}`])).split(/\s/)[0] ?? '';
        return remote !== known;
    }
    /**
     * Moves to the remote's newest tip of the branch, dropping local commits and changes. When the history was
     * fetched back to a date, this one fetch keeps it there: the commits that landed meanwhile come with the tip,
     * so reading what they record needs no second fetch.
     */
    async refresh() {
        const refspec = `+refs/heads/${this.branch}:refs/remotes/origin/${this.branch}`;
        const since = this.historyFrom;
        try {
            const bound = since ? `--shallow-since=${since.toISOString()}` : '--depth=1';
            await this.run(['fetch', '--quiet', bound, '--', 'origin', refspec]);
        }
        catch (error) {
            // A tip older than the date (clocks that disagree): the tip alone, as without a date.
            if (!since || !(error instanceof GitError))
                throw error;
            await this.run(['fetch', '--quiet', '--depth=1', '--', 'origin', refspec]);
            this.historyFrom = undefined;
        }
        await this.run(['reset', '--quiet', '--hard', `origin/${this.branch}`]);
        this.directories = undefined;
    }
    /** Fetches every commit made since `since` (commits only: no trees, no blobs), unless they are here already. */
    async fetchHistorySince(since) {
        if (this.historyFrom && this.historyFrom.getTime() <= since.getTime())
            return;
        const shallowSince = `--shallow-since=${since.toISOString()}`;
        await this.run(['fetch', '--quiet', '--filter=tree:0', shallowSince, '--', 'origin', this.branch]);
        this.historyFrom = since;
    }
}
/**
 * The remote's variables plus one setting: no automatic maintenance after each command. The checkout lives for
 * one change and is then removed, so git's `maintenance run --auto` after every fetch and commit is wasted.
 */
function checkoutEnvironment(remote) {
    const count = Number(remote.env.GIT_CONFIG_COUNT ?? 0);
    return {
        ...remote.env,
        GIT_CONFIG_COUNT: String(count + 1),
        [`GIT_CONFIG_KEY_${count}`]: 'maintenance.auto',
        [`GIT_CONFIG_VALUE_${count}`]: 'false',
    };
}
function summarisePushError(stderr) {
    const lines = stderr
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean);
    const remote = lines.filter((line) => line.startsWith('remote:')).map((line) => line.replace(/^remote:\s*/, ''));
    const rejected = lines.find((line) => line.includes('[remote rejected]') || line.includes('[rejected]'));
    return [...remote, rejected].filter(Boolean).join('; ') || lines.at(-1) || 'unknown reason';
}
/** Links followed from one included file to the next, at most. */
const maxLinkDepth = 8;
/**
 * A repository path as a sparse-checkout pattern that matches exactly that path: gitignore syntax would read
 * `*`, `?`, `[`, a backslash and trailing blanks as pattern syntax, so each is escaped (`web[blue].yaml` is a
 * file name, not a character class).
 */
function sparsePattern(entry) {
    const escaped = entry
        .replace(/^\/+/, '')
        .replace(/[\\*?[\]!#]/g, (c) => `\\${c}`)
        .replace(/ +$/, (blanks) => blanks.replace(/ /g, '\\ '));
    return `/${escaped}`;
}
/** Where a checked-out symbolic link points, as a repository path; undefined for anything else or outside. */
function linkTarget(dir, entry) {
    const file = external_node_path_.join(dir, entry);
    const stats = (0,external_node_fs_.lstatSync)(file, { throwIfNoEntry: false });
    if (!stats?.isSymbolicLink())
        return undefined;
    const target = external_node_path_.posix.normalize(external_node_path_.posix.join(external_node_path_.posix.dirname(entry), (0,external_node_fs_.readlinkSync)(file)));
    // A link out of the repository is not followed here; reading the file refuses it with its reason.
    return external_node_path_.posix.isAbsolute(target) || target.startsWith('../') || target === '..' ? undefined : target;
}

;// CONCATENATED MODULE: ./packages/git/src/history.ts
const fieldSeparator = '\x1f';
const recordSeparator = '\x1e';
/** Commits reachable from HEAD that are already fetched, newest first. */
async function readHistory(checkout, limit) {
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
            .map((line) => {
            const colon = line.indexOf(':');
            return [line.slice(0, colon).trim(), line.slice(colon + 1).trim()];
        });
        return { sha, committedAt, subject, trailers };
    });
}
/**
 * History read once for many questions (one per app, or a rollback's two): deepened step by step (1, 32, 128, …
 * commits, commits only) as far as the questions need, up to `maxCommits`.
 */
class HistoryReader {
    checkout;
    maxCommits;
    commits;
    depth = 1;
    constructor(checkout, maxCommits = 2048) {
        this.checkout = checkout;
        this.maxCommits = maxCommits;
    }
    /** The newest commit that `matches`; undefined when none is found within `maxCommits`. */
    async find(matches) {
        for (let round = 0; round < 12; round++) {
            this.commits ??= await readHistory(this.checkout, this.depth);
            const found = this.commits.find(matches);
            if (found || this.commits.length < this.depth || this.depth >= this.maxCommits)
                return found;
            const next = Math.min(this.depth === 1 ? 32 : this.depth * 4, this.maxCommits);
            const deepen = `--deepen=${next - this.depth}`;
            await this.checkout.run(['fetch', '--quiet', '--filter=tree:0', deepen, '--', 'origin', this.checkout.branch]);
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
async function historySince(checkout, since) {
    // The tip is already here: when it is older than \`since\`, nothing was committed after it (and asking the
    // server for commits since then would be an error).
    const [tip] = await readHistory(checkout, 1);
    if (!tip || Date.parse(tip.committedAt) < since.getTime())
        return [];
    await checkout.fetchHistorySince(since);
    const commits = await readHistory(checkout, 100_000);
    return commits.filter((commit) => Date.parse(commit.committedAt) >= since.getTime());
}

;// CONCATENATED MODULE: ./packages/git/src/index.ts
// Git for config repositories: sparse clones, commits with trailers, pushes that tell a race from a refusal.






/***/ }),

/***/ 2613:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("assert");

/***/ }),

/***/ 181:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("buffer");

/***/ }),

/***/ 5317:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("child_process");

/***/ }),

/***/ 6982:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("crypto");

/***/ }),

/***/ 4434:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("events");

/***/ }),

/***/ 9896:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");

/***/ }),

/***/ 8611:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("http");

/***/ }),

/***/ 5692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("https");

/***/ }),

/***/ 9278:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("net");

/***/ }),

/***/ 4589:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:assert");

/***/ }),

/***/ 6698:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:async_hooks");

/***/ }),

/***/ 4573:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:buffer");

/***/ }),

/***/ 1421:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");

/***/ }),

/***/ 7540:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:console");

/***/ }),

/***/ 7598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 3053:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:diagnostics_channel");

/***/ }),

/***/ 610:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:dns");

/***/ }),

/***/ 8474:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:events");

/***/ }),

/***/ 3024:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");

/***/ }),

/***/ 1455:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");

/***/ }),

/***/ 7067:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");

/***/ }),

/***/ 2467:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http2");

/***/ }),

/***/ 4708:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:https");

/***/ }),

/***/ 7030:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:net");

/***/ }),

/***/ 8161:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");

/***/ }),

/***/ 6760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

/***/ }),

/***/ 643:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:perf_hooks");

/***/ }),

/***/ 1792:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:querystring");

/***/ }),

/***/ 7075:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");

/***/ }),

/***/ 6466:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream/promises");

/***/ }),

/***/ 1692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:tls");

/***/ }),

/***/ 3136:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");

/***/ }),

/***/ 7975:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");

/***/ }),

/***/ 3429:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util/types");

/***/ }),

/***/ 5919:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");

/***/ }),

/***/ 8522:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib");

/***/ }),

/***/ 857:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("os");

/***/ }),

/***/ 6928:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("path");

/***/ }),

/***/ 932:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("process");

/***/ }),

/***/ 3193:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("string_decoder");

/***/ }),

/***/ 3557:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("timers");

/***/ }),

/***/ 4756:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tls");

/***/ }),

/***/ 9023:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util");

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId].call(module.exports, module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".index.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(8692);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
