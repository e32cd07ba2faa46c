import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 81841:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _gitops_action_kit_early_clone__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(71466);
// Entry of the deploy action (bundled into dist/deploy/index.js). The clone of the config repository starts
// first; the engine loads while git works (see early-clone.ts in the action kit).

const early = _gitops_action_kit_early_clone__WEBPACK_IMPORTED_MODULE_0__/* .EarlyClone */ .f.start(process.env, 'gitops-deploy-');
const { runAction } = await Promise.all(/* import() */[__nccwpck_require__.e(10), __nccwpck_require__.e(386)]).then(__nccwpck_require__.bind(__nccwpck_require__, 44386));
const { run } = await Promise.all(/* import() */[__nccwpck_require__.e(10), __nccwpck_require__.e(824), __nccwpck_require__.e(786)]).then(__nccwpck_require__.bind(__nccwpck_require__, 39786));
await runAction('gitops deploy', () => (0,_gitops_action_kit_early_clone__WEBPACK_IMPORTED_MODULE_0__/* .withEarlyClone */ .n)(early, run));

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 71466:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   f: () => (/* binding */ EarlyClone),
/* harmony export */   n: () => (/* binding */ withEarlyClone)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(48161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_os__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _gitops_git__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(2439);
// Starts the clone of the config repository before the rest of an action is loaded. Evaluating the engine and
// @actions/core takes ~90 ms, half of a clone on a fast network: the two overlap instead of adding up. This
// module imports nothing heavy (the action's entry imports it alone, then the rest). It reads the three inputs
// a clone needs (repository, branch, token) straight from the environment, as @actions/core does, and starts
// only when they are usable; otherwise the action clones as before, with its own checks and messages.




class EarlyClone {
    remote;
    branch;
    clone;
    abort;
    claimed = false;
    constructor(remote, branch, clone, abort) {
        this.remote = remote;
        this.branch = branch;
        this.clone = clone;
        this.abort = abort;
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
        // The action's own budget for a host that is down or silent, when it is a usable number.
        const timeout = input('git-timeout') ?? '60';
        const seconds = /^\d+$/.test(timeout) ? Number(timeout) : 0;
        if (seconds < 1 || seconds > 3600)
            return undefined;
        const remote = (0,_gitops_git__WEBPACK_IMPORTED_MODULE_3__/* .resolveRemote */ .Lb)(repository, env.GITHUB_SERVER_URL ?? 'https://github.com', token, {
            budgetMs: seconds * 1000,
            onRetry: (message) => process.stdout.write(`${message}${node_os__WEBPACK_IMPORTED_MODULE_1__.EOL}`),
        });
        if ((0,_gitops_git__WEBPACK_IMPORTED_MODULE_3__/* .needsToken */ .pD)(remote.url) && !token)
            return undefined;
        const branch = input('branch');
        const workdir = node_path__WEBPACK_IMPORTED_MODULE_2__.join((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.mkdtempSync)(node_path__WEBPACK_IMPORTED_MODULE_2__.join(env.RUNNER_TEMP ?? (0,node_os__WEBPACK_IMPORTED_MODULE_1__.tmpdir)(), prefix)), 'config');
        const abort = new AbortController();
        const checkout = _gitops_git__WEBPACK_IMPORTED_MODULE_3__/* .ConfigCheckout */ .DY.clone(remote, workdir, branch, abort.signal);
        // Whoever claims the clone sees its failure; a clone nobody claims is no unhandled rejection.
        checkout.catch(() => undefined);
        return new EarlyClone(remote, branch, { workdir, checkout }, abort);
    }
    /**
     * The clone, when it is the one the action's own reading of its inputs asks for (same URL, branch and
     * credentials); handed over once. Otherwise undefined, and the clone is removed.
     */
    async claim(remote, branch) {
        const same = this.remote.url === remote.url &&
            this.branch === branch &&
            this.remote.patience.budgetMs === remote.patience.budgetMs &&
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
        // Nobody will use it: stop git (and its retries of a host that is down) rather than wait for it.
        this.abort.abort();
        await this.clone.checkout.catch(() => undefined);
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.rmSync)(this.clone.workdir, { recursive: true, force: true, maxRetries: 5 });
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

/***/ 74035:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  yo: () => (/* reexport */ UserError),
  qF: () => (/* reexport */ annotationTitle),
  Yl: () => (/* reexport */ asUserError),
  UK: () => (/* reexport */ errnoCode),
  T4: () => (/* reexport */ knownCause),
  Br: () => (/* reexport */ problemMessage),
  Rq: () => (/* reexport */ userMessage)
});

// UNUSED EXPORTS: exitCodeOf

;// CONCATENATED MODULE: ./packages/errors/src/causes.ts
// One table of the causes a git host, the GitHub API or a registry gives for failing, and what each means to
// the user: whether trying again can help (a host with a bad minute) and what to do otherwise. Every client
// (git, Octokit, the registry client) classifies through it, so the same situation reads the same everywhere.
// Order matters: the first row that matches wins (a 403 that says "rate limit" is a rate limit).
const rows = [
    {
        kind: 'disk-full',
        transient: false,
        advice: 'free space on the runner (RUNNER_TEMP and the workspace) or use a larger runner',
        codes: ['ENOSPC', 'EDQUOT'],
        text: /No space left on device|ENOSPC|Disk quota exceeded/i,
    },
    {
        kind: 'actions-pull-requests',
        transient: false,
        advice: 'allow it in the repository (or organization) settings: Actions > General > Workflow permissions > ' +
            '"Allow GitHub Actions to create and approve pull requests", or use a GitHub App token',
        text: /GitHub Actions is not permitted to (create|approve)/i,
    },
    {
        kind: 'rate-limit',
        transient: false,
        advice: 'wait for the limit to reset, or use a GitHub App token, whose limit is higher',
        text: /rate limit/i,
    },
    {
        kind: 'rate-limit',
        transient: true,
        advice: '',
        status: (status) => status === 429,
        text: /returned error: 429|429 Too Many Requests/,
    },
    {
        kind: 'authentication',
        transient: false,
        advice: 'check that the credentials (token, password or key) are set, current and meant for this host',
        status: (status) => status === 401,
        text: /Authentication failed|terminal prompts disabled|could not read (Username|Password)|returned error: 401|Permission denied \(publickey|Bad credentials|Invalid username or (password|token)/i,
    },
    {
        kind: 'permission',
        transient: false,
        advice: 'give the token the permission it needs (contents: write to push, pull-requests: write for pull requests)',
        status: (status) => status === 403,
        text: /returned error: 403|Permission to \S+ denied|Resource not accessible by (integration|personal access token)|Write access to repository not granted/i,
    },
    {
        kind: 'missing',
        transient: false,
        advice: 'check the name; a private repository also reads as missing to credentials that cannot see it',
        status: (status) => status === 404,
        text: /Repository not found|repository '[^']*' (does not exist|not found)|does not appear to be a git repository|returned error: 404|No such repository|repository not exported/i,
    },
    {
        kind: 'unknown-host',
        transient: false,
        advice: 'check the host name',
        codes: ['ENOTFOUND'],
        text: /Could not resolve host|Name or service not known|Temporary failure in name resolution|unable to look up/i,
    },
    {
        kind: 'transport',
        transient: false,
        advice: 'use an https, ssh, git or file URL',
        text: /transport '[^']*' not allowed|Unable to find remote helper|unsupported URL protocol|Protocol "[^"]*" not supported/i,
    },
    {
        kind: 'unreachable',
        transient: true,
        advice: '',
        codes: ['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'EAI_AGAIN'],
        text: /Connection refused|Connection reset|Failed to connect|Couldn't connect|No route to host|Network is unreachable|The remote end hung up unexpectedly|early EOF|unexpected disconnect|RPC failed|SSL_ERROR_SYSCALL|Broken pipe|gnutls_handshake\(\) failed/i,
    },
    {
        kind: 'timeout',
        transient: true,
        advice: '',
        codes: ['ETIMEDOUT', 'ESOCKETTIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT'],
        text: /timed out|Operation too slow|no answer for \d+ s/i,
    },
    {
        kind: 'server-error',
        transient: true,
        advice: '',
        status: (status) => status >= 500 && status <= 599,
        text: /returned error: 5\d\d|\b50[234] (Bad Gateway|Service Unavailable|Gateway Time-?out)/i,
    },
];
/** The known cause of a failure, or undefined when the table does not know it. */
function knownCause(failure) {
    const row = rows.find((candidate) => (failure.code !== undefined && candidate.codes?.includes(failure.code)) ||
        (failure.status !== undefined && candidate.status?.(failure.status)) ||
        (failure.text !== undefined && candidate.text?.test(failure.text)));
    if (!row)
        return undefined;
    return { kind: row.kind, transient: row.transient, advice: row.advice };
}
/** The errno code of a Node error or of the error it wraps (fetch wraps the socket's). */
function errnoCode(error) {
    for (let current = error, depth = 0; current && depth < 4; depth++) {
        const code = current.code;
        if (typeof code === 'string')
            return code;
        current = current.cause;
    }
    return undefined;
}

;// CONCATENATED MODULE: ./packages/errors/src/user-error.ts

/** A problem's line as reports show it after its location: `key: message`. */
function problemMessage(problem) {
    return problem.key ? `${problem.key}: ${problem.message}` : problem.message;
}
class UserError extends Error {
    name = 'UserError';
    kind;
    subject;
    where;
    problems;
    problemsIn;
    constructor(message, options = {}) {
        super(message, options.cause === undefined ? undefined : { cause: options.cause });
        this.subject = options.subject;
        this.where = options.where;
        this.problems = options.problems ?? [];
        this.problemsIn = options.problemsIn ?? 'the input';
        this.kind = options.kind ?? (this.problems.length > 0 ? 'config' : 'environment');
    }
    /** Marks the error as a mistake in how the value `subject` was given (a flag's or an input's value). */
    asUsage(subject) {
        this.kind = 'usage';
        if (subject !== undefined)
            this.about(subject);
        return this;
    }
    /** Names the value this error is about, unless it names one already (the closest caller knows best). */
    about(subject) {
        this.subject ??= subject;
        return this;
    }
}
/**
 * The message as a caller shows it: the subject in the caller's own words first (`input image`, `--image`).
 * `name` maps an engine word to the caller's; returning undefined leaves the engine word.
 */
function userMessage(error, name) {
    if (error.subject === undefined)
        return error.message;
    return `${name(error.subject) ?? error.subject}: ${error.message}`;
}
/**
 * The error as a user error: itself when it is one; a failure of the machine the user can fix (a full disk) as
 * one line with what to do; undefined for a bug.
 */
function asUserError(error) {
    if (error instanceof UserError)
        return error;
    const code = errnoCode(error);
    const known = code ? knownCause({ code }) : undefined;
    if (known?.kind !== 'disk-full')
        return undefined;
    return new UserError(`${error.message} (${known.advice})`, { cause: error });
}
/** The exit code a command ends with: 2 for how it was called (with a pointer to its help), 1 for the rest. */
function exitCodeOf(error) {
    return error.kind === 'usage' ? 2 : 1;
}
/** The title a problem's annotation goes under: gitops.yaml for the configuration's, else the caller's name. */
function annotationTitle(error, caller) {
    return error.problemsIn === 'the configuration' ? 'gitops.yaml' : caller;
}

;// CONCATENATED MODULE: ./packages/errors/src/index.ts
// User errors and the causes of failures outside: what every layer throws and every caller reports.




/***/ }),

/***/ 2439:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  DY: () => (/* reexport */ ConfigCheckout),
  qq: () => (/* reexport */ HistoryReader),
  X_: () => (/* reexport */ defaultBudgetMs),
  Wd: () => (/* reexport */ fileAt),
  nF: () => (/* reexport */ fileAtProblem),
  H2: () => (/* reexport */ historySince),
  pD: () => (/* reexport */ needsToken),
  aZ: () => (/* reexport */ parseIdentity),
  Fe: () => (/* reexport */ readCommits),
  n6: () => (/* reexport */ readRefs),
  i: () => (/* reexport */ recentCommits),
  Lb: () => (/* reexport */ resolveRemote),
  Lq: () => (/* reexport */ sshSigningKey),
  uv: () => (/* reexport */ trailerValues)
});

// UNUSED EXPORTS: eachLogged, git, readHistory, workingCopy

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(73024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(76760);
// EXTERNAL MODULE: ./packages/errors/src/index.ts + 2 modules
var src = __nccwpck_require__(74035);
;// CONCATENATED MODULE: ./packages/git/src/git-config-env.ts
// Settings handed to git through the environment (GIT_CONFIG_COUNT, GIT_CONFIG_KEY_n, GIT_CONFIG_VALUE_n), added
// after the ones already there rather than over them.
/**
 * `env` with `entries` added as GIT_CONFIG_KEY_n/VALUE_n after the settings already there: those of `env`, else
 * those the process carries. A runner's or user's own settings given this way (a `url.<base>.insteadOf`, a proxy)
 * stay in force beside ours instead of being overwritten at index 0.
 */
function withGitConfig(env, entries, inherited = process.env) {
    const given = env.GIT_CONFIG_COUNT ?? inherited.GIT_CONFIG_COUNT ?? '0';
    // A count that is not a small number is git's error to report; ours start after nothing then.
    const count = /^\d{1,4}$/.test(given) ? Number(given) : 0;
    const added = { GIT_CONFIG_COUNT: String(count + entries.length) };
    for (const [index, [key, value]] of entries.entries()) {
        added[`GIT_CONFIG_KEY_${count + index}`] = key;
        added[`GIT_CONFIG_VALUE_${count + index}`] = value;
    }
    return { ...env, ...added };
}

;// CONCATENATED MODULE: ./packages/git/src/checkout-env.ts
// How git runs in the throwaway clone, and how its failures read: the environment it gets, what a command was
// doing when it failed, and a refused push's reason.

/**
 * The remote's variables plus one setting: no automatic maintenance after each command. The checkout lives for
 * one change and is then removed, so git's `maintenance run --auto` after every fetch and commit is wasted.
 */
function checkoutEnvironment(remote) {
    return withGitConfig(remote.env, [['maintenance.auto', 'false']]);
}
/** What a git command in the clone does, as its failure's message starts. */
function doing(args, display) {
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
function summarisePushError(stderr) {
    const lines = stderr
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean);
    const remote = lines.filter((line) => line.startsWith('remote:')).map((line) => line.replace(/^remote:\s*/, ''));
    const rejected = lines.find((line) => line.includes('[remote rejected]') || line.includes('[rejected]'));
    return [...remote, rejected].filter(Boolean).join('; ') || lines.at(-1) || 'unknown reason';
}

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __nccwpck_require__(31421);
;// CONCATENATED MODULE: ./packages/git/src/redact.ts
// What git says, made safe to show: credentials in URLs and known secrets removed. Shared by the runner of git
// (every message it shows) and the remote (the address it shows).
/** The URL (or any text holding URLs) with every `scheme://userinfo@` and scp-like `user@host:` user removed. */
function withoutUserinfo(text) {
    return text
        .replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^/?#@\s]*@/gi, '$1')
        .replace(/^[^/@:\s]+(?::[^/@\s]*)?@(?=[^/:\s]+:)/, '');
}
/** The text with every secret replaced by *** and every URL's userinfo removed. */
function redact(text, secrets = []) {
    let result = withoutUserinfo(text);
    for (const secret of secrets)
        if (secret)
            result = result.replaceAll(secret, '***');
    return result;
}

;// CONCATENATED MODULE: ./packages/git/src/run.ts
// Runs the git binary: arguments as an array (never a shell string), credentials only in the environment,
// every message scrubbed of secrets before it can reach a log. A git that talks to a host is patient within a
// budget: transient failures (a refused or reset connection, a 5xx or 429, silence) are tried again with
// backoff; permanent ones (no such repository, bad credentials) fail at once with git's own reason.



const defaultBudgetMs = 60_000;
/** The longest a single attempt may go without a byte from git before it counts as a silent host. */
const silenceMs = 30_000;
const firstDelayMs = 1_000;
const longestDelayMs = 10_000;
class GitError extends src/* UserError */.yo {
    args;
    stderr;
    exitCode;
    stdout;
    known;
    constructor(message, outcome) {
        super(message);
        this.name = 'GitError';
        this.args = outcome.args;
        this.stderr = outcome.stderr;
        this.exitCode = outcome.exitCode;
        this.stdout = outcome.stdout ?? '';
        this.known = outcome.known;
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
    // The transports a config repository is reached by; `ext::` would run a command, `fd::` read a descriptor.
    GIT_ALLOW_PROTOCOL: 'https:http:ssh:git:file',
};
async function run_git(args, options) {
    const patience = options.patience;
    if (!patience)
        return attempt(args, options, undefined);
    const started = Date.now();
    let delay = firstDelayMs;
    for (let number = 1;; number++) {
        const left = patience.budgetMs - (Date.now() - started);
        try {
            return await attempt(args, options, Math.max(1_000, Math.min(silenceMs, left)));
        }
        catch (error) {
            if (!(error instanceof GitError) || !error.known?.transient || options.signal?.aborted)
                throw error;
            const spent = Date.now() - started;
            const wait = Math.round(delay * (0.5 + Math.random() / 2));
            if (spent + wait >= patience.budgetMs) {
                if (number > 1)
                    error.message += ` (gave up after ${number} attempts in ${Math.round(spent / 1000)} s)`;
                throw error;
            }
            patience.onRetry?.(`${error.message}; trying again in ${(wait / 1000).toFixed(1)} s`);
            await new Promise((resolve) => {
                const timer = setTimeout(resolve, wait);
                options.signal?.addEventListener('abort', () => {
                    clearTimeout(timer);
                    resolve();
                });
            });
            if (options.signal?.aborted)
                throw error;
            options.beforeRetry?.();
            delay = Math.min(delay * 2, longestDelayMs);
        }
    }
}
/** One run of git. `silence`: end the run when git writes nothing for this long (a host that stopped answering). */
function attempt(args, options, silence) {
    return new Promise((resolve, reject) => {
        const child = spawnGit(args, options);
        const stdout = [];
        const stderr = [];
        let silent = false;
        let failedToStart;
        let failedToRead;
        let watchdog;
        const stop = () => {
            signalGroup(child.pid, 'SIGTERM');
            setTimeout(() => signalGroup(child.pid, 'SIGKILL'), 2_000).unref();
        };
        if (options.signal?.aborted)
            stop();
        options.signal?.addEventListener('abort', stop, { once: true });
        const listen = () => {
            if (silence === undefined)
                return;
            clearTimeout(watchdog);
            watchdog = setTimeout(() => {
                silent = true;
                stop();
            }, silence);
        };
        const limit = options.timeoutMs ?? (silence === undefined ? 300_000 : undefined);
        const deadline = limit === undefined ? undefined : setTimeout(stop, limit);
        listen();
        const toOutput = outputSink(options, stdout, (error) => {
            failedToRead = { error };
            stop();
        });
        child.stdout.on('data', (chunk) => {
            toOutput(chunk);
            listen();
        });
        child.stderr.on('data', (chunk) => {
            stderr.push(chunk);
            listen();
        });
        child.on('error', (error) => {
            failedToStart = error;
        });
        child.on('close', (code, signal) => {
            options.signal?.removeEventListener('abort', stop);
            clearTimeout(watchdog);
            clearTimeout(deadline);
            if (failedToRead)
                return reject(failedToRead.error);
            const out = Buffer.concat(stdout).toString('utf8');
            if (code === 0 && !failedToStart)
                return resolve(out);
            const said = Buffer.concat(stderr).toString('utf8');
            reject(gitFailure({ args, options, out, said, code, signal, silent: silent ? silence : undefined, failedToStart }));
        });
        // A git that exits without reading its input closes the pipe; that is not an error of ours.
        child.stdin.on('error', () => { });
        child.stdin.end(options.input ?? '');
    });
}
function spawnGit(args, options) {
    return (0,external_node_child_process_.spawn)('git', [...args], {
        cwd: options.cwd,
        env: { ...process.env, ...baseEnvironment, ...options.env },
        stdio: ['pipe', 'pipe', 'pipe'],
        // Its own process group: stopping git stops the helpers it started too (index-pack, remote helpers), so
        // nothing writes into a folder that is being removed.
        detached: true,
    });
}
/** Where git's output goes: gathered, or handed to onStdout as it comes; a reader that throws (a bug) stops git. */
function outputSink(options, gathered, failed) {
    let broken = false;
    return (chunk) => {
        if (!options.onStdout)
            gathered.push(chunk);
        else if (!broken) {
            try {
                options.onStdout(chunk);
            }
            catch (error) {
                broken = true;
                failed(error);
            }
        }
    };
}
/** The error for a failed run: git's reason in one line, secrets removed, with advice where the cause is known. */
function gitFailure({ args, options, out, said: stderr, code, signal, silent, failedToStart }) {
    const secrets = options.secrets ?? [];
    let said = withoutProgress(stderr);
    if (silent !== undefined)
        said = `${said}\nno answer for ${Math.round(silent / 1000)} s`.trim();
    else if (failedToStart)
        said = `${said}\n${failedToStart.message}`.trim();
    else if (signal)
        said = `${said}\nstopped by ${signal}`.trim();
    const clean = redact(said, secrets);
    const known = (0,src/* knownCause */.T4)({ text: clean, code: failedToStart?.code });
    const doing = options.doing ?? `git ${args[0]}`;
    const advice = known?.advice ? ` (${known.advice})` : '';
    // git words a refused token as a prompt it may not show: say what happened instead.
    const why = /terminal prompts disabled/.test(clean)
        ? 'the host refused the credentials given (or wants some and none were given)'
        : reason(clean);
    const exit = typeof code === 'number' ? code : null;
    const outcome = { args, stderr: clean, exitCode: exit, stdout: redact(out, secrets), known };
    return new GitError(`${doing}: ${why}${advice}`, outcome);
}
/** Sends a signal to a process group, if it is still there. */
function signalGroup(pid, signal) {
    if (pid === undefined)
        return;
    try {
        process.kill(-pid, signal);
    }
    catch {
        // gone already
    }
}
/** Progress lines (`Receiving objects: 45% …`, carriage-return updates) are noise in a failure's reason. */
const progressLine = /^Cloning into |^(remote: )?(Enumerating|Counting|Compressing|Receiving|Resolving|Writing|Total|Delta|Unpacking|Updating files|Filtering content|Checking (objects|connectivity))\b/;
function withoutProgress(stderr) {
    return stderr
        .split(/\r\n|\n/)
        .map((line) => line.split('\r').at(-1) ?? '')
        .filter((line) => !progressLine.test(line.trim()))
        .join('\n')
        .trim();
}
/** git's reason in one line: its own words, without the `fatal:` and `error:` prefixes or hints. */
function reason(stderr) {
    const lines = stderr
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== '' && !line.startsWith('hint:'))
        .map((line) => line.replace(/^(fatal|error): /, ''));
    if (lines.length === 0)
        return 'git gave no reason';
    return lines.reduce((text, line) => (text === '' ? line : text.endsWith(':') ? `${text} ${line}` : `${text}; ${line}`), '');
}

;// CONCATENATED MODULE: ./packages/git/src/default-branch.ts
// The default branch a clone took, checked: a repository whose HEAD names a branch it does not have clones with
// nothing checked out, and git's own words for that later ("Not a valid object name HEAD") name nothing to do.



/**
 * The branch a clone without one took: the remote's default. In one git process, which names the branch and fails
 * when it has no commit. A repository whose HEAD names a branch it does not have (a bare repository made with
 * another default branch name, say) clones with nothing checked out: that is said, with the branches it has,
 * before anything reads HEAD.
 */
async function defaultBranch(dir, remote) {
    // The full name: --abbrev-ref would say heads/main where a tag is called main too.
    const named = await run_git(['rev-parse', '--symbolic-full-name', 'HEAD'], { cwd: dir }).then((output) => output.trim(), () => undefined);
    if (named?.startsWith('refs/heads/'))
        return named.slice('refs/heads/'.length);
    const target = (await run_git(['symbolic-ref', '--short', 'HEAD'], { cwd: dir })).trim();
    const listed = await run_git(['ls-remote', '--heads', '--', 'origin'], {
        cwd: dir,
        env: checkoutEnvironment(remote),
        secrets: remote.secrets,
        patience: remote.patience,
        doing: `listing the branches of ${remote.display}`,
    });
    const branches = listed
        .split('\n')
        .map((line) => line.split('\t')[1]?.replace(/^refs\/heads\//, ''))
        .filter((name) => Boolean(name));
    throw new src/* UserError */.yo(branches.length === 0
        ? `${remote.display} has no branches yet: push a first commit (with gitops.yaml) to it`
        : `${remote.display} names "${target}" as its default branch (HEAD), which it does not have; it has ${branches.map((name) => `"${name}"`).join(', ')}: name one in the branch input`, { subject: 'branch' });
}

;// CONCATENATED MODULE: ./packages/git/src/identity.ts
// Who makes a commit: an identity as "Name <email>" gives it, and the variables git reads it from.
/** `Name <email>` as git writes identities; undefined when the text is not of that form. */
function parseIdentity(text) {
    const match = /^(.+?)\s*<([^<>\s]+@[^<>\s]+)>$/.exec(text.trim());
    return match?.[1] && match[2] ? { name: match[1], email: match[2] } : undefined;
}
/** The variables git takes the author (with its date, when given) and the committer of a new commit from. */
function identityVariables(author, committer) {
    return {
        GIT_AUTHOR_NAME: author.name,
        GIT_AUTHOR_EMAIL: author.email,
        ...(author.date ? { GIT_AUTHOR_DATE: author.date } : {}),
        GIT_COMMITTER_NAME: committer.name,
        GIT_COMMITTER_EMAIL: committer.email,
    };
}

;// CONCATENATED MODULE: ./packages/git/src/fast-import.ts
// Commits for `git fast-import`: the stream that adds any number of commits on top of a parent in one process,
// each with whole new contents of the files it changes (ConfigCheckout.appendCommits).


/**
 * The fast-import stream of `commits` on `parent`, on `branch`, each file written with the mode it has at HEAD
 * (`modes`); the marks of the new commits are asked for at the end, in order.
 */
function fastImportStream(input) {
    const { branch, parent, commits, modes } = input;
    const chunks = [];
    const data = (text) => `data ${Buffer.byteLength(text)}\n${text}\n`;
    commits.forEach((commit, index) => {
        chunks.push(`commit refs/heads/${branch}\n`, `mark :${index + 1}\n`, `author ${commit.author.name} <${commit.author.email}> ${rawDate(commit.author.date)}\n`, `committer ${commit.committer.name} <${commit.committer.email}> ${rawDate(undefined)}\n`, data(commit.message));
        if (index === 0)
            chunks.push(`from ${parent}\n`);
        for (const file of commit.files) {
            const mode = modes.get(file.path);
            if (mode !== '100644' && mode !== '100755')
                throw new src/* UserError */.yo(`${file.path} is not a regular file tracked at HEAD; cannot commit it here`);
            chunks.push(`M ${mode} inline ${quotePath(file.path)}\n`, data(file.content));
        }
    });
    commits.forEach((_, index) => {
        chunks.push(`get-mark :${index + 1}\n`);
    });
    chunks.push('done\n');
    return chunks.join('');
}
/** A date as fast-import reads it (`<seconds> <+hhmm>`); now when none is given. */
function rawDate(iso) {
    const time = iso === undefined ? Number.NaN : Date.parse(iso);
    const seconds = Math.floor((Number.isFinite(time) ? time : Date.now()) / 1000);
    const zone = iso && /([+-])(\d\d):?(\d\d)$/.exec(iso);
    return `${seconds} ${zone ? `${zone[1]}${zone[2]}${zone[3]}` : '+0000'}`;
}
/** A path as fast-import reads it: C-style quoted when it could be misread. */
function quotePath(file) {
    if (!/["\\\n]/.test(file) && !file.startsWith('"'))
        return file;
    return `"${file.replace(/["\\]/g, (c) => `\\${c}`).replace(/\n/g, '\\n')}"`;
}
/**
 * The commits fast-import made (`made`, from `commits`) made again, signed, each on the one before: fast-import
 * cannot sign. Same trees, messages, authors and dates. The branch moves to the last.
 */
async function signChain(input) {
    const { run, commits } = input;
    const trees = (await run(['rev-parse', ...input.made.map((commit) => `${commit}^{tree}`)])).split('\n');
    const signed = [];
    let onto = input.parent;
    for (const [index, commit] of commits.entries()) {
        const variables = identityVariables(commit.author, commit.committer);
        const tree = trees[index]?.trim() ?? '';
        onto = (await run(['commit-tree', '-S', tree, '-p', onto, '-F', '-'], commit.message, variables)).trim();
        signed.push(onto);
    }
    if (signed.length > 0)
        await run(['update-ref', `refs/heads/${input.branch}`, onto]);
    return signed;
}

;// CONCATENATED MODULE: ./packages/git/src/git-output.ts
// Reading what git prints for the checkout's batch commands: `cat-file --batch` and `ls-tree -z`.
/**
 * The text of each object `git cat-file --batch` printed, in the order asked (`count` of them); undefined for one
 * that is missing or not a blob. Sizes are in bytes: the text (UTF-8, as config files are) is measured as bytes.
 */
function parseBlobBatch(printed, count) {
    const output = Buffer.from(printed, 'utf8');
    const texts = [];
    let offset = 0;
    for (let index = 0; index < count; index++) {
        const end = output.indexOf(10, offset);
        if (end < 0)
            break;
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
/** The mode of each blob `git ls-tree -z` listed, by path. */
function parseTreeModes(printed) {
    const modes = new Map();
    for (const entry of printed.split('\0')) {
        const match = /^(\d+) blob [0-9a-f]+\t(.*)$/s.exec(entry);
        if (match?.[1] && match[2] !== undefined)
            modes.set(match[2], match[1]);
    }
    return modes;
}

;// CONCATENATED MODULE: ./packages/git/src/revisions.ts
// What the branch's history says of other commits, for a checkout: whether a revision a controller reports holds a
// commit, whether files are the same at it, and the commits since a time (for the newer-source rule). Each fetches
// what it needs once.
class Revisions {
    checkout;
    /** How far back the history has been fetched with --shallow-since (a refresh keeps it), if it was. */
    historyFrom;
    /** Commits fetched by id for sameFilesAt, and whether the remote had them. */
    fetchedCommits = new Map();
    /** Answers of includesCommit: the clusters of a fleet's wave ask the same question at once. */
    included = new Map();
    /** The last fetch of the branch's tip: one at a time, as two would race for the tracking ref's lock. */
    tipFetch = Promise.resolve();
    constructor(checkout) {
        this.checkout = checkout;
    }
    /**
     * Whether `revision` (a whole commit, or the first 12 or more of its characters) is `commit` or was made on top
     * of it: a controller on a busy branch may already be at a later commit. Fetches the branch's newest tip, without
     * depth, so every commit since `commit` is here; a revision older than `commit` is then not among them.
     */
    includesCommit(revision, commit) {
        if (commit.startsWith(revision))
            return Promise.resolve(true);
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
    async fetchedIncludes(revision, commit) {
        const tracking = `refs/remotes/origin/${this.checkout.branch}`;
        const fetch = this.tipFetch
            .catch(() => undefined)
            .then(() => this.checkout.run([
            'fetch',
            '--quiet',
            '--filter=tree:0',
            '--',
            'origin',
            `+refs/heads/${this.checkout.branch}:${tracking}`,
        ]));
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
    async sameFilesAt(revision, files) {
        const head = await this.checkout.head();
        if (head.startsWith(revision))
            return true;
        // Only a whole commit id can be fetched; a chart version's 12 characters can only name HEAD.
        if (!/^([0-9a-f]{40}|[0-9a-f]{64})$/.test(revision))
            return false;
        // Fetched even when it may be here (asking whether it is would, in a partial clone, fetch its whole history),
        // but once: every app an Application applies is compared at the same revision.
        let fetching = this.fetchedCommits.get(revision);
        if (!fetching) {
            fetching = this.checkout
                .run(['fetch', '--quiet', '--depth=1', '--filter=blob:none', '--', 'origin', revision])
                .then(() => true, () => false);
            this.fetchedCommits.set(revision, fetching);
        }
        if (!(await fetching))
            return false;
        // -r: without it, a file deep in the tree is compared as its top folder, which differs whenever a sibling does.
        return this.checkout.run(['diff-tree', '-r', '--quiet', revision, 'HEAD', '--', ...files]).then(() => true, (error) => {
            if (error.exitCode === 1)
                return false;
            throw error;
        });
    }
    /** Fetches every commit made since `since` (commits only: no trees, no blobs), unless they are here already. */
    async fetchHistorySince(since) {
        if (this.historyFrom && this.historyFrom.getTime() <= since.getTime())
            return;
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

;// CONCATENATED MODULE: ./packages/git/src/signing.ts
// SSH commit signing (git's gpg.format=ssh) with a key given as text: for hosts other than GitHub, where commits
// made through GitHub's API are not an option. The key goes to a file only git's ssh-keygen reads (mode 0600, in
// the change's own temporary folder, removed with the clone); it is checked before anything is cloned, so a key
// that cannot sign fails at once and names the input, not at the first commit.




/** Folders holding a key, removed if the process is stopped by a signal before it removes them itself. */
const keyFolders = new Set();
let handling = false;
/**
 * A runner cancelling a job sends SIGINT, then SIGTERM, before it kills: `finally` blocks do not run then, so the key
 * folders are removed here, and the process ends as the signal would have ended it (128 + its number).
 */
function removeKeysOnSignal(folder) {
    keyFolders.add(folder);
    if (handling)
        return;
    handling = true;
    for (const [signal, number] of [
        ['SIGINT', 2],
        ['SIGTERM', 15],
    ])
        process.once(signal, () => {
            for (const each of keyFolders)
                (0,external_node_fs_.rmSync)(each, { recursive: true, force: true });
            process.exit(128 + number);
        });
}
/** Writes the key into `folder` and checks that it can sign without a passphrase; returns the key file. */
async function sshSigningKey(key, folder, subject) {
    const file = external_node_path_.join(folder, 'signing-key');
    removeKeysOnSignal(folder);
    // ssh-keygen refuses a key without its final newline, which a secret pasted into a form often lacks.
    (0,external_node_fs_.writeFileSync)(file, `${key.trim()}\n`, { mode: 0o600 });
    (0,external_node_fs_.chmodSync)(file, 0o600);
    const problem = await new Promise((resolve) => {
        // -y prints the public key: it reads the private key as signing will, and -P '' fails on a passphrase.
        (0,external_node_child_process_.execFile)('ssh-keygen', ['-y', '-P', '', '-f', file], { timeout: 30_000 }, (error, _stdout, stderr) => {
            if (!error)
                resolve(undefined);
            else if (error.code === 'ENOENT')
                resolve('needs ssh-keygen (OpenSSH) on PATH to sign commits');
            else if (/passphrase|incorrect/i.test(stderr))
                resolve('is protected by a passphrase; give a key without one');
            else
                resolve('is not an SSH private key (OpenSSH or PEM format)');
        });
    });
    if (problem)
        throw new src/* UserError */.yo(problem, { subject });
    return file;
}
/** What git needs to sign every commit with the key: set in the clone's own config. */
function sshSigningConfig(keyFile) {
    return [
        ['gpg.format', 'ssh'],
        ['user.signingkey', keyFile],
        ['commit.gpgsign', 'true'],
    ];
}

;// CONCATENATED MODULE: ./packages/git/src/sparse-patterns.ts
// The sparse checkout's patterns: a repository path as a pattern that matches exactly it, and the links an
// included file brings along.


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

;// CONCATENATED MODULE: ./packages/git/src/checkout.ts
// A working copy of the config repository with only what a change needs: depth 1, no blobs until a file
// is checked out, and a sparse checkout of gitops.yaml plus the files the change touches.












class ConfigCheckout {
    dir;
    remote;
    branch;
    directories;
    patterns = ['/gitops.yaml'];
    /** Commits are signed (sshSigningConfig is in the clone's config). */
    signing = false;
    /** What the branch's history says of other commits: what a controller applied, what landed since a time. */
    revisions;
    constructor(dir, remote, branch) {
        this.dir = dir;
        this.remote = remote;
        this.branch = branch;
        this.revisions = new Revisions({ run: (args) => this.run(args), head: () => this.head(), branch });
    }
    /**
     * Clones `branch` (default: the remote's default branch) into `dir`, checking out gitops.yaml only. `signal`
     * stops the clone (and its retries) when nobody will use it.
     */
    static async clone(remote, dir, branch, signal) {
        (0,external_node_fs_.mkdirSync)(external_node_path_.dirname(dir), { recursive: true });
        const options = {
            cwd: external_node_path_.dirname(dir),
            env: checkoutEnvironment(remote),
            secrets: remote.secrets,
            patience: remote.patience,
            doing: `cloning ${remote.display}${branch ? ` (branch ${branch})` : ''}`,
            ...(signal ? { signal } : {}),
            // git clone refuses a folder that is not empty: what a cut-off attempt wrote goes before the next.
            beforeRetry: () => (0,external_node_fs_.rmSync)(dir, { recursive: true, force: true, maxRetries: 3 }),
        };
        // Without a branch, clone takes the remote's default branch: no extra round trip to ask for it.
        const branchArgs = branch ? ['--branch', branch] : [];
        try {
            await run_git([
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
            ], options);
        }
        catch (error) {
            if (error instanceof GitError && /Remote branch .* not found/.test(error.stderr)) {
                throw new src/* UserError */.yo(`"${branch}" does not exist in ${remote.display}`, { subject: 'branch' });
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
    run(args, input, env = {}) {
        return run_git(args, {
            cwd: this.dir,
            env: { ...checkoutEnvironment(this.remote), ...env },
            secrets: this.remote.secrets,
            patience: this.remote.patience,
            doing: doing(args, this.remote.display),
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
    /** Signs every commit made from now on with the SSH key in `keyFile` (see signing.ts). */
    async signWith(keyFile) {
        for (const [key, value] of sshSigningConfig(keyFile))
            await this.run(['config', '--local', key, value]);
        this.signing = true;
    }
    async head() {
        return (await this.run(['rev-parse', 'HEAD'])).trim();
    }
    /**
     * Commits the tracked files changed on disk (a change only edits files); undefined when none changed. One git
     * process: `commit --all` stages them, no separate add and diff. `author` (default: the committer) is who asked
     * for the change, with when, for a change carried for another pipeline.
     */
    async commit(message, committer, author = committer) {
        try {
            await this.run(['commit', '--quiet', '--no-verify', '--all', '--file=-'], message, identityVariables(author, committer));
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
     * server's reason: trying again would not help. `also` are more refspecs of the same push (deleting pending
     * changes); with `atomic`, the server applies all of them or none.
     */
    async push(ref, options = {}) {
        const flags = [...(options.force ? ['--force'] : []), ...(options.atomic ? ['--atomic'] : [])];
        try {
            await this.run(['push', ...flags, '--', 'origin', `HEAD:refs/heads/${ref}`, ...(options.also ?? [])]);
            return 'pushed';
        }
        catch (error) {
            // A cause the table knows (no permission, a host that stayed down) says more than the push's summary.
            if (!(error instanceof GitError) || error.known)
                throw error;
            const said = error.stderr + error.message;
            if (/\[rejected\].*\((fetch first|non-fast-forward|stale info)\)/.test(said))
                return 'rejected';
            // "cannot lock ref" and "failed to update ref" come from a push that lost a race, and also from a lock
            // file left behind on the server or a ref it cannot write: only a ref that moved is a race.
            if (/failed to update ref|cannot lock ref|atomic transaction failed/.test(said)) {
                if (await this.remoteMoved(ref))
                    return 'rejected';
                // A ref the push removes was gone already (someone else removed it): what we saw is stale; look again.
                const gone = (options.also ?? []).map((spec) => spec.replace(/^:/, '')).filter((name) => said.includes(name));
                if (gone.length > 0)
                    return 'rejected';
            }
            throw new src/* UserError */.yo(`push to ${ref} was refused: ${summarisePushError(error.stderr)}`);
        }
    }
    /**
     * Makes `commit` the remote's `ref` (a ref outside the branches: a pending change), or removes `ref`. Not
     * published, with the server's reason, when a hook or rule does not allow such refs; a host that cannot be reached still throws.
     */
    async publish(commit, ref) {
        try {
            // No commit: remove the ref.
            await this.run(['push', '--force', '--', 'origin', `${commit ?? ''}:${ref}`]);
            return { published: true };
        }
        catch (error) {
            if (!(error instanceof GitError) || error.known)
                throw error;
            return { published: false, reason: summarisePushError(error.stderr) };
        }
    }
    /** Removes refs of the remote (pending changes that landed), in one push that is not atomic. */
    async removeRemoteRefs(refs) {
        if (refs.length > 0)
            await this.run(['push', '--', 'origin', ...refs.map((ref) => `:${ref}`)]);
    }
    /**
     * A commit of `message` by `author` that no branch will hold: no parent and the empty tree, so fetching it
     * brings nothing else along. Pending changes are such commits: their trailers are all they carry.
     */
    async looseCommit(message, author) {
        const emptyTree = (await this.run(['mktree'], '')).trim();
        const identity = { ...identityVariables(author, author), GIT_COMMITTER_DATE: author.date };
        // commit-tree does not read commit.gpgsign: a pending change is signed when commits are, so others can check it.
        const sign = this.signing ? ['-S'] : [];
        return (await this.run(['commit-tree', ...sign, emptyTree, '-F', '-'], message, identity)).trim();
    }
    /** The path git tracks for `file` of the working tree: where it points when it is a link (as writeChanges writes). */
    trackedPath(file) {
        return external_node_path_.relative((0,external_node_fs_.realpathSync)(this.dir), (0,external_node_fs_.realpathSync)(external_node_path_.join(this.dir, file)))
            .split(external_node_path_.sep)
            .join('/');
    }
    /** The text of each `<commit>:<path>` (one `git cat-file --batch`); undefined for one that does not exist. */
    async readBlobs(objects) {
        if (objects.length === 0)
            return [];
        return parseBlobBatch(await this.run(['cat-file', '--batch'], `${objects.join('\n')}\n`), objects.length);
    }
    /** The remote's refs that match `patterns` (as `git ls-remote` matches them), name to commit: one round trip. */
    async remoteRefs(patterns) {
        const refs = new Map();
        for (const line of (await this.run(['ls-remote', '--', 'origin', ...patterns])).split('\n')) {
            const [sha, name] = line.split('\t');
            if (sha && name)
                refs.set(name.trim(), sha.trim());
        }
        return refs;
    }
    /**
     * Adds commits on top of HEAD in one `git fast-import`, without touching the index or the working tree (which
     * hold the same files already): one process for any number of commits, where `git commit` would write the
     * whole index each time. Every file must be tracked already; its mode is kept. Returns the new commits.
     */
    async appendCommits(commits) {
        if (commits.length === 0)
            return [];
        const files = [...new Set(commits.flatMap((commit) => commit.files.map((file) => file.path)))];
        const modes = parseTreeModes(await this.run(['ls-tree', '-z', 'HEAD', '--', ...files]));
        const parent = await this.head();
        const stream = fastImportStream({ branch: this.branch, parent, commits, modes });
        const output = await this.run(['fast-import', '--quiet', '--done'], stream);
        const made = output
            .split('\n')
            .map((line) => line.trim())
            .filter(Boolean);
        if (!this.signing)
            return made;
        const run = (args, input, env) => this.run(args, input, env);
        return signChain({ run, branch: this.branch, parent, commits, made });
    }
    /** Whether `ref` on the remote is no longer the commit this checkout last fetched of it (one ls-remote). */
    async remoteMoved(ref) {
        const known = await this.run(['rev-parse', '--verify', '--quiet', `refs/remotes/origin/${ref}`]).then((sha) => sha.trim(), () => '');
        const remote = (await this.run(['ls-remote', '--', 'origin', `refs/heads/${ref}`])).split(/\s/)[0] ?? '';
        return remote !== known;
    }
    /**
     * Moves to the remote's newest tip of the branch, dropping local commits and changes. The fetch has no depth:
     * it brings every commit since the ones here (a few, on a busy branch), so the history between stays whole
     * and who landed what in between can be read. With `refs` (a prefix such as `refs/gitops/pending/main/`), the
     * same fetch mirrors the remote's refs under it, forgetting those that are gone.
     */
    async refresh(options = {}) {
        const refspecs = [`+refs/heads/${this.branch}:refs/remotes/origin/${this.branch}`];
        if (options.refs)
            refspecs.push(`+${options.refs}*:${options.refs}*`);
        await this.run(['fetch', '--progress', ...(options.refs ? ['--prune'] : []), '--', 'origin', ...refspecs]);
        await this.run(['reset', '--quiet', '--hard', `origin/${this.branch}`]);
        this.directories = undefined;
    }
    /** Moves the working tree to `commit` (one the branch holds), to read the files as they were there. */
    async resetTo(commit) {
        await this.run(['reset', '--quiet', '--hard', commit]);
        this.directories = undefined;
    }
}

;// CONCATENATED MODULE: ./packages/git/src/records.ts
// Reads what git prints with a format of NUL-ended records: a record's fields are lines (a subject, %s, and an
// unfolded trailer are one line each, whatever control characters they hold), and its trailers come last, one a
// line. git refuses a NUL in a commit message, so no record boundary can be forged.
/** The records of a whole output; git puts a line break between records (for-each-ref after each). */
function records(output, count) {
    const found = [];
    for (const text of output.split('\0')) {
        const record = parseRecord(text, count);
        if (record)
            found.push(record);
    }
    return found;
}
/**
 * Takes git's output a chunk at a time and hands on each record as soon as it is whole, so that a long history is
 * parsed while git still writes it. A chunk may end anywhere: a NUL is one byte that no UTF-8 sequence holds, so
 * the bytes before the last NUL of what came so far always decode whole.
 */
function records_recordStream(count, onRecord) {
    // The bytes since the last NUL, kept as they came: joined once when their record ends, so that a long record
    // over many chunks is not copied again at each one.
    let rest = [];
    const take = (text) => {
        const record = parseRecord(text, count);
        if (record)
            onRecord(record);
    };
    return {
        push(chunk) {
            const last = chunk.lastIndexOf(0);
            if (last === -1) {
                rest.push(chunk);
                return;
            }
            const whole = Buffer.concat([...rest, chunk.subarray(0, last)]);
            rest = [chunk.subarray(last + 1)];
            for (const text of whole.toString('utf8').split('\0'))
                take(text);
        },
        /** What came after the last NUL (nothing, when git ended every record). */
        end() {
            const tail = Buffer.concat(rest);
            rest = [];
            if (tail.length)
                take(tail.toString('utf8'));
        },
    };
}
const blank = /^\s*$/;
/** One record's text: its fields, then `Key: value` lines as git prints them (unfolded); undefined when empty. */
function parseRecord(text, count) {
    if (blank.test(text))
        return undefined;
    let at = text.charCodeAt(0) === 10 ? 1 : 0;
    const fields = [];
    for (let field = 0; field < count && at <= text.length; field++) {
        const end = lineEnd(text, at);
        fields.push(text.slice(at, end));
        at = end + 1;
    }
    const trailers = [];
    while (at < text.length) {
        const end = lineEnd(text, at);
        const colon = text.indexOf(':', at);
        if (colon !== -1 && colon < end)
            trailers.push([text.slice(at, colon).trim(), text.slice(colon + 1, end).trim()]);
        at = end + 1;
    }
    return { fields, trailers };
}
const lineEnd = (text, from) => {
    const end = text.indexOf('\n', from);
    return end === -1 ? text.length : end;
};

;// CONCATENATED MODULE: ./packages/git/src/history.ts


// Records end with NUL and their fields are lines, trailers last (records.ts).
const endOfRecord = '%x00';
const fieldsOf = (fields) => `${fields.join('%n')}%n%(trailers:unfold=true,only=true)${endOfRecord}`;
/** A working copy on disk, read in place (gitops status, gitops metrics): git with a hard limit per run. */
function workingCopy(dir, timeoutMs) {
    const options = { cwd: dir, timeoutMs, doing: `reading the history of ${dir}` };
    return {
        run: (args) => git(args, options),
        stream: async (args, onStdout) => {
            await git(args, { ...options, onStdout });
        },
    };
}
/** Commits reachable from HEAD that are already fetched, newest first. */
async function readHistory(checkout, limit) {
    return logRecords(checkout, [`--max-count=${limit}`, 'HEAD']);
}
/** These commits (already fetched), in the order given. */
function readCommits(checkout, commits) {
    return logRecords(checkout, ['--no-walk=unsorted', ...commits]);
}
async function logRecords(checkout, revisions) {
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
            await this.checkout.run(['fetch', '--progress', '--filter=tree:0', deepen, '--', 'origin', this.checkout.branch]);
            this.depth = next;
            this.commits = undefined;
        }
        return undefined;
    }
}
/** Every commit within `maxCommits` of the tip (all of them in a shorter history), newest first. */
async function recentCommits(checkout, maxCommits) {
    // Deepens the clone step by step, as far as the history goes or maxCommits.
    await new HistoryReader(checkout, maxCommits).find(() => false);
    return readHistory(checkout, maxCommits);
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
    await checkout.revisions.fetchHistorySince(since);
    const commits = await readHistory(checkout, 100_000);
    return commits.filter((commit) => Date.parse(commit.committedAt) >= since.getTime());
}
/**
 * Every commit reachable from HEAD committed at or after `since` (all, without it), newest first, with parents and
 * trailers (one `git log`, no checkout, no tree or blob read), handed on one at a time as git writes it: a long
 * history is parsed while git still runs, and a reader that keeps only what it needs of each commit keeps the
 * memory, and the collector's work, small.
 */
async function eachLogged(repository, since, onCommit) {
    const range = since ? [`--since=${since.toISOString()}`] : [];
    const format = fieldsOf(['%H', '%cI', '%P', '%s']);
    const stream = recordStream(4, ({ fields: [sha = '', committedAt = '', parents = '', subject = ''], trailers }) => onCommit({ sha, committedAt, subject, parents: parents.split(' ').filter(Boolean), trailers }));
    await repository.stream(['log', `--format=${format}`, ...range, 'HEAD', '--'], stream.push);
    stream.end();
}
/** The commits of the refs under `prefix` (`refs/gitops/pending/`) fetched into the clone, in one git process. */
async function readRefs(checkout, prefix) {
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
async function trailerValues(checkout, revision, key) {
    const output = await checkout.run(['log', `--format=${fieldsOf(['%H'])}`, revision, '--']);
    const found = new Map();
    for (const { fields, trailers } of records(output, 1))
        for (const [name, value] of trailers)
            if (name.toLowerCase() === key.toLowerCase() && value && !found.has(value))
                found.set(value, fields[0] ?? '');
    return found;
}

;// CONCATENATED MODULE: ./packages/git/src/objects.ts
/** Files gitops.yaml names are small (keys, trust roots): anything larger is refused before it is read. */
const namedFileLimit = 1024 * 1024;
/**
 * The file at `revision:file`, one `ls-tree` to know what it is, then its blob when it is a regular file (not read
 * again when it is the blob of `known`, a file read before).
 */
async function fileAt(repository, revision, file, known) {
    const listing = await repository.run(['ls-tree', '-l', '-z', '--full-tree', revision, '--', file]);
    // `<mode> <type> <object> <size>\t<path>`; a path that names nothing lists nothing.
    const entry = listing.split('\0').find((line) => line.endsWith(`\t${file}`));
    const [mode = '', , object = '', size = ''] = (entry?.split('\t')[0] ?? '').trim().split(/\s+/);
    if (!entry)
        return { kind: 'missing' };
    if (mode === '120000')
        return { kind: 'link' };
    if (mode !== '100644' && mode !== '100755')
        return { kind: 'folder' };
    if (Number(size) > namedFileLimit)
        return { kind: 'too-large' };
    if (known?.object === object)
        return known;
    return { kind: 'file', text: await repository.run(['cat-file', 'blob', object]), object };
}
/** The reason a named file cannot be used, in words, for the kinds that are not a file. */
function fileAtProblem(kind) {
    switch (kind) {
        case 'link':
            return 'is a symbolic link; name the file itself (links are not followed)';
        case 'missing':
            return 'is not in the repository';
        case 'folder':
            return 'is not a file';
        case 'too-large':
            return `is larger than ${namedFileLimit / 1024} KiB`;
    }
}

;// CONCATENATED MODULE: ./packages/git/src/remote.ts
// Where the config repository is and how to authenticate to it, without the token ever touching a URL,
// an argument list or .git/config.




/** The repository input is unusable as it is written: the message says why. */
class RemoteError extends src/* UserError */.yo {
    constructor(message) {
        super(message, { subject: 'repository' });
    }
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
function resolveRemote(repository, serverUrl, token, patience = { budgetMs: defaultBudgetMs }) {
    const server = serverUrl.replace(/\/+$/, '');
    if (repository.startsWith('-'))
        throw new RemoteError(`"${withoutUserinfo(repository)}" starts with "-", which git would read as an option; refused`);
    let url;
    if (ownerName.test(repository)) {
        url = `${server}/${repository}.git`;
    }
    else {
        url = repository;
        const userinfo = schemeUserinfo.exec(url);
        const http = /^https?:\/\//i.test(url);
        if ((userinfo && (http || userinfo[2]?.includes(':'))) || (!userinfo && scpUserinfo.test(url))) {
            throw new RemoteError(`the URL ${withoutUserinfo(url)} carries credentials; remove them and pass the token on its own`);
        }
    }
    const githubRepository = ownerName.test(repository) ? repository : githubOwnerName(url, server);
    const env = {};
    const secrets = [];
    if (token && needsToken(url)) {
        const header = `AUTHORIZATION: basic ${Buffer.from(`x-access-token:${token}`).toString('base64')}`;
        const origin = new URL(url).origin;
        Object.assign(env, withGitConfig({}, [[`http.${origin}/.extraheader`, header]]));
        secrets.push(token, header, Buffer.from(`x-access-token:${token}`).toString('base64'));
    }
    return { url, display: withoutUserinfo(url), githubRepository, env, secrets, patience };
}
/**
 * `owner/name` when `url` is a repository on the GitHub server `server` (github.com, or a GHES host from
 * GITHUB_SERVER_URL), in any form git takes: https (any port the server has), ssh://[user@]host[:port]/,
 * scp-like `user@host:owner/name`, the host in any letter case, with or without `.git` and a trailing slash.
 */
function githubOwnerName(url, server) {
    let host;
    try {
        host = new URL(server).hostname.toLowerCase();
    }
    catch {
        return undefined;
    }
    const path = repositoryPath(url, host);
    if (path === undefined)
        return undefined;
    const rest = path.replace(/\/+$/, '').replace(/\.git$/i, '');
    return ownerName.test(rest) ? rest : undefined;
}
/** The path of `url` on `host` (without the leading slash), or undefined when `url` is on another host. */
function repositoryPath(url, host) {
    const scp = /^(?:[^@/:]+@)?([^@/:]+):(?!\/\/)(.+)$/.exec(url);
    if (scp && !/^[a-z][a-z0-9+.-]*:\/\//i.test(url))
        return scp[1]?.toLowerCase() === host ? scp[2] : undefined;
    let parsed;
    try {
        parsed = new URL(url);
    }
    catch {
        return undefined;
    }
    if (!/^(https?|ssh|git\+ssh|ssh\+git):$/i.test(parsed.protocol) || parsed.hostname.toLowerCase() !== host)
        return undefined;
    return decodeURIComponent(parsed.pathname.replace(/^\/+/, ''));
}
function needsToken(url) {
    return /^https?:\/\//i.test(url);
}

;// CONCATENATED MODULE: ./packages/git/src/index.ts
// Git for config repositories: sparse clones, commits with trailers, pushes that tell a race from a refusal.









/***/ }),

/***/ 42613:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("assert");

/***/ }),

/***/ 20181:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("buffer");

/***/ }),

/***/ 35317:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("child_process");

/***/ }),

/***/ 76982:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("crypto");

/***/ }),

/***/ 72250:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("dns");

/***/ }),

/***/ 24434:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("events");

/***/ }),

/***/ 79896:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");

/***/ }),

/***/ 91943:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs/promises");

/***/ }),

/***/ 58611:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("http");

/***/ }),

/***/ 65692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("https");

/***/ }),

/***/ 69278:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("net");

/***/ }),

/***/ 34589:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:assert");

/***/ }),

/***/ 16698:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:async_hooks");

/***/ }),

/***/ 4573:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:buffer");

/***/ }),

/***/ 31421:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");

/***/ }),

/***/ 37540:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:console");

/***/ }),

/***/ 77598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 53053:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:diagnostics_channel");

/***/ }),

/***/ 40610:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:dns");

/***/ }),

/***/ 78474:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:events");

/***/ }),

/***/ 73024:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");

/***/ }),

/***/ 51455:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");

/***/ }),

/***/ 37067:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");

/***/ }),

/***/ 32467:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http2");

/***/ }),

/***/ 44708:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:https");

/***/ }),

/***/ 77030:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:net");

/***/ }),

/***/ 48161:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");

/***/ }),

/***/ 76760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

/***/ }),

/***/ 643:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:perf_hooks");

/***/ }),

/***/ 41792:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:querystring");

/***/ }),

/***/ 80481:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:readline");

/***/ }),

/***/ 57075:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");

/***/ }),

/***/ 46466:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream/promises");

/***/ }),

/***/ 46193:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:string_decoder");

/***/ }),

/***/ 41692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:tls");

/***/ }),

/***/ 73136:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");

/***/ }),

/***/ 57975:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");

/***/ }),

/***/ 73429:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util/types");

/***/ }),

/***/ 75919:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");

/***/ }),

/***/ 38522:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib");

/***/ }),

/***/ 70857:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("os");

/***/ }),

/***/ 16928:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("path");

/***/ }),

/***/ 932:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("process");

/***/ }),

/***/ 24876:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("punycode");

/***/ }),

/***/ 83480:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("querystring");

/***/ }),

/***/ 2203:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("stream");

/***/ }),

/***/ 13193:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("string_decoder");

/***/ }),

/***/ 53557:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("timers");

/***/ }),

/***/ 16460:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("timers/promises");

/***/ }),

/***/ 64756:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tls");

/***/ }),

/***/ 52018:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tty");

/***/ }),

/***/ 87016:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("url");

/***/ }),

/***/ 39023:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util");

/***/ }),

/***/ 69154:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("vm");

/***/ }),

/***/ 43106:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("zlib");

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
/******/ /* webpack/runtime/create fake namespace object */
/******/ (() => {
/******/ 	var getProto = Object.getPrototypeOf ? (obj) => (Object.getPrototypeOf(obj)) : (obj) => (obj.__proto__);
/******/ 	var leafPrototypes;
/******/ 	// create a fake namespace object
/******/ 	// mode & 1: value is a module id, require it
/******/ 	// mode & 2: merge all properties of value into the ns
/******/ 	// mode & 4: return value when already ns object
/******/ 	// mode & 16: return value when it's Promise-like
/******/ 	// mode & 8|1: behave like require
/******/ 	__nccwpck_require__.t = function(value, mode) {
/******/ 		if(mode & 1) value = this(value);
/******/ 		if(mode & 8) return value;
/******/ 		if(typeof value === 'object' && value) {
/******/ 			if((mode & 4) && value.__esModule) return value;
/******/ 			if((mode & 16) && typeof value.then === 'function') return value;
/******/ 		}
/******/ 		var ns = Object.create(null);
/******/ 		__nccwpck_require__.r(ns);
/******/ 		var def = {};
/******/ 		leafPrototypes = leafPrototypes || [null, getProto({}), getProto([]), getProto(getProto)];
/******/ 		for(var current = mode & 2 && value; typeof current == 'object' && !~leafPrototypes.indexOf(current); current = getProto(current)) {
/******/ 			Object.getOwnPropertyNames(current).forEach((key) => (def[key] = () => (value[key])));
/******/ 		}
/******/ 		def['default'] = () => (value);
/******/ 		__nccwpck_require__.d(ns, def);
/******/ 		return ns;
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
/******/ var __webpack_exports__ = __nccwpck_require__(81841);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
