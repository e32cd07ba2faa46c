export const id = 531;
export const ids = [531,386];
export const modules = {

/***/ 44386:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  j1: () => (/* reexport */ inputs/* ConfigurationError */.j1),
  v0: () => (/* reexport */ actionLogger),
  tE: () => (/* reexport */ inputs/* booleanInput */.tE),
  $A: () => (/* reexport */ inputs/* integerInput */.$A),
  dt: () => (/* reexport */ inputs/* listInput */.dt),
  $m: () => (/* reexport */ inputs/* optionalInput */.$m),
  Tj: () => (/* reexport */ inputs/* renamedList */.Tj),
  YF: () => (/* reexport */ inputs/* requiredInput */.YF),
  runAction: () => (/* reexport */ runAction),
  jY: () => (/* reexport */ inputs/* secretInput */.jY)
});

// UNUSED EXPORTS: annotationProperties, choiceInput, keyValueInput

// EXTERNAL MODULE: ./actions/kit/src/inputs.ts
var inputs = __webpack_require__(9660);
// EXTERNAL MODULE: ./node_modules/.pnpm/@actions+core@3.0.1/node_modules/@actions/core/lib/core.js + 12 modules
var core = __webpack_require__(62436);
;// CONCATENATED MODULE: ./actions/kit/src/logger.ts
// The engine's Logger, backed by @actions/core: warnings and errors become annotations on file and line.

/** Where an annotation goes: the file, line and column GitHub shows it on, under a title. */
function annotationProperties(where, title) {
    const result = { title };
    if (!where)
        return result;
    result.file = where.file;
    if (where.line !== undefined)
        result.startLine = where.line;
    if (where.column !== undefined)
        result.startColumn = where.column;
    return result;
}
function actionLogger(title) {
    return {
        debug: (message) => core/* debug */.Yz(message),
        info: (message) => core/* info */.pq(message),
        warning: (message, where) => core/* warning */.$e(message, annotationProperties(where, title)),
        error: (message, where) => core/* error */.z3(message, annotationProperties(where, title)),
        group: (name, fn) => core/* group */.Os(name, fn),
    };
}

// EXTERNAL MODULE: ./packages/errors/src/index.ts + 2 modules
var src = __webpack_require__(74035);
;// CONCATENATED MODULE: ./actions/kit/src/run.ts
// How every action ends when something goes wrong. A UserError (a mistake in an input or a file, or a situation
// outside such as a missing repository or a host that is down) fails with one line, and with one annotation per
// problem on its file and line; its subject is named as this action's input. Anything else is a bug, and only
// then does the message ask for a report, with the stack.



/** How an action names a value the engine's message is about: `input image`. */
function inputName(subject) {
    return `input ${subject}`;
}
async function runAction(name, main) {
    try {
        await main();
    }
    catch (error) {
        const user = (0,src/* asUserError */.Yl)(error);
        if (user) {
            reportUserError(name, user);
        }
        else {
            const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
            core/* setFailed */.C1(`${name} failed unexpectedly; please report this with the log: ${detail}`);
        }
    }
}
function reportUserError(name, error) {
    if (error.problems.length > 0) {
        const title = (0,src/* annotationTitle */.qF)(error, name);
        for (const problem of error.problems)
            core/* error */.z3((0,src/* problemMessage */.Br)(problem), annotationProperties(problem.location, title));
        const count = error.problems.length;
        core/* setFailed */.C1(`${name}: ${count} problem${count === 1 ? '' : 's'} in ${error.problemsIn}`);
        return;
    }
    const message = (0,src/* userMessage */.Rq)(error, inputName);
    // An error that knows where it comes from (a Dockerfile line, say) is annotated there too.
    if (error.where)
        core/* error */.z3(message, annotationProperties(error.where, name));
    core/* setFailed */.C1(`${name}: ${message}`);
}

;// CONCATENATED MODULE: ./actions/kit/src/index.ts
// What every action shares: reading inputs, the core-backed Logger, and how failures are reported.





/***/ }),

/***/ 9660:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $A: () => (/* binding */ integerInput),
/* harmony export */   $m: () => (/* binding */ optionalInput),
/* harmony export */   Tj: () => (/* binding */ renamedList),
/* harmony export */   Vp: () => (/* binding */ runUrl),
/* harmony export */   YF: () => (/* binding */ requiredInput),
/* harmony export */   dt: () => (/* binding */ listInput),
/* harmony export */   j1: () => (/* binding */ ConfigurationError),
/* harmony export */   jY: () => (/* binding */ secretInput),
/* harmony export */   tE: () => (/* binding */ booleanInput)
/* harmony export */ });
/* unused harmony exports parseList, choiceInput, keyValueInput */
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(62436);
/* harmony import */ var _gitops_errors__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(74035);
/* harmony import */ var csv_parse_sync__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(59565);
// Reading inputs: one helper per shape, so every action reads lists, numbers and choices the same way
// and a mistake names the input.



/** A mistake in the workflow (an input, the config repository): reported as one clear failure. */
class ConfigurationError extends _gitops_errors__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo {
    name = 'ConfigurationError';
    constructor(message, options = {}) {
        super(message, { kind: 'usage', ...options });
    }
}
/** Optional string input: undefined when empty. */
function optionalInput(name) {
    const value = _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .getInput */ .V4(name).trim();
    return value === '' ? undefined : value;
}
function requiredInput(name) {
    const value = _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .getInput */ .V4(name).trim();
    if (value === '')
        throw new ConfigurationError(`input ${name} is required`);
    return value;
}
/** A list input, read as docker/actions-toolkit reads them (see parseList). */
function listInput(name, options = {}) {
    return parseList(_actions_core__WEBPACK_IMPORTED_MODULE_0__/* .getInput */ .V4(name), options);
}
/**
 * Newline- or comma-separated values, as CSV: an item in double quotes is kept whole, commas and `#` included;
 * `#` starts a comment elsewhere; blanks are dropped. With ignoreComma, each line is one item. This is how
 * docker/actions-toolkit reads list inputs, so a line that works in docker/build-push-action works here.
 */
function parseList(text, options = {}) {
    if (text.trim() === '')
        return [];
    const records = (0,csv_parse_sync__WEBPACK_IMPORTED_MODULE_2__/* .parse */ .q)(text, {
        columns: false,
        relax_quotes: true,
        relax_column_count: true,
        skip_empty_lines: true,
        comment: '#',
    });
    const items = [];
    for (const record of records) {
        if (options.ignoreComma)
            items.push(record.join(','));
        else if (record.length === 1)
            items.push(...(record[0] ?? '').split(','));
        else
            items.push(...record);
    }
    return items.map((item) => item.trim()).filter((item) => item !== '');
}
function booleanInput(name) {
    try {
        return _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .getBooleanInput */ .Vt(name);
    }
    catch {
        throw new ConfigurationError(`input ${name} must be true or false, not "${_actions_core__WEBPACK_IMPORTED_MODULE_0__/* .getInput */ .V4(name)}"`);
    }
}
function choiceInput(name, choices) {
    const value = optionalInput(name);
    if (value === undefined)
        return undefined;
    if (!choices.includes(value))
        throw new ConfigurationError(`input ${name} must be one of ${choices.join(', ')}, not "${value}"`);
    return value;
}
function integerInput(name, min, max) {
    const text = _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .getInput */ .V4(name).trim();
    const value = Number(text);
    if (!/^\d+$/.test(text) || value < min || value > max) {
        throw new ConfigurationError(`input ${name} must be a whole number from ${min} to ${max}, not "${text}"`);
    }
    return value;
}
/** `KEY=value` lines (build args, labels, secrets); `#` comments and blanks skipped; a bad line names the input. */
function keyValueInput(name) {
    const values = {};
    core
        .getInput(name)
        .split(/\r?\n/)
        .forEach((raw, index) => {
        const line = raw.trim();
        if (line === '' || line.startsWith('#'))
            return;
        const equals = line.indexOf('=');
        if (equals <= 0)
            throw new ConfigurationError(`input ${name}, line ${index + 1}: "${line}" is not KEY=value`);
        values[line.slice(0, equals).trim()] = line.slice(equals + 1);
    });
    return values;
}
/** The URL of this workflow run, for trailers, statuses and pull requests. */
function runUrl(env = process.env) {
    if (!env.GITHUB_SERVER_URL || !env.GITHUB_REPOSITORY || !env.GITHUB_RUN_ID)
        return undefined;
    return `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`;
}
/**
 * A secret's text (a key, a token, a kubeconfig) as given, line breaks and all; masked before anything logs. A
 * kubeconfig, in YAML or JSON, has the value of each key that holds a credential masked on its own (`token: …`
 * masks the token wherever it appears) and the lines that hold one; its other lines (`apiVersion: v1`, the server
 * address, the CA certificate) stay readable in error lines. Anything else is masked line by line.
 */
function secretInput(name) {
    const value = _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .getInput */ .V4(name);
    if (!value.trim())
        return undefined;
    const credentials = credentialValues(value);
    if (credentials === undefined) {
        for (const line of value.split('\n'))
            if (line.trim().length > 8)
                _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setSecret */ .Pq(line.trim());
        return value;
    }
    for (const credential of credentials)
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setSecret */ .Pq(credential);
    for (const line of value.split('\n'))
        if (credentials.some((credential) => line.includes(credential)))
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setSecret */ .Pq(line.trim());
    return value;
}
/** The credentials of a kubeconfig in JSON or YAML, by key; undefined for text that is neither. */
function credentialValues(text) {
    const long = (value) => value.length > 8;
    if (text.trim().startsWith('{')) {
        let document;
        try {
            document = JSON.parse(text);
        }
        catch {
            return undefined;
        }
        const found = [];
        const walk = (node, key) => {
            if (typeof node === 'string') {
                if (credentialKey.test(key) && long(node))
                    found.push(node);
            }
            else if (Array.isArray(node))
                for (const item of node)
                    walk(item, key);
            else if (node && typeof node === 'object')
                for (const [name, child] of Object.entries(node))
                    walk(child, name);
        };
        walk(document, '');
        return found;
    }
    const lines = text.split('\n').filter((line) => line.trim() && !line.trim().startsWith('#'));
    // YAML mappings only: a PEM key or a plain token has no `key: value` first line.
    if (!/^[\w.-]+:(\s|$)/.test(lines[0] ?? ''))
        return undefined;
    return lines.flatMap((line) => {
        const entry = /^[\s-]*([\w.-]+):\s+["']?(.*?)["']?\s*$/.exec(line);
        return entry?.[2] && long(entry[2]) && credentialKey.test(entry[1] ?? '') ? [entry[2]] : [];
    });
}
/** Keys whose values are credentials in a kubeconfig (token, client-key-data, password, id-token, …). */
const credentialKey = /token|key|secret|password|client-certificate|credential/i;
/**
 * A list input that replaced an older name (both read by the caller): the old one still works, with a warning
 * naming the new one. Both given is a mistake (which wins would be a guess).
 */
function renamedList(current, old, why) {
    if (old.value.length === 0)
        return [...current.value];
    if (current.value.length > 0)
        throw new ConfigurationError(`input ${old.name} is the old name of ${current.name}; give only ${current.name}`);
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(`input ${old.name} is deprecated: use ${current.name} (${why})`);
    return [...old.value];
}


/***/ }),

/***/ 51531:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* binding */ run_run)
});

// EXTERNAL MODULE: ./actions/kit/src/index.ts + 2 modules
var src = __webpack_require__(44386);
// EXTERNAL MODULE: ./actions/kit/src/inputs.ts
var inputs = __webpack_require__(9660);
;// CONCATENATED MODULE: ./actions/kit/src/deployment.ts
// Where deploy and promote record a GitHub deployment when asked (github-deployment): the workflow's repository and
// the commit it runs for. The engine makes the deployment and its statuses (delivery's github-deployment.ts).

/** The workflow's repository and commit when asked and known; undefined otherwise (no deployment is made). */
function deploymentTarget(asked, env) {
    const { GITHUB_REPOSITORY: repository, GITHUB_SHA: sha } = env;
    return asked && repository && sha ? { repository, sha } : undefined;
}
/** What the engine needs of the runner for a change: its server, API, temporary folder and this run's address. */
function runnerContext(env) {
    return {
        serverUrl: env.GITHUB_SERVER_URL,
        apiUrl: env.GITHUB_API_URL,
        tempDir: env.RUNNER_TEMP,
        runUrl: (0,inputs/* runUrl */.Vp)(env),
    };
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./packages/git/src/index.ts + 16 modules
var git_src = __webpack_require__(2439);
// EXTERNAL MODULE: ./node_modules/.pnpm/@actions+http-client@4.0.1/node_modules/@actions/http-client/lib/index.js + 1 modules
var lib = __webpack_require__(70343);
;// CONCATENATED MODULE: ./packages/bounded-read/src/index.ts
// Reading a server's answer with limits: a server may send a body a byte at a time, or hundreds of megabytes, and
// neither may hold a job longer than the time it was given or fill its memory. Every client of a server that the
// pipeline does not control (Argo CD, the Kubernetes API, GitHub's attestations) reads bodies through this.
/** A body not read whole: too large, or not done in time (the message says which). */
class BodyLimitError extends Error {
}
/** The default cap on an API answer: far above any object gitops reads, far below what hurts a runner. */
const defaultMaxBytes = 32 * 1024 * 1024;
/**
 * The body as text, read from `stream` until it ends, refused once it passes `maxBytes` or `deadline`. `stop` is
 * called on a refusal so the caller can close the connection (the stream may never end by itself).
 */
async function readBounded(stream, limits, stop = () => undefined) {
    const chunks = [];
    let size = 0;
    let timer;
    const late = new Promise((_, reject) => {
        timer = setTimeout(() => {
            stop();
            reject(new BodyLimitError('did not finish its answer in time'));
        }, Math.max(0, limits.deadline - Date.now()));
    });
    late.catch(() => undefined);
    const read = (async () => {
        for await (const chunk of stream) {
            size += chunk.byteLength;
            if (size > limits.maxBytes) {
                stop();
                throw new BodyLimitError(`answered with more than ${Math.round(limits.maxBytes / 1048576)} MiB`);
            }
            chunks.push(chunk);
        }
        return Buffer.concat(chunks).toString('utf8');
    })();
    try {
        return await Promise.race([read, late]);
    }
    finally {
        clearTimeout(timer);
        read.catch(() => undefined);
    }
}
/** JSON text parsed, or undefined when it is not JSON: the caller says so in its own words. */
function parseJson(text) {
    try {
        return { value: JSON.parse(text) };
    }
    catch {
        return undefined;
    }
}
/** A string, or undefined for anything else (null, a number, an object) a server put where a string belongs. */
function asString(value) {
    return typeof value === 'string' ? value : undefined;
}
/** A plain object (not null, not an array), or undefined: what a server says is checked before it is read. */
function asObject(value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value)
        ? value
        : undefined;
}

// EXTERNAL MODULE: ./packages/errors/src/index.ts + 2 modules
var errors_src = __webpack_require__(74035);
;// CONCATENATED MODULE: ./packages/github/src/errors.ts
// GitHub's refusals as user errors: what was being done, GitHub's status and own message, and what to do about
// it from the table of known causes (a missing permission, Actions not allowed to open pull requests, a rate
// limit). Every request of the client passes through here, so no caller re-wraps them.

class GitHubError extends errors_src/* UserError */.yo {
    status;
    constructor(message, status) {
        super(message);
        this.status = status;
        this.name = 'GitHubError';
    }
}
/** What a request does, in words; the method and path when it is none of ours. */
function describeRequest(request, baseUrl) {
    const method = (request.method ?? 'GET').toUpperCase();
    const url = (request.url ?? '').replace(baseUrl, '').replace(/\?.*$/, '');
    const repository = /^\/repos\/([^/]+\/[^/]+)/.exec(url)?.[1];
    const where = repository ? ` in ${decodeURIComponent(repository)}` : '';
    const route = [
        ['POST', /\/pulls$/, 'opening a pull request'],
        ['PATCH', /\/pulls\/\d+$/, 'updating the pull request'],
        ['GET', /\/pulls$/, 'looking for an open pull request'],
        ['POST', /\/issues\/\d+\/labels$/, 'labelling the pull request'],
        ['POST', /\/issues\/\d+\/comments$/, 'commenting on the pull request'],
        ['PATCH', /\/issues\/comments\/\d+$/, 'updating the comment'],
        ['GET', /\/issues\/\d+\/comments$/, 'reading the comments'],
        ['POST', /\/deployments$/, 'creating a deployment'],
        ['POST', /\/deployments\/\d+\/statuses$/, 'setting the deployment status'],
        ['POST', /\/attestations$/, 'storing the attestation'],
        ['GET', /\/attestations\/[^/]+$/, 'reading the attestations'],
        ['POST', /^\/graphql$/, 'calling the GraphQL API'],
    ];
    const match = route.find(([verb, pattern]) => verb === method && pattern.test(url));
    return match ? `${match[2]}${where}` : `${method} ${url}`;
}
/** The error an Octokit request failed with, as a user error; a GitHubError passes through unchanged. */
function githubFailure(error, doing) {
    if (error instanceof GitHubError)
        return error;
    const status = typeof error.status === 'number' ? error.status : undefined;
    const said = apiMessage(error);
    const code = (0,errors_src/* errnoCode */.UK)(error.cause ?? error);
    // Octokit reports a connection that never answered as status 500: the errno says what happened.
    const known = (0,errors_src/* knownCause */.T4)({ text: said, ...(code ? { code } : { status }) });
    const answered = status !== undefined && !code ? `GitHub answered ${status}: ` : '';
    const advice = known?.advice ? ` (${known.advice})` : '';
    return new GitHubError(`${doing}: ${answered}${said}${advice}`, status);
}
/** GitHub's own words: the API's message (and the first validation error), or the error's message. */
function apiMessage(error) {
    const data = error.response?.data;
    const graphql = error.errors?.[0]?.message;
    const detail = data?.errors?.[0]?.message;
    const message = data?.message ?? graphql ?? (error instanceof Error ? error.message : String(error));
    const cause = error.cause?.message;
    const text = [message, detail].filter(Boolean).join(': ');
    return cause && !text.includes(cause) ? `${text} (${cause})` : text;
}

;// CONCATENATED MODULE: ./packages/github/src/client.ts

function client_githubClient(token, baseUrl) {
    let client;
    return () => {
        const base = baseUrl.replace(/\/+$/, '');
        client ??= __webpack_require__.e(/* import() */ 918).then(__webpack_require__.bind(__webpack_require__, 91918)).then(({ getOctokit }) => {
            const octokit = getOctokit(token, { baseUrl: base });
            // Every failure of every request becomes one GitHubError saying what was being done and why it failed.
            octokit.hook.wrap('request', async (request, options) => {
                try {
                    return await request(options);
                }
                catch (error) {
                    throw githubFailure(error, describeRequest(octokit.request.endpoint.parse(options), base));
                }
            });
            return octokit;
        });
        return client;
    };
}
function client_splitRepository(repository) {
    const [owner = '', repo = ''] = repository.split('/');
    return { owner, repo };
}

;// CONCATENATED MODULE: ./packages/github/src/attestations.ts
// GitHub's attestations API of a repository: where a build stores the Sigstore bundle that attests an image
// digest, and where deploy and promote look for it (as `gh attestation verify` does).




/**
 * GitHub's words when it stores no attestation for this repository or server; undefined for other failures. The
 * client has made every failure a GitHubError by now: its status, and GitHub's message after "GitHub answered".
 */
function planRefusal(error) {
    const status = error.status;
    const message = error instanceof Error ? error.message : '';
    // GitHub's message, bounded and on one line: it goes into a warning.
    const said = (/GitHub answered \d+: (.*)$/s.exec(message)?.[1] ?? '').replace(/\s+/g, ' ').slice(0, 200);
    if (status === 422 && /^feature not available/i.test(said))
        return `GitHub answered 422: ${said}`;
    if (status === 404)
        return 'GitHub answered 404 Not Found: this server has no attestations API';
    return undefined;
}
class GitHubAttestations {
    token;
    limits;
    client;
    baseUrl;
    constructor(token, apiUrl, 
    /** How long listing may take, body included, and how large its answer may be. */
    limits = {
        timeoutMs: 60_000,
        maxBytes: defaultMaxBytes,
    }) {
        this.token = token;
        this.limits = limits;
        this.baseUrl = apiUrl.replace(/\/+$/, '');
        this.client = client_githubClient(token, this.baseUrl);
    }
    /**
     * Stores a Sigstore bundle (its JSON) in `repository`: the attestation's id, or why GitHub stores none there.
     * GitHub keeps attestations of public repositories on every plan and of private ones on Enterprise Cloud only; it
     * refuses the rest with 422 "Feature not available for …" (its API's own check of the plan). GitHub Enterprise
     * Server has no attestations API and answers 404. Anything else fails as it does.
     */
    async store(repository, bundle) {
        const { owner, repo } = client_splitRepository(repository);
        try {
            const response = await (await this.client()).rest.repos.createAttestation({
                owner,
                repo,
                bundle: bundle,
            });
            return { stored: true, id: response.data.id ?? 0 };
        }
        catch (error) {
            const refusal = planRefusal(error);
            if (refusal)
                return { stored: false, reason: refusal };
            throw error;
        }
    }
    /**
     * The bundles `repository` holds for `digest` (`sha256:<hex>`), newest first, at most 100; none: empty.
     * One GET through @actions/http-client, which the action has loaded already (and which honours the runner's
     * proxy settings): loading Octokit and its fetch stack for this one request cost a verifying deploy ~80 ms.
     */
    async list(repository, digest) {
        const { owner, repo } = client_splitRepository(repository);
        const url = `${this.baseUrl}/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}/attestations/${encodeURIComponent(digest)}?per_page=100`;
        const doing = describeRequest({ method: 'GET', url }, this.baseUrl);
        let status;
        let body;
        const deadline = Date.now() + this.limits.timeoutMs;
        // Redirects are not followed: the token is for this API only (the client would keep it for another port).
        const http = new lib/* HttpClient */.Qq('gitops', [], { allowRedirects: false, socketTimeout: this.limits.timeoutMs });
        try {
            const response = await http.get(url, {
                accept: 'application/vnd.github+json',
                authorization: `Bearer ${this.token}`,
                'x-github-api-version': '2022-11-28',
            });
            status = response.message.statusCode;
            body = await readBounded(response.message, { maxBytes: this.limits.maxBytes, deadline }, () => response.message.destroy());
        }
        catch (error) {
            if (error instanceof BodyLimitError)
                throw new GitHubError(`${doing}: GitHub ${error.message}`, status);
            throw githubFailure(error, doing);
        }
        finally {
            http.dispose();
        }
        // GitHub answers a digest nothing attests as Not Found.
        if (status === 404)
            return [];
        const data = asObject(parseJson(body)?.value);
        if (status === undefined || status >= 300) {
            const message = typeof data?.message === 'string' ? data.message : `HTTP ${status}`;
            throw githubFailure(Object.assign(new Error(message), { status, response: { data } }), doing);
        }
        if (!data)
            throw new GitHubError(`${doing}: GitHub answered with a body that is not a JSON object`, status);
        if (!Array.isArray(data.attestations))
            throw new GitHubError(`${doing}: GitHub's answer lists no attestations`, status);
        // An entry that is not an object, or has no bundle, is nothing to verify.
        return data.attestations.flatMap((attestation) => {
            const bundle = asObject(attestation)?.bundle;
            return bundle === undefined || bundle === null ? [] : [bundle];
        });
    }
}

;// CONCATENATED MODULE: ./packages/github/src/comments.ts
// One sticky comment per pull request and purpose: found by a hidden marker in its body, updated in place
// on every run instead of adding another.

/** Pages of 100 comments looked through for the marker; a pull request with more is rare. */
const maxPages = 10;
class comments_GitHubComments {
    client;
    constructor(client) {
        this.client = client;
    }
    async upsertSticky(comment) {
        const { owner, repo } = splitRepository(comment.repository);
        const client = await this.client();
        for (let page = 1; page <= maxPages; page++) {
            const listed = await client.rest.issues.listComments({
                owner,
                repo,
                issue_number: comment.issueNumber,
                per_page: 100,
                page,
            });
            const existing = listed.data.find((item) => item.body?.includes(comment.marker));
            if (existing) {
                const updated = await client.rest.issues.updateComment({
                    owner,
                    repo,
                    comment_id: existing.id,
                    body: comment.body,
                });
                return { id: updated.data.id, url: updated.data.html_url, created: false };
            }
            if (listed.data.length < 100)
                break;
        }
        const created = await client.rest.issues.createComment({
            owner,
            repo,
            issue_number: comment.issueNumber,
            body: comment.body,
        });
        return { id: created.data.id, url: created.data.html_url, created: true };
    }
}

;// CONCATENATED MODULE: ./packages/github/src/commit-on-branch.ts
// One commit on a branch through GitHub's GraphQL API (createCommitOnBranch). GitHub makes and signs the commit
// itself, so it shows as verified and meets "require signed commits" rules, which a pushed commit made by a
// workflow without a key cannot. `expectedHeadOid` is the compare-and-swap: a branch that moved since is refused,
// as a push that is not a fast-forward is.


const mutation = `mutation($input: CreateCommitOnBranchInput!) {
  createCommitOnBranch(input: $input) { commit { oid } }
}`;
/** The new commit's id, or `{ stale: true }` when the branch moved on; any other refusal throws a GitHubError. */
async function createCommitOnBranch(client, commit) {
    const { owner, repo } = client_splitRepository(commit.repository);
    const newline = commit.message.indexOf('\n');
    const headline = newline < 0 ? commit.message : commit.message.slice(0, newline);
    const body = newline < 0 ? '' : commit.message.slice(newline + 1).replace(/^\n+/, '');
    const input = {
        branch: { repositoryNameWithOwner: `${owner}/${repo}`, branchName: commit.branch },
        expectedHeadOid: commit.expectedHeadOid,
        message: body ? { headline, body } : { headline },
        fileChanges: {
            additions: commit.additions.map((file) => ({ path: file.path, contents: file.contents.toString('base64') })),
            deletions: commit.deletions.map((path) => ({ path })),
        },
    };
    try {
        const answer = await (await client()).graphql(mutation, { input });
        const oid = answer.createCommitOnBranch?.commit.oid;
        if (!oid)
            throw new Error('GitHub answered without the new commit');
        return { oid };
    }
    catch (error) {
        if (isStaleHead(error))
            return { stale: true };
        // GraphQL says no in a 200 answer, past the request hook: its errors are turned here.
        throw githubFailure(error, `committing to ${commit.branch} in ${commit.repository} through GitHub's API`);
    }
}
/** GitHub's refusal of a branch that moved: type STALE_DATA, "Expected branch to point to ... Pull and try again." */
function isStaleHead(error) {
    const errors = error.errors ?? [];
    return errors.some((entry) => entry.type === 'STALE_DATA' || /expected branch to point to/i.test(entry.message ?? ''));
}

;// CONCATENATED MODULE: ./packages/github/src/deployments.ts
// GitHub deployments in the source repository, so its environments page shows what runs where.


class GitHubDeployments {
    client;
    constructor(client) {
        this.client = client;
    }
    /** Creates a deployment of `ref` to `environment`; returns its id. */
    async create(repository, ref, environment, description) {
        const { owner, repo } = client_splitRepository(repository);
        const response = await (await this.client()).rest.repos.createDeployment({
            owner,
            repo,
            ref,
            environment,
            description,
            required_contexts: [],
            auto_merge: false,
            transient_environment: false,
        });
        const data = response.data;
        if (data.id === undefined)
            throw new GitHubError(`creating a deployment in ${repository}: ${data.message ?? 'GitHub returned no id'}`, 202);
        return data.id;
    }
    async status(repository, id, status) {
        const { state, logUrl, description, environmentUrl } = status;
        const { owner, repo } = client_splitRepository(repository);
        await (await this.client()).rest.repos.createDeploymentStatus({
            owner,
            repo,
            deployment_id: id,
            state,
            description: description.slice(0, 140),
            ...(logUrl ? { log_url: logUrl } : {}),
            ...(environmentUrl ? { environment_url: environmentUrl } : {}),
        });
    }
}

;// CONCATENATED MODULE: ./packages/github/src/labelled-issues.ts
// One open issue per key (an environment) under a label: opened when something is to be said, its body updated while
// it lasts, closed when it is over. Found by the label and a hidden marker in its body, never by title, so a rename
// or a second run never opens a duplicate; duplicates made by runs at the same moment are closed into the oldest.

/** Pages of 100 open issues looked through under the label. */
const labelled_issues_maxPages = 10;
class labelled_issues_GitHubLabelledIssues {
    client;
    repository;
    label;
    constructor(client, repository, label) {
        this.client = client;
        this.repository = repository;
        this.label = label;
    }
    marker(key) {
        return `<!-- ${this.label}: ${key} -->`;
    }
    async sync(states) {
        const open = await this.openIssues();
        const result = { opened: [], updated: [], closed: [] };
        for (const state of states) {
            const [kept, ...duplicates] = open
                .filter((issue) => issue.body.includes(this.marker(state.key)))
                .sort((a, b) => a.number - b.number);
            for (const duplicate of duplicates) {
                await this.close(duplicate.number, `Closed as a duplicate of #${kept?.number}.`, 'not_planned');
                result.closed.push(duplicate.number);
            }
            if (state.body === undefined) {
                if (kept) {
                    await this.close(kept.number, state.closing, 'completed');
                    result.closed.push(kept.number);
                }
                continue;
            }
            const body = `${state.body}\n\n${this.marker(state.key)}\n`;
            if (!kept)
                result.opened.push(await this.open(state.title, body));
            else if (kept.body !== body) {
                await this.update(kept.number, { body, title: state.title });
                result.updated.push(kept.number);
            }
        }
        return result;
    }
    async openIssues() {
        const { owner, repo } = splitRepository(this.repository);
        const client = await this.client();
        const found = [];
        for (let page = 1; page <= labelled_issues_maxPages; page++) {
            const listed = await client.rest.issues.listForRepo({
                owner,
                repo,
                labels: this.label,
                state: 'open',
                per_page: 100,
                page,
            });
            // The issues API lists pull requests too: those are never ours.
            for (const issue of listed.data)
                if (!issue.pull_request)
                    found.push({ number: issue.number, body: issue.body ?? '' });
            if (listed.data.length < 100)
                break;
        }
        return found;
    }
    async open(title, body) {
        const { owner, repo } = splitRepository(this.repository);
        const client = await this.client();
        const created = await client.rest.issues.create({ owner, repo, title, body, labels: [this.label] });
        return created.data.number;
    }
    async update(number, change) {
        const { owner, repo } = splitRepository(this.repository);
        const client = await this.client();
        await client.rest.issues.update({ owner, repo, issue_number: number, ...change });
    }
    async close(number, comment, reason) {
        const { owner, repo } = splitRepository(this.repository);
        const client = await this.client();
        await client.rest.issues.createComment({ owner, repo, issue_number: number, body: comment });
        await client.rest.issues.update({ owner, repo, issue_number: number, state: 'closed', state_reason: reason });
    }
}

;// CONCATENATED MODULE: ./packages/github/src/loose-commits.ts
// Pending changes through GitHub's API (commit-signing: github). A pending change is a commit with no parent and
// the empty tree under a ref outside the branches. Made through the Git database API with no author of our own,
// it is made and signed by GitHub for the token's identity (an App's bot, or the user of a personal token), so
// GitHub shows it verified and names who made it. That is what lets another pipeline tell a change made by the
// same identity as itself from one pushed by anyone else who can write a ref.

/** The object id git gives the empty tree, in every repository. */
const emptyTree = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';
/** Makes the commit of `message` as the token's identity and points `ref` (refs/…) at it. */
async function createLooseCommit(client, request) {
    const { owner, repo } = client_splitRepository(request.repository);
    const octokit = await client();
    // No author, committer or signature of ours: GitHub signs only what it makes for the token's own identity.
    const { data } = await octokit.rest.git.createCommit({
        owner,
        repo,
        message: request.message,
        tree: emptyTree,
        parents: [],
    });
    await octokit.rest.git.createRef({ owner, repo, ref: request.ref, sha: data.sha });
    return { sha: data.sha, date: data.author.date };
}
async function commitAuthorship(client, repository, sha) {
    const { owner, repo } = client_splitRepository(repository);
    const octokit = await client();
    const { data } = await octokit.rest.repos.getCommit({ owner, repo, ref: sha, per_page: 1 });
    const author = data.author && 'id' in data.author ? data.author : undefined;
    return {
        verified: data.commit.verification?.verified === true,
        account: author ? { id: author.id, login: author.login } : undefined,
    };
}

;// CONCATENATED MODULE: ./packages/github/src/pull-requests.ts
// Opens or updates the one pull request of a head branch, with labels and, when asked, auto-merge; tells whether
// a pull request is still open.


class pull_requests_GitHubPullRequests {
    client;
    constructor(client) {
        this.client = client;
    }
    async upsert(request) {
        const { owner, repo } = client_splitRepository(request.repository);
        const open = await (await this.client()).rest.pulls.list({
            owner,
            repo,
            state: 'open',
            head: `${owner}:${request.head}`,
            base: request.base,
            per_page: 10,
        });
        const existing = open.data[0];
        let pull;
        if (existing) {
            const updated = await (await this.client()).rest.pulls.update({
                owner,
                repo,
                pull_number: existing.number,
                title: request.title,
                body: request.body,
            });
            pull = updated.data;
        }
        else {
            const created = await (await this.client()).rest.pulls.create({
                owner,
                repo,
                base: request.base,
                head: request.head,
                title: request.title,
                body: request.body,
            });
            pull = created.data;
        }
        if (request.labels.length) {
            await (await this.client()).rest.issues.addLabels({
                owner,
                repo,
                issue_number: pull.number,
                labels: [...request.labels],
            });
        }
        if (request.autoMerge) {
            // GraphQL says no in a 200 answer, past the request hook: its errors are turned here.
            await (await this.client())
                .graphql('mutation($id: ID!) { enablePullRequestAutoMerge(input: { pullRequestId: $id }) { pullRequest { number } } }', { id: pull.node_id })
                .catch((error) => {
                throw githubFailure(error, `enabling auto-merge of pull request #${pull.number} in ${request.repository}`);
            });
        }
        return { url: pull.html_url, number: pull.number, created: !existing };
    }
    /** `open` or `closed` (merged ones are closed); `gone` when GitHub knows no such pull request (404). */
    async state(repository, number) {
        const { owner, repo } = client_splitRepository(repository);
        try {
            const pull = await (await this.client()).rest.pulls.get({ owner, repo, pull_number: number });
            return pull.data.state === 'open' ? 'open' : 'closed';
        }
        catch (error) {
            if (error instanceof GitHubError && error.status === 404)
                return 'gone';
            throw error;
        }
    }
}

;// CONCATENATED MODULE: ./packages/github/src/index.ts
// The GitHub API as the actions use it: pull requests, auto-merge, deployments, commits GitHub signs, attestations.










;// CONCATENATED MODULE: ./packages/delivery/src/errors.ts
// A change that cannot be made as asked: the user's input or the repository's state, never a bug.

class errors_DeliveryError extends errors_src/* UserError */.yo {
    name = 'DeliveryError';
}

;// CONCATENATED MODULE: ./packages/delivery/src/landing/github-commits.ts

function githubCommits(client, repository) {
    return {
        async land(checkout, branch, base) {
            const locals = (await checkout.run(['rev-list', '--reverse', `${base}..HEAD`])).split('\n').filter(Boolean);
            const landed = [];
            // expectedHeadOid is an object id, never a ref name.
            let tip = (await checkout.run(['rev-parse', '--verify', `${base}^{commit}`])).trim();
            for (const local of locals) {
                const result = await createCommitOnBranch(client, {
                    repository,
                    branch,
                    expectedHeadOid: tip,
                    message: await checkout.run(['show', '-s', '--format=%B', local]),
                    ...(await fileChanges(checkout, local)),
                });
                if ('stale' in result)
                    break;
                landed.push(result.oid);
                tip = result.oid;
            }
            return { outcome: landed.length > 0 || locals.length === 0 ? 'pushed' : 'rejected', commits: landed };
        },
    };
}
/** What `commit` changed from its parent: the files it wrote (whole) and those it removed. */
async function fileChanges(checkout, commit) {
    const fields = (await checkout.run(['diff-tree', '-r', '-z', '--no-renames', '--name-status', `${commit}^`, commit]))
        .split('\0')
        .filter(Boolean);
    const written = [];
    const deletions = [];
    for (let index = 0; index + 1 < fields.length; index += 2) {
        const [status, file] = [fields[index] ?? '', fields[index + 1] ?? ''];
        if (status === 'D')
            deletions.push(file);
        else
            written.push(file);
    }
    const texts = await checkout.readBlobs(written.map((file) => `${commit}:${file}`));
    return {
        additions: written.map((file, index) => ({ path: file, contents: Buffer.from(texts[index] ?? '', 'utf8') })),
        deletions,
    };
}

;// CONCATENATED MODULE: ./packages/image-ref/src/grammar.ts
// The distribution reference grammar (github.com/distribution/reference), as anchored regexes.
const alphaNumeric = '[a-z0-9]+';
const separator = '(?:[._]|__|-+)';
const pathComponent = `${alphaNumeric}(?:${separator}${alphaNumeric})*`;
const domainNameComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const ipv6Address = '\\[[a-fA-F0-9:]+\\]';
const domainName = `${domainNameComponent}(?:\\.${domainNameComponent})*`;
const host = `(?:${domainName}|${ipv6Address})`;
const domainAndPort = `${host}(?::[0-9]+)?`;
const remoteName = `${pathComponent}(?:/${pathComponent})*`;
const grammar_name = `(?:${domainAndPort}/)?${remoteName}`;
const tag = '[\\w][\\w.-]{0,127}';
const digest = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const referencePattern = new RegExp(`^(${grammar_name})(?::(${tag}))?(?:@(${digest}))?$`);
const grammar_tagPattern = new RegExp(`^${tag}$`);
const grammar_digestPattern = new RegExp(`^${digest}$`);
const domainPattern = new RegExp(`^${domainAndPort}$`);
const remoteNamePattern = new RegExp(`^${remoteName}$`);
const nameTotalLengthMax = 255;
/** Hex lengths of the digest algorithms registries accept (go-digest's registered ones). */
const digestHexLength = {
    sha256: 64,
    sha384: 96,
    sha512: 128,
};

;// CONCATENATED MODULE: ./packages/image-ref/src/index.ts
// Image references `registry/repository:tag@digest`: parse, normalise, format, compare.


const defaultRegistry = 'docker.io';
const legacyDefaultRegistry = 'index.docker.io';
const officialRepositoryPrefix = 'library/';
/** A reference that does not follow the grammar; `reason` says which rule it breaks. */
class src_ImageRefError extends errors_src/* UserError */.yo {
    input;
    reason;
    constructor(input, reason) {
        super(`invalid image reference "${input}": ${reason}`);
        this.input = input;
        this.reason = reason;
        this.name = 'ImageRefError';
    }
}
/**
 * Parses a reference the way `docker pull` reads it: `nginx` is `docker.io/library/nginx`,
 * a first component with `.` or `:` or equal to `localhost` is a registry.
 */
function src_parseImageRef(input) {
    const text = input.trim();
    if (text === '')
        throw new src_ImageRefError(input, 'it is empty');
    if (text !== input)
        throw new src_ImageRefError(input, 'it has leading or trailing white space');
    const match = referencePattern.exec(text);
    if (!match)
        throw new src_ImageRefError(input, explainMismatch(text));
    const [, name = '', tag, digest] = match;
    if (name.length > nameTotalLengthMax) {
        throw new src_ImageRefError(input, `the name is longer than ${nameTotalLengthMax} characters`);
    }
    if (digest !== undefined)
        checkDigest(input, digest);
    const { registry, repository } = splitRegistry(name);
    if (/^[a-f0-9]{64}$/.test(repository.replace(officialRepositoryPrefix, ''))) {
        throw new src_ImageRefError(input, 'a repository name cannot be a 64-character hexadecimal string');
    }
    return withParts({ registry, repository }, tag, digest);
}
/** Like {@link parseImageRef}, but returns undefined instead of throwing. */
function src_tryParseImageRef(input) {
    try {
        return src_parseImageRef(input);
    }
    catch (error) {
        if (error instanceof src_ImageRefError)
            return undefined;
        throw error;
    }
}
function withParts(name, tag, digest) {
    return {
        registry: name.registry,
        repository: name.repository,
        ...(tag !== undefined ? { tag } : {}),
        ...(digest !== undefined ? { digest } : {}),
    };
}
function splitRegistry(name) {
    const slash = name.indexOf('/');
    const first = slash === -1 ? '' : name.slice(0, slash);
    const isRegistry = slash !== -1 && (/[.:]/.test(first) || first === 'localhost' || first.toLowerCase() !== first);
    let registry = isRegistry ? first : defaultRegistry;
    let repository = isRegistry ? name.slice(slash + 1) : name;
    if (registry === legacyDefaultRegistry)
        registry = defaultRegistry;
    if (registry === defaultRegistry && !repository.includes('/')) {
        repository = officialRepositoryPrefix + repository;
    }
    return { registry, repository };
}
function explainMismatch(text) {
    if (referencePattern.test(text.toLowerCase()))
        return 'the repository name must be lowercase';
    const at = text.indexOf('@');
    if (at !== -1) {
        const digest = text.slice(at + 1);
        if (digest === '')
            return 'the digest after "@" is empty';
        if (!grammar_digestPattern.test(digest))
            return `"${digest}" is not a digest of the form algorithm:hex`;
    }
    const beforeDigest = at === -1 ? text : text.slice(0, at);
    const lastSlash = beforeDigest.lastIndexOf('/');
    const colon = beforeDigest.indexOf(':', lastSlash + 1);
    if (colon !== -1) {
        const tag = beforeDigest.slice(colon + 1);
        if (tag === '')
            return 'the tag after ":" is empty';
        if (!grammar_tagPattern.test(tag)) {
            return `"${tag}" is not a valid tag (letters, digits, "_", "." and "-", at most 128, not starting with "." or "-")`;
        }
    }
    if (/\/\/|^\/|\/$/.test(beforeDigest))
        return 'the name has an empty path component';
    return 'it does not match registry/repository[:tag][@digest]';
}
function checkDigest(input, digest) {
    const [algorithm = '', hex = ''] = digest.split(':');
    const length = digestHexLength[algorithm];
    if (length === undefined)
        throw new src_ImageRefError(input, `unsupported digest algorithm "${algorithm}"`);
    if (hex.length !== length) {
        throw new src_ImageRefError(input, `a ${algorithm} digest has ${length} hex characters, this one has ${hex.length}`);
    }
    if (!/^[a-f0-9]+$/.test(hex))
        throw new src_ImageRefError(input, 'the digest must be lowercase hexadecimal');
}
/** `registry/repository`, fully qualified. */
function imageName(ref) {
    return `${ref.registry}/${ref.repository}`;
}
/** The short form people write: `nginx` for `docker.io/library/nginx`, `acme/web` for `docker.io/acme/web`. */
function familiarName(ref) {
    if (ref.registry !== defaultRegistry)
        return imageName(ref);
    return ref.repository.startsWith(officialRepositoryPrefix)
        ? ref.repository.slice(officialRepositoryPrefix.length)
        : ref.repository;
}
/** The text form: `name[:tag][@digest]`. */
function src_formatImageRef(ref, options = {}) {
    let text = options.familiar ? familiarName(ref) : imageName(ref);
    if (ref.tag !== undefined)
        text += `:${ref.tag}`;
    if (ref.digest !== undefined)
        text += `@${ref.digest}`;
    return text;
}
/** True when both name the same repository in the same registry, whatever their tags and digests. */
function sameRepository(a, b) {
    return a.registry === b.registry && a.repository === b.repository;
}
/**
 * True when both point at the same image: same repository and, where both pin a digest, the same digest
 * (tags are then only labels); otherwise the same tag.
 */
function src_sameImage(a, b) {
    if (!sameRepository(a, b))
        return false;
    if (a.digest !== undefined && b.digest !== undefined)
        return a.digest === b.digest;
    return a.digest === b.digest && a.tag === b.tag;
}
function withTag(ref, tag) {
    if (tag !== undefined && !tagPattern.test(tag))
        throw new src_ImageRefError(tag, 'not a valid tag');
    return withParts(ref, tag, ref.digest);
}
function withDigest(ref, digest) {
    if (digest !== undefined) {
        if (!digestPattern.test(digest))
            throw new src_ImageRefError(digest, 'not a digest of the form algorithm:hex');
        checkDigest(digest, digest);
    }
    return withParts(ref, ref.tag, digest);
}
function isValidTag(tag) {
    return tagPattern.test(tag);
}
/** True for a well-formed digest of a supported algorithm (`sha256:` + 64 lowercase hex, …). */
function isValidDigest(digest) {
    if (!grammar_digestPattern.test(digest))
        return false;
    try {
        checkDigest(digest, digest);
        return true;
    }
    catch {
        return false;
    }
}
/** `sha256:3f2a9c1d` — the short digest used in commit subjects and summaries. */
function src_shortDigest(digest, hexLength = 8) {
    const [algorithm, hex = ''] = digest.split(':');
    return `${algorithm}:${hex.slice(0, hexLength)}`;
}
/**
 * Reads the new version of an image in any form a user pastes, and returns the whole reference, taking the name
 * from `base` where it is not given:
 *
 * | given | means |
 * |---|---|
 * | `1.4.2`, `:1.4.2` | the tag |
 * | `@sha256:…`, `sha256:…` | the digest (the bare form is docker/build-push-action's `digest` output) |
 * | `1.4.2@sha256:…`, `v2@sha256:…`, `:any-tag@sha256:…` | both (a word before `@` is a tag when it reads as a version) |
 * | `name:tag`, `name@sha256:…`, `name:tag@sha256:…`, `registry/path/name` | a whole reference |
 *
 * A bare `algorithm:hex` is read as a digest, never as the image `algorithm` with a tag: a 64-hex tag of an image
 * named `sha256` is not something anyone means.
 */
function src_resolveImageUpdate(text, base) {
    const name = { registry: base.registry, repository: base.repository };
    if (text.startsWith('@') || bareDigest.test(text)) {
        const digest = text.startsWith('@') ? text.slice(1) : text;
        if (!isValidDigest(digest))
            throw new src_ImageRefError(text, 'expected @algorithm:hex, e.g. @sha256:<64 hex>');
        return { ...name, digest };
    }
    const at = text.indexOf('@');
    const version = (at === -1 ? text : text.slice(0, at)).replace(/^:/, '');
    if (version !== '' && !version.includes('/') && !version.includes(':') && !namesAnImage(text, version, at)) {
        if (!grammar_tagPattern.test(version))
            throw new src_ImageRefError(text, `"${version}" is not a valid tag`);
        if (at === -1)
            return { ...name, tag: version };
        const digest = text.slice(at + 1);
        if (!isValidDigest(digest))
            throw new src_ImageRefError(text, `"${digest}" is not a valid digest`);
        return { ...name, tag: version, digest };
    }
    if (text.startsWith(':'))
        throw new src_ImageRefError(text, 'expected :tag, :tag@sha256:…, or a whole reference');
    return src_parseImageRef(text);
}
/**
 * `word@sha256:…` is a tag with a digest when the word reads as a version (`1.4.2`, `v2`) or is written `:word`,
 * and an image name with a digest otherwise (`nginx@sha256:…`, as kustomize and docker read it).
 */
function namesAnImage(text, word, at) {
    return at !== -1 && !text.startsWith(':') && !/^v?\d/.test(word);
}
/** `sha256:<hex>` and the other registered algorithms, without the `@`. */
const bareDigest = /^(?:sha256|sha384|sha512):[0-9a-fA-F]+$/;

;// CONCATENATED MODULE: ./packages/markup/src/index.ts
// Text from Git, a pull request or a server shown in Markdown or HTML: job summaries, pull request bodies and
// comments, Mermaid charts; and plainly in a terminal (printable, textTable). Every such value goes through one of
// these, chosen by where it lands, so that no trailer, name, subject, file name or controller message can become
// markup, a link, a mention, an image or a broken table. Each keeps the text readable: what it escapes renders as
// the character itself.
/** Control characters, line breaks among them, as their JSON escapes: one value stays one line, and visible. */
function src_printable(value) {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is being escaped
    return value.replace(/[\u0000-\u001f\u007f]/g, (c) => JSON.stringify(c).slice(1, -1));
}
/**
 * Inline Markdown text (a sentence, a list item, a table cell): every mark that Markdown or GitHub reads inside a
 * line (emphasis, code, links and images, HTML tags and entities, table pipes, mentions, issue references,
 * strikethrough, math) is backslash-escaped, as are autolinks (`https://…`, `www.…`) and what starts a block at the
 * start of the value, so the value renders as the text it is.
 */
function src_markdownText(value) {
    return (src_printable(value)
        .replace(/[\\`*_[\]<>&|#~$]/g, (character) => `\\${character}`)
        // A mention starts after anything but a letter or digit: `acme/web@f00d` mentions nobody.
        .replace(/(^|[^A-Za-z0-9_])@/g, '$1\\@')
        .replace(/:(?=\/\/)/g, '\\:')
        .replace(/\b(www)\./gi, '$1\\.')
        .replace(/^(\s*)([-+=>]|\d+[.)])/, (_, space, mark) => `${space}${mark.replace(/[-+=>.)]$/, '\\$&')}`));
}
/**
 * A Markdown link to `url` when it is a plain address (`scheme://host/path`, nothing in it that can end the link or
 * start markup, and no `javascript:` or `data:`, which have no `//`); otherwise the text alone, without the address.
 */
function src_markdownLink(text, url) {
    return url && /^[a-z][a-z0-9+.-]*:\/\/[A-Za-z0-9.-]+(:\d+)?(\/[A-Za-z0-9._~%/?#=&+-]*)?$/.test(url)
        ? `[${src_markdownText(text)}](${url})`
        : src_markdownText(text);
}
/** A code span in Markdown that holds `value` whatever backticks it has; pipes escaped, as GitHub's tables need. */
function inlineCode(value) {
    const text = src_printable(value).replaceAll('|', '\\|');
    const fence = '`'.repeat(longestRun(text, '`') + 1);
    const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
    return `${fence}${pad}${text}${pad}${fence}`;
}
/** A fenced code block that `text` cannot close: the fence is longer than any run of backticks in it. */
function codeBlock(text, language = '') {
    const fence = '`'.repeat(Math.max(3, longestRun(text, '`') + 1));
    return `${fence}${language}\n${text.replace(/\n+$/, '')}\n${fence}`;
}
/** Text inside HTML (a `<summary>`, an attribute value). */
function htmlText(value) {
    return src_printable(value).replace(/[&<>"'`]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' })[c]);
}
/**
 * Text inside a quoted Mermaid label or title: Mermaid's own entity codes (`#quot;`) for what would end the
 * string, the label or the fenced block around the chart.
 */
function src_mermaidText(value) {
    return src_printable(value).replace(/[#"`<>]/g, (c) => ({ '#': '#35;', '"': '#quot;', '`': '#96;', '<': '#lt;', '>': '#gt;' })[c]);
}
function longestRun(text, character) {
    let longest = 0;
    let run = 0;
    for (const c of text) {
        run = c === character ? run + 1 : 0;
        if (run > longest)
            longest = run;
    }
    return longest;
}
/** Rows in columns as wide as their widest cell, for a terminal; the last column is not padded. */
function src_textTable(rows, indent = '  ') {
    const widths = [];
    for (const row of rows) {
        row.forEach((cell, i) => {
            widths[i] = Math.max(widths[i] ?? 0, cell.length);
        });
    }
    return rows
        .map((row) => indent + row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  '))
        .join('\n');
}

;// CONCATENATED MODULE: ./packages/audit/src/trailers.ts
// The commit message of a change to an environment: a subject people read, trailers tools read.
// `git interpret-trailers --parse` reads them; each app's block starts at its Gitops-App.



const actions = ['deploy', 'rollback', 'promote', 'hold', 'unhold', 'preview', 'preview-delete'];
/** `web 1.4.2 @ sha256:3f2a9c1d` */
function describeImage(app, image) {
    let ref;
    try {
        ref = src_parseImageRef(image);
    }
    catch {
        return `${app} ${image}`;
    }
    const parts = [app];
    if (ref.tag)
        parts.push(ref.tag);
    if (ref.digest)
        parts.push(`@ ${src_shortDigest(ref.digest)}`);
    return parts.join(' ');
}
/** The commit's subject: `deploy(dev): web 1.4.2 @ sha256:3f2a9c1d` */
function changeSubject(record) {
    const target = record.wave
        ? `${record.environment} wave ${record.wave.index}/${record.wave.count}`
        : record.environment;
    const scope = record.action === 'promote' ? `${target} ← ${record.from}` : target;
    if (record.action === 'hold' || record.action === 'unhold')
        return `${record.action}(${scope}): ${record.reason}`;
    if (record.action === 'preview-delete')
        return `preview-delete(#${record.preview}): ${record.reason}`;
    if (record.action === 'preview')
        return `preview(#${record.preview}): ${record.apps.map((app) => describeImage(app.app, app.image)).join(', ')}`;
    return `${record.action}(${scope}): ${record.apps.map((app) => describeImage(app.app, app.image)).join(', ')}`;
}
function formatCommitMessage(record) {
    const lines = changeTrailers(record).map(([key, value]) => `${key}: ${oneLine(key, value)}`);
    return `${oneLine('subject', changeSubject(record))}\n\n${lines.join('\n')}\n`;
}
/** The trailers of the record's commit, in order, as `git interpret-trailers --parse` reads them back. */
function changeTrailers(record) {
    const trailers = [
        ['Gitops-Action', record.action],
        ['Gitops-Environment', record.environment],
        ['Gitops-Preview', record.preview],
        ['Gitops-From', record.from],
        ['Gitops-Wave', record.wave && `${record.wave.index}/${record.wave.count}`],
        ['Gitops-Clusters', record.wave?.clusters.join(', ')],
        ['Gitops-Allow-Older', record.allowOlder ? 'true' : undefined],
        ['Gitops-Allow-Rejected', record.allowRejected ? 'true' : undefined],
        ['Gitops-Freeze-Override', record.freezeOverride],
        ['Gitops-Reason', record.reason],
        ['Gitops-By', record.by],
    ];
    for (const app of record.apps) {
        trailers.push(['Gitops-App', app.app], ['Gitops-Image', app.image], ['Gitops-Previous-Image', app.previous], ['Gitops-Source', app.source], ['Gitops-Source-Time', app.sourceTime], ['Gitops-Provenance', app.provenance]);
    }
    trailers.push(['Gitops-Run', record.run], ['Gitops-Change', record.change]);
    return trailers.filter((entry) => entry[1] !== undefined && entry[1] !== '');
}
/**
 * A trailer value must stay one line: a line break would start a trailer of its own, which rollback and promote
 * would then obey. Every value is checked here, whatever checked it before, so no path can forge one.
 */
function oneLine(key, value) {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
    if (/[\u0000-\u001f\u007f\u2028\u2029]/.test(value))
        throw new errors_src/* UserError */.yo(`${key} "${src_printable(value)}" holds a line break or control character; refused`);
    return value;
}
/** The change a commit records, from its parsed trailers; undefined for commits not made by gitops. */
function trailers_parseChangeRecord(trailers) {
    // One pass, each key lower-cased once: the metrics read this for every commit of a long history.
    const first = {};
    const apps = [];
    let current;
    for (const [name, value] of trailers) {
        const key = name.toLowerCase();
        if (key === 'gitops-app') {
            current = { app: value, image: '' };
            apps.push(current);
        }
        else if (current)
            setAppField(current, key, value);
        if (changeKeys.has(key) && !Object.hasOwn(first, key))
            first[key] = value;
    }
    const action = first['gitops-action'];
    const environment = first['gitops-environment'];
    if (!action || !environment || !actions.includes(action))
        return undefined;
    return {
        action: action,
        environment,
        from: first['gitops-from'],
        apps,
        run: first['gitops-run'],
        allowOlder: first['gitops-allow-older'] === 'true',
        change: first['gitops-change'],
        allowRejected: first['gitops-allow-rejected'] === 'true',
        freezeOverride: first['gitops-freeze-override'],
        reason: first['gitops-reason'],
        by: first['gitops-by'],
        preview: first['gitops-preview'],
        wave: waveOf(first['gitops-wave'], first['gitops-clusters']),
    };
}
/** A wave's trailers read back; undefined where either is missing or not in the form gitops writes. */
function waveOf(wave, clusters) {
    const match = /^(\d{1,4})\/(\d{1,4})$/.exec(wave ?? '');
    if (!match || !clusters)
        return undefined;
    const names = clusters.split(',').map((name) => name.trim());
    if (names.some((name) => name === ''))
        return undefined;
    return { index: Number(match[1]), count: Number(match[2]), clusters: names };
}
/** The trailers that describe the change as a whole (the first of each counts). */
const changeKeys = new Set([
    'gitops-action',
    'gitops-environment',
    'gitops-from',
    'gitops-run',
    'gitops-allow-older',
    'gitops-change',
    'gitops-allow-rejected',
    'gitops-freeze-override',
    'gitops-reason',
    'gitops-by',
    'gitops-preview',
    'gitops-wave',
    'gitops-clusters',
]);
/** The trailers that follow a Gitops-App and describe it. */
function setAppField(app, key, value) {
    if (key === 'gitops-image')
        app.image = value;
    else if (key === 'gitops-previous-image')
        app.previous = value;
    else if (key === 'gitops-source')
        app.source = value;
    else if (key === 'gitops-source-time')
        app.sourceTime = value;
    else if (key === 'gitops-provenance')
        app.provenance = value;
}

;// CONCATENATED MODULE: ./packages/audit/src/history.ts
// What the audit trail says about an app in an environment: its changes, newest first, read through one
// HistoryReader per question set so the history is fetched once.


/** The change a commit made to `app` in `environment`, if it made one. */
function history_changeOf(commit, environment, app) {
    const record = recordOf(commit);
    if (!record || record.environment !== environment)
        return undefined;
    const entry = record.apps.find((candidate) => candidate.app === app);
    return entry ? { commit, record, app: entry } : undefined;
}
/** The change a commit records, read once per commit: a promotion of 300 apps asks each commit 300 times. */
function recordOf(commit) {
    if (!records.has(commit))
        records.set(commit, trailers_parseChangeRecord(commit.trailers));
    return records.get(commit);
}
const records = new WeakMap();
/** The `nth` (1 = last) change of `app` in `environment`. */
async function nthChange(history, environment, app, nth = 1) {
    // Each deepening round reads history from the tip again: count changes by commit.
    const seen = new Set();
    let found;
    await history.find((commit) => {
        const change = history_changeOf(commit, environment, app);
        if (change)
            seen.add(commit.sha);
        if (change && seen.size === nth)
            found = change;
        return found !== undefined;
    });
    return found;
}
/** The change that put `image` into `environment` for `app` (to carry its source on). */
async function changeThatDeployed(history, environment, app, image) {
    const commit = await history.find((candidate) => history_changeOf(candidate, environment, app)?.app.image === image);
    return commit ? history_changeOf(commit, environment, app) : undefined;
}
/** The changes of `app` in `environment` back to (not including) the one that deployed `since`, at most 20. */
async function changesBetween(history, environment, app, since) {
    const changes = [];
    await history.find((commit) => {
        const change = history_changeOf(commit, environment, app);
        if (!change)
            return false;
        if (change.app.image === since)
            return true;
        if (!changes.some((known) => known.commit.sha === commit.sha))
            changes.push(change);
        return changes.length >= 20;
    });
    return changes;
}
/**
 * Since when commits may hold a change built from a source newer than the oldest of `ourTimes`: such a change was
 * committed after that source was, so only commits since then (less an hour for clocks that disagree) count.
 */
function newerSourceSince(ourTimes) {
    const times = ourTimes.map((time) => Date.parse(time ?? '')).filter(Number.isFinite);
    return times.length ? new Date(Math.min(...times) - 3_600_000) : undefined;
}
/** The commits that may record a source newer than the oldest of `ourTimes` (none when no time is known). */
async function commitsSinceSources(checkout, ourTimes) {
    const since = newerSourceSince(ourTimes);
    return since ? (0,git_src/* historySince */.H2)(checkout, since) : [];
}
/** The last change of `app` in `environment` among `commits` (newest first) when its source is newer than ours. */
function newerChange(commits, environment, app, ourTime) {
    if (!ourTime)
        return undefined;
    const last = commits.map((commit) => history_changeOf(commit, environment, app)).find(Boolean);
    const theirs = last?.app.sourceTime;
    if (!last || !theirs || Date.parse(theirs) <= Date.parse(ourTime))
        return undefined;
    return { image: last.app.image, source: last.app.source, sourceTime: theirs, run: last.record.run };
}

;// CONCATENATED MODULE: ./packages/audit/src/change-trail.ts


/** Times in the report as UTC ISO 8601 (git gives each commit's own offset). */
const utc = (time) => new Date(time).toISOString();
/** Makes each logged commit a ReadCommit; one reader per history, as it remembers the images it has just parsed. */
function change_trail_commitReader() {
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
function recentIdentities() {
    let recent = new Map();
    return (text) => {
        if (text === undefined)
            return undefined;
        if (recent.has(text))
            return recent.get(text);
        if (recent.size >= 512)
            recent = new Map();
        const key = imageIdentity(text);
        recent.set(text, key);
        return key;
    };
}
/**
 * Every change of every app, oldest first, each marked when rolled back; and the hand edits of the period, newest
 * first. One pass: per environment and app, only its last change and the images it ran before are kept (each
 * image by its identity, so that a change back to any of them is found at once, however long the history).
 */
function change_trail_trail(commits, request) {
    const inPeriod = (time) => time >= request.since.getTime() && time <= request.until.getTime();
    const changes = [];
    const handEdits = [];
    const apps = new Map();
    for (const { commit, at, landedAt } of oldestFirst(commits)) {
        const record = commit.record;
        // A pull request's preview is no deployment of an environment: the report lists previews apart.
        if (record && change_trail_isPreviewAction(record.action))
            continue;
        if (!record) {
            if (commit.parents.length <= 1 && inPeriod(commit.time))
                handEdits.push({ commit: commit.sha, subject: commit.subject, committedAt: commit.utc });
            continue;
        }
        record.apps.forEach((app, index) => {
            const key = `${record.environment}\n${app.app}`;
            const seen = apps.get(key) ?? { last: undefined, earlier: new Set() };
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
function continuesRollout(last, record, image) {
    const wave = record.wave;
    if (!wave || wave.index <= 1 || record.action === 'rollback')
        return false;
    return image !== undefined && last.image === image && last.change.action !== 'rollback' && !last.change.restores;
}
/** The app's next change: whether it restores an earlier image, and whether it rolls back the one before. */
function nextChange(seen, next, failureWindowSeconds) {
    const { commit, record, app, identity, at, landedAt } = next;
    const previous = seen.last;
    const image = identity.image;
    // A change back to an image the environment ran before its last change undoes something.
    const restores = record.action === 'rollback' || (image !== undefined && image !== previous?.image && seen.earlier.has(image));
    const timed = {
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
        if (after <= failureWindowSeconds)
            previous.change = { ...previous.change, rolledBack: { by: commit.sha, after } };
    }
    if (previous?.image !== undefined)
        seen.earlier.add(previous.image);
    if (identity.previous !== undefined)
        seen.earlier.add(identity.previous);
    seen.last = timed;
    return timed;
}
/**
 * Commits in the order they reached the branch, oldest first, with when (in milliseconds, and in UTC ISO 8601);
 * commits of the same second keep git's order (reversed, as git lists the newest first).
 */
function oldestFirst(commits) {
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
function landingCommits(commits) {
    const bySha = new Map(commits.map((commit) => [commit.sha, commit]));
    const landed = new Map();
    const line = [];
    for (let commit = commits[0]; commit && !landed.has(commit); commit = bySha.get(commit.parents[0] ?? '')) {
        landed.set(commit, commit);
        line.push(commit);
    }
    for (const merge of line.reverse()) {
        const queue = merge.parents.slice(1);
        for (let next = 0; next < queue.length; next++) {
            const commit = bySha.get(queue[next]);
            if (!commit || landed.has(commit))
                continue;
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
function imageIdentity(text) {
    if (text === undefined)
        return undefined;
    try {
        const ref = parseImageRef(text);
        return `${ref.registry}/${ref.repository}${ref.digest ? `@${ref.digest}` : `:${ref.tag ?? ''}`}`;
    }
    catch {
        return `unparsed ${text}`; // the same text is the same image, and no parsed one
    }
}
/** Whether a change is a preview's (opened, updated, removed): counted apart from deployments. */
function change_trail_isPreviewAction(action) {
    return action === 'preview' || action === 'preview-delete';
}

;// CONCATENATED MODULE: ./packages/audit/src/metrics.ts
// Delivery metrics from the audit trail: the four DORA measures read from the config repository's history, from
// the trailers every change carries and nothing else. Definitions, and where they differ from DORA's, are in
// docs/metrics.md; each figure here says which it computes.


const day = 86_400;
async function metrics_deliveryMetrics(request) {
    // Changes before the period are read as far back as the failure window: a rollback in the period may undo one.
    const from = new Date(request.since.getTime() - request.failureWindowSeconds * 1000);
    const commits = [];
    const read = commitReader();
    await eachLogged(workingCopy(request.repository, 120_000), from, (commit) => commits.push(read(commit)));
    return reportOf(commits, request);
}
/** The report from commits (newest first, as git log gives them). */
function metricsOf(commits, request) {
    return reportOf(commits.map(commitReader()), request);
}
function reportOf(commits, request) {
    const since = request.since.getTime();
    const until = request.until.getTime();
    const { changes, handEdits } = trail(commits, request);
    const all = changes
        .filter((change) => change.at >= since && change.at <= until)
        .map(({ change }) => change)
        .filter((change) => !request.environment || change.environment === request.environment)
        .filter((change) => !request.app || change.app === request.app);
    const days = Math.max((until - since) / 1000 / day, 1 / 24);
    const environments = [...groupBy(all, (change) => change.environment)].map(([environment, own]) => {
        const apps = [...groupBy(own, (change) => change.app)]
            .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
            .map(([app, changes]) => ({ app, ...measures(changes, days) }));
        return { environment, ...measures(own, days), apps };
    });
    return {
        since: new Date(since).toISOString(),
        until: new Date(until).toISOString(),
        days,
        failureWindowSeconds: request.failureWindowSeconds,
        environments,
        handEdits,
        changes: all,
        previews: previewActivity(commits, since, until),
    };
}
/** The preview changes of the period, per pull request, in the order of their numbers. */
function previewActivity(commits, since, until) {
    const byNumber = new Map();
    for (const { record, time } of commits) {
        if (!record?.preview || !isPreviewAction(record.action) || time < since || time > until)
            continue;
        const entry = byNumber.get(record.preview) ?? { apps: new Set(), deploys: 0, removed: false };
        byNumber.set(record.preview, entry);
        for (const app of record.apps)
            entry.apps.add(app.app);
        if (record.action === 'preview')
            entry.deploys++;
        else
            entry.removed = true;
    }
    return [...byNumber]
        .sort(([a], [b]) => Number(a) - Number(b))
        .map(([preview, entry]) => ({
        preview,
        apps: [...entry.apps].sort(),
        deploys: entry.deploys,
        removed: entry.removed,
    }));
}
function measures(changes, days) {
    const deployments = changes.filter((change) => change.action !== 'rollback' && !change.restores);
    const failed = deployments.filter((change) => change.rolledBack);
    return {
        deployments: deployments.length,
        rollbacks: changes.length - deployments.length,
        perDay: deployments.length / days,
        perWeek: (deployments.length / days) * 7,
        leadTime: metrics_durations(deployments.flatMap((change) => change.sourceTime ? [(Date.parse(change.landedAt) - Date.parse(change.sourceTime)) / 1000] : [])),
        changeFailureRate: {
            failed: failed.length,
            of: deployments.length,
            rate: deployments.length ? failed.length / deployments.length : undefined,
        },
        timeToRestore: metrics_durations(failed.map((change) => change.rolledBack?.after ?? 0)),
    };
}
/** Median (the mean of the two middle values for an even count) and 90th percentile (nearest rank). */
function metrics_durations(values) {
    const sorted = values.filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
    const n = sorted.length;
    if (n === 0)
        return { count: 0, median: undefined, p90: undefined };
    const median = n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    return { count: n, median, p90: sorted[Math.ceil(0.9 * n) - 1] };
}
/** The items of `list` by `key`, in the order each key first appears. */
function groupBy(list, key) {
    const groups = new Map();
    for (const item of list) {
        const name = key(item);
        const group = groups.get(name);
        if (group)
            group.push(item);
        else
            groups.set(name, [item]);
    }
    return groups;
}
const units = { m: 60, h: 3_600, d: 86_400, w: 604_800 };
/** `90d`, `12w`, `48h`, `15m` (minutes) in seconds; undefined for anything else. */
function spanSeconds(text) {
    const match = /^(\d+)([mhdw])$/.exec(text.trim());
    return match ? Number(match[1]) * units[match[2]] : undefined;
}
/** A span back from `now` (`90d`) or a date (`2026-09-01`, or a whole ISO 8601 time); undefined for anything else. */
function pointInTime(text, now) {
    const seconds = spanSeconds(text);
    if (seconds !== undefined)
        return new Date(now.getTime() - seconds * 1000);
    const trimmed = text.trim();
    if (!/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2}))?$/.test(trimmed))
        return undefined;
    const date = new Date(trimmed);
    // Date.parse rolls 2026-02-30 over into another date: the calendar day must read back as written.
    const day = new Date(`${trimmed.slice(0, 10)}T00:00:00Z`);
    return Number.isNaN(date.getTime()) ||
        Number.isNaN(day.getTime()) ||
        !day.toISOString().startsWith(trimmed.slice(0, 10))
        ? undefined
        : date;
}

;// CONCATENATED MODULE: ./packages/audit/src/metrics-markdown.ts
// The delivery metrics as Markdown for a job summary: a table per environment and app, and Mermaid charts of
// deployments and lead time per week, which GitHub renders. Every name comes from trailers anyone can write, so
// each is escaped (markup).


const hours = (seconds) => (seconds === undefined ? '-' : `${(seconds / 3_600).toFixed(1)} h`);
const percent = (measures) => measures.changeFailureRate.rate === undefined
    ? '-'
    : `${Math.round(measures.changeFailureRate.rate * 100)}% (${measures.changeFailureRate.failed}/${measures.changeFailureRate.of})`;
function row(name, measures) {
    const cells = [
        name,
        String(measures.deployments),
        measures.perDay.toFixed(2),
        measures.perWeek.toFixed(1),
        `${hours(measures.leadTime.median)} / ${hours(measures.leadTime.p90)}`,
        percent(measures),
        `${hours(measures.timeToRestore.median)} / ${hours(measures.timeToRestore.p90)}`,
        String(measures.rollbacks),
    ];
    return `| ${cells.join(' | ')} |`;
}
/** The Monday (UTC) that starts the week of `time`, as YYYY-MM-DD. */
function weekOf(time) {
    const date = new Date(time);
    date.setUTCHours(0, 0, 0, 0);
    date.setUTCDate(date.getUTCDate() - ((date.getUTCDay() + 6) % 7));
    return date.toISOString().slice(0, 10);
}
/** The weeks of the period, oldest first. */
function weeks(report) {
    const list = [];
    for (let time = Date.parse(report.since); time <= Date.parse(report.until); time += 7 * 86_400_000) {
        const week = weekOf(time);
        if (!list.includes(week))
            list.push(week);
    }
    const last = weekOf(Date.parse(report.until));
    if (!list.includes(last))
        list.push(last);
    return list;
}
/** An xychart-beta block; Mermaid wants labels quoted and values plain. */
function chart(title, labels, yLabel, kind, values) {
    return [
        '```mermaid',
        'xychart-beta',
        `  title "${mermaidText(title)}"`,
        `  x-axis [${labels.map((label) => `"${label.slice(5)}"`).join(', ')}]`,
        `  y-axis "${yLabel}"`,
        `  ${kind} [${values.map((value) => Number(value.toFixed(2))).join(', ')}]`,
        '```',
    ].join('\n');
}
/**
 * The report as the job summary shows it. `definitions`: where docs/metrics.md is, in the repository the action runs
 * from; without it the summary names the file without a link.
 */
function metricsMarkdown(report, definitions) {
    const link = definitions ? `[Definitions](${definitions})` : 'Definitions: docs/metrics.md of the gitops actions';
    const lines = [
        '### Delivery metrics',
        '',
        `From ${report.since.slice(0, 10)} to ${report.until.slice(0, 10)} (${report.days.toFixed(1)} days). A change rolled back within ${(report.failureWindowSeconds / 86_400).toFixed(1)} days counts as failed. Lead time and time to restore: median / 90th percentile. ${link}.`,
        '',
    ];
    if (report.environments.length === 0)
        lines.push('No gitops changes in this period.');
    else {
        lines.push('| environment / app | deploys | per day | per week | lead time | failure rate | time to restore | rollbacks |', '|---|---|---|---|---|---|---|---|');
        for (const environment of report.environments) {
            // Names come from the trailers (Gitops-Environment, Gitops-App): anyone who writes a commit writes them.
            lines.push(row(`**${markdownText(environment.environment)}**`, environment));
            for (const app of environment.apps)
                lines.push(row(`&nbsp;&nbsp;${markdownText(app.app)}`, app));
        }
        const labels = weeks(report);
        const deliveries = report.changes.filter((change) => change.action !== 'rollback' && !change.restores);
        const perWeek = labels.map((week) => deliveries.filter((change) => weekOf(Date.parse(change.landedAt)) === week).length);
        lines.push('', chart('Deployments per week, all environments', labels, 'deployments', 'bar', perWeek));
        // Lead time to the last environment in the report (prod, in promotion order), the one users feel.
        const last = report.environments.at(-1)?.environment;
        const leadHours = labels.map((week) => durations(deliveries
            .filter((change) => change.environment === last && change.sourceTime && weekOf(Date.parse(change.landedAt)) === week)
            .map((change) => (Date.parse(change.landedAt) - Date.parse(change.sourceTime)) / 3_600_000)).median ?? 0);
        lines.push('', chart(`Lead time to ${last} per week (median, hours; 0: no deployment)`, labels, 'hours', 'line', leadHours));
    }
    if (report.previews.length) {
        const listed = report.previews.map((p) => `#${p.preview} (${p.deploys} deploys${p.removed ? ', removed' : ''})`);
        lines.push('', `**Pull request previews**, not counted above: ${listed.join(', ')}`);
    }
    if (report.handEdits.length) {
        lines.push('', `**Commits without gitops trailers (hand edits)**, not counted above: ${report.handEdits.length}`, '');
        for (const edit of report.handEdits.slice(0, 50))
            lines.push(`- \`${edit.commit.slice(0, 7)}\` ${edit.committedAt.slice(0, 10)} ${markdownText(edit.subject)}`);
        if (report.handEdits.length > 50)
            lines.push(`- … and ${report.handEdits.length - 50} more (the report output lists all)`);
    }
    return lines.join('\n');
}

;// CONCATENATED MODULE: ./packages/audit/src/rejections.ts
// Rejected images: an image rolled back out of an environment is rejected there, so that promote and auto-promote
// do not bring it back (a source environment that still runs it healthy says nothing about why it was rolled
// back). The rollback commit's Gitops-Previous-Image names it. The rejection is per digest (per tag when either
// image has no digest): a newer image clears nothing. Only a change that the team marked allow-rejected, writing
// that same image again, lifts it.



/**
 * The rollback that rejected `image` of `app` in `environment`, among `commits` (newest first); undefined when none
 * did, or when a later allow-rejected change wrote it again.
 */
function rejectionOf(commits, environment, app, image) {
    const wanted = src_tryParseImageRef(image);
    if (!wanted)
        return undefined;
    for (const commit of commits) {
        const change = history_changeOf(commit, environment, app);
        if (!change)
            continue;
        const { record, app: entry } = change;
        if (record.action !== 'rollback' && record.allowRejected && sameRelease(src_tryParseImageRef(entry.image), wanted))
            return;
        if (record.action === 'rollback' && entry.previous && sameRelease(src_tryParseImageRef(entry.previous), wanted))
            return { image: entry.previous, commit: commit.sha, committedAt: commit.committedAt, run: record.run };
    }
    return undefined;
}
/** Every image rejected in `environment`, per app, newest rollback first (gitops status). */
function rejections_rejectedImages(commits, environment, apps) {
    const found = new Map();
    for (const app of apps) {
        const seen = new Set();
        const list = [];
        for (const commit of commits) {
            const change = changeOf(commit, environment, app);
            const image = change?.app.previous;
            if (!image || seen.has(image) || change?.record.action !== 'rollback')
                continue;
            seen.add(image);
            const rejection = rejectionOf(commits, environment, app, image);
            if (rejection?.commit === commit.sha)
                list.push(rejection);
        }
        if (list.length)
            found.set(app, list);
    }
    return found;
}
/** The same release: the same digest where both pin one; else the same tag. */
function sameRelease(a, b) {
    if (!a)
        return false;
    if (a.digest !== undefined && b.digest !== undefined)
        return a.digest === b.digest;
    return a.tag !== undefined && a.tag === b.tag;
}
/** How far back a rejection is looked for when an image's build time is not known. */
const rollbackDepth = 512;
/**
 * The commits that may hold the rollback of images built at `times`: a rollback of an image comes after the image
 * was built, so `sinceSources` (the commits since the oldest of them, which the newer-source rule reads too) holds
 * it. Where a time is not known, the last 512 commits. Read once, when first asked.
 */
function rollbackHistory(checkout, times, sinceSources) {
    let commits;
    const known = times.length > 0 && times.every((time) => time !== undefined && Number.isFinite(Date.parse(time)));
    return () => (commits ??= known ? sinceSources() : (0,git_src/* recentCommits */.i)(checkout, rollbackDepth));
}

;// CONCATENATED MODULE: ./packages/audit/src/index.ts
// The audit trail: what each change records in its commit's trailers, and reading it back from the history
// (an app's changes, the delivery metrics). delivery writes through it; the CLI and the metrics action read it.







;// CONCATENATED MODULE: ./packages/delivery/src/landing/pending-trust.ts
// Who made a pending change. Anyone who can push a ref can write under refs/gitops/pending/, so a pending change is
// a request, never trusted bytes: it is carried only when it proves it was made by an identity this pipeline trusts.
// - commit-signing: ssh: the pending commit is signed, and carried when a key of the allowed-signers file that
//   gitops.yaml names (read from the branch being changed, as Git holds it) made the signature.
// - commit-signing: github: the pending commit is made by GitHub for the token's identity, and carried when GitHub
//   shows it verified and made by the same account as our own pending commit.
// Without either there is no way to tell, and no pending change is published or carried (land.ts).





/** Warns once per pending change that is not carried for who made it: the same one is seen at every look. */
function ignoring(logger) {
    const named = new Set();
    return (pending, why) => {
        if (named.has(pending.ref))
            return;
        named.add(pending.ref);
        logger.warning(`Ignoring the pending change ${pending.ref} (${changeSubject(pending.record)}): ${why}; it is not carried`);
    };
}
/** Pending commits signed with the SSH key every commit is signed with, checked against gitops.yaml's allowed-signers. */
function sshPendingTrust(logger) {
    const ignore = ignoring(logger);
    const verdicts = new Map();
    let signersSeen;
    return {
        unusable: (config) => config.allowedSigners === undefined ? 'gitops.yaml names no allowed-signers file to check them by' : undefined,
        async publish({ checkout, message, author, ref }) {
            const sha = await checkout.looseCommit(message, author);
            const result = await checkout.publish(sha, ref);
            return result.published ? { published: true, date: author.date } : result;
        },
        async trusted(checkout, config, pending) {
            const file = config.allowedSigners;
            if (pending.length === 0 || file === undefined)
                return [];
            // As the branch holds it: the tip just fetched, not the working tree and not a pull request's copy.
            const signers = await (0,git_src/* fileAt */.Wd)(checkout, `refs/remotes/origin/${checkout.branch}`, file, signersSeen);
            if (signers.kind !== 'file') {
                for (const change of pending)
                    ignore(change, `allowed-signers "${file}" ${(0,git_src/* fileAtProblem */.nF)(signers.kind)}`);
                return [];
            }
            // Verdicts hold for one list of keys: a new list (the branch changed it) checks every change again.
            if (signers !== signersSeen)
                verdicts.clear();
            signersSeen = signers;
            const unknown = pending.filter((change) => !verdicts.has(change.sha));
            if (unknown.length > 0) {
                const found = await signatureVerdicts(checkout, signers.text, unknown);
                for (const [sha, good] of found)
                    verdicts.set(sha, good);
            }
            return pending.filter((change) => {
                if (verdicts.get(change.sha))
                    return true;
                ignore(change, `it is not signed by a key of allowed-signers "${file}"`);
                return false;
            });
        },
    };
}
/** Whether each commit carries a good signature by a key of the allowed-signers text, by commit id. */
async function signatureVerdicts(checkout, allowedSigners, pending) {
    const list = external_node_path_.join(external_node_path_.dirname(checkout.dir), 'allowed-signers');
    (0,external_node_fs_.writeFileSync)(list, allowedSigners, { mode: 0o600 });
    // %G? is G only for a good signature by a key the allowed-signers file lists.
    const output = await checkout.run([
        '-c',
        `gpg.ssh.allowedSignersFile=${list}`,
        'log',
        '--no-walk=unsorted',
        '--format=%H %G?',
        ...pending.map((change) => change.sha),
        '--',
    ]);
    const verdicts = new Map();
    for (const line of output.split('\n')) {
        const [sha = '', mark = ''] = line.trim().split(' ');
        if (sha)
            verdicts.set(sha, mark === 'G');
    }
    return verdicts;
}
/** Who made a commit, as GitHub shows it: asked once per commit, and again at the next look when asking failed. */
function authorshipCache(client, repository) {
    const authorship = new Map();
    return (sha) => {
        let found = authorship.get(sha);
        if (!found) {
            found = commitAuthorship(client, repository, sha);
            authorship.set(sha, found);
            found.catch(() => authorship.delete(sha));
        }
        return found;
    };
}
/** Pending commits made by GitHub for the token's identity, carried when GitHub shows the same verified account. */
function githubPendingTrust(client, repository, logger) {
    const ignore = ignoring(logger);
    const authorOf = authorshipCache(client, repository);
    let own;
    return {
        unusable: () => undefined,
        async publish({ message, ref }) {
            try {
                const made = await createLooseCommit(client, { repository, message, ref });
                own = made.sha;
                return { published: true, date: made.date };
            }
            catch (error) {
                if (error instanceof GitHubError)
                    return { published: false, reason: error.message };
                throw error;
            }
        },
        async trusted(_checkout, _config, pending) {
            if (pending.length === 0)
                return [];
            const self = own ? await authorOf(own) : undefined;
            if (!self?.verified || !self.account) {
                for (const change of pending)
                    ignore(change, 'our own pending change does not show as verified on GitHub, so there is no identity to compare');
                return [];
            }
            const mine = self.account;
            const found = await Promise.all(pending.map((change) => authorOf(change.sha)));
            return pending.filter((change, index) => {
                const { verified, account } = found[index];
                if (verified && account?.id === mine.id)
                    return true;
                ignore(change, verified
                    ? `it was made by ${account ? `${account.login} (${account.id})` : 'no GitHub account'}, not by ${mine.login} as this pipeline`
                    : 'GitHub does not show it as verified');
                return false;
            });
        },
    };
}

;// CONCATENATED MODULE: ./packages/delivery/src/landing/retry.ts

const defaultRetryPolicy = {
    maxAttempts: 30,
    timeoutMs: 300_000,
    baseDelayMs: 100,
    maxDelayMs: 2_000,
};
/** Between looks, per pipeline waiting: a server polled by 50 pipelines at once would spend its CPU answering. */
const lookSpacingPerWaiterMs = 100;
/** The longest pause between two looks (the branch counts as standing still after 10 s). */
const longestLookMs = 4_000;
/**
 * The pause before the next look while another pipeline lands ours: half the longest backoff, longer when many
 * wait, so that the server is asked a few times a second rather than by every waiting pipeline at once.
 */
function lookPauseMs(policy, waiters = 0) {
    return Math.min(longestLookMs, Math.max(policy.maxDelayMs / 2, waiters * lookSpacingPerWaiterMs));
}
/** Looks while another pipeline lands our change: at most this many, within the push timeout. */
const maxLooks = 1_000;
/**
 * Runs `attempt` (given its number, from 1) until it pushes or finds nothing to do; an attempt after the first
 * starts from the new tip. Only pushes count against `maxAttempts`; looks while another pipeline carries the
 * change count against the time.
 */
async function pushWithRetry(policy, logger, attempt, random = Math.random) {
    if (policy.maxAttempts < 1)
        throw new errors_DeliveryError('must be at least 1', { subject: 'push-attempts' });
    const started = Date.now();
    let pushes = 0;
    for (let number = 1; number <= policy.maxAttempts + maxLooks; number++) {
        const outcome = await attempt(number);
        if (!outcome)
            return { commit: undefined, attempts: Math.max(pushes, 1) };
        if (outcome.outcome === 'pushed')
            return { commit: outcome.commit, attempts: pushes + 1 };
        if (outcome.outcome === 'carried')
            return { commit: outcome.commit, attempts: pushes };
        if (outcome.outcome === 'rejected')
            pushes++;
        const elapsed = Date.now() - started;
        if (pushes >= policy.maxAttempts || elapsed >= policy.timeoutMs) {
            throw new errors_DeliveryError(`gave up after ${pushes} push attempts in ${(elapsed / 1000).toFixed(1)} s: each time another change landed first; allow more push attempts or a longer push timeout`);
        }
        let delay;
        if (outcome.outcome === 'rejected') {
            const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (pushes - 1));
            delay = Math.min(Math.round(backoff * random()), policy.timeoutMs - elapsed);
            logger.info(`push ${pushes} was rejected: the branch moved on; re-applying on the new tip in ${delay} ms`);
        }
        else {
            // Between half and one and a half of the pause: the pipeline landing ours needs a moment.
            delay = Math.min(Math.round(lookPauseMs(policy, outcome.waiters) * (0.5 + random())), policy.timeoutMs - elapsed);
        }
        await new Promise((resolve) => setTimeout(resolve, delay));
    }
    throw new errors_DeliveryError(`gave up after ${pushes} push attempts and ${maxLooks} looks: another pipeline kept landing changes first`);
}

// EXTERNAL MODULE: ./node_modules/.pnpm/yaml@2.9.1/node_modules/yaml/dist/index.js
var dist = __webpack_require__(88009);
;// CONCATENATED MODULE: ./packages/config/src/controller-addresses.ts
// Where each environment's controller is read, as a gitops.yaml text says it. Compared between a pull request's
// checkout and the default branch, so that a checkout cannot send the Argo CD token or the kubeconfig's credentials
// to an address the team did not write on the protected branch.


/** The key the previews block's controller is listed under: no environment can be named so (names have no space). */
const controller_addresses_previewsControllerKey = 'previews block';
/**
 * Environment name (and {@link previewsControllerKey}) to `argocd <server> insecure=<bool>` or `flux <server or
 * current-context> insecure=<bool> exec=<bool>`, a fleet's clusters' own after it; environments without a
 * controller are left out. Text that is not a gitops.yaml mapping gives none.
 */
function controller_addresses_controllerAddresses(text) {
    const addresses = new Map();
    let data;
    try {
        data = parse(text, { maxAliasCount: 100 });
    }
    catch {
        return addresses;
    }
    const blocks = [...Object.entries(asRecord(asRecord(data).environments))];
    if (asRecord(data).previews !== undefined)
        blocks.push([controller_addresses_previewsControllerKey, asRecord(data).previews]);
    for (const [name, value] of blocks) {
        // A fleet's clusters may each name a controller: every one of them is part of the environment's address.
        const clusters = Array.isArray(asRecord(value).clusters) ? asRecord(value).clusters : [];
        const parts = [
            addressOf(asRecord(value).controller),
            ...clusters.map((cluster) => {
                const own = addressOf(asRecord(cluster).controller);
                return own && `cluster ${String(asRecord(cluster).name)}: ${own}`;
            }),
        ].filter((part) => part !== undefined);
        if (parts.length)
            addresses.set(name, parts.join('; '));
    }
    return addresses;
}
/** `argocd <server> insecure=<bool>` or `flux <server> insecure=<bool> exec=<bool>`; undefined for no controller. */
function addressOf(value) {
    const controller = asRecord(value);
    const argocd = asRecord(controller.argocd);
    const flux = asRecord(controller.flux);
    const server = (entry) => typeof entry.server === 'string' ? entry.server.replace(/\/+$/, '') : '(current context)';
    if (controller.argocd !== undefined)
        return `argocd ${server(argocd)} insecure=${argocd.insecure === true}`;
    if (controller.flux !== undefined)
        return `flux ${server(flux)} insecure=${flux.insecure === true} exec=${flux['kubeconfig-exec'] === true}`;
    return undefined;
}

;// CONCATENATED MODULE: ./packages/config/src/convention.ts
// The layout of a config repository without gitops.yaml: one environment per folder under envs/ or
// environments/, promoted in the usual order (dev before staging before prod).


const convention_conventionFolders = ['envs', 'environments'];
// Lower rank promotes into higher rank; names not listed come after, alphabetically.
const usualOrder = [
    'local',
    'dev',
    'development',
    'test',
    'testing',
    'qa',
    'integration',
    'uat',
    'stage',
    'staging',
    'preprod',
    'pre-prod',
    'canary',
    'prod',
    'production',
];
function diskFolders(root) {
    return (folder) => {
        const folderPath = external_node_path_.join(root, folder);
        if (!(0,external_node_fs_.existsSync)(folderPath) || !(0,external_node_fs_.statSync)(folderPath).isDirectory())
            return [];
        return (0,external_node_fs_.readdirSync)(folderPath, { withFileTypes: true })
            .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
            .map((entry) => entry.name);
    };
}
function convention_conventionEnvironments(root, list = diskFolders(root)) {
    for (const folder of convention_conventionFolders) {
        const names = list(folder);
        if (names.length === 0)
            continue;
        names.sort(byUsualOrder);
        return names.map((name, index) => ({
            name,
            path: `${folder}/${name}`,
            promoteFrom: index > 0 ? names[index - 1] : undefined,
            via: 'commit',
            requireDigest: true,
            controller: undefined,
            requireHealthy: false,
            autoPromote: false,
            freeze: [],
            hold: undefined,
            url: undefined,
            requireProvenance: undefined,
            location: undefined,
        }));
    }
    return undefined;
}
/** Whether a name is one of the usual environment names (dev, staging, prod, …), in any case. */
function isUsualEnvironmentName(name) {
    return usualOrder.includes(name.toLowerCase());
}
function byUsualOrder(a, b) {
    const rank = (name) => {
        const index = usualOrder.indexOf(name.toLowerCase());
        return index === -1 ? usualOrder.length : index;
    };
    return rank(a) - rank(b) || a.localeCompare(b);
}

;// CONCATENATED MODULE: ./packages/config/src/freeze.ts
// Freeze windows (gitops.yaml `freeze:` of an environment): spans of dates, or weekly spans of a time zone, in
// which deploy and promote refuse to change the environment. Rollback is never refused: it is the remedy. Times
// are the wall clock of the window's zone (IANA, default UTC), as the team that wrote it reads a calendar, so a
// Friday-afternoon window follows daylight saving time.
const days = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const minutesPerWeek = 7 * 24 * 60;
/** A window from gitops.yaml's entry, or the problem with it and the key it is at. */
function readFreezeWindow(raw) {
    const zone = typeof raw.zone === 'string' ? raw.zone : 'UTC';
    if (!validZone(zone))
        return { problem: `unknown time zone "${zone}"; use an IANA name such as Europe/Berlin`, key: 'zone' };
    const reason = typeof raw.reason === 'string' ? raw.reason : undefined;
    const dated = raw.from !== undefined || raw.to !== undefined;
    if (typeof raw.weekly === 'string' && dated)
        return { problem: 'a window is either dates (from, to) or weekly, not both', key: 'weekly' };
    if (!dated && typeof raw.weekly !== 'string')
        return { problem: 'a freeze window needs from and to (dates), or weekly', key: 'from' };
    if (typeof raw.weekly === 'string') {
        const span = weeklySpan(raw.weekly);
        return 'problem' in span ? { ...span, key: 'weekly' } : { kind: 'weekly', text: raw.weekly, ...span, zone, reason };
    }
    const from = localTime(raw.from);
    const to = localTime(raw.to);
    if (!from)
        return { problem: `"${String(raw.from)}" is not a date: write YYYY-MM-DD or YYYY-MM-DDTHH:MM`, key: 'from' };
    if (!to)
        return { problem: `"${String(raw.to)}" is not a date: write YYYY-MM-DD or YYYY-MM-DDTHH:MM`, key: 'to' };
    const window = { kind: 'dates', from: from.time, to: to.time, toEndOfDay: to.dateOnly, zone, reason };
    const { start, end } = datesSpan(window);
    if (end <= start)
        return { problem: `the window ends (${String(raw.to)}) before it starts (${String(raw.from)})`, key: 'to' };
    return window;
}
/** The first of `windows` in force at `now`, with its end; undefined when none is. */
function freeze_activeFreeze(windows, now) {
    const at = now.getTime();
    for (const window of windows) {
        const until = window.kind === 'dates' ? datesUntil(window, at) : weeklyUntil(window, at);
        if (until !== undefined)
            return { window, until: new Date(until), untilText: wallText(until, window.zone) };
    }
    return undefined;
}
function datesSpan(window) {
    const start = zonedToUtc(window.from, window.zone);
    const [y, m, d, h, min] = window.to;
    const end = zonedToUtc(window.toEndOfDay ? [y, m, d + 1, 0, 0] : [y, m, d, h, min], window.zone);
    return { start, end };
}
function datesUntil(window, at) {
    const { start, end } = datesSpan(window);
    return at >= start && at < end ? end : undefined;
}
function weeklyUntil(window, at) {
    const wall = wallClock(at, window.zone);
    const minute = wall.weekday * 1440 + wall.hour * 60 + wall.minute;
    const { start, end } = window;
    const inside = start < end ? minute >= start && minute < end : minute >= start || minute < end;
    if (!inside)
        return undefined;
    const ahead = (end - minute + minutesPerWeek) % minutesPerWeek;
    const dayOffset = Math.floor((minute + ahead) / 1440) - Math.floor(minute / 1440);
    return zonedToUtc([wall.year, wall.month, wall.day + dayOffset, Math.floor(end / 60) % 24, end % 60], window.zone);
}
/** `fri 16:00 - mon 08:00` as minutes of the week (Monday 00:00 is 0), or the problem with it. */
function weeklySpan(text) {
    const match = /^\s*([a-z]+)\s+(\d{1,2}):(\d{2})\s*-\s*([a-z]+)\s+(\d{1,2}):(\d{2})\s*$/i.exec(text);
    const problem = `"${text}" is not a weekly window: write it as "fri 16:00 - mon 08:00" (days mon to sun, 24-hour times)`;
    if (!match)
        return { problem };
    const start = weekMinute(match[1], match[2], match[3]);
    const end = weekMinute(match[4], match[5], match[6]);
    if (start === undefined || end === undefined)
        return { problem };
    if (start === end)
        return { problem: `"${text}" starts when it ends: a weekly window needs some time` };
    return { start, end };
}
function weekMinute(day = '', hour = '', minute = '') {
    const index = days.indexOf(day.slice(0, 3).toLowerCase());
    const h = Number(hour);
    const m = Number(minute);
    if (index < 0 || h > 23 || m > 59)
        return undefined;
    return index * 1440 + h * 60 + m;
}
/** `2026-12-20` or `2026-12-20T16:00` (a YAML timestamp read as a Date too). */
function localTime(value) {
    const text = value instanceof Date ? value.toISOString().slice(0, 10) : value;
    if (typeof text !== 'string')
        return undefined;
    const match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?$/.exec(text.trim());
    if (!match)
        return undefined;
    const [y, mo, d, h, mi] = match.slice(1).map((part) => Number(part ?? 0));
    const check = new Date(Date.UTC(y, mo - 1, d, h, mi));
    if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59)
        return undefined;
    return { time: [y, mo, d, h, mi], dateOnly: match[4] === undefined };
}
function validZone(zone) {
    try {
        new Intl.DateTimeFormat('en-US', { timeZone: zone });
        return true;
    }
    catch {
        return false;
    }
}
function wallClock(at, zone) {
    const parts = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        weekday: 'short',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
    }).formatToParts(new Date(at));
    const part = (type) => parts.find((entry) => entry.type === type)?.value ?? '';
    return {
        year: Number(part('year')),
        month: Number(part('month')),
        day: Number(part('day')),
        weekday: days.indexOf(part('weekday').toLowerCase()),
        hour: Number(part('hour')) % 24,
        minute: Number(part('minute')),
    };
}
/** The instant a wall-clock time of `zone` names (the later one of a repeated hour, the next of a skipped one). */
function zonedToUtc([y, mo, d, h, mi], zone) {
    const asUtc = Date.UTC(y, mo - 1, d, h, mi);
    const offset = (at) => {
        const wall = wallClock(at, zone);
        return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute) - Math.floor(at / 60_000) * 60_000;
    };
    const first = asUtc - offset(asUtc);
    return asUtc - offset(first);
}
function wallText(at, zone) {
    const wall = wallClock(at, zone);
    const two = (n) => String(n).padStart(2, '0');
    return `${wall.year}-${two(wall.month)}-${two(wall.day)} ${two(wall.hour)}:${two(wall.minute)} ${zone}`;
}
/** An environment's `freeze:` list, each window checked; `problem` gets the index path and what is wrong. */
function freezeWindows(raw, problem) {
    if (!Array.isArray(raw))
        return [];
    const windows = [];
    raw.forEach((entry, index) => {
        if (typeof entry !== 'object' || entry === null)
            return; // the schema says so
        const window = readFreezeWindow(entry);
        if ('problem' in window)
            problem([index, window.key], window.problem);
        else
            windows.push(window);
    });
    return windows;
}

;// CONCATENATED MODULE: ./packages/config/src/locate.ts
// Maps a key path in the parsed YAML back to line and column, so every problem points at its source.

class YamlLocator {
    document;
    lineCounter;
    file;
    constructor(document, lineCounter, file) {
        this.document = document;
        this.lineCounter = lineCounter;
        this.file = file;
    }
    /** Where the value at `path` starts; falls back to the closest ancestor that exists. */
    value(path) {
        const found = this.find(path);
        return this.at(found.value ?? found.key);
    }
    /** Where the key of the entry at `path` starts (for unknown or misnamed keys). */
    key(path) {
        const found = this.find(path);
        return this.at(found.key ?? found.value);
    }
    at(node) {
        const offset = node?.range?.[0] ?? 0;
        const { line, col } = this.lineCounter.linePos(offset);
        return { file: this.file, line, column: col };
    }
    find(path) {
        let value = this.document.contents;
        let key;
        for (const segment of path) {
            if ((0,dist/* isAlias */.Vj)(value))
                value = value.resolve(this.document);
            if ((0,dist/* isMap */.jh)(value)) {
                const pair = value.items.find((item) => (0,dist/* isPair */.tO)(item) && (0,dist/* isScalar */.jn)(item.key) && String(item.key.value) === String(segment));
                if (!pair)
                    break;
                key = pair.key;
                value = pair.value;
            }
            else if ((0,dist/* isSeq */.oP)(value) && typeof segment === 'number' && segment < value.items.length) {
                key = undefined;
                value = value.items[segment];
            }
            else {
                break;
            }
            if (value === null || value === undefined)
                return { key, value: undefined };
        }
        return { key, value: value };
    }
}
/** `environments.prod.promote-from`, `apps.web.targets[0].file` */
function keyPathText(path) {
    let text = '';
    for (const segment of path) {
        if (typeof segment === 'number')
            text += `[${segment}]`;
        else
            text += text === '' ? segment : `.${segment}`;
    }
    return text;
}

;// CONCATENATED MODULE: ./packages/config/src/paths.ts
// Keeps every path from gitops.yaml inside the repository: no absolute paths, no `..` out, no symlink out.



class PathEscapeError extends errors_src/* UserError */.yo {
}
/**
 * Normalises `relative` (POSIX separators) and proves it stays inside `root`, following any symlinks along
 * the part of it that exists. Returns the normalised relative path; throws PathEscapeError saying why not.
 */
function resolveInsideRepository(root, relative, memo) {
    if (relative.includes('\0'))
        throw new PathEscapeError('the path contains a NUL character');
    if (external_node_path_.posix.isAbsolute(relative) || external_node_path_.win32.isAbsolute(relative)) {
        throw new PathEscapeError(`"${relative}" is absolute; write it relative to the repository root`);
    }
    const normalised = external_node_path_.posix.normalize(relative.replaceAll('\\', '/')).replace(/\/+$/, '') || '.';
    if (normalised === '..' || normalised.startsWith('../')) {
        throw new PathEscapeError(`"${relative}" leaves the repository; paths must stay inside it`);
    }
    if (memo && memo.realRoot === undefined)
        memo.realRoot = (0,external_node_fs_.realpathSync)(root);
    const realRoot = memo?.realRoot ?? (0,external_node_fs_.realpathSync)(root);
    let current = realRoot;
    for (const part of normalised.split('/')) {
        if (part === '.')
            continue;
        const next = external_node_path_.join(current, part);
        const resolved = memo?.steps.has(next) ? memo.steps.get(next) : step(next);
        memo?.steps.set(next, resolved);
        if (resolved === undefined)
            break;
        current = resolved;
        if (!isWithin(realRoot, current)) {
            throw new PathEscapeError(`"${relative}" goes through a symbolic link that leaves the repository`);
        }
    }
    return normalised;
}
/** Where `next` leads: itself, the target of the link it is, or undefined when it does not exist. */
function step(next) {
    const stats = (0,external_node_fs_.lstatSync)(next, { throwIfNoEntry: false });
    if (!stats)
        return undefined;
    return stats.isSymbolicLink() ? realpathOrSelf(next) : next;
}
/** Whether `relative` stays inside `root` by the rules of resolveInsideRepository (symbolic links followed). */
function paths_staysInsideRepository(root, relative) {
    try {
        resolveInsideRepository(root, relative);
        return true;
    }
    catch (error) {
        if (error instanceof PathEscapeError)
            return false;
        throw error;
    }
}
function realpathOrSelf(file) {
    try {
        return (0,external_node_fs_.realpathSync)(file);
    }
    catch {
        // A dangling link: judge it by where it points.
        return external_node_path_.resolve(external_node_path_.dirname(file), (0,external_node_fs_.readlinkSync)(file));
    }
}
function isWithin(root, candidate) {
    const relative = external_node_path_.relative(root, candidate);
    return relative === '' || (!relative.startsWith('..') && !external_node_path_.isAbsolute(relative));
}

;// CONCATENATED MODULE: ./packages/log/src/index.ts
// The logging seam: the engine logs through this, never through @actions/core, so the same code
// serves the action (backed by core), the CLI (backed by the terminal) and tests (recorded).
/** A logger that keeps every entry, for tests and for reports built after the fact. */
class RecordingLogger {
    entries = [];
    debug(message) {
        this.entries.push({ level: 'debug', message });
    }
    info(message) {
        this.entries.push({ level: 'info', message });
    }
    warning(message, where) {
        this.entries.push(where ? { level: 'warning', message, where } : { level: 'warning', message });
    }
    error(message, where) {
        this.entries.push(where ? { level: 'error', message, where } : { level: 'error', message });
    }
    async group(_title, fn) {
        return fn();
    }
    messages(level) {
        return this.entries.filter((e) => !level || e.level === level).map((e) => e.message);
    }
}
/** Where a logger's progress lines go: its `progress`, else plain `info` lines. */
function src_progressOf(logger) {
    return (message, done) => (logger.progress ? logger.progress(message, done) : logger.info(message));
}
/** Formats a location the way compilers do: `file:line:column`. */
function formatLocation(where) {
    let text = where.file;
    if (where.line !== undefined)
        text += `:${where.line}`;
    if (where.line !== undefined && where.column !== undefined)
        text += `:${where.column}`;
    return text;
}
/**
 * A logger for terminals: everything on stderr (progress, warnings, errors), so a command's results on stdout
 * stay clean for scripts; debug only when asked.
 */
function terminalLogger(options = {}) {
    const stream = options.stream ?? process.stderr;
    const located = (message, where) => where ? `${formatLocation(where)}: ${message}` : message;
    // A progress line drawn on a terminal without its newline: cleared before anything else is written.
    let drawn = false;
    const write = (text) => {
        if (drawn)
            stream.write('\r\u001b[2K');
        drawn = false;
        stream.write(text);
    };
    return {
        debug: (message) => {
            if (options.verbose)
                write(`debug: ${message}\n`);
        },
        info: (message) => write(`${message}\n`),
        warning: (message, where) => write(`warning: ${located(message, where)}\n`),
        error: (message, where) => write(`error: ${located(message, where)}\n`),
        progress: (message, done) => {
            if (!stream.isTTY || done)
                return write(`${message}\n`);
            // One line, cut to the terminal's width so it never wraps (a wrapped line cannot be redrawn in place).
            write(message.slice(0, Math.max((stream.columns ?? 80) - 1, 20)));
            drawn = true;
        },
        group: async (title, fn) => {
            write(`== ${title}\n`);
            return fn();
        },
    };
}

;// CONCATENATED MODULE: ./packages/config/src/problems.ts
// Configuration problems: the user's mistakes, each with file:line:column and the key it concerns.


function formatProblem(problem) {
    const subject = problem.key ? `${problem.key}: ` : '';
    return `${formatLocation(problem.location)}: ${subject}${problem.message}`;
}
/** Thrown with every problem found, never only the first. */
class problems_ConfigError extends errors_src/* UserError */.yo {
    constructor(problems) {
        super(problems.map(formatProblem).join('\n'), { problems, problemsIn: 'the configuration' });
        this.name = 'ConfigError';
    }
}

;// CONCATENATED MODULE: ./packages/config/src/model.ts
const policyNames = (/* unused pure expression or super */ null && ([
    'image-latest-tag',
    'image-without-digest',
    'duplicate-resource',
    'missing-resources',
    'privileged-container',
    'host-path',
    'missing-probes',
    'namespace-missing',
    'plain-secret',
    'leaked-credential',
]));
/** An environment's `hold:` as gitops.yaml has it; undefined when the line runs. */
function holdOf(raw) {
    if (typeof raw !== 'object' || raw === null)
        return undefined;
    const entry = raw;
    const text = (value) => (typeof value === 'string' && value !== '' ? value : undefined);
    return { reason: text(entry.reason) ?? 'no reason given', by: text(entry.by), at: text(entry.at) };
}

;// CONCATENATED MODULE: ./packages/config/src/probes.ts
// What the resolver asks of the repository's folders: what is at a path, and which folders a folder holds. On
// disk by default; a sparse checkout answers from its git tree instead (delivery's load.ts).


function diskProbe(root) {
    return (relative) => {
        const absolute = external_node_path_.join(root, relative);
        if (!(0,external_node_fs_.existsSync)(absolute))
            return 'missing';
        return (0,external_node_fs_.statSync)(absolute).isDirectory() ? 'directory' : 'file';
    };
}
function probes_diskFolders(root) {
    return (parent) => {
        try {
            return (0,external_node_fs_.readdirSync)(external_node_path_.join(root, parent), { withFileTypes: true })
                .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
                .map((entry) => entry.name);
        }
        catch {
            return [];
        }
    };
}

;// CONCATENATED MODULE: ./packages/config/src/suggest.ts
// "Did you mean …?" for misspelt keys and names.
/** Optimal string alignment distance: edits, with a swap of neighbours counted as one. */
function editDistance(a, b) {
    const rows = a.length + 1;
    const cols = b.length + 1;
    const d = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
    for (let i = 1; i < rows; i++) {
        for (let j = 1; j < cols; j++) {
            const cost = a[i - 1] === b[j - 1] ? 0 : 1;
            const row = d[i];
            const above = d[i - 1];
            row[j] = Math.min(above[j] + 1, row[j - 1] + 1, above[j - 1] + cost);
            if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
                row[j] = Math.min(row[j], d[i - 2][j - 2] + 1);
            }
        }
    }
    return d[rows - 1][cols - 1];
}
/** The closest candidate, when close enough to be a likely typo. */
function closest(word, candidates) {
    let best;
    let bestDistance = Number.POSITIVE_INFINITY;
    const lower = word.toLowerCase();
    for (const candidate of candidates) {
        const distance = editDistance(lower, candidate.toLowerCase());
        if (distance < bestDistance) {
            best = candidate;
            bestDistance = distance;
        }
    }
    const allowed = Math.max(1, Math.floor(word.length / 3));
    return best !== undefined && bestDistance <= allowed ? best : undefined;
}
function didYouMean(word, candidates) {
    const suggestion = closest(word, candidates);
    return suggestion === undefined ? '' : `; did you mean "${suggestion}"?`;
}
/** `unknown environment "stagin"; did you mean "staging"?`, or the known names when none is close. */
function unknownName(kind, name, known) {
    const hint = didYouMean(name, known);
    if (hint)
        return `unknown ${kind} "${name}"${hint}`;
    return known.length ? `unknown ${kind} "${name}"; known: ${known.join(', ')}` : `unknown ${kind} "${name}"`;
}

;// CONCATENATED MODULE: ./packages/config/src/resolving.ts

/** `{name}` placeholders in templates (target files and paths, controller object names). */
const placeholder = /\{([^}]*)\}/g;
function unknownEnvironment(name, known) {
    return unknownName('environment', name, known);
}
function resolving_asRecord(value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : {};
}

;// CONCATENATED MODULE: ./packages/config/src/resolve-apps.ts
// The apps section of gitops.yaml: each app's image name, its per-environment overrides and its targets, with the
// checks a schema cannot make (image names without a version, known environments, {env} where several write).


const knownPlaceholders = new Set(['env']);
/** An app of gitops.yaml as the model holds it; undefined when its image is unusable (a problem says why). */
function resolveApp(input) {
    const { name, raw, environments, context } = input;
    const key = ['apps', name];
    const image = typeof raw.image === 'string' ? resolve_apps_imageName(context, raw.image, [...key, 'image']) : undefined;
    const overrides = {};
    const policies = {};
    for (const [envName, value] of Object.entries(resolving_asRecord(raw.environments))) {
        if (!environments.includes(envName)) {
            context.problem([...key, 'environments', envName], unknownEnvironment(envName, environments), true);
            continue;
        }
        const policy = resolving_asRecord(value)['image-policy'];
        if (typeof policy === 'string')
            policies[envName] = policy;
        const override = resolving_asRecord(value).image;
        if (typeof override !== 'string')
            continue;
        const ref = resolve_apps_imageName(context, override, [...key, 'environments', envName, 'image']);
        if (ref)
            overrides[envName] = ref;
    }
    const rawTargets = Array.isArray(raw.targets) ? raw.targets : [];
    const targets = rawTargets.flatMap((value, index) => {
        const target = resolveTarget(context, resolving_asRecord(value), [...key, 'targets', index], environments);
        return target ? [target] : [];
    });
    if (!image)
        return undefined;
    return {
        name,
        image,
        imagePolicy: typeof raw['image-policy'] === 'string' ? raw['image-policy'] : undefined,
        targets,
        imageOverrides: overrides,
        imagePolicyOverrides: policies,
        location: context.locator.key(key),
    };
}
function resolve_apps_imageName(context, text, where) {
    try {
        const ref = src_parseImageRef(text);
        if (ref.tag !== undefined || ref.digest !== undefined) {
            context.problem(where, `"${text}" carries a tag or digest; write the image name only (deploy sets the version)`);
            return undefined;
        }
        return ref;
    }
    catch (error) {
        if (!(error instanceof src_ImageRefError))
            throw error;
        context.problem(where, `${error.reason} ("${text}")`);
        return undefined;
    }
}
function resolveTarget(context, raw, key, environments) {
    const file = typeof raw.file === 'string' ? raw.file : undefined;
    const yamlPath = typeof raw.path === 'string' ? raw.path : undefined;
    const only = Array.isArray(raw.environments)
        ? raw.environments.filter((e) => typeof e === 'string')
        : undefined;
    only?.forEach((envName, index) => {
        if (!environments.includes(envName)) {
            context.problem([...key, 'environments', index], unknownEnvironment(envName, environments));
        }
    });
    if (raw.write !== undefined && yamlPath === undefined) {
        context.problem([...key, 'write'], '"write" applies to a "path" target; add "path" or remove "write"');
    }
    if (raw.create !== undefined && yamlPath === undefined) {
        context.problem([...key, 'create'], '"create" applies to a "path" target; add "path" or remove "create"');
    }
    if (file === undefined)
        return undefined;
    const templatesOk = checkPlaceholders(context, file, [...key, 'file']) &&
        (yamlPath === undefined || checkPlaceholders(context, yamlPath, [...key, 'path']));
    if (!templatesOk)
        return undefined;
    const applies = only ?? environments;
    const perEnvironment = file.includes('{env}') || (yamlPath?.includes('{env}') ?? false);
    if (!perEnvironment && applies.length > 1) {
        context.problem([...key, 'file'], `every environment would write the same place; put {env} in "file" or "path", or list the environments this target is for under "environments"`);
    }
    const files = new Set(applies.map((envName) => file.replaceAll('{env}', envName)));
    for (const concrete of files.size ? files : [file]) {
        if (context.insideRepository(concrete, [...key, 'file']) === undefined)
            break;
    }
    return {
        file,
        path: yamlPath,
        write: (typeof raw.write === 'string' ? raw.write : 'reference'),
        create: raw.create !== false,
        environments: only,
        location: context.locator.value([...key, 'file']),
    };
}
function checkPlaceholders(context, template, where) {
    for (const match of template.matchAll(placeholder)) {
        const name = match[1] ?? '';
        if (!knownPlaceholders.has(name)) {
            context.problem(where, `unknown placeholder "{${name}}"; the only placeholder is {env}`);
            return false;
        }
    }
    return true;
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
;// CONCATENATED MODULE: ./packages/config/src/waves.ts
// Which clusters of a fleet go in which wave. Label selectors put each cluster in the first wave whose labels it
// has, so `[{canary: "true"}, {region: eu}, {}]` means the canaries, then the rest of eu, then everything else ({}
// takes what no wave before it took); a cluster no wave takes is a mistake to report, not a choice to guess.
// Percentages take cumulative shares of the clusters in a stable order, the order of a hash of
// each name: a cluster's place does not depend on where it is listed, and a cluster added later takes its own
// place without reshuffling the others.

function planWaves(clusters, specs) {
    if (!specs || specs.length === 0)
        return { waves: [clusters.map((cluster) => cluster.name)], problems: [] };
    const numbers = specs.filter((spec) => typeof spec === 'number');
    if (numbers.length === specs.length)
        return percentWaves(clusters, numbers);
    if (numbers.length > 0)
        return { waves: [], problems: [{ message: 'mixes label selectors and percentages: use one or the other' }] };
    return selectorWaves(clusters, specs);
}
function selectorWaves(clusters, selectors) {
    const problems = [];
    const empty = selectors
        .map((selector, index) => (Object.keys(selector).length === 0 ? index : -1))
        .filter((i) => i >= 0);
    for (const extra of empty.slice(1))
        problems.push({
            wave: extra,
            message: `{} takes the clusters no other wave takes, and wave ${(empty[0] ?? 0) + 1} is already {}`,
        });
    const rest = empty[0];
    const waves = selectors.map(() => []);
    const nowhere = [];
    for (const cluster of clusters) {
        const first = selectors.findIndex((selector, index) => index !== rest && Object.keys(selector).length > 0 && matches(selector, cluster.labels));
        const wave = first >= 0 ? first : rest;
        if (wave === undefined)
            nowhere.push(cluster.name);
        else
            waves[wave]?.push(cluster.name);
    }
    if (nowhere.length)
        problems.push({
            message: `${plural(nowhere.length, 'cluster')} in no wave: ${nowhere.join(', ')}; add a wave that selects ${nowhere.length === 1 ? 'it' : 'them'}, or {} for the rest`,
        });
    return { waves, problems };
}
function percentWaves(clusters, shares) {
    const problems = [];
    shares.forEach((share, index) => {
        const before = shares[index - 1];
        if (before !== undefined && share <= before)
            problems.push({
                wave: index,
                message: `${share}% after ${before}%: percentages are cumulative, each above the one before`,
            });
    });
    const last = shares.at(-1) ?? 100;
    const ordered = stableOrder(clusters);
    const count = (share) => Math.ceil((share / 100) * ordered.length - 1e-9);
    const placed = ordered.slice(0, count(last));
    if (last < 100 && placed.length < ordered.length) {
        const nowhere = ordered.slice(placed.length).map((cluster) => cluster.name);
        problems.push({
            wave: shares.length - 1,
            message: `the last wave ends at ${last}%, so ${plural(nowhere.length, 'cluster')} ${nowhere.length === 1 ? 'is' : 'are'} in no wave: ${nowhere.join(', ')}; end with 100`,
        });
    }
    const waveOf = new Map();
    shares.forEach((share, index) => {
        for (const cluster of ordered.slice(0, count(share)))
            if (!waveOf.has(cluster.name))
                waveOf.set(cluster.name, index);
    });
    const waves = shares.map(() => []);
    for (const cluster of clusters) {
        const wave = waveOf.get(cluster.name);
        if (wave !== undefined)
            waves[wave]?.push(cluster.name);
    }
    return { waves, problems };
}
/** The clusters in the order of a hash of their names: the same wherever they are listed. */
function stableOrder(clusters) {
    const key = (name) => (0,external_node_crypto_.createHash)('sha256').update(name).digest('hex');
    return [...clusters].sort((a, b) => (key(a.name) < key(b.name) ? -1 : key(a.name) > key(b.name) ? 1 : 0));
}
function matches(selector, labels) {
    return Object.entries(selector).every(([key, value]) => labels[key] === value);
}
function plural(count, word) {
    return `${count} ${word}${count === 1 ? '' : 's'}`;
}

;// CONCATENATED MODULE: ./packages/config/src/resolve-fleet.ts


const clusterName = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
/** The fleet of an environment entry that has `clusters:`; undefined when none can be made (problems say why). */
function resolveFleet(input) {
    const { raw, key, context } = input;
    const found = typeof raw.clusters === 'string' ? globClusters(input, raw.clusters) : listedClusters(input, raw.clusters);
    if (found === undefined)
        return undefined;
    // The waves are planned with the clusters that could be read, so one run reports every problem.
    const specs = Array.isArray(raw.waves) ? raw.waves : undefined;
    const plan = planWaves(found.clusters, specs);
    for (const problem of plan.problems)
        context.problem(problem.wave === undefined ? [...key, 'waves'] : [...key, 'waves', problem.wave], problem.message);
    if (plan.problems.length > 0 || !found.complete)
        return undefined;
    return { clusters: found.clusters, waves: plan.waves, wavePause: wavePause(raw['wave-pause']) };
}
/** `envs/prod/*`: every folder in envs/prod is a cluster of that name. */
function globClusters(input, glob) {
    const { key, context } = input;
    const where = [...key, 'clusters'];
    const parent = context.insideRepository(glob.slice(0, -2), where);
    if (parent === undefined)
        return undefined;
    if (context.probe(parent) !== 'directory') {
        context.problem(where, `folder "${parent}" does not exist in the repository`);
        return undefined;
    }
    const location = context.locator.value(where);
    const names = context.folders(parent).sort();
    const bad = names.filter((name) => !clusterName.test(name));
    if (bad.length)
        context.problem(where, `folders ${bad.map((name) => `"${name}"`).join(', ')} cannot be cluster names (lower-case letters, digits and '-')`);
    const clusters = names
        .filter((name) => clusterName.test(name))
        .map((name) => ({ name, path: `${parent}/${name}`, labels: {}, controller: undefined, location }));
    if (clusters.length === 0 && bad.length === 0)
        context.problem(where, `folder "${parent}" holds no folders: no clusters`);
    return { clusters, complete: bad.length === 0 && clusters.length > 0 };
}
/** The clusters as listed, each with its folder: its own path, or the environment's with {cluster} replaced. */
function listedClusters(input, list) {
    const { raw, key, context } = input;
    if (!Array.isArray(list))
        return undefined;
    const pattern = typeof raw.path === 'string' && raw.path.includes('{cluster}') ? raw.path : undefined;
    const clusters = [];
    const owners = new Map();
    list.forEach((value, index) => {
        const entry = resolving_asRecord(value);
        const where = [...key, 'clusters', index];
        if (typeof entry.name !== 'string' || !clusterName.test(entry.name))
            return; // the schema says why
        const name = entry.name;
        if (clusters.some((cluster) => cluster.name === name)) {
            context.problem([...where, 'name'], `cluster "${name}" is listed twice: it would be in two waves`);
            return;
        }
        const folder = clusterFolder(context, { entry, where, pattern, name });
        if (folder === undefined)
            return;
        const owner = owners.get(folder);
        if (owner)
            context.problem(where, `cluster "${name}" has the folder of cluster "${owner}" ("${folder}")`);
        owners.set(folder, name);
        const controller = entry.controller === undefined
            ? undefined
            : context.controller(resolving_asRecord(entry.controller), [...where, 'controller'], ['app', 'env', 'cluster']);
        const labels = Object.fromEntries(Object.entries(resolving_asRecord(entry.labels)).filter((label) => typeof label[1] === 'string'));
        clusters.push({ name, path: folder, labels, controller, location: context.locator.key(where) });
    });
    return { clusters, complete: clusters.length === list.length };
}
function clusterFolder(context, cluster) {
    const { entry, where, pattern, name } = cluster;
    const written = typeof entry.path === 'string' ? entry.path : pattern?.replaceAll('{cluster}', name);
    if (written === undefined) {
        context.problem(where, `cluster "${name}" needs a folder: give it a path, or put {cluster} in the environment's path`, true);
        return undefined;
    }
    const at = typeof entry.path === 'string' ? [...where, 'path'] : where;
    const folder = context.insideRepository(written, at);
    if (folder === undefined)
        return undefined;
    if (context.probe(folder) !== 'directory') {
        context.problem(at, `folder "${folder}" of cluster "${name}" does not exist in the repository`, at === where);
        return undefined;
    }
    return folder;
}
/** `manual`, or a soak time in seconds (the schema's pattern: 90s, 10m, 2h). */
function wavePause(value) {
    if (typeof value !== 'string')
        return undefined;
    if (value === 'manual')
        return 'manual';
    const amount = Number.parseInt(value, 10);
    const unit = { s: 1, m: 60, h: 3600 }[value.slice(-1)] ?? 1;
    return { seconds: amount * unit };
}

;// CONCATENATED MODULE: ./packages/config/src/resolve-previews.ts


const key = ['previews'];
/** The previews of gitops.yaml as the model holds them; undefined when the block cannot be used (problems say why). */
function resolvePreviews(input) {
    const { raw, context } = input;
    const template = typeof raw.template === 'string' ? templateFolder(context, raw.template) : undefined;
    const where = typeof raw.path === 'string' ? previewPath(input, raw.path) : undefined;
    const apps = Array.isArray(raw.apps)
        ? raw.apps.filter((name) => typeof name === 'string')
        : undefined;
    if (apps && input.apps) {
        const known = input.apps.map((app) => app.name);
        for (const [index, name] of apps.entries())
            if (!known.includes(name))
                context.problem([...key, 'apps', index], unknownName('app', name, known));
    }
    const url = typeof raw.url === 'string' ? raw.url : undefined;
    if (url !== undefined)
        resolve_previews_checkPlaceholders(context, url, [...key, 'url'], ['number', 'branch', 'app']);
    const controller = raw.controller === undefined
        ? undefined
        : context.controller(resolving_asRecord(raw.controller), [...key, 'controller'], ['number', 'app']);
    if (template === undefined || where === undefined)
        return undefined;
    return {
        template,
        path: where,
        apps,
        url,
        max: typeof raw.max === 'number' ? raw.max : 10,
        ttlHours: ttlHours(typeof raw.ttl === 'string' ? raw.ttl : '7d'),
        controller,
        location: context.locator.key(key),
    };
}
/** `36h`, `7d` (the schema's pattern) in hours. */
function ttlHours(text) {
    const amount = Number.parseInt(text, 10);
    return text.endsWith('d') ? amount * 24 : amount;
}
function templateFolder(context, value) {
    const where = [...key, 'template'];
    const relative = context.insideRepository(value, where);
    if (relative === undefined)
        return undefined;
    const kind = context.probe(relative);
    if (kind === 'missing')
        context.problem(where, `folder "${relative}" does not exist in the repository`);
    else if (kind === 'file')
        context.problem(where, `"${relative}" is a file; the template is a folder`);
    return kind === 'directory' ? relative : undefined;
}
/**
 * The path template, checked with a number in place of {number}: it stays in the repository, and no preview lands
 * in an environment's folder (whose manifests it would become part of) or holds one.
 */
function previewPath(input, value) {
    const { context } = input;
    const where = [...key, 'path'];
    if (!resolve_previews_checkPlaceholders(context, value, where, ['number', 'app']))
        return undefined;
    const example = context.insideRepository(value.replaceAll('{number}', '1').replaceAll('{app}', 'app'), where);
    if (example === undefined)
        return undefined;
    const inside = (folder, outer) => outer === '.' || folder === outer || folder.startsWith(`${outer}/`);
    for (const environment of input.environments) {
        if (inside(example, environment.path) || inside(environment.path, example)) {
            context.problem(where, `a preview at "${example}" would share the folder of environment "${environment.name}" ("${environment.path}"); previews need their own`);
            return undefined;
        }
    }
    return value.replace(/^\.\//, '').replace(/\/+$/, '');
}
function resolve_previews_checkPlaceholders(context, template, where, allowed) {
    for (const match of template.matchAll(placeholder)) {
        const name = match[1] ?? '';
        if (!allowed.includes(name)) {
            const list = allowed.map((known) => `{${known}}`).join(', ');
            context.problem(where, `unknown placeholder "{${name}}"; here only ${list} are replaced`);
            return false;
        }
    }
    return true;
}

;// CONCATENATED MODULE: ./packages/config/src/resolve.ts
// Turns gitops.yaml data into the model, with the checks a schema cannot make: references between
// environments, promotion cycles, duplicate paths, image names, paths that leave the repository.









class ConfigResolver {
    root;
    locator;
    probe;
    lister;
    problems = [];
    constructor(root, locator, probe = diskProbe(root), lister = probes_diskFolders(root)) {
        this.root = root;
        this.locator = locator;
        this.probe = probe;
        this.lister = lister;
    }
    folders(parent) {
        return this.lister(parent);
    }
    paths = { steps: new Map() };
    resolve(data) {
        const environments = this.environments(resolving_asRecord(data.environments));
        const names = environments.map((environment) => environment.name);
        const apps = Object.entries(resolving_asRecord(data.apps)).flatMap(([name, value]) => {
            const app = resolveApp({ name, raw: resolving_asRecord(value), environments: names, context: this });
            return app ? [app] : [];
        });
        const policies = resolving_asRecord(data.policies);
        const allowedSigners = typeof data['allowed-signers'] === 'string'
            ? this.insideRepository(data['allowed-signers'], ['allowed-signers'])
            : undefined;
        // The schema allows only these two.
        const pendingChanges = data['pending-changes'] === 'branches' ? 'branches' : 'refs';
        const previews = data.previews === undefined
            ? undefined
            : resolvePreviews({
                raw: resolving_asRecord(data.previews),
                environments,
                apps: data.apps === undefined ? undefined : apps,
                context: this,
            });
        return { environments, apps, policies, allowedSigners, pendingChanges, previews };
    }
    problem(where, message, onKey = false) {
        const location = onKey ? this.locator.key(where) : this.locator.value(where);
        this.problems.push({ location, key: keyPathText(where), message });
    }
    environments(raw) {
        const names = Object.keys(raw);
        const environments = [];
        const pathOwners = new Map();
        names.forEach((name, index) => {
            const entry = resolving_asRecord(raw[name]);
            const key = ['environments', name];
            const fleet = entry.clusters === undefined ? undefined : resolveFleet({ raw: entry, key, context: this });
            const envPath = this.environmentPath(fleetFolder(entry), [...key, 'path']);
            if (envPath !== undefined) {
                const owner = pathOwners.get(envPath);
                if (owner !== undefined) {
                    this.problem([...key, 'path'], `"${envPath}" is already the path of environment "${owner}"; each environment needs its own folder`);
                }
                else {
                    pathOwners.set(envPath, name);
                }
            }
            const explicitFrom = typeof entry['promote-from'] === 'string' ? entry['promote-from'] : undefined;
            if (explicitFrom !== undefined && !names.includes(explicitFrom)) {
                this.problem([...key, 'promote-from'], unknownEnvironment(explicitFrom, names));
            }
            else if (explicitFrom === name) {
                this.problem([...key, 'promote-from'], `environment "${name}" cannot be promoted from itself`);
            }
            environments.push({
                name,
                path: envPath ?? String(entry.path ?? ''),
                promoteFrom: explicitFrom ?? (index > 0 ? names[index - 1] : undefined),
                via: entry.via === 'pull-request' ? 'pull-request' : 'commit',
                requireDigest: entry['require-digest'] !== false || entry['require-provenance'] !== undefined,
                controller: this.controller(resolving_asRecord(entry.controller), [...key, 'controller'], entry.clusters === undefined ? undefined : ['app', 'env', 'cluster']),
                requireHealthy: entry['require-healthy'] === true || entry['auto-promote'] === true,
                autoPromote: entry['auto-promote'] === true,
                url: typeof entry.url === 'string' ? entry.url : undefined,
                requireProvenance: this.provenance(entry, key),
                freeze: freezeWindows(entry.freeze, (index, problem) => this.problem([...key, 'freeze', ...index], problem)),
                hold: holdOf(entry.hold),
                location: this.locator.key(key),
                ...(fleet ? { fleet } : {}),
            });
        });
        this.checkCycles(environments, raw);
        this.checkHealthGates(environments, raw);
        return environments;
    }
    controller(raw, where, placeholders = ['app', 'env']) {
        const argocd = raw.argocd === undefined ? undefined : resolving_asRecord(raw.argocd);
        const flux = raw.flux === undefined ? undefined : resolving_asRecord(raw.flux);
        if (argocd && typeof argocd.server === 'string' && typeof argocd.application === 'string') {
            if (!this.checkNamePlaceholders(argocd.application, [...where, 'argocd', 'application'], placeholders))
                return undefined;
            return {
                kind: 'argocd',
                server: argocd.server.replace(/\/+$/, ''),
                name: argocd.application,
                namespace: typeof argocd.namespace === 'string' ? argocd.namespace : undefined,
                insecure: argocd.insecure === true,
            };
        }
        if (flux && typeof flux.name === 'string') {
            if (!this.checkNamePlaceholders(flux.name, [...where, 'flux', 'name'], placeholders))
                return undefined;
            return {
                kind: 'flux',
                resource: flux.kind === 'HelmRelease' ? 'HelmRelease' : 'Kustomization',
                name: flux.name,
                namespace: typeof flux.namespace === 'string' ? flux.namespace : 'flux-system',
                server: typeof flux.server === 'string' ? flux.server.replace(/\/+$/, '') : undefined,
                insecure: flux.insecure === true,
                kubeconfigExec: flux['kubeconfig-exec'] === true,
            };
        }
        return undefined;
    }
    provenance(entry, key) {
        if (entry['require-provenance'] === undefined)
            return undefined;
        const raw = resolving_asRecord(entry['require-provenance']);
        const where = [...key, 'require-provenance'];
        // A tag can be moved after its digest was verified: what is verified must be what is written.
        if (entry['require-digest'] === false)
            this.problem([...key, 'require-digest'], 'require-provenance verifies digests, so it needs require-digest');
        const repositories = (Array.isArray(raw.repository) ? raw.repository : [raw.repository]).filter((value) => typeof value === 'string');
        for (const [index, repository] of repositories.entries())
            this.checkNamePlaceholders(repository, Array.isArray(raw.repository) ? [...where, 'repository', index] : [...where, 'repository']);
        const trustedRoot = typeof raw['trusted-root'] === 'string'
            ? this.insideRepository(raw['trusted-root'], [...where, 'trusted-root'])
            : undefined;
        // A sparse checkout's probe knows folders only; a missing file is reported where it is read.
        if (trustedRoot !== undefined && this.probe(trustedRoot) === 'directory')
            this.problem([...where, 'trusted-root'], `"${trustedRoot}" is a folder; trusted-root names a file`);
        return {
            repositories,
            ref: typeof raw.ref === 'string' ? raw.ref : undefined,
            signerWorkflow: typeof raw['signer-workflow'] === 'string' ? raw['signer-workflow'] : undefined,
            trustedRoot,
        };
    }
    /** Health is read from the source's controller: an environment that requires it needs a source that has one. */
    checkHealthGates(environments, raw) {
        const byName = new Map(environments.map((environment) => [environment.name, environment]));
        for (const environment of environments) {
            if (!environment.requireHealthy)
                continue;
            const entry = resolving_asRecord(raw[environment.name]);
            const key = entry['auto-promote'] === true ? 'auto-promote' : 'require-healthy';
            const where = ['environments', environment.name, key];
            const source = environment.promoteFrom === undefined ? undefined : byName.get(environment.promoteFrom);
            if (!source) {
                this.problem(where, `environment "${environment.name}" is promoted from nothing, so there is no health to go by`);
            }
            else if (!source.controller) {
                this.problem(where, `needs the health of "${source.name}", its source: declare controller (argocd or flux) on environment "${source.name}"`);
            }
        }
    }
    checkNamePlaceholders(template, where, allowed = ['app', 'env']) {
        for (const match of template.matchAll(placeholder)) {
            const name = match[1] ?? '';
            if (!allowed.includes(name)) {
                const list = allowed.map((known) => `{${known}}`);
                this.problem(where, `unknown placeholder "{${name}}"; names may hold ${list.slice(0, -1).join(', ')} and ${list.at(-1)}`);
                return false;
            }
        }
        return true;
    }
    environmentPath(value, where) {
        if (typeof value !== 'string' || value === '')
            return undefined;
        const relative = this.insideRepository(value, where);
        if (relative === undefined)
            return undefined;
        const kind = this.probe(relative);
        if (kind === 'missing') {
            this.problem(where, `folder "${relative}" does not exist in the repository`);
        }
        else if (kind === 'file') {
            this.problem(where, `"${relative}" is a file; an environment path is a folder`);
        }
        return relative;
    }
    insideRepository(value, where) {
        try {
            return resolveInsideRepository(this.root, value, this.paths);
        }
        catch (error) {
            if (!(error instanceof PathEscapeError))
                throw error;
            this.problem(where, error.message);
            return undefined;
        }
    }
    /** Every environment must lead back to one without a source; report each cycle once. */
    checkCycles(environments, raw) {
        const byName = new Map(environments.map((environment) => [environment.name, environment]));
        const reported = new Set();
        for (const start of environments) {
            const chain = [];
            let current = start;
            while (current && !chain.includes(current.name)) {
                chain.push(current.name);
                current = current.promoteFrom === undefined ? undefined : byName.get(current.promoteFrom);
            }
            if (!current)
                continue;
            const cycle = chain.slice(chain.indexOf(current.name));
            if (cycle.length === 1)
                continue; // promoted from itself: reported where promote-from is read
            if (cycle.some((name) => reported.has(name)))
                continue;
            for (const name of cycle)
                reported.add(name);
            // Point at an explicit promote-from in the cycle: that is the line to change.
            const culprit = cycle.find((name) => typeof resolving_asRecord(raw[name])['promote-from'] === 'string') ?? cycle[0] ?? start.name;
            const loop = [...cycle, cycle[0]].join(' ← ');
            this.problem(['environments', culprit, 'promote-from'], `promotion cycle ${loop}; every chain must start at an environment nothing is promoted into`);
        }
    }
}
/** A fleet's path may hold {cluster}: the environment's own folder is the part before it. */
function fleetFolder(entry) {
    if (entry.clusters === undefined || typeof entry.path !== 'string' || !entry.path.includes('{cluster}'))
        return entry.path;
    const before = entry.path.slice(0, entry.path.indexOf('{cluster}')).replace(/\/+$/, '');
    return before === '' ? '.' : before;
}

// EXTERNAL MODULE: ./node_modules/.pnpm/ajv@8.20.0/node_modules/ajv/dist/runtime/ucs2length.js
var ucs2length = __webpack_require__(62998);
// EXTERNAL MODULE: ./node_modules/.pnpm/ajv@8.20.0/node_modules/ajv/dist/runtime/equal.js
var equal = __webpack_require__(94839);
;// CONCATENATED MODULE: ./packages/config/src/schema-validator.generated.ts
// Generated by scripts/generate-schema-validator.mjs from schema/gitops.schema.json with ajv 8.20.0; do not edit.
// @ts-nocheck


const runtime_ucs2length = ucs2length/* default.default */.A["default"] ?? ucs2length/* default */.A;
const runtime_equal = equal/* default.default */.A["default"] ?? equal/* default */.A;
const validate = validate10;
/* harmony default export */ const schema_validator_generated = ((/* unused pure expression or super */ null && (validate10)));
const schema11 = { "$schema": "http://json-schema.org/draft-07/schema#", "$id": "https://github.com/gitops/gitops/schema/gitops.schema.json", "title": "gitops.yaml", "description": "The environments of a config repository, in promotion order, and the apps deployed into them.", "type": "object", "additionalProperties": false, "required": ["environments"], "properties": { "environments": { "description": "Environments in promotion order: each one is promoted from the one before it unless promote-from says otherwise.", "type": "object", "minProperties": 1, "propertyNames": { "$ref": "#/definitions/name" }, "additionalProperties": { "$ref": "#/definitions/environment" } }, "apps": { "description": "Apps and where their image is written. Without it, apps are found by their image in the manifests.", "type": "object", "propertyNames": { "$ref": "#/definitions/name" }, "additionalProperties": { "$ref": "#/definitions/app" } }, "allowed-signers": { "description": "An SSH allowed-signers file in the config repository (git's gpg.ssh.allowedSignersFile format: principal, then key). With commit-signing: ssh, a pipeline carries another's pending change only when one of these keys signed it; read from the branch being changed, never from a pull request.", "type": "string", "minLength": 1 }, "pending-changes": { "description": "Where a pipeline whose push lost a race publishes its change for the others to carry: refs (refs/gitops/pending/<branch>/<id>, out of sight) or branches (refs/heads/gitops-pending/<branch>/<id>, which a GitHub branch ruleset can keep to the pipeline's identity). Default: refs.", "enum": ["refs", "branches"], "default": "refs" }, "previews": { "$ref": "#/definitions/previews" }, "policies": { "description": "Validation rules and how seriously each is taken.", "type": "object", "additionalProperties": false, "properties": { "image-latest-tag": { "description": "A container image tagged latest, or untagged, without a digest. Default: warning.", "$ref": "#/definitions/severity" }, "image-without-digest": { "description": "A container image without @sha256. Default: off; always an error where require-digest.", "$ref": "#/definitions/severity" }, "duplicate-resource": { "description": "The same kind, namespace and name twice in one environment. Default: error.", "$ref": "#/definitions/severity" }, "missing-resources": { "description": "A container without resources.requests or resources.limits. Default: warning.", "$ref": "#/definitions/severity" }, "privileged-container": { "description": "A container with securityContext.privileged: true. Default: error.", "$ref": "#/definitions/severity" }, "host-path": { "description": "A hostPath volume. Default: warning.", "$ref": "#/definitions/severity" }, "missing-probes": { "description": "A long-running container without readiness or liveness probe. Default: warning.", "$ref": "#/definitions/severity" }, "namespace-missing": { "description": "A namespaced resource without metadata.namespace after rendering. Default: warning.", "$ref": "#/definitions/severity" }, "plain-secret": { "description": "A rendered Secret with data or stringData that is not SOPS-encrypted (use SOPS, SealedSecret, ExternalSecret or SecretProviderClass). Default: error.", "$ref": "#/definitions/severity" }, "leaked-credential": { "description": "A credential (cloud key, GitHub token, private key, …) found by secretlint's recommended rules in a changed file; the value is never printed. Default: error.", "$ref": "#/definitions/severity" } } } }, "definitions": { "name": { "description": "Letters, digits, '.', '_' and '-', starting with a letter or digit (it becomes part of branch names).", "type": "string", "pattern": "^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$" }, "severity": { "enum": ["off", "warning", "error"] }, "environment": { "type": "object", "additionalProperties": false, "required": ["path"], "properties": { "path": { "description": "Folder (kustomize directory or plain YAML) rendered and validated as one unit, relative to the repository root.", "type": "string", "minLength": 1 }, "promote-from": { "description": "Environment whose images are promoted into this one. Default: the environment before it.", "type": "string", "minLength": 1 }, "via": { "description": "How changes land: a direct commit, or a pull request for protected environments.", "enum": ["commit", "pull-request"], "default": "commit" }, "require-digest": { "description": "Accept only images pinned by @sha256 digest.", "type": "boolean", "default": true }, "url": { "description": "The environment's address, shown on the GitHub deployment (environment_url). Default: the first external URL Argo CD reports for the Application.", "type": "string", "pattern": "^https?://" }, "controller": { "$ref": "#/definitions/controller" }, "require-healthy": { "description": "Promote into this environment only what its source environment runs Healthy and Synced, at the exact digest; the source needs a controller.", "type": "boolean", "default": false }, "auto-promote": { "description": "gitops promote --auto (the auto-promote workflow) promotes into this environment whatever runs healthy in its source; implies require-healthy.", "type": "boolean", "default": false }, "require-provenance": { "$ref": "#/definitions/provenance" }, "freeze": { "description": "Freeze windows: inside one, deploy and promote refuse to change the environment, naming the reason and the window's end; rollback is always allowed; override-freeze lets one change through, recorded in a Gitops-Freeze-Override trailer.", "type": "array", "items": { "$ref": "#/definitions/freeze-window" } }, "hold": { "description": "The line is stopped: deploy and promote refuse to change the environment until it is lifted; rollback still works. Written by gitops hold and removed by gitops unhold, each in one commit with trailers.", "type": "object", "additionalProperties": false, "required": ["reason"], "properties": { "reason": { "description": "Why the line is stopped.", "type": "string", "minLength": 1 }, "by": { "description": "Who stopped it.", "type": "string" }, "at": { "description": "When (ISO 8601).", "type": "string" } } }, "clusters": { "description": "Makes the environment a fleet of clusters, changed wave by wave (docs/fleets.md): a list of clusters, or a glob over folders (envs/prod/*) whose every folder is a cluster named by the folder. With a list, the environment's path may hold {cluster}: each cluster's folder unless it names its own.", "oneOf": [{ "type": "string", "pattern": "^[^*]*/\\*$" }, { "type": "array", "minItems": 1, "items": { "$ref": "#/definitions/cluster" } }] }, "waves": { "description": "The order a fleet is changed in: label selectors (each cluster in the wave whose labels it has; {} takes the clusters no other wave takes), or cumulative percentages of the clusters in a stable order ([1, 10, 50, 100]). Default: one wave of every cluster.", "type": "array", "minItems": 1, "items": { "$ref": "#/definitions/wave" } }, "wave-pause": { "description": "Between two waves of a fleet: a soak time (90s, 10m, 2h) the run waits before the next wave, or manual: the run stops after each wave and the next dispatch continues.", "type": "string", "pattern": "^(manual|[1-9][0-9]{0,5}[smh])$" } } }, "cluster": { "description": "One cluster of a fleet.", "type": "object", "additionalProperties": false, "required": ["name"], "properties": { "name": { "description": "Lower-case letters, digits and '-', as Kubernetes names: it stands for {cluster} in paths and controller names.", "type": "string", "pattern": "^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$" }, "path": { "description": "The cluster's folder. Default: the environment's path with {cluster} replaced.", "type": "string", "minLength": 1 }, "labels": { "description": "What waves select clusters by, e.g. region: eu, canary: \"true\".", "type": "object", "additionalProperties": { "type": "string" } }, "controller": { "$ref": "#/definitions/controller" } } }, "wave": { "oneOf": [{ "description": "A label selector: the clusters with every one of these labels.", "type": "object", "additionalProperties": { "type": "string" } }, { "description": "A cumulative share of the clusters, in percent: this wave takes them up to this share.", "type": "number", "exclusiveMinimum": 0, "maximum": 100 }] }, "freeze-window": { "description": "Dates ({from, to}) or a weekly span ({weekly}), read on the wall clock of zone.", "type": "object", "additionalProperties": false, "properties": { "from": { "description": "First day (YYYY-MM-DD, from 00:00) or time (YYYY-MM-DDTHH:MM) of the window.", "type": "string", "pattern": "^\\d{4}-\\d{2}-\\d{2}([T ]\\d{2}:\\d{2})?$" }, "to": { "description": "Last day (YYYY-MM-DD, to the end of that day) or the time (YYYY-MM-DDTHH:MM) the window ends.", "type": "string", "pattern": "^\\d{4}-\\d{2}-\\d{2}([T ]\\d{2}:\\d{2})?$" }, "weekly": { "description": "A span of every week: \"fri 16:00 - mon 08:00\" (days mon to sun, 24-hour times).", "type": "string", "minLength": 1 }, "zone": { "description": "The IANA time zone the dates and times are read in, e.g. Europe/Berlin. Default: UTC.", "type": "string", "minLength": 1 }, "reason": { "description": "Why the environment is frozen: shown in every refusal.", "type": "string" } } }, "provenance": { "description": "Deploy and promote write into this environment only digests that carry a valid Sigstore build provenance attestation signed by a GitHub Actions workflow of an allowed repository; implies require-digest.", "type": "object", "additionalProperties": false, "required": ["repository"], "properties": { "repository": { "description": "The repository (owner/name) whose workflow runs may build the images (the certificate's Source Repository URI: the caller of a reusable workflow), or a list of them; {app} is replaced by the app's name.", "anyOf": [{ "type": "string", "pattern": "^[A-Za-z0-9-]+/([A-Za-z0-9._-]|\\{[a-z]+\\})+$" }, { "type": "array", "minItems": 1, "items": { "type": "string", "pattern": "^[A-Za-z0-9-]+/([A-Za-z0-9._-]|\\{[a-z]+\\})+$" } }] }, "ref": { "description": "The Git ref the image was built from (the certificate's Source Repository Ref, which is the caller's ref when a reusable workflow built it), e.g. refs/heads/main. Default: any ref.", "type": "string", "pattern": "^refs/" }, "signer-workflow": { "description": "The workflow that must have signed, as gh attestation verify --signer-workflow takes it: owner/repo/.github/workflows/file.yml, optionally @ref. Pins a reusable build workflow. Default: any workflow of an allowed repository's run.", "type": "string", "pattern": "^[A-Za-z0-9-]+/[A-Za-z0-9._-]+/\\.github/workflows/[^@\\s]+(@refs/\\S+)?$" }, "trusted-root": { "description": "A Sigstore trusted root file in the config repository (what `gh attestation trusted-root` prints, one JSON per line), for GitHub's own Sigstore (private repositories) or a Sigstore of your own. Default: public-good Sigstore, through its TUF repository.", "type": "string", "minLength": 1 } } }, "previews": { "description": "Preview environments, one per app pull request: made from a template folder with the pull request's image pinned by digest, and removed when the pull request closes or the preview outlives its ttl.", "type": "object", "additionalProperties": false, "required": ["template", "path"], "properties": { "template": { "description": "A folder of the config repository whose files are copied into each preview with {number}, {branch} (made safe for names), {app} and {sha} replaced: a kustomize overlay of dev, an Argo CD Application, a Flux Kustomization, whatever the controller picks up.", "type": "string", "minLength": 1 }, "path": { "description": "Where a preview lives, with {number} (the pull request's) and optionally {app}, e.g. previews/pr-{number}. Outside every environment's folder.", "type": "string", "minLength": 1, "pattern": "\\{number\\}" }, "apps": { "description": "The apps that may be previewed. Default: every app.", "type": "array", "minItems": 1, "uniqueItems": true, "items": { "$ref": "#/definitions/name" } }, "url": { "description": "A preview's address, with {number}, {branch} and {app} replaced, e.g. https://pr-{number}.preview.example.com.", "type": "string", "pattern": "^https?://[^/\\s]+" }, "max": { "description": "How many previews may exist at once; one more is refused, naming those that exist. Default: 10.", "type": "integer", "minimum": 1, "maximum": 1000, "default": 10 }, "ttl": { "description": "How long a preview may live before the sweep removes it, in hours or days: 36h, 7d. Default: 7d.", "type": "string", "pattern": "^[1-9][0-9]{0,3}[hd]$", "default": "7d" }, "controller": { "description": "The controller that applies a preview, as an environment's, with {number} and {app} in names (pr-{number}): waited for after a preview is written.", "allOf": [{ "$ref": "#/definitions/controller" }] } } }, "controller": { "description": "The GitOps controller that applies the environment: waited for after a change, and asked for health. {app} and {env} in names are replaced.", "type": "object", "additionalProperties": false, "minProperties": 1, "maxProperties": 1, "properties": { "argocd": { "description": "An Argo CD Application, read through Argo CD's API with the argocd-token input.", "type": "object", "additionalProperties": false, "required": ["server", "application"], "properties": { "server": { "description": "Argo CD's address, e.g. https://argocd.example.com (its API is under /api/v1).", "type": "string", "pattern": "^https?://[^/\\s]+" }, "application": { "description": "The Application's name, e.g. {app}-{env} for one Application per app.", "type": "string", "minLength": 1 }, "namespace": { "description": "The Application's namespace, when Argo CD manages Applications in several namespaces.", "type": "string", "minLength": 1 }, "insecure": { "description": "Allow a server address that is plain http://: the Argo CD token then crosses the network in the clear. Default: https only.", "type": "boolean", "default": false } } }, "flux": { "description": "A Flux Kustomization or HelmRelease, read through the Kubernetes API with the kubeconfig input.", "type": "object", "additionalProperties": false, "required": ["name"], "properties": { "kind": { "description": "What to read.", "enum": ["Kustomization", "HelmRelease"], "default": "Kustomization" }, "name": { "description": "Its name, e.g. apps-{env}.", "type": "string", "minLength": 1 }, "namespace": { "description": "Its namespace.", "type": "string", "minLength": 1, "default": "flux-system" }, "server": { "description": "The Kubernetes API address: the kubeconfig context whose cluster has it is used. Default: the kubeconfig's current context.", "type": "string", "pattern": "^https?://[^/\\s]+" }, "insecure": { "description": "Allow a Kubernetes API address that is plain http://: the kubeconfig's credentials then cross the network in the clear. Default: https only.", "type": "boolean", "default": false }, "kubeconfig-exec": { "description": "Allow the kubeconfig's exec plugin or auth-provider command to run on the runner for its credentials. Default: a kubeconfig that names a command is refused, naming it.", "type": "boolean", "default": false } } } } }, "app": { "type": "object", "additionalProperties": false, "required": ["image"], "properties": { "image": { "description": "Image name without tag or digest, e.g. ghcr.io/acme/web.", "type": "string", "minLength": 1 }, "image-policy": { "description": "Flux ImagePolicy (namespace:name) whose setter markers belong to this app. Default: a policy named like the app.", "type": "string", "pattern": "^[a-z0-9]([a-z0-9.-]*[a-z0-9])?:[a-z0-9]([a-z0-9.-]*[a-z0-9])?$" }, "targets": { "description": "Where the app's image is written; {env} is replaced by the environment name.", "type": "array", "minItems": 1, "items": { "$ref": "#/definitions/target" } }, "environments": { "description": "Per-environment overrides, e.g. a different registry for prod.", "type": "object", "propertyNames": { "$ref": "#/definitions/name" }, "additionalProperties": { "type": "object", "additionalProperties": false, "properties": { "image": { "description": "Image name used in this environment.", "type": "string", "minLength": 1 }, "image-policy": { "description": "Flux ImagePolicy (namespace:name) whose setter markers belong to this app in this environment, where each environment has its own policy. Default: the app's image-policy.", "type": "string", "pattern": "^[a-z0-9]([a-z0-9.-]*[a-z0-9])?:[a-z0-9]([a-z0-9.-]*[a-z0-9])?$" } } } } } }, "target": { "type": "object", "additionalProperties": false, "required": ["file"], "properties": { "file": { "description": "File relative to the repository root; {env} is replaced by the environment name.", "type": "string", "minLength": 1 }, "path": { "description": "Dotted YAML path of the value to set (web.image.tag, containers[0].image, \"key.with.dots\".tag).", "type": "string", "minLength": 1 }, "write": { "description": "What is written at path.", "enum": ["reference", "tag", "digest", "tag@digest"], "default": "reference" }, "create": { "description": "Create the keys of path that do not exist yet (nested mappings in the file's own indentation), as Argo CD Image Updater and Kargo do; false makes a missing key an error.", "type": "boolean", "default": true }, "environments": { "description": "Only these environments use this target. Default: all.", "type": "array", "minItems": 1, "items": { "type": "string" } } } } } };
const schema12 = { "description": "Letters, digits, '.', '_' and '-', starting with a letter or digit (it becomes part of branch names).", "type": "string", "pattern": "^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$" };
const schema27 = { "enum": ["off", "warning", "error"] };
const pattern0 = new RegExp("^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$", "u");
const schema13 = { "type": "object", "additionalProperties": false, "required": ["path"], "properties": { "path": { "description": "Folder (kustomize directory or plain YAML) rendered and validated as one unit, relative to the repository root.", "type": "string", "minLength": 1 }, "promote-from": { "description": "Environment whose images are promoted into this one. Default: the environment before it.", "type": "string", "minLength": 1 }, "via": { "description": "How changes land: a direct commit, or a pull request for protected environments.", "enum": ["commit", "pull-request"], "default": "commit" }, "require-digest": { "description": "Accept only images pinned by @sha256 digest.", "type": "boolean", "default": true }, "url": { "description": "The environment's address, shown on the GitHub deployment (environment_url). Default: the first external URL Argo CD reports for the Application.", "type": "string", "pattern": "^https?://" }, "controller": { "$ref": "#/definitions/controller" }, "require-healthy": { "description": "Promote into this environment only what its source environment runs Healthy and Synced, at the exact digest; the source needs a controller.", "type": "boolean", "default": false }, "auto-promote": { "description": "gitops promote --auto (the auto-promote workflow) promotes into this environment whatever runs healthy in its source; implies require-healthy.", "type": "boolean", "default": false }, "require-provenance": { "$ref": "#/definitions/provenance" }, "freeze": { "description": "Freeze windows: inside one, deploy and promote refuse to change the environment, naming the reason and the window's end; rollback is always allowed; override-freeze lets one change through, recorded in a Gitops-Freeze-Override trailer.", "type": "array", "items": { "$ref": "#/definitions/freeze-window" } }, "hold": { "description": "The line is stopped: deploy and promote refuse to change the environment until it is lifted; rollback still works. Written by gitops hold and removed by gitops unhold, each in one commit with trailers.", "type": "object", "additionalProperties": false, "required": ["reason"], "properties": { "reason": { "description": "Why the line is stopped.", "type": "string", "minLength": 1 }, "by": { "description": "Who stopped it.", "type": "string" }, "at": { "description": "When (ISO 8601).", "type": "string" } } }, "clusters": { "description": "Makes the environment a fleet of clusters, changed wave by wave (docs/fleets.md): a list of clusters, or a glob over folders (envs/prod/*) whose every folder is a cluster named by the folder. With a list, the environment's path may hold {cluster}: each cluster's folder unless it names its own.", "oneOf": [{ "type": "string", "pattern": "^[^*]*/\\*$" }, { "type": "array", "minItems": 1, "items": { "$ref": "#/definitions/cluster" } }] }, "waves": { "description": "The order a fleet is changed in: label selectors (each cluster in the wave whose labels it has; {} takes the clusters no other wave takes), or cumulative percentages of the clusters in a stable order ([1, 10, 50, 100]). Default: one wave of every cluster.", "type": "array", "minItems": 1, "items": { "$ref": "#/definitions/wave" } }, "wave-pause": { "description": "Between two waves of a fleet: a soak time (90s, 10m, 2h) the run waits before the next wave, or manual: the run stops after each wave and the next dispatch continues.", "type": "string", "pattern": "^(manual|[1-9][0-9]{0,5}[smh])$" } } };
const schema14 = { "description": "The GitOps controller that applies the environment: waited for after a change, and asked for health. {app} and {env} in names are replaced.", "type": "object", "additionalProperties": false, "minProperties": 1, "maxProperties": 1, "properties": { "argocd": { "description": "An Argo CD Application, read through Argo CD's API with the argocd-token input.", "type": "object", "additionalProperties": false, "required": ["server", "application"], "properties": { "server": { "description": "Argo CD's address, e.g. https://argocd.example.com (its API is under /api/v1).", "type": "string", "pattern": "^https?://[^/\\s]+" }, "application": { "description": "The Application's name, e.g. {app}-{env} for one Application per app.", "type": "string", "minLength": 1 }, "namespace": { "description": "The Application's namespace, when Argo CD manages Applications in several namespaces.", "type": "string", "minLength": 1 }, "insecure": { "description": "Allow a server address that is plain http://: the Argo CD token then crosses the network in the clear. Default: https only.", "type": "boolean", "default": false } } }, "flux": { "description": "A Flux Kustomization or HelmRelease, read through the Kubernetes API with the kubeconfig input.", "type": "object", "additionalProperties": false, "required": ["name"], "properties": { "kind": { "description": "What to read.", "enum": ["Kustomization", "HelmRelease"], "default": "Kustomization" }, "name": { "description": "Its name, e.g. apps-{env}.", "type": "string", "minLength": 1 }, "namespace": { "description": "Its namespace.", "type": "string", "minLength": 1, "default": "flux-system" }, "server": { "description": "The Kubernetes API address: the kubeconfig context whose cluster has it is used. Default: the kubeconfig's current context.", "type": "string", "pattern": "^https?://[^/\\s]+" }, "insecure": { "description": "Allow a Kubernetes API address that is plain http://: the kubeconfig's credentials then cross the network in the clear. Default: https only.", "type": "boolean", "default": false }, "kubeconfig-exec": { "description": "Allow the kubeconfig's exec plugin or auth-provider command to run on the runner for its credentials. Default: a kubeconfig that names a command is refused, naming it.", "type": "boolean", "default": false } } } } };
const schema15 = { "description": "Deploy and promote write into this environment only digests that carry a valid Sigstore build provenance attestation signed by a GitHub Actions workflow of an allowed repository; implies require-digest.", "type": "object", "additionalProperties": false, "required": ["repository"], "properties": { "repository": { "description": "The repository (owner/name) whose workflow runs may build the images (the certificate's Source Repository URI: the caller of a reusable workflow), or a list of them; {app} is replaced by the app's name.", "anyOf": [{ "type": "string", "pattern": "^[A-Za-z0-9-]+/([A-Za-z0-9._-]|\\{[a-z]+\\})+$" }, { "type": "array", "minItems": 1, "items": { "type": "string", "pattern": "^[A-Za-z0-9-]+/([A-Za-z0-9._-]|\\{[a-z]+\\})+$" } }] }, "ref": { "description": "The Git ref the image was built from (the certificate's Source Repository Ref, which is the caller's ref when a reusable workflow built it), e.g. refs/heads/main. Default: any ref.", "type": "string", "pattern": "^refs/" }, "signer-workflow": { "description": "The workflow that must have signed, as gh attestation verify --signer-workflow takes it: owner/repo/.github/workflows/file.yml, optionally @ref. Pins a reusable build workflow. Default: any workflow of an allowed repository's run.", "type": "string", "pattern": "^[A-Za-z0-9-]+/[A-Za-z0-9._-]+/\\.github/workflows/[^@\\s]+(@refs/\\S+)?$" }, "trusted-root": { "description": "A Sigstore trusted root file in the config repository (what `gh attestation trusted-root` prints, one JSON per line), for GitHub's own Sigstore (private repositories) or a Sigstore of your own. Default: public-good Sigstore, through its TUF repository.", "type": "string", "minLength": 1 } } };
const schema16 = { "description": "Dates ({from, to}) or a weekly span ({weekly}), read on the wall clock of zone.", "type": "object", "additionalProperties": false, "properties": { "from": { "description": "First day (YYYY-MM-DD, from 00:00) or time (YYYY-MM-DDTHH:MM) of the window.", "type": "string", "pattern": "^\\d{4}-\\d{2}-\\d{2}([T ]\\d{2}:\\d{2})?$" }, "to": { "description": "Last day (YYYY-MM-DD, to the end of that day) or the time (YYYY-MM-DDTHH:MM) the window ends.", "type": "string", "pattern": "^\\d{4}-\\d{2}-\\d{2}([T ]\\d{2}:\\d{2})?$" }, "weekly": { "description": "A span of every week: \"fri 16:00 - mon 08:00\" (days mon to sun, 24-hour times).", "type": "string", "minLength": 1 }, "zone": { "description": "The IANA time zone the dates and times are read in, e.g. Europe/Berlin. Default: UTC.", "type": "string", "minLength": 1 }, "reason": { "description": "Why the environment is frozen: shown in every refusal.", "type": "string" } } };
const schema19 = { "oneOf": [{ "description": "A label selector: the clusters with every one of these labels.", "type": "object", "additionalProperties": { "type": "string" } }, { "description": "A cumulative share of the clusters, in percent: this wave takes them up to this share.", "type": "number", "exclusiveMinimum": 0, "maximum": 100 }] };
const func2 = Object.prototype.hasOwnProperty;
const func3 = runtime_ucs2length;
const pattern1 = new RegExp("^https?://", "u");
const pattern2 = new RegExp("^https?://[^/\\s]+", "u");
const pattern4 = new RegExp("^[A-Za-z0-9-]+/([A-Za-z0-9._-]|\\{[a-z]+\\})+$", "u");
const pattern6 = new RegExp("^refs/", "u");
const pattern7 = new RegExp("^[A-Za-z0-9-]+/[A-Za-z0-9._-]+/\\.github/workflows/[^@\\s]+(@refs/\\S+)?$", "u");
const pattern8 = new RegExp("^\\d{4}-\\d{2}-\\d{2}([T ]\\d{2}:\\d{2})?$", "u");
const pattern10 = new RegExp("^[^*]*/\\*$", "u");
const pattern14 = new RegExp("^(manual|[1-9][0-9]{0,5}[smh])$", "u");
const schema17 = { "description": "One cluster of a fleet.", "type": "object", "additionalProperties": false, "required": ["name"], "properties": { "name": { "description": "Lower-case letters, digits and '-', as Kubernetes names: it stands for {cluster} in paths and controller names.", "type": "string", "pattern": "^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$" }, "path": { "description": "The cluster's folder. Default: the environment's path with {cluster} replaced.", "type": "string", "minLength": 1 }, "labels": { "description": "What waves select clusters by, e.g. region: eu, canary: \"true\".", "type": "object", "additionalProperties": { "type": "string" } }, "controller": { "$ref": "#/definitions/controller" } } };
const pattern11 = new RegExp("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$", "u");
function validate12(data, { instancePath = "", parentData, parentDataProperty, rootData = data } = {}) {
    let vErrors = null;
    let errors = 0;
    if (data && typeof data == "object" && !Array.isArray(data)) {
        if (data.name === undefined) {
            const err0 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "name" }, message: "must have required property '" + "name" + "'", schema: schema17.required, parentSchema: schema17, data };
            if (vErrors === null) {
                vErrors = [err0];
            }
            else {
                vErrors.push(err0);
            }
            errors++;
        }
        for (const key0 in data) {
            if (!((((key0 === "name") || (key0 === "path")) || (key0 === "labels")) || (key0 === "controller"))) {
                const err1 = { instancePath, schemaPath: "#/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key0 }, message: "must NOT have additional properties", schema: false, parentSchema: schema17, data };
                if (vErrors === null) {
                    vErrors = [err1];
                }
                else {
                    vErrors.push(err1);
                }
                errors++;
            }
        }
        if (data.name !== undefined) {
            let data0 = data.name;
            if (typeof data0 === "string") {
                if (!pattern11.test(data0)) {
                    const err2 = { instancePath: instancePath + "/name", schemaPath: "#/properties/name/pattern", keyword: "pattern", params: { pattern: "^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$" }, message: "must match pattern \"" + "^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$" + "\"", schema: "^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$", parentSchema: schema17.properties.name, data: data0 };
                    if (vErrors === null) {
                        vErrors = [err2];
                    }
                    else {
                        vErrors.push(err2);
                    }
                    errors++;
                }
            }
            else {
                const err3 = { instancePath: instancePath + "/name", schemaPath: "#/properties/name/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema17.properties.name.type, parentSchema: schema17.properties.name, data: data0 };
                if (vErrors === null) {
                    vErrors = [err3];
                }
                else {
                    vErrors.push(err3);
                }
                errors++;
            }
        }
        if (data.path !== undefined) {
            let data1 = data.path;
            if (typeof data1 === "string") {
                if (func3(data1) < 1) {
                    const err4 = { instancePath: instancePath + "/path", schemaPath: "#/properties/path/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters", schema: 1, parentSchema: schema17.properties.path, data: data1 };
                    if (vErrors === null) {
                        vErrors = [err4];
                    }
                    else {
                        vErrors.push(err4);
                    }
                    errors++;
                }
            }
            else {
                const err5 = { instancePath: instancePath + "/path", schemaPath: "#/properties/path/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema17.properties.path.type, parentSchema: schema17.properties.path, data: data1 };
                if (vErrors === null) {
                    vErrors = [err5];
                }
                else {
                    vErrors.push(err5);
                }
                errors++;
            }
        }
        if (data.labels !== undefined) {
            let data2 = data.labels;
            if (data2 && typeof data2 == "object" && !Array.isArray(data2)) {
                for (const key1 in data2) {
                    let data3 = data2[key1];
                    if (typeof data3 !== "string") {
                        const err6 = { instancePath: instancePath + "/labels/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"), schemaPath: "#/properties/labels/additionalProperties/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema17.properties.labels.additionalProperties.type, parentSchema: schema17.properties.labels.additionalProperties, data: data3 };
                        if (vErrors === null) {
                            vErrors = [err6];
                        }
                        else {
                            vErrors.push(err6);
                        }
                        errors++;
                    }
                }
            }
            else {
                const err7 = { instancePath: instancePath + "/labels", schemaPath: "#/properties/labels/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema17.properties.labels.type, parentSchema: schema17.properties.labels, data: data2 };
                if (vErrors === null) {
                    vErrors = [err7];
                }
                else {
                    vErrors.push(err7);
                }
                errors++;
            }
        }
        if (data.controller !== undefined) {
            let data4 = data.controller;
            if (data4 && typeof data4 == "object" && !Array.isArray(data4)) {
                if (Object.keys(data4).length > 1) {
                    const err8 = { instancePath: instancePath + "/controller", schemaPath: "#/definitions/controller/maxProperties", keyword: "maxProperties", params: { limit: 1 }, message: "must NOT have more than 1 properties", schema: 1, parentSchema: schema14, data: data4 };
                    if (vErrors === null) {
                        vErrors = [err8];
                    }
                    else {
                        vErrors.push(err8);
                    }
                    errors++;
                }
                if (Object.keys(data4).length < 1) {
                    const err9 = { instancePath: instancePath + "/controller", schemaPath: "#/definitions/controller/minProperties", keyword: "minProperties", params: { limit: 1 }, message: "must NOT have fewer than 1 properties", schema: 1, parentSchema: schema14, data: data4 };
                    if (vErrors === null) {
                        vErrors = [err9];
                    }
                    else {
                        vErrors.push(err9);
                    }
                    errors++;
                }
                for (const key2 in data4) {
                    if (!((key2 === "argocd") || (key2 === "flux"))) {
                        const err10 = { instancePath: instancePath + "/controller", schemaPath: "#/definitions/controller/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key2 }, message: "must NOT have additional properties", schema: false, parentSchema: schema14, data: data4 };
                        if (vErrors === null) {
                            vErrors = [err10];
                        }
                        else {
                            vErrors.push(err10);
                        }
                        errors++;
                    }
                }
                if (data4.argocd !== undefined) {
                    let data5 = data4.argocd;
                    if (data5 && typeof data5 == "object" && !Array.isArray(data5)) {
                        if (data5.server === undefined) {
                            const err11 = { instancePath: instancePath + "/controller/argocd", schemaPath: "#/definitions/controller/properties/argocd/required", keyword: "required", params: { missingProperty: "server" }, message: "must have required property '" + "server" + "'", schema: schema14.properties.argocd.required, parentSchema: schema14.properties.argocd, data: data5 };
                            if (vErrors === null) {
                                vErrors = [err11];
                            }
                            else {
                                vErrors.push(err11);
                            }
                            errors++;
                        }
                        if (data5.application === undefined) {
                            const err12 = { instancePath: instancePath + "/controller/argocd", schemaPath: "#/definitions/controller/properties/argocd/required", keyword: "required", params: { missingProperty: "application" }, message: "must have required property '" + "application" + "'", schema: schema14.properties.argocd.required, parentSchema: schema14.properties.argocd, data: data5 };
                            if (vErrors === null) {
                                vErrors = [err12];
                            }
                            else {
                                vErrors.push(err12);
                            }
                            errors++;
                        }
                        for (const key3 in data5) {
                            if (!((((key3 === "server") || (key3 === "application")) || (key3 === "namespace")) || (key3 === "insecure"))) {
                                const err13 = { instancePath: instancePath + "/controller/argocd", schemaPath: "#/definitions/controller/properties/argocd/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key3 }, message: "must NOT have additional properties", schema: false, parentSchema: schema14.properties.argocd, data: data5 };
                                if (vErrors === null) {
                                    vErrors = [err13];
                                }
                                else {
                                    vErrors.push(err13);
                                }
                                errors++;
                            }
                        }
                        if (data5.server !== undefined) {
                            let data6 = data5.server;
                            if (typeof data6 === "string") {
                                if (!pattern2.test(data6)) {
                                    const err14 = { instancePath: instancePath + "/controller/argocd/server", schemaPath: "#/definitions/controller/properties/argocd/properties/server/pattern", keyword: "pattern", params: { pattern: "^https?://[^/\\s]+" }, message: "must match pattern \"" + "^https?://[^/\\s]+" + "\"", schema: "^https?://[^/\\s]+", parentSchema: schema14.properties.argocd.properties.server, data: data6 };
                                    if (vErrors === null) {
                                        vErrors = [err14];
                                    }
                                    else {
                                        vErrors.push(err14);
                                    }
                                    errors++;
                                }
                            }
                            else {
                                const err15 = { instancePath: instancePath + "/controller/argocd/server", schemaPath: "#/definitions/controller/properties/argocd/properties/server/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema14.properties.argocd.properties.server.type, parentSchema: schema14.properties.argocd.properties.server, data: data6 };
                                if (vErrors === null) {
                                    vErrors = [err15];
                                }
                                else {
                                    vErrors.push(err15);
                                }
                                errors++;
                            }
                        }
                        if (data5.application !== undefined) {
                            let data7 = data5.application;
                            if (typeof data7 === "string") {
                                if (func3(data7) < 1) {
                                    const err16 = { instancePath: instancePath + "/controller/argocd/application", schemaPath: "#/definitions/controller/properties/argocd/properties/application/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters", schema: 1, parentSchema: schema14.properties.argocd.properties.application, data: data7 };
                                    if (vErrors === null) {
                                        vErrors = [err16];
                                    }
                                    else {
                                        vErrors.push(err16);
                                    }
                                    errors++;
                                }
                            }
                            else {
                                const err17 = { instancePath: instancePath + "/controller/argocd/application", schemaPath: "#/definitions/controller/properties/argocd/properties/application/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema14.properties.argocd.properties.application.type, parentSchema: schema14.properties.argocd.properties.application, data: data7 };
                                if (vErrors === null) {
                                    vErrors = [err17];
                                }
                                else {
                                    vErrors.push(err17);
                                }
                                errors++;
                            }
                        }
                        if (data5.namespace !== undefined) {
                            let data8 = data5.namespace;
                            if (typeof data8 === "string") {
                                if (func3(data8) < 1) {
                                    const err18 = { instancePath: instancePath + "/controller/argocd/namespace", schemaPath: "#/definitions/controller/properties/argocd/properties/namespace/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters", schema: 1, parentSchema: schema14.properties.argocd.properties.namespace, data: data8 };
                                    if (vErrors === null) {
                                        vErrors = [err18];
                                    }
                                    else {
                                        vErrors.push(err18);
                                    }
                                    errors++;
                                }
                            }
                            else {
                                const err19 = { instancePath: instancePath + "/controller/argocd/namespace", schemaPath: "#/definitions/controller/properties/argocd/properties/namespace/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema14.properties.argocd.properties.namespace.type, parentSchema: schema14.properties.argocd.properties.namespace, data: data8 };
                                if (vErrors === null) {
                                    vErrors = [err19];
                                }
                                else {
                                    vErrors.push(err19);
                                }
                                errors++;
                            }
                        }
                        if (data5.insecure !== undefined) {
                            let data9 = data5.insecure;
                            if (typeof data9 !== "boolean") {
                                const err20 = { instancePath: instancePath + "/controller/argocd/insecure", schemaPath: "#/definitions/controller/properties/argocd/properties/insecure/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean", schema: schema14.properties.argocd.properties.insecure.type, parentSchema: schema14.properties.argocd.properties.insecure, data: data9 };
                                if (vErrors === null) {
                                    vErrors = [err20];
                                }
                                else {
                                    vErrors.push(err20);
                                }
                                errors++;
                            }
                        }
                    }
                    else {
                        const err21 = { instancePath: instancePath + "/controller/argocd", schemaPath: "#/definitions/controller/properties/argocd/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema14.properties.argocd.type, parentSchema: schema14.properties.argocd, data: data5 };
                        if (vErrors === null) {
                            vErrors = [err21];
                        }
                        else {
                            vErrors.push(err21);
                        }
                        errors++;
                    }
                }
                if (data4.flux !== undefined) {
                    let data10 = data4.flux;
                    if (data10 && typeof data10 == "object" && !Array.isArray(data10)) {
                        if (data10.name === undefined) {
                            const err22 = { instancePath: instancePath + "/controller/flux", schemaPath: "#/definitions/controller/properties/flux/required", keyword: "required", params: { missingProperty: "name" }, message: "must have required property '" + "name" + "'", schema: schema14.properties.flux.required, parentSchema: schema14.properties.flux, data: data10 };
                            if (vErrors === null) {
                                vErrors = [err22];
                            }
                            else {
                                vErrors.push(err22);
                            }
                            errors++;
                        }
                        for (const key4 in data10) {
                            if (!((((((key4 === "kind") || (key4 === "name")) || (key4 === "namespace")) || (key4 === "server")) || (key4 === "insecure")) || (key4 === "kubeconfig-exec"))) {
                                const err23 = { instancePath: instancePath + "/controller/flux", schemaPath: "#/definitions/controller/properties/flux/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key4 }, message: "must NOT have additional properties", schema: false, parentSchema: schema14.properties.flux, data: data10 };
                                if (vErrors === null) {
                                    vErrors = [err23];
                                }
                                else {
                                    vErrors.push(err23);
                                }
                                errors++;
                            }
                        }
                        if (data10.kind !== undefined) {
                            let data11 = data10.kind;
                            if (!((data11 === "Kustomization") || (data11 === "HelmRelease"))) {
                                const err24 = { instancePath: instancePath + "/controller/flux/kind", schemaPath: "#/definitions/controller/properties/flux/properties/kind/enum", keyword: "enum", params: { allowedValues: schema14.properties.flux.properties.kind.enum }, message: "must be equal to one of the allowed values", schema: schema14.properties.flux.properties.kind.enum, parentSchema: schema14.properties.flux.properties.kind, data: data11 };
                                if (vErrors === null) {
                                    vErrors = [err24];
                                }
                                else {
                                    vErrors.push(err24);
                                }
                                errors++;
                            }
                        }
                        if (data10.name !== undefined) {
                            let data12 = data10.name;
                            if (typeof data12 === "string") {
                                if (func3(data12) < 1) {
                                    const err25 = { instancePath: instancePath + "/controller/flux/name", schemaPath: "#/definitions/controller/properties/flux/properties/name/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters", schema: 1, parentSchema: schema14.properties.flux.properties.name, data: data12 };
                                    if (vErrors === null) {
                                        vErrors = [err25];
                                    }
                                    else {
                                        vErrors.push(err25);
                                    }
                                    errors++;
                                }
                            }
                            else {
                                const err26 = { instancePath: instancePath + "/controller/flux/name", schemaPath: "#/definitions/controller/properties/flux/properties/name/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema14.properties.flux.properties.name.type, parentSchema: schema14.properties.flux.properties.name, data: data12 };
                                if (vErrors === null) {
                                    vErrors = [err26];
                                }
                                else {
                                    vErrors.push(err26);
                                }
                                errors++;
                            }
                        }
                        if (data10.namespace !== undefined) {
                            let data13 = data10.namespace;
                            if (typeof data13 === "string") {
                                if (func3(data13) < 1) {
                                    const err27 = { instancePath: instancePath + "/controller/flux/namespace", schemaPath: "#/definitions/controller/properties/flux/properties/namespace/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters", schema: 1, parentSchema: schema14.properties.flux.properties.namespace, data: data13 };
                                    if (vErrors === null) {
                                        vErrors = [err27];
                                    }
                                    else {
                                        vErrors.push(err27);
                                    }
                                    errors++;
                                }
                            }
                            else {
                                const err28 = { instancePath: instancePath + "/controller/flux/namespace", schemaPath: "#/definitions/controller/properties/flux/properties/namespace/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema14.properties.flux.properties.namespace.type, parentSchema: schema14.properties.flux.properties.namespace, data: data13 };
                                if (vErrors === null) {
                                    vErrors = [err28];
                                }
                                else {
                                    vErrors.push(err28);
                                }
                                errors++;
                            }
                        }
                        if (data10.server !== undefined) {
                            let data14 = data10.server;
                            if (typeof data14 === "string") {
                                if (!pattern2.test(data14)) {
                                    const err29 = { instancePath: instancePath + "/controller/flux/server", schemaPath: "#/definitions/controller/properties/flux/properties/server/pattern", keyword: "pattern", params: { pattern: "^https?://[^/\\s]+" }, message: "must match pattern \"" + "^https?://[^/\\s]+" + "\"", schema: "^https?://[^/\\s]+", parentSchema: schema14.properties.flux.properties.server, data: data14 };
                                    if (vErrors === null) {
                                        vErrors = [err29];
                                    }
                                    else {
                                        vErrors.push(err29);
                                    }
                                    errors++;
                                }
                            }
                            else {
                                const err30 = { instancePath: instancePath + "/controller/flux/server", schemaPath: "#/definitions/controller/properties/flux/properties/server/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema14.properties.flux.properties.server.type, parentSchema: schema14.properties.flux.properties.server, data: data14 };
                                if (vErrors === null) {
                                    vErrors = [err30];
                                }
                                else {
                                    vErrors.push(err30);
                                }
                                errors++;
                            }
                        }
                        if (data10.insecure !== undefined) {
                            let data15 = data10.insecure;
                            if (typeof data15 !== "boolean") {
                                const err31 = { instancePath: instancePath + "/controller/flux/insecure", schemaPath: "#/definitions/controller/properties/flux/properties/insecure/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean", schema: schema14.properties.flux.properties.insecure.type, parentSchema: schema14.properties.flux.properties.insecure, data: data15 };
                                if (vErrors === null) {
                                    vErrors = [err31];
                                }
                                else {
                                    vErrors.push(err31);
                                }
                                errors++;
                            }
                        }
                        if (data10["kubeconfig-exec"] !== undefined) {
                            let data16 = data10["kubeconfig-exec"];
                            if (typeof data16 !== "boolean") {
                                const err32 = { instancePath: instancePath + "/controller/flux/kubeconfig-exec", schemaPath: "#/definitions/controller/properties/flux/properties/kubeconfig-exec/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean", schema: schema14.properties.flux.properties["kubeconfig-exec"].type, parentSchema: schema14.properties.flux.properties["kubeconfig-exec"], data: data16 };
                                if (vErrors === null) {
                                    vErrors = [err32];
                                }
                                else {
                                    vErrors.push(err32);
                                }
                                errors++;
                            }
                        }
                    }
                    else {
                        const err33 = { instancePath: instancePath + "/controller/flux", schemaPath: "#/definitions/controller/properties/flux/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema14.properties.flux.type, parentSchema: schema14.properties.flux, data: data10 };
                        if (vErrors === null) {
                            vErrors = [err33];
                        }
                        else {
                            vErrors.push(err33);
                        }
                        errors++;
                    }
                }
            }
            else {
                const err34 = { instancePath: instancePath + "/controller", schemaPath: "#/definitions/controller/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema14.type, parentSchema: schema14, data: data4 };
                if (vErrors === null) {
                    vErrors = [err34];
                }
                else {
                    vErrors.push(err34);
                }
                errors++;
            }
        }
    }
    else {
        const err35 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema17.type, parentSchema: schema17, data };
        if (vErrors === null) {
            vErrors = [err35];
        }
        else {
            vErrors.push(err35);
        }
        errors++;
    }
    validate12.errors = vErrors;
    return errors === 0;
}
function validate11(data, { instancePath = "", parentData, parentDataProperty, rootData = data } = {}) {
    let vErrors = null;
    let errors = 0;
    if (data && typeof data == "object" && !Array.isArray(data)) {
        if (data.path === undefined) {
            const err0 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "path" }, message: "must have required property '" + "path" + "'", schema: schema13.required, parentSchema: schema13, data };
            if (vErrors === null) {
                vErrors = [err0];
            }
            else {
                vErrors.push(err0);
            }
            errors++;
        }
        for (const key0 in data) {
            if (!(func2.call(schema13.properties, key0))) {
                const err1 = { instancePath, schemaPath: "#/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key0 }, message: "must NOT have additional properties", schema: false, parentSchema: schema13, data };
                if (vErrors === null) {
                    vErrors = [err1];
                }
                else {
                    vErrors.push(err1);
                }
                errors++;
            }
        }
        if (data.path !== undefined) {
            let data0 = data.path;
            if (typeof data0 === "string") {
                if (func3(data0) < 1) {
                    const err2 = { instancePath: instancePath + "/path", schemaPath: "#/properties/path/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters", schema: 1, parentSchema: schema13.properties.path, data: data0 };
                    if (vErrors === null) {
                        vErrors = [err2];
                    }
                    else {
                        vErrors.push(err2);
                    }
                    errors++;
                }
            }
            else {
                const err3 = { instancePath: instancePath + "/path", schemaPath: "#/properties/path/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema13.properties.path.type, parentSchema: schema13.properties.path, data: data0 };
                if (vErrors === null) {
                    vErrors = [err3];
                }
                else {
                    vErrors.push(err3);
                }
                errors++;
            }
        }
        if (data["promote-from"] !== undefined) {
            let data1 = data["promote-from"];
            if (typeof data1 === "string") {
                if (func3(data1) < 1) {
                    const err4 = { instancePath: instancePath + "/promote-from", schemaPath: "#/properties/promote-from/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters", schema: 1, parentSchema: schema13.properties["promote-from"], data: data1 };
                    if (vErrors === null) {
                        vErrors = [err4];
                    }
                    else {
                        vErrors.push(err4);
                    }
                    errors++;
                }
            }
            else {
                const err5 = { instancePath: instancePath + "/promote-from", schemaPath: "#/properties/promote-from/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema13.properties["promote-from"].type, parentSchema: schema13.properties["promote-from"], data: data1 };
                if (vErrors === null) {
                    vErrors = [err5];
                }
                else {
                    vErrors.push(err5);
                }
                errors++;
            }
        }
        if (data.via !== undefined) {
            let data2 = data.via;
            if (!((data2 === "commit") || (data2 === "pull-request"))) {
                const err6 = { instancePath: instancePath + "/via", schemaPath: "#/properties/via/enum", keyword: "enum", params: { allowedValues: schema13.properties.via.enum }, message: "must be equal to one of the allowed values", schema: schema13.properties.via.enum, parentSchema: schema13.properties.via, data: data2 };
                if (vErrors === null) {
                    vErrors = [err6];
                }
                else {
                    vErrors.push(err6);
                }
                errors++;
            }
        }
        if (data["require-digest"] !== undefined) {
            let data3 = data["require-digest"];
            if (typeof data3 !== "boolean") {
                const err7 = { instancePath: instancePath + "/require-digest", schemaPath: "#/properties/require-digest/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean", schema: schema13.properties["require-digest"].type, parentSchema: schema13.properties["require-digest"], data: data3 };
                if (vErrors === null) {
                    vErrors = [err7];
                }
                else {
                    vErrors.push(err7);
                }
                errors++;
            }
        }
        if (data.url !== undefined) {
            let data4 = data.url;
            if (typeof data4 === "string") {
                if (!pattern1.test(data4)) {
                    const err8 = { instancePath: instancePath + "/url", schemaPath: "#/properties/url/pattern", keyword: "pattern", params: { pattern: "^https?://" }, message: "must match pattern \"" + "^https?://" + "\"", schema: "^https?://", parentSchema: schema13.properties.url, data: data4 };
                    if (vErrors === null) {
                        vErrors = [err8];
                    }
                    else {
                        vErrors.push(err8);
                    }
                    errors++;
                }
            }
            else {
                const err9 = { instancePath: instancePath + "/url", schemaPath: "#/properties/url/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema13.properties.url.type, parentSchema: schema13.properties.url, data: data4 };
                if (vErrors === null) {
                    vErrors = [err9];
                }
                else {
                    vErrors.push(err9);
                }
                errors++;
            }
        }
        if (data.controller !== undefined) {
            let data5 = data.controller;
            if (data5 && typeof data5 == "object" && !Array.isArray(data5)) {
                if (Object.keys(data5).length > 1) {
                    const err10 = { instancePath: instancePath + "/controller", schemaPath: "#/definitions/controller/maxProperties", keyword: "maxProperties", params: { limit: 1 }, message: "must NOT have more than 1 properties", schema: 1, parentSchema: schema14, data: data5 };
                    if (vErrors === null) {
                        vErrors = [err10];
                    }
                    else {
                        vErrors.push(err10);
                    }
                    errors++;
                }
                if (Object.keys(data5).length < 1) {
                    const err11 = { instancePath: instancePath + "/controller", schemaPath: "#/definitions/controller/minProperties", keyword: "minProperties", params: { limit: 1 }, message: "must NOT have fewer than 1 properties", schema: 1, parentSchema: schema14, data: data5 };
                    if (vErrors === null) {
                        vErrors = [err11];
                    }
                    else {
                        vErrors.push(err11);
                    }
                    errors++;
                }
                for (const key1 in data5) {
                    if (!((key1 === "argocd") || (key1 === "flux"))) {
                        const err12 = { instancePath: instancePath + "/controller", schemaPath: "#/definitions/controller/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key1 }, message: "must NOT have additional properties", schema: false, parentSchema: schema14, data: data5 };
                        if (vErrors === null) {
                            vErrors = [err12];
                        }
                        else {
                            vErrors.push(err12);
                        }
                        errors++;
                    }
                }
                if (data5.argocd !== undefined) {
                    let data6 = data5.argocd;
                    if (data6 && typeof data6 == "object" && !Array.isArray(data6)) {
                        if (data6.server === undefined) {
                            const err13 = { instancePath: instancePath + "/controller/argocd", schemaPath: "#/definitions/controller/properties/argocd/required", keyword: "required", params: { missingProperty: "server" }, message: "must have required property '" + "server" + "'", schema: schema14.properties.argocd.required, parentSchema: schema14.properties.argocd, data: data6 };
                            if (vErrors === null) {
                                vErrors = [err13];
                            }
                            else {
                                vErrors.push(err13);
                            }
                            errors++;
                        }
                        if (data6.application === undefined) {
                            const err14 = { instancePath: instancePath + "/controller/argocd", schemaPath: "#/definitions/controller/properties/argocd/required", keyword: "required", params: { missingProperty: "application" }, message: "must have required property '" + "application" + "'", schema: schema14.properties.argocd.required, parentSchema: schema14.properties.argocd, data: data6 };
                            if (vErrors === null) {
                                vErrors = [err14];
                            }
                            else {
                                vErrors.push(err14);
                            }
                            errors++;
                        }
                        for (const key2 in data6) {
                            if (!((((key2 === "server") || (key2 === "application")) || (key2 === "namespace")) || (key2 === "insecure"))) {
                                const err15 = { instancePath: instancePath + "/controller/argocd", schemaPath: "#/definitions/controller/properties/argocd/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key2 }, message: "must NOT have additional properties", schema: false, parentSchema: schema14.properties.argocd, data: data6 };
                                if (vErrors === null) {
                                    vErrors = [err15];
                                }
                                else {
                                    vErrors.push(err15);
                                }
                                errors++;
                            }
                        }
                        if (data6.server !== undefined) {
                            let data7 = data6.server;
                            if (typeof data7 === "string") {
                                if (!pattern2.test(data7)) {
                                    const err16 = { instancePath: instancePath + "/controller/argocd/server", schemaPath: "#/definitions/controller/properties/argocd/properties/server/pattern", keyword: "pattern", params: { pattern: "^https?://[^/\\s]+" }, message: "must match pattern \"" + "^https?://[^/\\s]+" + "\"", schema: "^https?://[^/\\s]+", parentSchema: schema14.properties.argocd.properties.server, data: data7 };
                                    if (vErrors === null) {
                                        vErrors = [err16];
                                    }
                                    else {
                                        vErrors.push(err16);
                                    }
                                    errors++;
                                }
                            }
                            else {
                                const err17 = { instancePath: instancePath + "/controller/argocd/server", schemaPath: "#/definitions/controller/properties/argocd/properties/server/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema14.properties.argocd.properties.server.type, parentSchema: schema14.properties.argocd.properties.server, data: data7 };
                                if (vErrors === null) {
                                    vErrors = [err17];
                                }
                                else {
                                    vErrors.push(err17);
                                }
                                errors++;
                            }
                        }
                        if (data6.application !== undefined) {
                            let data8 = data6.application;
                            if (typeof data8 === "string") {
                                if (func3(data8) < 1) {
                                    const err18 = { instancePath: instancePath + "/controller/argocd/application", schemaPath: "#/definitions/controller/properties/argocd/properties/application/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters", schema: 1, parentSchema: schema14.properties.argocd.properties.application, data: data8 };
                                    if (vErrors === null) {
                                        vErrors = [err18];
                                    }
                                    else {
                                        vErrors.push(err18);
                                    }
                                    errors++;
                                }
                            }
                            else {
                                const err19 = { instancePath: instancePath + "/controller/argocd/application", schemaPath: "#/definitions/controller/properties/argocd/properties/application/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema14.properties.argocd.properties.application.type, parentSchema: schema14.properties.argocd.properties.application, data: data8 };
                                if (vErrors === null) {
                                    vErrors = [err19];
                                }
                                else {
                                    vErrors.push(err19);
                                }
                                errors++;
                            }
                        }
                        if (data6.namespace !== undefined) {
                            let data9 = data6.namespace;
                            if (typeof data9 === "string") {
                                if (func3(data9) < 1) {
                                    const err20 = { instancePath: instancePath + "/controller/argocd/namespace", schemaPath: "#/definitions/controller/properties/argocd/properties/namespace/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters", schema: 1, parentSchema: schema14.properties.argocd.properties.namespace, data: data9 };
                                    if (vErrors === null) {
                                        vErrors = [err20];
                                    }
                                    else {
                                        vErrors.push(err20);
                                    }
                                    errors++;
                                }
                            }
                            else {
                                const err21 = { instancePath: instancePath + "/controller/argocd/namespace", schemaPath: "#/definitions/controller/properties/argocd/properties/namespace/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema14.properties.argocd.properties.namespace.type, parentSchema: schema14.properties.argocd.properties.namespace, data: data9 };
                                if (vErrors === null) {
                                    vErrors = [err21];
                                }
                                else {
                                    vErrors.push(err21);
                                }
                                errors++;
                            }
                        }
                        if (data6.insecure !== undefined) {
                            let data10 = data6.insecure;
                            if (typeof data10 !== "boolean") {
                                const err22 = { instancePath: instancePath + "/controller/argocd/insecure", schemaPath: "#/definitions/controller/properties/argocd/properties/insecure/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean", schema: schema14.properties.argocd.properties.insecure.type, parentSchema: schema14.properties.argocd.properties.insecure, data: data10 };
                                if (vErrors === null) {
                                    vErrors = [err22];
                                }
                                else {
                                    vErrors.push(err22);
                                }
                                errors++;
                            }
                        }
                    }
                    else {
                        const err23 = { instancePath: instancePath + "/controller/argocd", schemaPath: "#/definitions/controller/properties/argocd/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema14.properties.argocd.type, parentSchema: schema14.properties.argocd, data: data6 };
                        if (vErrors === null) {
                            vErrors = [err23];
                        }
                        else {
                            vErrors.push(err23);
                        }
                        errors++;
                    }
                }
                if (data5.flux !== undefined) {
                    let data11 = data5.flux;
                    if (data11 && typeof data11 == "object" && !Array.isArray(data11)) {
                        if (data11.name === undefined) {
                            const err24 = { instancePath: instancePath + "/controller/flux", schemaPath: "#/definitions/controller/properties/flux/required", keyword: "required", params: { missingProperty: "name" }, message: "must have required property '" + "name" + "'", schema: schema14.properties.flux.required, parentSchema: schema14.properties.flux, data: data11 };
                            if (vErrors === null) {
                                vErrors = [err24];
                            }
                            else {
                                vErrors.push(err24);
                            }
                            errors++;
                        }
                        for (const key3 in data11) {
                            if (!((((((key3 === "kind") || (key3 === "name")) || (key3 === "namespace")) || (key3 === "server")) || (key3 === "insecure")) || (key3 === "kubeconfig-exec"))) {
                                const err25 = { instancePath: instancePath + "/controller/flux", schemaPath: "#/definitions/controller/properties/flux/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key3 }, message: "must NOT have additional properties", schema: false, parentSchema: schema14.properties.flux, data: data11 };
                                if (vErrors === null) {
                                    vErrors = [err25];
                                }
                                else {
                                    vErrors.push(err25);
                                }
                                errors++;
                            }
                        }
                        if (data11.kind !== undefined) {
                            let data12 = data11.kind;
                            if (!((data12 === "Kustomization") || (data12 === "HelmRelease"))) {
                                const err26 = { instancePath: instancePath + "/controller/flux/kind", schemaPath: "#/definitions/controller/properties/flux/properties/kind/enum", keyword: "enum", params: { allowedValues: schema14.properties.flux.properties.kind.enum }, message: "must be equal to one of the allowed values", schema: schema14.properties.flux.properties.kind.enum, parentSchema: schema14.properties.flux.properties.kind, data: data12 };
                                if (vErrors === null) {
                                    vErrors = [err26];
                                }
                                else {
                                    vErrors.push(err26);
                                }
                                errors++;
                            }
                        }
                        if (data11.name !== undefined) {
                            let data13 = data11.name;
                            if (typeof data13 === "string") {
                                if (func3(data13) < 1) {
                                    const err27 = { instancePath: instancePath + "/controller/flux/name", schemaPath: "#/definitions/controller/properties/flux/properties/name/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters", schema: 1, parentSchema: schema14.properties.flux.properties.name, data: data13 };
                                    if (vErrors === null) {
                                        vErrors = [err27];
                                    }
                                    else {
                                        vErrors.push(err27);
                                    }
                                    errors++;
                                }
                            }
                            else {
                                const err28 = { instancePath: instancePath + "/controller/flux/name", schemaPath: "#/definitions/controller/properties/flux/properties/name/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema14.properties.flux.properties.name.type, parentSchema: schema14.properties.flux.properties.name, data: data13 };
                                if (vErrors === null) {
                                    vErrors = [err28];
                                }
                                else {
                                    vErrors.push(err28);
                                }
                                errors++;
                            }
                        }
                        if (data11.namespace !== undefined) {
                            let data14 = data11.namespace;
                            if (typeof data14 === "string") {
                                if (func3(data14) < 1) {
                                    const err29 = { instancePath: instancePath + "/controller/flux/namespace", schemaPath: "#/definitions/controller/properties/flux/properties/namespace/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters", schema: 1, parentSchema: schema14.properties.flux.properties.namespace, data: data14 };
                                    if (vErrors === null) {
                                        vErrors = [err29];
                                    }
                                    else {
                                        vErrors.push(err29);
                                    }
                                    errors++;
                                }
                            }
                            else {
                                const err30 = { instancePath: instancePath + "/controller/flux/namespace", schemaPath: "#/definitions/controller/properties/flux/properties/namespace/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema14.properties.flux.properties.namespace.type, parentSchema: schema14.properties.flux.properties.namespace, data: data14 };
                                if (vErrors === null) {
                                    vErrors = [err30];
                                }
                                else {
                                    vErrors.push(err30);
                                }
                                errors++;
                            }
                        }
                        if (data11.server !== undefined) {
                            let data15 = data11.server;
                            if (typeof data15 === "string") {
                                if (!pattern2.test(data15)) {
                                    const err31 = { instancePath: instancePath + "/controller/flux/server", schemaPath: "#/definitions/controller/properties/flux/properties/server/pattern", keyword: "pattern", params: { pattern: "^https?://[^/\\s]+" }, message: "must match pattern \"" + "^https?://[^/\\s]+" + "\"", schema: "^https?://[^/\\s]+", parentSchema: schema14.properties.flux.properties.server, data: data15 };
                                    if (vErrors === null) {
                                        vErrors = [err31];
                                    }
                                    else {
                                        vErrors.push(err31);
                                    }
                                    errors++;
                                }
                            }
                            else {
                                const err32 = { instancePath: instancePath + "/controller/flux/server", schemaPath: "#/definitions/controller/properties/flux/properties/server/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema14.properties.flux.properties.server.type, parentSchema: schema14.properties.flux.properties.server, data: data15 };
                                if (vErrors === null) {
                                    vErrors = [err32];
                                }
                                else {
                                    vErrors.push(err32);
                                }
                                errors++;
                            }
                        }
                        if (data11.insecure !== undefined) {
                            let data16 = data11.insecure;
                            if (typeof data16 !== "boolean") {
                                const err33 = { instancePath: instancePath + "/controller/flux/insecure", schemaPath: "#/definitions/controller/properties/flux/properties/insecure/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean", schema: schema14.properties.flux.properties.insecure.type, parentSchema: schema14.properties.flux.properties.insecure, data: data16 };
                                if (vErrors === null) {
                                    vErrors = [err33];
                                }
                                else {
                                    vErrors.push(err33);
                                }
                                errors++;
                            }
                        }
                        if (data11["kubeconfig-exec"] !== undefined) {
                            let data17 = data11["kubeconfig-exec"];
                            if (typeof data17 !== "boolean") {
                                const err34 = { instancePath: instancePath + "/controller/flux/kubeconfig-exec", schemaPath: "#/definitions/controller/properties/flux/properties/kubeconfig-exec/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean", schema: schema14.properties.flux.properties["kubeconfig-exec"].type, parentSchema: schema14.properties.flux.properties["kubeconfig-exec"], data: data17 };
                                if (vErrors === null) {
                                    vErrors = [err34];
                                }
                                else {
                                    vErrors.push(err34);
                                }
                                errors++;
                            }
                        }
                    }
                    else {
                        const err35 = { instancePath: instancePath + "/controller/flux", schemaPath: "#/definitions/controller/properties/flux/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema14.properties.flux.type, parentSchema: schema14.properties.flux, data: data11 };
                        if (vErrors === null) {
                            vErrors = [err35];
                        }
                        else {
                            vErrors.push(err35);
                        }
                        errors++;
                    }
                }
            }
            else {
                const err36 = { instancePath: instancePath + "/controller", schemaPath: "#/definitions/controller/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema14.type, parentSchema: schema14, data: data5 };
                if (vErrors === null) {
                    vErrors = [err36];
                }
                else {
                    vErrors.push(err36);
                }
                errors++;
            }
        }
        if (data["require-healthy"] !== undefined) {
            let data18 = data["require-healthy"];
            if (typeof data18 !== "boolean") {
                const err37 = { instancePath: instancePath + "/require-healthy", schemaPath: "#/properties/require-healthy/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean", schema: schema13.properties["require-healthy"].type, parentSchema: schema13.properties["require-healthy"], data: data18 };
                if (vErrors === null) {
                    vErrors = [err37];
                }
                else {
                    vErrors.push(err37);
                }
                errors++;
            }
        }
        if (data["auto-promote"] !== undefined) {
            let data19 = data["auto-promote"];
            if (typeof data19 !== "boolean") {
                const err38 = { instancePath: instancePath + "/auto-promote", schemaPath: "#/properties/auto-promote/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean", schema: schema13.properties["auto-promote"].type, parentSchema: schema13.properties["auto-promote"], data: data19 };
                if (vErrors === null) {
                    vErrors = [err38];
                }
                else {
                    vErrors.push(err38);
                }
                errors++;
            }
        }
        if (data["require-provenance"] !== undefined) {
            let data20 = data["require-provenance"];
            if (data20 && typeof data20 == "object" && !Array.isArray(data20)) {
                if (data20.repository === undefined) {
                    const err39 = { instancePath: instancePath + "/require-provenance", schemaPath: "#/definitions/provenance/required", keyword: "required", params: { missingProperty: "repository" }, message: "must have required property '" + "repository" + "'", schema: schema15.required, parentSchema: schema15, data: data20 };
                    if (vErrors === null) {
                        vErrors = [err39];
                    }
                    else {
                        vErrors.push(err39);
                    }
                    errors++;
                }
                for (const key4 in data20) {
                    if (!((((key4 === "repository") || (key4 === "ref")) || (key4 === "signer-workflow")) || (key4 === "trusted-root"))) {
                        const err40 = { instancePath: instancePath + "/require-provenance", schemaPath: "#/definitions/provenance/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key4 }, message: "must NOT have additional properties", schema: false, parentSchema: schema15, data: data20 };
                        if (vErrors === null) {
                            vErrors = [err40];
                        }
                        else {
                            vErrors.push(err40);
                        }
                        errors++;
                    }
                }
                if (data20.repository !== undefined) {
                    let data21 = data20.repository;
                    const _errs49 = errors;
                    let valid7 = false;
                    const _errs50 = errors;
                    if (typeof data21 === "string") {
                        if (!pattern4.test(data21)) {
                            const err41 = { instancePath: instancePath + "/require-provenance/repository", schemaPath: "#/definitions/provenance/properties/repository/anyOf/0/pattern", keyword: "pattern", params: { pattern: "^[A-Za-z0-9-]+/([A-Za-z0-9._-]|\\{[a-z]+\\})+$" }, message: "must match pattern \"" + "^[A-Za-z0-9-]+/([A-Za-z0-9._-]|\\{[a-z]+\\})+$" + "\"", schema: "^[A-Za-z0-9-]+/([A-Za-z0-9._-]|\\{[a-z]+\\})+$", parentSchema: schema15.properties.repository.anyOf[0], data: data21 };
                            if (vErrors === null) {
                                vErrors = [err41];
                            }
                            else {
                                vErrors.push(err41);
                            }
                            errors++;
                        }
                    }
                    else {
                        const err42 = { instancePath: instancePath + "/require-provenance/repository", schemaPath: "#/definitions/provenance/properties/repository/anyOf/0/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema15.properties.repository.anyOf[0].type, parentSchema: schema15.properties.repository.anyOf[0], data: data21 };
                        if (vErrors === null) {
                            vErrors = [err42];
                        }
                        else {
                            vErrors.push(err42);
                        }
                        errors++;
                    }
                    var _valid0 = _errs50 === errors;
                    valid7 = valid7 || _valid0;
                    if (!valid7) {
                        const _errs52 = errors;
                        if (Array.isArray(data21)) {
                            if (data21.length < 1) {
                                const err43 = { instancePath: instancePath + "/require-provenance/repository", schemaPath: "#/definitions/provenance/properties/repository/anyOf/1/minItems", keyword: "minItems", params: { limit: 1 }, message: "must NOT have fewer than 1 items", schema: 1, parentSchema: schema15.properties.repository.anyOf[1], data: data21 };
                                if (vErrors === null) {
                                    vErrors = [err43];
                                }
                                else {
                                    vErrors.push(err43);
                                }
                                errors++;
                            }
                            const len0 = data21.length;
                            for (let i0 = 0; i0 < len0; i0++) {
                                let data22 = data21[i0];
                                if (typeof data22 === "string") {
                                    if (!pattern4.test(data22)) {
                                        const err44 = { instancePath: instancePath + "/require-provenance/repository/" + i0, schemaPath: "#/definitions/provenance/properties/repository/anyOf/1/items/pattern", keyword: "pattern", params: { pattern: "^[A-Za-z0-9-]+/([A-Za-z0-9._-]|\\{[a-z]+\\})+$" }, message: "must match pattern \"" + "^[A-Za-z0-9-]+/([A-Za-z0-9._-]|\\{[a-z]+\\})+$" + "\"", schema: "^[A-Za-z0-9-]+/([A-Za-z0-9._-]|\\{[a-z]+\\})+$", parentSchema: schema15.properties.repository.anyOf[1].items, data: data22 };
                                        if (vErrors === null) {
                                            vErrors = [err44];
                                        }
                                        else {
                                            vErrors.push(err44);
                                        }
                                        errors++;
                                    }
                                }
                                else {
                                    const err45 = { instancePath: instancePath + "/require-provenance/repository/" + i0, schemaPath: "#/definitions/provenance/properties/repository/anyOf/1/items/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema15.properties.repository.anyOf[1].items.type, parentSchema: schema15.properties.repository.anyOf[1].items, data: data22 };
                                    if (vErrors === null) {
                                        vErrors = [err45];
                                    }
                                    else {
                                        vErrors.push(err45);
                                    }
                                    errors++;
                                }
                            }
                        }
                        else {
                            const err46 = { instancePath: instancePath + "/require-provenance/repository", schemaPath: "#/definitions/provenance/properties/repository/anyOf/1/type", keyword: "type", params: { type: "array" }, message: "must be array", schema: schema15.properties.repository.anyOf[1].type, parentSchema: schema15.properties.repository.anyOf[1], data: data21 };
                            if (vErrors === null) {
                                vErrors = [err46];
                            }
                            else {
                                vErrors.push(err46);
                            }
                            errors++;
                        }
                        var _valid0 = _errs52 === errors;
                        valid7 = valid7 || _valid0;
                    }
                    if (!valid7) {
                        const err47 = { instancePath: instancePath + "/require-provenance/repository", schemaPath: "#/definitions/provenance/properties/repository/anyOf", keyword: "anyOf", params: {}, message: "must match a schema in anyOf", schema: schema15.properties.repository.anyOf, parentSchema: schema15.properties.repository, data: data21 };
                        if (vErrors === null) {
                            vErrors = [err47];
                        }
                        else {
                            vErrors.push(err47);
                        }
                        errors++;
                    }
                    else {
                        errors = _errs49;
                        if (vErrors !== null) {
                            if (_errs49) {
                                vErrors.length = _errs49;
                            }
                            else {
                                vErrors = null;
                            }
                        }
                    }
                }
                if (data20.ref !== undefined) {
                    let data23 = data20.ref;
                    if (typeof data23 === "string") {
                        if (!pattern6.test(data23)) {
                            const err48 = { instancePath: instancePath + "/require-provenance/ref", schemaPath: "#/definitions/provenance/properties/ref/pattern", keyword: "pattern", params: { pattern: "^refs/" }, message: "must match pattern \"" + "^refs/" + "\"", schema: "^refs/", parentSchema: schema15.properties.ref, data: data23 };
                            if (vErrors === null) {
                                vErrors = [err48];
                            }
                            else {
                                vErrors.push(err48);
                            }
                            errors++;
                        }
                    }
                    else {
                        const err49 = { instancePath: instancePath + "/require-provenance/ref", schemaPath: "#/definitions/provenance/properties/ref/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema15.properties.ref.type, parentSchema: schema15.properties.ref, data: data23 };
                        if (vErrors === null) {
                            vErrors = [err49];
                        }
                        else {
                            vErrors.push(err49);
                        }
                        errors++;
                    }
                }
                if (data20["signer-workflow"] !== undefined) {
                    let data24 = data20["signer-workflow"];
                    if (typeof data24 === "string") {
                        if (!pattern7.test(data24)) {
                            const err50 = { instancePath: instancePath + "/require-provenance/signer-workflow", schemaPath: "#/definitions/provenance/properties/signer-workflow/pattern", keyword: "pattern", params: { pattern: "^[A-Za-z0-9-]+/[A-Za-z0-9._-]+/\\.github/workflows/[^@\\s]+(@refs/\\S+)?$" }, message: "must match pattern \"" + "^[A-Za-z0-9-]+/[A-Za-z0-9._-]+/\\.github/workflows/[^@\\s]+(@refs/\\S+)?$" + "\"", schema: "^[A-Za-z0-9-]+/[A-Za-z0-9._-]+/\\.github/workflows/[^@\\s]+(@refs/\\S+)?$", parentSchema: schema15.properties["signer-workflow"], data: data24 };
                            if (vErrors === null) {
                                vErrors = [err50];
                            }
                            else {
                                vErrors.push(err50);
                            }
                            errors++;
                        }
                    }
                    else {
                        const err51 = { instancePath: instancePath + "/require-provenance/signer-workflow", schemaPath: "#/definitions/provenance/properties/signer-workflow/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema15.properties["signer-workflow"].type, parentSchema: schema15.properties["signer-workflow"], data: data24 };
                        if (vErrors === null) {
                            vErrors = [err51];
                        }
                        else {
                            vErrors.push(err51);
                        }
                        errors++;
                    }
                }
                if (data20["trusted-root"] !== undefined) {
                    let data25 = data20["trusted-root"];
                    if (typeof data25 === "string") {
                        if (func3(data25) < 1) {
                            const err52 = { instancePath: instancePath + "/require-provenance/trusted-root", schemaPath: "#/definitions/provenance/properties/trusted-root/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters", schema: 1, parentSchema: schema15.properties["trusted-root"], data: data25 };
                            if (vErrors === null) {
                                vErrors = [err52];
                            }
                            else {
                                vErrors.push(err52);
                            }
                            errors++;
                        }
                    }
                    else {
                        const err53 = { instancePath: instancePath + "/require-provenance/trusted-root", schemaPath: "#/definitions/provenance/properties/trusted-root/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema15.properties["trusted-root"].type, parentSchema: schema15.properties["trusted-root"], data: data25 };
                        if (vErrors === null) {
                            vErrors = [err53];
                        }
                        else {
                            vErrors.push(err53);
                        }
                        errors++;
                    }
                }
            }
            else {
                const err54 = { instancePath: instancePath + "/require-provenance", schemaPath: "#/definitions/provenance/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema15.type, parentSchema: schema15, data: data20 };
                if (vErrors === null) {
                    vErrors = [err54];
                }
                else {
                    vErrors.push(err54);
                }
                errors++;
            }
        }
        if (data.freeze !== undefined) {
            let data26 = data.freeze;
            if (Array.isArray(data26)) {
                const len1 = data26.length;
                for (let i1 = 0; i1 < len1; i1++) {
                    let data27 = data26[i1];
                    if (data27 && typeof data27 == "object" && !Array.isArray(data27)) {
                        for (const key5 in data27) {
                            if (!(((((key5 === "from") || (key5 === "to")) || (key5 === "weekly")) || (key5 === "zone")) || (key5 === "reason"))) {
                                const err55 = { instancePath: instancePath + "/freeze/" + i1, schemaPath: "#/definitions/freeze-window/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key5 }, message: "must NOT have additional properties", schema: false, parentSchema: schema16, data: data27 };
                                if (vErrors === null) {
                                    vErrors = [err55];
                                }
                                else {
                                    vErrors.push(err55);
                                }
                                errors++;
                            }
                        }
                        if (data27.from !== undefined) {
                            let data28 = data27.from;
                            if (typeof data28 === "string") {
                                if (!pattern8.test(data28)) {
                                    const err56 = { instancePath: instancePath + "/freeze/" + i1 + "/from", schemaPath: "#/definitions/freeze-window/properties/from/pattern", keyword: "pattern", params: { pattern: "^\\d{4}-\\d{2}-\\d{2}([T ]\\d{2}:\\d{2})?$" }, message: "must match pattern \"" + "^\\d{4}-\\d{2}-\\d{2}([T ]\\d{2}:\\d{2})?$" + "\"", schema: "^\\d{4}-\\d{2}-\\d{2}([T ]\\d{2}:\\d{2})?$", parentSchema: schema16.properties.from, data: data28 };
                                    if (vErrors === null) {
                                        vErrors = [err56];
                                    }
                                    else {
                                        vErrors.push(err56);
                                    }
                                    errors++;
                                }
                            }
                            else {
                                const err57 = { instancePath: instancePath + "/freeze/" + i1 + "/from", schemaPath: "#/definitions/freeze-window/properties/from/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema16.properties.from.type, parentSchema: schema16.properties.from, data: data28 };
                                if (vErrors === null) {
                                    vErrors = [err57];
                                }
                                else {
                                    vErrors.push(err57);
                                }
                                errors++;
                            }
                        }
                        if (data27.to !== undefined) {
                            let data29 = data27.to;
                            if (typeof data29 === "string") {
                                if (!pattern8.test(data29)) {
                                    const err58 = { instancePath: instancePath + "/freeze/" + i1 + "/to", schemaPath: "#/definitions/freeze-window/properties/to/pattern", keyword: "pattern", params: { pattern: "^\\d{4}-\\d{2}-\\d{2}([T ]\\d{2}:\\d{2})?$" }, message: "must match pattern \"" + "^\\d{4}-\\d{2}-\\d{2}([T ]\\d{2}:\\d{2})?$" + "\"", schema: "^\\d{4}-\\d{2}-\\d{2}([T ]\\d{2}:\\d{2})?$", parentSchema: schema16.properties.to, data: data29 };
                                    if (vErrors === null) {
                                        vErrors = [err58];
                                    }
                                    else {
                                        vErrors.push(err58);
                                    }
                                    errors++;
                                }
                            }
                            else {
                                const err59 = { instancePath: instancePath + "/freeze/" + i1 + "/to", schemaPath: "#/definitions/freeze-window/properties/to/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema16.properties.to.type, parentSchema: schema16.properties.to, data: data29 };
                                if (vErrors === null) {
                                    vErrors = [err59];
                                }
                                else {
                                    vErrors.push(err59);
                                }
                                errors++;
                            }
                        }
                        if (data27.weekly !== undefined) {
                            let data30 = data27.weekly;
                            if (typeof data30 === "string") {
                                if (func3(data30) < 1) {
                                    const err60 = { instancePath: instancePath + "/freeze/" + i1 + "/weekly", schemaPath: "#/definitions/freeze-window/properties/weekly/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters", schema: 1, parentSchema: schema16.properties.weekly, data: data30 };
                                    if (vErrors === null) {
                                        vErrors = [err60];
                                    }
                                    else {
                                        vErrors.push(err60);
                                    }
                                    errors++;
                                }
                            }
                            else {
                                const err61 = { instancePath: instancePath + "/freeze/" + i1 + "/weekly", schemaPath: "#/definitions/freeze-window/properties/weekly/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema16.properties.weekly.type, parentSchema: schema16.properties.weekly, data: data30 };
                                if (vErrors === null) {
                                    vErrors = [err61];
                                }
                                else {
                                    vErrors.push(err61);
                                }
                                errors++;
                            }
                        }
                        if (data27.zone !== undefined) {
                            let data31 = data27.zone;
                            if (typeof data31 === "string") {
                                if (func3(data31) < 1) {
                                    const err62 = { instancePath: instancePath + "/freeze/" + i1 + "/zone", schemaPath: "#/definitions/freeze-window/properties/zone/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters", schema: 1, parentSchema: schema16.properties.zone, data: data31 };
                                    if (vErrors === null) {
                                        vErrors = [err62];
                                    }
                                    else {
                                        vErrors.push(err62);
                                    }
                                    errors++;
                                }
                            }
                            else {
                                const err63 = { instancePath: instancePath + "/freeze/" + i1 + "/zone", schemaPath: "#/definitions/freeze-window/properties/zone/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema16.properties.zone.type, parentSchema: schema16.properties.zone, data: data31 };
                                if (vErrors === null) {
                                    vErrors = [err63];
                                }
                                else {
                                    vErrors.push(err63);
                                }
                                errors++;
                            }
                        }
                        if (data27.reason !== undefined) {
                            let data32 = data27.reason;
                            if (typeof data32 !== "string") {
                                const err64 = { instancePath: instancePath + "/freeze/" + i1 + "/reason", schemaPath: "#/definitions/freeze-window/properties/reason/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema16.properties.reason.type, parentSchema: schema16.properties.reason, data: data32 };
                                if (vErrors === null) {
                                    vErrors = [err64];
                                }
                                else {
                                    vErrors.push(err64);
                                }
                                errors++;
                            }
                        }
                    }
                    else {
                        const err65 = { instancePath: instancePath + "/freeze/" + i1, schemaPath: "#/definitions/freeze-window/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema16.type, parentSchema: schema16, data: data27 };
                        if (vErrors === null) {
                            vErrors = [err65];
                        }
                        else {
                            vErrors.push(err65);
                        }
                        errors++;
                    }
                }
            }
            else {
                const err66 = { instancePath: instancePath + "/freeze", schemaPath: "#/properties/freeze/type", keyword: "type", params: { type: "array" }, message: "must be array", schema: schema13.properties.freeze.type, parentSchema: schema13.properties.freeze, data: data26 };
                if (vErrors === null) {
                    vErrors = [err66];
                }
                else {
                    vErrors.push(err66);
                }
                errors++;
            }
        }
        if (data.hold !== undefined) {
            let data33 = data.hold;
            if (data33 && typeof data33 == "object" && !Array.isArray(data33)) {
                if (data33.reason === undefined) {
                    const err67 = { instancePath: instancePath + "/hold", schemaPath: "#/properties/hold/required", keyword: "required", params: { missingProperty: "reason" }, message: "must have required property '" + "reason" + "'", schema: schema13.properties.hold.required, parentSchema: schema13.properties.hold, data: data33 };
                    if (vErrors === null) {
                        vErrors = [err67];
                    }
                    else {
                        vErrors.push(err67);
                    }
                    errors++;
                }
                for (const key6 in data33) {
                    if (!(((key6 === "reason") || (key6 === "by")) || (key6 === "at"))) {
                        const err68 = { instancePath: instancePath + "/hold", schemaPath: "#/properties/hold/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key6 }, message: "must NOT have additional properties", schema: false, parentSchema: schema13.properties.hold, data: data33 };
                        if (vErrors === null) {
                            vErrors = [err68];
                        }
                        else {
                            vErrors.push(err68);
                        }
                        errors++;
                    }
                }
                if (data33.reason !== undefined) {
                    let data34 = data33.reason;
                    if (typeof data34 === "string") {
                        if (func3(data34) < 1) {
                            const err69 = { instancePath: instancePath + "/hold/reason", schemaPath: "#/properties/hold/properties/reason/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters", schema: 1, parentSchema: schema13.properties.hold.properties.reason, data: data34 };
                            if (vErrors === null) {
                                vErrors = [err69];
                            }
                            else {
                                vErrors.push(err69);
                            }
                            errors++;
                        }
                    }
                    else {
                        const err70 = { instancePath: instancePath + "/hold/reason", schemaPath: "#/properties/hold/properties/reason/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema13.properties.hold.properties.reason.type, parentSchema: schema13.properties.hold.properties.reason, data: data34 };
                        if (vErrors === null) {
                            vErrors = [err70];
                        }
                        else {
                            vErrors.push(err70);
                        }
                        errors++;
                    }
                }
                if (data33.by !== undefined) {
                    let data35 = data33.by;
                    if (typeof data35 !== "string") {
                        const err71 = { instancePath: instancePath + "/hold/by", schemaPath: "#/properties/hold/properties/by/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema13.properties.hold.properties.by.type, parentSchema: schema13.properties.hold.properties.by, data: data35 };
                        if (vErrors === null) {
                            vErrors = [err71];
                        }
                        else {
                            vErrors.push(err71);
                        }
                        errors++;
                    }
                }
                if (data33.at !== undefined) {
                    let data36 = data33.at;
                    if (typeof data36 !== "string") {
                        const err72 = { instancePath: instancePath + "/hold/at", schemaPath: "#/properties/hold/properties/at/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema13.properties.hold.properties.at.type, parentSchema: schema13.properties.hold.properties.at, data: data36 };
                        if (vErrors === null) {
                            vErrors = [err72];
                        }
                        else {
                            vErrors.push(err72);
                        }
                        errors++;
                    }
                }
            }
            else {
                const err73 = { instancePath: instancePath + "/hold", schemaPath: "#/properties/hold/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema13.properties.hold.type, parentSchema: schema13.properties.hold, data: data33 };
                if (vErrors === null) {
                    vErrors = [err73];
                }
                else {
                    vErrors.push(err73);
                }
                errors++;
            }
        }
        if (data.clusters !== undefined) {
            let data37 = data.clusters;
            const _errs88 = errors;
            let valid15 = false;
            let passing0 = null;
            const _errs89 = errors;
            if (typeof data37 === "string") {
                if (!pattern10.test(data37)) {
                    const err74 = { instancePath: instancePath + "/clusters", schemaPath: "#/properties/clusters/oneOf/0/pattern", keyword: "pattern", params: { pattern: "^[^*]*/\\*$" }, message: "must match pattern \"" + "^[^*]*/\\*$" + "\"", schema: "^[^*]*/\\*$", parentSchema: schema13.properties.clusters.oneOf[0], data: data37 };
                    if (vErrors === null) {
                        vErrors = [err74];
                    }
                    else {
                        vErrors.push(err74);
                    }
                    errors++;
                }
            }
            else {
                const err75 = { instancePath: instancePath + "/clusters", schemaPath: "#/properties/clusters/oneOf/0/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema13.properties.clusters.oneOf[0].type, parentSchema: schema13.properties.clusters.oneOf[0], data: data37 };
                if (vErrors === null) {
                    vErrors = [err75];
                }
                else {
                    vErrors.push(err75);
                }
                errors++;
            }
            var _valid1 = _errs89 === errors;
            if (_valid1) {
                valid15 = true;
                passing0 = 0;
            }
            const _errs91 = errors;
            if (Array.isArray(data37)) {
                if (data37.length < 1) {
                    const err76 = { instancePath: instancePath + "/clusters", schemaPath: "#/properties/clusters/oneOf/1/minItems", keyword: "minItems", params: { limit: 1 }, message: "must NOT have fewer than 1 items", schema: 1, parentSchema: schema13.properties.clusters.oneOf[1], data: data37 };
                    if (vErrors === null) {
                        vErrors = [err76];
                    }
                    else {
                        vErrors.push(err76);
                    }
                    errors++;
                }
                const len2 = data37.length;
                for (let i2 = 0; i2 < len2; i2++) {
                    if (!(validate12(data37[i2], { instancePath: instancePath + "/clusters/" + i2, parentData: data37, parentDataProperty: i2, rootData }))) {
                        vErrors = vErrors === null ? validate12.errors : vErrors.concat(validate12.errors);
                        errors = vErrors.length;
                    }
                }
            }
            else {
                const err77 = { instancePath: instancePath + "/clusters", schemaPath: "#/properties/clusters/oneOf/1/type", keyword: "type", params: { type: "array" }, message: "must be array", schema: schema13.properties.clusters.oneOf[1].type, parentSchema: schema13.properties.clusters.oneOf[1], data: data37 };
                if (vErrors === null) {
                    vErrors = [err77];
                }
                else {
                    vErrors.push(err77);
                }
                errors++;
            }
            var _valid1 = _errs91 === errors;
            if (_valid1 && valid15) {
                valid15 = false;
                passing0 = [passing0, 1];
            }
            else {
                if (_valid1) {
                    valid15 = true;
                    passing0 = 1;
                }
            }
            if (!valid15) {
                const err78 = { instancePath: instancePath + "/clusters", schemaPath: "#/properties/clusters/oneOf", keyword: "oneOf", params: { passingSchemas: passing0 }, message: "must match exactly one schema in oneOf", schema: schema13.properties.clusters.oneOf, parentSchema: schema13.properties.clusters, data: data37 };
                if (vErrors === null) {
                    vErrors = [err78];
                }
                else {
                    vErrors.push(err78);
                }
                errors++;
            }
            else {
                errors = _errs88;
                if (vErrors !== null) {
                    if (_errs88) {
                        vErrors.length = _errs88;
                    }
                    else {
                        vErrors = null;
                    }
                }
            }
        }
        if (data.waves !== undefined) {
            let data39 = data.waves;
            if (Array.isArray(data39)) {
                if (data39.length < 1) {
                    const err79 = { instancePath: instancePath + "/waves", schemaPath: "#/properties/waves/minItems", keyword: "minItems", params: { limit: 1 }, message: "must NOT have fewer than 1 items", schema: 1, parentSchema: schema13.properties.waves, data: data39 };
                    if (vErrors === null) {
                        vErrors = [err79];
                    }
                    else {
                        vErrors.push(err79);
                    }
                    errors++;
                }
                const len3 = data39.length;
                for (let i3 = 0; i3 < len3; i3++) {
                    let data40 = data39[i3];
                    const _errs98 = errors;
                    let valid21 = false;
                    let passing1 = null;
                    const _errs99 = errors;
                    if (data40 && typeof data40 == "object" && !Array.isArray(data40)) {
                        for (const key7 in data40) {
                            let data41 = data40[key7];
                            if (typeof data41 !== "string") {
                                const err80 = { instancePath: instancePath + "/waves/" + i3 + "/" + key7.replace(/~/g, "~0").replace(/\//g, "~1"), schemaPath: "#/definitions/wave/oneOf/0/additionalProperties/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema19.oneOf[0].additionalProperties.type, parentSchema: schema19.oneOf[0].additionalProperties, data: data41 };
                                if (vErrors === null) {
                                    vErrors = [err80];
                                }
                                else {
                                    vErrors.push(err80);
                                }
                                errors++;
                            }
                        }
                    }
                    else {
                        const err81 = { instancePath: instancePath + "/waves/" + i3, schemaPath: "#/definitions/wave/oneOf/0/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema19.oneOf[0].type, parentSchema: schema19.oneOf[0], data: data40 };
                        if (vErrors === null) {
                            vErrors = [err81];
                        }
                        else {
                            vErrors.push(err81);
                        }
                        errors++;
                    }
                    var _valid2 = _errs99 === errors;
                    if (_valid2) {
                        valid21 = true;
                        passing1 = 0;
                    }
                    const _errs104 = errors;
                    if ((typeof data40 == "number") && (isFinite(data40))) {
                        if (data40 > 100 || isNaN(data40)) {
                            const err82 = { instancePath: instancePath + "/waves/" + i3, schemaPath: "#/definitions/wave/oneOf/1/maximum", keyword: "maximum", params: { comparison: "<=", limit: 100 }, message: "must be <= 100", schema: 100, parentSchema: schema19.oneOf[1], data: data40 };
                            if (vErrors === null) {
                                vErrors = [err82];
                            }
                            else {
                                vErrors.push(err82);
                            }
                            errors++;
                        }
                        if (data40 <= 0 || isNaN(data40)) {
                            const err83 = { instancePath: instancePath + "/waves/" + i3, schemaPath: "#/definitions/wave/oneOf/1/exclusiveMinimum", keyword: "exclusiveMinimum", params: { comparison: ">", limit: 0 }, message: "must be > 0", schema: 0, parentSchema: schema19.oneOf[1], data: data40 };
                            if (vErrors === null) {
                                vErrors = [err83];
                            }
                            else {
                                vErrors.push(err83);
                            }
                            errors++;
                        }
                    }
                    else {
                        const err84 = { instancePath: instancePath + "/waves/" + i3, schemaPath: "#/definitions/wave/oneOf/1/type", keyword: "type", params: { type: "number" }, message: "must be number", schema: schema19.oneOf[1].type, parentSchema: schema19.oneOf[1], data: data40 };
                        if (vErrors === null) {
                            vErrors = [err84];
                        }
                        else {
                            vErrors.push(err84);
                        }
                        errors++;
                    }
                    var _valid2 = _errs104 === errors;
                    if (_valid2 && valid21) {
                        valid21 = false;
                        passing1 = [passing1, 1];
                    }
                    else {
                        if (_valid2) {
                            valid21 = true;
                            passing1 = 1;
                        }
                    }
                    if (!valid21) {
                        const err85 = { instancePath: instancePath + "/waves/" + i3, schemaPath: "#/definitions/wave/oneOf", keyword: "oneOf", params: { passingSchemas: passing1 }, message: "must match exactly one schema in oneOf", schema: schema19.oneOf, parentSchema: schema19, data: data40 };
                        if (vErrors === null) {
                            vErrors = [err85];
                        }
                        else {
                            vErrors.push(err85);
                        }
                        errors++;
                    }
                    else {
                        errors = _errs98;
                        if (vErrors !== null) {
                            if (_errs98) {
                                vErrors.length = _errs98;
                            }
                            else {
                                vErrors = null;
                            }
                        }
                    }
                }
            }
            else {
                const err86 = { instancePath: instancePath + "/waves", schemaPath: "#/properties/waves/type", keyword: "type", params: { type: "array" }, message: "must be array", schema: schema13.properties.waves.type, parentSchema: schema13.properties.waves, data: data39 };
                if (vErrors === null) {
                    vErrors = [err86];
                }
                else {
                    vErrors.push(err86);
                }
                errors++;
            }
        }
        if (data["wave-pause"] !== undefined) {
            let data42 = data["wave-pause"];
            if (typeof data42 === "string") {
                if (!pattern14.test(data42)) {
                    const err87 = { instancePath: instancePath + "/wave-pause", schemaPath: "#/properties/wave-pause/pattern", keyword: "pattern", params: { pattern: "^(manual|[1-9][0-9]{0,5}[smh])$" }, message: "must match pattern \"" + "^(manual|[1-9][0-9]{0,5}[smh])$" + "\"", schema: "^(manual|[1-9][0-9]{0,5}[smh])$", parentSchema: schema13.properties["wave-pause"], data: data42 };
                    if (vErrors === null) {
                        vErrors = [err87];
                    }
                    else {
                        vErrors.push(err87);
                    }
                    errors++;
                }
            }
            else {
                const err88 = { instancePath: instancePath + "/wave-pause", schemaPath: "#/properties/wave-pause/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema13.properties["wave-pause"].type, parentSchema: schema13.properties["wave-pause"], data: data42 };
                if (vErrors === null) {
                    vErrors = [err88];
                }
                else {
                    vErrors.push(err88);
                }
                errors++;
            }
        }
    }
    else {
        const err89 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema13.type, parentSchema: schema13, data };
        if (vErrors === null) {
            vErrors = [err89];
        }
        else {
            vErrors.push(err89);
        }
        errors++;
    }
    validate11.errors = vErrors;
    return errors === 0;
}
const schema21 = { "type": "object", "additionalProperties": false, "required": ["image"], "properties": { "image": { "description": "Image name without tag or digest, e.g. ghcr.io/acme/web.", "type": "string", "minLength": 1 }, "image-policy": { "description": "Flux ImagePolicy (namespace:name) whose setter markers belong to this app. Default: a policy named like the app.", "type": "string", "pattern": "^[a-z0-9]([a-z0-9.-]*[a-z0-9])?:[a-z0-9]([a-z0-9.-]*[a-z0-9])?$" }, "targets": { "description": "Where the app's image is written; {env} is replaced by the environment name.", "type": "array", "minItems": 1, "items": { "$ref": "#/definitions/target" } }, "environments": { "description": "Per-environment overrides, e.g. a different registry for prod.", "type": "object", "propertyNames": { "$ref": "#/definitions/name" }, "additionalProperties": { "type": "object", "additionalProperties": false, "properties": { "image": { "description": "Image name used in this environment.", "type": "string", "minLength": 1 }, "image-policy": { "description": "Flux ImagePolicy (namespace:name) whose setter markers belong to this app in this environment, where each environment has its own policy. Default: the app's image-policy.", "type": "string", "pattern": "^[a-z0-9]([a-z0-9.-]*[a-z0-9])?:[a-z0-9]([a-z0-9.-]*[a-z0-9])?$" } } } } } };
const schema22 = { "type": "object", "additionalProperties": false, "required": ["file"], "properties": { "file": { "description": "File relative to the repository root; {env} is replaced by the environment name.", "type": "string", "minLength": 1 }, "path": { "description": "Dotted YAML path of the value to set (web.image.tag, containers[0].image, \"key.with.dots\".tag).", "type": "string", "minLength": 1 }, "write": { "description": "What is written at path.", "enum": ["reference", "tag", "digest", "tag@digest"], "default": "reference" }, "create": { "description": "Create the keys of path that do not exist yet (nested mappings in the file's own indentation), as Argo CD Image Updater and Kargo do; false makes a missing key an error.", "type": "boolean", "default": true }, "environments": { "description": "Only these environments use this target. Default: all.", "type": "array", "minItems": 1, "items": { "type": "string" } } } };
const pattern16 = new RegExp("^[a-z0-9]([a-z0-9.-]*[a-z0-9])?:[a-z0-9]([a-z0-9.-]*[a-z0-9])?$", "u");
function validate15(data, { instancePath = "", parentData, parentDataProperty, rootData = data } = {}) {
    let vErrors = null;
    let errors = 0;
    if (data && typeof data == "object" && !Array.isArray(data)) {
        if (data.image === undefined) {
            const err0 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "image" }, message: "must have required property '" + "image" + "'", schema: schema21.required, parentSchema: schema21, data };
            if (vErrors === null) {
                vErrors = [err0];
            }
            else {
                vErrors.push(err0);
            }
            errors++;
        }
        for (const key0 in data) {
            if (!((((key0 === "image") || (key0 === "image-policy")) || (key0 === "targets")) || (key0 === "environments"))) {
                const err1 = { instancePath, schemaPath: "#/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key0 }, message: "must NOT have additional properties", schema: false, parentSchema: schema21, data };
                if (vErrors === null) {
                    vErrors = [err1];
                }
                else {
                    vErrors.push(err1);
                }
                errors++;
            }
        }
        if (data.image !== undefined) {
            let data0 = data.image;
            if (typeof data0 === "string") {
                if (func3(data0) < 1) {
                    const err2 = { instancePath: instancePath + "/image", schemaPath: "#/properties/image/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters", schema: 1, parentSchema: schema21.properties.image, data: data0 };
                    if (vErrors === null) {
                        vErrors = [err2];
                    }
                    else {
                        vErrors.push(err2);
                    }
                    errors++;
                }
            }
            else {
                const err3 = { instancePath: instancePath + "/image", schemaPath: "#/properties/image/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema21.properties.image.type, parentSchema: schema21.properties.image, data: data0 };
                if (vErrors === null) {
                    vErrors = [err3];
                }
                else {
                    vErrors.push(err3);
                }
                errors++;
            }
        }
        if (data["image-policy"] !== undefined) {
            let data1 = data["image-policy"];
            if (typeof data1 === "string") {
                if (!pattern16.test(data1)) {
                    const err4 = { instancePath: instancePath + "/image-policy", schemaPath: "#/properties/image-policy/pattern", keyword: "pattern", params: { pattern: "^[a-z0-9]([a-z0-9.-]*[a-z0-9])?:[a-z0-9]([a-z0-9.-]*[a-z0-9])?$" }, message: "must match pattern \"" + "^[a-z0-9]([a-z0-9.-]*[a-z0-9])?:[a-z0-9]([a-z0-9.-]*[a-z0-9])?$" + "\"", schema: "^[a-z0-9]([a-z0-9.-]*[a-z0-9])?:[a-z0-9]([a-z0-9.-]*[a-z0-9])?$", parentSchema: schema21.properties["image-policy"], data: data1 };
                    if (vErrors === null) {
                        vErrors = [err4];
                    }
                    else {
                        vErrors.push(err4);
                    }
                    errors++;
                }
            }
            else {
                const err5 = { instancePath: instancePath + "/image-policy", schemaPath: "#/properties/image-policy/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema21.properties["image-policy"].type, parentSchema: schema21.properties["image-policy"], data: data1 };
                if (vErrors === null) {
                    vErrors = [err5];
                }
                else {
                    vErrors.push(err5);
                }
                errors++;
            }
        }
        if (data.targets !== undefined) {
            let data2 = data.targets;
            if (Array.isArray(data2)) {
                if (data2.length < 1) {
                    const err6 = { instancePath: instancePath + "/targets", schemaPath: "#/properties/targets/minItems", keyword: "minItems", params: { limit: 1 }, message: "must NOT have fewer than 1 items", schema: 1, parentSchema: schema21.properties.targets, data: data2 };
                    if (vErrors === null) {
                        vErrors = [err6];
                    }
                    else {
                        vErrors.push(err6);
                    }
                    errors++;
                }
                const len0 = data2.length;
                for (let i0 = 0; i0 < len0; i0++) {
                    let data3 = data2[i0];
                    if (data3 && typeof data3 == "object" && !Array.isArray(data3)) {
                        if (data3.file === undefined) {
                            const err7 = { instancePath: instancePath + "/targets/" + i0, schemaPath: "#/definitions/target/required", keyword: "required", params: { missingProperty: "file" }, message: "must have required property '" + "file" + "'", schema: schema22.required, parentSchema: schema22, data: data3 };
                            if (vErrors === null) {
                                vErrors = [err7];
                            }
                            else {
                                vErrors.push(err7);
                            }
                            errors++;
                        }
                        for (const key1 in data3) {
                            if (!(((((key1 === "file") || (key1 === "path")) || (key1 === "write")) || (key1 === "create")) || (key1 === "environments"))) {
                                const err8 = { instancePath: instancePath + "/targets/" + i0, schemaPath: "#/definitions/target/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key1 }, message: "must NOT have additional properties", schema: false, parentSchema: schema22, data: data3 };
                                if (vErrors === null) {
                                    vErrors = [err8];
                                }
                                else {
                                    vErrors.push(err8);
                                }
                                errors++;
                            }
                        }
                        if (data3.file !== undefined) {
                            let data4 = data3.file;
                            if (typeof data4 === "string") {
                                if (func3(data4) < 1) {
                                    const err9 = { instancePath: instancePath + "/targets/" + i0 + "/file", schemaPath: "#/definitions/target/properties/file/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters", schema: 1, parentSchema: schema22.properties.file, data: data4 };
                                    if (vErrors === null) {
                                        vErrors = [err9];
                                    }
                                    else {
                                        vErrors.push(err9);
                                    }
                                    errors++;
                                }
                            }
                            else {
                                const err10 = { instancePath: instancePath + "/targets/" + i0 + "/file", schemaPath: "#/definitions/target/properties/file/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema22.properties.file.type, parentSchema: schema22.properties.file, data: data4 };
                                if (vErrors === null) {
                                    vErrors = [err10];
                                }
                                else {
                                    vErrors.push(err10);
                                }
                                errors++;
                            }
                        }
                        if (data3.path !== undefined) {
                            let data5 = data3.path;
                            if (typeof data5 === "string") {
                                if (func3(data5) < 1) {
                                    const err11 = { instancePath: instancePath + "/targets/" + i0 + "/path", schemaPath: "#/definitions/target/properties/path/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters", schema: 1, parentSchema: schema22.properties.path, data: data5 };
                                    if (vErrors === null) {
                                        vErrors = [err11];
                                    }
                                    else {
                                        vErrors.push(err11);
                                    }
                                    errors++;
                                }
                            }
                            else {
                                const err12 = { instancePath: instancePath + "/targets/" + i0 + "/path", schemaPath: "#/definitions/target/properties/path/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema22.properties.path.type, parentSchema: schema22.properties.path, data: data5 };
                                if (vErrors === null) {
                                    vErrors = [err12];
                                }
                                else {
                                    vErrors.push(err12);
                                }
                                errors++;
                            }
                        }
                        if (data3.write !== undefined) {
                            let data6 = data3.write;
                            if (!((((data6 === "reference") || (data6 === "tag")) || (data6 === "digest")) || (data6 === "tag@digest"))) {
                                const err13 = { instancePath: instancePath + "/targets/" + i0 + "/write", schemaPath: "#/definitions/target/properties/write/enum", keyword: "enum", params: { allowedValues: schema22.properties.write.enum }, message: "must be equal to one of the allowed values", schema: schema22.properties.write.enum, parentSchema: schema22.properties.write, data: data6 };
                                if (vErrors === null) {
                                    vErrors = [err13];
                                }
                                else {
                                    vErrors.push(err13);
                                }
                                errors++;
                            }
                        }
                        if (data3.create !== undefined) {
                            let data7 = data3.create;
                            if (typeof data7 !== "boolean") {
                                const err14 = { instancePath: instancePath + "/targets/" + i0 + "/create", schemaPath: "#/definitions/target/properties/create/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean", schema: schema22.properties.create.type, parentSchema: schema22.properties.create, data: data7 };
                                if (vErrors === null) {
                                    vErrors = [err14];
                                }
                                else {
                                    vErrors.push(err14);
                                }
                                errors++;
                            }
                        }
                        if (data3.environments !== undefined) {
                            let data8 = data3.environments;
                            if (Array.isArray(data8)) {
                                if (data8.length < 1) {
                                    const err15 = { instancePath: instancePath + "/targets/" + i0 + "/environments", schemaPath: "#/definitions/target/properties/environments/minItems", keyword: "minItems", params: { limit: 1 }, message: "must NOT have fewer than 1 items", schema: 1, parentSchema: schema22.properties.environments, data: data8 };
                                    if (vErrors === null) {
                                        vErrors = [err15];
                                    }
                                    else {
                                        vErrors.push(err15);
                                    }
                                    errors++;
                                }
                                const len1 = data8.length;
                                for (let i1 = 0; i1 < len1; i1++) {
                                    let data9 = data8[i1];
                                    if (typeof data9 !== "string") {
                                        const err16 = { instancePath: instancePath + "/targets/" + i0 + "/environments/" + i1, schemaPath: "#/definitions/target/properties/environments/items/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema22.properties.environments.items.type, parentSchema: schema22.properties.environments.items, data: data9 };
                                        if (vErrors === null) {
                                            vErrors = [err16];
                                        }
                                        else {
                                            vErrors.push(err16);
                                        }
                                        errors++;
                                    }
                                }
                            }
                            else {
                                const err17 = { instancePath: instancePath + "/targets/" + i0 + "/environments", schemaPath: "#/definitions/target/properties/environments/type", keyword: "type", params: { type: "array" }, message: "must be array", schema: schema22.properties.environments.type, parentSchema: schema22.properties.environments, data: data8 };
                                if (vErrors === null) {
                                    vErrors = [err17];
                                }
                                else {
                                    vErrors.push(err17);
                                }
                                errors++;
                            }
                        }
                    }
                    else {
                        const err18 = { instancePath: instancePath + "/targets/" + i0, schemaPath: "#/definitions/target/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema22.type, parentSchema: schema22, data: data3 };
                        if (vErrors === null) {
                            vErrors = [err18];
                        }
                        else {
                            vErrors.push(err18);
                        }
                        errors++;
                    }
                }
            }
            else {
                const err19 = { instancePath: instancePath + "/targets", schemaPath: "#/properties/targets/type", keyword: "type", params: { type: "array" }, message: "must be array", schema: schema21.properties.targets.type, parentSchema: schema21.properties.targets, data: data2 };
                if (vErrors === null) {
                    vErrors = [err19];
                }
                else {
                    vErrors.push(err19);
                }
                errors++;
            }
        }
        if (data.environments !== undefined) {
            let data10 = data.environments;
            if (data10 && typeof data10 == "object" && !Array.isArray(data10)) {
                for (const key2 in data10) {
                    const _errs25 = errors;
                    if (typeof key2 === "string") {
                        if (!pattern0.test(key2)) {
                            const err20 = { instancePath: instancePath + "/environments", schemaPath: "#/definitions/name/pattern", keyword: "pattern", params: { pattern: "^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$" }, message: "must match pattern \"" + "^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$" + "\"", schema: "^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$", parentSchema: schema12, data: key2, propertyName: key2 };
                            if (vErrors === null) {
                                vErrors = [err20];
                            }
                            else {
                                vErrors.push(err20);
                            }
                            errors++;
                        }
                    }
                    else {
                        const err21 = { instancePath: instancePath + "/environments", schemaPath: "#/definitions/name/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema12.type, parentSchema: schema12, data: key2, propertyName: key2 };
                        if (vErrors === null) {
                            vErrors = [err21];
                        }
                        else {
                            vErrors.push(err21);
                        }
                        errors++;
                    }
                    var valid7 = _errs25 === errors;
                    if (!valid7) {
                        const err22 = { instancePath: instancePath + "/environments", schemaPath: "#/properties/environments/propertyNames", keyword: "propertyNames", params: { propertyName: key2 }, message: "property name must be valid", schema: schema21.properties.environments.propertyNames, parentSchema: schema21.properties.environments, data: data10 };
                        if (vErrors === null) {
                            vErrors = [err22];
                        }
                        else {
                            vErrors.push(err22);
                        }
                        errors++;
                    }
                }
                for (const key3 in data10) {
                    let data11 = data10[key3];
                    if (data11 && typeof data11 == "object" && !Array.isArray(data11)) {
                        for (const key4 in data11) {
                            if (!((key4 === "image") || (key4 === "image-policy"))) {
                                const err23 = { instancePath: instancePath + "/environments/" + key3.replace(/~/g, "~0").replace(/\//g, "~1"), schemaPath: "#/properties/environments/additionalProperties/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key4 }, message: "must NOT have additional properties", schema: false, parentSchema: schema21.properties.environments.additionalProperties, data: data11 };
                                if (vErrors === null) {
                                    vErrors = [err23];
                                }
                                else {
                                    vErrors.push(err23);
                                }
                                errors++;
                            }
                        }
                        if (data11.image !== undefined) {
                            let data12 = data11.image;
                            if (typeof data12 === "string") {
                                if (func3(data12) < 1) {
                                    const err24 = { instancePath: instancePath + "/environments/" + key3.replace(/~/g, "~0").replace(/\//g, "~1") + "/image", schemaPath: "#/properties/environments/additionalProperties/properties/image/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters", schema: 1, parentSchema: schema21.properties.environments.additionalProperties.properties.image, data: data12 };
                                    if (vErrors === null) {
                                        vErrors = [err24];
                                    }
                                    else {
                                        vErrors.push(err24);
                                    }
                                    errors++;
                                }
                            }
                            else {
                                const err25 = { instancePath: instancePath + "/environments/" + key3.replace(/~/g, "~0").replace(/\//g, "~1") + "/image", schemaPath: "#/properties/environments/additionalProperties/properties/image/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema21.properties.environments.additionalProperties.properties.image.type, parentSchema: schema21.properties.environments.additionalProperties.properties.image, data: data12 };
                                if (vErrors === null) {
                                    vErrors = [err25];
                                }
                                else {
                                    vErrors.push(err25);
                                }
                                errors++;
                            }
                        }
                        if (data11["image-policy"] !== undefined) {
                            let data13 = data11["image-policy"];
                            if (typeof data13 === "string") {
                                if (!pattern16.test(data13)) {
                                    const err26 = { instancePath: instancePath + "/environments/" + key3.replace(/~/g, "~0").replace(/\//g, "~1") + "/image-policy", schemaPath: "#/properties/environments/additionalProperties/properties/image-policy/pattern", keyword: "pattern", params: { pattern: "^[a-z0-9]([a-z0-9.-]*[a-z0-9])?:[a-z0-9]([a-z0-9.-]*[a-z0-9])?$" }, message: "must match pattern \"" + "^[a-z0-9]([a-z0-9.-]*[a-z0-9])?:[a-z0-9]([a-z0-9.-]*[a-z0-9])?$" + "\"", schema: "^[a-z0-9]([a-z0-9.-]*[a-z0-9])?:[a-z0-9]([a-z0-9.-]*[a-z0-9])?$", parentSchema: schema21.properties.environments.additionalProperties.properties["image-policy"], data: data13 };
                                    if (vErrors === null) {
                                        vErrors = [err26];
                                    }
                                    else {
                                        vErrors.push(err26);
                                    }
                                    errors++;
                                }
                            }
                            else {
                                const err27 = { instancePath: instancePath + "/environments/" + key3.replace(/~/g, "~0").replace(/\//g, "~1") + "/image-policy", schemaPath: "#/properties/environments/additionalProperties/properties/image-policy/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema21.properties.environments.additionalProperties.properties["image-policy"].type, parentSchema: schema21.properties.environments.additionalProperties.properties["image-policy"], data: data13 };
                                if (vErrors === null) {
                                    vErrors = [err27];
                                }
                                else {
                                    vErrors.push(err27);
                                }
                                errors++;
                            }
                        }
                    }
                    else {
                        const err28 = { instancePath: instancePath + "/environments/" + key3.replace(/~/g, "~0").replace(/\//g, "~1"), schemaPath: "#/properties/environments/additionalProperties/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema21.properties.environments.additionalProperties.type, parentSchema: schema21.properties.environments.additionalProperties, data: data11 };
                        if (vErrors === null) {
                            vErrors = [err28];
                        }
                        else {
                            vErrors.push(err28);
                        }
                        errors++;
                    }
                }
            }
            else {
                const err29 = { instancePath: instancePath + "/environments", schemaPath: "#/properties/environments/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema21.properties.environments.type, parentSchema: schema21.properties.environments, data: data10 };
                if (vErrors === null) {
                    vErrors = [err29];
                }
                else {
                    vErrors.push(err29);
                }
                errors++;
            }
        }
    }
    else {
        const err30 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema21.type, parentSchema: schema21, data };
        if (vErrors === null) {
            vErrors = [err30];
        }
        else {
            vErrors.push(err30);
        }
        errors++;
    }
    validate15.errors = vErrors;
    return errors === 0;
}
const schema24 = { "description": "Preview environments, one per app pull request: made from a template folder with the pull request's image pinned by digest, and removed when the pull request closes or the preview outlives its ttl.", "type": "object", "additionalProperties": false, "required": ["template", "path"], "properties": { "template": { "description": "A folder of the config repository whose files are copied into each preview with {number}, {branch} (made safe for names), {app} and {sha} replaced: a kustomize overlay of dev, an Argo CD Application, a Flux Kustomization, whatever the controller picks up.", "type": "string", "minLength": 1 }, "path": { "description": "Where a preview lives, with {number} (the pull request's) and optionally {app}, e.g. previews/pr-{number}. Outside every environment's folder.", "type": "string", "minLength": 1, "pattern": "\\{number\\}" }, "apps": { "description": "The apps that may be previewed. Default: every app.", "type": "array", "minItems": 1, "uniqueItems": true, "items": { "$ref": "#/definitions/name" } }, "url": { "description": "A preview's address, with {number}, {branch} and {app} replaced, e.g. https://pr-{number}.preview.example.com.", "type": "string", "pattern": "^https?://[^/\\s]+" }, "max": { "description": "How many previews may exist at once; one more is refused, naming those that exist. Default: 10.", "type": "integer", "minimum": 1, "maximum": 1000, "default": 10 }, "ttl": { "description": "How long a preview may live before the sweep removes it, in hours or days: 36h, 7d. Default: 7d.", "type": "string", "pattern": "^[1-9][0-9]{0,3}[hd]$", "default": "7d" }, "controller": { "description": "The controller that applies a preview, as an environment's, with {number} and {app} in names (pr-{number}): waited for after a preview is written.", "allOf": [{ "$ref": "#/definitions/controller" }] } } };
const func0 = runtime_equal;
const pattern19 = new RegExp("\\{number\\}", "u");
const pattern22 = new RegExp("^[1-9][0-9]{0,3}[hd]$", "u");
function validate17(data, { instancePath = "", parentData, parentDataProperty, rootData = data } = {}) {
    let vErrors = null;
    let errors = 0;
    if (data && typeof data == "object" && !Array.isArray(data)) {
        if (data.template === undefined) {
            const err0 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "template" }, message: "must have required property '" + "template" + "'", schema: schema24.required, parentSchema: schema24, data };
            if (vErrors === null) {
                vErrors = [err0];
            }
            else {
                vErrors.push(err0);
            }
            errors++;
        }
        if (data.path === undefined) {
            const err1 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "path" }, message: "must have required property '" + "path" + "'", schema: schema24.required, parentSchema: schema24, data };
            if (vErrors === null) {
                vErrors = [err1];
            }
            else {
                vErrors.push(err1);
            }
            errors++;
        }
        for (const key0 in data) {
            if (!(((((((key0 === "template") || (key0 === "path")) || (key0 === "apps")) || (key0 === "url")) || (key0 === "max")) || (key0 === "ttl")) || (key0 === "controller"))) {
                const err2 = { instancePath, schemaPath: "#/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key0 }, message: "must NOT have additional properties", schema: false, parentSchema: schema24, data };
                if (vErrors === null) {
                    vErrors = [err2];
                }
                else {
                    vErrors.push(err2);
                }
                errors++;
            }
        }
        if (data.template !== undefined) {
            let data0 = data.template;
            if (typeof data0 === "string") {
                if (func3(data0) < 1) {
                    const err3 = { instancePath: instancePath + "/template", schemaPath: "#/properties/template/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters", schema: 1, parentSchema: schema24.properties.template, data: data0 };
                    if (vErrors === null) {
                        vErrors = [err3];
                    }
                    else {
                        vErrors.push(err3);
                    }
                    errors++;
                }
            }
            else {
                const err4 = { instancePath: instancePath + "/template", schemaPath: "#/properties/template/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema24.properties.template.type, parentSchema: schema24.properties.template, data: data0 };
                if (vErrors === null) {
                    vErrors = [err4];
                }
                else {
                    vErrors.push(err4);
                }
                errors++;
            }
        }
        if (data.path !== undefined) {
            let data1 = data.path;
            if (typeof data1 === "string") {
                if (func3(data1) < 1) {
                    const err5 = { instancePath: instancePath + "/path", schemaPath: "#/properties/path/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters", schema: 1, parentSchema: schema24.properties.path, data: data1 };
                    if (vErrors === null) {
                        vErrors = [err5];
                    }
                    else {
                        vErrors.push(err5);
                    }
                    errors++;
                }
                if (!pattern19.test(data1)) {
                    const err6 = { instancePath: instancePath + "/path", schemaPath: "#/properties/path/pattern", keyword: "pattern", params: { pattern: "\\{number\\}" }, message: "must match pattern \"" + "\\{number\\}" + "\"", schema: "\\{number\\}", parentSchema: schema24.properties.path, data: data1 };
                    if (vErrors === null) {
                        vErrors = [err6];
                    }
                    else {
                        vErrors.push(err6);
                    }
                    errors++;
                }
            }
            else {
                const err7 = { instancePath: instancePath + "/path", schemaPath: "#/properties/path/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema24.properties.path.type, parentSchema: schema24.properties.path, data: data1 };
                if (vErrors === null) {
                    vErrors = [err7];
                }
                else {
                    vErrors.push(err7);
                }
                errors++;
            }
        }
        if (data.apps !== undefined) {
            let data2 = data.apps;
            if (Array.isArray(data2)) {
                if (data2.length < 1) {
                    const err8 = { instancePath: instancePath + "/apps", schemaPath: "#/properties/apps/minItems", keyword: "minItems", params: { limit: 1 }, message: "must NOT have fewer than 1 items", schema: 1, parentSchema: schema24.properties.apps, data: data2 };
                    if (vErrors === null) {
                        vErrors = [err8];
                    }
                    else {
                        vErrors.push(err8);
                    }
                    errors++;
                }
                const len0 = data2.length;
                for (let i0 = 0; i0 < len0; i0++) {
                    let data3 = data2[i0];
                    if (typeof data3 === "string") {
                        if (!pattern0.test(data3)) {
                            const err9 = { instancePath: instancePath + "/apps/" + i0, schemaPath: "#/definitions/name/pattern", keyword: "pattern", params: { pattern: "^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$" }, message: "must match pattern \"" + "^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$" + "\"", schema: "^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$", parentSchema: schema12, data: data3 };
                            if (vErrors === null) {
                                vErrors = [err9];
                            }
                            else {
                                vErrors.push(err9);
                            }
                            errors++;
                        }
                    }
                    else {
                        const err10 = { instancePath: instancePath + "/apps/" + i0, schemaPath: "#/definitions/name/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema12.type, parentSchema: schema12, data: data3 };
                        if (vErrors === null) {
                            vErrors = [err10];
                        }
                        else {
                            vErrors.push(err10);
                        }
                        errors++;
                    }
                }
                let i1 = data2.length;
                let j0;
                if (i1 > 1) {
                    outer0: for (; i1--;) {
                        for (j0 = i1; j0--;) {
                            if (func0(data2[i1], data2[j0])) {
                                const err11 = { instancePath: instancePath + "/apps", schemaPath: "#/properties/apps/uniqueItems", keyword: "uniqueItems", params: { i: i1, j: j0 }, message: "must NOT have duplicate items (items ## " + j0 + " and " + i1 + " are identical)", schema: true, parentSchema: schema24.properties.apps, data: data2 };
                                if (vErrors === null) {
                                    vErrors = [err11];
                                }
                                else {
                                    vErrors.push(err11);
                                }
                                errors++;
                                break outer0;
                            }
                        }
                    }
                }
            }
            else {
                const err12 = { instancePath: instancePath + "/apps", schemaPath: "#/properties/apps/type", keyword: "type", params: { type: "array" }, message: "must be array", schema: schema24.properties.apps.type, parentSchema: schema24.properties.apps, data: data2 };
                if (vErrors === null) {
                    vErrors = [err12];
                }
                else {
                    vErrors.push(err12);
                }
                errors++;
            }
        }
        if (data.url !== undefined) {
            let data4 = data.url;
            if (typeof data4 === "string") {
                if (!pattern2.test(data4)) {
                    const err13 = { instancePath: instancePath + "/url", schemaPath: "#/properties/url/pattern", keyword: "pattern", params: { pattern: "^https?://[^/\\s]+" }, message: "must match pattern \"" + "^https?://[^/\\s]+" + "\"", schema: "^https?://[^/\\s]+", parentSchema: schema24.properties.url, data: data4 };
                    if (vErrors === null) {
                        vErrors = [err13];
                    }
                    else {
                        vErrors.push(err13);
                    }
                    errors++;
                }
            }
            else {
                const err14 = { instancePath: instancePath + "/url", schemaPath: "#/properties/url/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema24.properties.url.type, parentSchema: schema24.properties.url, data: data4 };
                if (vErrors === null) {
                    vErrors = [err14];
                }
                else {
                    vErrors.push(err14);
                }
                errors++;
            }
        }
        if (data.max !== undefined) {
            let data5 = data.max;
            if (!(((typeof data5 == "number") && (!(data5 % 1) && !isNaN(data5))) && (isFinite(data5)))) {
                const err15 = { instancePath: instancePath + "/max", schemaPath: "#/properties/max/type", keyword: "type", params: { type: "integer" }, message: "must be integer", schema: schema24.properties.max.type, parentSchema: schema24.properties.max, data: data5 };
                if (vErrors === null) {
                    vErrors = [err15];
                }
                else {
                    vErrors.push(err15);
                }
                errors++;
            }
            if ((typeof data5 == "number") && (isFinite(data5))) {
                if (data5 > 1000 || isNaN(data5)) {
                    const err16 = { instancePath: instancePath + "/max", schemaPath: "#/properties/max/maximum", keyword: "maximum", params: { comparison: "<=", limit: 1000 }, message: "must be <= 1000", schema: 1000, parentSchema: schema24.properties.max, data: data5 };
                    if (vErrors === null) {
                        vErrors = [err16];
                    }
                    else {
                        vErrors.push(err16);
                    }
                    errors++;
                }
                if (data5 < 1 || isNaN(data5)) {
                    const err17 = { instancePath: instancePath + "/max", schemaPath: "#/properties/max/minimum", keyword: "minimum", params: { comparison: ">=", limit: 1 }, message: "must be >= 1", schema: 1, parentSchema: schema24.properties.max, data: data5 };
                    if (vErrors === null) {
                        vErrors = [err17];
                    }
                    else {
                        vErrors.push(err17);
                    }
                    errors++;
                }
            }
        }
        if (data.ttl !== undefined) {
            let data6 = data.ttl;
            if (typeof data6 === "string") {
                if (!pattern22.test(data6)) {
                    const err18 = { instancePath: instancePath + "/ttl", schemaPath: "#/properties/ttl/pattern", keyword: "pattern", params: { pattern: "^[1-9][0-9]{0,3}[hd]$" }, message: "must match pattern \"" + "^[1-9][0-9]{0,3}[hd]$" + "\"", schema: "^[1-9][0-9]{0,3}[hd]$", parentSchema: schema24.properties.ttl, data: data6 };
                    if (vErrors === null) {
                        vErrors = [err18];
                    }
                    else {
                        vErrors.push(err18);
                    }
                    errors++;
                }
            }
            else {
                const err19 = { instancePath: instancePath + "/ttl", schemaPath: "#/properties/ttl/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema24.properties.ttl.type, parentSchema: schema24.properties.ttl, data: data6 };
                if (vErrors === null) {
                    vErrors = [err19];
                }
                else {
                    vErrors.push(err19);
                }
                errors++;
            }
        }
        if (data.controller !== undefined) {
            let data7 = data.controller;
            if (data7 && typeof data7 == "object" && !Array.isArray(data7)) {
                if (Object.keys(data7).length > 1) {
                    const err20 = { instancePath: instancePath + "/controller", schemaPath: "#/definitions/controller/maxProperties", keyword: "maxProperties", params: { limit: 1 }, message: "must NOT have more than 1 properties", schema: 1, parentSchema: schema14, data: data7 };
                    if (vErrors === null) {
                        vErrors = [err20];
                    }
                    else {
                        vErrors.push(err20);
                    }
                    errors++;
                }
                if (Object.keys(data7).length < 1) {
                    const err21 = { instancePath: instancePath + "/controller", schemaPath: "#/definitions/controller/minProperties", keyword: "minProperties", params: { limit: 1 }, message: "must NOT have fewer than 1 properties", schema: 1, parentSchema: schema14, data: data7 };
                    if (vErrors === null) {
                        vErrors = [err21];
                    }
                    else {
                        vErrors.push(err21);
                    }
                    errors++;
                }
                for (const key1 in data7) {
                    if (!((key1 === "argocd") || (key1 === "flux"))) {
                        const err22 = { instancePath: instancePath + "/controller", schemaPath: "#/definitions/controller/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key1 }, message: "must NOT have additional properties", schema: false, parentSchema: schema14, data: data7 };
                        if (vErrors === null) {
                            vErrors = [err22];
                        }
                        else {
                            vErrors.push(err22);
                        }
                        errors++;
                    }
                }
                if (data7.argocd !== undefined) {
                    let data8 = data7.argocd;
                    if (data8 && typeof data8 == "object" && !Array.isArray(data8)) {
                        if (data8.server === undefined) {
                            const err23 = { instancePath: instancePath + "/controller/argocd", schemaPath: "#/definitions/controller/properties/argocd/required", keyword: "required", params: { missingProperty: "server" }, message: "must have required property '" + "server" + "'", schema: schema14.properties.argocd.required, parentSchema: schema14.properties.argocd, data: data8 };
                            if (vErrors === null) {
                                vErrors = [err23];
                            }
                            else {
                                vErrors.push(err23);
                            }
                            errors++;
                        }
                        if (data8.application === undefined) {
                            const err24 = { instancePath: instancePath + "/controller/argocd", schemaPath: "#/definitions/controller/properties/argocd/required", keyword: "required", params: { missingProperty: "application" }, message: "must have required property '" + "application" + "'", schema: schema14.properties.argocd.required, parentSchema: schema14.properties.argocd, data: data8 };
                            if (vErrors === null) {
                                vErrors = [err24];
                            }
                            else {
                                vErrors.push(err24);
                            }
                            errors++;
                        }
                        for (const key2 in data8) {
                            if (!((((key2 === "server") || (key2 === "application")) || (key2 === "namespace")) || (key2 === "insecure"))) {
                                const err25 = { instancePath: instancePath + "/controller/argocd", schemaPath: "#/definitions/controller/properties/argocd/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key2 }, message: "must NOT have additional properties", schema: false, parentSchema: schema14.properties.argocd, data: data8 };
                                if (vErrors === null) {
                                    vErrors = [err25];
                                }
                                else {
                                    vErrors.push(err25);
                                }
                                errors++;
                            }
                        }
                        if (data8.server !== undefined) {
                            let data9 = data8.server;
                            if (typeof data9 === "string") {
                                if (!pattern2.test(data9)) {
                                    const err26 = { instancePath: instancePath + "/controller/argocd/server", schemaPath: "#/definitions/controller/properties/argocd/properties/server/pattern", keyword: "pattern", params: { pattern: "^https?://[^/\\s]+" }, message: "must match pattern \"" + "^https?://[^/\\s]+" + "\"", schema: "^https?://[^/\\s]+", parentSchema: schema14.properties.argocd.properties.server, data: data9 };
                                    if (vErrors === null) {
                                        vErrors = [err26];
                                    }
                                    else {
                                        vErrors.push(err26);
                                    }
                                    errors++;
                                }
                            }
                            else {
                                const err27 = { instancePath: instancePath + "/controller/argocd/server", schemaPath: "#/definitions/controller/properties/argocd/properties/server/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema14.properties.argocd.properties.server.type, parentSchema: schema14.properties.argocd.properties.server, data: data9 };
                                if (vErrors === null) {
                                    vErrors = [err27];
                                }
                                else {
                                    vErrors.push(err27);
                                }
                                errors++;
                            }
                        }
                        if (data8.application !== undefined) {
                            let data10 = data8.application;
                            if (typeof data10 === "string") {
                                if (func3(data10) < 1) {
                                    const err28 = { instancePath: instancePath + "/controller/argocd/application", schemaPath: "#/definitions/controller/properties/argocd/properties/application/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters", schema: 1, parentSchema: schema14.properties.argocd.properties.application, data: data10 };
                                    if (vErrors === null) {
                                        vErrors = [err28];
                                    }
                                    else {
                                        vErrors.push(err28);
                                    }
                                    errors++;
                                }
                            }
                            else {
                                const err29 = { instancePath: instancePath + "/controller/argocd/application", schemaPath: "#/definitions/controller/properties/argocd/properties/application/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema14.properties.argocd.properties.application.type, parentSchema: schema14.properties.argocd.properties.application, data: data10 };
                                if (vErrors === null) {
                                    vErrors = [err29];
                                }
                                else {
                                    vErrors.push(err29);
                                }
                                errors++;
                            }
                        }
                        if (data8.namespace !== undefined) {
                            let data11 = data8.namespace;
                            if (typeof data11 === "string") {
                                if (func3(data11) < 1) {
                                    const err30 = { instancePath: instancePath + "/controller/argocd/namespace", schemaPath: "#/definitions/controller/properties/argocd/properties/namespace/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters", schema: 1, parentSchema: schema14.properties.argocd.properties.namespace, data: data11 };
                                    if (vErrors === null) {
                                        vErrors = [err30];
                                    }
                                    else {
                                        vErrors.push(err30);
                                    }
                                    errors++;
                                }
                            }
                            else {
                                const err31 = { instancePath: instancePath + "/controller/argocd/namespace", schemaPath: "#/definitions/controller/properties/argocd/properties/namespace/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema14.properties.argocd.properties.namespace.type, parentSchema: schema14.properties.argocd.properties.namespace, data: data11 };
                                if (vErrors === null) {
                                    vErrors = [err31];
                                }
                                else {
                                    vErrors.push(err31);
                                }
                                errors++;
                            }
                        }
                        if (data8.insecure !== undefined) {
                            let data12 = data8.insecure;
                            if (typeof data12 !== "boolean") {
                                const err32 = { instancePath: instancePath + "/controller/argocd/insecure", schemaPath: "#/definitions/controller/properties/argocd/properties/insecure/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean", schema: schema14.properties.argocd.properties.insecure.type, parentSchema: schema14.properties.argocd.properties.insecure, data: data12 };
                                if (vErrors === null) {
                                    vErrors = [err32];
                                }
                                else {
                                    vErrors.push(err32);
                                }
                                errors++;
                            }
                        }
                    }
                    else {
                        const err33 = { instancePath: instancePath + "/controller/argocd", schemaPath: "#/definitions/controller/properties/argocd/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema14.properties.argocd.type, parentSchema: schema14.properties.argocd, data: data8 };
                        if (vErrors === null) {
                            vErrors = [err33];
                        }
                        else {
                            vErrors.push(err33);
                        }
                        errors++;
                    }
                }
                if (data7.flux !== undefined) {
                    let data13 = data7.flux;
                    if (data13 && typeof data13 == "object" && !Array.isArray(data13)) {
                        if (data13.name === undefined) {
                            const err34 = { instancePath: instancePath + "/controller/flux", schemaPath: "#/definitions/controller/properties/flux/required", keyword: "required", params: { missingProperty: "name" }, message: "must have required property '" + "name" + "'", schema: schema14.properties.flux.required, parentSchema: schema14.properties.flux, data: data13 };
                            if (vErrors === null) {
                                vErrors = [err34];
                            }
                            else {
                                vErrors.push(err34);
                            }
                            errors++;
                        }
                        for (const key3 in data13) {
                            if (!((((((key3 === "kind") || (key3 === "name")) || (key3 === "namespace")) || (key3 === "server")) || (key3 === "insecure")) || (key3 === "kubeconfig-exec"))) {
                                const err35 = { instancePath: instancePath + "/controller/flux", schemaPath: "#/definitions/controller/properties/flux/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key3 }, message: "must NOT have additional properties", schema: false, parentSchema: schema14.properties.flux, data: data13 };
                                if (vErrors === null) {
                                    vErrors = [err35];
                                }
                                else {
                                    vErrors.push(err35);
                                }
                                errors++;
                            }
                        }
                        if (data13.kind !== undefined) {
                            let data14 = data13.kind;
                            if (!((data14 === "Kustomization") || (data14 === "HelmRelease"))) {
                                const err36 = { instancePath: instancePath + "/controller/flux/kind", schemaPath: "#/definitions/controller/properties/flux/properties/kind/enum", keyword: "enum", params: { allowedValues: schema14.properties.flux.properties.kind.enum }, message: "must be equal to one of the allowed values", schema: schema14.properties.flux.properties.kind.enum, parentSchema: schema14.properties.flux.properties.kind, data: data14 };
                                if (vErrors === null) {
                                    vErrors = [err36];
                                }
                                else {
                                    vErrors.push(err36);
                                }
                                errors++;
                            }
                        }
                        if (data13.name !== undefined) {
                            let data15 = data13.name;
                            if (typeof data15 === "string") {
                                if (func3(data15) < 1) {
                                    const err37 = { instancePath: instancePath + "/controller/flux/name", schemaPath: "#/definitions/controller/properties/flux/properties/name/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters", schema: 1, parentSchema: schema14.properties.flux.properties.name, data: data15 };
                                    if (vErrors === null) {
                                        vErrors = [err37];
                                    }
                                    else {
                                        vErrors.push(err37);
                                    }
                                    errors++;
                                }
                            }
                            else {
                                const err38 = { instancePath: instancePath + "/controller/flux/name", schemaPath: "#/definitions/controller/properties/flux/properties/name/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema14.properties.flux.properties.name.type, parentSchema: schema14.properties.flux.properties.name, data: data15 };
                                if (vErrors === null) {
                                    vErrors = [err38];
                                }
                                else {
                                    vErrors.push(err38);
                                }
                                errors++;
                            }
                        }
                        if (data13.namespace !== undefined) {
                            let data16 = data13.namespace;
                            if (typeof data16 === "string") {
                                if (func3(data16) < 1) {
                                    const err39 = { instancePath: instancePath + "/controller/flux/namespace", schemaPath: "#/definitions/controller/properties/flux/properties/namespace/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters", schema: 1, parentSchema: schema14.properties.flux.properties.namespace, data: data16 };
                                    if (vErrors === null) {
                                        vErrors = [err39];
                                    }
                                    else {
                                        vErrors.push(err39);
                                    }
                                    errors++;
                                }
                            }
                            else {
                                const err40 = { instancePath: instancePath + "/controller/flux/namespace", schemaPath: "#/definitions/controller/properties/flux/properties/namespace/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema14.properties.flux.properties.namespace.type, parentSchema: schema14.properties.flux.properties.namespace, data: data16 };
                                if (vErrors === null) {
                                    vErrors = [err40];
                                }
                                else {
                                    vErrors.push(err40);
                                }
                                errors++;
                            }
                        }
                        if (data13.server !== undefined) {
                            let data17 = data13.server;
                            if (typeof data17 === "string") {
                                if (!pattern2.test(data17)) {
                                    const err41 = { instancePath: instancePath + "/controller/flux/server", schemaPath: "#/definitions/controller/properties/flux/properties/server/pattern", keyword: "pattern", params: { pattern: "^https?://[^/\\s]+" }, message: "must match pattern \"" + "^https?://[^/\\s]+" + "\"", schema: "^https?://[^/\\s]+", parentSchema: schema14.properties.flux.properties.server, data: data17 };
                                    if (vErrors === null) {
                                        vErrors = [err41];
                                    }
                                    else {
                                        vErrors.push(err41);
                                    }
                                    errors++;
                                }
                            }
                            else {
                                const err42 = { instancePath: instancePath + "/controller/flux/server", schemaPath: "#/definitions/controller/properties/flux/properties/server/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema14.properties.flux.properties.server.type, parentSchema: schema14.properties.flux.properties.server, data: data17 };
                                if (vErrors === null) {
                                    vErrors = [err42];
                                }
                                else {
                                    vErrors.push(err42);
                                }
                                errors++;
                            }
                        }
                        if (data13.insecure !== undefined) {
                            let data18 = data13.insecure;
                            if (typeof data18 !== "boolean") {
                                const err43 = { instancePath: instancePath + "/controller/flux/insecure", schemaPath: "#/definitions/controller/properties/flux/properties/insecure/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean", schema: schema14.properties.flux.properties.insecure.type, parentSchema: schema14.properties.flux.properties.insecure, data: data18 };
                                if (vErrors === null) {
                                    vErrors = [err43];
                                }
                                else {
                                    vErrors.push(err43);
                                }
                                errors++;
                            }
                        }
                        if (data13["kubeconfig-exec"] !== undefined) {
                            let data19 = data13["kubeconfig-exec"];
                            if (typeof data19 !== "boolean") {
                                const err44 = { instancePath: instancePath + "/controller/flux/kubeconfig-exec", schemaPath: "#/definitions/controller/properties/flux/properties/kubeconfig-exec/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean", schema: schema14.properties.flux.properties["kubeconfig-exec"].type, parentSchema: schema14.properties.flux.properties["kubeconfig-exec"], data: data19 };
                                if (vErrors === null) {
                                    vErrors = [err44];
                                }
                                else {
                                    vErrors.push(err44);
                                }
                                errors++;
                            }
                        }
                    }
                    else {
                        const err45 = { instancePath: instancePath + "/controller/flux", schemaPath: "#/definitions/controller/properties/flux/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema14.properties.flux.type, parentSchema: schema14.properties.flux, data: data13 };
                        if (vErrors === null) {
                            vErrors = [err45];
                        }
                        else {
                            vErrors.push(err45);
                        }
                        errors++;
                    }
                }
            }
            else {
                const err46 = { instancePath: instancePath + "/controller", schemaPath: "#/definitions/controller/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema14.type, parentSchema: schema14, data: data7 };
                if (vErrors === null) {
                    vErrors = [err46];
                }
                else {
                    vErrors.push(err46);
                }
                errors++;
            }
        }
    }
    else {
        const err47 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema24.type, parentSchema: schema24, data };
        if (vErrors === null) {
            vErrors = [err47];
        }
        else {
            vErrors.push(err47);
        }
        errors++;
    }
    validate17.errors = vErrors;
    return errors === 0;
}
function validate10(data, { instancePath = "", parentData, parentDataProperty, rootData = data } = {}) {
    /*# sourceURL="https://github.com/gitops/gitops/schema/gitops.schema.json" */ ;
    let vErrors = null;
    let errors = 0;
    if (data && typeof data == "object" && !Array.isArray(data)) {
        if (data.environments === undefined) {
            const err0 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "environments" }, message: "must have required property '" + "environments" + "'", schema: schema11.required, parentSchema: schema11, data };
            if (vErrors === null) {
                vErrors = [err0];
            }
            else {
                vErrors.push(err0);
            }
            errors++;
        }
        for (const key0 in data) {
            if (!((((((key0 === "environments") || (key0 === "apps")) || (key0 === "allowed-signers")) || (key0 === "pending-changes")) || (key0 === "previews")) || (key0 === "policies"))) {
                const err1 = { instancePath, schemaPath: "#/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key0 }, message: "must NOT have additional properties", schema: false, parentSchema: schema11, data };
                if (vErrors === null) {
                    vErrors = [err1];
                }
                else {
                    vErrors.push(err1);
                }
                errors++;
            }
        }
        if (data.environments !== undefined) {
            let data0 = data.environments;
            if (data0 && typeof data0 == "object" && !Array.isArray(data0)) {
                if (Object.keys(data0).length < 1) {
                    const err2 = { instancePath: instancePath + "/environments", schemaPath: "#/properties/environments/minProperties", keyword: "minProperties", params: { limit: 1 }, message: "must NOT have fewer than 1 properties", schema: 1, parentSchema: schema11.properties.environments, data: data0 };
                    if (vErrors === null) {
                        vErrors = [err2];
                    }
                    else {
                        vErrors.push(err2);
                    }
                    errors++;
                }
                for (const key1 in data0) {
                    const _errs4 = errors;
                    if (typeof key1 === "string") {
                        if (!pattern0.test(key1)) {
                            const err3 = { instancePath: instancePath + "/environments", schemaPath: "#/definitions/name/pattern", keyword: "pattern", params: { pattern: "^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$" }, message: "must match pattern \"" + "^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$" + "\"", schema: "^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$", parentSchema: schema12, data: key1, propertyName: key1 };
                            if (vErrors === null) {
                                vErrors = [err3];
                            }
                            else {
                                vErrors.push(err3);
                            }
                            errors++;
                        }
                    }
                    else {
                        const err4 = { instancePath: instancePath + "/environments", schemaPath: "#/definitions/name/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema12.type, parentSchema: schema12, data: key1, propertyName: key1 };
                        if (vErrors === null) {
                            vErrors = [err4];
                        }
                        else {
                            vErrors.push(err4);
                        }
                        errors++;
                    }
                    var valid1 = _errs4 === errors;
                    if (!valid1) {
                        const err5 = { instancePath: instancePath + "/environments", schemaPath: "#/properties/environments/propertyNames", keyword: "propertyNames", params: { propertyName: key1 }, message: "property name must be valid", schema: schema11.properties.environments.propertyNames, parentSchema: schema11.properties.environments, data: data0 };
                        if (vErrors === null) {
                            vErrors = [err5];
                        }
                        else {
                            vErrors.push(err5);
                        }
                        errors++;
                    }
                }
                for (const key2 in data0) {
                    if (!(validate11(data0[key2], { instancePath: instancePath + "/environments/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"), parentData: data0, parentDataProperty: key2, rootData }))) {
                        vErrors = vErrors === null ? validate11.errors : vErrors.concat(validate11.errors);
                        errors = vErrors.length;
                    }
                }
            }
            else {
                const err6 = { instancePath: instancePath + "/environments", schemaPath: "#/properties/environments/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema11.properties.environments.type, parentSchema: schema11.properties.environments, data: data0 };
                if (vErrors === null) {
                    vErrors = [err6];
                }
                else {
                    vErrors.push(err6);
                }
                errors++;
            }
        }
        if (data.apps !== undefined) {
            let data2 = data.apps;
            if (data2 && typeof data2 == "object" && !Array.isArray(data2)) {
                for (const key3 in data2) {
                    const _errs11 = errors;
                    if (typeof key3 === "string") {
                        if (!pattern0.test(key3)) {
                            const err7 = { instancePath: instancePath + "/apps", schemaPath: "#/definitions/name/pattern", keyword: "pattern", params: { pattern: "^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$" }, message: "must match pattern \"" + "^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$" + "\"", schema: "^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$", parentSchema: schema12, data: key3, propertyName: key3 };
                            if (vErrors === null) {
                                vErrors = [err7];
                            }
                            else {
                                vErrors.push(err7);
                            }
                            errors++;
                        }
                    }
                    else {
                        const err8 = { instancePath: instancePath + "/apps", schemaPath: "#/definitions/name/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema12.type, parentSchema: schema12, data: key3, propertyName: key3 };
                        if (vErrors === null) {
                            vErrors = [err8];
                        }
                        else {
                            vErrors.push(err8);
                        }
                        errors++;
                    }
                    var valid4 = _errs11 === errors;
                    if (!valid4) {
                        const err9 = { instancePath: instancePath + "/apps", schemaPath: "#/properties/apps/propertyNames", keyword: "propertyNames", params: { propertyName: key3 }, message: "property name must be valid", schema: schema11.properties.apps.propertyNames, parentSchema: schema11.properties.apps, data: data2 };
                        if (vErrors === null) {
                            vErrors = [err9];
                        }
                        else {
                            vErrors.push(err9);
                        }
                        errors++;
                    }
                }
                for (const key4 in data2) {
                    if (!(validate15(data2[key4], { instancePath: instancePath + "/apps/" + key4.replace(/~/g, "~0").replace(/\//g, "~1"), parentData: data2, parentDataProperty: key4, rootData }))) {
                        vErrors = vErrors === null ? validate15.errors : vErrors.concat(validate15.errors);
                        errors = vErrors.length;
                    }
                }
            }
            else {
                const err10 = { instancePath: instancePath + "/apps", schemaPath: "#/properties/apps/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema11.properties.apps.type, parentSchema: schema11.properties.apps, data: data2 };
                if (vErrors === null) {
                    vErrors = [err10];
                }
                else {
                    vErrors.push(err10);
                }
                errors++;
            }
        }
        if (data["allowed-signers"] !== undefined) {
            let data4 = data["allowed-signers"];
            if (typeof data4 === "string") {
                if (func3(data4) < 1) {
                    const err11 = { instancePath: instancePath + "/allowed-signers", schemaPath: "#/properties/allowed-signers/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters", schema: 1, parentSchema: schema11.properties["allowed-signers"], data: data4 };
                    if (vErrors === null) {
                        vErrors = [err11];
                    }
                    else {
                        vErrors.push(err11);
                    }
                    errors++;
                }
            }
            else {
                const err12 = { instancePath: instancePath + "/allowed-signers", schemaPath: "#/properties/allowed-signers/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema11.properties["allowed-signers"].type, parentSchema: schema11.properties["allowed-signers"], data: data4 };
                if (vErrors === null) {
                    vErrors = [err12];
                }
                else {
                    vErrors.push(err12);
                }
                errors++;
            }
        }
        if (data["pending-changes"] !== undefined) {
            let data5 = data["pending-changes"];
            if (!((data5 === "refs") || (data5 === "branches"))) {
                const err13 = { instancePath: instancePath + "/pending-changes", schemaPath: "#/properties/pending-changes/enum", keyword: "enum", params: { allowedValues: schema11.properties["pending-changes"].enum }, message: "must be equal to one of the allowed values", schema: schema11.properties["pending-changes"].enum, parentSchema: schema11.properties["pending-changes"], data: data5 };
                if (vErrors === null) {
                    vErrors = [err13];
                }
                else {
                    vErrors.push(err13);
                }
                errors++;
            }
        }
        if (data.previews !== undefined) {
            if (!(validate17(data.previews, { instancePath: instancePath + "/previews", parentData: data, parentDataProperty: "previews", rootData }))) {
                vErrors = vErrors === null ? validate17.errors : vErrors.concat(validate17.errors);
                errors = vErrors.length;
            }
        }
        if (data.policies !== undefined) {
            let data7 = data.policies;
            if (data7 && typeof data7 == "object" && !Array.isArray(data7)) {
                for (const key5 in data7) {
                    if (!(func2.call(schema11.properties.policies.properties, key5))) {
                        const err14 = { instancePath: instancePath + "/policies", schemaPath: "#/properties/policies/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key5 }, message: "must NOT have additional properties", schema: false, parentSchema: schema11.properties.policies, data: data7 };
                        if (vErrors === null) {
                            vErrors = [err14];
                        }
                        else {
                            vErrors.push(err14);
                        }
                        errors++;
                    }
                }
                if (data7["image-latest-tag"] !== undefined) {
                    let data8 = data7["image-latest-tag"];
                    if (!(((data8 === "off") || (data8 === "warning")) || (data8 === "error"))) {
                        const err15 = { instancePath: instancePath + "/policies/image-latest-tag", schemaPath: "#/definitions/severity/enum", keyword: "enum", params: { allowedValues: schema27.enum }, message: "must be equal to one of the allowed values", schema: schema27.enum, parentSchema: schema27, data: data8 };
                        if (vErrors === null) {
                            vErrors = [err15];
                        }
                        else {
                            vErrors.push(err15);
                        }
                        errors++;
                    }
                }
                if (data7["image-without-digest"] !== undefined) {
                    let data9 = data7["image-without-digest"];
                    if (!(((data9 === "off") || (data9 === "warning")) || (data9 === "error"))) {
                        const err16 = { instancePath: instancePath + "/policies/image-without-digest", schemaPath: "#/definitions/severity/enum", keyword: "enum", params: { allowedValues: schema27.enum }, message: "must be equal to one of the allowed values", schema: schema27.enum, parentSchema: schema27, data: data9 };
                        if (vErrors === null) {
                            vErrors = [err16];
                        }
                        else {
                            vErrors.push(err16);
                        }
                        errors++;
                    }
                }
                if (data7["duplicate-resource"] !== undefined) {
                    let data10 = data7["duplicate-resource"];
                    if (!(((data10 === "off") || (data10 === "warning")) || (data10 === "error"))) {
                        const err17 = { instancePath: instancePath + "/policies/duplicate-resource", schemaPath: "#/definitions/severity/enum", keyword: "enum", params: { allowedValues: schema27.enum }, message: "must be equal to one of the allowed values", schema: schema27.enum, parentSchema: schema27, data: data10 };
                        if (vErrors === null) {
                            vErrors = [err17];
                        }
                        else {
                            vErrors.push(err17);
                        }
                        errors++;
                    }
                }
                if (data7["missing-resources"] !== undefined) {
                    let data11 = data7["missing-resources"];
                    if (!(((data11 === "off") || (data11 === "warning")) || (data11 === "error"))) {
                        const err18 = { instancePath: instancePath + "/policies/missing-resources", schemaPath: "#/definitions/severity/enum", keyword: "enum", params: { allowedValues: schema27.enum }, message: "must be equal to one of the allowed values", schema: schema27.enum, parentSchema: schema27, data: data11 };
                        if (vErrors === null) {
                            vErrors = [err18];
                        }
                        else {
                            vErrors.push(err18);
                        }
                        errors++;
                    }
                }
                if (data7["privileged-container"] !== undefined) {
                    let data12 = data7["privileged-container"];
                    if (!(((data12 === "off") || (data12 === "warning")) || (data12 === "error"))) {
                        const err19 = { instancePath: instancePath + "/policies/privileged-container", schemaPath: "#/definitions/severity/enum", keyword: "enum", params: { allowedValues: schema27.enum }, message: "must be equal to one of the allowed values", schema: schema27.enum, parentSchema: schema27, data: data12 };
                        if (vErrors === null) {
                            vErrors = [err19];
                        }
                        else {
                            vErrors.push(err19);
                        }
                        errors++;
                    }
                }
                if (data7["host-path"] !== undefined) {
                    let data13 = data7["host-path"];
                    if (!(((data13 === "off") || (data13 === "warning")) || (data13 === "error"))) {
                        const err20 = { instancePath: instancePath + "/policies/host-path", schemaPath: "#/definitions/severity/enum", keyword: "enum", params: { allowedValues: schema27.enum }, message: "must be equal to one of the allowed values", schema: schema27.enum, parentSchema: schema27, data: data13 };
                        if (vErrors === null) {
                            vErrors = [err20];
                        }
                        else {
                            vErrors.push(err20);
                        }
                        errors++;
                    }
                }
                if (data7["missing-probes"] !== undefined) {
                    let data14 = data7["missing-probes"];
                    if (!(((data14 === "off") || (data14 === "warning")) || (data14 === "error"))) {
                        const err21 = { instancePath: instancePath + "/policies/missing-probes", schemaPath: "#/definitions/severity/enum", keyword: "enum", params: { allowedValues: schema27.enum }, message: "must be equal to one of the allowed values", schema: schema27.enum, parentSchema: schema27, data: data14 };
                        if (vErrors === null) {
                            vErrors = [err21];
                        }
                        else {
                            vErrors.push(err21);
                        }
                        errors++;
                    }
                }
                if (data7["namespace-missing"] !== undefined) {
                    let data15 = data7["namespace-missing"];
                    if (!(((data15 === "off") || (data15 === "warning")) || (data15 === "error"))) {
                        const err22 = { instancePath: instancePath + "/policies/namespace-missing", schemaPath: "#/definitions/severity/enum", keyword: "enum", params: { allowedValues: schema27.enum }, message: "must be equal to one of the allowed values", schema: schema27.enum, parentSchema: schema27, data: data15 };
                        if (vErrors === null) {
                            vErrors = [err22];
                        }
                        else {
                            vErrors.push(err22);
                        }
                        errors++;
                    }
                }
                if (data7["plain-secret"] !== undefined) {
                    let data16 = data7["plain-secret"];
                    if (!(((data16 === "off") || (data16 === "warning")) || (data16 === "error"))) {
                        const err23 = { instancePath: instancePath + "/policies/plain-secret", schemaPath: "#/definitions/severity/enum", keyword: "enum", params: { allowedValues: schema27.enum }, message: "must be equal to one of the allowed values", schema: schema27.enum, parentSchema: schema27, data: data16 };
                        if (vErrors === null) {
                            vErrors = [err23];
                        }
                        else {
                            vErrors.push(err23);
                        }
                        errors++;
                    }
                }
                if (data7["leaked-credential"] !== undefined) {
                    let data17 = data7["leaked-credential"];
                    if (!(((data17 === "off") || (data17 === "warning")) || (data17 === "error"))) {
                        const err24 = { instancePath: instancePath + "/policies/leaked-credential", schemaPath: "#/definitions/severity/enum", keyword: "enum", params: { allowedValues: schema27.enum }, message: "must be equal to one of the allowed values", schema: schema27.enum, parentSchema: schema27, data: data17 };
                        if (vErrors === null) {
                            vErrors = [err24];
                        }
                        else {
                            vErrors.push(err24);
                        }
                        errors++;
                    }
                }
            }
            else {
                const err25 = { instancePath: instancePath + "/policies", schemaPath: "#/properties/policies/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema11.properties.policies.type, parentSchema: schema11.properties.policies, data: data7 };
                if (vErrors === null) {
                    vErrors = [err25];
                }
                else {
                    vErrors.push(err25);
                }
                errors++;
            }
        }
    }
    else {
        const err26 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema11.type, parentSchema: schema11, data };
        if (vErrors === null) {
            vErrors = [err26];
        }
        else {
            vErrors.push(err26);
        }
        errors++;
    }
    validate10.errors = vErrors;
    return errors === 0;
}

;// CONCATENATED MODULE: ./packages/config/src/schema-check.ts

// Compiled ahead of time (scripts/generate-schema-validator.mjs): ajv itself is not loaded at run time.


const schema_check_validate = validate;
function checkSchema(data, locator) {
    if (schema_check_validate(data))
        return [];
    const problems = [];
    const seen = new Set();
    for (const error of alternativesApplied(schema_check_validate.errors ?? [])) {
        const problem = describe(error, locator);
        if (!problem)
            continue;
        const id = `${problem.location.line}:${problem.location.column}:${problem.message}`;
        if (seen.has(id))
            continue;
        seen.add(id);
        problems.push(problem);
    }
    return problems;
}
/**
 * A value that may take several shapes (`anyOf`: a name or a list of names) gets the errors of the shape its type
 * matches, not those of every shape; a value of no listed type gets one line naming them.
 */
function alternativesApplied(errors) {
    const alternatives = errors.filter((error) => error.keyword === 'anyOf');
    if (alternatives.length === 0)
        return [...errors];
    const dropped = new Set();
    const kept = [];
    for (const anyOf of alternatives) {
        dropped.add(anyOf);
        const branches = new Map();
        for (const error of errors) {
            if (!error.schemaPath.startsWith(`${anyOf.schemaPath}/`))
                continue;
            const branch = error.schemaPath.slice(anyOf.schemaPath.length + 1).split('/')[0];
            dropped.add(error);
            branches.set(branch, [...(branches.get(branch) ?? []), error]);
        }
        const ofType = [...branches.values()].filter((branch) => !branch.some((error) => error.keyword === 'type' && error.instancePath === anyOf.instancePath));
        if (ofType.length)
            kept.push(...ofType[0]);
        else {
            const types = [...branches.values()].map((branch) => String(branch[0]?.params.type));
            kept.push({ ...anyOf, keyword: 'type', params: { type: types.join(',') } });
        }
    }
    return [...errors.filter((error) => !dropped.has(error)), ...kept];
}
function pathOf(instancePath) {
    if (instancePath === '')
        return [];
    return instancePath
        .slice(1)
        .split('/')
        .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'))
        .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
}
function describe(error, locator) {
    const path = pathOf(error.instancePath);
    const at = (where, message, onKey = false) => ({
        location: onKey ? locator.key(where) : locator.value(where),
        key: keyPathText(where),
        message,
    });
    switch (error.keyword) {
        case 'additionalProperties': {
            const name = String(error.params.additionalProperty);
            const known = Object.keys(error.parentSchema?.properties ?? {});
            const where = keyPathText(path) || 'the top level';
            const hint = known.length ? didYouMean(name, known) || `; expected one of ${known.join(', ')}` : '';
            return at([...path, name], `unknown key in ${where}${hint}`, true);
        }
        case 'required':
            return {
                location: locator.key(path),
                key: keyPathText(path),
                message: `missing required key "${String(error.params.missingProperty)}"`,
            };
        case 'propertyNames':
            return undefined; // reported by the `pattern` error on the name itself
        case 'pattern':
            if (error.propertyName !== undefined) {
                return at([...path, error.propertyName], `"${error.propertyName}" is not a valid name: ${nameRule}`, true);
            }
            return at(path, `"${String(error.data)}" ${patternHints[String(path.at(-1))] ?? `does not match ${String(error.params.pattern)}`}`);
        case 'type': {
            const types = String(error.params.type).split(',').map(article).join(' or ');
            return at(path, `expected ${types}, got ${typeName(error.data)}`);
        }
        case 'enum': {
            const allowed = error.params.allowedValues.map(String);
            return at(path, `"${String(error.data)}" is not one of ${allowed.join(', ')}${didYouMean(String(error.data), allowed)}`);
        }
        case 'minProperties':
            return at(path, 'must not be empty');
        case 'maxProperties': {
            const given = Object.keys(error.data ?? {});
            return at(path, `names ${given.join(' and ')}; one environment has one of them`);
        }
        case 'minItems':
            return at(path, 'must list at least one entry');
        case 'minLength':
            return at(path, 'must not be empty');
        default:
            return at(path, error.message ?? `fails the ${error.keyword} rule`);
    }
}
const nameRule = 'use letters, digits, ".", "_" and "-", starting with a letter or digit, at most 63 characters';
const patternHints = {
    'image-policy': 'is not "namespace:name" of a Flux ImagePolicy, e.g. "flux-system:web"',
    server: 'is not an http(s) address, e.g. "https://argocd.example.com"',
    url: 'is not an http(s) address, e.g. "https://staging.example.com"',
    // previews: each pull request needs a folder of its own, and the sweep a duration it can read.
    path: 'holds no {number}: each pull request needs a folder of its own, e.g. "previews/pr-{number}"',
    ttl: 'is not hours or days, e.g. "36h" or "7d"',
    // fleets: a soak time between waves, or manual.
    'wave-pause': 'is not manual or a soak time, e.g. "90s", "10m" or "2h"',
    name: 'is not a cluster name: lower-case letters, digits and "-", as Kubernetes names',
};
function article(type) {
    return type === 'object' ? 'a mapping' : type === 'array' ? 'a list' : `a ${type}`;
}
function typeName(value) {
    if (value === null)
        return 'nothing (null)';
    if (Array.isArray(value))
        return 'a list';
    if (typeof value === 'object')
        return 'a mapping';
    return `${article(typeof value)} (${JSON.stringify(value)})`;
}

;// CONCATENATED MODULE: ./packages/config/src/load.ts
// Loads gitops.yaml (or the convention when there is none) into a checked GitopsConfig.









const defaultConfigFile = 'gitops.yaml';
const maxConfigBytes = (/* unused pure expression or super */ null && (1024 * 1024));
/** Reads and checks the configuration; throws ConfigError listing every problem. */
function loadConfig(options = {}) {
    const explicit = options.config !== undefined;
    const root = path.resolve(options.root ?? (explicit ? path.dirname(options.config) : '.'));
    const file = options.config ?? path.join(options.root ?? '.', defaultConfigFile);
    if (explicit && !existsSync(file))
        throw new ConfigError([{ location: { file }, key: '', message: 'file not found' }]);
    if (!existsSync(root) || !statSync(root).isDirectory()) {
        throw new ConfigError([{ location: { file: root }, key: '', message: 'the repository folder does not exist' }]);
    }
    if (!existsSync(file))
        return byConvention(root, file);
    configInsideRepository(root, path.relative(root, path.resolve(file)).split(path.sep).join('/'), file);
    const size = statSync(file).size;
    if (size > maxConfigBytes) {
        throw new ConfigError([
            { location: { file }, key: '', message: `the file is ${size} bytes; the limit is ${maxConfigBytes}` },
        ]);
    }
    return parseConfig(readFileSync(file, 'utf8'), { root, file });
}
/**
 * The configuration is the repository's own: a path or symbolic link out of `root` is refused, as a ConfigError
 * on `shownAs`, before anything is read.
 */
function configInsideRepository(root, relative, shownAs = relative) {
    try {
        resolveInsideRepository(root, relative);
    }
    catch (error) {
        if (!(error instanceof PathEscapeError))
            throw error;
        throw new problems_ConfigError([{ location: { file: shownAs }, key: '', message: error.message }]);
    }
}
function byConvention(root, file) {
    const environments = conventionEnvironments(root);
    if (!environments) {
        const folders = conventionFolders.map((folder) => `${folder}/`).join(' or ');
        throw new ConfigError([
            {
                location: { file },
                key: '',
                message: `no gitops.yaml, and no environment folders under ${folders} to go by; write a gitops.yaml`,
            },
        ]);
    }
    return { root, file: undefined, environments, apps: [], policies: {} };
}
/** Checks gitops.yaml text; `file` is the name used in messages, `root` anchors its paths. */
function parseConfig(text, options) {
    const { file } = options;
    const root = external_node_path_.resolve(options.root);
    const lineCounter = new dist/* LineCounter */.HN();
    const document = (0,dist/* parseDocument */.Tp)(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
    const syntax = document.errors.map((error) => {
        const { line, col } = lineCounter.linePos(error.pos[0]);
        return { location: { file, line, column: col }, key: '', message: yamlErrorMessage(error.message) };
    });
    if (syntax.length)
        throw new problems_ConfigError(syntax);
    if (!(0,dist/* isMap */.jh)(document.contents)) {
        const what = document.contents === null ? 'the file is empty' : 'the top level must be a mapping';
        throw new problems_ConfigError([
            { location: { file, line: 1, column: 1 }, key: '', message: `${what}; it needs an "environments:" mapping` },
        ]);
    }
    let data;
    try {
        data = document.toJS({ maxAliasCount: 100 });
    }
    catch (error) {
        throw new problems_ConfigError([
            { location: { file, line: 1, column: 1 }, key: '', message: `cannot be read: ${error.message}` },
        ]);
    }
    const locator = new YamlLocator(document, lineCounter, file);
    const problems = checkSchema(data, locator);
    const resolver = new ConfigResolver(root, locator, options.probe, options.folders);
    const resolved = resolver.resolve(data);
    const all = [...problems, ...resolver.problems].sort((a, b) => (a.location.line ?? 0) - (b.location.line ?? 0) || (a.location.column ?? 0) - (b.location.column ?? 0));
    if (all.length)
        throw new problems_ConfigError(all);
    return { root, file, ...resolved };
}
/** The first line of a yaml parser message, without the position it repeats (callers give file:line:col). */
function yamlErrorMessage(message) {
    return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');
}

;// CONCATENATED MODULE: ./packages/config/src/preview-folders.ts
// Where previews live, as gitops.yaml's previews block says: the folder of one pull request (and app), the pattern
// that tells a preview's folder from any other, and each preview as an environment (to render, wait for, read the
// health of). Shared by deploy, status and validate, so all three find the same folders.


/** The folder of pull request `number`'s preview of `app`. */
function preview_folders_previewFolder(previews, number, app) {
    return previews.path.replaceAll('{number}', String(number)).replaceAll('{app}', app);
}
/** The folder every preview is under: the path up to its first placeholder ('.' for the root). */
function preview_folders_previewsRoot(previews) {
    const fixed = previews.path.slice(0, previews.path.indexOf('{'));
    return fixed.includes('/') ? fixed.slice(0, fixed.lastIndexOf('/')) : '.';
}
/** A folder's name against the path: the number (and app) it stands for, or undefined when it is no preview. */
function preview_folders_matchPreviewFolder(previews, folder) {
    const groups = pathPattern(previews.path).exec(folder)?.groups;
    return groups ? { number: Number(groups.number), app: groups.app } : undefined;
}
/** `previews/pr-{number}` as a pattern of whole folder names: {number} is digits, {app} one path segment. */
function pathPattern(template) {
    const escaped = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
    const source = escaped
        .replace('{number}', '(?<number>[1-9][0-9]{0,8})')
        .replaceAll('{number}', '\\k<number>')
        .replace('{app}', '(?<app>[^/]+)')
        .replaceAll('{app}', '\\k<app>');
    return new RegExp(`^${source}$`);
}
/** A branch name as it may stand in names and addresses: lower case letters, digits and dashes, at most 40. */
function preview_folders_safeBranch(branch) {
    const safe = branch
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '')
        .slice(0, 40)
        .replace(/-+$/, '');
    return safe || 'branch';
}
/** A preview as an environment: its folder, and its controller and address with the placeholders filled. */
function preview_folders_previewEnvironment(previews, preview) {
    const fill = (text) => text
        .replaceAll('{number}', String(preview.number))
        .replaceAll('{app}', preview.app)
        .replaceAll('{branch}', preview_folders_safeBranch(preview.branch ?? ''));
    const spec = previews.controller;
    return {
        name: `preview #${preview.number}`,
        path: preview_folders_previewFolder(previews, preview.number, preview.app),
        promoteFrom: undefined,
        via: 'commit',
        // deploy pins the previewed app by digest itself; the rest of a preview is what dev runs, tags and all.
        requireDigest: false,
        controller: spec ? { ...spec, name: fill(spec.name) } : undefined,
        requireHealthy: false,
        autoPromote: false,
        url: previews.url === undefined ? undefined : fill(previews.url),
        requireProvenance: undefined,
        freeze: [],
        hold: undefined,
        location: previews.location,
    };
}
const maxPreviews = 1000;
/**
 * The preview folders of a working tree, as environments named by their folder (validate renders them). Links are
 * not followed; at most 1000 are listed.
 */
function previewEnvironmentsOnDisk(root, previews) {
    const depth = previews.path.split('/').length;
    const found = [];
    const walk = (relative, level) => {
        if (found.length >= maxPreviews)
            return;
        let entries;
        try {
            if (!lstatSync(path.join(root, relative)).isDirectory())
                return;
            entries = readdirSync(path.join(root, relative), { withFileTypes: true });
        }
        catch {
            return;
        }
        for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
            if (!entry.isDirectory())
                continue;
            const inner = relative === '.' ? entry.name : `${relative}/${entry.name}`;
            const match = preview_folders_matchPreviewFolder(previews, inner);
            if (match)
                found.push({
                    ...preview_folders_previewEnvironment(previews, { ...match, app: match.app ?? '', branch: undefined }),
                    name: inner,
                    path: inner,
                });
            else if (level + 1 < depth)
                walk(inner, level + 1);
        }
    };
    const start = preview_folders_previewsRoot(previews);
    walk(start, start === '.' ? 0 : start.split('/').length);
    return found;
}

;// CONCATENATED MODULE: ./packages/config/src/targets.ts


function targets_findEnvironment(config, name) {
    const environment = config.environments.find((candidate) => candidate.name === name);
    if (environment)
        return environment;
    throw unknown(config, unknownName('environment', name, config.environments.map((candidate) => candidate.name)));
}
function targets_findApp(config, name) {
    const app = config.apps.find((candidate) => candidate.name === name);
    if (app)
        return app;
    throw unknown(config, unknownName('app', name, config.apps.map((candidate) => candidate.name)));
}
function unknown(config, message) {
    return new problems_ConfigError([{ location: { file: config.file ?? config.root }, key: '', message }]);
}
/** The image name of `app` in `environment`, after per-environment overrides. */
function targets_imageFor(app, environment) {
    return app.imageOverrides[environment] ?? app.image;
}
/** The Flux ImagePolicy whose markers are the app's in the environment. */
function imagePolicyFor(app, environment) {
    return app.imagePolicyOverrides?.[environment] ?? app.imagePolicy;
}
/** The targets of `app` that apply to `environment`, with `{env}` substituted. */
function resolveTargets(app, environment) {
    return app.targets
        .filter((target) => target.environments === undefined || target.environments.includes(environment))
        .map((target) => ({
        file: target.file.replaceAll('{env}', environment),
        path: target.path?.replaceAll('{env}', environment),
        write: target.write,
        create: target.create,
        location: target.location,
    }));
}

;// CONCATENATED MODULE: ./packages/config/src/index.ts
// gitops.yaml: schema, loading, defaults and errors with file:line:column.










;// CONCATENATED MODULE: ./packages/delivery/src/load.ts
// gitops.yaml as a sparse checkout sees it: paths are checked against the git tree, not the disk.



async function loadCheckoutConfig(checkout, configFile) {
    configInsideRepository(checkout.dir, configFile);
    const directories = await checkout.treeDirectories();
    const file = external_node_path_.join(checkout.dir, configFile);
    // The folders of the tree, not of the sparse working copy: a glob of clusters, the convention's envs/.
    const folders = (folder) => [...directories]
        .filter((dir) => dir.startsWith(`${folder}/`) && !dir.slice(folder.length + 1).includes('/'))
        .map((dir) => dir.slice(folder.length + 1));
    if ((0,external_node_fs_.existsSync)(file)) {
        return parseConfig((0,external_node_fs_.readFileSync)(file, 'utf8'), {
            root: checkout.dir,
            file: configFile,
            probe: (relative) => (directories.has(relative) ? 'directory' : 'missing'),
            folders,
        });
    }
    const environments = convention_conventionEnvironments(checkout.dir, folders);
    if (!environments) {
        throw new problems_ConfigError([
            {
                location: { file: configFile },
                key: '',
                message: `no ${configFile} in ${checkout.remote.display}, and no envs/ or environments/ folders to go by`,
            },
        ]);
    }
    return { root: checkout.dir, file: undefined, environments, apps: [], policies: {} };
}

;// CONCATENATED MODULE: ./packages/delivery/src/change.ts
// What deploy, promote and hold share as changes to one config repository: the options, resolved and checked, and
// opening the checkout (land-change.ts lands the planned change).










const commitSignings = ['none', 'github', 'ssh'];
const defaultCommitter = { name: 'gitops', email: 'gitops@localhost' };
/** Resolves the options, or says which one is unusable before anything is cloned. */
async function change_prepareChange(options) {
    const logger = options.logger ?? silentLogger;
    const seconds = options.gitTimeoutSeconds ?? git_src/* defaultBudgetMs */.X_ / 1000;
    const remote = (0,git_src/* resolveRemote */.Lb)(options.repository, options.serverUrl ?? 'https://github.com', options.token, {
        budgetMs: seconds * 1000,
        onRetry: (message) => logger.info(message),
    });
    if ((0,git_src/* needsToken */.pD)(remote.url) && !options.token)
        throw new errors_DeliveryError(`needed to push to ${remote.display}`, { subject: 'token' });
    const committer = options.committer === undefined ? defaultCommitter : committerOf(options.committer);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: a reason is one line of a trailer
    if (options.overrideFreeze !== undefined && /[\u0000-\u001f\u007f\u2028\u2029]/.test(options.overrideFreeze))
        throw new errors_DeliveryError('must be one line: it is recorded in a commit trailer', { subject: 'override-freeze' });
    const apiUrl = options.apiUrl ?? 'https://api.github.com';
    const signing = options.commitSigning ?? 'none';
    if (signing === 'github' && (!remote.githubRepository || !options.token))
        throw new errors_DeliveryError(`github needs the config repository on the GitHub server (owner/name) and a token; for ${remote.display} use ssh`, { subject: 'commit-signing' });
    if (signing === 'ssh' && !options.signingKey)
        throw new errors_DeliveryError('ssh needs the private key in signing-key', { subject: 'commit-signing' });
    if (signing !== 'ssh' && options.signingKey)
        throw new errors_DeliveryError('is only used with commit-signing: ssh', { subject: 'signing-key' });
    const signingKeyFile = signing === 'ssh' ? await signingKeyOf(options) : undefined;
    // Every option is checked before the early clone is claimed: from here on, the caller removes the clone.
    const claimed = await options.started?.claim(remote, options.branch);
    const workdir = claimed?.workdir ?? external_node_path_.join((0,external_node_fs_.mkdtempSync)(external_node_path_.join(options.tempDir ?? (0,external_node_os_.tmpdir)(), 'gitops-change-')), 'config');
    const client = options.token ? client_githubClient(options.token, apiUrl) : undefined;
    return {
        remote,
        server: options.serverUrl ?? 'https://github.com',
        branch: options.branch,
        workdir,
        cloning: claimed?.checkout,
        config: options.config ?? 'gitops.yaml',
        via: options.via,
        dryRun: options.dryRun ?? false,
        committer,
        runUrl: options.runUrl,
        retry: {
            ...defaultRetryPolicy,
            maxAttempts: options.pushAttempts ?? defaultRetryPolicy.maxAttempts,
            timeoutMs: (options.pushTimeoutSeconds ?? defaultRetryPolicy.timeoutMs / 1000) * 1000,
        },
        pullRequests: options.pullRequests ?? (client ? new pull_requests_GitHubPullRequests(client) : undefined),
        pullRequest: { labels: options.labels ?? [], autoMerge: options.autoMerge ?? false },
        githubCommits: signing === 'github' && client && remote.githubRepository
            ? githubCommits(client, remote.githubRepository)
            : undefined,
        signingKeyFile,
        pendingTrust: pendingTrustOf(signing, client, remote.githubRepository, logger),
        github: client,
        logger,
    };
}
/** Pending changes are signed as commits are, and checked the same way: no signing, no pending changes. */
function pendingTrustOf(signing, client, repository, logger) {
    if (signing === 'ssh')
        return sshPendingTrust(logger);
    if (signing === 'github' && client && repository)
        return githubPendingTrust(client, repository, logger);
    return undefined;
}
/** The key in a folder of its own (removed with the clone), checked: it fails here when it cannot sign. */
async function signingKeyOf(options) {
    const folder = (0,external_node_fs_.mkdtempSync)(external_node_path_.join(options.tempDir ?? (0,external_node_os_.tmpdir)(), 'gitops-signing-'));
    try {
        return await (0,git_src/* sshSigningKey */.Lq)(options.signingKey ?? '', folder, 'signing-key');
    }
    catch (error) {
        (0,external_node_fs_.rmSync)(folder, { recursive: true, force: true });
        throw error;
    }
}
function committerOf(text) {
    const identity = (0,git_src/* parseIdentity */.aZ)(text);
    if (!identity)
        throw new errors_DeliveryError(`must look like "Name <email>", not "${text}"`, { subject: 'committer' });
    return identity;
}
/** Removes the clone; git must be done with the folder first. */
function change_removeClone(change) {
    (0,external_node_fs_.rmSync)(external_node_path_.dirname(change.workdir), { recursive: true, force: true, maxRetries: 5 });
    if (change.signingKeyFile)
        (0,external_node_fs_.rmSync)(external_node_path_.dirname(change.signingKeyFile), { recursive: true, force: true });
}
const silentLogger = {
    debug: () => undefined,
    info: () => undefined,
    warning: () => undefined,
    error: () => undefined,
    group: (_title, fn) => fn(),
};
/**
 * Clones what the change needs to start with. `cloned` sees the
 * checkout as soon as it is there, before the config is read (to start fetching what does not depend on it).
 */
async function change_openCheckout(options, cloned) {
    const cloning = options.cloning ?? git_src/* ConfigCheckout */.DY.clone(options.remote, options.workdir, options.branch);
    const checkout = await options.logger.group(`Clone ${options.remote.display}`, () => cloning);
    if (options.signingKeyFile)
        await checkout.signWith(options.signingKeyFile);
    cloned?.(checkout);
    return { checkout, config: await loadCheckoutConfig(checkout, options.config) };
}
/** Refuses a pull request that could not be opened, before anything is cloned further or written. */
function change_checkPullRequests(options, via) {
    if (via !== 'pull-request' || options.dryRun)
        return;
    const { remote } = options;
    if (!remote.githubRepository)
        throw new errors_DeliveryError(`via: pull-request opens a pull request on GitHub (${options.server}), and ${remote.display} is not a repository there: use via: commit to land the change as a commit`);
    if (!options.pullRequests)
        throw new errors_DeliveryError(`via: pull-request needs a token that may open pull requests in ${remote.githubRepository}`);
}

// EXTERNAL MODULE: ./node_modules/.pnpm/diff@9.0.0/node_modules/diff/libesm/patch/create.js + 2 modules
var create = __webpack_require__(46940);
;// CONCATENATED MODULE: ./packages/manifests/src/diff.ts
// Unified diffs of planned changes, for --dry-run, pull request bodies and job summaries.

/** One file's unified diff, `a/<old>` → `b/<new>`, without the `===` banner or trailing header tabs. */
function unifiedPatch(oldName, newName, before, after) {
    return (0,create/* createTwoFilesPatch */.ss)(oldName, newName, before, after, '', '', { context: 3 })
        .replace(/^=+\n/, '')
        .replace(/\t$/gm, '');
}
function diff_unifiedDiff(changes) {
    return changes
        .map((change) => unifiedPatch(`a/${change.file}`, `b/${change.file}`, change.before, change.after))
        .join('');
}

;// CONCATENATED MODULE: ./packages/manifests/src/yaml-path.ts
// YAML paths in targets: `web.image.tag`, `spec.values.image`, `containers[0].image`, `"key.with.dots".tag`.


class YamlPathError extends errors_src/* UserError */.yo {
}
function parseYamlPath(text) {
    const segments = [];
    let i = 0;
    const expectSeparator = () => {
        if (i < text.length && text[i] !== '.' && text[i] !== '[')
            throw new YamlPathError(`unexpected "${text[i]}" at position ${i + 1} of path "${text}"`);
        if (text[i] === '.') {
            i++;
            if (i >= text.length)
                throw new YamlPathError(`path "${text}" ends with "."`);
        }
    };
    if (text === '')
        throw new YamlPathError('the path is empty');
    while (i < text.length) {
        const c = text[i];
        if (c === '"' || c === "'") {
            const close = text.indexOf(c, i + 1);
            if (close === -1)
                throw new YamlPathError(`unclosed quote in path "${text}"`);
            segments.push(text.slice(i + 1, close));
            i = close + 1;
            expectSeparator();
        }
        else if (c === '[') {
            const close = text.indexOf(']', i);
            const inner = close === -1 ? '' : text.slice(i + 1, close);
            if (!/^\d+$/.test(inner))
                throw new YamlPathError(`"[${inner}" in path "${text}" is not a list index like [0]`);
            segments.push(Number(inner));
            i = close + 1;
            expectSeparator();
        }
        else if (c === '.') {
            throw new YamlPathError(`empty key in path "${text}"`);
        }
        else {
            let end = i;
            while (end < text.length && text[end] !== '.' && text[end] !== '[')
                end++;
            segments.push(text.slice(i, end));
            i = end;
            expectSeparator();
        }
    }
    return segments;
}
function formatYamlPath(segments) {
    return segments
        .map((segment, index) => {
        if (typeof segment === 'number')
            return `[${segment}]`;
        const key = /[.[\]"']/.test(segment) ? `"${segment}"` : segment;
        return index === 0 ? key : `.${key}`;
    })
        .join('');
}
/** Walks `segments` from `root`; an alias on the way is reported, never followed. */
function lookupPath(root, segments) {
    let node = root;
    let pair;
    let inFlow = false;
    for (const [index, segment] of segments.entries()) {
        const walked = formatYamlPath(segments.slice(0, index)) || 'the document';
        if ((0,dist/* isAlias */.Vj)(node))
            return { found: false, reason: `${walked} is an alias (*${node.source}); refusing to edit through it`, at: node };
        if (typeof segment === 'number') {
            if (!(0,dist/* isSeq */.oP)(node))
                return { found: false, reason: `${walked} is not a list`, at: node };
            if (segment >= node.items.length)
                return { found: false, reason: `${walked} has ${node.items.length} items, no [${segment}]`, at: node };
            inFlow ||= node.flow === true;
            pair = undefined;
            node = node.items[segment];
        }
        else {
            if (!(0,dist/* isMap */.jh)(node))
                return { found: false, reason: `${walked} is not a mapping`, at: node };
            const match = node.items.find((item) => (0,dist/* isPair */.tO)(item) && (0,dist/* isScalar */.jn)(item.key) && String(item.key.value) === segment);
            if (!match)
                return {
                    found: false,
                    reason: `no key "${segment}" in ${walked}`,
                    at: node,
                    missing: { map: node, from: index },
                };
            inFlow ||= node.flow === true;
            pair = match;
            node = match.value;
        }
    }
    return { found: true, node, pair, inFlow };
}

;// CONCATENATED MODULE: ./packages/manifests/src/helm-values.ts
// Images in Helm values, where a chart reads them: `image: {repository, tag}` (with an optional `registry`), or a
// whole reference under a key named image. Values files (no `kind`) and a HelmRelease's spec.values are read; the
// place comes with the path and write mode a gitops.yaml target needs to change it.



/** Bounds the walk of one document: values files nest a few levels, never hundreds. */
const maxDepth = 12;
function findValuesImages(file) {
    const sites = [];
    for (const document of file.documents) {
        const root = document.contents;
        if (!(0,dist/* isMap */.jh)(root))
            continue;
        const kind = root.get('kind', true);
        if (kind === undefined)
            walk(file, root, [], sites, 0);
        else if ((0,dist/* isScalar */.jn)(kind) && String(kind.value) === 'HelmRelease') {
            const spec = root.get('spec');
            const values = (0,dist/* isMap */.jh)(spec) ? spec.get('values') : undefined;
            const metadata = root.get('metadata');
            const name = (0,dist/* isMap */.jh)(metadata) ? metadata.get('name') : undefined;
            const found = [];
            if ((0,dist/* isMap */.jh)(values))
                walk(file, values, ['spec', 'values'], found, 0);
            sites.push(...found.map((site) => ({ ...site, release: typeof name === 'string' ? name : undefined })));
        }
    }
    return sites;
}
function walk(file, node, at, sites, depth) {
    if (depth > maxDepth)
        return;
    if ((0,dist/* isSeq */.oP)(node))
        for (const [index, item] of node.items.entries())
            walk(file, item, [...at, index], sites, depth + 1);
    if (!(0,dist/* isMap */.jh)(node))
        return;
    const split = splitImage(file, node, at);
    if (split) {
        sites.push(split);
        return;
    }
    for (const pair of node.items) {
        const key = (0,dist/* isScalar */.jn)(pair.key) ? String(pair.key.value) : undefined;
        if (key === undefined || !pair.value)
            continue;
        const value = pair.value;
        if (key === 'image' && (0,dist/* isScalar */.jn)(value) && typeof value.value === 'string') {
            const whole = wholeImage(file, value, [...at, key]);
            if (whole)
                sites.push(whole);
        }
        else
            walk(file, value, [...at, key], sites, depth + 1);
    }
}
/** `{registry?, repository, tag}`: the tag is the place to write. */
function splitImage(file, map, at) {
    const repository = map.get('repository');
    const tag = map.get('tag', true);
    if (typeof repository !== 'string' || !(0,dist/* isScalar */.jn)(tag) || !tag.range)
        return undefined;
    const registry = map.get('registry');
    const name = src_tryParseImageRef(typeof registry === 'string' && registry ? `${registry}/${repository}` : repository);
    if (!name)
        return undefined;
    const value = tag.value === null || tag.value === undefined ? '' : String(tag.value);
    return {
        location: file.location(tag.range[0]),
        kind: 'path',
        part: 'tag',
        value,
        image: value ? { tag: value } : {},
        name: { registry: name.registry, repository: name.repository },
        path: formatYamlPath([...at, 'tag']),
        write: 'tag',
    };
}
function wholeImage(file, scalar, at) {
    if (!(0,dist/* isScalar */.jn)(scalar) || typeof scalar.value !== 'string' || !scalar.range)
        return undefined;
    const ref = src_tryParseImageRef(scalar.value);
    // A bare word (`image: nginx`) is too weak a sign; a registry path, a tag or a digest says it is an image.
    if (!ref || !/[:@/]/.test(scalar.value))
        return undefined;
    const name = { registry: ref.registry, repository: ref.repository };
    return {
        location: file.location(scalar.range[0]),
        kind: 'path',
        part: 'reference',
        value: scalar.value,
        image: { name, ...(ref.tag ? { tag: ref.tag } : {}), ...(ref.digest ? { digest: ref.digest } : {}) },
        name,
        path: formatYamlPath(at),
        write: 'reference',
    };
}

;// CONCATENATED MODULE: ./packages/manifests/src/place.ts
/** Matches every image: discovers apps where no gitops.yaml names them, and every image an environment writes. */
const anyImage = { app: '', names: [], imagePolicy: undefined, any: true };
/**
 * The matcher for an image named on the command line (`gitops set-image`), with an optional marker: a Flux
 * ImagePolicy `namespace:name`, or an app name as `{"$imagepolicy": "…:app"}` markers give it. With a marker only
 * marked values change; without one, the app is the image's last path segment (`ghcr.io/acme/web` → `web`).
 */
function namedImageMatcher(image, marker) {
    const policy = marker?.includes(':') ? marker : undefined;
    const app = marker !== undefined && !policy ? marker : image.repository.slice(image.repository.lastIndexOf('/') + 1);
    return { app, names: [image], imagePolicy: policy, markersOnly: marker !== undefined };
}
function markerMatches(matcher, policy) {
    if (matcher.imagePolicy !== undefined)
        return policy === matcher.imagePolicy;
    return policy.split(':')[1] === matcher.app;
}

;// CONCATENATED MODULE: ./packages/manifests/src/problems.ts
// Problems found in manifests: each names the file and, where it can, the line and column.


function formatManifestProblem(problem) {
    return `${formatLocation(problem.location)}: ${problem.message}`;
}
/** Thrown before anything is written; lists every problem found. */
class problems_ManifestError extends errors_src/* UserError */.yo {
    constructor(problems) {
        super(problems.map(formatManifestProblem).join('\n'), { problems, problemsIn: 'the manifests' });
        this.name = 'ManifestError';
    }
}
function fail(location, message) {
    throw new problems_ManifestError([{ location, message }]);
}

;// CONCATENATED MODULE: ./packages/manifests/src/render/kustomization-file.ts
// Where a folder's kustomization is (the three names kustomize accepts), and the local paths it refers to.


const kustomizationNames = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];
/** The kustomization file of a folder, relative to the same base as `folder`; undefined when there is none. */
function kustomization_file_kustomizationIn(root, folder) {
    for (const name of kustomizationNames) {
        const relative = folder === '.' ? name : `${folder}/${name}`;
        if ((0,external_node_fs_.existsSync)(external_node_path_.join(root, relative)))
            return relative;
    }
    return undefined;
}
/** A remote target as kustomize accepts one: a URL, scp-like git, or a `github.com/owner/repo` shorthand. */
function isRemoteReference(entry) {
    return /^(?:[a-z][a-z0-9+.-]*:\/\/|git@|git::|[\w.-]+@[\w.-]+:|github\.com\/|gitlab\.com\/|bitbucket\.org\/)/i.test(entry);
}
/**
 * The paths a kustomization in `dir` refers to, as repository paths that exist: remote bases (URLs) and paths
 * leaving the repository are left out.
 */
function kustomization_file_kustomizationReferences(root, dir, data) {
    const strings = (value) => Array.isArray(value) ? value.filter((v) => typeof v === 'string') : [];
    const local = (entries) => entries.flatMap((entry) => {
        if (isRemoteReference(entry))
            return [];
        const relative = path.posix.normalize(dir === '.' ? entry : `${dir}/${entry}`);
        if (relative.startsWith('..'))
            return [];
        const absolute = path.join(root, relative);
        if (!existsSync(absolute))
            return [];
        return [{ path: relative, folder: statSync(absolute).isDirectory() }];
    });
    const patchFiles = [...strings(data.patchesStrategicMerge).filter((entry) => !entry.includes('\n'))];
    for (const key of ['patches', 'patchesJson6902']) {
        const list = data[key];
        if (!Array.isArray(list))
            continue;
        for (const item of list)
            if (typeof item?.path === 'string')
                patchFiles.push(item.path);
    }
    return {
        resources: local([...strings(data.resources), ...strings(data.bases)]),
        components: local(strings(data.components)),
        patches: local(patchFiles),
    };
}

;// CONCATENATED MODULE: ./packages/manifests/src/yaml-file.ts
// A YAML file as text plus its parsed documents, with the offsets needed to splice values in place.





/** Larger files are refused: config repositories hold hand-written manifests, not data dumps. */
const yaml_file_maxFileBytes = 4 * 1024 * 1024;
/** Files read only to look for an app's image (search mode) may be larger: they are edited only if it is there. */
const maxReadBytes = 256 * 1024 * 1024;
/** More aliases than this in one file is an alias bomb, or at least nothing we should edit. */
const maxAliases = 100;
class YamlFile {
    file;
    text;
    documents;
    /** The file's line ending, kept for every line we add. */
    eol;
    lineCounter = new dist/* LineCounter */.HN();
    /** `file` is the path as shown to people (relative to the repository root). */
    constructor(file, text) {
        this.file = file;
        this.text = text;
        this.eol = /\r\n/.test(text) ? '\r\n' : '\n';
        this.documents = (0,dist/* parseAllDocuments */.hR)(text, { lineCounter: this.lineCounter, uniqueKeys: false });
        if (!Array.isArray(this.documents))
            this.documents = [];
        const problems = this.documents.flatMap((document) => document.errors.map((error) => ({
            location: this.location(error.pos[0]),
            message: `invalid YAML: ${yamlErrorMessage(error.message)}`,
        })));
        if (problems.length)
            throw new problems_ManifestError(problems);
        this.refuseAliasBombs();
    }
    location(offset) {
        const { line, col } = this.lineCounter.linePos(offset);
        return { file: this.file, line, column: col };
    }
    /** Offset of the first character of the line holding `offset`. */
    lineStart(offset) {
        return this.text.lastIndexOf('\n', offset - 1) + 1;
    }
    /** Offset of the line break (or end of text) ending the line holding `offset`. */
    lineEnd(offset) {
        const newline = this.text.indexOf('\n', offset);
        if (newline === -1)
            return this.text.length;
        return this.text[newline - 1] === '\r' ? newline - 1 : newline;
    }
    /** Column (0-based) of `offset` within its line. */
    column(offset) {
        return offset - this.lineStart(offset);
    }
    refuseAliasBombs() {
        let aliases = 0;
        for (const document of this.documents) {
            (0,dist/* visit */.YR)(document, {
                Alias: () => {
                    aliases++;
                    return aliases > maxAliases ? dist/* visit */.YR.BREAK : undefined;
                },
            });
        }
        if (aliases > maxAliases)
            fail({ file: this.file }, `more than ${maxAliases} YAML aliases; refusing to read a possible alias bomb`);
    }
}
/** Reads `relative` under `root`, refusing paths that leave it, symlinks out of it and huge files. */
function readYamlFile(root, relative) {
    const { file, text } = readYamlText(root, relative);
    return new YamlFile(file, text);
}
/**
 * The text of a file to edit, with the same checks. `walked` files come from our own walk of the repository,
 * which follows no symlinks, so the per-component link check is skipped for them.
 */
function readYamlText(root, relative, walked = false) {
    const { file, bytes } = readYamlBytes(root, relative, walked);
    return { file, text: editableText(file, bytes) };
}
/** The bytes of a repository file, refusing paths that leave it and what is not a file; no size limit. */
function readYamlBytes(root, relative, walked = false) {
    let normalised;
    try {
        normalised = walked ? relative : resolveInsideRepository(root, relative);
    }
    catch (error) {
        if (error instanceof PathEscapeError)
            fail({ file: relative }, error.message);
        throw error;
    }
    const absolute = external_node_path_.join(root, normalised);
    const stats = (0,external_node_fs_.statSync)(absolute, { throwIfNoEntry: false });
    if (!stats)
        fail({ file: normalised }, 'file not found');
    if (!stats.isFile())
        fail({ file: normalised }, 'not a file');
    if (stats.size > maxReadBytes)
        fail({ file: normalised }, `the file is ${stats.size} bytes; files over ${maxReadBytes} are not read`);
    return { file: normalised, bytes: (0,external_node_fs_.readFileSync)(absolute) };
}
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
/**
 * The text of a file that is to be edited: within the size limit, and valid UTF-8. A file in another encoding
 * (a Latin-1 comment) is refused rather than re-encoded: writing it back as UTF-8 would change bytes the edit
 * never touched. A byte-order mark is kept as the text's first character, so it is written back too.
 */
function editableText(file, bytes) {
    if (bytes.length > yaml_file_maxFileBytes)
        fail({ file }, `the file is ${bytes.length} bytes; files over ${yaml_file_maxFileBytes} are not edited`);
    try {
        return strictUtf8.decode(bytes);
    }
    catch {
        const offset = firstInvalidUtf8(bytes);
        const line = bytes.subarray(0, offset).toString('latin1').split('\n').length;
        fail({ file, line }, 'not valid UTF-8; save the file as UTF-8 (nothing was written)');
    }
}
/** Offset of the first byte that does not start or continue a valid UTF-8 sequence. */
function firstInvalidUtf8(bytes) {
    let low = 0;
    let high = bytes.length;
    // The longest valid prefix, by halving: decoding a prefix fails only when it holds an invalid byte
    // (a sequence cut at the end is not an error in non-fatal streaming mode).
    const decoder = () => new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    while (low < high) {
        const middle = Math.ceil((low + high) / 2);
        try {
            decoder().decode(bytes.subarray(0, middle), { stream: true });
            low = middle;
        }
        catch {
            high = middle - 1;
        }
    }
    return low;
}

;// CONCATENATED MODULE: ./packages/manifests/src/render/yaml-text.ts
// Parses YAML text for rendering and locating: every document, its syntax errors with line numbers.





function yaml_text_parseYamlText(text) {
    const lineCounter = new dist/* LineCounter */.HN();
    const parsed = (0,dist/* parseAllDocuments */.hR)(text, { lineCounter, uniqueKeys: true });
    const documents = (Array.isArray(parsed) ? parsed : []);
    const errors = documents.flatMap((document) => document.errors.map((error) => {
        const offset = error.code === 'MISSING_CHAR' ? (unclosedQuote(text) ?? error.pos[0]) : error.pos[0];
        const { line, col } = lineCounter.linePos(offset);
        return { line, column: col, message: yamlErrorMessage(error.message) };
    }));
    return { documents, lineCounter, errors };
}
/**
 * A repository file parsed (syntax errors included); undefined when missing, not a file, over the size limit, or
 * outside the repository (a path or symbolic link leaving `root` is never read).
 */
function yaml_text_readYamlSource(root, file) {
    const absolute = external_node_path_.join(root, file);
    if (!(0,external_node_fs_.existsSync)(absolute) || !paths_staysInsideRepository(root, file))
        return undefined;
    const stat = (0,external_node_fs_.statSync)(absolute);
    if (!stat.isFile() || stat.size > yaml_file_maxFileBytes)
        return undefined;
    return yaml_text_parseYamlText((0,external_node_fs_.readFileSync)(absolute, 'utf8'));
}
/** The document as plain data; aliases are limited so a hostile file cannot blow up memory. */
function yaml_text_documentData(document) {
    return document.toJS({ maxAliasCount: 100 });
}
/** The parser reports an unclosed quote where the file ends; the opening quote is where to look. */
function unclosedQuote(text) {
    for (const token of new dist/* Parser */.iX().parse(text)) {
        if (token.type !== 'document')
            continue;
        let found;
        dist/* CST */.DB.visit(token, (item) => {
            for (const part of [item.key, item.value]) {
                if (!part || (part.type !== 'double-quoted-scalar' && part.type !== 'single-quoted-scalar'))
                    continue;
                const quote = part.source[0] ?? '';
                const body = part.source.trimEnd();
                if (body.length < 2 || !body.endsWith(quote))
                    found ??= part.offset;
            }
        });
        if (found !== undefined)
            return found;
    }
    return undefined;
}

;// CONCATENATED MODULE: ./packages/manifests/src/render/kustomize-reach.ts
// What a kustomization may make kustomize read. A config pull request is written by anyone who can open one,
// and validate renders it: `- ../../../elsewhere`, an absolute path or a symbolic link out would make kustomize
// read (and validate print, diff and comment) files outside the repository. So before kustomize runs, every
// path the kustomization graph names is resolved, links followed, and each one that leaves the repository is
// an error on its own line. Remote bases are refused too: validate renders offline, from the repository alone.





const maxKustomizations = 5_000;
/** Problems for every path reachable from the kustomization in `folder` that leaves `root` or is remote. */
function kustomize_reach_checkKustomizeReach(root, folder) {
    const problems = [];
    const seen = new Set();
    let bounded = false;
    const visit = (dir) => {
        const kustomization = kustomizationIn(root, dir);
        if (!kustomization || seen.has(kustomization) || bounded)
            return;
        if (seen.size === maxKustomizations) {
            // What is not checked is not rendered: past the bound, the environment is refused, not half-checked.
            const message = `more than ${maxKustomizations} kustomizations are reachable from ${folder}; not rendered`;
            problems.push({ kind: 'path', location: { file: kustomization }, message });
            bounded = true;
            return;
        }
        seen.add(kustomization);
        if (!staysInsideRepository(root, kustomization)) {
            const message = `${kustomization} is a symbolic link out of the repository; validate renders only what the repository holds`;
            problems.push({ kind: 'path', location: { file: kustomization }, message });
            return;
        }
        const parsed = readYamlSource(root, kustomization);
        // A file kustomize cannot parse is reported by the syntax scan when kustomize refuses it.
        if (!parsed || parsed.errors.length)
            return;
        const document = parsed.documents[0];
        if (!document)
            return;
        for (const entry of pathEntries(document.contents)) {
            const where = kustomize_reach_location(kustomization, entry.node, parsed.lineCounter);
            const problem = checkEntry(root, dir, entry);
            if (problem) {
                problems.push({ kind: 'path', location: where, message: problem });
                continue;
            }
            if (entry.mayBeFolder) {
                const relative = path.posix.normalize(dir === '.' ? entry.value : `${dir}/${entry.value}`);
                visit(relative);
            }
        }
    };
    visit(folder);
    return problems;
}
/** Why kustomize must not follow `entry` of the kustomization in `dir` (remote, absolute, out); undefined: it may. */
function checkEntry(root, dir, entry) {
    const { value, field } = entry;
    if (isRemoteReference(value)) {
        return `${field}: ${value} is remote; validate renders offline from the repository alone (vendor it into the repository)`;
    }
    if (external_node_path_.posix.isAbsolute(value) || external_node_path_.win32.isAbsolute(value)) {
        return `${field}: ${value} is an absolute path; kustomize would read outside the repository`;
    }
    const relative = external_node_path_.posix.normalize(dir === '.' ? value : `${dir}/${value}`);
    if (paths_staysInsideRepository(root, relative))
        return undefined;
    const how = relative === '..' || relative.startsWith('../')
        ? 'leaves the repository'
        : 'goes through a symbolic link out of the repository';
    return `${field}: ${value} ${how}; validate renders only what the repository holds`;
}
/** Every path-valued entry of a kustomization, per kustomize's own fields (v5 and the older ones). */
function pathEntries(contents) {
    if (!(0,dist/* isMap */.jh)(contents))
        return [];
    const entries = [];
    const field = (key) => contents.get(key, true);
    const add = (node, name, mayBeFolder, split) => {
        if (!(0,dist/* isScalar */.jn)(node) || typeof node.value !== 'string')
            return;
        const text = split ? split(node.value) : node.value;
        // Inline patches and inline generator configs are YAML text, not paths.
        if (text === '' || text.includes('\n'))
            return;
        entries.push({ value: text, node: node, mayBeFolder, field: name });
    };
    const each = (node, fn) => {
        if ((0,dist/* isSeq */.oP)(node))
            for (const item of node.items)
                fn(item);
    };
    const keyOf = (item, key) => ((0,dist/* isMap */.jh)(item) ? item.get(key, true) : undefined);
    for (const name of ['resources', 'bases', 'components', 'generators', 'transformers', 'validators'])
        each(field(name), (item) => add(item, name, true));
    for (const name of ['crds', 'configurations', 'patchesStrategicMerge'])
        each(field(name), (item) => add(item, name, false));
    for (const name of ['patches', 'patchesJson6902', 'replacements'])
        each(field(name), (item) => add(keyOf(item, 'path'), `${name}.path`, false));
    for (const name of ['configMapGenerator', 'secretGenerator']) {
        each(field(name), (generator) => {
            // `files` entries are `path` or `key=path`.
            each(keyOf(generator, 'files'), (item) => add(item, `${name}.files`, false, (text) => text.slice(text.indexOf('=') + 1)));
            each(keyOf(generator, 'envs'), (item) => add(item, `${name}.envs`, false));
            add(keyOf(generator, 'env'), `${name}.env`, false);
        });
    }
    const globals = field('helmGlobals');
    add(keyOf(globals, 'chartHome'), 'helmGlobals.chartHome', false);
    add(keyOf(globals, 'configHome'), 'helmGlobals.configHome', false);
    each(field('helmCharts'), (chart) => {
        add(keyOf(chart, 'valuesFile'), 'helmCharts.valuesFile', false);
        each(keyOf(chart, 'additionalValuesFiles'), (item) => add(item, 'helmCharts.additionalValuesFiles', false));
    });
    add(keyOf(field('openapi'), 'path'), 'openapi.path', false);
    return entries;
}
function kustomize_reach_location(file, node, lineCounter) {
    const { line, col } = lineCounter.linePos(node.range?.[0] ?? 0);
    return { file, line, column: col };
}

;// CONCATENATED MODULE: ./packages/manifests/src/render/environment-inputs.ts
// What an environment's rendering reads: its folder, every kustomization its graph reaches, and every file
// those kustomizations name. A pull request that changes none of these cannot change the rendering (each file
// read is the same, so the walk reaches the same files), which lets validate render only what it touches.
// When in doubt the answer is "reads everything": a path it cannot follow makes the environment always render.







/** Past this many kustomizations or folders, an environment's inputs are not worked out: it always renders. */
const maxVisits = 5_000;
/**
 * The inputs of the environment in `folder`: the folder itself, and through every kustomization at or below it,
 * everything the kustomization graph names. `files` adds paths read besides rendering (deploy targets).
 */
function environmentInputs(root, folder, files = [], cache = new Map()) {
    const trees = new Set();
    const folders = new Set();
    let unknown = false;
    let visits = 0;
    const realRoot = (0,external_node_fs_.realpathSync)(root);
    const seen = new Set();
    const visit = (dir) => {
        if (seen.has(dir))
            return;
        if (++visits > maxVisits) {
            unknown = true;
            return;
        }
        seen.add(dir);
        const read = readsOf(root, realRoot, dir, cache);
        if (read.unknown)
            unknown = true;
        for (const name of read.folders)
            folders.add(name);
        for (const tree of read.trees)
            trees.add(tree);
        for (const child of read.kustomizations)
            visit(child);
    };
    for (const file of [folder, ...files])
        for (const name of withTarget(root, realRoot, file))
            trees.add(name);
    // A plain folder renders each kustomization below it; a kustomization folder renders its own graph.
    for (const start of kustomizationsAt(root, folder, () => ++visits > maxVisits))
        visit(start);
    if (visits > maxVisits)
        unknown = true;
    return { trees, folders, unknown };
}
function readsOf(root, realRoot, dir, cache) {
    const cached = cache.get(dir);
    if (cached)
        return cached;
    const reads = { folders: [], trees: [], kustomizations: [], unknown: false };
    cache.set(dir, reads);
    const kustomization = kustomization_file_kustomizationIn(root, dir);
    if (!kustomization) {
        reads.trees.push(...withTarget(root, realRoot, dir));
        return reads;
    }
    if (!paths_staysInsideRepository(root, dir)) {
        reads.unknown = true;
        return reads;
    }
    reads.folders.push(...withTarget(root, realRoot, dir));
    const parsed = yaml_text_readYamlSource(root, kustomization);
    const contents = parsed?.documents[0]?.contents;
    // One that does not parse names nothing; it is an input itself (its folder is), and kustomize says what is wrong.
    if (!parsed || parsed.errors.length > 0 || !contents)
        return reads;
    // Charts are read from below the kustomization (`charts/` unless chartHome says otherwise).
    if ((0,dist/* isMap */.jh)(contents) && contents.has('helmCharts'))
        reads.trees.push(...withTarget(root, realRoot, dir));
    for (const entry of pathEntries(contents)) {
        // What validate refuses to render (remote, absolute, out of the repository) cannot be followed here either.
        if (checkEntry(root, dir, entry)) {
            reads.unknown = true;
            continue;
        }
        const relative = external_node_path_.posix.normalize(dir === '.' ? entry.value : `${dir}/${entry.value}`);
        if (entry.mayBeFolder && kustomization_file_kustomizationIn(root, relative))
            reads.kustomizations.push(relative);
        else
            reads.trees.push(...withTarget(root, realRoot, relative));
    }
    return reads;
}
/** A path, and where it really is when a symbolic link on the way points elsewhere: a change there is one here. */
function withTarget(root, realRoot, relative) {
    try {
        const real = (0,external_node_fs_.realpathSync)(external_node_path_.join(root, relative));
        const inside = external_node_path_.relative(realRoot, real).split(external_node_path_.sep).join('/') || '.';
        return isWithin(realRoot, real) && inside !== relative ? [relative, inside] : [relative];
    }
    catch {
        return [relative]; // not there (yet): only its name can change
    }
}
/** `folder` when it holds a kustomization, else the outermost kustomization folders below it. */
function kustomizationsAt(root, folder, tooMany) {
    if (kustomization_file_kustomizationIn(root, folder))
        return [folder];
    const found = [];
    const walk = (relative) => {
        let entries;
        try {
            entries = (0,external_node_fs_.readdirSync)(external_node_path_.join(root, relative), { withFileTypes: true });
        }
        catch {
            return;
        }
        for (const entry of entries) {
            if (!entry.isDirectory() || entry.name.startsWith('.') || tooMany())
                continue;
            const child = relative === '.' ? entry.name : `${relative}/${entry.name}`;
            if (kustomization_file_kustomizationIn(root, child))
                found.push(child);
            else
                walk(child);
        }
    };
    walk(folder);
    return found;
}
/**
 * Whether any of `changed` (paths relative to the root: added, modified, deleted, untracked; a folder when a
 * whole untracked folder is new) is read by an environment with these inputs.
 */
function readsAnyOf(inputs, changed) {
    if (inputs.unknown)
        return true;
    return changed.some((raw) => {
        const changedPath = raw.replace(/\/+$/, '');
        // A changed path above an input replaced or removed what the input lies in (a link, a folder).
        const below = (input) => input === '.' ||
            changedPath === input ||
            changedPath.startsWith(`${input}/`) ||
            input.startsWith(`${changedPath}/`);
        for (const tree of inputs.trees)
            if (below(tree))
                return true;
        for (const folder of inputs.folders) {
            const parent = path.posix.dirname(changedPath);
            if (parent === folder || folder.startsWith(`${changedPath}/`) || changedPath === folder)
                return true;
        }
        return false;
    });
}

;// CONCATENATED MODULE: ./packages/manifests/src/scalar.ts
// Writes a new value into a scalar's place in the style it was written: plain stays plain when YAML
// would read it back as the same string, quoted stays quoted with the same quotes.


/** The scalar at a value position, refusing what we must not edit in place. */
function editableScalar(file, node, what, at) {
    if ((0,dist/* isAlias */.Vj)(node))
        fail(file.location(at), `${what} is an alias (*${node.source}); editing it would change every place that uses the anchor, so gitops does not edit through aliases: write the value out here instead of *${node.source}`);
    if (!(0,dist/* isScalar */.jn)(node) || !node.range)
        fail(file.location(at), `${what} is not a single value`);
    if (node.anchor) {
        const anchorAt = file.text.lastIndexOf(`&${node.anchor}`, node.range[0]);
        fail(file.location(anchorAt === -1 ? node.range[0] : anchorAt), `${what} carries an anchor (&${node.anchor}) used elsewhere; changing it would change every alias too, so gitops refuses: write the value out where each alias is`);
    }
    if (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') {
        fail(file.location(node.range[0]), `${what} is a block scalar; write it as a plain or quoted value to let gitops set it`);
    }
    return node;
}
/** The value as a string: plain scalars as written (`1.20` stays "1.20", not the number 1.2). */
function scalarText(file, scalar) {
    if (scalar.value === null)
        return '';
    if (scalar.type === 'PLAIN' && scalar.range)
        return file.text.slice(scalar.range[0], scalar.range[1]);
    return String(scalar.value);
}
/** The edit that sets `scalar` to `value`, or none when it already holds it. */
function setScalar(file, scalar, value, inFlow) {
    const [start, end] = scalar.range;
    const quoted = scalar.type === 'QUOTE_DOUBLE' || scalar.type === 'QUOTE_SINGLE';
    // Equal text is not enough: a plain 1.20 or true reads as a number or boolean, and Helm would render
    // 1.2; such a value is quoted even when its text is already right.
    const readsRight = quoted || scalar.value === null || isPlainSafe(value, inFlow);
    if (scalarText(file, scalar) === value && readsRight)
        return undefined;
    const style = scalar.type ?? 'PLAIN';
    const text = value === '' && !quoted ? "''" : renderScalar(value, style, inFlow);
    // `key:` with nothing after it: the new value needs its separating space.
    return { start, end, text: start === end && file.text[start - 1] === ':' ? ` ${text}` : text };
}
function renderScalar(value, style, inFlow) {
    if (style === 'QUOTE_SINGLE')
        return `'${value.replaceAll("'", "''")}'`;
    if (style === 'QUOTE_DOUBLE' || !isPlainSafe(value, inFlow))
        return doubleQuoted(value);
    return value;
}
function doubleQuoted(value) {
    // JSON strings are valid YAML double-quoted scalars, escapes included.
    return JSON.stringify(value);
}
/**
 * True when `value` written plain reads back as the same string in YAML 1.2 and in YAML 1.1 (which Kubernetes'
 * parser follows: `yes`, `on`, `1_000` and `1:20` are not strings there).
 */
function isPlainSafe(value, inFlow) {
    if (value === '' || value.trim() !== value)
        return false;
    if (/^[-?:,[\]{}#&*!|>'"%@`]/.test(value))
        return false;
    if (/: |\s#|:$|[\r\n\t]/.test(value))
        return false;
    if (inFlow && /[,[\]{}]/.test(value))
        return false;
    if (/^(y|n|yes|no|on|off|true|false|null|~)$/i.test(value))
        return false;
    return readsAsString(value);
}
function readsAsString(value) {
    try {
        return (0,dist/* parse */.qg)(value) === value && (0,dist/* parse */.qg)(value, { version: '1.1' }) === value;
    }
    catch {
        return false;
    }
}

;// CONCATENATED MODULE: ./packages/manifests/src/block-edits.ts
// Structural edits that add or remove lines in the style of the file around them: the same indentation, the
// same line ending, flow collections kept flow.



function rangeOf(node) {
    const range = node?.range;
    if (!range)
        throw new Error('node without a source range');
    return range;
}
/** The end of the line holding the last character of content before `offset` (skips trailing blank lines). */
function endOfLastLine(file, offset) {
    let end = offset;
    while (end > 0 && /\s/.test(file.text[end - 1] ?? ''))
        end--;
    return file.lineEnd(Math.max(end - 1, 0));
}
function pairEnd(pair) {
    return rangeOf(pair.value ?? pair.key)[1];
}
function keyColumn(file, map) {
    const first = map.items[0];
    if (!first)
        fail({ file: file.file }, 'cannot add to an empty mapping');
    return file.column(rangeOf(first.key)[0]);
}
/** Adds `key: value` after the entry `after` of `map` (default: its last entry). */
function insertPair(file, map, entry, after) {
    const [key, value, style = 'PLAIN'] = entry;
    const last = after ?? map.items.at(-1);
    if (!last)
        fail({ file: file.file }, `cannot add "${key}" to an empty mapping`);
    if (map.flow) {
        const at = pairEnd(last);
        return { start: at, end: at, text: `, ${key}: ${renderScalar(value, style, true)}` };
    }
    const at = endOfLastLine(file, pairEnd(last));
    const indent = ' '.repeat(keyColumn(file, map));
    return { start: at, end: at, text: `${file.eol}${indent}${key}: ${renderScalar(value, style, false)}` };
}
/**
 * Adds `a:` / `  b:` / `    c: value` as the last entries of the block mapping `map`: nested mappings for the
 * keys of a YAML path that do not exist yet, each level indented as the file indents its mappings.
 */
function insertPath(file, map, keys, value) {
    const last = map.items.at(-1);
    if (!last)
        fail({ file: file.file }, `cannot add "${keys[0]}" to an empty mapping`);
    const column = keyColumn(file, map);
    const step = mappingIndent(file);
    const lines = keys.map((key, depth) => {
        const indent = ' '.repeat(column + depth * step);
        const text = renderScalar(key, 'PLAIN', false);
        return depth === keys.length - 1 ? `${indent}${text}: ${renderScalar(value, 'PLAIN', false)}` : `${indent}${text}:`;
    });
    const at = endOfLastLine(file, pairEnd(last));
    return { start: at, end: at, text: `${file.eol}${lines.join(file.eol)}` };
}
/**
 * Replaces an empty flow mapping (`image: {}`) with the block mapping of `keys` down to `value`, indented one step
 * under the key that holds it, as Argo CD Image Updater writes it: `image:` / `  tag: 1.2.3`.
 */
function insertPathIntoEmptyFlow(file, map, keys, value) {
    const [start, end] = rangeOf(map);
    // The `:` of the key that holds the mapping, on the same line, with nothing but spaces between.
    const before = file.text.slice(file.lineStart(start), start);
    const colon = /:\s*$/.exec(before);
    if (map.items.length > 0 || !colon)
        fail(file.location(start), 'cannot create keys inside a flow mapping; write the keys out');
    const keyColumn = before.length - before.trimStart().length;
    const step = mappingIndent(file);
    const lines = keys.map((key, depth) => {
        const indent = ' '.repeat(keyColumn + (depth + 1) * step);
        const text = renderScalar(key, 'PLAIN', false);
        return depth === keys.length - 1 ? `${indent}${text}: ${renderScalar(value, 'PLAIN', false)}` : `${indent}${text}:`;
    });
    const from = file.lineStart(start) + (colon.index ?? 0) + 1;
    return { start: from, end, text: `${file.eol}${lines.join(file.eol)}` };
}
/** How many columns this file indents a nested block mapping under its key (2 when it has none). */
function mappingIndent(file) {
    let found;
    for (const document of file.documents) {
        (0,dist/* visit */.YR)(document, {
            Pair(_key, pair) {
                if (!(0,dist/* isScalar */.jn)(pair.key) || !(0,dist/* isMap */.jh)(pair.value) || pair.value.flow || !pair.value.items[0])
                    return undefined;
                const outer = file.column(rangeOf(pair.key)[0]);
                const inner = file.column(rangeOf(pair.value.items[0].key)[0]);
                if (inner > outer) {
                    found = inner - outer;
                    return dist/* visit */.YR.BREAK;
                }
                return undefined;
            },
        });
        if (found !== undefined)
            return found;
    }
    return 2;
}
/** Removes one entry of `map`: its whole line(s) in block style, `, key: value` in flow style. */
function removePair(file, map, pair) {
    const index = map.items.indexOf(pair);
    const keyStart = rangeOf(pair.key)[0];
    const next = map.items[index + 1];
    if (map.flow) {
        const previous = map.items[index - 1];
        if (previous)
            return { start: pairEnd(previous), end: pairEnd(pair), text: '' };
        return { start: keyStart, end: next ? rangeOf(next.key)[0] : pairEnd(pair), text: '' };
    }
    const lineStart = file.lineStart(keyStart);
    const sharesLine = file.text.slice(lineStart, keyStart).trim() !== ''; // `- key: value`: keep the dash
    if (sharesLine) {
        if (!next)
            fail(file.location(keyStart), 'cannot remove the only entry of a list item');
        return { start: keyStart, end: rangeOf(next.key)[0], text: '' };
    }
    const lineEnd = file.lineEnd(pairEnd(pair));
    const end = lineEnd >= file.text.length ? lineEnd : lineEnd + (file.text[lineEnd] === '\r' ? 2 : 1);
    // At the end of a file without a final newline, take the line break before instead.
    const start = end === file.text.length && lineEnd === end && lineStart > 0 ? lineStart - file.eol.length : lineStart;
    return { start, end, text: '' };
}
/** Block lines of a mapping as a list item: `- a: 1` then `  b: 2` at the item's key column. */
function blockItem(file, entries, dashColumn, keyColumnInItem) {
    const dash = ' '.repeat(dashColumn);
    const gap = ' '.repeat(Math.max(keyColumnInItem - dashColumn - 1, 1));
    const indent = ' '.repeat(dashColumn + 1 + gap.length);
    return entries
        .map(([key, value, style], index) => `${index === 0 ? `${dash}-${gap}` : indent}${key}: ${renderScalar(value, style ?? 'PLAIN', false)}`)
        .join(file.eol);
}
function flowItem(entries) {
    return `{${entries.map(([key, value, style]) => `${key}: ${renderScalar(value, style ?? 'PLAIN', true)}`).join(', ')}}`;
}
/** Appends a mapping item to the list `seq`, the value of `pair`. */
function appendMapItem(file, pair, seq, entries) {
    const last = seq.items.at(-1);
    if (seq.flow) {
        if (last) {
            const at = rangeOf(last)[1];
            return { start: at, end: at, text: `, ${flowItem(entries)}` };
        }
        // `images: []` becomes a block list, in the file's list style.
        const keyEnd = rangeOf(pair.key)[1];
        const dashColumn = file.column(rangeOf(pair.key)[0]) + listIndent(file);
        return {
            start: keyEnd,
            end: rangeOf(seq)[1],
            text: `:${file.eol}${blockItem(file, entries, dashColumn, dashColumn + 2)}`,
        };
    }
    if (!last)
        fail(file.location(rangeOf(seq)[0]), 'cannot add to an empty block list');
    const itemStart = rangeOf(last)[0];
    const lineStart = file.lineStart(itemStart);
    const dashColumn = file.text.slice(lineStart, itemStart).indexOf('-');
    const keyCol = (0,dist/* isMap */.jh)(last) ? file.column(itemStart) : dashColumn + 2;
    const at = endOfLastLine(file, rangeOf(last)[1]);
    return { start: at, end: at, text: `${file.eol}${blockItem(file, entries, Math.max(dashColumn, 0), keyCol)}` };
}
/** Adds `key:` with a one-item list as the last entry of the top-level block mapping `map`. */
function appendListKey(file, map, key, entries) {
    const last = map.items.at(-1);
    if (map.flow || !last)
        fail({ file: file.file }, `cannot add "${key}:" to a mapping that is empty or in flow style`);
    const column = keyColumn(file, map);
    const dashColumn = column + listIndent(file);
    const at = endOfLastLine(file, pairEnd(last));
    const text = `${file.eol}${' '.repeat(column)}${key}:${file.eol}${blockItem(file, entries, dashColumn, dashColumn + 2)}`;
    return { start: at, end: at, text };
}
/** How far this file indents a block list under its key: 0 (`key:` / `- a`) or more (`key:` / `  - a`). */
function listIndent(file) {
    for (const document of file.documents) {
        const top = document.contents;
        if (!(0,dist/* isMap */.jh)(top))
            continue;
        for (const pair of top.items) {
            if (!(0,dist/* isSeq */.oP)(pair.value) || pair.value.flow || !pair.value.items[0] || !(0,dist/* isScalar */.jn)(pair.key))
                continue;
            const itemStart = rangeOf(pair.value.items[0])[0];
            const dash = file.text.slice(file.lineStart(itemStart), itemStart).indexOf('-');
            if (dash >= 0)
                return dash - file.column(rangeOf(pair.key)[0]);
        }
    }
    return 0; // what `kustomize edit set image` writes
}

;// CONCATENATED MODULE: ./packages/manifests/src/image-value.ts
// What a single place in a file says about an image, and what to write there for a new reference.



class ImageValueError extends errors_src/* UserError */.yo {
}
/** Like {@link readPart}, failing with the location of the value. */
function readPartAt(part, value, location) {
    try {
        return readPart(part, value);
    }
    catch (error) {
        if (error instanceof ImageValueError)
            fail(location, error.message);
        throw error;
    }
}
function readPart(part, value) {
    switch (part) {
        case 'reference':
        case 'name': {
            const ref = src_tryParseImageRef(value);
            if (!ref)
                throw new ImageValueError(`"${value}" is not an image reference`);
            const name = { registry: ref.registry, repository: ref.repository };
            return part === 'name' ? { name } : withDefined({ name, tag: ref.tag, digest: ref.digest });
        }
        case 'tag':
            return value === '' ? {} : { tag: value };
        case 'digest':
            return value === '' ? {} : { digest: value };
        case 'tag@digest': {
            const [tag = '', digest = ''] = value.split('@');
            return withDefined({ tag: tag || undefined, digest: digest || undefined });
        }
    }
}
/**
 * The text to write for `part` of `to`. `current` is what is there now: when it names the same repository,
 * its way of writing the name (`nginx` or `docker.io/library/nginx`) is kept.
 */
function writePart(part, to, current) {
    const name = nameText(to, current);
    switch (part) {
        case 'reference':
            return `${name}${to.tag !== undefined ? `:${to.tag}` : ''}${to.digest !== undefined ? `@${to.digest}` : ''}`;
        case 'name':
            return name;
        case 'tag':
            if (to.tag === undefined)
                throw new ImageValueError('this place holds a tag, and the new reference has none');
            return to.tag;
        case 'digest':
            // Empty rather than stale: a digest left behind would pin the old image.
            return to.digest ?? '';
        case 'tag@digest':
            if (to.tag === undefined)
                throw new ImageValueError('this place holds tag@digest, and the new reference has no tag');
            return to.digest === undefined ? to.tag : `${to.tag}@${to.digest}`;
    }
}
function nameText(to, current) {
    const existing = current === undefined ? undefined : src_tryParseImageRef(current);
    if (existing && existing.registry === to.registry && existing.repository === to.repository && current !== undefined) {
        return stripVersion(current);
    }
    return familiarName(to);
}
/** `ghcr.io/acme/web:1.0@sha256:…` → `ghcr.io/acme/web` as written. */
function stripVersion(reference) {
    const at = reference.indexOf('@');
    const withoutDigest = at === -1 ? reference : reference.slice(0, at);
    const colon = withoutDigest.lastIndexOf(':');
    return colon > withoutDigest.lastIndexOf('/') ? withoutDigest.slice(0, colon) : withoutDigest;
}
function image_value_sameName(a, b) {
    return a.registry === b.registry && a.repository === b.repository;
}
/** Parses a name that may not carry a tag (a kustomize `name:` or an app image). */
function parseName(text) {
    // Every app is matched against every entry of a shared images: list: 300 apps in 20 overlays parse the same
    // few thousand names millions of times. The name of a text never changes, so each is parsed once.
    if (knownNames.has(text))
        return knownNames.get(text);
    let name;
    try {
        const ref = src_parseImageRef(text);
        name = Object.freeze({ registry: ref.registry, repository: ref.repository });
    }
    catch {
        name = undefined;
    }
    if (knownNames.size >= maxKnownNames)
        knownNames.clear();
    knownNames.set(text, name);
    return name;
}
const knownNames = new Map();
const maxKnownNames = 100_000;
function withDefined(partial) {
    return Object.fromEntries(Object.entries(partial).filter(([, value]) => value !== undefined));
}

;// CONCATENATED MODULE: ./packages/manifests/src/kinds/names.ts
// Does a written image name belong to the app?

/** True when `text` (a reference or a bare name) names one of the app's images. */
function matchesName(text, matcher) {
    const name = parseName(text);
    if (matcher.any)
        return name !== undefined;
    return name !== undefined && matcher.names.some((candidate) => image_value_sameName(candidate, name));
}
/**
 * A cheap look at the raw text before parsing: could this file hold the app's image? Every kind found by
 * searching says "image" somewhere (`image:`, `images:`, `$imagepolicy`, `gitops:image`).
 */
function mayMention(text, matcher) {
    if (!text.includes('image'))
        return false;
    if (matcher.any || text.includes('$imagepolicy') || text.includes('gitops:image'))
        return true;
    return matcher.names.some((name) => text.includes(name.repository.slice(name.repository.lastIndexOf('/') + 1)));
}

;// CONCATENATED MODULE: ./packages/manifests/src/kinds/kustomization.ts
// kustomization files: the `images:` entry of the app. Sets newTag and digest (newName when the name
// changes), removes the one the new reference lacks, adds the entry (and `images:`) when missing.







const fileNames = new Set(['kustomization.yaml', 'kustomization.yml', 'Kustomization']);
function isKustomization(file) {
    const base = file.file.slice(file.file.lastIndexOf('/') + 1);
    if (fileNames.has(base))
        return true;
    return file.documents.some((document) => {
        const top = document.contents;
        if (!(0,dist/* isMap */.jh)(top))
            return false;
        const value = (key) => {
            const node = top.get(key, true);
            return (0,dist/* isScalar */.jn)(node) ? String(node.value) : '';
        };
        return value('kind') === 'Kustomization' && value('apiVersion').startsWith('kustomize.config.k8s.io/');
    });
}
function kustomizationDocument(file) {
    const document = file.documents.find((candidate) => (0,dist/* isMap */.jh)(candidate.contents));
    if (!document)
        fail({ file: file.file }, 'a kustomization must be a mapping');
    return document;
}
function field(entry, key) {
    return entry.items.find((item) => (0,dist/* isPair */.tO)(item) && (0,dist/* isScalar */.jn)(item.key) && item.key.value === key);
}
/** The entries of `images:` that belong to the app, each a place; none: a place that adds one. */
function findKustomizeImages(file, matcher, target) {
    const document = kustomizationDocument(file);
    const imagesPair = field(document.contents, 'images');
    if (imagesPair && !(0,dist/* isSeq */.oP)(imagesPair.value))
        fail(file.location(imagesPair.key.range?.[0] ?? 0), '"images" must be a list');
    const { entries, styles } = imageEntries(file, imagesPair);
    const places = entries.flatMap(({ entry, name, newName }) => {
        const belongs = (name !== undefined && matchesName(name, matcher)) || (newName !== undefined && matchesName(newName, matcher));
        return belongs ? [entryPlace(file, entry, styles)] : [];
    });
    if (places.length > 0 || target === undefined)
        return places;
    const inManifests = matcher.names.at(-1);
    return [
        {
            site: undefined,
            edits: (to) => [addEntry(file, { top: document.contents, imagesPair, inManifests, styles }, to)],
        },
    ];
}
/** The `images:` entries with their names, read once per file: every app of the repository asks. */
function imageEntries(file, imagesPair) {
    const known = entriesOf.get(file);
    if (known)
        return known;
    const items = imagesPair && (0,dist/* isSeq */.oP)(imagesPair.value) ? imagesPair.value.items : [];
    const entries = items.filter(dist/* isMap */.jh).map((entry) => ({
        entry,
        name: textOf(file, field(entry, 'name')),
        newName: textOf(file, field(entry, 'newName')),
    }));
    const read = { entries, styles: quotingOf(items) };
    entriesOf.set(file, read);
    return read;
}
const entriesOf = new WeakMap();
/** How the existing entries quote each field, so added ones look like their neighbours. */
function quotingOf(entries) {
    const styles = new Map();
    for (const entry of entries) {
        if (!(0,dist/* isMap */.jh)(entry))
            continue;
        for (const item of entry.items) {
            if (!(0,dist/* isScalar */.jn)(item.key) || !(0,dist/* isScalar */.jn)(item.value) || styles.has(String(item.key.value)))
                continue;
            const type = item.value.type;
            if (type === 'PLAIN' || type === 'QUOTE_DOUBLE' || type === 'QUOTE_SINGLE')
                styles.set(String(item.key.value), type);
        }
    }
    return styles;
}
function textOf(file, pair) {
    if (!pair || !(0,dist/* isScalar */.jn)(pair.value) || pair.value.value === null)
        return undefined;
    return scalarText(file, pair.value);
}
function entryPlace(file, entry, styles) {
    const scalars = new Map();
    for (const key of ['name', 'newName', 'newTag', 'digest']) {
        const pair = field(entry, key);
        if (pair)
            scalars.set(key, editableScalar(file, pair.value, `"${key}" of the images entry`, pair.key.range?.[0] ?? 0));
    }
    const text = (key) => {
        const scalar = scalars.get(key);
        return scalar && scalar.value !== null ? scalarText(file, scalar) : undefined;
    };
    const nameText = text('newName') ?? text('name') ?? '';
    const location = file.location(entry.range?.[0] ?? 0);
    const name = parseName(nameText);
    if (!name)
        fail(location, `"${nameText}" in the images entry is not an image name`);
    const tag = text('newTag');
    const digest = text('digest');
    const value = `${nameText}${tag ? `:${tag}` : ''}${digest ? `@${digest}` : ''}`;
    return {
        site: {
            location,
            kind: 'kustomize',
            part: 'reference',
            value,
            image: { name, ...(tag ? { tag } : {}), ...(digest ? { digest } : {}) },
        },
        edits: (to) => entryEdits(file, entry, scalars, to, styles),
    };
}
function entryEdits(file, entry, scalars, to, styles) {
    const inFlow = entry.flow === true;
    // Decided first, applied after: a new field must not be placed after one that is being removed (the
    // insertion would fall inside the removed line).
    const wanted = new Map();
    const set = (key, value) => {
        wanted.set(key, value);
    };
    const nameText = scalars.get('name') ? scalarText(file, scalars.get('name')) : '';
    const name = parseName(nameText);
    const newNameScalar = scalars.get('newName');
    const currentNewName = newNameScalar ? scalarText(file, newNameScalar) : undefined;
    if (name && image_value_sameName(name, to)) {
        // The entry's own name: a newName that names it too stays as written (only values being set change);
        // one that names another image would redirect it, so it goes.
        const current = currentNewName === undefined ? undefined : parseName(currentNewName);
        if (currentNewName !== undefined && !(current && image_value_sameName(current, to)))
            set('newName', undefined);
    }
    else {
        const current = currentNewName === undefined ? undefined : parseName(currentNewName);
        if (!current || !image_value_sameName(current, to))
            set('newName', writePart('name', to, currentNewName));
    }
    set('newTag', to.tag);
    set('digest', to.digest);
    const removed = new Set([...wanted].filter(([, value]) => value === undefined).map(([key]) => key));
    const edits = [];
    for (const [key, value] of wanted) {
        const scalar = scalars.get(key);
        const pair = field(entry, key);
        if (value === undefined) {
            if (pair)
                edits.push(removePair(file, entry, pair));
        }
        else if (scalar) {
            const edit = setScalar(file, scalar, value, inFlow);
            if (edit)
                edits.push(edit);
        }
        else {
            edits.push(insertPair(file, entry, [key, value, styles.get(key)], insertionPoint(entry, key, removed)));
        }
    }
    return edits;
}
/** Where a missing field goes: kustomize's own order is name, newName, newTag, digest. */
function insertionPoint(entry, key, removed) {
    const order = ['name', 'newName', 'newTag', 'digest'];
    const before = order.slice(0, order.indexOf(key)).reverse();
    for (const candidate of before) {
        if (removed.has(candidate))
            continue;
        const pair = field(entry, candidate);
        if (pair)
            return pair;
    }
    return undefined;
}
/**
 * A new entry: `name` is the name the manifests use (kustomize matches entries to containers by it), and
 * `newName` the new repository when it is another one, as `kustomize edit set image name=new:tag` writes.
 * The manifests' name is the app's own image (the last of the matcher's names: an environment's override comes
 * first), or the image the CLI was given.
 */
function addEntry(file, where, to) {
    const { top, imagesPair, inManifests, styles } = where;
    const name = inManifests ?? to;
    const entries = [['name', familiarName(name), styles.get('name')]];
    if (!image_value_sameName(name, to))
        entries.push(['newName', familiarName(to), styles.get('newName')]);
    if (to.tag !== undefined)
        entries.push(['newTag', to.tag, styles.get('newTag')]);
    if (to.digest !== undefined)
        entries.push(['digest', to.digest, styles.get('digest')]);
    if (!imagesPair)
        return appendListKey(file, top, 'images', entries);
    return appendMapItem(file, imagesPair, imagesPair.value, entries);
}

;// CONCATENATED MODULE: ./packages/manifests/src/kinds/markers.ts
// Setter markers: a value followed by `# {"$imagepolicy": "ns:policy[:tag|:name|:digest]"}` (Flux image
// automation) or `# gitops:image <app>[:tag|:name|:digest]`. The marker says what the value holds.





const fluxMarker = /^\{\s*"\$imagepolicy"\s*:\s*"([^"]+)"\s*\}$/;
const gitopsMarker = /^gitops:image\s+(\S+)$/;
const suffixes = { tag: 'tag', name: 'name', digest: 'digest' };
/** The marker in the comment after `end` on the same line, if any. */
function markerAfter(file, end) {
    const rest = file.text.slice(end, file.lineEnd(end));
    const comment = /^[ \t]+#\s*(.*?)\s*$/.exec(rest)?.[1];
    if (comment === undefined)
        return undefined;
    const flux = fluxMarker.exec(comment)?.[1];
    const gitops = gitopsMarker.exec(comment)?.[1];
    const value = flux ?? gitops;
    if (value === undefined)
        return undefined;
    const parts = value.split(':');
    const last = parts.at(-1) ?? '';
    // Flux policies are ns:name; a third field is the suffix. gitops markers are app[:suffix].
    const hasSuffix = flux !== undefined ? parts.length === 3 : parts.length === 2;
    const part = hasSuffix ? suffixes[last] : 'reference';
    if (part === undefined) {
        fail(file.location(end + rest.indexOf('#')), `unknown marker suffix ":${last}"; use :tag, :name or :digest`);
    }
    const name = hasSuffix ? parts.slice(0, -1).join(':') : value;
    return { flavour: flux !== undefined ? 'flux' : 'gitops', name, part };
}
function belongs(marker, matcher) {
    // Discovering apps (no gitops.yaml): every marked value is some app's image.
    if (matcher.any)
        return true;
    return marker.flavour === 'flux' ? markerMatches(matcher, marker.name) : marker.name === matcher.app;
}
/** Whether any value of the file carries a setter marker (of any policy or app). */
function usesMarkers(file) {
    if (!mentionsMarkers(file))
        return false;
    let found = false;
    for (const document of file.documents) {
        (0,dist/* visit */.YR)(document, {
            Scalar(key, node) {
                if (key === 'key' || !node.range || !markerAfter(file, node.range[1]))
                    return undefined;
                found = true;
                return dist/* visit */.YR.BREAK;
            },
        });
        if (found)
            return true;
    }
    return false;
}
/** Whether the text says either marker at all; asked once per app per file, so remembered per file. */
function mentionsMarkers(file) {
    let mentions = mentioning.get(file);
    if (mentions === undefined) {
        mentions = file.text.includes('$imagepolicy') || file.text.includes('gitops:image');
        mentioning.set(file, mentions);
    }
    return mentions;
}
const mentioning = new WeakMap();
function findMarkers(file, matcher) {
    if (!mentionsMarkers(file))
        return [];
    const places = [];
    for (const document of file.documents) {
        (0,dist/* visit */.YR)(document, {
            Scalar(key, node, path) {
                if (key === 'key' || !node.range)
                    return;
                const marker = markerAfter(file, node.range[1]);
                if (!marker || !belongs(marker, matcher))
                    return;
                const inFlow = path.some((ancestor) => (0,dist/* isCollection */.P3)(ancestor) && ancestor.flow === true);
                places.push(markerPlace(file, node, marker, inFlow));
            },
            Alias(key, node) {
                if (key === 'key' || !node.range)
                    return;
                const marker = markerAfter(file, node.range[1]);
                if (marker && belongs(marker, matcher))
                    editableScalar(file, node, 'the marked value', node.range[0]);
            },
        });
    }
    return places;
}
function markerPlace(file, node, marker, inFlow) {
    const scalar = editableScalar(file, node, 'the marked value', node.range?.[0] ?? 0);
    const value = scalarText(file, scalar);
    const location = file.location(scalar.range?.[0] ?? 0);
    const image = (0,dist/* isScalar */.jn)(scalar) ? readPartAt(marker.part, value, location) : {};
    return {
        site: { location, kind: 'marker', part: marker.part, value, image },
        edits: (to) => {
            const edit = setScalar(file, scalar, writePart(marker.part, to, value), inFlow);
            return edit ? [edit] : [];
        },
    };
}

;// CONCATENATED MODULE: ./packages/manifests/src/kinds/path-target.ts






/** The one document that holds the path; none or several is an error at the line that says so. */
function onlyHit(file, segments, found) {
    const hits = found.flatMap((lookup) => (lookup.found ? [lookup] : []));
    if (hits.length === 0) {
        const reasons = [...new Set(found.map((lookup) => (lookup.found ? '' : lookup.reason)))].join('; ');
        const first = found.find((lookup) => !lookup.found && lookup.at?.range);
        const location = first && !first.found && first.at?.range ? file.location(first.at.range[0]) : { file: file.file };
        fail(location, `target not found: path ${formatYamlPath(segments)}: ${reasons || 'the file has no documents'}`);
    }
    if (hits.length > 1) {
        throw new problems_ManifestError(hits.map((hit) => ({
            location: file.location(hit.node.range?.[0] ?? 0),
            message: `path ${formatYamlPath(segments)} is in ${hits.length} documents of the file; the target is ambiguous`,
        })));
    }
    return hits[0];
}
/**
 * The value at `pathText`. With `create`, keys of the path that do not exist yet are created when writing, as
 * Argo CD Image Updater and Kargo do: nested mappings below the deepest one that exists, in the file's own
 * indentation. What is in the way (a list, a scalar, a flow mapping, an alias) is an error at its line.
 */
function findPathValue(file, pathText, write, create = false, ownMarker = () => true) {
    let segments;
    try {
        segments = parseYamlPath(pathText);
    }
    catch (error) {
        if (error instanceof YamlPathError)
            fail({ file: file.file }, error.message);
        throw error;
    }
    const found = file.documents.map((document) => lookupPath(document.contents, segments));
    const hits = found.flatMap((lookup) => (lookup.found ? [lookup] : []));
    if (hits.length === 0 && create) {
        const creation = creatable(file, segments, found, write);
        if (creation)
            return creation;
    }
    const hit = onlyHit(file, segments, found);
    const at = hit.node?.range?.[0] ?? hit.pair?.key?.range?.[0] ?? 0;
    const scalar = editableScalar(file, hit.node, `the value at ${formatYamlPath(segments)}`, at);
    // A value marked for another policy belongs to that policy: no target of ours changes it.
    const marker = scalar.range ? markerAfter(file, scalar.range[1]) : undefined;
    if (marker && !ownMarker(marker))
        fail(file.location(at), `the value at ${formatYamlPath(segments)} carries the setter marker of ${marker.flavour === 'flux' ? 'policy' : 'app'} "${marker.name}", not this app's; it is not changed (remove the marker, or give the app that ${marker.flavour === 'flux' ? 'image-policy' : 'name'})`);
    const value = scalarText(file, scalar);
    const location = file.location(at);
    const image = readPartAt(write, value, location);
    return {
        site: { location, kind: 'path', part: write, value, image },
        edits: (to) => {
            let text;
            try {
                text = writePart(write, to, value);
            }
            catch (error) {
                return fail(location, error.message);
            }
            const edit = setScalar(file, scalar, text, hit.inFlow);
            return edit ? [edit] : [];
        },
    };
}
/** A place that creates the missing keys, when exactly one document has the path's first existing part. */
function creatable(file, segments, found, write) {
    const missing = found.flatMap((lookup) => (!lookup.found && lookup.missing ? [lookup.missing] : []));
    // Only one document may hold the start of the path: which one to extend is otherwise a guess.
    const [only] = missing;
    if (!only || missing.length !== 1)
        return undefined;
    const { map, from } = only;
    const rest = segments.slice(from);
    if (rest.some((segment) => typeof segment === 'number'))
        return undefined;
    const where = file.location(map.range?.[0] ?? 0);
    // An empty flow mapping (`image: {}`) is a place to create keys, as Argo CD Image Updater does; one with entries
    // is the team's own layout, not ours to rewrite.
    const empty = map.flow === true && map.items.length === 0;
    if (map.flow && !empty)
        fail(where, `cannot create ${formatYamlPath(segments)} inside a flow mapping; write the keys out`);
    return {
        site: undefined,
        edits: (to) => {
            const value = writePart(write, to, '');
            return [(empty ? insertPathIntoEmptyFlow : insertPath)(file, map, rest, value)];
        },
    };
}

;// CONCATENATED MODULE: ./packages/manifests/src/kinds/workloads.ts
// Plain manifests: every containers[].image, initContainers[].image and ephemeralContainers[].image of the
// app's image in the workload kinds, multi-document files included.





const template = ['spec', 'template', 'spec'];
const podSpecPaths = {
    Pod: ['spec'],
    Deployment: template,
    StatefulSet: template,
    DaemonSet: template,
    ReplicaSet: template,
    Job: template,
    Rollout: template,
    CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};
const containerLists = ['initContainers', 'containers', 'ephemeralContainers'];
function findWorkloadImages(file, matcher) {
    const places = [];
    for (const document of file.documents) {
        const kind = lookupPath(document.contents, ['kind']);
        const kindName = kind.found && (0,dist/* isScalar */.jn)(kind.node) ? String(kind.node.value) : undefined;
        const specPath = kindName === undefined ? undefined : podSpecPaths[kindName];
        if (!specPath)
            continue;
        const spec = lookupPath(document.contents, specPath);
        if (!spec.found)
            continue;
        for (const list of containerLists) {
            const containers = lookupPath(spec.node, [list]);
            if (!containers.found || !(0,dist/* isSeq */.oP)(containers.node))
                continue;
            for (const container of containers.node.items) {
                if (!(0,dist/* isMap */.jh)(container))
                    continue;
                const image = lookupPath(container, ['image']);
                if (!image.found)
                    continue;
                let node = image.node;
                if ((0,dist/* isAlias */.Vj)(node))
                    node = node.resolve(document);
                if (!(0,dist/* isScalar */.jn)(node) || typeof node.value !== 'string' || !matchesName(node.value, matcher))
                    continue;
                places.push(imagePlace(file, image.node, image.inFlow || containers.node.flow === true || container.flow === true));
            }
        }
    }
    return places;
}
function imagePlace(file, node, inFlow) {
    const at = node.range?.[0] ?? 0;
    const scalar = editableScalar(file, node, 'the container image', at);
    const value = scalarText(file, scalar);
    const location = file.location(at);
    const image = readPartAt('reference', value, location);
    return {
        site: { location, kind: 'manifest', part: 'reference', value, image },
        edits: (to) => {
            const edit = setScalar(file, scalar, writePart('reference', to, value), inFlow);
            return edit ? [edit] : [];
        },
    };
}

;// CONCATENATED MODULE: ./packages/manifests/src/targets.ts
// Finds an app's places in a target file (kind detected per file) or in every YAML file of a folder.








/**
 * Reads each file once per operation, and lets a plan read its own edited text back. Files are read whole, but
 * the limits of files to edit (size, UTF-8) apply only when a file is parsed to be edited: an unrelated large
 * or Latin-1 file beside the targets does not stop a search.
 */
class targets_FileCache {
    root;
    files = new Map();
    raw = new Map();
    /** Texts a plan edited: they win over what is on disk. */
    edited = new Map();
    listings = new Map();
    constructor(root) {
        this.root = root;
    }
    /**
     * A cache to edit that starts from what this one has read and parsed: a plan's edits stay in the fork, and the
     * files the planner has just read are not read and parsed again.
     */
    fork() {
        const fork = new targets_FileCache(this.root);
        fork.files = new Map(this.files);
        fork.raw = this.raw; // bytes as on disk: shared, never changed
        fork.edited = new Map(this.edited);
        fork.listings = new Map([...this.listings].map(([folder, list]) => [folder, list.map((entry) => ({ ...entry }))]));
        return fork;
    }
    /** The parsed file, to edit; `walked` for files found by {@link yamlFiles}. */
    get(relative, walked = false) {
        const key = external_node_path_.posix.normalize(relative);
        let file = this.files.get(key);
        if (!file) {
            file = new YamlFile(key, this.edited.get(key) ?? editableText(key, this.bytes(relative, walked)));
            this.files.set(key, file);
        }
        return file;
    }
    /** The text to look at before deciding to parse (invalid UTF-8 replaced: nothing is written from it). */
    text(relative, walked = false) {
        const key = external_node_path_.posix.normalize(relative);
        return this.edited.get(key) ?? this.bytes(relative, walked).toString('utf8');
    }
    bytes(relative, walked) {
        const key = external_node_path_.posix.normalize(relative);
        let bytes = this.raw.get(key);
        if (bytes === undefined) {
            bytes = readYamlBytes(this.root, relative, walked).bytes;
            this.raw.set(key, bytes);
        }
        return bytes;
    }
    /** The YAML files under a folder with their texts, read once: every app of a search scans this list. */
    yamlFiles(folder) {
        let files = this.listings.get(folder);
        if (!files) {
            files = yamlFilesUnder(this.root, folder).map((relative) => ({ relative, text: this.text(relative, true) }));
            this.listings.set(folder, files);
        }
        return files;
    }
    /** Replaces a file's text with an edited one, for everything read after. */
    set(file) {
        this.files.set(file.file, file);
        this.edited.set(file.file, file.text);
        for (const listing of this.listings.values()) {
            const entry = listing.find((candidate) => candidate.relative === file.file);
            if (entry)
                entry.text = file.text;
        }
    }
}
/**
 * The places of the app in one target file. With `path`, the value there. Otherwise setter markers of
 * the app win (users migrating from Flux keep their files), then a kustomization's `images:` entry (or, when
 * `adding` gives the reference to write, the entry to add), then container images in workloads.
 *
 * Markers are a promise, as Flux keeps it: with a policy given (`--marker`, an app's `image-policy`) only values
 * marked for it change, and a file that uses markers is edited through its markers only. So a value marked for
 * another policy, or an image beside markers with an ordinary comment, is never changed by a fallback.
 */
function placesInTarget(file, target, matcher, adding) {
    if (target.path !== undefined)
        return [
            findPathValue(file, target.path, target.write ?? 'reference', target.create !== false, (marker) => belongs(marker, matcher)),
        ];
    const markers = findMarkers(file, matcher);
    const explicit = matcher.imagePolicy !== undefined || matcher.markersOnly === true;
    if (markers.length > 0 || explicit || usesMarkers(file))
        return markers;
    if (isKustomization(file))
        return findKustomizeImages(file, matcher, adding);
    return findWorkloadImages(file, matcher);
}
/** The places of the app in every YAML file under `folder` that mentions it. */
function placesInFolder(cache, folder, matcher) {
    const found = [];
    for (const { relative, text } of cache.yamlFiles(folder)) {
        if (!mayMention(text, matcher))
            continue;
        const file = cache.get(relative, true);
        const places = placesInTarget(file, { file: relative }, matcher);
        if (places.length)
            found.push({ file, places });
    }
    return found;
}
const yamlName = /\.ya?ml$|^Kustomization$/;
/** YAML files under `folder` (relative to root), sorted, skipping hidden folders. */
function yamlFilesUnder(root, folder) {
    const files = [];
    const walk = (relative) => {
        const entries = (0,external_node_fs_.readdirSync)(external_node_path_.join(root, relative), { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
        for (const entry of entries) {
            if (entry.name.startsWith('.'))
                continue;
            const child = relative === '.' ? entry.name : `${relative}/${entry.name}`;
            if (entry.isDirectory())
                walk(child);
            else if (entry.isFile() && yamlName.test(entry.name))
                files.push(child);
        }
    };
    if ((0,external_node_fs_.existsSync)(external_node_path_.join(root, folder)))
        walk(folder);
    return files;
}

;// CONCATENATED MODULE: ./packages/manifests/src/discover-sites.ts
// Every place an image is written in what an environment renders: its folder and what its kustomizations reach
// (a base shared with other environments included), for `gitops init` to tell which files hold which image.







/** The image sites of an environment (files that cannot be read are skipped and returned as problems). */
function environmentImageSites(root, folder, cache = new targets_FileCache(root)) {
    const inputs = environmentInputs(root, folder);
    const trees = inputs.unknown ? [folder] : [...new Set([folder, ...inputs.trees])].sort();
    const files = new Set();
    for (const tree of trees) {
        const full = external_node_path_.join(root, tree);
        if (!(0,external_node_fs_.existsSync)(full))
            continue;
        if ((0,external_node_fs_.statSync)(full).isDirectory())
            for (const file of yamlFilesUnder(root, tree))
                files.add(file);
        else if (/\.ya?ml$|(^|\/)Kustomization$/.test(tree))
            files.add(tree);
    }
    const sites = [];
    const problems = [];
    for (const file of [...files].sort()) {
        try {
            const parsed = cache.get(file, true);
            const places = placesInTarget(parsed, { file }, anyImage);
            for (const place of places) {
                const site = place.site;
                if (site?.image.name)
                    sites.push({ ...site, name: site.image.name, policy: policyOf(cache.text(file), site) });
            }
            // Markers win, as they do when deploying; only a file without any is read as Helm values.
            if (places.length === 0)
                sites.push(...findValuesImages(parsed));
        }
        catch (error) {
            if (!(error instanceof problems_ManifestError))
                throw error;
            problems.push(...error.problems);
        }
    }
    return { sites, problems };
}
/** The policy of a Flux marker on the site's line (`# {"$imagepolicy": "ns:name[:tag]"}`). */
function policyOf(text, site) {
    if (site.kind !== 'marker')
        return undefined;
    const line = text.split(/\r?\n/)[(site.location.line ?? 1) - 1] ?? '';
    const value = /\{\s*"\$imagepolicy"\s*:\s*"([^"]+)"\s*\}/.exec(line)?.[1];
    return value?.split(':').slice(0, 2).join(':');
}

;// CONCATENATED MODULE: ./packages/manifests/src/read.ts
// Reads the reference an app runs from all of its places; places that disagree are an error naming each.







const covers = {
    reference: ['name', 'tag', 'digest'],
    name: ['name'],
    tag: ['tag'],
    digest: ['digest'],
    'tag@digest': ['tag', 'digest'],
};
function sitesOf(cache, targets, matcher) {
    if ('search' in targets) {
        return placesInFolder(cache, targets.search, matcher).flatMap(({ places }) => places.flatMap((place) => (place.site ? [place.site] : [])));
    }
    const own = targets.files.flatMap((target) => placesInTarget(cache.get(target.file), target, matcher).flatMap((place) => (place.site ? [place.site] : [])));
    if (own.length > 0 || targets.inherit === undefined || !(0,external_node_fs_.existsSync)(external_node_path_.join(cache.root, targets.inherit)))
        return own;
    return environmentImageSites(cache.root, targets.inherit, cache).sites.filter((site) => matcher.names.some((name) => image_value_sameName(site.name, name)));
}
function read_readImage(cache, targets, matcher) {
    const sites = sitesOf(cache, targets, matcher);
    return { image: mergeSites(sites, matcher), sites };
}
/** One reference from every site; each part (name, tag, digest) must agree where it is written. */
function mergeSites(sites, matcher) {
    if (sites.length === 0)
        return undefined;
    const values = {
        name: new Map(),
        tag: new Map(),
        digest: new Map(),
    };
    for (const site of sites) {
        for (const part of covers[site.part]) {
            const value = part === 'name' ? (site.image.name ? src_formatImageRef(site.image.name) : '') : (site.image[part] ?? '');
            if (part === 'name' && value === '')
                continue;
            values[part].set(value, [...(values[part].get(value) ?? []), site]);
        }
    }
    const conflicting = ['name', 'tag', 'digest'].filter((part) => values[part].size > 1);
    if (conflicting.length) {
        // One problem per place that takes part in a conflict, in target order, saying what it holds.
        const involved = sites.filter((site) => conflicting.some((part) => covers[site.part].includes(part)));
        const parts = conflicting.join(' and ');
        throw new problems_ManifestError(involved.map((site) => ({
            location: site.location,
            message: `the places of app "${matcher.app}" disagree on its ${parts}; this one has ${site.value || '(empty)'}`,
        })));
    }
    const only = (part) => {
        const [value] = values[part].keys();
        return value ? value : undefined;
    };
    const name = sites.find((site) => site.image.name)?.image.name ?? matcher.names[0];
    if (!name)
        return undefined;
    const tag = only('tag');
    const digest = only('digest');
    return {
        registry: name.registry,
        repository: name.repository,
        ...(tag ? { tag } : {}),
        ...(digest ? { digest } : {}),
    };
}


;// CONCATENATED MODULE: ./packages/manifests/src/text-edit.ts
// Byte-range edits: the only way the engine changes a file, so every other byte stays as it was.
/**
 * Applies edits. Removals may overlap one another (removing two neighbouring lines at the end of a file without
 * a final newline takes the line break before the last one, which the removal of the line above also covers):
 * what either removes is removed. Any other overlap is a bug in the planner, so it throws.
 */
function applyTextEdits(text, edits) {
    const sorted = mergeRemovals(text, [...edits].sort((a, b) => a.start - b.start || a.end - b.end));
    let result = '';
    let cursor = 0;
    for (const edit of sorted) {
        if (edit.start < cursor)
            throw new Error(`overlapping edits at offset ${edit.start}`);
        result += text.slice(cursor, edit.start) + edit.text;
        cursor = edit.end;
    }
    return result + text.slice(cursor);
}
/**
 * Sorted edits with every run of overlapping removals made one removal. A merged run that reaches the end of a
 * file without a final newline takes the line break before it too, so the file still ends without one.
 */
function mergeRemovals(text, sorted) {
    const merged = [];
    for (const edit of sorted) {
        const last = merged.at(-1);
        const removals = last !== undefined && last.text === '' && edit.text === '' && last.end > last.start;
        if (removals && edit.start < last.end && edit.end > edit.start) {
            let start = last.start;
            const end = Math.max(last.end, edit.end);
            if (end === text.length && !text.endsWith('\n')) {
                if (text.slice(start - 2, start) === '\r\n')
                    start -= 2;
                else if (text[start - 1] === '\n')
                    start -= 1;
            }
            merged[merged.length - 1] = { start, end, text: '' };
        }
        else {
            merged.push(edit);
        }
    }
    return merged;
}

;// CONCATENATED MODULE: ./packages/manifests/src/plan.ts
// Plan first, write after: every edit of a change is computed and checked before any file is touched.






/**
 * Plans several changes (apps) at once. Each is planned on the text the ones before it produced, so two
 * apps added to one kustomization share one `images:` list, and the same app twice is harmless. Edits of places
 * that exist already and touch nothing edited before are gathered and applied together, so the file is parsed
 * again only when a change must see the result (an entry to add, an overlap): 300 apps in one `images:` list
 * parse it a few times, not 300.
 */
function plan_planImageChanges(files, changes) {
    // Given the planner's cache, its reads are reused and its own view is left as it was.
    const base = typeof files === 'string' ? new targets_FileCache(files) : files;
    const cache = base.fork();
    const originals = new Map();
    const problems = [];
    // Per file: the parsed text the gathered edits are against, and the edits.
    const gathered = new Map();
    const flush = (name) => {
        const entry = gathered.get(name);
        if (!entry)
            return;
        gathered.delete(name);
        cache.set(new YamlFile(name, applyTextEdits(entry.file.text, entry.edits)));
    };
    for (const change of changes) {
        try {
            let edits = editsOf(cache, change);
            const separate = edits.some(({ file, edits: own, existing }) => !existing || overlaps(gathered.get(file.file)?.edits ?? [], own));
            if (separate) {
                for (const { file } of edits)
                    flush(file.file);
                edits = editsOf(cache, change);
            }
            for (const { file, edits: own } of edits) {
                if (own.length === 0)
                    continue;
                if (!originals.has(file.file))
                    originals.set(file.file, file.text);
                const entry = gathered.get(file.file) ?? { file, edits: [] };
                entry.edits.push(...own);
                gathered.set(file.file, entry);
                if (separate)
                    flush(file.file);
            }
        }
        catch (error) {
            if (!(error instanceof problems_ManifestError))
                throw error;
            problems.push(...error.problems);
        }
    }
    for (const name of [...gathered.keys()])
        flush(name);
    if (problems.length)
        throw new problems_ManifestError(problems);
    const result = [];
    for (const [file, before] of originals) {
        const after = cache.get(file).text;
        if (after !== before)
            result.push({ file, before, after });
    }
    verify(base.fork(), result, changes);
    return result;
}
/** One change's edits per file, on the texts the cache holds; `existing`: every place is there already. */
function editsOf(cache, change) {
    // One change may have several targets in a file: its edits apply together, on the same text.
    const byFile = new Map();
    for (const { file, places } of placesOf(cache, change)) {
        const entry = byFile.get(file.file) ?? { file, edits: [], existing: true };
        entry.edits.push(...places.flatMap((place) => place.edits(change.to)));
        entry.existing &&= places.every((place) => place.site !== undefined);
        byFile.set(file.file, entry);
    }
    return [...byFile.values()];
}
/** Whether any of `edits` touches or meets a range of `others` (then the later must be planned on the result). */
function overlaps(others, edits) {
    return edits.some((edit) => others.some((other) => edit.start <= other.end && other.start <= edit.end));
}
function placesOf(cache, change) {
    const { matcher, targets, to } = change;
    if ('search' in targets) {
        const found = placesInFolder(cache, targets.search, matcher);
        if (found.length === 0) {
            throw new problems_ManifestError([
                { location: { file: targets.search }, message: notFound(matcher, 'in any YAML file of this folder') },
            ]);
        }
        return found;
    }
    // Every target is looked at, so one run reports the problems of all of them.
    const problems = [];
    const found = targets.files.flatMap((target) => {
        try {
            const file = cache.get(target.file);
            return [{ file, places: placesInTarget(file, target, matcher, to) }];
        }
        catch (error) {
            if (!(error instanceof problems_ManifestError))
                throw error;
            problems.push(...error.problems);
            return [];
        }
    });
    const missing = found.filter(({ places }) => places.length === 0);
    const skipMissing = change.optionalFiles === true && missing.length < found.length;
    if (!skipMissing) {
        for (const { file } of missing)
            problems.push({ location: { file: file.file }, message: notFound(matcher, 'in this file') });
    }
    if (problems.length)
        throw new problems_ManifestError(problems);
    return found.filter(({ places }) => places.length > 0);
}
function notFound(matcher, where) {
    const names = matcher.names.map((name) => src_formatImageRef(name)).join(' or ');
    const policy = matcher.imagePolicy ?? `<namespace>:${matcher.app}`;
    return `target not found: no image of app "${matcher.app}" ${where} (looked for setter markers {"$imagepolicy": "${policy}"} and "gitops:image ${matcher.app}", kustomize images entries and container images named ${names})`;
}
/** Reads the edited text back: it must parse, and every place of every app must now say the new reference. */
function verify(cache, files, changes) {
    for (const change of files)
        cache.set(new YamlFile(change.file, change.after));
    for (const change of changes) {
        for (const site of sitesOf(cache, change.targets, change.matcher)) {
            for (const part of covers[site.part]) {
                const expected = part === 'name'
                    ? src_formatImageRef({ ...change.to, tag: undefined, digest: undefined })
                    : change.to[part];
                const actual = part === 'name' ? (site.image.name ? src_formatImageRef(site.image.name) : undefined) : site.image[part];
                if ((actual ?? '') !== (expected ?? '')) {
                    throw new Error(`internal error: after the edit, ${site.location.file}:${site.location.line} says ${part} "${actual}", expected "${expected}"`);
                }
            }
        }
    }
}

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(31421);
;// CONCATENATED MODULE: ./packages/manifests/src/render/kustomize-sources.ts
// Where each resource kustomize rendered comes from. kustomize can annotate origins itself (buildMetadata),
// but that makes it many times slower on overlays with many `images:` entries (21 s instead of 1.2 s for 100
// apps), so the kustomization graph is walked here instead, once, and only when a finding needs a location:
// every resource file and generator reachable from the environment, with the kustomizations above it.



const maxFiles = 20_000;
class kustomize_sources_KustomizeSources {
    root;
    folder;
    /** Source entries by kind, built on first use. */
    byKind;
    constructor(root, folder) {
        this.root = root;
        this.folder = folder;
    }
    /** The file (or generator) that defines the rendered resource; the environment's kustomization when unknown. */
    sourceOf(object) {
        const { kind, name, namespace } = resourceName(object);
        let best;
        let bestScore = 0;
        for (const entry of this.index().get(kind) ?? []) {
            let score = 0;
            if (entry.name === name)
                score = 10_000;
            else if (entry.origin.generator && name.includes(`${entry.name}-`))
                score = 5_000 + entry.name.length;
            else if (!entry.origin.generator && name.includes(entry.name))
                score = entry.name.length;
            if (score === 0)
                continue;
            if (entry.namespace && entry.namespace === namespace)
                score += 1;
            if (score > bestScore) {
                best = entry;
                bestScore = score;
            }
        }
        if (best)
            return { origin: best.origin, kustomizations: best.kustomizations };
        const own = kustomizationIn(this.root, this.folder) ?? this.folder;
        return { origin: { file: own, generator: 'unknown' }, kustomizations: [own] };
    }
    index() {
        if (!this.byKind) {
            this.byKind = new Map();
            this.visitFolder(this.folder, [], new Set());
        }
        return this.byKind;
    }
    add(entry) {
        const index = this.byKind;
        index.set(entry.kind, [...(index.get(entry.kind) ?? []), entry]);
    }
    visitFolder(dir, outer, seen) {
        const kustomization = kustomizationIn(this.root, dir);
        if (!kustomization || seen.has(kustomization) || seen.size > maxFiles)
            return;
        seen.add(kustomization);
        const data = this.readFirst(kustomization);
        if (!data)
            return;
        const { resources, components } = kustomizationReferences(this.root, dir, data);
        const chain = [
            kustomization,
            ...components.map((c) => kustomizationIn(this.root, c.path)).filter((k) => !!k),
            ...outer,
        ];
        for (const reference of [...resources, ...components]) {
            if (reference.folder)
                this.visitFolder(reference.path, chain, seen);
            else
                this.addFile(reference.path, chain, seen);
        }
        for (const [key, kind] of [
            ['configMapGenerator', 'ConfigMap'],
            ['secretGenerator', 'Secret'],
        ]) {
            const list = data[key];
            if (!Array.isArray(list))
                continue;
            for (const item of list) {
                if (typeof item?.name !== 'string')
                    continue;
                this.add({
                    kind,
                    name: item.name,
                    namespace: typeof item.namespace === 'string' ? item.namespace : '',
                    origin: { file: kustomization, generator: key },
                    kustomizations: chain,
                });
            }
        }
    }
    addFile(file, chain, seen) {
        if (seen.has(file))
            return;
        seen.add(file);
        const parsed = readYamlSource(this.root, file);
        if (!parsed || parsed.errors.length)
            return;
        parsed.documents.forEach((document, index) => {
            let data;
            try {
                data = documentData(document);
            }
            catch {
                return;
            }
            if (data === null || typeof data !== 'object' || Array.isArray(data))
                return;
            const { kind, name, namespace } = resourceName(data);
            if (kind)
                this.add({ kind, name, namespace, origin: { file, document: index }, kustomizations: chain });
        });
    }
    readFirst(file) {
        const parsed = readYamlSource(this.root, file);
        const first = parsed && !parsed.errors.length ? parsed.documents[0] : undefined;
        if (!first)
            return undefined;
        try {
            const data = documentData(first);
            return data !== null && typeof data === 'object' ? data : undefined;
        }
        catch {
            return undefined;
        }
    }
}

;// CONCATENATED MODULE: ./packages/manifests/src/render/syntax-scan.ts
// When kustomize refuses to render, its message names one problem. This walks the files the kustomization
// reaches (resources, components, patches; bases recursively) and reports every YAML syntax error with its
// line, so one run shows all of them.


const syntax_scan_maxFiles = 10_000;
function syntax_scan_scanKustomizationSyntax(root, folder) {
    const problems = [];
    const seen = new Set();
    const visitFile = (file) => {
        if (seen.has(file) || seen.size >= syntax_scan_maxFiles)
            return undefined;
        seen.add(file);
        const parsed = readYamlSource(root, file);
        if (!parsed)
            return undefined;
        for (const error of parsed.errors) {
            problems.push({
                kind: 'yaml',
                location: { file, line: error.line, column: error.column },
                message: error.message,
            });
        }
        const first = parsed.documents[0];
        if (parsed.errors.length || !first)
            return undefined;
        try {
            return documentData(first);
        }
        catch {
            return undefined;
        }
    };
    const visitFolder = (dir) => {
        const kustomization = kustomizationIn(root, dir);
        if (!kustomization)
            return;
        const data = visitFile(kustomization);
        if (!data || typeof data !== 'object')
            return;
        const { resources, components, patches } = kustomizationReferences(root, dir, data);
        for (const reference of [...resources, ...components, ...patches]) {
            if (reference.folder)
                visitFolder(reference.path);
            else if (/\.ya?ml$/i.test(reference.path))
                visitFile(reference.path);
        }
    };
    visitFolder(folder);
    return problems;
}

;// CONCATENATED MODULE: ./packages/manifests/src/render/kustomize.ts
// Renders a kustomize directory with `kustomize build` (when on PATH) or `kubectl kustomize`, exactly as the
// user's files say: no options added, so the output is what a controller would apply.








const maxOutputBytes = (/* unused pure expression or super */ null && (512 * 1024 * 1024));
/** `kustomize build` when a kustomize binary is on PATH, else `kubectl kustomize`. */
function kustomize_findKustomize(env = process.env) {
    for (const dir of (env.PATH ?? '').split(path.delimiter)) {
        if (!dir)
            continue;
        const candidate = path.join(dir, 'kustomize');
        try {
            accessSync(candidate, constants.X_OK);
            return { command: candidate, args: (folder) => ['build', folder] };
        }
        catch { }
    }
    return { command: 'kubectl', args: (folder) => ['kustomize', folder] };
}
/** Renders `folder` (relative to `root`, holding a kustomization) into resources; origins are found on demand. */
async function kustomize_renderKustomize(root, folder, tool = kustomize_findKustomize()) {
    const kustomization = kustomizationIn(root, folder) ?? folder;
    // kustomize is not run on a kustomization that reaches outside the repository: it would read what is there.
    const outside = checkKustomizeReach(root, folder);
    if (outside.length)
        return { resources: [], problems: outside };
    let stdout;
    try {
        stdout = await run(tool.command, tool.args(path.join(root, folder)));
    }
    catch (error) {
        const message = failure(tool, error, [path.join(root, path.sep), root]);
        return {
            resources: [],
            problems: [
                { kind: 'render', location: { file: kustomization }, message },
                ...scanKustomizationSyntax(root, folder),
            ],
        };
    }
    const sources = new KustomizeSources(root, folder);
    const resources = [];
    for (const document of parseYamlText(stdout).documents) {
        const object = documentData(document);
        if (object === null || typeof object !== 'object' || Array.isArray(object))
            continue;
        resources.push(lazySource(object, sources));
    }
    return { resources, problems: [] };
}
function lazySource(object, sources) {
    let found;
    const source = () => {
        found ??= sources.sourceOf(object);
        return found;
    };
    return {
        object,
        get origin() {
            return source().origin;
        },
        get kustomizations() {
            return source().kustomizations;
        },
    };
}
function run(command, args) {
    return new Promise((resolve, reject) => {
        execFile(command, args, { maxBuffer: maxOutputBytes, encoding: 'utf8' }, (error, stdout, stderr) => {
            if (error)
                reject(Object.assign(error, { stderr }));
            else
                resolve(stdout);
        });
    });
}
/** kustomize's own message, on one line, with the repository root taken out of its paths. */
function failure(tool, error, prefixes) {
    const { code, stderr } = error;
    if (code === 'ENOENT')
        return `cannot render: ${tool.command} is not installed (install kubectl or kustomize)`;
    const lines = (stderr ?? String(error))
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean)
        .map((line) => line.replace(/^E\d{4} [\d:.]+\s+\d+ \S+\] "command failed" err=/, '').replace(/^Error: /, ''));
    let message = lines.join(' ').replace(/^"|"$/g, '').replace(/\\"/g, '"');
    for (const prefix of prefixes)
        message = message.replaceAll(prefix, '');
    return `kustomize build failed: ${message}`;
}

;// CONCATENATED MODULE: ./packages/manifests/src/render/source-node.ts

/**
 * Follows `path` from `start` as far as it exists. `rendered` is the rendered value at the same place, used
 * to match list items by name.
 */
function source_node_followPath(start, path, rendered) {
    let node = start;
    let data = rendered;
    let offset = nodeOffset(start);
    let depth = 0;
    for (const step of path) {
        const nextData = data !== null && typeof data === 'object' ? data[step] : undefined;
        if (typeof step === 'number' && isSeq(node)) {
            const name = nameOf(nextData);
            const byName = name === undefined
                ? undefined
                : node.items.find((item) => isMap(item) && source_node_scalarValue(item.get('name', true)) === name);
            const item = byName ?? (name === undefined ? node.items[step] : undefined);
            if (item === undefined)
                break;
            node = item;
            offset = nodeOffset(item);
        }
        else if (typeof step === 'string' && isMap(node)) {
            const pair = node.items.find((candidate) => source_node_scalarValue(candidate.key) === step);
            if (!pair)
                break;
            node = pair.value;
            offset = nodeOffset(pair.key);
        }
        else {
            break;
        }
        data = nextData;
        depth++;
    }
    return { depth, offset, node };
}
function source_node_scalarValue(node) {
    return isScalar(node) ? node.value : undefined;
}
function nameOf(data) {
    if (data === null || typeof data !== 'object' || Array.isArray(data))
        return undefined;
    const name = data.name;
    return typeof name === 'string' ? name : undefined;
}
function nodeOffset(node) {
    const range = node?.range;
    return range ? range[0] : 0;
}
function source_node_locationAt(file, lineCounter, offset, lineShift = 0) {
    const { line, col } = lineCounter.linePos(offset);
    return lineShift === 0 ? { file, line, column: col } : { file, line: line + lineShift };
}

;// CONCATENATED MODULE: ./packages/manifests/src/render/locate.ts
// Maps a place in a rendered resource back to the file and line a person would edit: the patch or the
// `images:` entry that set the value when one did, otherwise the file that defines the resource.





class SourceLocator {
    root;
    files = new Map();
    constructor(root) {
        this.root = root;
    }
    locate(resource, where, mode = 'value') {
        if (mode === 'value') {
            if (where.at(-1) === 'image') {
                const entry = this.fromImages(resource, where);
                if (entry)
                    return entry;
            }
            const patch = this.fromPatches(resource, where);
            if (patch)
                return patch;
        }
        return this.fromOrigin(resource, where);
    }
    fromOrigin(resource, where) {
        const { file } = resource.origin;
        const parsed = this.parse(file);
        if (!parsed)
            return { file };
        if (resource.origin.generator)
            return this.generatorEntry(file, parsed, resource.object) ?? { file, line: 1 };
        const document = resource.origin.document !== undefined
            ? parsed.documents[resource.origin.document]
            : findDocument(parsed.documents, resource.object);
        if (!document)
            return { file, line: 1 };
        const match = followPath(document.contents, where, resource.object);
        return locationAt(file, parsed.lineCounter, match.offset);
    }
    generatorEntry(file, parsed, object) {
        const top = parsed.documents[0]?.contents;
        if (!isMap(top))
            return undefined;
        const { name } = resourceName(object);
        for (const key of ['configMapGenerator', 'secretGenerator']) {
            const list = top.get(key, true);
            if (!isSeq(list))
                continue;
            for (const item of list.items) {
                const itemName = isMap(item) ? scalarValue(item.get('name', true)) : undefined;
                if (typeof itemName === 'string' && (name === itemName || name.includes(`${itemName}-`))) {
                    return locationAt(file, parsed.lineCounter, item.range?.[0] ?? 0);
                }
            }
        }
        return undefined;
    }
    /** The `images:` entry of a kustomization that changed this image, if one did. */
    fromImages(resource, where) {
        const rendered = valueAt(resource.object, where);
        if (typeof rendered !== 'string')
            return undefined;
        // An `images:` entry naming this image controls it even when it happens to repeat the file's tag.
        const original = this.originalValue(resource, where);
        const names = new Set([locate_imageName(rendered), ...(typeof original === 'string' ? [locate_imageName(original)] : [])]);
        for (const kustomization of [...resource.kustomizations].reverse()) {
            const parsed = this.parse(kustomization);
            const top = parsed?.documents[0]?.contents;
            const images = isMap(top) ? top.get('images', true) : undefined;
            if (!parsed || !isSeq(images))
                continue;
            for (const item of images.items) {
                if (!isMap(item))
                    continue;
                const name = scalarValue(item.get('name', true));
                const newName = scalarValue(item.get('newName', true));
                if (!names.has(String(name)) && !names.has(String(newName)))
                    continue;
                const key = ['digest', 'newTag', 'newName']
                    .map((k) => item.items.find((pair) => scalarValue(pair.key) === k)?.key)
                    .find(Boolean);
                return locationAt(kustomization, parsed.lineCounter, (key ?? item).range?.[0] ?? 0);
            }
        }
        return undefined;
    }
    originalValue(resource, where) {
        const parsed = this.parse(resource.origin.file);
        if (!parsed || resource.origin.generator)
            return undefined;
        const document = resource.origin.document !== undefined
            ? parsed.documents[resource.origin.document]
            : findDocument(parsed.documents, resource.object);
        const match = followPath(document?.contents, where, resource.object);
        return match.depth === where.length ? scalarValue(match.node) : undefined;
    }
    /** The last patch, in the kustomizations that transformed the resource, that sets this place. */
    fromPatches(resource, where) {
        for (const kustomization of [...resource.kustomizations].reverse()) {
            for (const patch of this.patchesOf(kustomization).reverse()) {
                const found = this.inPatch(patch, resource, where);
                if (found)
                    return found;
            }
        }
        return undefined;
    }
    inPatch(patch, resource, where) {
        const { kind, name } = resourceName(resource.object);
        if (patch.target && !targetMatches(patch.target, kind, name))
            return undefined;
        const at = (offset) => locationAt(patch.file, patch.parsed.lineCounter, offset, patch.lineShift);
        const first = patch.parsed.documents[0]?.contents;
        if (isSeq(first)) {
            for (const op of [...first.items].reverse()) {
                if (!isMap(op) || scalarValue(op.get('op', true)) === 'remove')
                    continue;
                const pointer = scalarValue(op.get('path', true));
                if (typeof pointer !== 'string')
                    continue;
                const steps = pointer
                    .split('/')
                    .slice(1)
                    .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
                if (steps.length > where.length ||
                    !steps.every((s, i) => s === String(where[i]) || (s === '-' && typeof where[i] === 'number')))
                    continue;
                const rest = where.slice(steps.length);
                const value = op.get('value', true);
                if (rest.length > 0 && value !== undefined) {
                    const match = followPath(value, rest, valueAt(resource.object, where.slice(0, steps.length)));
                    if (match.depth === rest.length)
                        return at(match.offset);
                }
                return at(op.range?.[0] ?? 0);
            }
            return undefined;
        }
        if (identifying(where))
            return undefined;
        for (const document of patch.parsed.documents) {
            const data = document.contents;
            if (!isMap(data))
                continue;
            if (!patch.target) {
                const patchKind = scalarValue(data.get('kind', true));
                const metadata = data.get('metadata', true);
                const patchName = isMap(metadata) ? scalarValue(metadata.get('name', true)) : undefined;
                if (patchKind !== kind || typeof patchName !== 'string' || !nameMatches(patchName, name))
                    continue;
            }
            const match = followPath(data, where, resource.object);
            if (match.depth === where.length)
                return at(match.offset);
        }
        return undefined;
    }
    patchesOf(kustomization) {
        const parsed = this.parse(kustomization);
        const top = parsed?.documents[0]?.contents;
        if (!parsed || !isMap(top))
            return [];
        const dir = path.posix.dirname(kustomization);
        const sources = [];
        const add = (file, inline, target) => {
            const targetData = isMap(target) ? target.toJSON() : undefined;
            if (typeof scalarValue(file) === 'string') {
                const patchFile = path.posix.normalize(`${dir}/${scalarValue(file)}`);
                const patchParsed = this.parse(patchFile);
                if (patchParsed)
                    sources.push({ file: patchFile, parsed: patchParsed, lineShift: 0, target: targetData });
            }
            else if (isScalar(inline) && typeof inline.value === 'string') {
                const { line } = parsed.lineCounter.linePos(inline.range?.[0] ?? 0);
                const block = inline.type === 'BLOCK_LITERAL' || inline.type === 'BLOCK_FOLDED';
                sources.push({
                    file: kustomization,
                    parsed: parseYamlText(inline.value),
                    lineShift: block ? line : line - 1,
                    target: targetData,
                });
            }
        };
        const strategic = top.get('patchesStrategicMerge', true);
        if (isSeq(strategic)) {
            for (const item of strategic.items) {
                if (isScalar(item) && typeof item.value === 'string' && item.value.includes('\n'))
                    add(undefined, item, undefined);
                else
                    add(item, undefined, undefined);
            }
        }
        for (const key of ['patchesJson6902', 'patches']) {
            const list = top.get(key, true);
            if (!isSeq(list))
                continue;
            for (const item of list.items) {
                if (isMap(item))
                    add(item.get('path', true), item.get('patch', true), item.get('target', true));
            }
        }
        return sources;
    }
    parse(file) {
        if (!this.files.has(file))
            this.files.set(file, readYamlSource(this.root, file));
        return this.files.get(file);
    }
}
function identifying(where) {
    const key = where.join('/');
    return key === 'apiVersion' || key === 'kind' || key === 'metadata/name' || key === 'metadata' || key === '';
}
function findDocument(documents, object) {
    const { kind, name } = resourceName(object);
    let best;
    let bestScore = -1;
    for (const document of documents) {
        const top = document.contents;
        if (!isMap(top) || scalarValue(top.get('kind', true)) !== kind)
            continue;
        const metadata = top.get('metadata', true);
        const own = isMap(metadata) ? scalarValue(metadata.get('name', true)) : undefined;
        const score = own === name ? 1000 : typeof own === 'string' && name.includes(own) ? own.length : 0;
        if (score > bestScore) {
            best = document;
            bestScore = score;
        }
    }
    return best ?? documents[0];
}
/** Patch targets name resources before kustomize adds prefixes and suffixes, and as regular expressions. */
function targetMatches(target, kind, name) {
    if (typeof target.kind === 'string' && target.kind !== kind)
        return false;
    if (typeof target.name === 'string' && !nameMatches(target.name, name))
        return false;
    return true;
}
function nameMatches(pattern, name) {
    if (pattern === name || name.includes(pattern))
        return true;
    try {
        return new RegExp(`^(?:${pattern})$`).test(name);
    }
    catch {
        return false;
    }
}
function valueAt(object, where) {
    let node = object;
    for (const step of where) {
        if (node === null || typeof node !== 'object')
            return undefined;
        node = node[step];
    }
    return node;
}
/** `registry/repo:tag@sha256:…` → `registry/repo`. */
function locate_imageName(reference) {
    const withoutDigest = reference.split('@')[0] ?? reference;
    const slash = withoutDigest.lastIndexOf('/');
    const colon = withoutDigest.lastIndexOf(':');
    return colon > slash ? withoutDigest.slice(0, colon) : withoutDigest;
}

;// CONCATENATED MODULE: ./packages/manifests/src/render/plain.ts
// Renders a plain YAML folder as it is: every document with apiVersion or kind in every .yaml/.yml file
// below it. A subfolder holding a kustomization is rendered by kustomize as one unit, as Flux does.






const plain_yamlName = /\.ya?ml$/i;
async function plain_renderPlain(root, folder, tool) {
    const resources = [];
    const problems = [];
    const walk = async (relative) => {
        const entries = readdirSync(path.join(root, relative), { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
        for (const entry of entries) {
            if (entry.name.startsWith('.'))
                continue;
            const child = relative === '.' ? entry.name : `${relative}/${entry.name}`;
            if (entry.isDirectory()) {
                if (kustomizationIn(root, child)) {
                    const rendered = await renderKustomize(root, child, tool);
                    resources.push(...rendered.resources);
                    problems.push(...rendered.problems);
                }
                else {
                    await walk(child);
                }
            }
            else if (entry.isFile() && plain_yamlName.test(entry.name)) {
                readPlainFile(root, child, resources, problems);
            }
        }
    };
    await walk(folder);
    return { resources, problems };
}
function readPlainFile(root, file, resources, problems) {
    const size = statSync(path.join(root, file)).size;
    if (size > maxFileBytes) {
        problems.push({
            kind: 'yaml',
            location: { file },
            message: `the file is ${size} bytes; the limit is ${maxFileBytes}`,
        });
        return;
    }
    const parsed = parseYamlText(readFileSync(path.join(root, file), 'utf8'));
    for (const error of parsed.errors) {
        problems.push({ kind: 'yaml', location: { file, line: error.line, column: error.column }, message: error.message });
    }
    if (parsed.errors.length)
        return;
    parsed.documents.forEach((document, index) => {
        let data;
        try {
            data = documentData(document);
        }
        catch (error) {
            const { line, col } = parsed.lineCounter.linePos(document.range[0]);
            problems.push({ kind: 'yaml', location: { file, line, column: col }, message: error.message });
            return;
        }
        if (data === null || typeof data !== 'object' || Array.isArray(data))
            return;
        const object = data;
        // Helm values, kustomize components and other non-resources live beside manifests: not ours to check.
        if (object.apiVersion === undefined && object.kind === undefined)
            return;
        resources.push({ object, origin: { file, document: index }, kustomizations: [] });
    });
}

;// CONCATENATED MODULE: ./packages/manifests/src/render/render.ts
// Renders an environment folder: kustomize when it holds a kustomization, its YAML files as they are when not.






async function renderEnvironment(root, folder, tool = findKustomize()) {
    const absolute = path.join(root, folder);
    if (!staysInsideRepository(root, folder)) {
        const message = `the environment folder ${folder} is a symbolic link out of the repository`;
        return {
            path: folder,
            renderer: 'plain',
            resources: [],
            problems: [{ kind: 'path', location: { file: folder }, message }],
        };
    }
    if (!existsSync(absolute) || !statSync(absolute).isDirectory()) {
        return {
            path: folder,
            renderer: 'plain',
            resources: [],
            problems: [
                { kind: 'path', location: { file: folder }, message: `the environment folder ${folder} does not exist` },
            ],
        };
    }
    if (kustomizationIn(root, folder)) {
        return { path: folder, renderer: 'kustomize', ...(await renderKustomize(root, folder, tool)) };
    }
    return { path: folder, renderer: 'plain', ...(await renderPlain(root, folder, tool)) };
}

;// CONCATENATED MODULE: ./packages/manifests/src/render/secret-mask.ts
// Rendered diffs are shown in the job log, the step summary and a pull-request comment: Secret values must not
// be. Each value becomes a marker, as `argocd app diff` does, that still shows whether it changed: the marker is
// a keyed hash under a key made for this one diff and never shown, so equal values match on both sides of the
// diff, different values differ, and no marker can be turned back into its value or checked against a guess.

/** Whether `value` is SOPS-encrypted: `ENC[AES256_GCM,data:…,iv:…,tag:…,type:str]`. */
function isSopsValue(value) {
    return typeof value === 'string' && /^ENC\[[A-Z0-9_]+,data:/.test(value);
}
class SecretMask {
    key = randomBytes(32);
    /** `<hidden a1b2c3d4>`: the same for the same value within this mask. */
    marker(value) {
        const text = typeof value === 'string' ? value : JSON.stringify(value ?? null);
        return `<hidden ${createHmac('sha256', this.key).update(text).digest('hex').slice(0, 8)}>`;
    }
    /** A copy of the resource with every Secret `data`/`stringData` value and every SOPS-encrypted value hidden. */
    hide(object) {
        const copy = this.hideSops(object);
        if (copy.kind !== 'Secret')
            return copy;
        for (const field of ['data', 'stringData']) {
            const values = copy[field];
            if (values === null || typeof values !== 'object' || Array.isArray(values))
                continue;
            copy[field] = Object.fromEntries(Object.entries(values).map(([key, value]) => [key, this.marker(value)]));
        }
        return copy;
    }
    hideSops(value) {
        if (typeof value === 'string')
            return isSopsValue(value) ? this.marker(value) : value;
        if (Array.isArray(value))
            return value.map((item) => this.hideSops(item));
        if (value === null || typeof value !== 'object')
            return value;
        return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, this.hideSops(item)]));
    }
}

;// CONCATENATED MODULE: ./packages/manifests/src/render/text.ts
// The rendered manifests as one YAML stream in a stable order, so two renderings diff by content only; the text
// is for people to read, so Secret values are hidden by the mask both sides of a diff share.


function renderedText(resources, mask) {
    const keyed = resources.map((resource) => {
        const { kind, namespace, name } = resourceName(resource.object);
        return { key: `${String(resource.object.apiVersion ?? '')}\u0000${kind}\u0000${namespace}\u0000${name}`, resource };
    });
    keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return keyed
        .map(({ resource }) => stringify(mask.hide(resource.object), { lineWidth: 0, aliasDuplicateObjects: false }))
        .join('---\n');
}

;// CONCATENATED MODULE: ./packages/manifests/src/repository.ts
// The engine as deploy, promote and the CLI use it: an app in an environment of a loaded gitops.yaml.








function repository_matcherFor(app, environment) {
    const own = targets_imageFor(app, environment);
    const names = image_value_sameName(own, app.image) ? [own] : [own, app.image];
    return { app: app.name, names, imagePolicy: imagePolicyFor(app, environment) };
}
/** The app's targets in the environment; without any, every YAML file of the environment's folder. */
function targetsFor(config, app, environment) {
    const targets = resolveTargets(app, environment);
    if (targets.length > 0)
        return {
            files: targets.map(({ file, path, write, create }) => ({ file, path, write, create })),
            inherit: targets_findEnvironment(config, environment).path,
        };
    return { search: targets_findEnvironment(config, environment).path };
}
/** The image of every app (or one) in every environment (or one). */
function repository_readEnvironmentImages(config, filter = {}) {
    // A fleet's clusters are read one by one (readClusterImages): its own folder holds them all.
    const environments = (filter.environment ? [findEnvironment(config, filter.environment)] : config.environments).filter((environment) => !environment.fleet);
    const apps = filter.app ? [findConfiguredOrDiscovered(config, filter.app)] : appsOf(config);
    const cache = new FileCache(config.root);
    const result = [];
    for (const environment of environments) {
        for (const app of apps) {
            const reading = readingOf(cache, targetsFor(config, app, environment.name), repository_matcherFor(app, environment.name));
            result.push({ environment: environment.name, app: app.name, ...reading });
        }
    }
    return result;
}
/** The app's image where `targets` say, or why it cannot be read (places that disagree, a broken file). */
function readingOf(cache, targets, matcher) {
    try {
        const reading = readImage(cache, targets, matcher);
        return { image: reading.image, sites: reading.sites, problems: [] };
    }
    catch (error) {
        if (!(error instanceof ManifestError))
            throw error;
        return { image: undefined, sites: [], problems: error.problems };
    }
}
/** The image of every app in every cluster of a fleet environment (none for an environment that is no fleet). */
function repository_readClusterImages(config, environment) {
    const cache = new FileCache(config.root);
    const result = [];
    for (const cluster of environment.fleet?.clusters ?? []) {
        for (const app of appsOf(config)) {
            const reading = readingOf(cache, { search: cluster.path }, repository_matcherFor(app, environment.name));
            result.push({ cluster: cluster.name, app: app.name, image: reading.image, problems: reading.problems });
        }
    }
    return result;
}
/** Plans setting the app's image in the environment; `to` is a tag, `@digest`, `tag@digest` or a reference. */
function planSetImage(config, environment, appName, to) {
    findEnvironment(config, environment);
    const app = findConfiguredOrDiscovered(config, appName);
    const image = imageFor(app, environment);
    const ref = typeof to === 'string' ? parseUpdate(to, image) : to;
    if (!sameName(ref, image)) {
        throw new ManifestError([
            {
                location: { file: config.file ?? config.root },
                message: `${formatImageRef(ref)} is not an image of app "${app.name}", which is ${formatImageRef(image)} in ${environment}`,
            },
        ]);
    }
    return planImageChanges(config.root, [
        { matcher: repository_matcherFor(app, environment), to: ref, targets: targetsFor(config, app, environment) },
    ]);
}
function parseUpdate(text, base) {
    try {
        return resolveImageUpdate(text, base);
    }
    catch (error) {
        if (error instanceof ImageRefError)
            throw error.about('to');
        throw error;
    }
}
/**
 * The apps of a repository: those of gitops.yaml when there is one (or apps were given), else the images found
 * in the manifests of `environments` (default: every environment). The one rule for every command and action.
 */
function appsOf(config, environments = config.environments) {
    return config.apps.length > 0 || config.file !== undefined ? config.apps : discoverApps({ ...config, environments });
}
/** One app by name, under the same rule as appsOf; an unknown name is a configuration error. */
function findConfiguredOrDiscovered(config, name, environments = config.environments) {
    return targets_findApp({ ...config, apps: appsOf(config, environments) }, name);
}
/**
 * Without gitops.yaml, an app is an image found in the environments' manifests, named by the last part of
 * its repository (`ghcr.io/acme/web` is app `web`).
 */
function discoverApps(config) {
    const found = new Map();
    const cache = new targets_FileCache(config.root);
    for (const environment of config.environments) {
        for (const { places } of placesInFolder(cache, environment.path, anyImage)) {
            for (const place of places) {
                const name = place.site?.image.name;
                if (name)
                    found.set(src_formatImageRef(name), name);
            }
        }
    }
    const apps = [];
    const taken = new Set();
    for (const [text, image] of [...found.entries()].sort(([a], [b]) => a.localeCompare(b))) {
        const short = image.repository.slice(image.repository.lastIndexOf('/') + 1);
        const name = taken.has(short) ? text.replace(/[/:]/g, '-') : short;
        taken.add(name);
        apps.push({
            name,
            image: parseName(text) ?? image,
            imagePolicy: undefined,
            targets: [],
            imageOverrides: {},
            location: undefined,
        });
    }
    return apps;
}

;// CONCATENATED MODULE: ./packages/manifests/src/write.ts
// Writes a plan: every file to a temporary sibling first, then renamed over the original, so a failure
// while writing leaves the originals as they were. A target that is a symbolic link (inside the repository:
// reading it checked that) is edited where it points; the link stays a link. Files a change adds are created with
// their folders; files it removes go last, once everything else is in place.


function writeChanges(root, changes) {
    const staged = [];
    try {
        for (const change of changes) {
            if (change.removed)
                continue;
            const target = change.added ? newFile(root, change.file) : (0,external_node_fs_.realpathSync)(external_node_path_.join(root, change.file));
            const temporary = `${target}.gitops-${process.pid}.tmp`;
            (0,external_node_fs_.writeFileSync)(temporary, change.after, { mode: change.added ? 0o644 : (0,external_node_fs_.statSync)(target).mode });
            staged.push({ temporary, target });
        }
    }
    catch (error) {
        for (const { temporary } of staged)
            (0,external_node_fs_.rmSync)(temporary, { force: true });
        throw error;
    }
    for (const { temporary, target } of staged)
        (0,external_node_fs_.renameSync)(temporary, target);
    for (const change of changes)
        if (change.removed)
            (0,external_node_fs_.rmSync)(external_node_path_.join(root, change.file), { force: true });
}
/** Where an added file goes: its folder made, and the path checked to stay under the root. */
function newFile(root, file) {
    const target = external_node_path_.resolve(root, file);
    if (!target.startsWith(`${external_node_path_.resolve(root)}${external_node_path_.sep}`))
        throw new Error(`internal error: ${file} is outside the repository`);
    (0,external_node_fs_.mkdirSync)(external_node_path_.dirname(target), { recursive: true });
    return target;
}

;// CONCATENATED MODULE: ./packages/manifests/src/index.ts
// Reads and writes image references in config repositories, changing only the bytes of the values it sets.


















;// CONCATENATED MODULE: ./packages/delivery/src/apps.ts
// Which apps a change concerns and what of the repository it needs checked out.


/** An app of gitops.yaml, or, without one, an image found in the environment's folder. */
function apps_resolveApp(config, environment, name) {
    return findConfiguredOrDiscovered(config, name, [environment]);
}
/** Every app of gitops.yaml, or, without one, every image found in the environment's folder. */
function allApps(config, environment) {
    return appsOf(config, [environment]);
}
/** What the sparse checkout needs for the app: its target files, or the whole environment folder. */
function sparsePaths(config, app, environment) {
    // A fleet's cluster folders are checked out wave by wave, as the planner reads them (fleet-plan.ts).
    if (targets_findEnvironment(config, environment).fleet)
        return [];
    const targets = targetsFor(config, app, environment);
    return 'search' in targets ? [`${targets.search}/`] : targets.files.map((target) => target.file);
}

;// CONCATENATED MODULE: ./packages/delivery/src/unsettled.ts
// The rule every caller of deploy and promote ends by: a change that landed while its controller did not settle
// (not applied, or not healthy, within the wait) fails the step, after its outputs and summary are written.

/**
 * The rule every caller ends by: a change that landed but whose controller did not settle fails the step, after its
 * outputs are written. One line per such change: `[to: ]<abc1234 | the change> landed, but <why>`.
 */
function unsettledLines(results, naming) {
    return results
        .filter((result) => result.controller && !result.controller.settled)
        .map((result) => {
        const landed = naming === 'commit' ? (result.commit?.slice(0, 7) ?? 'the change') : 'the change';
        return `${result.to ? `${result.to}: ` : ''}${landed} landed, but ${result.controller?.message}${rolledBackText(result.rolledBack)}`;
    });
}
/** The failure an action ends with when any change did not settle; undefined when every one did. */
function unsettledFailure(results) {
    const lines = unsettledLines(results, 'commit');
    return lines.length > 0 ? new errors_DeliveryError(lines.join('; ')) : undefined;
}
/** `; rolled back in def5678 (web, api)`, or nothing when it was not. */
function rolledBackText(rolledBack) {
    if (!rolledBack)
        return '';
    const where = rolledBack.commit ? `in ${rolledBack.commit.slice(0, 7)}` : '(nothing left to write)';
    return `; rolled back ${where} (${rolledBack.apps.join(', ')})`;
}

;// CONCATENATED MODULE: ./packages/delivery/src/github-deployment.ts
// A GitHub deployment in the source repository, when a change asks for one (github-deployment): made before the
// change, in_progress while the controller is waited for, then success or failure with the environment's address,
// so the repository's environments page shows what runs where and whether it is healthy. The engine drives it for
// deploy and promote alike (pipeline.ts), so a caller only says where.


function deploymentRecord(request) {
    const { repository, sha } = request.target;
    const deployments = new GitHubDeployments(client_githubClient(request.token, request.apiUrl));
    const logUrl = request.runUrl;
    let id;
    return {
        start: async () => {
            id = await deployments.create(repository, sha, request.environment, request.description);
        },
        waiting: async (commit) => {
            if (id === undefined)
                return;
            const description = `waiting for the controller to apply ${commit.slice(0, 7)}`;
            await deployments.status(repository, id, { state: 'in_progress', logUrl, description });
        },
        failed: async (message) => {
            if (id !== undefined)
                await deployments.status(repository, id, { state: 'failure', logUrl, description: message });
        },
        finish: async ({ changed, commit, pullRequestUrl, controller, rolledBack }) => {
            if (id === undefined)
                return;
            // Only a pull request was opened: nothing is deployed until it is merged, and the record says so.
            if (pullRequestUrl && !commit) {
                const description = `waiting for the pull request to be merged: ${pullRequestUrl}`;
                await deployments.status(repository, id, { state: 'queued', logUrl, description });
                return;
            }
            const state = controller && !controller.settled ? 'failure' : 'success';
            const { verb } = request;
            const description = controller
                ? `${rolledBack ? `${rolledBackText(rolledBack).slice(2)} after: ` : ''}${controller.message}`
                : changed
                    ? `${verb} in ${commit?.slice(0, 7)}`
                    : `already ${verb}`;
            await deployments.status(repository, id, { state, logUrl, description, environmentUrl: controller?.url });
        },
    };
}

;// CONCATENATED MODULE: ./packages/controllers/src/argocd-state.ts
// An Argo CD Application's status read as Argo CD 3 writes it. The Application-level health message is
// deprecated there ("this field is not used and will be removed", swagger.json's v1alpha1AppHealthStatus) and left
// empty: the words are on the resources (status.resources[].health), so they are read from there first, the
// worst resource first, then from the conditions and the sync operation; the old field only where it is filled.
// Every field may be missing, null or mistyped: what the server sent is checked as it is read.

/** Resource health in the order a message is taken from: what is wrong first. */
const worstFirst = ['Degraded', 'Missing', 'Progressing', 'Suspended', 'Unknown'];
/** Argo CD's answer, read into the shape both controllers share. */
function applicationState(application, source) {
    const app = objectOf(application);
    const status = objectOf(app.status);
    const sync = objectOf(status.sync);
    const operation = objectOf(status.operationState);
    const result = objectOf(operation.syncResult);
    const revision = asString(sync.revision) ?? gitRevision(sync.revisions);
    const operated = asString(result.revision) ?? gitRevision(result.revisions);
    const phase = asString(operation.phase);
    const failed = (phase === 'Failed' || phase === 'Error') && operated === revision;
    const synced = asString(sync.status) === 'Synced';
    const running = phase === 'Running' ? (asString(operation.startedAt) ?? 'an unknown time') : undefined;
    const urls = objectOf(status.summary).externalURLs;
    return {
        source,
        revision,
        synced,
        health: asString(objectOf(status.health).status) ?? 'Unknown',
        message: messageOf(status, failed ? asString(operation.message) : undefined),
        failed,
        urls: Array.isArray(urls) ? urls.filter((entry) => typeof entry === 'string') : [],
        running,
        blocked: asString(sync.status) === 'OutOfSync' && !running && !automated(app) ? manualSync(app) : undefined,
    };
}
/**
 * The words for the state: a failed sync's own, else the worst unhealthy resource's (`Deployment web: …`), else an
 * error condition's, else what the operation says, else the deprecated Application message where it is filled.
 */
function messageOf(status, failure) {
    if (failure)
        return failure;
    const resources = Array.isArray(status.resources) ? status.resources.map(objectOf) : [];
    for (const wanted of worstFirst) {
        const found = resources.find((resource) => !resource.hook && asString(objectOf(resource.health).status) === wanted);
        if (found)
            return resourceLine(found, wanted);
    }
    const conditions = Array.isArray(status.conditions) ? status.conditions.map(objectOf) : [];
    const condition = conditions.find((entry) => /Error$/.test(asString(entry.type) ?? ''));
    const operation = objectOf(status.operationState);
    return (asString(condition?.message) ??
        (asString(operation.phase) === 'Running' ? asString(operation.message) : undefined) ??
        asString(objectOf(status.health).message));
}
/** `Deployment web: <message>`, or `Deployment web is Missing` when Argo CD gives no words. */
function resourceLine(resource, health) {
    const name = `${asString(resource.kind) ?? 'resource'} ${asString(resource.name) ?? ''}`.trim();
    const message = asString(objectOf(resource.health).message);
    return message ? `${name}: ${message}` : `${name} is ${health}`;
}
/** Whether Argo CD syncs by itself: spec.syncPolicy.automated, unless Argo CD 3's `enabled: false` turns it off. */
function automated(app) {
    const policy = asObject(objectOf(app.spec).syncPolicy);
    const auto = policy ? asObject(policy.automated) : undefined;
    return auto !== undefined && auto.enabled !== false;
}
/** Why waiting cannot help an OutOfSync Application that Argo CD does not sync by itself. */
function manualSync(app) {
    const name = asString(objectOf(app.metadata).name) ?? 'the Application';
    return `automated sync is off, so Argo CD applies nothing until someone syncs it (argocd app sync ${name})`;
}
function objectOf(value) {
    return asObject(value) ?? {};
}
/**
 * A multi-source Application lists one revision per source: Helm charts' versions and Git commits. The config
 * repository is a Git source, so its revision is the first that is a commit.
 */
function gitRevision(revisions) {
    const list = Array.isArray(revisions) ? revisions.filter((entry) => typeof entry === 'string') : [];
    return list.find((revision) => /^([0-9a-f]{40}|[0-9a-f]{64})$/.test(revision)) ?? list[0];
}

;// CONCATENATED MODULE: ./packages/controllers/src/http.ts
// One GET to a controller's API, on the pipeline's terms: within the time the caller has left, with a body of
// bounded size, and with credentials that go to the server they were given for only. A redirect to another scheme,
// host or port is followed without them. Whatever goes wrong ends in one line naming the server.


/** A failure worth another look during a wait: the server was unreachable or answered 502, 503 or 504. */
class ControllerUnavailable extends errors_src/* UserError */.yo {
    transient = true;
}
const maxRedirects = 5;
/** The status and body text of `url`; throws a UserError in one line for anything that is not an answer. */
async function boundedGet(url, request) {
    let target = url;
    let headers = { ...request.headers };
    for (let hop = 0; hop <= maxRedirects; hop++) {
        const left = request.deadline - Date.now();
        if (left <= 0)
            throw new ControllerUnavailable(`${request.who} did not answer in time`);
        const abort = new AbortController();
        const timer = setTimeout(() => abort.abort(), left);
        try {
            let response;
            try {
                response = await fetch(target, { headers, redirect: 'manual', signal: abort.signal });
            }
            catch (error) {
                throw new ControllerUnavailable(`could not reach ${request.who}: ${causeOf(error, abort.signal)}`);
            }
            const location = response.headers.get('location');
            if (response.status >= 300 && response.status < 400 && location) {
                await response.body?.cancel().catch(() => undefined);
                const next = new URL(location, target);
                // Credentials belong to the origin they were given for: another scheme, host or port gets none.
                if (next.origin !== url.origin)
                    headers = withoutCredentials(headers);
                target = next;
                continue;
            }
            const text = await readBounded(response.body ?? emptyBody(), { maxBytes: request.maxBytes ?? defaultMaxBytes, deadline: request.deadline }, () => abort.abort()).catch((error) => {
                if (error instanceof BodyLimitError)
                    throw new ControllerUnavailable(`${request.who} ${error.message}`);
                // The deadline's own abort can end the read first: the same answer, too slow.
                if (abort.signal.aborted)
                    throw new ControllerUnavailable(`${request.who} did not finish its answer in time`);
                throw new ControllerUnavailable(`${request.who} broke off its answer: ${causeOf(error, abort.signal)}`);
            });
            return { status: response.status, text };
        }
        finally {
            clearTimeout(timer);
        }
    }
    throw new errors_src/* UserError */.yo(`${request.who} redirected more than ${maxRedirects} times`);
}
/** Whether a status is the server (or a proxy before it) saying "not now" rather than "no". */
function transientStatus(status) {
    return status === 502 || status === 503 || status === 504;
}
function withoutCredentials(headers) {
    return Object.fromEntries(Object.entries(headers).filter(([name]) => !/^(authorization|cookie|proxy-authorization)$/i.test(name)));
}
function causeOf(error, signal) {
    if (signal.aborted)
        return 'no answer in time';
    const cause = error.cause;
    return cause?.code ?? cause?.message ?? error.message;
}
async function* emptyBody() { }

;// CONCATENATED MODULE: ./packages/controllers/src/argocd.ts
// Argo CD's REST API, read only: one Application, as `GET /api/v1/applications/{name}` returns it (Argo CD's
// swagger.json), with a bearer token (an Argo CD account's or project role's token). Only the fields gitops reads
// are described here; the rest of the Application passes through unread.




/** The Application's state; `refresh` asks Argo CD to compare with Git now instead of at its next poll. */
async function argoCdState(application, refresh = false) {
    const server = application.server.replace(/\/+$/, '');
    const url = new URL(`${server}/api/v1/applications/${encodeURIComponent(application.name)}`);
    if (application.namespace)
        url.searchParams.set('appNamespace', application.namespace);
    if (refresh)
        url.searchParams.set('refresh', 'normal');
    const source = `Argo CD Application ${application.namespace ? `${application.namespace}/` : ''}${application.name}`;
    checkArgoCdServer(application);
    const { status, text } = await boundedGet(url, {
        who: `Argo CD at ${server}`,
        headers: { authorization: `Bearer ${application.token}`, accept: 'application/json' },
        deadline: application.deadline ?? Date.now() + 30_000,
    });
    if (status !== 200)
        throw refusal(status, text, source, server);
    const parsed = parseJson(text);
    const object = asObject(parsed?.value);
    if (!object)
        throw new errors_src/* UserError */.yo(`Argo CD at ${server} answered ${source} with ${parsed ? 'JSON that is not an Application' : 'a body that is not JSON'}`);
    return applicationState(object, source);
}
/** Refuses a plain http:// server unless insecure: asked before anything lands, and again before every read. */
function checkArgoCdServer(application) {
    const server = application.server.replace(/\/+$/, '');
    if (!server.startsWith('https://') && !application.insecure)
        throw new errors_src/* UserError */.yo(`Argo CD at ${server} is not https: the token would cross the network in the clear; use https, or set insecure: true on the argocd controller in gitops.yaml`);
}
/** Argo CD's refusal as one line: what was asked, its status and its own message (`{"error": …, "message": …}`). */
function refusal(status, text, source, server) {
    // Argo CD words a refusal as `{"error": …, "message": …}`; a proxy's page is its first words.
    const body = asObject(parseJson(text)?.value);
    const said = (typeof body?.message === 'string' ? body.message : undefined) ??
        (typeof body?.error === 'string' ? body.error : undefined) ??
        text.trim().slice(0, 300);
    if (status === 401)
        return new errors_src/* UserError */.yo(`Argo CD at ${server} refused the token (401): ${said}`, { subject: 'argocd-token' });
    // Argo CD answers an Application that does not exist as one the token may not read, so as not to tell which do.
    if (status === 403 || status === 404)
        return new errors_src/* UserError */.yo(`Argo CD at ${server} does not show ${source} (${status}: ${said}): check its name and namespace in gitops.yaml, and that the token's account may get it`);
    const line = `reading ${source} from ${server}: Argo CD answered ${status}: ${said}`;
    return transientStatus(status) ? new ControllerUnavailable(line) : new errors_src/* UserError */.yo(line);
}

// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(37067);
var external_node_http_default = /*#__PURE__*/__webpack_require__.n(external_node_http_);
// EXTERNAL MODULE: external "node:https"
var external_node_https_ = __webpack_require__(44708);
var external_node_https_default = /*#__PURE__*/__webpack_require__.n(external_node_https_);
;// CONCATENATED MODULE: ./packages/controllers/src/flux-state.ts
// A Flux Kustomization's or HelmRelease's status read as Flux writes it (kstatus conditions): Ready with its reason
// and message, Reconciling while it works, Stalled when it gave up; the revision applied (`main@sha1:<commit>`,
// `master/<commit>` before Flux 0.26) and the one attempted; a HelmRelease v2's release history, newest first;
// spec.suspend, under which Flux applies nothing. What the server sent is checked field by field: null or a
// mistyped value reads as absent.

/** Flux's status, read into the shape both controllers share. */
function fluxStateOf(found, source) {
    const object = sane(found);
    const condition = (type) => object.conditions.find((entry) => entry.type === type && entry.status === 'True');
    const ready = object.conditions.find((entry) => entry.type === 'Ready');
    const stalled = condition('Stalled');
    const reconciling = condition('Reconciling');
    const release = object.history[0];
    // HelmRelease v2 has no lastAppliedRevision: the newest deployed release says what runs.
    const applied = object.lastAppliedRevision ?? object.history.find((entry) => entry.status === 'deployed')?.chartVersion;
    const attempted = object.lastAttemptedRevision ?? release?.chartVersion;
    const current = (object.observedGeneration ?? -1) >= (object.generation ?? 0);
    const isReady = ready?.status === 'True' && current;
    // Stalled, a failed release, or Ready False for a reason other than work in progress: the attempt failed.
    const failed = stalled !== undefined ||
        release?.status === 'failed' ||
        (ready?.status === 'False' && !reconciling && !/Progressing|DependencyNotReady/.test(ready.reason ?? ''));
    const health = object.suspend ? 'Suspended' : isReady ? 'Healthy' : failed ? 'Degraded' : 'Progressing';
    const said = stalled ?? (isReady ? undefined : reconciling) ?? ready;
    return {
        source,
        // What failed is the attempt: the wait must see that it was our commit that did.
        revision: failed ? (attempted ?? applied) : applied,
        synced: isReady && (object.lastAttemptedRevision === undefined || attempted === applied),
        health,
        message: said?.message ? `${said.reason ? `${said.reason}: ` : ''}${said.message}` : undefined,
        failed,
        urls: [],
        blocked: blockedBy(object, source),
    };
}
/**
 * Why waiting cannot see our commit applied: Flux is told to apply nothing, or applies no commit at all. An
 * OCIRepository's artifact may name its commit (withOrigin reads it); a Bucket's never does.
 */
function blockedBy(object, source) {
    if (object.suspend)
        return `${source} is suspended (spec.suspend: true): Flux applies nothing until it is resumed (flux resume)`;
    if (object.sourceKind === 'OCIRepository' || object.sourceKind === 'Bucket')
        return `its source is a ${object.sourceKind}, whose revisions are artifact digests, not commits of the config repository: a wait cannot tell when a commit is applied`;
    return undefined;
}
/** The OCIRepository a Kustomization applies, when that is its source. */
function ociSourceOf(found, namespace) {
    const sourceRef = asObject(asObject(asObject(found)?.spec)?.sourceRef);
    const name = asString(sourceRef?.name);
    if (asString(sourceRef?.kind) !== 'OCIRepository' || !name)
        return undefined;
    return { name, namespace: asString(sourceRef?.namespace) ?? namespace };
}
/**
 * An OCIRepository's artifact: its revision (`latest@sha256:<digest>`, what the Kustomization reports applied) and
 * the commit it was built from, as `flux push artifact --revision` records it (org.opencontainers.image.revision
 * in status.artifact.metadata: `main@sha1:<commit>`).
 */
function artifactOf(found) {
    const artifact = asObject(asObject(asObject(found)?.status)?.artifact);
    return {
        revision: asString(artifact?.revision),
        origin: asString(asObject(artifact?.metadata)?.['org.opencontainers.image.revision']),
    };
}
/**
 * The state with its revision made a commit: the artifact's origin, when the artifact is the one applied. An
 * artifact that records no origin cannot be waited for; one the Kustomization has not applied yet names nothing.
 */
function withOrigin(state, artifact, what) {
    if (state.health === 'Suspended')
        return state;
    if (!artifact.origin)
        return {
            ...state,
            blocked: `${what} records no commit for its artifact (org.opencontainers.image.revision; flux push artifact --revision <branch>@sha1:<commit>): a wait cannot tell which commit is applied`,
        };
    const applied = state.revision !== undefined && state.revision === artifact.revision;
    return { ...state, revision: applied ? artifact.origin : undefined, blocked: undefined };
}
/** The fields fluxStateOf reads, each kept only when it has the type it should. */
function sane(found) {
    const object = asObject(found) ?? {};
    const spec = asObject(object.spec) ?? {};
    const status = asObject(object.status) ?? {};
    const number = (value) => (typeof value === 'number' ? value : undefined);
    const list = (value) => Array.isArray(value) ? value.map((entry) => asObject(entry)).filter((entry) => entry !== undefined) : [];
    return {
        generation: number(asObject(object.metadata)?.generation),
        suspend: spec.suspend === true,
        sourceKind: asString(asObject(spec.sourceRef)?.kind),
        observedGeneration: number(status.observedGeneration),
        conditions: list(status.conditions).map((entry) => ({
            type: asString(entry.type),
            status: asString(entry.status),
            reason: asString(entry.reason),
            message: asString(entry.message),
        })),
        lastAppliedRevision: asString(status.lastAppliedRevision),
        lastAttemptedRevision: asString(status.lastAttemptedRevision),
        history: list(status.history).map((entry) => ({
            chartVersion: asString(entry.chartVersion),
            status: asString(entry.status),
        })),
    };
}

;// CONCATENATED MODULE: ./packages/controllers/src/flux.ts
// Flux, read through the Kubernetes API: one Kustomization (kustomize.toolkit.fluxcd.io/v1) or HelmRelease
// (helm.toolkit.fluxcd.io/v2). @kubernetes/client-node's KubeConfig reads the kubeconfig and applies its TLS and
// credentials to the request, as kubectl does; the GET itself is plain node:https. The client's generated API
// classes would bring every Kubernetes model (16 MB in each bundle) to read one object, so they are not used, and
// the client is loaded only when Flux is read. Only the fields gitops reads are described here.






const apis = {
    Kustomization: { group: 'kustomize.toolkit.fluxcd.io', version: 'v1', plural: 'kustomizations' },
    HelmRelease: { group: 'helm.toolkit.fluxcd.io', version: 'v2', plural: 'helmreleases' },
};
/** How long one read may take: a cluster that accepts the connection and says nothing must not hold a job. */
const readTimeoutMs = 30_000;
/**
 * The kubeconfig at the context for `object`, checked as a read would check it (a context for the named server,
 * https unless insecure, no command unless allowed): deploy and promote ask this before anything lands.
 */
async function checkedKubeConfig(object) {
    const { KubeConfig } = await loadClient();
    const config = kubeConfigFor(new KubeConfig(), object);
    const server = (config.getCurrentCluster()?.server ?? '').replace(/\/+$/, '');
    if (!server.startsWith('https://') && !object.insecure)
        throw new errors_src/* UserError */.yo(`the Kubernetes API at ${server} is not https: its credentials would cross the network in the clear; use https, or set insecure: true on the flux controller in gitops.yaml`);
    checkCommands(config, object.allowExec === true);
    return { config, server };
}
async function fluxState(object) {
    const { config, server } = await checkedKubeConfig(object);
    const source = `Flux ${object.resource} ${object.namespace}/${object.name}`;
    const deadline = object.deadline ?? Date.now() + readTimeoutMs;
    const read = (path, what, kind) => readObject({ config, server, path, what, kind, deadline });
    const { group, version, plural } = apis[object.resource];
    const found = await read(`/apis/${group}/${version}/namespaces/${encodeURIComponent(object.namespace)}/${plural}/${encodeURIComponent(object.name)}`, source, object.resource);
    const state = fluxStateOf(found, source);
    const oci = ociSourceOf(found, object.namespace);
    if (!oci)
        return state;
    // An OCI source's revisions are artifact digests: the artifact's own metadata says which commit it was built from.
    const what = `Flux OCIRepository ${oci.namespace}/${oci.name}`;
    const repository = await read(`/apis/source.toolkit.fluxcd.io/v1/namespaces/${encodeURIComponent(oci.namespace)}/ocirepositories/${encodeURIComponent(oci.name)}`, what, 'OCIRepository');
    return withOrigin(state, artifactOf(repository), what);
}
/** One object of the Kubernetes API, as JSON; a refusal or a failure is one line naming it. */
async function readObject(read) {
    const { config, server, what } = read;
    // The kubeconfig's TLS (CA, client certificate, skip-verify) and credentials (token, exec plugin, OIDC, …),
    // applied by the client as kubectl would; the request itself is one GET.
    const options = { method: 'GET', headers: { accept: 'application/json' } };
    const who = `the Kubernetes API at ${server}`;
    let answer;
    try {
        await config.applyToHTTPSOptions(options);
        answer = await get(new URL(`${server}${read.path}`), options, read.deadline);
    }
    catch (error) {
        if (error instanceof BodyLimitError)
            throw new ControllerUnavailable(`${who} ${error.message}`);
        if (error instanceof errors_src/* UserError */.yo)
            throw error;
        const cause = error.cause?.message ?? error.message;
        throw new ControllerUnavailable(`could not reach ${who}: ${cause}`);
    }
    if (answer.status !== 200)
        throw flux_refusal(answer.status, answer.body, what, server);
    const parsed = parseJson(answer.body);
    const found = asObject(parsed?.value);
    if (!found)
        throw new errors_src/* UserError */.yo(`${who} answered ${what} with ${parsed ? `JSON that is not a ${read.kind}` : 'a body that is not JSON'}`);
    return found;
}
/**
 * One GET with the options the kubeconfig filled in, done by `deadline` body included, at most 32 MiB. A redirect
 * is not followed: the kubeconfig's credentials are for this server only, and the API server does not redirect.
 */
function get(url, options, deadline) {
    return new Promise((resolve, reject) => {
        const request = (url.protocol === 'http:' ? external_node_http_ : external_node_https_).request(url, options, (response) => {
            readBounded(response, { maxBytes: defaultMaxBytes, deadline }, () => request.destroy()).then((body) => resolve({ status: response.statusCode ?? 0, body }), reject);
        });
        const left = Math.max(1, deadline - Date.now());
        request.setTimeout(left, () => request.destroy(new Error(`no answer within ${Math.ceil(left / 1000)} s`)));
        request.on('error', reject);
        request.end();
    });
}
/**
 * A kubeconfig's user may name a command to run for its credentials (an exec plugin, an auth-provider's cmd-path):
 * it runs on the runner, so only where gitops.yaml says kubeconfig-exec: true. Refused before anything is sent.
 */
function checkCommands(config, allowed) {
    if (allowed)
        return;
    const user = config.getCurrentUser();
    const command = user?.exec?.command ?? user?.authProvider?.config?.['cmd-path'];
    if (command)
        throw new errors_src/* UserError */.yo(`runs the command "${command}" for its credentials (user ${user?.name}); set kubeconfig-exec: true on the flux controller in gitops.yaml to allow it`, { subject: 'kubeconfig' });
}
/**
 * The client, loaded without Node's DEP0040 warning: its node-fetch 2 brings tr46 0.0.3, which requires Node's
 * deprecated punycode module, and Node 22+ would print that on stderr of every run that reads Flux, a warning
 * nobody running gitops can act on. Other warnings, and this one elsewhere, are untouched.
 */
async function loadClient() {
    const before = process.noDeprecation;
    process.noDeprecation = true;
    try {
        return await Promise.all(/* import() */[__webpack_require__.e(595), __webpack_require__.e(610)]).then(__webpack_require__.bind(__webpack_require__, 96610));
    }
    finally {
        process.noDeprecation = before;
    }
}
/** The kubeconfig, at the context whose cluster is `server` when one is named. */
function kubeConfigFor(config, object) {
    try {
        config.loadFromString(object.kubeconfig);
    }
    catch (error) {
        throw new errors_src/* UserError */.yo(`is not a kubeconfig: ${error.message.split('\n')[0]}`, { subject: 'kubeconfig' });
    }
    const contexts = config.getContexts();
    if (contexts.length === 0)
        throw new errors_src/* UserError */.yo('has no context', { subject: 'kubeconfig' });
    if (object.server) {
        const wanted = object.server.replace(/\/+$/, '');
        const context = contexts.find((candidate) => config.getCluster(candidate.cluster)?.server.replace(/\/+$/, '') === wanted);
        if (!context) {
            const known = contexts.map((candidate) => config.getCluster(candidate.cluster)?.server ?? '?');
            throw new errors_src/* UserError */.yo(`has no context for ${wanted}, the server gitops.yaml names for the ${object.resource}; it has ${known.join(', ')}`, { subject: 'kubeconfig' });
        }
        config.setCurrentContext(context.name);
    }
    else if (!config.getCurrentCluster()) {
        throw new errors_src/* UserError */.yo('has no current context with a cluster', { subject: 'kubeconfig' });
    }
    return config;
}
/** The API's refusal as one line: what was asked, its status and the API server's own message (a `Status`). */
function flux_refusal(status, body, source, server) {
    // The API server words a refusal as a Status with a message; a proxy's words are the message.
    const message = asObject(parseJson(body)?.value)?.message;
    const said = (typeof message === 'string' && message) || body.trim().slice(0, 300) || `HTTP ${status}`;
    if (status === 401)
        return new errors_src/* UserError */.yo(`the Kubernetes API at ${server} refused the credentials (401): ${said}`, {
            subject: 'kubeconfig',
        });
    if (status === 403 || status === 404)
        return new errors_src/* UserError */.yo(`the Kubernetes API at ${server} does not show ${source} (${status}: ${said}): check its kind, name and namespace in gitops.yaml, and that the kubeconfig's user may get it`);
    const line = `reading ${source} from ${server}: the Kubernetes API answered ${status}: ${said}`;
    return transientStatus(status) ? new ControllerUnavailable(line) : new errors_src/* UserError */.yo(line);
}

;// CONCATENATED MODULE: ./packages/controllers/src/state.ts
// What a GitOps controller says of one environment: the revision it applied, whether the cluster matches Git,
// and whether what runs is healthy. Argo CD and Flux say it in their own words; this is the one shape both are
// read into, so waiting and gating do not care which controller it is.
/** Whether the controller reports `commit` applied, in sync and healthy. */
function settledAt(state, commit) {
    return sameRevision(state.revision, commit) && state.synced && state.health === 'Healthy';
}
/**
 * Flux writes `main@sha1:<commit>` (`master/<commit>` before 0.26), Argo CD the bare commit, a Helm chart built from Git `<version>+<commit's first
 * 12>`; each may be compared with a full commit.
 */
function sameRevision(revision, commit) {
    const named = revision === undefined ? undefined : state_commitOf(revision);
    return named !== undefined && commit.startsWith(named);
}
/** The commit a revision names (whole, or the 12 characters a chart version carries); undefined if none. */
function state_commitOf(revision) {
    // `main@sha1:<commit>` (Flux 2), `master/<commit>` (Flux before 0.26), the bare commit (Argo CD).
    const whole = /(?:^|[@:/])([0-9a-f]{40}|[0-9a-f]{64})$/.exec(revision)?.[1];
    if (whole)
        return whole;
    return /\+([0-9a-f]{12,40})$/.exec(revision)?.[1];
}
/** One line for logs and errors: `Application argocd/web: Progressing, OutOfSync at 0123456 (message)`. */
function describeState(state) {
    const at = state.revision ? ` at ${state.revision.replace(/^.*?([0-9a-f]{7})[0-9a-f]*$/, '$1')}` : '';
    const message = state.message ? `: ${state.message}` : '';
    return `${state.source} is ${state.health}, ${state.synced ? 'Synced' : 'OutOfSync'}${at}${message}`;
}

;// CONCATENATED MODULE: ./packages/controllers/src/wait.ts

/** How often a state that does not change is said again. */
const sayAgainMs = 30_000;
/** The most looks a wait takes, whatever the clock says. */
const wait_maxLooks = 10_000;
/** How long one look may take at most, so that a server that hangs once is asked again within the wait. */
const lookMs = 30_000;
/**
 * Looks until settled, failed or `timeoutMs` is up. Each look is given the time left (at most 30 s): the timeout
 * bounds the whole wait, reads included. A look that fails for a moment (unreachable, 502, 503, 504, a cut-off
 * answer) is logged once and tried again; any other failure, or a passing one that lasts to the end, is thrown.
 */
async function waitForCommit(read, commit, options) {
    const interval = options.intervalMs ?? 5_000;
    const sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    const deadline = Date.now() + options.timeoutMs;
    const answers = new Map();
    const holds = (revision) => {
        // Asked with the commit alone: Flux writes `main@sha1:<commit>`, a chart version `…+<commit's first 12>`; a
        // revision that names no commit holds none.
        const named = revision === undefined ? undefined : state_commitOf(revision);
        if (named === undefined)
            return Promise.resolve(false);
        if (commit.startsWith(named))
            return Promise.resolve(true);
        if (!options.includes)
            return Promise.resolve(false);
        if (!answers.has(named))
            answers.set(named, options.includes(named));
        return answers.get(named);
    };
    let said = '';
    let saidAt = Date.now();
    const started = saidAt;
    let last;
    for (let look = 1;; look++) {
        let state;
        try {
            state = await read(look, Math.min(deadline, Date.now() + lookMs));
        }
        catch (error) {
            const left = deadline - Date.now();
            if (!error.transient || left <= 0 || look >= wait_maxLooks) {
                if (last && left <= 0)
                    return { settled: false, reason: 'timeout', state: last, looks: look };
                throw error;
            }
            const line = error.message;
            if (line !== said)
                options.logger?.info(`Waiting: ${line}; asking again`);
            said = line;
            await sleep(Math.min(interval, left));
            continue;
        }
        last = state;
        const atCommit = await holds(state.revision);
        if (atCommit && state.synced && state.health === 'Healthy')
            return { settled: true, state, looks: look };
        if (atCommit && state.failed)
            return { settled: false, reason: 'failed', state, looks: look };
        if (state.blocked)
            return { settled: false, reason: 'blocked', state, looks: look };
        // Argo CD's answer to a refresh may not carry its resources' health yet: without words, one more look.
        if (atCommit && options.degradedEnds && state.health === 'Degraded' && (state.message || look > 1))
            return { settled: false, reason: 'degraded', state, looks: look };
        if (options.stopped?.())
            return { settled: false, reason: 'stopped', state, looks: look };
        const line = describeState(state);
        // A new state is said at once; one that lasts is said again every 30 s, so a long wait shows it is alive.
        if (line !== said)
            options.logger?.info(`Waiting: ${line}`);
        else if (Date.now() - saidAt >= sayAgainMs)
            options.logger?.info(`Still waiting after ${Math.round((Date.now() - started) / 1000)} s: ${line}`);
        if (line !== said || Date.now() - saidAt >= sayAgainMs)
            saidAt = Date.now();
        said = line;
        const left = deadline - Date.now();
        if (left <= 0 || look >= wait_maxLooks)
            return { settled: false, reason: 'timeout', state, looks: look };
        await sleep(Math.min(interval, left));
    }
}

;// CONCATENATED MODULE: ./packages/controllers/src/index.ts
// What the GitOps controllers (Argo CD, Flux) say of an environment: read, compared with a commit, waited for.





;// CONCATENATED MODULE: ./packages/delivery/src/limited.ts
// At most so many calls of a function at once: the controllers of a fleet are asked together, but not all at once.
/** `fn` with at most `limit` calls running at once; the others queue in order. */
function limited_limited(fn, limit) {
    let running = 0;
    const queue = [];
    return async (...args) => {
        if (running >= limit)
            await new Promise((resolve) => queue.push(resolve));
        running++;
        try {
            return await fn(...args);
        }
        finally {
            running--;
            queue.shift()?.();
        }
    };
}

;// CONCATENATED MODULE: ./packages/delivery/src/wait-report.ts

/** The distinct objects that apply `apps` with `spec`, each named as `named` fills the spec's name for the app. */
function objectsOf(spec, apps, named, cluster) {
    const byName = new Map();
    for (const app of apps) {
        const name = named(app);
        const entry = byName.get(name) ?? { spec: { ...spec, name }, apps: [], ...(cluster ? { cluster } : {}) };
        entry.apps.push(app);
        byName.set(name, entry);
    }
    return [...byName.values()];
}
/** One object's wait in words: the controller's own, and why it did not settle. */
function outcomeLine(outcome, timeoutSeconds) {
    const { state } = outcome;
    const line = describeState(state);
    if (outcome.settled)
        return line;
    if (outcome.reason === 'failed')
        return `the sync failed: ${line}`;
    if (outcome.reason === 'blocked')
        return `not waited for: ${line}; ${state.blocked}`;
    // A sync that is still running when the wait ends has been running for longer than the wait.
    const running = state.running ? `; a sync operation has been Running since ${state.running}` : '';
    return `not applied and healthy within ${timeoutSeconds} s: ${line}${running}`;
}

;// CONCATENATED MODULE: ./packages/delivery/src/fleet-wait.ts




/** At most this many controller requests at once, whatever the size of the wave. */
const fleet_wait_concurrentReads = 16;
/** The distinct objects that apply `apps` in each of `clusters`, placeholders filled. */
function fleet_wait_clusterObjects(environment, apps, clusters) {
    return clusters.flatMap((name) => {
        const cluster = environment.fleet?.clusters.find((candidate) => candidate.name === name);
        const spec = cluster?.controller ?? environment.controller;
        if (!spec)
            throw new errors_DeliveryError(`wait needs to know what applies cluster "${name}" of fleet "${environment.name}": declare a controller for the environment or the cluster in gitops.yaml`);
        const named = (app) => spec.name.replaceAll('{app}', app).replaceAll('{env}', environment.name).replaceAll('{cluster}', name);
        return objectsOf(spec, apps, named, name);
    });
}
/** Waits for every cluster of the wave to run the commit Synced and Healthy; the first bad one ends the wait. */
async function waitForWave(wait) {
    const { environment, wave, commit, logger } = wait;
    const objects = fleet_wait_clusterObjects(environment, wait.apps, wave.clusters);
    const read = limited_limited(wait.read, fleet_wait_concurrentReads);
    const bad = [];
    const title = `Wait for ${wave.clusters.length} cluster${wave.clusters.length === 1 ? '' : 's'} of ${environment.name}'s wave ${wave.index}/${wave.count} to apply ${commit.slice(0, 7)}`;
    const outcomes = await logger.group(title, () => Promise.all(objects.map(async (object) => {
        const outcome = await waitForCommit((look, deadline) => read(object, look === 1, deadline), commit, {
            timeoutMs: wait.timeoutSeconds * 1000,
            intervalMs: wait.intervalMs,
            includes: wait.includes,
            degradedEnds: true,
            stopped: () => bad.length > 0,
        });
        if (!outcome.settled && outcome.reason !== 'stopped')
            bad.push({ cluster: object.cluster ?? '', outcome });
        return outcome;
    })));
    const states = outcomes.map((outcome) => outcome.state);
    const first = bad[0];
    const url = environment.url ?? states.flatMap((state) => state.urls)[0];
    if (!first) {
        const message = `all ${wave.clusters.length} clusters of wave ${wave.index}/${wave.count} run ${commit.slice(0, 7)} Synced and Healthy`;
        logger.info(message);
        return { settled: true, reason: undefined, states, message, url };
    }
    const reason = first.outcome.settled ? undefined : first.outcome.reason;
    const message = bad.map(({ cluster, outcome }) => clusterLine(cluster, outcome, wait)).join('; ');
    return {
        settled: false,
        reason: reason === 'stopped' ? undefined : reason,
        states,
        message,
        url,
        cluster: first.cluster,
    };
}
/** `cluster "eu-2" of wave 2/3: …`, in the words of one environment's wait. */
function clusterLine(cluster, outcome, wait) {
    const where = `cluster "${cluster}" of wave ${wait.wave.index}/${wait.wave.count}`;
    if (!outcome.settled && outcome.reason === 'degraded')
        return `${where} runs it Degraded: ${describeState(outcome.state)}`;
    return `${where}: ${outcomeLine(outcome, wait.timeoutSeconds)}`;
}

;// CONCATENATED MODULE: ./packages/delivery/src/health.ts




/** The distinct objects that apply `apps` in `environment`, `{app}` and `{env}` replaced in their names. */
function health_controllerObjects(environment, apps) {
    const spec = environment.controller;
    if (!spec)
        return [];
    return objectsOf(spec, apps, (app) => spec.name.replaceAll('{app}', app).replaceAll('{env}', environment.name));
}
/**
 * The reader of one environment's controller, or the one-line reason it cannot be read: the credential it needs
 * is missing. Asked before anything lands, so a deploy never lands and then cannot wait.
 */
function health_controllerReader(environment, access, why) {
    const specs = controllerSpecs(environment);
    if (specs.length === 0)
        throw new errors_DeliveryError(`${why} needs to know what applies environment "${environment.name}": declare its controller (argocd or flux) in gitops.yaml`);
    for (const spec of specs)
        checkAccess(spec, access, { why, environment: environment.name });
    return (object, refresh, deadline) => {
        const target = object.spec;
        return target.kind === 'argocd'
            ? argoCdState({
                server: target.server,
                name: target.name,
                namespace: target.namespace,
                token: access.argocdToken,
                insecure: target.insecure,
                deadline,
            }, refresh)
            : fluxState({
                server: target.server,
                resource: target.resource,
                name: target.name,
                namespace: target.namespace,
                kubeconfig: access.kubeconfig,
                insecure: target.insecure,
                allowExec: target.kubeconfigExec,
                deadline,
            });
    };
}
/** The controllers of an environment: its own, and (a fleet) each cluster's own. */
function controllerSpecs(environment) {
    const own = (environment.fleet?.clusters ?? []).flatMap((cluster) => cluster.controller ? [cluster.controller] : []);
    return [...(environment.controller ? [environment.controller] : []), ...own];
}
/** Refuses a controller whose credential is missing. */
function checkAccess(spec, access, about) {
    const { why, environment } = about;
    if (spec.kind === 'argocd' && !access.argocdToken)
        throw new errors_DeliveryError(`${why} needs a token of Argo CD at ${spec.server}, which applies environment "${environment}"`, {
            subject: 'argocd-token',
        });
    if (spec.kind === 'flux' && !access.kubeconfig)
        throw new errors_DeliveryError(`${why} needs a kubeconfig for the cluster whose Flux applies environment "${environment}"`, { subject: 'kubeconfig' });
}
/**
 * Waits until the controller reports `commit` (or a later commit on top of it) applied, in sync and healthy for
 * every object that applies the apps; a failed sync of it, or the timeout, ends the wait unsettled.
 */
async function waitForEnvironment(wait) {
    const { environment, apps, commit, read, request, includes, logger } = wait;
    const objects = health_controllerObjects(environment, apps);
    const outcomes = await logger.group(`Wait for ${environment.name}'s controller to apply ${commit.slice(0, 7)}`, () => Promise.all(objects.map((object) => waitForCommit((look, deadline) => read(object, look === 1, deadline), commit, {
        timeoutMs: request.timeoutSeconds * 1000,
        logger,
        includes,
    }))));
    const unsettled = outcomes.filter((outcome) => !outcome.settled);
    const reason = ['failed', 'blocked', 'timeout'].find((why) => unsettled.some((outcome) => outcome.reason === why));
    const states = outcomes.map((outcome) => outcome.state);
    return {
        settled: unsettled.length === 0,
        reason,
        states,
        message: waitMessage(outcomes, request.timeoutSeconds),
        url: environment.url ?? states.flatMap((state) => state.urls)[0],
    };
}
function waitMessage(outcomes, timeoutSeconds) {
    return outcomes.map((outcome) => outcomeLine(outcome, timeoutSeconds)).join('; ');
}
/**
 * Why each app may not be promoted out of `from`, by what its controller says now: not Healthy and Synced, or
 * applied at a commit where the files that name the app's image differ from what promote read (so the digest
 * promoted is not the one that runs). Apps missing from the answer may go.
 */
async function unhealthySources(from, apps, read, sameFilesAt) {
    const reasons = new Map();
    for (const object of health_controllerObjects(from, apps.map((app) => app.app))) {
        const state = await read(object, false);
        const applied = state.revision === undefined ? undefined : state_commitOf(state.revision);
        for (const app of apps.filter((candidate) => object.apps.includes(candidate.app))) {
            if (!state.synced || state.health !== 'Healthy')
                reasons.set(app.app, describeState(state));
            else if (!state.revision)
                reasons.set(app.app, `${state.source} has applied nothing yet`);
            else if (applied === undefined || !(await sameFilesAt(applied, app.files)))
                reasons.set(app.app, `${describeState(state)}, but ${from.name} does not run ${app.image} at that commit: the controller has not applied it yet`);
        }
    }
    return reasons;
}
/**
 * The wait a change asks for, checked before anything lands (a missing credential or controller is refused
 * then); undefined when there is nothing to wait for: no wait asked, a dry run, or a pull request that lands later.
 */
function health_plannedWait(environment, options, via) {
    const wait = options.wait;
    if (!wait || options.dryRun)
        return undefined;
    const read = health_controllerReader(environment, options.controllers ?? {}, 'wait');
    if (via === 'pull-request') {
        options.logger.info(`Not waiting for ${environment.name}'s controller: the change lands when its pull request is merged`);
        return undefined;
    }
    const planned = async (apps, commit, includes, wave) => {
        await options.onWaiting?.(commit);
        const { logger } = options;
        if (wave)
            return waitForWave({
                environment,
                wave,
                apps,
                commit,
                read,
                timeoutSeconds: wait.timeoutSeconds,
                includes,
                logger,
            });
        return waitForEnvironment({ environment, apps, commit, read, request: wait, includes, logger });
    };
    const ready = Promise.all(controllerSpecs(environment).map((spec) => controllerReady(spec, options.controllers ?? {}))).then(() => undefined);
    ready.catch(() => undefined); // awaited by the caller before it lands anything
    return Object.assign(planned, { ready });
}
/**
 * What a read would refuse, asked before anything lands: Argo CD over plain http without insecure; for Flux, a
 * kubeconfig that does not parse, has no context for gitops.yaml's server, runs a command it may not, or is http.
 */
async function controllerReady(spec, access) {
    if (spec.kind === 'argocd')
        checkArgoCdServer(spec);
    if (spec.kind === 'flux' && access.kubeconfig)
        await checkedKubeConfig({
            kubeconfig: access.kubeconfig,
            server: spec.server,
            resource: spec.resource,
            insecure: spec.insecure,
            allowExec: spec.kubeconfigExec,
        });
}

;// CONCATENATED MODULE: ./packages/delivery/src/planner.ts
// The one planner of deploy, rollback and promote: given the files of the clone (read through a FileCache, no
// git) and the history records already read, it decides per app whether to write, and why not, and returns the
// file edits and the trailers' records. Deploy and promote only gather what it needs: what is wanted, from where.




/** Decides, for each wanted app in order, to write it or why not. Throws what no plan can get past. */
async function planChange(input) {
    const { config, environment } = input;
    const decisions = [];
    const records = [];
    const writes = [];
    for (const wanted of input.wanted) {
        const { app, to } = wanted;
        const targets = input.scope === undefined ? targetsFor(config, app, environment.name) : { search: input.scope };
        const matcher = repository_matcherFor(app, environment.name);
        const current = read_readImage(input.files, targets, matcher).image;
        const previous = current ? src_formatImageRef(current) : undefined;
        const image = src_formatImageRef(to);
        if (current && src_sameImage(current, to) && current.tag === to.tag) {
            decisions.push({ app: app.name, previous, image, skip: { kind: 'already-there' } });
            continue;
        }
        const newer = wanted.evenIfOlder
            ? undefined
            : newerChange(await input.recent(), environment.name, app.name, wanted.source?.time);
        if (newer) {
            decisions.push({
                app: app.name,
                previous,
                image: previous ?? '',
                skip: { kind: 'newer-source', ...newer },
            });
            continue;
        }
        const rejection = await input.rejected?.(app.name, image);
        if (rejection && input.onRejected !== 'skip')
            throw rejectedError(rejection, environment.name, app.name);
        if (rejection) {
            decisions.push({ app: app.name, previous, image: previous ?? '', skip: { kind: 'rejected', rejection } });
            continue;
        }
        if (environment.requireDigest && to.digest === undefined) {
            throw new errors_DeliveryError(`environment "${environment.name}" requires images pinned by digest (require-digest); ${image} of app "${app.name}" has none`, { kind: 'refused' });
        }
        writes.push({ matcher, to, targets });
        decisions.push({ app: app.name, previous, image });
        records.push({ app: app.name, image, previous, source: wanted.source?.id, sourceTime: wanted.source?.time });
    }
    const changes = writes.length ? plan_planImageChanges(input.files, writes) : [];
    // Edits that change no byte (the image was written another way already): nothing to do for those apps.
    if (changes.length === 0) {
        return {
            decisions: decisions.map((d) => (d.skip ? d : { ...d, skip: { kind: 'already-there' } })),
            changes,
            records: [],
        };
    }
    return { decisions, changes, records };
}
/** A skip reason as outputs, summaries and the CLI show it. */
function describeSkip(skip, action) {
    switch (skip.kind) {
        case 'already-there':
            return action === 'promote' ? 'already there' : 'already deployed';
        case 'newer-source':
            return `a newer source runs (${skip.sourceTime})`;
        case 'rejected':
            return `rejected: rolled back by ${skip.rejection.commit.slice(0, 7)}`;
    }
}
/** The words for a rejected image: which rollback, and how the team can decide otherwise. */
function rejectedLine(rejection, environment, app) {
    const run = rejection.run ? ` (${rejection.run})` : '';
    return `${rejection.image} of app "${app}" was rolled back out of ${environment} by ${rejection.commit.slice(0, 7)} at ${rejection.committedAt}${run}; it stays out until a change with allow-rejected: true brings it back`;
}
function rejectedError(rejection, environment, app) {
    return new errors_DeliveryError(rejectedLine(rejection, environment, app), { kind: 'refused' });
}
/** The warning a newer-source skip is logged with. */
function newerSourceWarning(skip, environment, app, ours) {
    const source = skip.source ? `${skip.source} at ${skip.sourceTime}` : skip.sourceTime;
    return `${environment} already runs ${skip.image} of app "${app}", built from a newer source (${source}) than ${ours}; not replacing it (allow-older: true forces it)${skip.run ? `; written by ${skip.run}` : ''}`;
}

;// CONCATENATED MODULE: ./packages/delivery/src/fleet-plan.ts




/** The edits of the next wave of a fleet, with the wave's record; per app, one decision for the whole wave. */
async function planFleet(input) {
    const { fleet } = input;
    const runs = imagesRun(input);
    // A rollback names the wave it undoes; any other change writes the first wave not there yet.
    const named = input.wanted.find((entry) => entry.wave)?.wave;
    const wave = named ? ownWave(named, fleet) : await nextWave(input, runs);
    if (wave)
        await include(input, wave.clusters);
    await checkRunSomewhere(input, runs, wave?.clusters ?? []);
    if (!wave)
        return { ...allThere(input), wave: undefined };
    const planned = [];
    for (const name of wave.clusters)
        planned.push(await planCluster(input, clusterNamed(fleet, name), runs));
    return { ...merged(input.wanted, planned), wave };
}
/** Every cluster that runs a wanted app runs the image wanted: nothing to write. */
function allThere(input) {
    const decisions = input.wanted.map(({ app, to }) => {
        const image = src_formatImageRef(to);
        return { app: app.name, previous: image, image, skip: { kind: 'already-there' } };
    });
    return { decisions, changes: [], records: [] };
}
const nothing = { decisions: [], changes: [], records: [] };
function imagesRun(input) {
    const read = new Map();
    return (cluster, app) => {
        const key = `${cluster}\n${app}`;
        if (!read.has(key)) {
            const wanted = input.wanted.find((entry) => entry.app.name === app);
            const folder = clusterNamed(input.fleet, cluster).path;
            const matcher = repository_matcherFor(wanted.app, input.environment.name);
            read.set(key, read_readImage(input.files, { search: folder }, matcher).image);
        }
        return read.get(key);
    };
}
function include(input, clusters) {
    return input.include?.(clusters.map((name) => `${clusterNamed(input.fleet, name).path}/`)) ?? Promise.resolve();
}
/** Refuses an app no cluster runs: a fleet's change replaces images its clusters run, it does not add apps. */
async function checkRunSomewhere(input, runs, first) {
    // The wave's clusters first: most often they answer, and no other cluster is read (or checked out).
    const missing = input.wanted.filter(({ app }) => !first.some((cluster) => runs(cluster, app.name)));
    if (missing.length === 0)
        return;
    const all = input.fleet.clusters.map((cluster) => cluster.name);
    await include(input, all);
    for (const { app } of missing)
        if (!all.some((cluster) => runs(cluster, app.name)))
            throw new errors_DeliveryError(`app "${app.name}" has an image in no cluster of fleet "${input.environment.name}": a fleet's change replaces images its clusters run, it does not add apps`);
}
/** The first wave with a cluster that runs a wanted app at another image than the one wanted. */
async function nextWave(input, runs) {
    const { fleet } = input;
    for (const [index, names] of fleet.waves.entries()) {
        await include(input, names);
        const behind = names.some((name) => input.wanted.some(({ app, to }) => {
            const current = runs(name, app.name);
            return current !== undefined && (!src_sameImage(current, to) || current.tag !== to.tag);
        }));
        if (behind)
            return { index: index + 1, count: fleet.waves.length, clusters: names };
    }
    return undefined;
}
/** A wave recorded before, with the clusters the fleet no longer has left out. */
function ownWave(wave, fleet) {
    const clusters = wave.clusters.filter((name) => fleet.clusters.some((cluster) => cluster.name === name));
    return { ...wave, clusters };
}
function clusterNamed(fleet, name) {
    return fleet.clusters.find((cluster) => cluster.name === name);
}
async function planCluster(input, cluster, runs) {
    const wanted = input.wanted.filter((entry) => runs(cluster.name, entry.app.name) !== undefined);
    if (wanted.length === 0)
        return nothing;
    return planChange({ ...input, wanted, scope: cluster.path });
}
/** One decision and one record per app across the wave's clusters: written where any cluster is written. */
function merged(wanted, planned) {
    const decisions = [];
    const records = [];
    for (const { app } of wanted) {
        const ofApp = planned.flatMap((plan) => plan.decisions.filter((decision) => decision.app === app.name));
        const written = ofApp.filter((decision) => !decision.skip);
        const previous = mostCommon(written.map((decision) => decision.previous));
        const first = written[0] ?? ofApp[0];
        if (!first)
            continue;
        decisions.push(written.length ? { ...first, previous } : first);
        const record = planned.flatMap((plan) => plan.records).find((entry) => entry.app === app.name);
        if (record)
            records.push({ ...record, previous });
    }
    return { decisions, changes: planned.flatMap((plan) => plan.changes), records };
}
/** What most clusters of a wave ran before: the image a rollback of the wave brings back. */
function mostCommon(images) {
    const counts = new Map();
    for (const image of images)
        counts.set(image, (counts.get(image) ?? 0) + 1);
    return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}

;// CONCATENATED MODULE: ./packages/delivery/src/line-gates.ts


/** Refuses a change that a hold or a freeze forbids; returns the freeze override to record, when one was used. */
function checkLine(environment, action, options) {
    const { hold, name } = environment;
    if (action === 'rollback')
        return {};
    if (hold) {
        const who = [hold.by && `by ${hold.by}`, hold.at && `at ${hold.at}`].filter(Boolean).join(' ');
        throw new errors_DeliveryError(`environment "${name}" is held${who ? ` ${who}` : ''}: ${hold.reason}; nothing but a rollback changes it until gitops unhold ${name}`, { kind: 'refused' });
    }
    const frozen = freeze_activeFreeze(environment.freeze, options.now?.() ?? new Date());
    if (!frozen)
        return {};
    const why = frozen.window.reason ? ` (${frozen.window.reason})` : '';
    if (options.overrideFreeze) {
        options.logger.warning(`environment "${name}" is frozen${why} until ${frozen.untilText}; going through with override-freeze: ${options.overrideFreeze}`);
        return { freezeOverride: options.overrideFreeze };
    }
    throw new errors_DeliveryError(`environment "${name}" is frozen${why} until ${frozen.untilText}: no ${action} before then; a rollback is allowed, and override-freeze: "<reason>" lets one change through`, { kind: 'refused' });
}

;// CONCATENATED MODULE: ./packages/registry/src/errors.ts
// A registry said no, or said something we cannot trust: the message names the registry and what failed.

class errors_RegistryError extends errors_src/* UserError */.yo {
    status;
    unanswered;
    constructor(message, status, options = {}, 
    /** The last attempt got no answer at all (refused, reset, timed out): the registry may have acted on it. */
    unanswered = false) {
        super(message, options);
        this.status = status;
        this.unanswered = unanswered;
        this.name = 'RegistryError';
    }
}

;// CONCATENATED MODULE: ./packages/registry/src/bounded-body.ts
// A registry's answer read with a cap: a registry (or whatever answers in its place) may send a "manifest" of
// gigabytes, and a runner's memory is not the place to find out. The distribution spec has registries take
// manifests of at least 4 MiB and refuse larger ones; nothing gitops reads whole from a registry is bigger.

/** The most a manifest, or any small blob read whole, may weigh. */
const bounded_body_maxWholeBytes = 4 * 1024 * 1024;
/** The body's bytes, refused (and the connection dropped) once it passes `maxBytes`. */
async function bounded_body_boundedBody(response, what, maxBytes = bounded_body_maxWholeBytes) {
    const declared = Number(response.headers.get('content-length') ?? Number.NaN);
    const tooLarge = () => new errors_RegistryError(`${what} is larger than ${Math.round(maxBytes / 1048576)} MiB; refused without reading it all`);
    if (declared > maxBytes) {
        await response.body?.cancel();
        throw tooLarge();
    }
    const chunks = [];
    let size = 0;
    for await (const chunk of (response.body ?? [])) {
        size += chunk.byteLength;
        if (size > maxBytes) {
            await response.body?.cancel().catch(() => undefined);
            throw tooLarge();
        }
        chunks.push(chunk);
    }
    return new Uint8Array(Buffer.concat(chunks, size));
}

;// CONCATENATED MODULE: ./packages/registry/src/digest.ts
// Content addresses: every blob and manifest is checked against its digest before it is trusted.


function digest_sha256Digest(bytes) {
    return `sha256:${(0,external_node_crypto_.createHash)('sha256').update(bytes).digest('hex')}`;
}
function digest_verifyDigest(bytes, expected, what) {
    const [algorithm] = expected.split(':');
    if (algorithm !== 'sha256')
        throw new errors_RegistryError(`${what}: unsupported digest algorithm "${algorithm}"`);
    const actual = digest_sha256Digest(bytes);
    if (actual !== expected)
        throw new errors_RegistryError(`${what}: content does not match its digest (expected ${expected}, got ${actual})`);
}

;// CONCATENATED MODULE: ./packages/registry/src/manifests.ts
// Manifests and indexes, kept as their exact bytes: re-serialising JSON would change the digest.



const manifests_mediaTypes = {
    ociManifest: 'application/vnd.oci.image.manifest.v1+json',
    ociIndex: 'application/vnd.oci.image.index.v1+json',
    dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
    dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
};
const accept = Object.values(manifests_mediaTypes).join(', ');
function manifests_isIndex(mediaType) {
    return mediaType === manifests_mediaTypes.ociIndex || mediaType === manifests_mediaTypes.dockerList;
}
function manifests_parseManifest(manifest) {
    return JSON.parse(Buffer.from(manifest.bytes).toString('utf8'));
}
/** The manifest `reference` (tag or digest) names; its digest is checked when the reference is one. */
async function manifests_getManifest(client, repository, reference) {
    const response = await client.request({
        method: 'GET',
        path: `/v2/${repository}/manifests/${reference}`,
        scope: `repository:${repository}:pull`,
        headers: { accept },
        accept: [404],
    });
    if (response.status === 404)
        throw new errors_RegistryError(`${client.registry}/${repository}:${reference} does not exist`, 404);
    const bytes = await bounded_body_boundedBody(response, `manifest ${client.registry}/${repository}:${reference}`);
    const digest = reference.startsWith('sha256:') ? reference : digest_sha256Digest(bytes);
    digest_verifyDigest(bytes, digest, `manifest ${client.registry}/${repository}@${digest}`);
    const mediaType = (response.headers.get('content-type') ?? '').split(';')[0]?.trim() ||
        (manifests_parseManifest({ bytes, mediaType: '', digest }).mediaType ?? '');
    return { bytes, mediaType, digest };
}
/** The digest a tag points at, by HEAD (no body transferred). */
async function manifests_resolveDigest(client, repository, tag) {
    const response = await client.request({
        method: 'HEAD',
        path: `/v2/${repository}/manifests/${tag}`,
        scope: `repository:${repository}:pull`,
        headers: { accept },
        accept: [404],
    });
    if (response.status === 404)
        throw new errors_RegistryError(`${client.registry}/${repository}:${tag} does not exist`, 404);
    const digest = response.headers.get('docker-content-digest');
    if (digest)
        return digest;
    return (await manifests_getManifest(client, repository, tag)).digest;
}
/**
 * Stores the exact bytes under `reference` (a tag, or the digest itself); returns the digest, and whether the
 * registry indexed the manifest by its `subject` (it answered with OCI-Subject: it has the referrers API).
 */
async function manifests_putManifest(client, repository, reference, manifest) {
    const response = await client.request({
        method: 'PUT',
        path: `/v2/${repository}/manifests/${reference}`,
        scope: `repository:${repository}:pull,push`,
        headers: { 'content-type': manifest.mediaType },
        body: manifest.bytes,
    });
    await response.body?.cancel();
    const digest = response.headers.get('docker-content-digest') ?? manifest.digest;
    if (digest !== manifest.digest)
        throw new errors_RegistryError(`${client.registry}/${repository}: stored manifest has digest ${digest}, expected ${manifest.digest}`);
    return { digest, indexedBySubject: response.headers.has('oci-subject') };
}
/** The OCI image manifest of a config and gzipped layers, as exact bytes with their digest. */
function imageManifest(config, layers) {
    return manifests_imageManifestOf(config, layers.map((layer) => ({ digest: sha256Digest(layer), size: layer.byteLength })));
}
/** The same manifest from the layers' digests and sizes (layers written to disk without being held). */
function manifests_imageManifestOf(config, layers) {
    const content = {
        schemaVersion: 2,
        mediaType: manifests_mediaTypes.ociManifest,
        config: {
            mediaType: 'application/vnd.oci.image.config.v1+json',
            digest: sha256Digest(config),
            size: config.byteLength,
        },
        layers: layers.map((layer) => ({
            mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
            digest: layer.digest,
            size: layer.size,
        })),
    };
    const bytes = new Uint8Array(Buffer.from(JSON.stringify(content)));
    return { bytes, mediaType: manifests_mediaTypes.ociManifest, digest: sha256Digest(bytes) };
}

;// CONCATENATED MODULE: ./packages/registry/src/parallel.ts
// Bounded parallelism for blob transfers: a few at a time keeps the link busy without opening a connection per
// layer.
/**
 * Runs `work` on every item, at most `limit` at a time. The first failure stops the rest: no further item starts,
 * and `signal` tells the items in flight to give up (a streamed copy drops its transfer). Returns once every
 * worker has stopped, so nothing goes on uploading after the caller has failed; throws the first failure.
 */
async function parallel_inParallel(items, limit, work) {
    const stop = new AbortController();
    let failure;
    let next = 0;
    const worker = async () => {
        while (next < items.length && !stop.signal.aborted) {
            const item = items[next++];
            try {
                await work(item, stop.signal);
            }
            catch (error) {
                failure ??= { error };
                stop.abort(error);
            }
        }
    };
    await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
    if (failure)
        throw failure.error;
}
/** Blobs moved at once by a copy or a push. */
const parallel_blobTransfers = 4;

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(57075);
// EXTERNAL MODULE: ./node_modules/.pnpm/undici@6.29.1/node_modules/undici/index.js
var undici = __webpack_require__(89309);
;// CONCATENATED MODULE: ./packages/registry/src/proxy.ts
// Registry traffic goes through the proxy the environment names, as docker, skopeo and curl send it:
// HTTPS_PROXY for https registries, HTTP_PROXY for plain ones, NO_PROXY for hosts that are reached directly
// (upper or lower case). Node's own proxy support does the work where it has it (24.14, 22.21), for fetch and
// node:http alike. Older Node (the CLI runs on 20 and 22) gets undici's EnvHttpProxyAgent, the well-kept agent of
// the library Node's fetch is built on, which reads the same variables; node:http is then left aside and every
// request goes through fetch. A loopback registry is proxied too unless NO_PROXY names it, as curl does (Go tools
// such as skopeo never proxy loopback).


const proxyVariables = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'];
/** How the environment's proxy is honoured, once decided: by Node itself, through undici's agent, or not at all. */
let mode;
/** Turns proxy support on once per process when the environment names a proxy. */
function proxyFromEnvironment(env = process.env) {
    if (mode)
        return;
    const named = proxyVariables.find((variable) => env[variable]);
    if (!named) {
        mode = 'none';
        return;
    }
    // Started with NODE_USE_ENV_PROXY=1 or --use-env-proxy, Node already does it.
    if (env.NODE_USE_ENV_PROXY === '1' || process.execArgv.includes('--use-env-proxy')) {
        mode = 'node';
        return;
    }
    const setGlobalProxyFromEnv = (external_node_http_default()).setGlobalProxyFromEnv;
    if (setGlobalProxyFromEnv) {
        setGlobalProxyFromEnv(env);
        mode = 'node';
        return;
    }
    (0,undici.setGlobalDispatcher)(new undici.EnvHttpProxyAgent({
        httpProxy: env.HTTP_PROXY ?? env.http_proxy,
        httpsProxy: env.HTTPS_PROXY ?? env.https_proxy,
        noProxy: env.NO_PROXY ?? env.no_proxy,
    }));
    mode = 'undici';
}
/** Whether node:http requests reach the proxy (Node's own support): without it, only fetch is sent through it. */
function nodeHttpProxied() {
    return mode === 'node';
}
/** Whether the environment names a proxy: requests then go through Node's http stack, which carries them there. */
function proxyConfigured(env = process.env) {
    return proxyVariables.some((variable) => env[variable]);
}

// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(77030);
var external_node_net_default = /*#__PURE__*/__webpack_require__.n(external_node_net_);
// EXTERNAL MODULE: external "node:tls"
var external_node_tls_ = __webpack_require__(41692);
var external_node_tls_default = /*#__PURE__*/__webpack_require__.n(external_node_tls_);
;// CONCATENATED MODULE: ./packages/registry/src/raw-get.ts
// A GET for blob bytes read straight off the socket into a few reused buffers. Measured on loopback, node:http's
// client spent ~0.7 s of CPU to read 200 MB (a fresh buffer per 64 KiB read, its parser and stream on each),
// where a socket with `onread` into recycled buffers spends ~0.1 s: on a 2-core runner shared with the registries,
// that CPU was most of a copy's lead over skopeo. Only the plain case is read here: an answer with a
// Content-Length. Anything else (chunked bodies, a proxy to go through) is for node:http, as before.
// Connections are kept alive: a body read to its end leaves its connection for the next GET to the same origin,
// so a copy of many layers makes one TCP connection and one TLS handshake per transfer slot, not one per blob.



/** Bytes per read; a few are in flight at once, so memory stays at a handful of these per transfer. */
const readSize = 256 * 1024;
const maxHeaderBytes = 64 * 1024;
/** Idle connections kept per origin (blob transfers run four at a time), and how long one may wait unused. */
const idlePerOrigin = 8;
const idleMs = 30_000;
/** One socket with its own read buffers; it serves one exchange at a time and may serve many in turn. */
class Connection {
    socket;
    pool = [];
    /** Only the buffers read into are recycled: a chunk copied elsewhere (the headers' remainder) is not ours. */
    owned = new WeakSet();
    exchange;
    served = 0;
    constructor(url, timeoutMs, tlsOptions) {
        const secure = url.protocol === 'https:';
        const port = Number(url.port || (secure ? 443 : 80));
        const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
        const onread = {
            buffer: () => this.pool.pop() ?? this.allocate(),
            // Returning false pauses the socket: the body's reader is behind.
            callback: (length, buffer) => {
                const chunk = Buffer.from(buffer.buffer, buffer.byteOffset, length);
                if (this.exchange)
                    return this.exchange.read(chunk);
                this.socket.destroy(); // bytes nobody asked for: the connection is not in a state to reuse
                return false;
            },
        };
        this.socket = secure
            ? external_node_tls_default().connect({
                ...tlsOptions,
                host,
                port,
                servername: external_node_net_default().isIP(host) ? undefined : host,
                onread,
            })
            : external_node_net_default().connect({ host, port, onread });
        this.socket.setTimeout(timeoutMs, () => this.socket.destroy(new Error(`no answer within ${timeoutMs} ms`)));
        this.socket.on('error', (error) => this.exchange?.ended(error));
        this.socket.on('close', () => this.exchange?.ended(undefined));
    }
    allocate() {
        const buffer = Buffer.allocUnsafeSlow(readSize);
        this.owned.add(buffer.buffer);
        return buffer;
    }
    release(chunk) {
        if (this.owned.has(chunk.buffer) && this.pool.length < 16)
            this.pool.push(Buffer.from(chunk.buffer, 0, readSize));
    }
    get usable() {
        return !this.socket.destroyed && this.socket.writable;
    }
}
const idle = new Map();
/** Origins apart, and a test's own trust apart from the system's. */
const keyOf = (url, tlsOptions) => `${url.protocol}//${url.host} ${Object.keys(tlsOptions).length ? JSON.stringify(tlsOptions) : ''}`;
function takeIdle(key) {
    const list = idle.get(key) ?? [];
    for (let connection = list.pop(); connection; connection = list.pop()) {
        if (connection.usable)
            return connection;
    }
    return undefined;
}
/** A connection whose answer was read whole waits for the next GET; it never keeps the process alive. */
function keep(key, connection) {
    connection.exchange = undefined;
    const list = idle.get(key) ?? [];
    if (!connection.usable || list.length >= idlePerOrigin)
        return void connection.socket.end();
    connection.socket.resume();
    connection.socket.unref();
    list.push(connection);
    idle.set(key, list);
    const timer = setTimeout(() => {
        const at = list.indexOf(connection);
        if (at >= 0 && connection.exchange === undefined) {
            list.splice(at, 1);
            connection.socket.destroy();
        }
    }, idleMs);
    timer.unref();
}
/** `tlsOptions`: more for tls.connect (a test's own CA); the system's trust, NODE_EXTRA_CA_CERTS included, else. */
async function rawGet(url, authorization, timeoutMs, tlsOptions = {}) {
    const key = keyOf(url, tlsOptions);
    const reused = takeIdle(key);
    if (reused) {
        try {
            return await exchange({ connection: reused, key, url, authorization });
        }
        catch {
            // The server closed the idle connection as it was taken: once more, on a new one.
        }
    }
    return exchange({ connection: new Connection(url, timeoutMs, tlsOptions), key, url, authorization });
}
function exchange(request) {
    return new Promise((resolve, reject) => new RawExchange(request, resolve, reject).start());
}
/** The request line and headers of a GET that keeps its connection. */
function requestHead(url, authorization) {
    const lines = [
        `GET ${url.pathname}${url.search} HTTP/1.1`,
        `Host: ${url.host}`,
        'User-Agent: gitops',
        'Accept: */*',
        'Connection: keep-alive',
        ...(authorization ? [`Authorization: ${authorization}`] : []),
    ];
    return `${lines.join('\r\n')}\r\n\r\n`;
}
/** The status line and headers: names lower-cased, whether the server ends the connection, a plain body's length. */
function parseHead(text) {
    const [statusLine = '', ...fields] = text.split('\r\n');
    const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? 0);
    const headers = {};
    for (const field of fields) {
        const colon = field.indexOf(':');
        if (colon > 0)
            headers[field.slice(0, colon).trim().toLowerCase()] = field.slice(colon + 1).trim();
    }
    const closeAfter = /\bclose\b/i.test(headers.connection ?? '') || /^HTTP\/1\.0/.test(statusLine);
    const length = headers['content-length'];
    const plain = status === 200 && length !== undefined && /^\d+$/.test(length) && !headers['transfer-encoding'];
    return { status, headers, closeAfter, length: plain ? Number(length) : undefined };
}
/** One GET on a connection: the answer's head, then a plain body streamed out of the connection's buffers. */
class RawExchange {
    request;
    resolve;
    reject;
    head = Buffer.alloc(0);
    answered = false;
    body;
    remaining = 0;
    closeAfter = false;
    release;
    constructor(request, resolve, reject) {
        this.request = request;
        this.resolve = resolve;
        this.reject = reject;
        this.release = (chunk) => request.connection.release(chunk);
    }
    start() {
        const { connection, url, authorization } = this.request;
        const { socket } = connection;
        connection.exchange = {
            read: (chunk) => (this.answered ? this.readBody(chunk) : this.readHead(chunk)),
            ended: (error) => this.ended(error),
        };
        connection.served++;
        const send = () => socket.write(requestHead(url, authorization));
        if (connection.served === 1)
            socket.once(socket instanceof (external_node_tls_default()).TLSSocket ? 'secureConnect' : 'connect', send);
        else {
            socket.ref();
            socket.resume();
            send();
        }
    }
    ended(error) {
        this.request.connection.exchange = undefined;
        if (!this.answered)
            this.reject(error ?? new Error('the connection closed before an answer'));
        else if (this.body && this.remaining > 0)
            this.body.destroy(error ?? new Error(`the connection closed with ${this.remaining} bytes to come`));
    }
    readHead(chunk) {
        const { socket } = this.request.connection;
        this.head = Buffer.concat([this.head, chunk]);
        this.release(chunk);
        const end = this.head.indexOf('\r\n\r\n');
        if (end < 0) {
            if (this.head.length > maxHeaderBytes)
                socket.destroy(new Error('the answer has no end of headers'));
            return true;
        }
        this.answered = true;
        const { status, headers, closeAfter, length } = parseHead(this.head.subarray(0, end).toString('latin1'));
        this.closeAfter = closeAfter;
        if (length !== undefined) {
            this.remaining = length;
            this.body = new external_node_stream_.Readable({
                read: () => socket.resume(),
                destroy: (error, done) => {
                    if (this.remaining > 0)
                        socket.destroy();
                    done(error);
                },
            });
        }
        this.resolve({ status, headers, body: this.body, release: this.release, discard: () => socket.destroy() });
        if (!this.body)
            return false;
        const rest = this.head.subarray(end + 4);
        this.head = Buffer.alloc(0);
        if (rest.length)
            return this.readBody(Buffer.from(rest));
        if (this.remaining === 0)
            this.finish();
        return true;
    }
    readBody(chunk) {
        if (!this.body || this.remaining === 0)
            return true;
        const part = chunk.length > this.remaining ? chunk.subarray(0, this.remaining) : chunk;
        this.remaining -= part.length;
        const more = this.body.push(part);
        if (this.remaining === 0)
            this.finish();
        return more;
    }
    finish() {
        const { connection, key } = this.request;
        this.body?.push(null);
        if (this.closeAfter) {
            connection.exchange = undefined;
            connection.socket.end();
        }
        else
            keep(key, connection);
    }
}

;// CONCATENATED MODULE: ./packages/registry/src/stream-download.ts
// Opens a blob download straight from the socket (raw-get.ts; node:http when a proxy must carry it), so its bytes
// come as Buffers. Measured on loopback, fetch (undici) and its web stream cost a third of the CPU of a
// registry-to-registry copy, and node:http's client most of the rest; this path takes only a plain 200 (after
// redirects). Anything else is left to the careful path (fetch, with auth challenges and retries), which the
// caller takes when this resolves undefined.




/** Redirects followed before handing over to the careful path. */
const stream_download_maxRedirects = 5;
async function getStream(client, path, scope) {
    // A proxy only fetch can reach (undici's agent on older Node): the careful path, through fetch, does it all.
    if (proxyConfigured() && !nodeHttpProxied())
        return undefined;
    let url = new URL(path, client.baseUrl);
    for (let hop = 0; hop <= stream_download_maxRedirects; hop++) {
        // Credentials go to the registry only: a redirect elsewhere (a CDN, object storage) is signed on its own.
        const authorization = client.authorizationFor(scope, url);
        let answer;
        try {
            answer = await stream_download_get(url, authorization, client.timeoutMs);
        }
        catch {
            return undefined; // the careful path retries a refused or dropped connection, with backoff
        }
        if (answer.status === 200 && answer.download)
            return answer.download;
        answer.discard();
        const { status, location } = answer;
        // Asked to slow down or failing: wait as a retry would before handing over, so the careful path's
        // next request is not an immediate second one.
        if (status === 429 || status >= 500)
            await client.wait(1, answer.retryAfter);
        if (status < 300 || status >= 400 || !location)
            return undefined;
        url = new URL(location, url);
    }
    return undefined;
}
/** Through the socket reader, unless a proxy from the environment must carry the request (node:http does that). */
async function stream_download_get(url, authorization, timeoutMs) {
    if (!proxyConfigured()) {
        const raw = await rawGet(url, authorization, timeoutMs);
        return {
            status: raw.status,
            location: raw.headers.location,
            retryAfter: raw.headers['retry-after'],
            download: raw.body && { body: raw.body, length: raw.headers['content-length'] ?? null, release: raw.release },
            discard: raw.discard,
        };
    }
    const response = await httpGet(url, authorization, timeoutMs);
    return {
        status: response.statusCode ?? 0,
        location: response.headers.location,
        retryAfter: header(response.headers['retry-after']),
        download: { body: response, length: response.headers['content-length'] ?? null },
        discard: () => response.resume(),
    };
}
function httpGet(url, authorization, timeoutMs) {
    return new Promise((resolve, reject) => {
        const send = url.protocol === 'https:' ? (external_node_https_default()).get : (external_node_http_default()).get;
        const request = send(url, { headers: authorization ? { authorization } : {}, timeout: timeoutMs }, resolve);
        request.on('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
        request.on('error', reject);
    });
}
const header = (value) => (Array.isArray(value) ? value[0] : value);

;// CONCATENATED MODULE: ./packages/registry/src/stream-upload.ts
// Sends a stream as the body of an upload with node:http(s), piping it straight into the socket. Measured on
// loopback, fetch (undici) with a ReadableStream body made registry-to-registry blob copies ~25% slower than
// this; the rest of the client keeps fetch, where bodies are small. Behind a proxy that only fetch reaches
// (undici's agent on older Node, proxy.ts), the upload goes through fetch.



/** PUTs the stream; resolves with the answer (the caller decides what it means). */
function putStream(client, upload) {
    if (proxyConfigured() && !nodeHttpProxied())
        return putThroughFetch(client, upload);
    return new Promise((resolve, reject) => {
        const headers = uploadHeaders(client, upload);
        const send = upload.url.protocol === 'https:' ? (external_node_https_default()).request : (external_node_http_default()).request;
        const request = send(upload.url, { method: 'PUT', headers, timeout: client.timeoutMs }, (response) => {
            const status = response.statusCode ?? 0;
            let body = '';
            response.on('data', (chunk) => {
                if (status >= 400 && body.length < 4096)
                    body += chunk.toString('utf8');
            });
            response.on('end', () => {
                // A registry may answer (an error) before reading the whole body: stop reading the source then.
                if (!upload.body.readableEnded)
                    upload.body.destroy();
                resolve({ status, body });
            });
            response.on('error', reject);
        });
        request.on('timeout', () => request.destroy(new Error(`no answer within ${client.timeoutMs} ms`)));
        request.on('error', (error) => {
            upload.body.destroy();
            reject(error);
        });
        // Piped by hand rather than with pipe(): each chunk goes back to the download once written.
        upload.body.on('data', (chunk) => {
            upload.onChunk(chunk);
            const release = upload.release;
            if (!request.write(chunk, release ? () => release(chunk) : undefined))
                upload.body.pause();
        });
        request.on('drain', () => upload.body.resume());
        upload.body.on('end', () => request.end());
        upload.body.on('error', (error) => request.destroy(error));
    });
}
function uploadHeaders(client, upload) {
    const headers = { 'content-type': 'application/octet-stream' };
    if (upload.length)
        headers['content-length'] = upload.length;
    // An upload Location on another origin gets no credentials: they belong to the registry alone.
    const authorization = client.authorizationFor(upload.scope, upload.url);
    if (authorization)
        headers.authorization = authorization;
    return headers;
}
/** The same PUT through fetch, which the proxy's agent carries; each chunk counted and handed back as it goes. */
async function putThroughFetch(client, upload) {
    async function* chunks() {
        for await (const chunk of upload.body) {
            upload.onChunk(chunk);
            // A copy: fetch may still hold a chunk after asking for the next, and the download reads into released ones.
            const copy = Uint8Array.from(chunk);
            upload.release?.(chunk);
            yield copy;
        }
    }
    const response = await fetch(upload.url, {
        method: 'PUT',
        headers: uploadHeaders(client, upload),
        body: chunks(),
        duplex: 'half',
        redirect: 'manual',
        signal: AbortSignal.timeout(client.timeoutMs),
    });
    const body = response.status >= 400 ? (await response.text()).slice(0, 4096) : '';
    if (response.status < 400)
        await response.body?.cancel();
    if (!upload.body.readableEnded)
        upload.body.destroy();
    return { status: response.status, body };
}

;// CONCATENATED MODULE: ./packages/registry/src/upload-session.ts

/** The token scope of a push to `repository`. */
const upload_session_pushScope = (repository) => `repository:${repository}:pull,push`;
/** True for a request that got no answer (refused, reset, timed out): the registry may or may not have acted. */
function upload_session_dropped(error) {
    return error instanceof errors_RegistryError && error.status === undefined && error.unanswered;
}
/** Opens an upload session; its URL is where the bytes go. */
async function upload_session_openUpload(client, repository) {
    const session = await client.request({
        method: 'POST',
        path: `/v2/${repository}/blobs/uploads/`,
        scope: upload_session_pushScope(repository),
        headers: { 'content-length': '0' },
    });
    await session.body?.cancel();
    return upload_session_uploadUrl(client, session);
}
function upload_session_uploadUrl(client, response, fallback) {
    const location = response.headers.get('location');
    if (location)
        return new URL(location, client.baseUrl);
    if (fallback)
        return fallback;
    throw new errors_RegistryError(`${client.registry} opened an upload without a Location`);
}

;// CONCATENATED MODULE: ./packages/registry/src/blobs.ts
// Blobs (layers and configs): exists, download (verified), mount across repositories, stream between registries.
// Uploads from memory or a file are upload.ts's.







const pull = (repository) => `repository:${repository}:pull`;
async function blobs_hasBlob(client, repository, digest) {
    const response = await client.request({
        method: 'HEAD',
        path: `/v2/${repository}/blobs/${digest}`,
        scope: pull(repository),
        accept: [404],
    });
    return response.status !== 404;
}
/**
 * A blob read whole into memory (a config, an attestation), verified; refused past `maxBytes` (default 4 MiB),
 * as the registry's answer is untrusted. Layers are streamed instead (getStream).
 */
async function blobs_getBlob(client, repository, digest, maxBytes = maxWholeBytes) {
    const response = await client.request({
        method: 'GET',
        path: `/v2/${repository}/blobs/${digest}`,
        scope: pull(repository),
    });
    const bytes = await boundedBody(response, `blob ${digest} of ${client.registry}/${repository}`, maxBytes);
    verifyDigest(bytes, digest, `blob ${digest} of ${client.registry}/${repository}`);
    return bytes;
}
/**
 * Links a blob that `from` already has into `repository` on the same registry, without sending it.
 * False when the registry declined (it then opened an upload instead, which is abandoned).
 */
async function mountBlob(client, repository, digest, from) {
    const query = new URLSearchParams({ mount: digest, from });
    const response = await client.request({
        method: 'POST',
        path: `/v2/${repository}/blobs/uploads/?${query}`,
        scope: `${upload_session_pushScope(repository)} ${pull(from)}`,
        headers: { 'content-length': '0' },
        accept: [202],
    });
    await response.body?.cancel();
    return response.status === 201;
}
/**
 * Copies a blob from one registry to another without holding it: the download is piped into the upload, and the
 * destination checks it against its digest. A broken transfer starts over, up to `attempts`.
 */
async function streamBlob(from, to, digest, options = {}) {
    const { attempts = 3, signal } = options;
    let last;
    for (let attempt = 1; attempt <= attempts; attempt++) {
        signal?.throwIfAborted();
        let stopTransfer;
        try {
            // The upload session first: once the download is open, its bytes go straight into the upload.
            const upload = await upload_session_openUpload(to.client, to.repository);
            upload.searchParams.set('digest', digest);
            const source = await openBlob(from.client, from.repository, digest);
            // Another blob failed for good: this transfer is dropped rather than finished for nothing.
            stopTransfer = () => source.body.destroy(new errors_RegistryError(`the copy of ${digest} stopped: another blob failed`));
            signal?.addEventListener('abort', stopTransfer, { once: true });
            let bytes = 0;
            const answer = await putStream(to.client, {
                url: upload,
                scope: upload_session_pushScope(to.repository),
                body: source.body,
                length: source.length,
                release: source.release,
                onChunk: (chunk) => {
                    bytes += chunk.byteLength;
                    options.onBytes?.(chunk.byteLength);
                },
            });
            checkUploaded(answer, { from, to, digest });
            return bytes;
        }
        catch (error) {
            last = error;
            if (signal?.aborted)
                throw signal.reason;
            const status = error instanceof errors_RegistryError ? error.status : undefined;
            if (status === 401 || status === 403 || status === 404)
                throw error;
            // The registry may have stored the blob and lost the connection before saying so: no second copy then.
            if (upload_session_dropped(error) && (await blobs_hasBlob(to.client, to.repository, digest)))
                return 0;
        }
        finally {
            if (stopTransfer)
                signal?.removeEventListener('abort', stopTransfer);
        }
    }
    throw last;
}
/** The destination's answer to a streamed upload: nothing when it took the blob, else why it did not. */
function checkUploaded(answer, copy) {
    const { status } = answer;
    const { from, to, digest } = copy;
    // The destination hashes what it receives and refuses a blob whose content is not its digest (DIGEST_INVALID,
    // as the distribution spec requires): hashing it here as well would double that work on the copy's path.
    const code = status === 400 ? errorCode(answer.body) : undefined;
    if (status === 400 && (code === undefined || code === 'DIGEST_INVALID')) {
        throw new errors_RegistryError(`blob ${digest} from ${from.client.registry}/${from.repository}: content does not match its digest (${to.client.registry} refused it)`);
    }
    if (status >= 300) {
        throw new errors_RegistryError(`${to.client.registry} answered ${status}${code ? ` (${code})` : ''} to the upload of ${digest} to ${to.repository}`, status >= 500 || status === 429 ? undefined : status);
    }
}
/** A blob's bytes as a Node stream: straight from the socket when the registry simply answers, else via fetch. */
async function openBlob(client, repository, digest) {
    const path = `/v2/${repository}/blobs/${digest}`;
    const fast = await getStream(client, path, pull(repository));
    if (fast)
        return fast;
    const response = await client.request({ method: 'GET', path, scope: pull(repository) });
    if (!response.body)
        throw new errors_RegistryError(`${client.registry} sent blob ${digest} without a body`);
    return {
        body: external_node_stream_.Readable.fromWeb(response.body),
        length: response.headers.get('content-length'),
    };
}
/** The first error code of a registry's error body (`{"errors":[{"code":"DIGEST_INVALID",…}]}`), if it has one. */
function errorCode(body) {
    try {
        return JSON.parse(body).errors?.[0]?.code;
    }
    catch {
        return undefined;
    }
}

;// CONCATENATED MODULE: ./packages/registry/src/upload.ts
// Blob uploads from memory or from a file that survive a dropped connection. A request whose answer was lost may
// still have been taken: the registry is asked how many bytes the upload holds (GET on its URL, `Range: 0-<last>`)
// and the upload goes on from there; when the registry no longer knows the upload, it starts over, a bounded
// number of times. The final PUT that was taken but not answered is recognised by the blob being there.






/** Whole uploads started per blob (the first included). */
const uploadStarts = 3;
/** Resumes of one upload after dropped connections. */
const resumesPerUpload = 5;
/** Blobs above this are uploaded in chunks, so no single request carries more than a chunk. */
const chunkThreshold = (/* unused pure expression or super */ null && (32 * 1024 * 1024));
/** Uploads `bytes` as `digest` in one PUT after the upload session opens. */
async function upload_putBlob(client, repository, digest, bytes) {
    verifyDigest(bytes, digest, `blob ${digest}`);
    await restartable(client, repository, digest, async () => {
        const upload = await openUpload(client, repository);
        upload.searchParams.set('digest', digest);
        const done = await client.request({
            method: 'PUT',
            path: upload.toString(),
            scope: pushScope(repository),
            headers: { 'content-type': 'application/octet-stream', 'content-length': String(bytes.byteLength) },
            body: bytes,
            once: true,
        });
        await done.body?.cancel();
    });
}
/** Uploads `bytes` as `digest` in PATCH chunks of `chunkSize`, then closes the upload with the digest. */
async function putBlobChunked(client, repository, digest, bytes, chunkSize = 16 * 1024 * 1024) {
    await restartable(client, repository, digest, () => uploadInChunks(client, {
        repository,
        digest,
        size: bytes.byteLength,
        chunkSize,
        read: async (start, length) => bytes.subarray(start, start + length),
    }));
}
/**
 * Uploads the file of a blob (an OCI layout's) in PATCH chunks read one at a time into one buffer: memory stays
 * at one chunk whatever the layer's size.
 */
async function upload_putFileChunked(client, repository, digest, file, chunkSize = 16 * 1024 * 1024) {
    const handle = await open(file.path, 'r');
    const buffer = Buffer.alloc(Math.max(1, Math.min(chunkSize, file.size)));
    try {
        await restartable(client, repository, digest, () => uploadInChunks(client, {
            repository,
            digest,
            size: file.size,
            chunkSize,
            read: async (start, length) => {
                const { bytesRead } = await handle.read(buffer, 0, length, start);
                if (bytesRead !== length)
                    throw new RegistryError(`${file.path} changed while it was read`);
                // The previous chunk's request has finished before this read: the buffer is free again.
                return buffer.subarray(0, length);
            },
        }));
    }
    finally {
        await handle.close();
    }
}
/** Runs a whole upload, starting over after a dropped connection unless the blob turns out to be stored. */
async function restartable(client, repository, digest, upload) {
    for (let start = 1;; start++) {
        try {
            return await upload();
        }
        catch (error) {
            const busy = error instanceof RegistryError && (error.status === 429 || (error.status ?? 0) >= 500);
            if (!dropped(error) && !busy && !(error instanceof UploadLost))
                throw error;
            if (await hasBlob(client, repository, digest))
                return;
            if (start >= uploadStarts)
                throw error instanceof UploadLost ? error.cause : error;
            await client.wait(start, undefined);
        }
    }
}
/** The registry no longer knows the upload (or holds other bytes than were sent): start a new one. */
class UploadLost extends (/* unused pure expression or super */ null && (Error)) {
}
async function uploadInChunks(client, blob) {
    const { repository, digest, size, chunkSize, read } = blob;
    let location = await openUpload(client, repository);
    const hash = createHash('sha256');
    let offset = 0;
    let resumes = 0;
    while (offset < size) {
        const chunk = await read(offset, Math.min(chunkSize, size - offset));
        const { answer, lost } = await sendChunk(client, { repository, location, offset, chunk });
        if (answer && answer.status !== 416) {
            hash.update(chunk);
            offset += chunk.byteLength;
            location = uploadUrl(client, answer, location);
            continue;
        }
        // No answer, or the registry holds another count of bytes than we thought: ask it where the upload stands.
        const reason = lost ?? new RegistryError(`${client.registry} refused chunk ${offset} of ${digest} (416)`);
        if (++resumes > resumesPerUpload)
            throw reason;
        const status = await uploadStatus(client, repository, location);
        if (!status || status.offset < offset || status.offset > offset + chunk.byteLength)
            throw new UploadLost('upload lost', { cause: reason });
        hash.update(chunk.subarray(0, status.offset - offset));
        offset = status.offset;
        location = status.location;
    }
    const actual = `sha256:${hash.digest('hex')}`;
    if (actual !== digest) {
        throw new RegistryError(`blob ${digest}: content does not match its digest (expected ${digest}, got ${actual})`);
    }
    location.searchParams.set('digest', digest);
    const done = await client.request({
        method: 'PUT',
        path: location.toString(),
        scope: pushScope(repository),
        headers: { 'content-length': '0' },
        once: true,
    });
    await done.body?.cancel();
}
/** One PATCH of a chunk: the registry's answer (its body dropped), or, when the connection dropped, why. */
async function sendChunk(client, part) {
    const { repository, location, offset, chunk } = part;
    let answer;
    let lost;
    try {
        answer = await client.request({
            method: 'PATCH',
            path: location.toString(),
            scope: pushScope(repository),
            headers: {
                'content-type': 'application/octet-stream',
                'content-range': `${offset}-${offset + chunk.byteLength - 1}`,
                'content-length': String(chunk.byteLength),
            },
            body: chunk,
            once: true,
            accept: [416],
        });
    }
    catch (error) {
        if (!dropped(error))
            throw error;
        lost = error;
    }
    await answer?.body?.cancel();
    return { answer, lost };
}
/**
 * How many bytes an open upload holds, and its URL to go on at; undefined when the registry no longer knows it.
 * `Range: 0-0` means none or one byte; it is read as none, and a registry holding one byte refuses the resent
 * chunk, which then starts the upload over.
 */
async function uploadStatus(client, repository, location) {
    const response = await client.request({
        method: 'GET',
        path: location.toString(),
        scope: pushScope(repository),
        accept: [404],
    });
    await response.body?.cancel();
    if (response.status === 404)
        return undefined;
    const range = /^(?:bytes=)?0-(\d+)$/.exec(response.headers.get('range') ?? '');
    if (!range)
        return undefined;
    const last = Number(range[1]);
    return { offset: last === 0 ? 0 : last + 1, location: uploadUrl(client, response, location) };
}

;// CONCATENATED MODULE: ./packages/registry/src/referrers.ts





/** cosign's tag suffixes: signatures, attestations, SBOMs attached the old way. */
const cosignSuffixes = ['sig', 'att', 'sbom'];
/** The tag a digest's referrers are listed under where a registry has no referrers API, and cosign's base. */
const fallbackTag = (digest) => digest.replace(':', '-');
/**
 * Copies every referrer of `digests` from `source` to `destination`; `copyContent` moves a referrer's blobs (and
 * children) first. Returns how many manifests were copied.
 */
async function copyReferrers(source, destination, digests, copyContent) {
    let copied = 0;
    const copyOne = async (manifest, tag) => {
        await copyContent(manifest);
        const stored = await manifests_putManifest(destination.client, destination.repository, tag ?? manifest.digest, manifest);
        copied++;
        return stored.indexedBySubject;
    };
    await parallel_inParallel(digests, 4, async (digest) => {
        const [referrers, tagged] = await Promise.all([
            listReferrers(source, digest),
            Promise.all(cosignSuffixes.map((suffix) => findManifest(source, `${fallbackTag(digest)}.${suffix}`))),
        ]);
        const unindexed = [];
        for (const descriptor of referrers) {
            const manifest = await manifests_getManifest(source.client, source.repository, descriptor.digest);
            if (!(await copyOne(manifest, undefined)))
                unindexed.push(descriptor);
        }
        if (unindexed.length)
            await addToFallbackTag(destination, digest, unindexed);
        for (const [index, manifest] of tagged.entries()) {
            if (manifest)
                await copyOne(manifest, `${fallbackTag(digest)}.${cosignSuffixes[index]}`);
        }
    });
    return copied;
}
/** The referrers the source lists for `digest`: by the referrers API, else by its fallback tag. */
async function listReferrers(source, digest) {
    const response = await source.client.request({
        method: 'GET',
        path: `/v2/${source.repository}/referrers/${digest}`,
        scope: `repository:${source.repository}:pull`,
        headers: { accept: manifests_mediaTypes.ociIndex },
        // Registries without the API answer all sorts (404, 405, 400, even 401 or 403 for a path they do not know):
        // any of them means "no API here", and the fallback tag is asked instead.
        accept: [400, 401, 403, 404, 405],
    });
    if (response.ok) {
        try {
            const index = (await response.json());
            if (Array.isArray(index.manifests))
                return index.manifests;
        }
        catch {
            // not an index: as if there were no API
        }
    }
    else {
        await response.body?.cancel();
    }
    const tagged = await findManifest(source, fallbackTag(digest));
    return tagged ? listed(tagged) : [];
}
/** The descriptors an index lists; none for anything else that happens to carry the tag. */
function listed(manifest) {
    try {
        const manifests = JSON.parse(Buffer.from(manifest.bytes).toString('utf8')).manifests;
        return Array.isArray(manifests) ? manifests : [];
    }
    catch {
        return [];
    }
}
async function findManifest(end, reference) {
    try {
        return await manifests_getManifest(end.client, end.repository, reference);
    }
    catch (error) {
        if (error instanceof errors_RegistryError && error.status === 404)
            return undefined;
        throw error;
    }
}
/** Adds descriptors to the destination's fallback tag index for `digest`, keeping what it already lists. */
async function addToFallbackTag(destination, digest, descriptors) {
    const tag = fallbackTag(digest);
    const existing = await findManifest(destination, tag);
    const already = existing ? listed(existing) : [];
    const known = new Set(already.map((descriptor) => descriptor.digest));
    const added = descriptors.filter((descriptor) => !known.has(descriptor.digest));
    if (added.length === 0)
        return;
    const bytes = new Uint8Array(Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: manifests_mediaTypes.ociIndex, manifests: [...already, ...added] })));
    await manifests_putManifest(destination.client, destination.repository, tag, {
        bytes,
        mediaType: manifests_mediaTypes.ociIndex,
        digest: digest_sha256Digest(bytes),
    });
}
/** OCI's empty descriptor content, the config of an artifact that needs none. */
const emptyConfig = new Uint8Array(Buffer.from('{}'));
/**
 * Pushes `artifact` as a referrer of the image `subjectDigest` (an OCI manifest with an empty config, the artifact as
 * its layer, the image as its subject), listed in the fallback tag where the registry does not index subjects, as
 * the distribution spec asks of clients. Returns the artifact manifest's digest.
 */
async function attachArtifact(end, subjectDigest, artifact) {
    const subject = await getManifest(end.client, end.repository, subjectDigest);
    const content = { mediaType: artifact.mediaType, digest: sha256Digest(artifact.bytes), size: artifact.bytes.length };
    const config = { mediaType: 'application/vnd.oci.empty.v1+json', digest: sha256Digest(emptyConfig), size: 2 };
    await Promise.all([
        putBlob(end.client, end.repository, config.digest, emptyConfig),
        putBlob(end.client, end.repository, content.digest, artifact.bytes),
    ]);
    const bytes = new Uint8Array(Buffer.from(JSON.stringify({
        schemaVersion: 2,
        mediaType: mediaTypes.ociManifest,
        artifactType: artifact.artifactType,
        config,
        layers: [content],
        subject: { mediaType: subject.mediaType, digest: subject.digest, size: subject.bytes.length },
        ...(artifact.annotations ? { annotations: artifact.annotations } : {}),
    })));
    const digest = sha256Digest(bytes);
    const stored = await putManifest(end.client, end.repository, digest, {
        bytes,
        mediaType: mediaTypes.ociManifest,
        digest,
    });
    if (!stored.indexedBySubject)
        await addToFallbackTag(end, subjectDigest, [
            {
                mediaType: mediaTypes.ociManifest,
                digest,
                size: bytes.length,
                artifactType: artifact.artifactType,
                ...(artifact.annotations ? { annotations: { ...artifact.annotations } } : {}),
            },
        ]);
    return digest;
}

;// CONCATENATED MODULE: ./packages/registry/src/attached.ts
// Artifacts attached to an image read back: the Sigstore bundles push-registry attaches as OCI referrers, which
// require-provenance verifies where GitHub keeps no attestation (private repositories outside Enterprise Cloud,
// GitHub Enterprise Server). A registry's answers are untrusted: how many artifacts are read and how large each may
// be are bounded, and each blob is checked against its digest. Whether an artifact proves anything is for the
// reader to decide (a Sigstore verifier), never for the registry.




/**
 * The content (text) of each artifact of `query.artifactType` that refers to `subjectDigest`: by the referrers API
 * where the registry has it, else by the referrers tag. None: empty.
 */
async function readAttached(end, subjectDigest, query) {
    const listed = await listReferrers(end, subjectDigest);
    // A descriptor without artifactType (an older registry) is looked at; one of another type is not.
    const candidates = listed
        .filter((descriptor) => (descriptor.artifactType ?? query.artifactType) === query.artifactType)
        .slice(0, query.max);
    const contents = [];
    for (const descriptor of candidates) {
        const content = await contentOf(end, descriptor, query);
        if (content !== undefined)
            contents.push(content);
    }
    return contents;
}
/** The one layer of an artifact manifest, read within the bound; undefined for anything that is not one. */
async function contentOf(end, descriptor, query) {
    if (typeof descriptor.digest !== 'string' || !/^sha256:[0-9a-f]{64}$/.test(descriptor.digest))
        return undefined;
    const manifest = await manifests_getManifest(end.client, end.repository, descriptor.digest);
    let content;
    try {
        content = manifests_parseManifest(manifest);
    }
    catch {
        return undefined;
    }
    const type = content.artifactType ?? content.config?.mediaType;
    const layer = Array.isArray(content.layers) ? content.layers[0] : undefined;
    if (type !== query.artifactType || !layer || typeof layer.digest !== 'string')
        return undefined;
    if (typeof layer.size !== 'number' || layer.size > query.maxBytes)
        return undefined;
    return readSmallBlob(end, layer.digest, layer.size);
}
/** A blob of `size` bytes at most, as text, checked against its digest. */
async function readSmallBlob(end, digest, size) {
    const where = `${end.client.registry}/${end.repository}@${digest}`;
    const response = await end.client.request({
        method: 'GET',
        path: `/v2/${end.repository}/blobs/${digest}`,
        scope: `repository:${end.repository}:pull`,
    });
    // The client's timeout covers the body too; the size is the descriptor's, which the digest then holds it to.
    const bytes = await bounded_body_boundedBody(response, `blob ${where}`, size);
    digest_verifyDigest(bytes, digest, `blob ${where}`);
    return Buffer.from(bytes).toString('utf8');
}

;// CONCATENATED MODULE: ./packages/registry/src/auth.ts
/** Parses `Bearer realm="…",service="…",scope="…"` (or `Basic realm="…"`). */
function parseChallenge(header) {
    if (!header)
        return undefined;
    const match = /^\s*(\w+)\s*(.*)$/.exec(header);
    const scheme = match?.[1]?.toLowerCase();
    if (scheme !== 'basic' && scheme !== 'bearer')
        return undefined;
    const params = {};
    for (const part of (match?.[2] ?? '').matchAll(/(\w+)=(?:"([^"]*)"|([^,\s]*))/g)) {
        params[(part[1] ?? '').toLowerCase()] = part[2] ?? part[3] ?? '';
    }
    return { scheme, params };
}
function basicHeader(credentials) {
    return `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
}

;// CONCATENATED MODULE: ./packages/registry/src/endpoint.ts
const loopback = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/;
function registryBaseUrl(registry, options = {}) {
    const host = registry === 'docker.io' ? 'registry-1.docker.io' : registry;
    const plain = loopback.test(host) || (options.insecureRegistries ?? []).includes(host);
    return `${plain ? 'http' : 'https'}://${host}`;
}

;// CONCATENATED MODULE: ./packages/registry/src/http-send.ts
// A request whose body is in memory (a blob, or a chunk of one), sent through node:http rather than fetch. Measured
// against a loopback registry, undici's fetch took 570-830 ms to PUT a 25 MB blob where node:http took 228 ms and
// curl 272 ms: layout pushes were held back by it. The answer is handed back as a fetch Response, read whole (a
// registry answers an upload in a few headers and at most a short error), so the client treats both alike.


/** Bodies at least this big go through node:http; smaller ones gain nothing from it. */
const directBodyBytes = 1024 * 1024;
/** The most of an answer to an upload read: its headers say what matters, its body at most why it failed. */
const maxAnswerBytes = 1024 * 1024;
/** Statuses whose Response may carry no body. */
const bodiless = new Set([101, 103, 204, 205, 304]);
function httpSend(url, init) {
    return new Promise((resolve, reject) => {
        const send = url.protocol === 'https:' ? (external_node_https_default()).request : (external_node_http_default()).request;
        const headers = { ...init.headers, 'content-length': String(init.body.byteLength) };
        const request = send(url, { method: init.method, headers, timeout: init.timeoutMs }, (answer) => {
            const chunks = [];
            let size = 0;
            answer.on('data', (chunk) => {
                size += chunk.length;
                if (size <= maxAnswerBytes)
                    chunks.push(chunk);
            });
            answer.on('error', reject);
            answer.on('end', () => {
                const status = answer.statusCode ?? 0;
                const fields = new Headers();
                for (const [name, value] of Object.entries(answer.headers))
                    for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value])
                        fields.append(name, one);
                const body = bodiless.has(status) || size === 0 ? null : Buffer.concat(chunks);
                resolve(new Response(body, { status, statusText: answer.statusMessage ?? '', headers: fields }));
            });
        });
        request.on('timeout', () => request.destroy(new Error(`no answer within ${init.timeoutMs} ms`)));
        request.on('error', reject);
        request.end(init.body);
    });
}

;// CONCATENATED MODULE: ./packages/registry/src/client.ts
// Talks to one registry: answers auth challenges (Basic, or Bearer tokens cached per scope) and retries what
// is worth retrying (5xx, 429 with Retry-After, dropped connections), bounded in attempts.






/** Why a request never got an answer: fetch's words and the socket's (`fetch failed: connect ECONNREFUSED …`). */
function networkReason(error) {
    if (!(error instanceof Error))
        return String(error);
    const cause = error.cause;
    const text = cause instanceof Error && !error.message.includes(cause.message)
        ? `${error.message}: ${cause.message}`
        : error.message;
    const known = (0,errors_src/* knownCause */.T4)({ text, ...((0,errors_src/* errnoCode */.UK)(error) ? { code: (0,errors_src/* errnoCode */.UK)(error) } : {}) });
    return known?.advice ? `${text} (${known.advice})` : text;
}
const redirectStatuses = new Set([301, 302, 303, 307, 308]);
const client_maxRedirects = 5;
class client_RegistryClient {
    registry;
    options;
    baseUrl;
    tokens = new Map();
    challenge;
    constructor(registry, options = {}) {
        this.registry = registry;
        this.options = options;
        this.baseUrl = registryBaseUrl(registry, options);
        proxyFromEnvironment();
    }
    async request(request) {
        const streamed = request.body instanceof ReadableStream;
        const attempts = streamed || request.once ? 1 : (this.options.attempts ?? 5);
        let lastError;
        let tried = attempts;
        for (let attempt = 1; attempt <= attempts; attempt++) {
            let response;
            try {
                response = await this.send(request);
                // The first challenge, or a token that expired: authenticate once more and send again.
                if (response.status === 401 && !streamed) {
                    await this.authenticate(response, request.scope);
                    response = await this.send(request);
                }
            }
            catch (error) {
                if (error instanceof errors_RegistryError)
                    throw error;
                lastError = error;
                // A host name that does not resolve does not resolve on the next attempt either.
                if ((0,errors_src/* errnoCode */.UK)(error) === 'ENOTFOUND') {
                    tried = attempt;
                    break;
                }
                if (attempt < attempts)
                    await this.wait(attempt, undefined);
                continue;
            }
            if (response.status === 429 || response.status >= 500) {
                lastError = new errors_RegistryError(`${this.registry} answered ${response.status} to ${request.method} ${request.path}`, response.status);
                await response.body?.cancel();
                if (attempt < attempts)
                    await this.wait(attempt, response.headers.get('retry-after'));
                continue;
            }
            if (response.ok || (request.accept ?? []).includes(response.status))
                return response;
            throw await this.failure(request, response);
        }
        const answered = lastError instanceof errors_RegistryError ? lastError.status : undefined;
        throw new errors_RegistryError(`${this.registry}: ${request.method} ${request.path} failed after ${tried} attempt${tried === 1 ? '' : 's'}: ${networkReason(lastError)}`, answered, {}, answered === undefined);
    }
    /**
     * Sends the request, following redirects here rather than in fetch: the registry's credentials go to the
     * registry's own origin only, never to the origin a Location (an upload URL, a redirect) names.
     */
    async send(request) {
        let url = new URL(request.path, this.baseUrl);
        let method = request.method;
        let body = request.body;
        for (let hop = 0;; hop++) {
            const headers = { ...request.headers };
            const authorization = this.authorizationFor(request.scope, url);
            if (authorization)
                headers.authorization = authorization;
            const timeoutMs = this.options.timeoutMs ?? 120_000;
            // A large body in memory goes through node:http (http-send.ts), unless only fetch reaches the proxy.
            const direct = body instanceof Uint8Array && body.byteLength >= directBodyBytes && (!proxyConfigured() || nodeHttpProxied());
            const response = direct
                ? await httpSend(url, { method, headers, body: body, timeoutMs })
                : await fetch(url, {
                    method,
                    headers,
                    ...(body ? { body, duplex: 'half' } : {}),
                    redirect: 'manual',
                    signal: AbortSignal.timeout(timeoutMs),
                });
            const location = response.headers.get('location');
            if (!redirectStatuses.has(response.status) || !location)
                return response;
            await response.body?.cancel();
            if (hop >= client_maxRedirects)
                throw new errors_RegistryError(`${this.registry}: more than ${client_maxRedirects} redirects for ${request.method} ${request.path}`);
            if (body instanceof ReadableStream)
                throw new errors_RegistryError(`${this.registry} redirected a streamed ${request.method} ${request.path}; cannot send it again`);
            if (response.status === 303) {
                method = 'GET';
                body = undefined;
            }
            url = new URL(location, url);
        }
    }
    /**
     * The Authorization header for a scope a request has already authenticated in, for a request to `url` (default:
     * the registry itself). None for another origin: credentials and tokens belong to the registry alone.
     */
    authorizationFor(scope, url) {
        if (url && url.origin !== new URL(this.baseUrl).origin)
            return undefined;
        return this.authorization(scope);
    }
    get timeoutMs() {
        return this.options.timeoutMs ?? 120_000;
    }
    authorization(scope) {
        if (this.challenge?.scheme === 'basic' && this.options.credentials?.password)
            return basicHeader(this.options.credentials);
        const token = this.tokens.get(scope);
        return token ? `Bearer ${token}` : undefined;
    }
    async authenticate(response, scope) {
        await response.body?.cancel();
        const challenge = parseChallenge(response.headers.get('www-authenticate'));
        if (!challenge)
            throw new errors_RegistryError(`${this.registry} asks for authentication it does not describe`, 401);
        this.challenge = challenge;
        if (challenge.scheme === 'basic') {
            if (!this.options.credentials?.password)
                throw new errors_RegistryError(`${this.registry} needs a username and password`, 401);
            return;
        }
        const realm = challenge.params.realm;
        if (!realm)
            throw new errors_RegistryError(`${this.registry} asks for a bearer token without saying where to get one`, 401);
        const url = new URL(realm);
        const tokenResponse = await this.requestToken(url, challenge.params.service, scope);
        if (!tokenResponse.ok) {
            throw new errors_RegistryError(`${this.registry}: the token service ${url.origin} refused the credentials (${tokenResponse.status})`, tokenResponse.status);
        }
        const body = (await tokenResponse.json());
        const token = body.token ?? body.access_token;
        if (!token)
            throw new errors_RegistryError(`${this.registry}: the token service ${url.origin} returned no token`);
        this.tokens.set(scope, token);
    }
    /**
     * Asks the token service for a token for `scope`: with an identity token, the OAuth2 refresh-token grant
     * (a form POST, as the docker CLI does); otherwise a GET with the user name and password as Basic auth.
     */
    requestToken(url, service, scope) {
        const credentials = this.options.credentials;
        const signal = AbortSignal.timeout(this.options.timeoutMs ?? 120_000);
        if (credentials?.identityToken) {
            const form = new URLSearchParams({
                grant_type: 'refresh_token',
                refresh_token: credentials.identityToken,
                client_id: 'gitops',
                scope,
            });
            if (service)
                form.set('service', service);
            return fetch(url, {
                method: 'POST',
                headers: { 'content-type': 'application/x-www-form-urlencoded' },
                body: form.toString(),
                signal,
            });
        }
        if (service)
            url.searchParams.set('service', service);
        url.searchParams.set('scope', scope);
        const headers = {};
        if (credentials)
            headers.authorization = basicHeader(credentials);
        return fetch(url, { headers, signal });
    }
    async failure(request, response) {
        let detail = '';
        try {
            const body = (await response.json());
            detail = (body.errors ?? []).map((e) => `${e.code}: ${e.message}`).join('; ');
        }
        catch {
            // not a JSON error body
        }
        const known = (0,errors_src/* knownCause */.T4)({ status: response.status });
        const advice = known?.advice ? ` (${known.advice})` : '';
        if (response.status === 401) {
            const credentials = this.options.credentials;
            const who = credentials?.identityToken
                ? 'the identity token'
                : credentials
                    ? `user "${credentials.username}"`
                    : 'anonymous access';
            return new errors_RegistryError(`${this.registry} refused ${who} (401 Unauthorized)${detail ? `: ${detail}` : ''}${advice}`, 401);
        }
        return new errors_RegistryError(`${this.registry}: ${request.method} ${request.path} answered ${response.status}${detail ? `: ${detail}` : ''}${advice}`, response.status);
    }
    /**
     * Waits as a retry of `attempt` should: Retry-After when the registry gave one (seconds, or an HTTP date, RFC 9110
     * section 10.2.3), at most 30 s; else exponential backoff.
     */
    async wait(attempt, retryAfter) {
        const given = retryAfterMs(retryAfter, Date.now());
        const ms = given !== undefined ? Math.min(given, 30_000) : Math.min(200 * 2 ** (attempt - 1), 5_000);
        await (this.options.sleep ?? ((delay) => new Promise((resolve) => setTimeout(resolve, delay))))(ms);
    }
}
/** Retry-After as milliseconds from `now`: delay-seconds, or an HTTP date; undefined when it is neither. */
function retryAfterMs(value, now) {
    const text = value?.trim();
    if (!text)
        return undefined;
    if (/^\d+$/.test(text))
        return Number(text) * 1000;
    const at = Date.parse(text);
    return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}

;// CONCATENATED MODULE: ./packages/registry/src/progress.ts
// Long transfers show that they are alive: a copy or push logs the blobs and bytes done with the rate, at least
// every 10 s while it runs, and when a blob of some weight (a twentieth of the image or more, and 1 MiB or more)
// is done, so a large layer's end is seen at once and a hundred small ones do not flood the log.
const mebibyte = 1024 * 1024;
const megabytes = (bytes) => (bytes / mebibyte).toFixed(1);
class progress_TransferProgress {
    report;
    totals;
    blobs = 0;
    bytes = 0;
    started = Date.now();
    timer;
    stopped = false;
    constructor(report, totals, intervalMs = 10_000) {
        this.report = report;
        this.totals = totals;
        this.timer = setInterval(() => this.tell(), intervalMs);
        // A copy that ends does not wait for the next tick.
        this.timer.unref();
    }
    /** Bytes sent (or found at the destination already). */
    add(bytes) {
        this.bytes += bytes;
    }
    /** A blob is done: uploaded, mounted or already there. */
    blobDone(size) {
        this.blobs++;
        if (size >= mebibyte && size * 20 >= this.totals.bytes)
            this.tell();
    }
    /** No more lines; `done`: the transfer finished, and its last line says so. Later calls do nothing. */
    stop(done) {
        if (this.stopped)
            return;
        this.stopped = true;
        clearInterval(this.timer);
        if (done)
            this.tell(true);
    }
    tell(done = false) {
        const seconds = Math.max((Date.now() - this.started) / 1000, 0.001);
        this.report(`${this.blobs}/${this.totals.blobs} blobs, ${megabytes(this.bytes)} of ${megabytes(this.totals.bytes)} MiB sent, ${megabytes(this.bytes / seconds)} MiB/s`, done);
    }
}

;// CONCATENATED MODULE: ./packages/registry/src/copy.ts
// Copies an image (or a multi-platform index, every child) between repositories and registries, exact bytes,
// so the digest is the same everywhere: build once, promote the same digest. Its signatures and attestations go
// with it (referrers.ts).





const copy_noStats = () => ({
    uploadedBlobs: 0,
    uploadedBytes: 0,
    mountedBlobs: 0,
    presentBlobs: 0,
    referrers: 0,
});
/**
 * Copies `reference` from `source` to `destination`, tagging it `tags` there; returns the digest. `progress` gets
 * a line on the blobs and bytes done at least every 10 s, and as each large blob is done.
 */
async function copy_copyImage(source, reference, destination, tags, options = {}) {
    const run = { source, destination, stats: copy_noStats(), progress: options.progress };
    const manifest = await manifests_getManifest(source.client, source.repository, reference);
    await copyManifestTree(run, manifest);
    // Signatures and attestations of the image, and of each platform's image in an index, before any tag: a tag
    // names an image whose signatures are there already.
    const children = manifests_isIndex(manifest.mediaType) ? (manifests_parseManifest(manifest).manifests ?? []) : [];
    run.stats.referrers = await copyReferrers(source, destination, [manifest.digest, ...children.map((child) => child.digest)], async (referrer) => {
        await copyManifestTree({ ...run, progress: undefined }, referrer);
    });
    for (const tag of tags)
        await manifests_putManifest(destination.client, destination.repository, tag, manifest);
    if (tags.length === 0)
        await manifests_putManifest(destination.client, destination.repository, manifest.digest, manifest);
    return { digest: manifest.digest, stats: run.stats };
}
async function copyManifestTree(run, manifest) {
    const { source, destination } = run;
    const content = manifests_parseManifest(manifest);
    if (manifests_isIndex(manifest.mediaType)) {
        for (const child of content.manifests ?? []) {
            const childManifest = await manifests_getManifest(source.client, source.repository, child.digest);
            await copyManifestTree(run, childManifest);
            await manifests_putManifest(destination.client, destination.repository, child.digest, childManifest);
        }
        return;
    }
    const blobs = [content.config, ...(content.layers ?? [])].filter((blob) => blob !== undefined);
    const total = blobs.reduce((sum, blob) => sum + (Number.isFinite(blob.size) ? blob.size : 0), 0);
    const progress = run.progress ? new progress_TransferProgress(run.progress, { blobs: blobs.length, bytes: total }) : undefined;
    try {
        await parallel_inParallel(blobs, parallel_blobTransfers, async (blob, signal) => {
            await copyBlob({ ...run, digest: blob.digest, signal, progress });
            progress?.blobDone(blob.size);
        });
        progress?.stop(true);
    }
    finally {
        progress?.stop(false);
    }
}
async function copyBlob({ source, destination, digest, stats, signal, progress }) {
    if (await blobs_hasBlob(destination.client, destination.repository, digest)) {
        stats.presentBlobs++;
        return;
    }
    const sameRegistry = source.client.baseUrl === destination.client.baseUrl;
    if (sameRegistry && (await mountBlob(destination.client, destination.repository, digest, source.repository))) {
        stats.mountedBlobs++;
        return;
    }
    signal.throwIfAborted();
    const bytes = await streamBlob(source, destination, digest, { signal, onBytes: (count) => progress?.add(count) });
    stats.uploadedBlobs++;
    stats.uploadedBytes += bytes;
}

// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(38522);
// EXTERNAL MODULE: external "node:stream/promises"
var external_node_stream_promises_ = __webpack_require__(46466);
;// CONCATENATED MODULE: ./packages/registry/src/oci-layout.ts
// OCI image layouts on disk (oci-layout, index.json, blobs/sha256/…): what build-image writes and
// push-registry reads, so an image can be published without a Docker daemon.








const refName = 'org.opencontainers.image.ref.name';
function oci_layout_blobPath(dir, digest) {
    const [algorithm = '', hex = ''] = digest.split(':');
    return path.join(dir, 'blobs', algorithm, hex);
}
/** Opens a layout; with several images in index.json, `ref` picks one by its ref.name annotation. */
function oci_layout_readLayout(dir, ref) {
    let index;
    try {
        index = JSON.parse(readFileSync(path.join(dir, 'index.json'), 'utf8'));
    }
    catch (error) {
        throw new RegistryError(`${dir} is not an OCI image layout (no readable index.json): ${error.message}`);
    }
    const entries = index.manifests ?? [];
    const entry = ref === undefined
        ? entries.length === 1
            ? entries[0]
            : undefined
        : entries.find((candidate) => candidate.annotations?.[refName] === ref);
    if (!entry) {
        const names = entries.map((candidate) => candidate.annotations?.[refName] ?? candidate.digest).join(', ');
        throw new RegistryError(`${dir}: ${ref === undefined ? `holds ${entries.length} images (${names}); name one` : `no image "${ref}" (it holds ${names})`}`);
    }
    const blob = (digest) => {
        let bytes;
        try {
            bytes = new Uint8Array(readFileSync(oci_layout_blobPath(dir, digest)));
        }
        catch {
            throw new RegistryError(`${dir}: blob ${digest} is missing`);
        }
        verifyDigest(bytes, digest, `${dir}: blob ${digest}`);
        return bytes;
    };
    const blobFile = (digest) => {
        const file = oci_layout_blobPath(dir, digest);
        try {
            return { path: file, size: statSync(file).size };
        }
        catch {
            throw new RegistryError(`${dir}: blob ${digest} is missing`);
        }
    };
    const bytes = blob(entry.digest);
    return { dir, manifest: { bytes, mediaType: entry.mediaType, digest: entry.digest }, blob, blobFile };
}
/** Writes blobs (those not streamed in with writeLayoutBlob) and an index.json naming `manifest` (as `ref`). */
function oci_layout_writeLayout(dir, manifest, blobs, ref) {
    mkdirSync(path.join(dir, 'blobs', 'sha256'), { recursive: true });
    for (const bytes of blobs)
        writeFileSync(oci_layout_blobPath(dir, sha256Digest(bytes)), bytes);
    writeFileSync(path.join(dir, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}\n');
    writeFileSync(oci_layout_blobPath(dir, manifest.digest), manifest.bytes);
    const entry = {
        mediaType: manifest.mediaType,
        digest: manifest.digest,
        size: manifest.bytes.byteLength,
        ...(ref ? { annotations: { [refName]: ref } } : {}),
    };
    writeFileSync(path.join(dir, 'index.json'), `${JSON.stringify({ schemaVersion: 2, mediaType: mediaTypes.ociIndex, manifests: [entry] })}\n`);
}
/**
 * Streams a blob into the layout (through `transform`, e.g. gzip, when given), hashing what is written: the file
 * is named by that digest once complete, so a half-written blob never carries a digest.
 */
async function oci_layout_writeLayoutBlob(dir, source, transform) {
    mkdirSync(path.join(dir, 'blobs', 'sha256'), { recursive: true });
    const incoming = path.join(dir, 'blobs', 'sha256', `.incoming-${process.pid}-${++incomingCount}`);
    const hash = createHash('sha256');
    let size = 0;
    const measure = new PassThrough();
    measure.on('data', (chunk) => {
        hash.update(chunk);
        size += chunk.byteLength;
    });
    try {
        await pipeline([source, ...(transform ? [transform] : []), measure, createWriteStream(incoming)]);
    }
    catch (error) {
        rmSync(incoming, { force: true });
        throw error;
    }
    const digest = `sha256:${hash.digest('hex')}`;
    renameSync(incoming, oci_layout_blobPath(dir, digest));
    return { digest, size };
}
let incomingCount = 0;


;// CONCATENATED MODULE: ./packages/registry/src/docker-archive.ts
// `docker save` output to an OCI layout. Layers are gzipped with fixed settings and no timestamp, so saving
// the same image twice gives the same blobs and the same manifest digest. The archive is indexed on disk and
// each layer streamed (through gzip when it is a plain tar) into the layout: memory stays small whatever the
// image's size.









/** Converts the archive at `archive`; returns the manifest written (its digest is what a push publishes). */
async function docker_archive_dockerArchiveToLayout(archive, dir, ref) {
    const fd = openSync(archive, 'r');
    try {
        const readAt = (offset, length) => {
            const bytes = Buffer.alloc(length);
            if (readSync(fd, bytes, 0, length, offset) !== length)
                throw new RegistryError(`${archive} is truncated`);
            return new Uint8Array(bytes);
        };
        const entries = indexTar(readAt, fstatSync(fd).size);
        const entry = (name) => {
            // Docker 25+ writes an OCI layout inside the archive and names blobs by path.
            const found = entries.get(name);
            if (!found)
                throw new RegistryError(`the docker save archive lacks ${name}`);
            return found;
        };
        const manifestFile = entries.get('manifest.json');
        if (!manifestFile)
            throw new RegistryError('not a docker save archive: no manifest.json');
        const saved = JSON.parse(Buffer.from(readAt(manifestFile.offset, manifestFile.size)).toString('utf8'));
        const image = ref === undefined ? saved[0] : (saved.find((candidate) => candidate.RepoTags?.includes(ref)) ?? saved[0]);
        if (!image)
            throw new RegistryError('the docker save archive holds no image');
        const configEntry = entry(image.Config);
        const config = readAt(configEntry.offset, configEntry.size);
        const layers = [];
        // gzip runs on libuv's threads: a few layers at once use the cores.
        await inParallel(image.Layers.map((name, index) => ({ index, layer: entry(name) })), Math.max(1, Math.min(4, availableParallelism())), async ({ index, layer }) => {
            const gzipped = layer.size >= 2 && isGzip(readAt(layer.offset, 2));
            const source = layer.size === 0
                ? Readable.from([])
                : createReadStream(archive, { start: layer.offset, end: layer.offset + layer.size - 1 });
            layers[index] = await writeLayoutBlob(dir, source, gzipped ? undefined : createGzip({ level: 6 }));
        });
        const manifest = imageManifestOf(config, layers);
        writeLayout(dir, manifest, [config], ref ?? image.RepoTags?.[0]);
        return manifest;
    }
    finally {
        closeSync(fd);
    }
}
function isGzip(bytes) {
    return bytes[0] === 0x1f && bytes[1] === 0x8b;
}

;// CONCATENATED MODULE: ./packages/registry/src/docker-config.ts
// Credentials the way docker keeps them (~/.docker/config.json: auths, credsStore, credHelpers), so a
// workflow that ran docker/login-action needs no extra inputs.




/** docker's config.json: in $DOCKER_CONFIG, else ~/.docker, as the docker CLI looks for it. */
function docker_config_dockerConfigFile(env) {
    return external_node_path_.join(env.DOCKER_CONFIG ?? external_node_path_.join(env.HOME ?? (0,external_node_os_.homedir)(), '.docker'), 'config.json');
}
function keysFor(registry) {
    if (registry === 'docker.io')
        return ['https://index.docker.io/v1/', 'index.docker.io', 'docker.io', 'registry-1.docker.io'];
    return [registry, `https://${registry}`, `http://${registry}`];
}
/**
 * The credentials docker itself would use for `registry`, in the docker CLI's order: a credHelpers entry for the
 * registry, else the credsStore, else the auths entry. Once a helper is chosen it alone answers, as in docker:
 * an `auths` entry beside it is not a fallback (docker keeps only placeholders there).
 */
function dockerCredentials(registry, env = process.env) {
    let config;
    try {
        config = JSON.parse((0,external_node_fs_.readFileSync)(docker_config_dockerConfigFile(env), 'utf8'));
    }
    catch {
        return undefined;
    }
    const keys = keysFor(registry);
    const helper = keys.map((key) => config.credHelpers?.[key]).find(Boolean) ?? config.credsStore;
    if (helper)
        return fromHelper(helper, keys[0], env);
    for (const key of keys) {
        const entry = config.auths?.[key];
        if (!entry)
            continue;
        let username = entry.username ?? '';
        let password = entry.password ?? '';
        if (entry.auth) {
            const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
            const colon = decoded.indexOf(':');
            if (colon > 0)
                [username, password] = [decoded.slice(0, colon), decoded.slice(colon + 1)];
        }
        if (entry.identitytoken)
            return { username, password, identityToken: entry.identitytoken };
        if (username && password)
            return { username, password };
    }
    return undefined;
}
/** Asks `docker-credential-<helper> get`, found on PATH only: a helper name is a name, never a path. */
function fromHelper(helper, serverAddress, env) {
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(helper))
        return undefined;
    try {
        const output = (0,external_node_child_process_.execFileSync)(`docker-credential-${helper}`, ['get'], {
            env,
            input: serverAddress,
            encoding: 'utf8',
            timeout: 15_000,
            stdio: ['pipe', 'pipe', 'ignore'],
        });
        const parsed = JSON.parse(output);
        if (!parsed.Username || !parsed.Secret)
            return undefined;
        // Helpers keep an identity token under the user name `<token>`, as the docker CLI stores it.
        if (parsed.Username === '<token>')
            return { username: '', password: '', identityToken: parsed.Secret };
        return { username: parsed.Username, password: parsed.Secret };
    }
    catch {
        return undefined;
    }
}

;// CONCATENATED MODULE: ./packages/registry/src/login.ts
// A user name and password given as inputs belong to one registry, as a `docker login` does: the registry they
// name, else the only one the destinations are on. Every other registry gets docker's own credentials for it
// (docker/login-action writes one entry per registry), so a token for one registry never reaches another.


/** `ghcr.io`, `https://ghcr.io/`, `index.docker.io` and `https://index.docker.io/v1/` as image references name them. */
function registryHost(text) {
    const host = text
        .trim()
        .replace(/^[a-z]+:\/\//i, '')
        .replace(/\/.*$/, '')
        .toLowerCase();
    // Read as references do: the first part is the registry only when it has a dot or a port, or is localhost.
    const ref = host ? tryParseImageRef(`${host}/gitops/probe`) : undefined;
    return ref?.repository === 'gitops/probe' ? ref.registry : undefined;
}
/** The credentials for each registry: the login's for its own registry, `others` for the rest. */
function login_credentialsWithLogin(login, registries, others) {
    if (!login)
        return others;
    let owner;
    if (login.registry) {
        owner = registryHost(login.registry);
        if (!owner)
            throw new RegistryError(`"${login.registry}" is not a registry host`, undefined, {
                subject: login.names.registry,
            });
    }
    else {
        const distinct = [...new Set(registries)];
        if (distinct.length > 1)
            throw new RegistryError(`the destinations are on ${distinct.join(', ')}, and ${login.names.username} is for one registry: name it in ${login.names.registry}, and log in to the others with docker/login-action`, undefined, { subject: login.names.registry });
        owner = distinct[0];
    }
    return (registry) => (registry === owner ? login.credentials : others(registry));
}

;// CONCATENATED MODULE: ./packages/registry/src/docker-engine.ts
// Whether the local Docker engine holds an image, asked over its API socket (a few milliseconds) rather than by
// starting the docker CLI (some 50 ms on a runner, on every push-registry of a remote image). Engines the API
// path cannot reach the way the CLI would (tcp with TLS, a docker context) are asked through the CLI.




async function docker_engine_dockerHasImage(name, env = process.env) {
    const socket = engineSocket(env);
    if (socket === undefined)
        return cliHasImage(name);
    return new Promise((resolve) => {
        const request = http.get({ socketPath: socket, path: `/images/${encodeURI(name)}/json`, timeout: 10_000, agent: false }, (response) => {
            response.resume();
            resolve(response.statusCode === 200);
        });
        // No engine there (no socket, refused, silent): the image is not a local one.
        request.on('error', () => resolve(false));
        request.on('timeout', () => request.destroy());
    });
}
/** The engine's unix socket as the CLI would find it; undefined when the CLI must be asked. */
function engineSocket(env) {
    const host = env.DOCKER_HOST;
    if (host)
        return host.startsWith('unix://') ? host.slice('unix://'.length) : undefined;
    if (env.DOCKER_CONTEXT && env.DOCKER_CONTEXT !== 'default')
        return undefined;
    try {
        const config = JSON.parse(readFileSync(dockerConfigFile(env), 'utf8'));
        if (config.currentContext && config.currentContext !== 'default')
            return undefined;
    }
    catch {
        // no config: the default context
    }
    return '/var/run/docker.sock';
}
function cliHasImage(name) {
    const result = spawnSync('docker', ['image', 'inspect', '--format', '{{.Id}}', name], {
        stdio: ['ignore', 'pipe', 'ignore'],
        timeout: 30_000,
    });
    return result.status === 0;
}

// EXTERNAL MODULE: ./node_modules/.pnpm/semver@7.8.6/node_modules/semver/index.js
var node_modules_semver = __webpack_require__(82320);
;// CONCATENATED MODULE: ./packages/registry/src/tags.ts
// The tags a repository holds, as the distribution API lists them: GET /v2/<name>/tags/list, paged by its Link
// header. Each page is read with a cap; a next page is followed only within the same repository's list.

/** Pages of 1,000 tags read at most: a repository with more is rare, and its oldest tags are not the highest. */
const tags_maxPages = 50;
async function tags_listTags(client, repository) {
    const tags = [];
    const own = `/v2/${repository}/tags/list?`;
    let path = `${own}n=1000`;
    for (let page = 0; page < tags_maxPages && path; page++) {
        const response = await client.request({
            method: 'GET',
            path,
            scope: `repository:${repository}:pull`,
            accept: [404],
        });
        if (response.status === 404) {
            await response.body?.cancel();
            return tags; // no such repository yet: it holds no tags
        }
        const text = new TextDecoder().decode(await boundedBody(response, `the tag list of ${repository}`));
        const listed = tagsOf(text);
        if (Array.isArray(listed))
            for (const tag of listed)
                if (typeof tag === 'string')
                    tags.push(tag);
        const next = /<([^>]+)>\s*;\s*rel="?next"?/.exec(response.headers.get('link') ?? '')?.[1];
        path = next?.startsWith(own) ? next : undefined;
    }
    return tags;
}
/** The `tags` of a tag list's JSON; none where the answer is not one. */
function tagsOf(text) {
    try {
        return JSON.parse(text)?.tags;
    }
    catch {
        return undefined;
    }
}

;// CONCATENATED MODULE: ./packages/registry/src/floating-tags.ts
// Floating tags that only move forward. A release pushes its exact version (`1.2.1`) and the tags that float over
// it (`1.2`, `1`, `latest`); a patch of an older line must not take `1` or `latest` back in time
// (docker/metadata-action#80, #326). Each floating tag moves only when the version pushed is the highest the
// registry holds for its line, its exact tags read from the repository's tag list and compared with semver; a
// pre-release never moves one.


/** `X.Y.Z` (and pre-releases): the exact version a set of tags is about, the most precise semver tag among them. */
function exactVersion(tags) {
    const versions = tags.flatMap((tag) => {
        const parsed = /^v?\d+\.\d+\.\d+/.test(tag) ? semver.parse(tag, { loose: false }) : null;
        return parsed ? [parsed] : [];
    });
    return versions.sort(semver.rcompare)[0];
}
/** The line a floating tag stands for over `version`: `1` → major 1, `1.2` → 1.2, `latest` → all; else none. */
function lineOf(tag, version) {
    const bare = tag.replace(/^v/, '');
    if (tag === 'latest')
        return () => true;
    if (bare === `${version.major}`)
        return (other) => other.major === version.major;
    if (bare === `${version.major}.${version.minor}`)
        return (other) => other.major === version.major && other.minor === version.minor;
    return undefined;
}
/**
 * Which of `tags` to push given the tags the repository holds: all of them with `always`, or without an exact
 * version among them; else the exact ones, and each floating one whose line holds nothing higher than the version.
 */
function floatingPlan(tags, existing, mode) {
    const version = exactVersion(tags);
    if (mode === 'always' || !version)
        return { push: [...tags], held: [] };
    const released = existing.flatMap((tag) => {
        const parsed = /^v?\d+\.\d+\.\d+$/.test(tag) ? semver.parse(tag) : null;
        return parsed && parsed.prerelease.length === 0 ? [parsed] : [];
    });
    const push = [];
    const held = [];
    for (const tag of tags) {
        const line = lineOf(tag, version);
        if (!line) {
            push.push(tag);
            continue;
        }
        if (version.prerelease.length > 0) {
            held.push({ tag, reason: `${version.version} is a pre-release` });
            continue;
        }
        const higher = released.filter(line).sort(semver.rcompare)[0];
        if (higher && semver.gt(higher, version))
            held.push({ tag, reason: `the registry holds ${higher.version}, higher than ${version.version}` });
        else
            push.push(tag);
    }
    return { push, held };
}
/** The plan for the tags pushed to one repository: its tag list is read only when a floating tag is among them. */
async function floating_tags_forwardTags(client, repository, tags, mode) {
    const version = exactVersion(tags);
    if (mode === 'always' || !version || !tags.some((tag) => lineOf(tag, version)))
        return { push: [...tags], held: [] };
    return floatingPlan(tags, await listTags(client, repository), mode);
}

;// CONCATENATED MODULE: ./packages/registry/src/merge.ts
// One multi-platform image from several single-platform ones: the OCI layouts a matrix of native builds wrote (one
// per runner), merged into one index that names each platform's manifest by digest. The index is made here and
// pushed as a layout whose blobs are read from the layout that holds each; nothing is copied on disk. An input
// that is itself an index is flattened, its attestation manifests carried along. The same inputs give the same
// bytes, so the same digest: platforms in a fixed order, attestations after them, JSON without whitespace.





const attestationType = 'vnd.docker.reference.type';
const platformText = (p) => `${p.os}/${p.architecture}${p.variant ? `/${p.variant}` : ''}`;
/** The layouts as one: its manifest the merged index, its blobs each from the layout that holds it. */
function merge_mergeLayouts(inputs) {
    const images = [];
    const attestations = [];
    for (const input of inputs) {
        for (const descriptor of descriptorsOf(input)) {
            if (descriptor.annotations?.[attestationType] === 'attestation-manifest') {
                attestations.push(descriptor);
                continue;
            }
            const platform = descriptor.platform;
            const twin = images.find((image) => platformText(image.descriptor.platform) === platformText(platform));
            if (twin)
                throw new RegistryError(`${twin.from} and ${input.label} are both ${platformText(platform)}: give each platform once`, undefined, {
                    subject: 'source',
                });
            images.push({ descriptor, from: input.label });
        }
    }
    const byPlatform = (a, b) => platformText(a.platform) < platformText(b.platform) ? -1 : 1;
    const manifests = [
        ...images.map((image) => image.descriptor).sort(byPlatform),
        ...attestations.sort((a, b) => (a.digest < b.digest ? -1 : 1)),
    ];
    const bytes = new Uint8Array(Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: mediaTypes.ociIndex, manifests })));
    const holder = (digest) => {
        const found = inputs.find((input) => input.holds ? input.holds(digest) : existsSync(blobPath(input.layout.dir, digest)));
        if (!found)
            throw new RegistryError(`no input holds blob ${digest}`);
        return found.layout;
    };
    return {
        dir: inputs[0]?.layout.dir ?? '',
        manifest: { bytes, mediaType: mediaTypes.ociIndex, digest: sha256Digest(bytes) },
        blob: (digest) => holder(digest).blob(digest),
        blobFile: (digest) => holder(digest).blobFile(digest),
    };
}
/** An input's image manifests with their platforms (an index flattened), and its attestation manifests. */
function descriptorsOf(input) {
    const { manifest } = input.layout;
    if (!isIndex(manifest.mediaType)) {
        const platform = platformOf(input, parseManifest(manifest).config?.digest);
        return [{ mediaType: manifest.mediaType, digest: manifest.digest, size: manifest.bytes.byteLength, platform }];
    }
    const children = (parseManifest(manifest).manifests ?? []);
    return children.map((child) => {
        if (child.annotations?.[attestationType] === 'attestation-manifest' || child.platform?.os)
            return child;
        const content = parseManifest({
            ...manifest,
            bytes: input.layout.blob(child.digest),
            mediaType: child.mediaType,
            digest: child.digest,
        });
        return { ...child, platform: platformOf(input, content.config?.digest) };
    });
}
/** The platform an image's config says it is for. */
function platformOf(input, config) {
    let parsed = {};
    try {
        parsed = config ? JSON.parse(Buffer.from(input.layout.blob(config)).toString('utf8')) : {};
    }
    catch {
        parsed = {};
    }
    if (typeof parsed.os !== 'string' || typeof parsed.architecture !== 'string')
        throw new RegistryError(`${input.label}: the image's config names no os and architecture`, undefined, {
            subject: 'source',
        });
    return {
        os: parsed.os,
        architecture: parsed.architecture,
        ...(typeof parsed.variant === 'string' && parsed.variant ? { variant: parsed.variant } : {}),
    };
}

;// CONCATENATED MODULE: ./packages/registry/src/merge-remote.ts
// A platform image given by digest (pushed by digest with no tag, as a matrix job does) as an input of a merge: it
// is brought into the destination repository by digest first (nothing moves when it is there already; blobs the
// destination has are skipped, those on the same registry mounted), then its manifest and config are read back, as
// much of a layout as the merge and the push of the index read.




async function merge_remote_remoteMergeInput(label, from, to) {
    const { stats } = await copyImage(from, from.digest, to, []);
    const manifest = await getManifest(to.client, to.repository, from.digest);
    const blobs = new Map([[manifest.digest, manifest.bytes]]);
    const children = isIndex(manifest.mediaType) ? (parseManifest(manifest).manifests ?? []) : [];
    for (const image of [
        manifest,
        ...(await Promise.all(children.map((c) => getManifest(to.client, to.repository, c.digest)))),
    ]) {
        blobs.set(image.digest, image.bytes);
        const config = isIndex(image.mediaType) ? undefined : parseManifest(image).config?.digest;
        // Configs are small (the platform is read from them); layers are never read: they are in the destination.
        if (config && !blobs.has(config))
            blobs.set(config, await getBlob(to.client, to.repository, config));
    }
    const blob = (digest) => {
        const bytes = blobs.get(digest);
        if (!bytes)
            throw new RegistryError(`${label}: blob ${digest} is not in ${to.repository}`);
        return bytes;
    };
    return {
        label,
        layout: {
            dir: '',
            manifest,
            blob,
            blobFile: (digest) => {
                throw new RegistryError(`${label}: blob ${digest} is not in ${to.repository}`);
            },
        },
        holds: (digest) => blobs.has(digest),
        stats,
    };
}

;// CONCATENATED MODULE: ./packages/registry/src/push.ts
// Publishes an image from an OCI layout: blobs the destination lacks, then the manifest under each tag.






/** Blobs above this are read from their file in chunks; smaller ones (configs, manifests) whole. */
const streamThreshold = (/* unused pure expression or super */ null && (1024 * 1024));
async function push_pushLayout(layout, client, repository, tags, options = {}) {
    const stats = noStats();
    const { manifest } = layout;
    const { blobs, children } = treeOf(layout);
    // Every blob of the tree at once (at most blobTransfers in flight): an index's platforms go up together, not
    // one platform after another. Manifests follow, children before the index that names them.
    const total = blobs.reduce((sum, blob) => sum + (Number.isFinite(blob.size) ? blob.size : 0), 0);
    const progress = options.progress && new TransferProgress(options.progress, { blobs: blobs.length, bytes: total });
    try {
        await inParallel(blobs, blobTransfers, async (blob) => {
            if (await hasBlob(client, repository, blob.digest))
                stats.presentBlobs++;
            else {
                // Layers go in chunks read from the file: memory stays at a chunk per transfer, and no upload waits while
                // another's whole layer is read and hashed in one go (four 25 MB layers: 1.6 s read whole, 1.2 s in chunks).
                const file = layout.blobFile(blob.digest);
                if (file.size > streamThreshold)
                    await putFileChunked(client, repository, blob.digest, file);
                else
                    await putBlob(client, repository, blob.digest, layout.blob(blob.digest));
                stats.uploadedBlobs++;
                stats.uploadedBytes += file.size;
                progress?.add(file.size);
            }
            progress?.blobDone(blob.size);
        });
        progress?.stop(true);
    }
    finally {
        progress?.stop(false);
    }
    for (const child of children)
        await putManifest(client, repository, child.digest, child);
    for (const tag of tags.length ? tags : [manifest.digest])
        await putManifest(client, repository, tag, manifest);
    return { digest: manifest.digest, stats };
}
/** The blobs (each once) of the layout's image and of every image an index names, and those images, deepest first. */
function treeOf(layout) {
    const blobs = new Map();
    const children = [];
    const walk = (image) => {
        const content = parseManifest(image);
        if (isIndex(image.mediaType)) {
            for (const child of content.manifests ?? []) {
                const manifest = { bytes: layout.blob(child.digest), mediaType: child.mediaType, digest: child.digest };
                walk(manifest);
                children.push(manifest);
            }
            return;
        }
        for (const blob of [content.config, ...(content.layers ?? [])])
            if (blob && !blobs.has(blob.digest))
                blobs.set(blob.digest, { digest: blob.digest, size: blob.size });
    };
    walk(layout.manifest);
    return { blobs: [...blobs.values()], children };
}

;// CONCATENATED MODULE: ./packages/registry/src/publish.ts
// push-registry's engine: take an image from an OCI layout, the local Docker engine or another registry, and
// publish it to every destination; the digest is the same everywhere.

















async function publishImage(request) {
    const destinations = request.destinations.map(parseDestination);
    if (destinations.length === 0)
        throw new RegistryError('name at least one reference', undefined, { subject: 'destinations' });
    const credentials = {
        source: request.credentials.source,
        destination: credentialsWithLogin(request.destinationLogin, destinations.map((destination) => destination.registry), request.credentials.destination),
    };
    const client = (registry, side) => new RegistryClient(registry, {
        credentials: credentials[side](registry),
        attempts: request.attempts,
        insecureRegistries: request.insecureRegistries,
    });
    const source = await classify(request.source);
    const groups = byRepository(destinations);
    const progress = progressOf(request.logger);
    let temp;
    try {
        let layout;
        if (source.kind === 'docker') {
            temp = mkdtempSync(path.join(request.tempDir ?? tmpdir(), 'gitops-docker-save-'));
            layout = readLayout(await exportFromDocker(source.image, temp, request.logger));
        }
        else if (source.kind === 'layout') {
            layout = readLayout(source.dir);
        }
        const images = [];
        const held = [];
        let digest;
        for (const group of groups.values()) {
            const destination = client(group.ref.registry, 'destination');
            const { tags, references } = await plannedTags(request, destination, group, held);
            const result = await request.logger.group(`Publish ${references.join(', ')}`, () => publishTo({ source, layout, client, progress }, { client: destination, repository: group.ref.repository }, tags));
            if (digest !== undefined && result.digest !== digest)
                throw new RegistryError(`the image changed while publishing: ${result.digest} after ${digest}`);
            digest = result.digest;
            for (const reference of references)
                images.push({ reference, stats: result.stats });
        }
        return { digest: digest, images, held };
    }
    finally {
        if (temp)
            rmSync(temp, { recursive: true, force: true });
    }
}
/** The image into one destination repository under `tags`: pushed from a layout, merged, or copied. */
function publishTo(what, to, tags) {
    const { source, layout, progress } = what;
    if (source.kind === 'merge')
        return pushMerged(source.sources, to, tags, { source: (registry) => what.client(registry, 'source'), progress });
    if (layout !== undefined)
        return pushLayout(layout, to.client, to.repository, tags, { progress });
    const remote = source.ref;
    const from = { client: what.client(remote.registry, 'source'), repository: remote.repository };
    return copyImage(from, remote.digest ?? remote.tag ?? 'latest', to, tags, { progress });
}
/**
 * The tags a group pushes, and its references: floating tags that would go back in time are left (added to
 * `held`, and logged with why).
 */
async function plannedTags(request, destination, group, held) {
    const plan = await forwardTags(destination, group.ref.repository, group.tags, request.floatingTags ?? 'forward');
    const left = new Map(plan.held.map((tag) => [tag.tag, tag.reason]));
    const references = [];
    for (const reference of group.references) {
        const reason = left.get(parseImageRef(reference).tag ?? '');
        if (reason === undefined) {
            references.push(reference);
            continue;
        }
        held.push({ reference, reason });
        request.logger.info(`${reference} left where it is: ${reason}`);
    }
    return { tags: plan.push, references };
}
/** The destinations grouped by repository: one push each, with every tag asked for there. */
function byRepository(destinations) {
    const groups = new Map();
    for (const destination of destinations) {
        const key = `${destination.registry}/${destination.repository}`;
        const group = groups.get(key) ?? { ref: destination, tags: [], references: [] };
        if (destination.tag)
            group.tags.push(destination.tag);
        group.references.push(formatImageRef(destination));
        groups.set(key, group);
    }
    return groups;
}
/**
 * Several platforms' images as one index in `to`: OCI layouts read in place, references by digest brought into
 * `to` by digest first; then the index is pushed (blobs already there skipped) under `tags`.
 */
async function pushMerged(sources, to, tags, options) {
    const inputs = [];
    const stats = [];
    for (const source of sources) {
        if (source.startsWith('oci:')) {
            inputs.push({ label: source, layout: readLayout(source.slice(4)) });
            continue;
        }
        const ref = parseImageRef(source);
        const from = { client: options.source(ref.registry), repository: ref.repository, digest: ref.digest };
        const input = await remoteMergeInput(source, from, to);
        inputs.push(input);
        stats.push(input.stats);
    }
    const pushed = await pushLayout(mergeLayouts(inputs), to.client, to.repository, tags, { progress: options.progress });
    return { digest: pushed.digest, stats: addStats([pushed.stats, ...stats]) };
}
function addStats(all) {
    const sum = noStats();
    for (const one of all) {
        sum.uploadedBlobs += one.uploadedBlobs;
        sum.uploadedBytes += one.uploadedBytes;
        sum.mountedBlobs += one.mountedBlobs;
        sum.presentBlobs += one.presentBlobs;
        sum.referrers += one.referrers;
    }
    return sum;
}
/** `docker save` of the image into `temp`, read back as an OCI layout; the layout's folder. */
async function exportFromDocker(image, temp, logger) {
    const layoutDir = path.join(temp, 'layout');
    await logger.group(`Export ${image} from Docker`, async () => {
        const archive = path.join(temp, 'image.tar');
        execFileSync('docker', ['save', '--output', archive, image], {
            stdio: ['ignore', 'ignore', 'pipe'],
            timeout: 600_000,
        });
        await dockerArchiveToLayout(archive, layoutDir, image);
    });
    return layoutDir;
}
function parseDestination(text) {
    try {
        const ref = parseImageRef(text);
        if (ref.digest)
            throw new RegistryError(`${text}: name a tag, not a digest (the digest is the source's)`, undefined, {
                subject: 'destinations',
            });
        return ref;
    }
    catch (error) {
        if (error instanceof ImageRefError)
            throw error.about('destinations');
        throw error;
    }
}
async function classify(given) {
    const sources = typeof given === 'string' ? [given] : given;
    if (sources.length > 1) {
        for (const source of sources)
            if (!source.startsWith('oci:') && !tryParseImageRef(source)?.digest)
                throw new RegistryError(`${source}: to merge platforms, give each as an OCI layout (oci:PATH) or a reference by digest`, undefined, { subject: 'source' });
        return { kind: 'merge', sources };
    }
    const source = sources[0] ?? '';
    if (source.startsWith('oci:'))
        return { kind: 'layout', dir: source.slice(4) };
    if (await dockerHasImage(source))
        return { kind: 'docker', image: source };
    try {
        return { kind: 'remote', ref: parseImageRef(source) };
    }
    catch (error) {
        if (error instanceof ImageRefError)
            throw new RegistryError(`${source}: not a local image, not oci:PATH, and ${error.reason}`, undefined, {
                subject: 'source',
            });
        throw error;
    }
}

;// CONCATENATED MODULE: ./packages/registry/src/pull.ts
// Writes an image from a registry into an OCI layout on disk (for pulls): blobs streamed to files and checked
// against their digests, manifests kept as their exact bytes.







async function pullToLayout(client, repository, reference, dir, ref) {
    mkdirSync(path.join(dir, 'blobs', 'sha256'), { recursive: true });
    writeFileSync(path.join(dir, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}\n');
    const top = await getManifest(client, repository, reference);
    const save = async (manifest) => {
        writeFileSync(path.join(dir, 'blobs', 'sha256', manifest.digest.slice('sha256:'.length)), manifest.bytes);
        const content = parseManifest(manifest);
        if (isIndex(manifest.mediaType)) {
            for (const child of content.manifests ?? [])
                await save(await getManifest(client, repository, child.digest));
            return;
        }
        for (const blob of [content.config, ...(content.layers ?? [])])
            if (blob)
                await downloadBlob(client, repository, blob.digest, dir);
    };
    await save(top);
    const entry = {
        mediaType: top.mediaType,
        digest: top.digest,
        size: top.bytes.byteLength,
        ...(ref ? { annotations: { 'org.opencontainers.image.ref.name': ref } } : {}),
    };
    writeFileSync(path.join(dir, 'index.json'), `${JSON.stringify({ schemaVersion: 2, mediaType: mediaTypes.ociIndex, manifests: [entry] })}\n`);
    return top;
}
async function downloadBlob(client, repository, digest, dir) {
    const response = await client.request({
        method: 'GET',
        path: `/v2/${repository}/blobs/${digest}`,
        scope: `repository:${repository}:pull`,
    });
    if (!response.body)
        throw new RegistryError(`${client.registry} sent blob ${digest} without a body`);
    const hash = createHash('sha256');
    const file = path.join(dir, 'blobs', 'sha256', digest.slice('sha256:'.length));
    const hashing = new Transform({
        transform(chunk, _encoding, callback) {
            hash.update(chunk);
            callback(null, chunk);
        },
    });
    await pipeline(Readable.fromWeb(response.body), hashing, createWriteStream(file));
    const actual = `sha256:${hash.digest('hex')}`;
    if (actual !== digest)
        throw new RegistryError(`blob ${digest} of ${client.registry}/${repository}: content does not match its digest (got ${actual})`);
}

;// CONCATENATED MODULE: ./packages/registry/src/index.ts
// An OCI distribution client on fetch: auth, blobs, manifests kept byte for byte, copies between registries.

















;// CONCATENATED MODULE: ./packages/delivery/src/attestation-sources.ts
// Where require-provenance finds the attestations of a digest: GitHub's attestations API of each allowed
// repository (as `gh attestation verify` reads them), and beside the image in its registry (the OCI referrers that
// push-registry attaches; the only place they live where GitHub stores none: private repositories outside
// Enterprise Cloud, GitHub Enterprise Server). Either source is enough. Every bundle found is verified the same
// way, so where a bundle came from decides nothing: a registry anyone can push to adds candidates, never trust.


const bundleType = 'application/vnd.dev.sigstore.bundle.v0.3+json';
/** A Sigstore bundle is a few KiB; an image has a handful. Far above both, far below what hurts a runner. */
const attachedLimits = { artifactType: bundleType, max: 32, maxBytes: 1024 * 1024 };
/** GitHub's reader: the one given, else the API with the token; undefined with neither. */
function githubReader(options) {
    if (options.attestations)
        return options.attestations;
    if (!options.token)
        return undefined;
    const api = new GitHubAttestations(options.token, options.apiUrl ?? 'https://api.github.com');
    return (repository, digest) => api.list(repository, digest);
}
/** The bundles of `digest` from GitHub (each of `repositories`) and from beside `image`, read at once. */
async function findAttestations(options, query) {
    const github = githubReader(options);
    const beside = `${query.image.registry}/${query.image.repository}`;
    const reads = [
        ...(github ? query.repositories.map((repository) => github(repository, query.digest)) : []),
        registryBundles(options.registry, query.image, query.digest),
    ];
    const settled = await Promise.allSettled(reads);
    const bundles = settled.flatMap((read) => (read.status === 'fulfilled' ? read.value : []));
    const failures = settled.flatMap((read) => (read.status === 'rejected' ? [toError(read.reason)] : []));
    const named = query.repositories.join(', ');
    const where = github
        ? `${named} or beside the image in ${beside}`
        : `${beside}, beside the image (GitHub's attestations API of ${named} was not read: no token given)`;
    return { bundles, where, failures };
}
async function registryBundles(access, image, digest) {
    const client = new client_RegistryClient(image.registry, {
        credentials: access?.credentials(image.registry),
        insecureRegistries: access?.insecureRegistries ?? [],
        attempts: 3,
        timeoutMs: 60_000,
    });
    const contents = await readAttached({ client, repository: image.repository }, digest, attachedLimits);
    // Text that is not JSON is no bundle; the verifier judges the rest.
    return contents.flatMap((text) => {
        try {
            return [JSON.parse(text)];
        }
        catch {
            return [];
        }
    });
}
const toError = (reason) => (reason instanceof Error ? reason : new Error(String(reason)));

;// CONCATENATED MODULE: ./packages/delivery/src/provenance.ts
// require-provenance: before a digest is written into an environment that requires it, a Sigstore attestation of
// its build provenance must verify, signed by a workflow of a repository the environment allows. Attestations are
// read where GitHub keeps them (the attestations API of each allowed repository, as `gh attestation verify` does)
// and beside the image in its registry (attestation-sources.ts).




/** Sigstore's verifier, loaded only where a rule asks for it: most deploys never need it. */
const sigstore = () => Promise.all(/* import() */[__webpack_require__.e(512), __webpack_require__.e(450)]).then(__webpack_require__.bind(__webpack_require__, 40450));
/** The gate of `environment`, undefined when it requires no provenance. */
function provenanceGate(environment, checkout, options) {
    const rule = environment.requireProvenance;
    if (!rule)
        return undefined;
    const refuse = (reason) => new errors_DeliveryError(`environment "${environment.name}" requires provenance (require-provenance), so nothing is written: ${reason}`, { kind: 'refused' });
    let roots;
    const trustedRoots = () => {
        roots ??= loadTrustedRoots(rule.trustedRoot, checkout, options);
        return roots;
    };
    const verified = new Map();
    return (app, image) => {
        const ref = src_parseImageRef(image);
        const digest = ref.digest;
        // require-provenance implies require-digest: a digest is always there by now.
        if (!digest)
            return Promise.reject(refuse(`${app}: ${image} is not pinned by digest`));
        const key = `${app} ${digest}`;
        let verifying = verified.get(key);
        if (!verifying) {
            const repositories = rule.repositories.map((repository) => repository.replaceAll('{app}', app).replaceAll('{env}', environment.name));
            const expected = { repositories, ref: rule.ref, signerWorkflow: rule.signerWorkflow };
            verifying = provenanceOf({ options, image: ref, digest, expected, trustedRoots: trustedRoots() }, (error) => refuse(`${app}: ${error.message}`));
            verified.set(key, verifying);
        }
        return verifying;
    };
}
/**
 * The provenance of `digest` from the first attestation that holds, of those GitHub keeps for the expected
 * repositories and those beside the image; the bundles, the trust roots and the verifier are loaded at once. When
 * nothing was found and a source could not be read, that failure is the answer; `refused` words the refusal of
 * what was read (deploy and promote name the environment's rule).
 */
async function provenanceOf(query, refused = (error) => error) {
    const { digest, expected } = query;
    const [found, roots, { findProvenance }] = await Promise.all([
        findAttestations(query.options, { image: query.image, digest, repositories: expected.repositories }),
        query.trustedRoots,
        sigstore(),
    ]);
    const [failure] = found.failures;
    if (found.bundles.length === 0 && failure)
        throw failure;
    try {
        return findProvenance(found.bundles, digest, expected, roots, found.where);
    }
    catch (error) {
        throw refused(error);
    }
}
/** The files of the config repository the gate reads: the environment's trusted roots, if it names a file. */
function provenanceFiles(environment) {
    const file = environment.requireProvenance?.trustedRoot;
    return file ? [file] : [];
}
/**
 * The environment's trusted-root file, else public-good Sigstore's through TUF. The file is read as Git holds it
 * at the commit being changed, never from the disk: a symbolic link is refused without reading where it points.
 */
async function loadTrustedRoots(file, checkout, options) {
    const { parseTrustedRoots, publicGoodTrustedRoot } = await sigstore();
    if (file === undefined)
        return [await publicGoodTrustedRoot(options.tempDir)];
    await options.included;
    const found = await (0,git_src/* fileAt */.Wd)(checkout, 'HEAD', file);
    if (found.kind !== 'file')
        throw new errors_DeliveryError(`require-provenance trusted-root "${file}" ${(0,git_src/* fileAtProblem */.nF)(found.kind)}`);
    return parseTrustedRoots(found.text, file);
}
/** The records with the workflow that vouches for each image; each is verified (once per digest) by `gate`. */
async function withProvenance(records, gate) {
    if (!gate)
        return records;
    return Promise.all(records.map(async (record) => ({ ...record, provenance: (await gate(record.app, record.image)).workflow })));
}
/** `gitops verify`: the provenance of one image, by the rule deploy and promote apply, without a config repository. */
async function verifyImage(request) {
    const image = parseImageRef(request.image);
    const digest = image.digest;
    if (!digest)
        throw new DeliveryError(`${request.image} is not pinned by digest: give IMAGE@sha256:…`, { subject: 'image' });
    const { trustedRoots } = request;
    const roots = sigstore().then(({ parseTrustedRoots, publicGoodTrustedRoot }) => trustedRoots
        ? parseTrustedRoots(trustedRoots.text, trustedRoots.file)
        : publicGoodTrustedRoot(request.tempDir).then((root) => [root]));
    const expected = { repositories: request.repositories, ref: request.ref, signerWorkflow: request.signerWorkflow };
    return provenanceOf({ options: request, image, digest, expected, trustedRoots: roots });
}

;// CONCATENATED MODULE: ./packages/delivery/src/intent.ts
// What a verb resolves its request to (an Intent: values, every gate run) and the plan of an intent on the files
// of one tip: the edits and the commit's record. For a fleet, the plan is of its next wave (fleet-plan.ts).






/** The edits and the record of an intent on these files; the newer-source skips are warned about. */
async function planIntent(intent, input) {
    const { action } = intent;
    const { logger } = input.run;
    // The rules as the tip has them: gitops.yaml may have changed since the clone (require-digest turned on, a hold).
    const environment = targets_findEnvironment(input.config, intent.environment.name);
    const { freezeOverride } = checkLine(environment, action, { ...input.safety, logger });
    const wanted = await intent.wanted();
    const recent = intent.recent(input.attempt);
    const rollbacks = intent.rollbacks(recent);
    const planInput = {
        files: input.files,
        config: input.config,
        environment,
        wanted,
        recent,
        rejected: action === 'rollback' || input.safety.allowRejected
            ? undefined
            : async (app, image) => rejectionOf(await rollbacks(), environment.name, app, image),
        onRejected: intent.onRejected,
    };
    const plan = environment.fleet
        ? await planFleet({ ...planInput, fleet: environment.fleet, include: input.include })
        : { ...(await planChange(planInput)), wave: undefined };
    const outcomes = plan.decisions.map((decision, index) => {
        if (decision.skip?.kind === 'newer-source')
            logger.warning(newerSourceWarning(decision.skip, environment.name, decision.app, intent.ours(index)));
        if (decision.skip?.kind === 'rejected')
            logger.warning(`not promoted: ${rejectedLine(decision.skip.rejection, environment.name, decision.app)}`);
        const skipped = decision.skip ? describeSkip(decision.skip, action) : undefined;
        return intent.outcome(skipped ? { ...decision, skipped } : decision, index);
    });
    const record = {
        action,
        environment: environment.name,
        ...(intent.from ? { from: intent.from.name } : {}),
        // A rollback's earlier image is verified too: the environment's rule may be newer than that image.
        apps: await withProvenance(plan.records, intent.gate),
        run: input.run.runUrl,
        allowOlder: intent.allowOlder,
        // The decisions of whoever ran it: an allow-rejected change lifts the rejection of the images it writes.
        allowRejected: input.safety.allowRejected === true && action !== 'rollback',
        freezeOverride,
        wave: plan.wave,
    };
    return { changes: plan.changes, record, outcomes, details: intent.details?.(plan.records), wave: plan.wave };
}

;// CONCATENATED MODULE: ./packages/delivery/src/carry.ts
// Carrying, the pipeline's side of it: whoever pushes next re-plans every trusted pending change on the new tip, each as its own commit, and
// lands them with its own in one push. Twenty pipelines on one branch then land in a few rounds instead of twenty.
// docs/commits.md shows why no change is lost or applied twice.






/**
 * Commits, on HEAD, each of `pending` (not landed, not expired) that still passes every check on these files: its
 * targets, require-digest and the newer-source rule. A change that no longer applies as a whole is left to its own
 * pipeline, which plans it again and says why. Rollbacks are left too: what they roll back to is decided anew on
 * each tip. Returns the changes carried, in order.
 */
async function carryPending(input) {
    const { checkout, config, logger } = input;
    const candidates = carryable(config, input.pending, logger);
    if (candidates.length === 0)
        return [];
    await checkout.include(targetPaths(config, candidates));
    // The history the newer-source rule reads: fetched once for every candidate, then each carried commit on top.
    const times = candidates.flatMap(({ wanted }) => wanted.map((want) => want.source?.time));
    let fetched;
    const chain = [];
    const recent = async () => {
        fetched ??= commitsSinceSources(checkout, times);
        return [...chain, ...(await fetched)];
    };
    // Each change is planned on the files the ones before it wrote; the commits are made at the end, in one go.
    const carried = [];
    const commits = [];
    for (const candidate of candidates) {
        const written = await writeCarried({ checkout, config, candidate, recent });
        const { pending } = candidate;
        if (typeof written === 'string') {
            logger.info(`Not carrying ${changeSubject(pending.record)}: ${written}`);
            continue;
        }
        const message = formatCommitMessage(written.record);
        commits.push({ message, author: pending.author, committer: input.committer, files: written.files });
        chain.unshift(asHistory(written.record));
        carried.push(pending);
    }
    // A failure here (a file the host did not give) is the caller's: it lands its own change alone.
    await checkout.appendCommits(commits);
    return carried;
}
/**
 * Plans one pending change on the files as they are now and writes it; what it records and the files to commit,
 * or why it is not carried (its own pipeline meets the same refusal and reports it).
 */
async function writeCarried(input) {
    const { checkout, config, recent } = input;
    const { record } = input.candidate.pending;
    try {
        const environment = targets_findEnvironment(config, record.environment);
        const plan = await planChange({
            files: new targets_FileCache(checkout.dir),
            config,
            environment,
            wanted: input.candidate.wanted,
            recent,
        });
        const skipped = plan.decisions.find((decision) => decision.skip);
        if (skipped?.skip)
            return `${skipped.app}: ${describeSkip(skipped.skip, record.action)}`;
        if (plan.changes.length === 0)
            return 'nothing to write';
        writeChanges(checkout.dir, plan.changes);
        // A target reached through a link is committed where the link points, as writeChanges wrote it.
        const files = plan.changes.map((change) => ({ path: checkout.trackedPath(change.file), content: change.after }));
        return { record: { ...record, apps: plan.records }, files };
    }
    catch (error) {
        return error instanceof Error ? error.message : String(error);
    }
}
/** A carried change as the newer-source rule reads history: a commit of now, with its trailers. */
function asHistory(record) {
    return { sha: '', committedAt: new Date().toISOString(), subject: '', trailers: changeTrailers(record) };
}
/** The files the candidates write (their environments' folders, without gitops.yaml), for the sparse checkout. */
function targetPaths(config, candidates) {
    const paths = new Set();
    for (const { pending, wanted } of candidates) {
        const environment = targets_findEnvironment(config, pending.record.environment);
        if (config.file === undefined)
            paths.add(`${environment.path}/`);
        for (const { app } of wanted)
            for (const entry of sparsePaths(config, app, environment.name))
                paths.add(entry);
    }
    return [...paths];
}
/**
 * The pending changes the rules on this tip let be carried, each with what it wants app by app: not a rollback
 * (its own pipeline knows what to put back), not refused by the target's gates, every app and image still known.
 */
function carryable(config, pending, logger) {
    const candidates = [];
    for (const change of pending) {
        if (change.record.action === 'rollback')
            continue;
        const refusal = gateRefusal(config, change.record);
        if (refusal) {
            logger.info(`Not carrying ${changeSubject(change.record)}: ${refusal}`);
            continue;
        }
        const wanted = wantedOf(config, change.record);
        if (wanted)
            candidates.push({ pending: change, wanted });
    }
    return candidates;
}
/**
 * Why the target environment's rules, as they stand on this tip, keep a change from being carried; undefined when
 * none does. Rules a carrier cannot check for another pipeline (provenance, health) leave the change to its own
 * pipeline, which checks them and lands it with the retry loop; a pull-request environment never takes a commit.
 */
function gateRefusal(config, record) {
    let environment;
    try {
        environment = targets_findEnvironment(config, record.environment);
    }
    catch {
        return undefined; // wantedOf says so
    }
    // A carrier plans an environment as one folder: a fleet's wave, and the wait that decides the next, are its own.
    if (environment.fleet)
        return `environment "${environment.name}" is a fleet, changed wave by wave by its own pipeline`;
    if (environment.via === 'pull-request')
        return `environment "${environment.name}" takes changes by pull request (via: pull-request), never carried onto the branch`;
    if (environment.requireProvenance)
        return `environment "${environment.name}" requires provenance, which its own pipeline verifies before it lands the change`;
    if (environment.requireHealthy && record.action === 'promote')
        return `environment "${environment.name}" requires a healthy source, which its own pipeline checks before it lands the change`;
    // What the team decided since the change was planned holds for it too: a hold, a freeze window it did not override.
    if (environment.hold)
        return `environment "${environment.name}" is held: ${environment.hold.reason}`;
    const frozen = freeze_activeFreeze(environment.freeze, new Date());
    if (frozen && !record.freezeOverride)
        return `environment "${environment.name}" is frozen until ${frozen.untilText}, and the change does not override it`;
    return undefined;
}
/** What a pending change wants, app by app, from this config; undefined when an app or environment is gone. */
function wantedOf(config, record) {
    const wanted = [];
    try {
        const environment = targets_findEnvironment(config, record.environment);
        for (const entry of record.apps) {
            const app = apps_resolveApp(config, environment, entry.app);
            const to = src_parseImageRef(entry.image);
            if (!sameRepository(to, targets_imageFor(app, environment.name)))
                return undefined;
            wanted.push({
                app,
                to,
                source: { id: entry.source, time: entry.sourceTime },
                evenIfOlder: record.allowOlder === true,
            });
        }
    }
    catch {
        return undefined; // an environment or app gone from gitops.yaml, an image that no longer parses
    }
    return wanted;
}

;// CONCATENATED MODULE: ./packages/delivery/src/landing/commit-changes.ts

/** The commit made; undefined when the written files left nothing to commit. */
async function commitChanges(checkout, change) {
    writeChanges(checkout.dir, change.changes);
    const added = change.changes.filter((file) => file.added).map((file) => file.file);
    if (added.length > 0)
        await checkout.run(['add', '--sparse', '--', ...added]);
    return checkout.commit(change.message, change.committer);
}

;// CONCATENATED MODULE: ./packages/delivery/src/landing/carried.ts
// Around carrying, for the push loop (commit-loop.ts): carrying without putting its own change at risk, and what
// the commit that carried our change did.


/**
 * The pending changes carried on HEAD; none when carrying fails (the host did not give the files they need): ours
 * still goes, and theirs stay pending for their own pipelines.
 */
async function carryOrNot(carry, request) {
    try {
        return await carry(request);
    }
    catch (error) {
        request.logger.info(`Carrying no pending change: ${error instanceof Error ? error.message : String(error)}`);
        await request.checkout.resetTo('HEAD');
        return [];
    }
}
/**
 * What the commit that carried our change records, and what it did to the files our last plan edited (read from
 * the commit and its parent: the carrier planned the change on other files than we last did).
 */
async function carriedChange(checkout, commit, planned) {
    const [entry] = await (0,git_src/* readCommits */.Fe)(checkout, [commit]);
    const record = entry ? trailers_parseChangeRecord(entry.trailers) : undefined;
    if (!record)
        throw new Error(`commit ${commit} carries our change id but records no change`);
    const files = planned.map((change) => ({ file: change.file, tracked: checkout.trackedPath(change.file) }));
    const texts = await checkout.readBlobs(files.flatMap(({ tracked }) => [`${commit}^:${tracked}`, `${commit}:${tracked}`]));
    const changes = files
        .map(({ file }, index) => ({ file, before: texts[2 * index] ?? '', after: texts[2 * index + 1] ?? '' }))
        .filter((change) => change.before !== change.after);
    return { record, changes };
}
/** Per-app outcomes (a deploy's, a promotion's) as the commit that carried the change records them. */
function asCarried(outcomes, record) {
    return outcomes.map((outcome) => {
        const entry = record.apps.find((app) => app.app === outcome.app);
        return entry ? { ...outcome, image: entry.image, previous: entry.previous } : outcome;
    });
}

;// CONCATENATED MODULE: ./packages/delivery/src/landing/pending.ts
// Pending changes: a change whose push was rejected is published as a commit under a pending ref, naming the
// change (Gitops-Change) and until when it may be carried (Gitops-Pending-Until). These are the records and how
// they are read back; who may be trusted is pending-trust.ts, who lands them pending-queue.ts.



/** The trailer that names a change, and the one that says until when a pending change may be carried. */
const changeTrailer = 'Gitops-Change';
const untilTrailer = 'Gitops-Pending-Until';
/** 16 hex digits: unique enough among the changes of one repository. */
function newChangeId() {
    return (0,external_node_crypto_.randomBytes)(8).toString('hex');
}
/**
 * Where the changes waiting to land on `branch` are published (a branch name may hold `/`; an id does not): out of
 * sight under refs/gitops/, or as branches, which a GitHub branch ruleset can keep to the pipeline's identity
 * (rulesets name branches and tags only; docs/security.md).
 */
function pendingPrefix(branch, where = 'refs') {
    return where === 'branches' ? `refs/heads/gitops-pending/${branch}/` : `refs/gitops/pending/${branch}/`;
}
/** The pending change's commit message: the change's own, and until when it may be carried. */
function pendingMessage(record, until) {
    return `${formatCommitMessage(record)}${untilTrailer}: ${until.toISOString()}\n`;
}
/** The pending changes under `prefix` the last refresh fetched, oldest first; refs that are not changes are left out. */
async function readPending(checkout, prefix) {
    const pending = [];
    for (const commit of await (0,git_src/* readRefs */.n6)(checkout, prefix)) {
        const change = pendingChange(commit, prefix);
        if (change)
            pending.push(change);
    }
    return pending.sort(olderFirst);
}
/** Oldest first, as every pipeline ranks them: by when they were published, then by id. */
function olderFirst(a, b) {
    return Date.parse(a.author.date) - Date.parse(b.author.date) || a.id.localeCompare(b.id);
}
function pendingChange(commit, prefix) {
    const id = commit.ref.slice(prefix.length);
    if (id.includes('/'))
        return undefined; // a change of another branch whose name starts with this one's
    const record = trailers_parseChangeRecord(commit.trailers);
    const until = Date.parse(commit.trailers.find(([key]) => key === untilTrailer)?.[1] ?? '');
    if (!record || record.change !== id || !Number.isFinite(until))
        return undefined;
    return { ref: commit.ref, sha: commit.sha, id, record, author: commit.author, until };
}
/** Which commit landed each change, by id, among the commits fetched (every one since the clone). */
function landedChanges(checkout) {
    return (0,git_src/* trailerValues */.uv)(checkout, 'HEAD', changeTrailer);
}

;// CONCATENATED MODULE: ./packages/delivery/src/landing/pending-queue.ts
// The queue of pending changes on one branch, as one pipeline takes part in it. After a rejected push our change
// is published as pending. From then on the pipeline of the oldest trusted pending change carries every trusted
// pending change along with its own (carry.ts); the others only look (one ls-remote) until theirs has landed.
// When the branch stands still for `stallMs` under the one we wait on, or a wait passes `longestWaitMs`, this
// pipeline lands everything itself from then on. docs/commits.md shows why no change is lost or applied twice.


/** How long the branch may stand still while the oldest pending change's pipeline should be landing them all. */
const stallMs = 10_000;
/** How long a pipeline waits on another at most before it lands the pending changes itself. */
const longestWaitMs = 30_000;
class PendingQueue {
    #options;
    #now;
    /** Whether ours may be published and others carried; off for good once the server or the config says no. */
    #cooperating = true;
    /** Ours, once published. */
    #published;
    /** The pipeline we wait on, and how long the branch has stood still under it. */
    #waitingOn;
    /** False once a wait ran out: from then on this pipeline lands everything itself. */
    #waits = true;
    /** While leading: how many we saw to carry at the last look, and how many looks we took. */
    #gathered = { seen: 0, looks: 0 };
    /** How many changes were pending at the last look: each waiting pipeline looks, so many look less often. */
    #pendingNow = 0;
    constructor(options) {
        this.#options = options;
        this.#now = options.now ?? Date.now;
    }
    get published() {
        return this.#published !== undefined;
    }
    /** The step of an attempt after the first; `config` reads gitops.yaml as the fetched tip has it. */
    async next(config) {
        if (await this.#keepWaiting())
            return { kind: 'wait', waiters: this.#pendingNow };
        this.#waitingOn = undefined;
        const { remote, id } = this.#options;
        if (!this.#cooperating) {
            await remote.refresh();
            return { kind: 'land', carry: [], settled: [] };
        }
        const fetched = await remote.fetch();
        const carriedIn = fetched.landed.get(id);
        if (carriedIn)
            return { kind: 'carried', commit: carriedIn };
        const { open, settled } = this.#sortOut(fetched.pending, fetched.landed);
        const atTip = await config();
        const leader = this.#published && (await this.#oldestTrusted(atTip, open, this.#published));
        if (this.#waits && leader && leader.id !== id)
            return this.#waitOn(leader, fetched.tip, open.length + 1);
        // We land them: every one is checked, since we carry what passes.
        const carry = await remote.trusted(atTip, open);
        // We lead. Others rejected with us may still be publishing: while their number grows, look once more before
        // landing (twice at most), so that one push carries them all instead of one round each.
        if (leader?.id === id && carry.length > this.#gathered.seen && this.#gathered.looks < 2) {
            this.#gathered = { seen: carry.length, looks: this.#gathered.looks + 1 };
            return { kind: 'wait' };
        }
        return { kind: 'land', carry, settled };
    }
    /** After a rejected push: publishes ours (once), unless pending changes cannot be checked here. */
    async rejected(config, record) {
        if (!this.#cooperating || this.#published)
            return;
        const { remote, logger, id, ref } = this.#options;
        const why = remote.unusable(config);
        if (why) {
            logger.info(`Landing with the retry loop alone, without pending changes: ${why} (docs/commits.md)`);
            this.#cooperating = false;
            return;
        }
        // Whole seconds, as git keeps dates: ours ranks here as the others will see it.
        const date = new Date(Math.floor(this.#now() / 1000) * 1000).toISOString();
        const author = { ...this.#options.author, date };
        const ours = { ...record, change: id };
        const result = await remote.publish({ message: pendingMessage(ours, new Date(this.#options.until)), author, ref });
        if (result.published) {
            const since = { ...author, date: result.date };
            this.#published = { ref, sha: '', id, record: ours, author: since, until: this.#options.until };
            return;
        }
        this.#cooperating = false;
        logger.info(`The server does not take pending changes (${result.reason}); landing without other pipelines' help`);
    }
    /** Ours landed: its pending ref went with the push. */
    landed() {
        this.#published = undefined;
    }
    /** Removes ours when this pipeline lands nothing or gives up. */
    async withdraw() {
        if (this.#published)
            await this.#options.remote.withdraw(this.#published.ref);
        this.#published = undefined;
    }
    /** Fetches what the server holds now: the branch and, while cooperating, the pending refs. */
    async refresh() {
        if (this.#cooperating)
            await this.#options.remote.fetch();
        else
            await this.#options.remote.refresh();
    }
    /** The others still open, and the refs that may go: ours, those landed and those expired. */
    #sortOut(pending, landed) {
        const now = this.#now();
        const settled = this.#published ? [this.#published.ref] : [];
        const open = [];
        for (const change of pending) {
            if (change.id === this.#options.id)
                continue;
            if (landed.has(change.id) || change.until <= now)
                settled.push(change.ref);
            else
                open.push(change);
        }
        return { open, settled };
    }
    /**
     * The oldest of `sorted` (oldest first) the remote trusts, or `own` when it is older than all of those. Checking
     * costs a signature check or an API call per change, so only as many are checked as it takes to find the leader.
     */
    async #oldestTrusted(config, sorted, own) {
        for (const candidate of sorted) {
            if (olderFirst(own, candidate) <= 0)
                return own;
            const [accepted] = await this.#options.remote.trusted(config, [candidate]);
            if (accepted)
                return accepted;
        }
        return own;
    }
    #waitOn(leader, tip, waiters) {
        this.#options.logger.info(`Waiting while the pipeline of ${changeSubject(leader.record)} lands the pending changes, this one among them`);
        const now = this.#now();
        this.#waitingOn = { leader, tip, since: now, began: now };
        return { kind: 'wait', waiters };
    }
    /** Whether to go on waiting: ours and the leader's pending, and the branch moving or not still for long. */
    async #keepWaiting() {
        const waiting = this.#waitingOn;
        if (!waiting || !this.#published)
            return false;
        const { tip, refs } = await this.#options.remote.look();
        this.#pendingNow = refs.size;
        if (!refs.has(this.#published.ref) || !refs.has(waiting.leader.ref))
            return false;
        const now = this.#now();
        if (tip !== waiting.tip)
            Object.assign(waiting, { tip, since: now });
        if (now - waiting.since < stallMs && now - waiting.began < longestWaitMs)
            return true;
        const seconds = Math.round((now - waiting.began) / 1000);
        this.#options.logger.info(`The pipeline of ${changeSubject(waiting.leader.record)} has not landed the pending changes in ${seconds} s; landing them from here`);
        this.#waits = false;
        return false;
    }
}

;// CONCATENATED MODULE: ./packages/delivery/src/landing/pending-remote.ts

const unsigned = 'commits are not signed (commit-signing: none), so no pipeline could tell who made a pending change';
/** The pending changes of the checkout's branch, under `prefix`, checked by `trust` (none without it). */
function gitPendingRemote(checkout, prefix, trust) {
    const branchRef = `refs/heads/${checkout.branch}`;
    return {
        async look() {
            const refs = await checkout.remoteRefs([branchRef, `${prefix}*`]);
            const pending = [...refs.keys()].filter((ref) => ref.startsWith(prefix));
            return { tip: refs.get(branchRef) ?? '', refs: new Set(pending) };
        },
        refresh: () => checkout.refresh({}),
        async fetch() {
            await checkout.refresh({ refs: prefix });
            const [landed, pending, tip] = await Promise.all([
                landedChanges(checkout),
                readPending(checkout, prefix),
                checkout.head(),
            ]);
            return { tip, pending, landed };
        },
        publish: async (request) => trust ? trust.publish({ checkout, ...request }) : { published: false, reason: unsigned },
        withdraw: (ref) => checkout.publish(undefined, ref).then(() => undefined, () => undefined),
        trusted: async (config, pending) => (trust ? trust.trusted(checkout, config, pending) : []),
        unusable: (config) => (trust ? trust.unusable(config) : unsigned),
    };
}

;// CONCATENATED MODULE: ./packages/delivery/src/landing/commit-loop.ts
// Landing a change as a commit: plan on the tip, commit, push; when someone else pushed first, take part in the
// pending-change queue (pending-queue.ts) and try again on the new tip (retry.ts) until it lands, finds nothing
// to do, or another pipeline lands it. A change another pipeline landed is reported with that commit.







async function landCommit(landing) {
    const { checkout, logger, retry } = landing;
    const id = newChangeId();
    const prefix = pendingPrefix(checkout.branch, (await landing.config(1)).pendingChanges);
    const queue = new PendingQueue({
        remote: gitPendingRemote(checkout, prefix, landing.pendingTrust),
        id,
        ref: `${prefix}${id}`,
        author: landing.committer,
        // Until a little before this pipeline gives up: a change carried later might land after it said it failed.
        until: Date.now() + retry.timeoutMs - retry.timeoutMs / 10,
        logger,
    });
    const run = { landing, queue, id };
    let pushed;
    try {
        pushed = await pushWithRetry(retry, logger, (number) => attempt(run, number));
    }
    catch (error) {
        await queue.withdraw();
        throw error;
    }
    if (pushed.commit === undefined)
        await queue.withdraw();
    const carried = run.carriedIn && run.last ? await carriedChange(checkout, run.carriedIn, run.last.changes) : undefined;
    if (carried)
        logger.info(`Another pipeline landed this change, checked again on the tip it found: commit ${run.carriedIn}`);
    return {
        planned: run.last,
        changed: pushed.commit !== undefined,
        commit: pushed.commit,
        pullRequestUrl: undefined,
        attempts: pushed.attempts,
        carried,
    };
}
const firstStep = { kind: 'land', carry: [], settled: [] };
/** One attempt: a look while another pipeline lands ours, or a plan on the tip pushed with what we carry. */
async function attempt(run, number) {
    const { landing, queue } = run;
    const step = number === 1 ? firstStep : await queue.next(() => landing.config(number));
    if (step.kind === 'wait')
        return { commit: undefined, outcome: 'waiting', waiters: step.waiters };
    if (step.kind === 'carried') {
        run.carriedIn = step.commit;
        return { commit: step.commit, outcome: 'carried' };
    }
    const config = await landing.config(number);
    const planned = await landing.plan(config, number);
    run.last = planned;
    const record = { ...planned.record, change: run.id };
    let own;
    if (planned.changes.length > 0) {
        own = await commitChanges(landing.checkout, {
            changes: planned.changes,
            message: formatCommitMessage(record),
            committer: landing.committer,
        });
    }
    // Those waiting on us are carried even when ours has nothing left to write (a newer source landed meanwhile).
    const { checkout, committer, logger } = landing;
    const pending = step.carry;
    const carry = pending.length ? await carryOrNot(landing.carry, { checkout, config, pending, committer, logger }) : [];
    if (own === undefined && carry.length === 0)
        return undefined;
    const pushed = await pushBatch(run, { own, carried: carry, settled: step.settled });
    if (pushed.outcome === 'pushed') {
        queue.landed();
        logCarried(logger, pushed.carried);
    }
    if (pushed.commit === undefined)
        return undefined;
    if (pushed.outcome === 'rejected')
        await queue.rejected(config, record);
    return { commit: pushed.commit, outcome: pushed.outcome };
}
/** Pushes HEAD (ours, then those carried), with the pending refs of what lands removed as it lands. */
async function pushBatch(run, batch) {
    const { checkout, githubCommits } = run.landing;
    const refsOf = (carried) => [...batch.settled, ...carried.map((change) => change.ref)];
    if (!githubCommits) {
        const removals = refsOf(batch.carried).map((ref) => `:${ref}`);
        // Atomic: the pending refs go exactly when the changes they stand for land.
        const outcome = await checkout.push(checkout.branch, { atomic: removals.length > 0, also: removals });
        return { outcome, commit: batch.own, carried: batch.carried };
    }
    // The commits go on the tip this attempt started from: the remote branch as the clone last fetched it.
    const landed = await githubCommits.land(checkout, checkout.branch, `refs/remotes/origin/${checkout.branch}`);
    if (landed.outcome !== 'pushed')
        return { outcome: landed.outcome, commit: batch.own, carried: batch.carried };
    // Carried changes GitHub did not take (the branch moved in between) stay pending for the next carrier.
    const carried = batch.carried.slice(0, landed.commits.length - (batch.own ? 1 : 0));
    // Not atomic through the API: a pending ref left behind stands for a change that landed, which is settled.
    await checkout.removeRemoteRefs(refsOf(carried)).catch(() => undefined);
    await run.queue.refresh();
    return { outcome: 'pushed', commit: batch.own ? landed.commits[0] : undefined, carried };
}
function logCarried(logger, carried) {
    if (carried.length === 0)
        return;
    const subjects = carried.map((change) => changeSubject(change.record)).join('; ');
    logger.info(`Carried ${carried.length} pending change${carried.length === 1 ? '' : 's'} of other pipelines: ${subjects}`);
}

;// CONCATENATED MODULE: ./packages/delivery/src/landing/pull-request.ts
// Pull requests for protected environments: one per environment and app, updated by newer deploys.

function pullRequestBody(record, diff, runUrl, details) {
    // Everything but our own words comes from trailers and files: escaped for where it lands.
    const rows = record.apps.map((app) => `| ${src_markdownText(app.app)} | ${app.previous ? inlineCode(app.previous) : '(none)'} | ${inlineCode(app.image)} | ${src_markdownText(app.source ?? '')} |`);
    return [
        `**${record.action}** to environment **${src_markdownText(record.environment)}**${runUrl ? ` by ${src_markdownLink('this run', runUrl)}` : ''}.`,
        '',
        '| app | from | to | source |',
        '|---|---|---|---|',
        ...rows,
        '',
        ...(details ? [details, ''] : []),
        '<details><summary>Diff</summary>',
        '',
        codeBlock(diff, 'diff'),
        '',
        '</details>',
        '',
        'Opened by gitops: a newer deploy to this environment updates this pull request.',
    ].join('\n');
}

;// CONCATENATED MODULE: ./packages/delivery/src/landing/land.ts
// Landing a planned change: nothing (dry run), a pull request from a branch rebuilt on the base each time, or a
// commit pushed with the retry loop that re-plans on the new tip and carries other pipelines' pending changes
// (commit-loop.ts). Shared by deploy and promote.






async function land(landing) {
    if (!landing.dryRun && landing.via === 'commit')
        return landCommit(landing);
    const planned = await landing.plan(await landing.config(1), 1);
    const changed = planned.changes.length > 0;
    if (landing.dryRun || !changed)
        return { planned, changed, commit: undefined, pullRequestUrl: undefined, attempts: 1 };
    return landPullRequest(landing, planned);
}
/** Commits the change to the pull request's branch, set anew on the base, and opens or updates the pull request. */
async function landPullRequest(landing, planned) {
    const { checkout, head } = landing;
    const message = formatCommitMessage(planned.record);
    let commit = await commitChanges(checkout, { changes: planned.changes, message, committer: landing.committer });
    if (landing.githubCommits) {
        // The branch is set back to the base's tip with git (no new commit), then GitHub makes the commit on it.
        const base = (await checkout.run(['rev-parse', 'HEAD^'])).trim();
        const reset = await checkout.publish(base, `refs/heads/${head}`);
        if (!reset.published)
            throw new errors_DeliveryError(`could not set ${head} to ${base}: ${reset.reason}`);
        commit = (await landing.githubCommits.land(checkout, head, base)).commits[0];
        if (!commit)
            throw new errors_DeliveryError(`${head} moved while the change was committed to it; run again`);
    }
    else
        await checkout.push(head, { force: true });
    const pullRequest = await landing.pullRequests.upsert({
        repository: landing.githubRepository,
        base: checkout.branch,
        head,
        title: message.split('\n')[0] ?? head,
        body: pullRequestBody(planned.record, diff_unifiedDiff(planned.changes), landing.runUrl, planned.details),
        labels: landing.pullRequest.labels,
        autoMerge: landing.pullRequest.autoMerge,
    });
    landing.logger.info(`${pullRequest.created ? 'Opened' : 'Updated'} pull request ${pullRequest.url}`);
    return { planned, changed: true, commit, pullRequestUrl: pullRequest.url, attempts: 1 };
}

;// CONCATENATED MODULE: ./packages/delivery/src/land-change.ts



/** Lands what `plan` makes of the files; after a rejected push the config is read again from the new tip. */
function land_change_landChange(request) {
    const { change, checkout } = request;
    return land({
        checkout,
        via: request.via,
        dryRun: change.dryRun,
        committer: change.committer,
        retry: change.retry,
        logger: change.logger,
        runUrl: change.runUrl,
        head: request.head,
        githubRepository: change.remote.githubRepository,
        pullRequests: change.pullRequests,
        pullRequest: change.pullRequest,
        githubCommits: change.githubCommits,
        pendingTrust: change.pendingTrust,
        config: configAtTip(checkout, change.config, request.opened),
        plan: request.plan,
        carry: carryPending,
    });
}
/**
 * The config as the files are at HEAD: `opened` while gitops.yaml is the one it was read from, read again only
 * when a commit that landed changed it. Re-reading means listing every folder of the tree, which on a busy branch
 * every attempt would otherwise do.
 */
function configAtTip(checkout, file, opened) {
    const blobAtHead = () => checkout.run(['rev-parse', '--verify', '--quiet', `HEAD:${file}`]).then((sha) => sha.trim(), () => '');
    // Read now, while HEAD is still the commit `opened` was read from (it runs beside the first plan).
    let known = blobAtHead().then((blob) => ({ blob, config: opened }));
    return async (number) => {
        if (number === 1)
            return opened;
        const [blob, last] = await Promise.all([blobAtHead(), known]);
        if (blob !== '' && blob === last.blob)
            return last.config;
        const config = await loadCheckoutConfig(checkout, file);
        known = Promise.resolve({ blob, config });
        return config;
    };
}

;// CONCATENATED MODULE: ./packages/delivery/src/on-failure.ts

const onFailureChoices = ['fail', 'rollback'];
/** Whether what the controller said asks for a rollback: the sync of our commit failed, or it runs Degraded. */
function wentBad(controller) {
    if (!controller || controller.settled)
        return false;
    return controller.reason === 'failed' || controller.states.some((state) => state.health === 'Degraded');
}
/** Rolls back what the change wrote when it went bad and the team asked for it; undefined otherwise. */
async function undoFailed(input) {
    const { commit, undo } = input;
    if (input.onFailure !== 'rollback' || input.action === 'rollback' || !commit || !undo)
        return undefined;
    if (!wentBad(input.controller))
        return undefined;
    const apps = input.written.filter((app) => app.previous !== undefined).map((app) => app.app);
    if (apps.length === 0) {
        input.logger.warning(`on-failure: rollback: ${commit.slice(0, 7)} wrote no app that ran an image before`);
        return undefined;
    }
    try {
        return await input.logger.group(`Roll back ${apps.join(', ')}: ${commit.slice(0, 7)} went bad`, () => undo({ commit, apps }));
    }
    catch (error) {
        // The change is in, and went bad: that comes first, then why it could not be undone.
        const why = error instanceof Error ? error.message : String(error);
        throw new errors_DeliveryError(`${commit.slice(0, 7)} landed, but ${input.controller?.message}; rolling it back failed: ${why}`);
    }
}

;// CONCATENATED MODULE: ./packages/delivery/src/rollout.ts


/** The most waves one run writes, whatever the files say: gitops.yaml bounds waves far below this. */
const maxWaves = 1000;
/** Runs passes until the fleet is through or a wave cannot go on; the outcome is the last pass's, with the waves. */
async function rollout(request) {
    const { logger } = request;
    const sleep = request.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    let outcome = await request.pass();
    const waves = [];
    for (let pass = 1; pass <= maxWaves; pass++) {
        const { wave, fleet } = outcome;
        if (!wave || !fleet || !outcome.changed)
            return { ...outcome, waves };
        waves.push({ wave, commit: outcome.commit });
        // A rollback undoes the one wave it names; it never moves a fleet forward.
        if (outcome.action === 'rollback')
            return { ...outcome, waves };
        const stop = stopAfter(outcome, wave, fleet);
        if (stop !== undefined) {
            if (stop)
                logger.info(stop);
            return { ...outcome, waves, next: stop || undefined };
        }
        if (fleet.wavePause !== undefined && fleet.wavePause !== 'manual') {
            logger.info(`Wave ${wave.index}/${wave.count} is healthy; soaking for ${fleet.wavePause.seconds} s (wave-pause)`);
            await sleep(fleet.wavePause.seconds * 1000);
        }
        const next = await nextPass(request.pass, wave, outcome.commit);
        if (!next.changed)
            return { ...outcome, waves };
        outcome = next;
    }
    return { ...outcome, waves };
}
/** Why the run ends after this wave ('' for the last wave, or one that went bad); undefined: the next follows. */
function stopAfter(outcome, wave, fleet) {
    if (wave.index >= wave.count)
        return '';
    const next = `wave ${wave.index + 1}/${wave.count}`;
    if (outcome.pullRequestUrl)
        return `${next} follows once this pull request is merged and the next run writes it`;
    if (!outcome.controller)
        return `${next} is written by the next run (without wait, a run writes one wave)`;
    if (!outcome.controller.settled)
        return '';
    if (fleet.wavePause === 'manual')
        return `${next} waits for the next dispatch (wave-pause: manual)`;
    return undefined;
}
/** The next wave's pass; a gate that refuses it says which waves landed before. */
async function nextPass(pass, wave, commit) {
    try {
        return await pass();
    }
    catch (error) {
        if (!(error instanceof errors_src/* UserError */.yo))
            throw error;
        const landed = `wave ${wave.index}/${wave.count} landed${commit ? ` in ${commit.slice(0, 7)}` : ''} and is healthy`;
        throw new errors_DeliveryError(`${landed}; wave ${wave.index + 1}/${wave.count} was not written: ${error.message}`, {
            kind: error.kind,
            subject: error.subject,
        });
    }
}
/** One line per wave written (`wave 2/3 (eu-1, eu-2): def5678`), then why no further one was. */
function rolloutLines(state) {
    const lines = (state.waves ?? []).map(({ wave, commit }) => `wave ${wave.index}/${wave.count} (${clustersText(wave.clusters)}): ${commit ? commit.slice(0, 7) : 'would change'}`);
    return state.next ? [...lines, state.next] : lines;
}
/** The waves output: JSON of each wave written, or empty where no wave was (not a fleet). */
function wavesOutput(state) {
    const waves = state.waves ?? [];
    if (waves.length === 0)
        return '';
    return JSON.stringify(waves.map(({ wave, commit }) => ({
        wave: `${wave.index}/${wave.count}`,
        clusters: wave.clusters,
        commit: commit ?? null,
    })));
}
function clustersText(clusters) {
    return clusters.length <= 6
        ? clusters.join(', ')
        : `${clusters.slice(0, 5).join(', ')} and ${clusters.length - 5} more`;
}

;// CONCATENATED MODULE: ./packages/delivery/src/wave-gate.ts



/** Refuses the next wave while the one before it does not run the tip Synced and Healthy. */
async function checkPreviousWave(input) {
    const { intent, checkout, waiting } = input;
    const { environment } = intent;
    const fleet = environment.fleet;
    if (!fleet || intent.action === 'rollback' || intent.via !== 'commit')
        return;
    const upcoming = await planFleet({
        files: new targets_FileCache(checkout.dir),
        config: input.config,
        environment,
        fleet,
        wanted: await intent.wanted(),
        recent: async () => [],
        include: (folders) => checkout.include(folders),
    });
    const wave = upcoming.wave;
    if (!wave || wave.index <= 1 || upcoming.changes.length === 0)
        return;
    const before = { index: wave.index - 1, count: wave.count, clusters: fleet.waves[wave.index - 2] ?? [] };
    const tip = await checkout.head();
    const report = await waiting(intent.waitFor, tip, (revision) => checkout.revisions.includesCommit(revision, tip), before);
    if (!report.settled)
        throw new errors_DeliveryError(`wave ${wave.index}/${wave.count} of ${environment.name} is not written: wave ${before.index}/${before.count} does not run ${tip.slice(0, 7)} Synced and Healthy: ${report.message}`, { kind: 'refused' });
}

;// CONCATENATED MODULE: ./packages/delivery/src/pipeline.ts










/** Runs a verb through the pipeline, with its GitHub deployment (when asked) made before and settled after. */
async function deliver(verb) {
    const record = deploymentOf(verb);
    await record?.start();
    let outcome;
    try {
        // A fleet goes wave by wave, one pass each; any other environment takes one pass.
        outcome = await rollout({
            pass: () => deliverOnce(verb, record),
            logger: verb.request.logger ?? silentLogger,
        });
    }
    catch (error) {
        await record?.failed(error instanceof Error ? error.message : String(error));
        throw error;
    }
    await record?.finish(outcome);
    return outcome;
}
/** One pass: the change landed and waited for, and rolled back when it went bad and the team asked for that. */
async function deliverOnce(verb, record) {
    const ran = await runVerb(verb, record);
    const { outcome } = ran;
    const rolledBack = await undoFailed({
        onFailure: verb.request.onFailure,
        action: outcome.action,
        commit: outcome.commit,
        controller: outcome.controller,
        written: outcome.apps.filter((app) => !app.skip),
        undo: verb.undo,
        logger: ran.change.logger,
    });
    return rolledBack ? { ...outcome, rolledBack } : outcome;
}
/** The GitHub deployment the request asks for; none for a dry run. */
function deploymentOf(verb) {
    const { request } = verb;
    if (!request.githubDeployment || request.dryRun || !request.token)
        return undefined;
    return deploymentRecord({
        target: request.githubDeployment,
        token: request.token,
        apiUrl: request.apiUrl ?? 'https://api.github.com',
        runUrl: request.runUrl,
        ...verb.deployment,
    });
}
/** Clone, resolve, land (re-planning on each new tip), wait, clean up. */
async function runVerb(verb, record) {
    const change = await change_prepareChange(verb.request);
    let started;
    try {
        const { checkout, config } = await change_openCheckout(change, (cloned) => {
            started = verb.cloned?.(cloned);
            started?.catch(() => undefined); // seen when awaited; an earlier failure of the change goes first
        });
        let waiting;
        const onWaiting = async (commit) => {
            await record?.waiting(commit);
            await verb.request.onWaiting?.(commit);
        };
        const options = { ...verb.request, dryRun: change.dryRun, logger: change.logger, onWaiting };
        const intent = await verb.resolve({
            checkout,
            config,
            change,
            target: (environment, via) => {
                change_checkPullRequests(change, via);
                waiting = health_plannedWait(environment, options, via);
            },
            ready: async () => waiting?.ready,
        });
        await waiting?.ready;
        if (waiting)
            await checkPreviousWave({ intent, checkout, config, waiting });
        const run = { logger: change.logger, runUrl: change.runUrl };
        const landed = await land_change_landChange({
            change,
            checkout,
            via: intent.via,
            head: intent.head,
            opened: config,
            plan: (fresh, attempt) => planIntent(intent, {
                files: new targets_FileCache(checkout.dir),
                config: fresh,
                attempt,
                run,
                safety: verb.request,
                include: (folders) => checkout.include(folders),
            }),
        });
        const { fleet } = intent.environment;
        const controller = await waitAfter(landed, waiting, { apps: intent.waitFor, fleet: fleet !== undefined }, checkout);
        const outcome = { ...outcomeOf(landed, intent.via, change, controller), action: intent.action, fleet };
        return { outcome, change };
    }
    finally {
        await started?.catch(() => undefined); // git must be done with the folder before it goes
        change_removeClone(change);
    }
}
/** Waits for the controller at the commit that landed (or the tip, when nothing needed writing). */
async function waitAfter(landed, waiting, what, checkout) {
    // Nothing to wait for asks git nothing: the tip is read only when a wait will use it.
    if (!waiting)
        return undefined;
    // A fleet is waited for by the wave written; a fleet already through has no wave to wait for.
    const { wave } = landed.planned;
    if (what.fleet && (!wave || !landed.changed))
        return undefined;
    const landedAt = landed.commit ?? (landed.pullRequestUrl ? undefined : await checkout.head());
    if (!landedAt)
        return undefined;
    return waiting(what.apps, landedAt, (revision) => checkout.revisions.includesCommit(revision, landedAt), wave);
}
function outcomeOf(landed, via, change, controller) {
    const { planned, carried } = landed;
    return {
        changed: landed.changed,
        commit: landed.commit,
        pullRequestUrl: landed.pullRequestUrl,
        via,
        // Another pipeline landed it: what its commit records, and the edits it made.
        apps: carried ? asCarried(planned.outcomes, carried.record) : planned.outcomes,
        diff: diff_unifiedDiff(carried?.changes ?? planned.changes),
        attempts: landed.attempts,
        githubRepository: change.remote.githubRepository,
        controller,
        wave: landed.changed ? planned.wave : undefined,
    };
}

;// CONCATENATED MODULE: ./packages/delivery/src/source.ts
// The grammar of what a commit trailer records about where an image came from. Trailers are read back by
// rollback, promote and the newer-source check, so a value that could smuggle a line break (and with it a
// trailer of its own) or that is not what it claims to be is refused before anything is written.


/** `owner/repo@<40 or 64 hex>`: GitHub's owner and repository name characters, a full SHA-1 or SHA-256 id. */
const sourceId = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9_.-]{1,100}@(?:[0-9a-f]{40}|[0-9a-f]{64})$/;
/** ISO 8601 date and time with seconds and a zone, as `git show --format=%cI` and GitHub events write it. */
const isoTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;
/** Why `id` is not a source commit, or undefined when it is one. */
function sourceIdProblem(id) {
    if (sourceId.test(id))
        return undefined;
    return `"${src_printable(id)}" is not owner/repo@<full commit sha> (for example acme/web@${'0'.repeat(40)})`;
}
/** Why `time` is not an ISO 8601 time with a zone, or undefined when it is one. */
function sourceTimeProblem(time) {
    if (isoTime.test(time) && !Number.isNaN(Date.parse(time)))
        return undefined;
    return `"${src_printable(time)}" is not an ISO 8601 time with a zone (for example 2026-11-20T10:00:00Z)`;
}
/** The source, checked; throws a DeliveryError about `source` or `source-time` when it is malformed. */
function checkSource(source) {
    const idProblem = sourceIdProblem(source.id);
    if (idProblem)
        throw new errors_DeliveryError(idProblem, { subject: 'source', kind: 'usage' });
    const timeProblem = source.time === undefined ? undefined : sourceTimeProblem(source.time);
    if (timeProblem)
        throw new errors_DeliveryError(timeProblem, { subject: 'source-time', kind: 'usage' });
    return source;
}

;// CONCATENATED MODULE: ./packages/delivery/src/deploy.ts
// deploy: set apps' images in one environment of the config repository, as one commit with trailers, pushed so
// that no concurrent change is lost; with `image: previous`, roll them back. A verb of the pipeline (pipeline.ts):
// this resolves the request to what each app wants.










function deploy(request) {
    if (request.source)
        checkSource(request.source);
    const rollback = request.image === 'previous';
    // The commits that may record a newer source: fetched while the config is read and the targets checked out.
    let prefetched;
    return deliver({
        request,
        deployment: {
            environment: request.environment,
            description: `gitops deploy of ${request.apps.join(', ')}`,
            verb: 'deployed',
        },
        cloned: (checkout) => {
            if (!rollback)
                prefetched = commitsSinceSources(checkout, [request.source?.time]);
            return prefetched;
        },
        resolve: (opened) => resolveDeploy(request, opened, () => prefetched),
        undo: rollback ? undefined : (failed) => rollBackFailed(request, request.environment, failed),
    });
}
/** Rolls back the apps a change that went bad wrote (on-failure: rollback): a rollback of that very change. */
async function rollBackFailed(request, environment, failed) {
    const result = await deploy({
        ...request,
        environment,
        apps: failed.apps,
        image: 'previous',
        rollbackSteps: 1,
        rollbackOf: failed.commit,
        allowOlder: false,
        source: undefined,
        // The remedy lands by itself: no second wait, no deployment record of its own, no early clone to claim.
        wait: undefined,
        githubDeployment: undefined,
        started: undefined,
        onWaiting: undefined,
    });
    return { commit: result.commit, apps: failed.apps };
}
/** The apps and what each wants, checked, with the provenance checks started: what every tip is planned from. */
async function resolveDeploy(request, { checkout, config, change, target }, prefetched) {
    const rollback = request.image === 'previous';
    const environment = targets_findEnvironment(config, request.environment);
    if (config.file === undefined)
        await checkout.include([`${environment.path}/`]);
    const apps = request.apps.map((name) => apps_resolveApp(config, environment, name));
    const via = change.via ?? environment.via;
    const images = rollback
        ? undefined
        : apps.map((app) => wantedImage(app, environment.name, request.image, environment.requireDigest));
    target(environment, via);
    const included = checkout.include([
        ...apps.flatMap((app) => sparsePaths(config, app, environment.name)),
        ...provenanceFiles(environment),
    ]);
    const tempDir = external_node_path_.dirname(change.workdir);
    const gate = provenanceGate(environment, checkout, {
        ...request,
        tempDir,
        included: included.catch(() => undefined),
    });
    // Verifying starts now, beside the checkout and the history git is busy with; the plan awaits the same promise.
    // An app that turns out to need no change is never asked, and what its check said goes unread.
    for (const [index, app] of apps.entries()) {
        const ref = images?.[index];
        if (gate && ref)
            gate(app.name, src_formatImageRef(ref)).catch(() => undefined);
    }
    await included;
    return {
        action: rollback ? 'rollback' : 'deploy',
        environment,
        via,
        head: `gitops/${environment.name}/${[...request.apps].sort().join('+')}`,
        allowOlder: !rollback && request.allowOlder,
        gate,
        wanted: () => deployWanted({ request, checkout, environment, apps, images }),
        recent: (attempt) => recentFor(attempt, checkout, request.source?.time, prefetched),
        rollbacks: (recent) => rollbackHistory(checkout, [request.source?.time], recent),
        // A deploy names its image: one rolled back out of the environment is refused, not passed over.
        onRejected: 'refuse',
        outcome: (decision) => decision,
        ours: () => `ours (${request.source?.time})`,
        waitFor: request.apps,
    };
}
/** What each app wants: the image named, or (rollback) the one before its last change, read on this tip. */
async function deployWanted(input) {
    const { request, checkout, environment, apps, images } = input;
    if (!images)
        return rollbackWanted({ checkout, environment, apps, steps: request.rollbackSteps ?? 1, of: request.rollbackOf });
    return apps.map((app, index) => ({
        app,
        to: images[index],
        source: request.source,
        evenIfOlder: request.allowOlder,
    }));
}
/** After a rejected push the tip moved: a newer source may have landed with it, so each attempt reads again. */
function recentFor(attempt, checkout, sourceTime, prefetched) {
    let commits;
    const early = attempt === 1 ? prefetched() : undefined;
    return () => (commits ??= early ?? commitsSinceSources(checkout, [sourceTime]));
}
/** The reference to deploy for `app`, checked before anything is cloned further or written. */
function wantedImage(app, environment, text, requireDigest) {
    const ref = deploy_appImage(app, environment, text);
    if (requireDigest && ref.digest === undefined) {
        throw new errors_DeliveryError(`environment "${environment}" requires images pinned by digest (require-digest); ${src_formatImageRef(ref)} has none: deploy ref@sha256:…`, { kind: 'refused' });
    }
    return ref;
}
/** The `image` input as a reference of `app`'s image in `environment`; refused when it names another image. */
function deploy_appImage(app, environment, text) {
    const name = targets_imageFor(app, environment);
    let ref;
    try {
        ref = src_resolveImageUpdate(text, name);
    }
    catch (error) {
        if (error instanceof src_ImageRefError)
            throw error.about('image');
        throw error;
    }
    if (!sameRepository(ref, name)) {
        throw new errors_DeliveryError(`${src_formatImageRef(ref)} is not an image of app "${app.name}", which is ${src_formatImageRef(name)} in ${environment}`, { subject: 'image' });
    }
    return ref;
}
/** What a rollback wants for an app: the image before its nth last change, with the source that built it. */
async function rollbackWanted(input) {
    const wanted = [];
    for (const app of input.apps)
        wanted.push(await rollbackOne(input, app));
    return wanted;
}
async function rollbackOne({ checkout, environment, steps, of, }, app) {
    const history = new git_src/* HistoryReader */.qq(checkout);
    const last = await nthChange(history, environment.name, app.name, steps);
    if (of !== undefined && last && last.commit.sha !== of)
        throw new errors_DeliveryError(`not rolling back app "${app.name}" in ${environment.name}: ${last.commit.sha.slice(0, 7)} changed it after ${of.slice(0, 7)}, which went bad`);
    if (!last?.app.previous) {
        throw new errors_DeliveryError(`cannot roll back app "${app.name}" in ${environment.name}: no earlier image is recorded in the commit trailers`);
    }
    const to = src_resolveImageUpdate(last.app.previous, targets_imageFor(app, environment.name));
    const original = await changeThatDeployed(history, environment.name, app.name, last.app.previous);
    const source = original?.app.source ? { id: original.app.source, time: original.app.sourceTime } : undefined;
    // In a fleet, the wave the change wrote is what is rolled back; earlier waves stay.
    return { app, to, source, evenIfOlder: true, wave: last.record.wave };
}

;// CONCATENATED MODULE: ./packages/delivery/src/promote-health.ts




/**
 * What each app runs in `from`; where `to` requires healthy promotions, only the apps running healthy there. The
 * others refuse the promotion, or with onlyHealthy are left out and returned as `unhealthy`.
 */
async function healthyOnly(request) {
    const { from, to } = request;
    const running = runningApps(request);
    if (!to.requireHealthy || running.length === 0)
        return { running, unhealthy: [] };
    const read = health_controllerReader(from, request.controllers ?? {}, `promoting into ${to.name} (require-healthy)`);
    const reasons = await unhealthySources(from, running.map((entry) => ({ app: entry.app.name, image: src_formatImageRef(entry.running), files: entry.files })), read, (revision, files) => request.checkout.revisions.sameFilesAt(revision, files));
    const unhealthy = [...reasons].map(([app, reason]) => ({ app, reason }));
    if (unhealthy.length > 0 && !request.onlyHealthy)
        throw new errors_DeliveryError(`environment "${to.name}" takes only what runs healthy in ${from.name} (require-healthy), so nothing is promoted: ${unhealthy
            .map(({ app, reason }) => `${app}: ${reason}`)
            .join('; ')}`, { kind: 'refused' });
    for (const { app, reason } of unhealthy)
        request.logger.warning(`${app} stays out of ${to.name}: ${reason}`);
    return { running: running.filter((entry) => !reasons.has(entry.app.name)), unhealthy };
}
/** The image each app runs in `from`, and the files it is written in. */
function runningApps(request) {
    const { from } = request;
    const running = [];
    for (const app of request.apps) {
        const reading = read_readImage(request.cache, targetsFor(request.config, app, from.name), repository_matcherFor(app, from.name));
        if (!reading.image) {
            if (request.named)
                throw new errors_DeliveryError(`environment "${from.name}" runs no image of app "${app.name}"`);
            continue;
        }
        running.push({ app, running: reading.image, files: [...new Set(reading.sites.map((site) => site.location.file))] });
    }
    return running;
}

;// CONCATENATED MODULE: ./packages/delivery/src/promote-sources.ts
// What a promotion takes from its source environment, app by app: the image it runs, pinned by digest (looked
// up in the registry when only a tag is written), verified where the target requires provenance, copied to the
// target's image name when that differs, and where it was built from. Health is promote-health.ts.










/** What each app runs in `from`, pinned by digest, and its name in `to`; the apps left out as unhealthy. */
async function readSources(request) {
    const cache = new targets_FileCache(request.checkout.dir);
    const history = new git_src/* HistoryReader */.qq(request.checkout);
    const { running, unhealthy } = await healthyOnly({ ...request, cache });
    const sources = [];
    for (const entry of running) {
        const pinned = await pinnedImage(request, entry);
        const target = targetImage(request.to, entry.app, pinned);
        const copied = !sameRepository(pinned.image, target);
        // Verified before it is copied: an image nobody vouches for does not reach the target's registry either.
        if (request.gate) {
            const provenance = await request.gate(entry.app.name, src_formatImageRef(pinned.image));
            request.logger.info(`${entry.app.name}: ${pinned.image.digest} was built by ${provenance.workflow}`);
        }
        if (copied && !request.dryRun)
            await copyToTarget(request, entry.app, pinned.image, target);
        const original = await changeThatDeployed(history, request.from.name, entry.app.name, src_formatImageRef(entry.running));
        sources.push({
            app: entry.app,
            running: pinned.image,
            target,
            resolved: pinned.resolved,
            copied,
            origin: { source: original?.app.source, sourceTime: original?.app.sourceTime },
            between: request.forPullRequest ? await brings(request, cache, history, entry.app) : [],
        });
    }
    if (sources.length === 0 && unhealthy.length === 0)
        throw new errors_DeliveryError(`environment "${request.from.name}" runs none of the apps to promote`);
    return { sources, unhealthy };
}
/** The image the source runs, with its digest: looked up in the registry when only a tag is written. */
async function pinnedImage(request, { app, running }) {
    if (running.digest)
        return { image: { ...running, digest: running.digest }, resolved: false };
    const version = running.tag ?? 'latest';
    let digest;
    try {
        digest = await manifests_resolveDigest(clientFor(request.registry, running.registry), running.repository, version);
    }
    catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new errors_DeliveryError(`app "${app.name}" runs ${src_formatImageRef(running)} in ${request.from.name} without a digest, and the registry could not say which: ${reason}`);
    }
    request.logger.info(`${app.name}: ${request.from.name} pins only the tag ${version}; the registry says it is ${digest}`);
    return { image: { ...running, digest }, resolved: true };
}
/** The digest under the image name the target environment uses, with the source's tag. */
function targetImage(to, app, pinned) {
    const name = targets_imageFor(app, to.name);
    const { tag, digest } = pinned.image;
    return { registry: name.registry, repository: name.repository, ...(tag ? { tag } : {}), digest };
}
async function copyToTarget(request, app, pinned, target) {
    try {
        await request.logger.group(`Copy ${src_formatImageRef(pinned)} to ${src_formatImageRef(target)}`, () => copy_copyImage({ client: clientFor(request.registry, pinned.registry), repository: pinned.repository }, pinned.digest, { client: clientFor(request.registry, target.registry), repository: target.repository }, pinned.tag ? [pinned.tag] : [], { progress: src_progressOf(request.logger) }));
    }
    catch (error) {
        if (error instanceof errors_RegistryError)
            throw new errors_DeliveryError(`copying app "${app.name}" to ${src_formatImageRef(target)} failed, so nothing is written: ${error.message}`);
        throw error;
    }
}
/** The source's changes since what the target runs: for the pull request body only, as it can read far back. */
async function brings(request, cache, history, app) {
    const current = read_readImage(cache, targetsFor(request.config, app, request.to.name), repository_matcherFor(app, request.to.name));
    const image = current.image ? src_formatImageRef(current.image) : undefined;
    return changesBetween(history, request.from.name, app.name, image);
}
function clientFor(access, registry) {
    return new client_RegistryClient(registry, {
        credentials: access.credentials(registry),
        insecureRegistries: access.insecureRegistries,
    });
}
/** Markdown for the pull request: per app, the source environment's changes the promotion brings along. */
function whatItBrings(sources) {
    const sections = sources
        .filter((source) => source.between.length > 0)
        .map((source) => {
        const lines = source.between.map((change) => {
            // Trailers are someone's text: escaped, and the run linked only when it is a plain scheme://host address.
            const run = change.record.run ? ` (${src_markdownLink('run', change.record.run)})` : '';
            const from = change.app.source ? src_markdownText(change.app.source) : 'an unrecorded source';
            const at = change.app.sourceTime ? ` at ${src_markdownText(change.app.sourceTime)}` : '';
            return `- ${inlineCode(change.app.image)} from ${from}${at}${run}`;
        });
        return `**${src_markdownText(source.app.name)}** brings:\n${lines.join('\n')}`;
    });
    return sections.length ? sections.join('\n\n') : undefined;
}

;// CONCATENATED MODULE: ./packages/delivery/src/promote.ts
// promote: move the exact digest one environment runs into the next, for every app at once, as one commit
// (or one pull request per target environment) that carries each image's source on. A verb of the pipeline
// (pipeline.ts): this resolves the request; promote-sources.ts reads what the source runs.










async function promote(request) {
    let unhealthy = [];
    let names = { from: '', to: '' };
    const { apps, ...outcome } = await deliver({
        request,
        deployment: { environment: request.to, description: `gitops promote into ${request.to}`, verb: 'promoted' },
        resolve: async (opened) => {
            const resolved = await resolvePromotion(request, opened);
            unhealthy = resolved.unhealthy;
            names = { from: resolved.intent.from?.name ?? '', to: resolved.intent.environment.name };
            return resolved.intent;
        },
        undo: (failed) => rollBackFailed(request, request.to, failed),
    });
    return { ...outcome, ...names, promoted: apps, unhealthy };
}
/** The source and target, gates run and images copied: what the promotion plans from on every tip. */
async function resolvePromotion(request, { checkout, config, change, target, ready }) {
    const to = targets_findEnvironment(config, request.to);
    const fromName = request.from ?? to.promoteFrom;
    if (!fromName)
        throw new errors_DeliveryError(`environment "${to.name}" is promoted from nothing (it comes first); name the source with from`);
    if (fromName === to.name)
        throw new errors_DeliveryError(`cannot promote environment "${to.name}" into itself`);
    const from = targets_findEnvironment(config, fromName);
    const via = change.via ?? to.via;
    target(to, via);
    // A wait that could not read the controller is refused now, before anything is copied or lands.
    await ready();
    if (config.file === undefined)
        await checkout.include([`${from.path}/`, `${to.path}/`]);
    const apps = request.apps ? request.apps.map((name) => apps_resolveApp(config, from, name)) : allApps(config, from);
    await checkout.include([
        ...apps.flatMap((app) => [...sparsePaths(config, app, from.name), ...sparsePaths(config, app, to.name)]),
        ...provenanceFiles(to),
    ]);
    const gate = provenanceGate(to, checkout, {
        ...request,
        tempDir: external_node_path_.dirname(change.workdir),
        included: Promise.resolve(),
    });
    const { logger } = change;
    const read = { checkout, config, from, to, apps, gate, logger, dryRun: change.dryRun };
    const { sources, unhealthy } = await logger.group(`Read what ${from.name} runs`, () => readSources({
        ...read,
        named: request.apps !== undefined,
        controllers: request.controllers,
        onlyHealthy: request.onlyHealthy ?? false,
        registry: request.registry,
        forPullRequest: via === 'pull-request',
    }));
    return { intent: promotionIntent({ request, opened: { checkout, via, from, to, gate }, sources }), unhealthy };
}
/** What the promotion wants on every tip: each source's digest under the target's name, with its origin. */
function promotionIntent(input) {
    const { request, sources } = input;
    const { checkout, to, from, via, gate } = input.opened;
    return {
        action: 'promote',
        environment: to,
        from,
        via,
        head: `gitops/promote/${to.name}`,
        allowOlder: request.allowOlder,
        gate,
        wanted: async () => sources.map((source) => ({
            app: source.app,
            to: source.target,
            source: { id: source.origin.source, time: source.origin.sourceTime },
            evenIfOlder: request.allowOlder,
        })),
        // One fetch of the changes made since the oldest source among the apps answers every newer-source question.
        recent: () => {
            let recent;
            return () => (recent ??= commitsSinceSources(checkout, sources.map((source) => source.origin.sourceTime)));
        },
        rollbacks: (recent) => rollbackHistory(checkout, sources.map((source) => source.origin.sourceTime), recent),
        // Apps named are refused; what the source runs, or runs healthy (auto-promote), leaves a rejected one out.
        onRejected: request.apps !== undefined && !request.onlyHealthy ? 'refuse' : 'skip',
        outcome: (decision, index) => {
            const source = sources[index];
            return {
                app: decision.app,
                from: src_formatImageRef(source.running),
                image: decision.image,
                previous: decision.previous,
                resolved: source.resolved,
                copied: source.copied,
                ...(decision.skip ? { skip: decision.skip, skipped: decision.skipped } : {}),
            };
        },
        ours: (index) => `${from?.name}'s (${sources[index]?.origin.sourceTime})`,
        details: (written) => whatItBrings(sources.filter((source) => written.some((record) => record.app === source.app.name))),
        waitFor: sources.map((source) => source.app.name),
    };
}

;// CONCATENATED MODULE: ./packages/delivery/src/auto-promote.ts
// promote --auto: into every environment gitops.yaml marks auto-promote (or the one named, which must be), whatever its source runs healthy, in
// promotion order. Each is one promote, with its own commit or pull request; apps the source does not run
// Healthy and Synced at their digest are left out and named, never refused, so the others still move.



async function autoPromote(request) {
    const reading = await change_prepareChange(request);
    let targets;
    try {
        const { config } = await change_openCheckout(reading);
        targets = config.environments
            .filter((environment) => environment.autoPromote)
            .map((environment) => environment.name);
    }
    finally {
        change_removeClone(reading);
    }
    if (targets.length === 0)
        throw new errors_DeliveryError('no environment in gitops.yaml sets auto-promote: true, so there is nothing to promote into');
    if (request.only !== undefined && !targets.includes(request.only))
        throw new errors_DeliveryError(`environment "${request.only}" does not set auto-promote: true in gitops.yaml (those that do: ${targets.join(', ')})`, { subject: 'to' });
    if (request.only !== undefined)
        targets = [request.only];
    const promotions = [];
    const { only: _only, ...common } = request;
    for (const to of targets) {
        // The early clone went to reading gitops.yaml: each promotion clones the branch as it is now.
        promotions.push(await promote({ ...common, started: undefined, to, from: undefined, apps: undefined, onlyHealthy: true }));
    }
    return { promotions };
}

;// CONCATENATED MODULE: ./packages/delivery/src/change-options.ts
// One spec per option of a change to the config repository (deploy, rollback, promote): its name (the actions'
// input and the CLI's flag), kind, range, default and words. The action kit reads the inputs from it
// (`@gitops/action-kit/change-inputs`), the CLI makes its flags and their help from it (change-flags.ts), and
// test/action-contract.test.ts checks the deploy and promote action.yml against it.




const changeOptionSpecs = [
    {
        name: 'branch',
        key: 'branch',
        kind: 'text',
        placeholder: 'B',
        description: "Branch to change. Default: the repository's default branch.",
        help: "branch to change (default: the repository's default branch)",
    },
    {
        name: 'config',
        key: 'config',
        kind: 'text',
        default: 'gitops.yaml',
        placeholder: 'FILE',
        description: 'Path of gitops.yaml in the config repository.',
        help: 'gitops.yaml in the repository (default: gitops.yaml)',
    },
    {
        name: 'via',
        key: 'via',
        kind: 'choice',
        choices: ['commit', 'pull-request'],
        placeholder: 'MODE',
        description: "commit or pull-request. Default: the environment's `via` in gitops.yaml.",
        promote: "commit or pull-request. Default: the target environment's `via` in gitops.yaml.",
        help: 'commit or pull-request (default: from gitops.yaml)',
    },
    {
        name: 'committer',
        key: 'committer',
        kind: 'text',
        default: 'gitops <gitops@localhost>',
        actionDefault: 'github-actions[bot] <41898282+github-actions[bot]@users.noreply.github.com>',
        placeholder: 'ID',
        description: 'Author and committer of the commit, as "Name <email>".',
        help: '"Name <email>" (default: gitops <gitops@localhost>)',
    },
    {
        name: 'pull-request-labels',
        key: 'labels',
        kind: 'list',
        placeholder: 'A,B',
        description: 'With via: pull-request, labels to add to the pull request (comma or newline separated).',
        help: 'labels of the pull request (--labels, deprecated, still works)',
    },
    {
        name: 'auto-merge',
        key: 'autoMerge',
        kind: 'boolean',
        description: 'With via: pull-request, enable auto-merge on the pull request.',
        help: 'enable auto-merge on the pull request',
    },
    {
        name: 'push-attempts',
        key: 'pushAttempts',
        kind: 'whole-number',
        range: [1, 1000],
        default: defaultRetryPolicy.maxAttempts,
        placeholder: 'N',
        description: 'How many times to re-apply and push when other changes land first. Waiting while another pipeline lands this change with its own (docs/commits.md) does not count.',
        help: `pushes to try when others push first; waiting on another pipeline is not one (default: ${defaultRetryPolicy.maxAttempts})`,
    },
    {
        name: 'push-timeout',
        key: 'pushTimeoutSeconds',
        kind: 'whole-number',
        range: [1, 3600],
        default: defaultRetryPolicy.timeoutMs / 1000,
        placeholder: 'S',
        description: 'Seconds to keep trying to land the change, waiting on other pipelines included.',
        help: `seconds to keep trying to land the change, waiting included (default: ${defaultRetryPolicy.timeoutMs / 1000})`,
    },
    {
        name: 'git-timeout',
        key: 'gitTimeoutSeconds',
        kind: 'whole-number',
        range: [1, 3600],
        default: git_src/* defaultBudgetMs */.X_ / 1000,
        placeholder: 'S',
        description: 'Seconds to keep trying a git host that is down, refusing connections, answering 5xx or 429, or silent, for each exchange with it (clone, fetch, push). A missing repository or refused credentials fail at once. See docs/errors.md.',
        help: `seconds to keep trying a git host that is down or silent, per exchange (default: ${git_src/* defaultBudgetMs */.X_ / 1000})`,
    },
    {
        name: 'commit-signing',
        key: 'commitSigning',
        kind: 'choice',
        choices: commitSignings,
        default: 'none',
        placeholder: 'S',
        description: 'How commits are signed. github: GitHub makes each commit through its GraphQL API (createCommitOnBranch) and signs it, so branches that require signed commits take it; the repository must be owner/name on the GitHub server. ssh: git signs with signing-key (gpg.format=ssh), for other hosts. none: unsigned. Signed pipelines that lose a push race also land together: their pending changes show who made them (ssh: a key of gitops.yaml allowed-signers; github: the same App), which unsigned ones cannot, so those retry alone. See docs/security.md.',
        help: 'none, github (GitHub makes and signs the commits) or ssh (key from GITOPS_SIGNING_KEY)',
    },
    {
        name: 'override-freeze',
        key: 'overrideFreeze',
        kind: 'text',
        placeholder: 'WHY',
        description: "Go through a freeze window of gitops.yaml, for this reason: the commit records it in a Gitops-Freeze-Override trailer. Default: a change inside a window is refused, naming the window's reason and end (a rollback never is).",
        help: 'go through a freeze window, for this reason (recorded in the commit)',
    },
    {
        name: 'allow-rejected',
        key: 'allowRejected',
        kind: 'boolean',
        description: 'Write an image even though it was rolled back out of the environment before (rejected there), and record the decision in a Gitops-Allow-Rejected trailer. Default: such an image is refused, naming the rollback commit.',
        promote: 'Promote images even though they were rolled back out of the target environment before (rejected there), and record the decision in a Gitops-Allow-Rejected trailer. Default: refused when apps are named, left out and named otherwise (auto).',
        help: 'write images rolled back out of the environment before (recorded in the commit)',
    },
    {
        name: 'on-failure',
        key: 'onFailure',
        kind: 'choice',
        choices: onFailureChoices,
        default: 'fail',
        placeholder: 'WHAT',
        description: 'With wait: what to do when the controller reports the change failed, or Degraded, within wait-timeout. fail: the step fails. rollback: a rollback commit to the image each app ran before lands at once (never of a rollback, never where there was none), and the step fails naming both commits.',
        help: 'with --wait: fail, or rollback (a rollback commit lands when the change goes bad)',
    },
    {
        name: 'dry-run',
        key: 'dryRun',
        kind: 'boolean',
        description: 'Plan and show the diff; push nothing.',
        promote: 'Plan and show the diff; push nothing and copy no image.',
        help: 'print the diff, push nothing',
    },
];
/** The default action.yml declares: the workflow's where it differs, else the engine's (`''` for none). */
function actionDefault(spec) {
    if (spec.actionDefault !== undefined)
        return spec.actionDefault;
    if (spec.kind === 'boolean')
        return 'false';
    if (spec.kind === 'list')
        return '';
    return spec.default === undefined ? '' : String(spec.default);
}
/** YAML 1.2's core booleans, as GitHub's toolkit reads a boolean input. */
const booleans = {
    true: true,
    True: true,
    TRUE: true,
    false: false,
    False: false,
    FALSE: false,
};
/**
 * The value of an option given as text (an input, a flag's value), or why it is not one, in words that follow
 * the input's or flag's name: `must be a whole number from 1 to 1000, not "many"`. A list is split on commas.
 */
function readOptionText(spec, text) {
    switch (spec.kind) {
        case 'text':
            return { value: text };
        case 'list':
            return {
                value: text
                    .split(',')
                    .map((item) => item.trim())
                    .filter(Boolean),
            };
        case 'boolean': {
            const value = booleans[text];
            return value === undefined ? { problem: `must be true or false, not "${text}"` } : { value };
        }
        case 'choice':
            return spec.choices.includes(text)
                ? { value: text }
                : { problem: `must be one of ${spec.choices.join(', ')}, not "${text}"` };
        case 'whole-number': {
            const [min, max] = spec.range;
            const value = Number(text);
            if (!/^\d+$/.test(text) || value < min || value > max)
                return { problem: `must be a whole number from ${min} to ${max}, not "${text}"` };
            return { value };
        }
    }
}

;// CONCATENATED MODULE: ./packages/delivery/src/drift-git.ts
// What drift reads from the config repository's working copy: the tip, when the first commit a controller has not
// applied landed, and the commits without gitops trailers (hand edits) since the last check, with the files each
// touched. One bounded git run each; every answer comes from the working copy, nothing is fetched.

const timeoutMs = 60_000;
/** Commits looked through after an applied revision, and hand edits listed: a bound on what a run reads. */
const maxCommits = 2_000;
async function drift_git_tipOf(dir) {
    const [sha = '', at = ''] = (await git(['log', '-1', '--format=%H%x1f%cI', 'HEAD'], { cwd: dir, timeoutMs }))
        .trim()
        .split('\x1f');
    return { sha, at };
}
/**
 * When the oldest commit after `revision` on the branch landed: since then the controller has been behind. Undefined
 * when `revision` is the tip or not a commit of this history (then the tip's time is the best known).
 */
async function drift_git_behindSince(dir, revision) {
    if (!/^[0-9a-f]{7,64}$/.test(revision))
        return undefined;
    const out = await git(['log', `--max-count=${maxCommits}`, '--format=%cI', `${revision}..HEAD`], {
        cwd: dir,
        timeoutMs,
    }).catch(() => undefined);
    if (out === undefined)
        return undefined;
    const times = out.split('\n').filter(Boolean);
    const oldest = times.at(-1);
    return oldest ? { since: oldest, commits: times.length } : undefined;
}
/** Commits since `since` that carry no Gitops-Action trailer (merges aside), newest first, with their files. */
async function drift_git_handEditsSince(dir, since) {
    const out = await git([
        'log',
        '--no-merges',
        `--max-count=${maxCommits}`,
        `--since=${since.toISOString()}`,
        '--format=%x1e%H%x1f%cI%x1f%an%x1f%s%x1f%(trailers:key=Gitops-Action,valueonly,separator=%x2c)%x1f',
        '--name-only',
        'HEAD',
    ], { cwd: dir, timeoutMs });
    return out
        .split('\x1e')
        .filter((record) => record.trim())
        .flatMap((record) => {
        const [sha = '', at = '', author = '', subject = '', action = '', rest = ''] = record.split('\x1f');
        if (action.trim())
            return [];
        return { sha, at, author, subject, files: rest.split('\n').filter(Boolean) };
    });
}

;// CONCATENATED MODULE: ./packages/delivery/src/checkout-trust.ts
// gitops status reads the controllers of whatever checkout it runs in, a pull request's among them. A pull request
// may change gitops.yaml, so the checkout's controller addresses are held against the default branch's: where they
// differ, or where the default branch cannot be read, no Argo CD token or kubeconfig credential is sent, unless
// the caller trusts the checkout (--trust-checkout).




/** The environments whose controller may not be read with credentials here, each with the reason in words. */
async function checkout_trust_untrustedControllers(config, trust) {
    const refused = new Map();
    if (trust.trustCheckout || config.file === undefined)
        return refused;
    const mine = controllerAddresses(readFileSync(config.file, 'utf8'));
    if (mine.size === 0)
        return refused;
    const repository = workingCopy(config.root, 30_000);
    const base = await defaultBranch(repository, trust.baseBranch);
    const relative = path.relative(config.root, path.resolve(config.file)).split(path.sep).join('/');
    const found = base ? await fileAt(repository, base, relative).catch(() => undefined) : undefined;
    const theirs = found?.kind === 'file' ? controllerAddresses(found.text) : undefined;
    const allow = 'pass --trust-checkout to send them anyway';
    for (const [environment, address] of mine) {
        const said = theirs?.get(environment);
        if (said === address)
            continue;
        refused.set(environment, theirs === undefined
            ? `no credential is sent: the default branch's ${relative} cannot be read (${base ? `not in ${base}` : 'no origin/HEAD in this clone; fetch the default branch'}) to check this checkout's controller address against; ${allow}`
            : `no credential is sent: this checkout reads ${address}, but the default branch's ${relative} (${base}) reads ${said ?? 'no controller'}; ${allow}`);
    }
    return refused;
}
/** The default branch as this clone knows it: origin/HEAD, else the pull request's base branch. */
async function defaultBranch(repository, baseBranch) {
    const candidates = ['refs/remotes/origin/HEAD', ...(baseBranch ? [`refs/remotes/origin/${baseBranch}`] : [])];
    for (const ref of candidates) {
        const found = await repository.run(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]).then(() => true, () => false);
        if (found)
            return ref;
    }
    return undefined;
}

;// CONCATENATED MODULE: ./packages/delivery/src/preview-layout.ts
// Where previews live in the config repository: a folder per pull request (and app, when the path says {app}),
// found by matching gitops.yaml's `previews.path` against the folders of the tip, each with a small record of
// what it is (`.gitops-preview`). The record keeps a preview's age in the tree itself, so the sweep reads it from
// a clone of depth 1 instead of the history. Everything read from it is untrusted: checked and bounded here.



/** The record in each preview's folder. No .yaml ending: controllers that apply every YAML file pass it by. */
const preview_layout_recordFile = '.gitops-preview';
/** The previews the tip holds: its folders that match the path, each with the number (and app) it stands for. */
async function preview_layout_listPreviews(checkout, previews) {
    const root = previewsRoot(previews);
    const under = root === '.' ? [] : ['--', root];
    const output = await checkout.run(['ls-tree', '-r', '-d', '--name-only', '-z', 'HEAD', ...under]);
    const found = [];
    for (const folder of output.split('\0')) {
        const match = matchPreviewFolder(previews, folder);
        if (match)
            found.push({ folder, ...match });
    }
    return found.sort((a, b) => a.number - b.number || a.folder.localeCompare(b.folder));
}
/** The record's text: JSON, keys in a fixed order, so an unchanged preview writes the same bytes. */
function preview_layout_recordText(record) {
    return `${JSON.stringify(record, null, 2)}\n`;
}
const maxRecordBytes = (/* unused pure expression or super */ null && (64 * 1024));
/** The record of the preview in `folder` (checked out under `root`); undefined when it is missing or not one. */
function preview_layout_readRecord(root, folder) {
    const file = path.join(root, folder, preview_layout_recordFile);
    try {
        const stat = lstatSync(file);
        if (!stat.isFile() || stat.size > maxRecordBytes)
            return undefined;
        return parseRecord(JSON.parse(readFileSync(file, 'utf8')));
    }
    catch {
        return undefined;
    }
}
function parseRecord(data) {
    if (typeof data !== 'object' || data === null)
        return undefined;
    const value = data;
    const text = (key) => (typeof value[key] === 'string' ? value[key] : undefined);
    const [branch, created, updated] = [text('branch'), text('created'), text('updated')];
    if (typeof value.number !== 'number' || !branch || !created || !updated)
        return undefined;
    if (Number.isNaN(Date.parse(created)) || Number.isNaN(Date.parse(updated)))
        return undefined;
    const apps = {};
    if (typeof value.apps === 'object' && value.apps !== null) {
        for (const [app, entry] of Object.entries(value.apps)) {
            const { image, sha } = (entry ?? {});
            if (typeof image === 'string' && typeof sha === 'string')
                apps[app] = { image, sha };
        }
    }
    // The repository names the pull request the sweep asks GitHub about, and stands in a trailer: owner/name only.
    const repository = text('repository');
    const named = repository && /^[A-Za-z0-9_.-]{1,100}\/[A-Za-z0-9_.-]{1,100}$/.test(repository) ? repository : undefined;
    return { number: value.number, repository: named, branch, created, updated, apps };
}

;// CONCATENATED MODULE: ./packages/delivery/src/preview-status.ts
// The previews `gitops status` lists: every preview folder of the working copy's HEAD, with the pull request, the
// app, the image and the age its record gives, and, where the previews block names a controller and its
// credentials are given, what the controller says. Credentials go only to the address the default branch's
// gitops.yaml names (checkout-trust.ts), as for environments.





async function preview_status_previewStatus(request) {
    const { config } = request;
    const previews = config.previews;
    if (!previews)
        return [];
    const found = await listPreviews(workingCopy(config.root, 30_000), previews);
    if (found.length === 0)
        return [];
    const refused = previews.controller ? await untrustedControllers(config, request.trust) : new Map();
    const readHealth = previews.controller && !refused.has(previewsControllerKey);
    const rows = [];
    for (const preview of found) {
        const record = readRecord(config.root, preview.folder);
        const apps = preview.app ? [preview.app] : Object.keys(record?.apps ?? {});
        for (const app of apps.length ? apps : ['?']) {
            const created = record?.created;
            const said = readHealth
                ? await healthOf(request.access, previews, { number: preview.number, app, branch: record?.branch })
                : undefined;
            rows.push({
                number: preview.number,
                app,
                folder: preview.folder,
                image: record?.apps[app]?.image,
                created,
                ageHours: created ? Math.max(0, (request.now.getTime() - Date.parse(created)) / 3_600_000) : undefined,
                health: said?.health,
                message: said?.message,
            });
        }
    }
    return rows;
}
async function healthOf(access, previews, preview) {
    const environment = previewEnvironment(previews, preview);
    try {
        const read = controllerReader(environment, access, 'health');
        const [object] = controllerObjects(environment, [preview.app]);
        if (!object)
            return undefined;
        const state = await read(object, false);
        return { health: `${state.health}${state.synced ? '' : ', OutOfSync'}`, message: state.message };
    }
    catch (error) {
        return { health: 'unknown', message: error instanceof Error ? error.message : String(error) };
    }
}

;// CONCATENATED MODULE: ./packages/delivery/src/status-fleet.ts


/** App → its state across the fleet. */
function status_fleet_fleetApps(config, environment) {
    const fleet = environment.fleet;
    const apps = new Map();
    if (!fleet)
        return apps;
    const byApp = new Map();
    for (const reading of readClusterImages(config, environment)) {
        const clusters = byApp.get(reading.app) ?? {};
        clusters[reading.cluster] = reading.image ? formatImageRef(reading.image) : null;
        byApp.set(reading.app, clusters);
    }
    for (const [app, clusters] of byApp) {
        if (Object.values(clusters).every((image) => image === null))
            continue;
        const leading = clusters[fleet.waves[0]?.[0] ?? ''] ?? null;
        let done = 0;
        while (done < fleet.waves.length && (fleet.waves[done] ?? []).every((name) => clusters[name] === leading))
            done++;
        apps.set(app, { versions: versionsOf(clusters), leading, waves: { done, of: fleet.waves.length }, clusters });
    }
    return apps;
}
function versionsOf(clusters) {
    const groups = new Map();
    for (const [cluster, image] of Object.entries(clusters))
        groups.set(image, [...(groups.get(image) ?? []), cluster]);
    return [...groups]
        .map(([image, names]) => ({ image, clusters: names }))
        .sort((a, b) => b.clusters.length - a.clusters.length);
}
/** `1.4.2 on 140/200 (wave 3/4), 1.4.1 on 60`, each image as `short` shows it. */
function status_fleet_fleetCell(state, short) {
    const total = Object.keys(state.clusters).length;
    const [first, ...rest] = [
        ...state.versions.filter((version) => version.image === state.leading),
        ...state.versions.filter((version) => version.image !== state.leading),
    ];
    if (!first)
        return '-';
    if (rest.length === 0)
        return `${short(first.image)} on all ${total}`;
    const head = `${short(first.image)} on ${first.clusters.length}/${total} (wave ${state.waves.done}/${state.waves.of})`;
    return [head, ...rest.map((version) => `${short(version.image)} on ${version.clusters.length}`)].join(', ');
}

;// CONCATENATED MODULE: ./packages/delivery/src/status.ts
// What runs where, and what waits to be promoted: one row per app, an image per environment in promotion order,
// and each environment that runs something else than the one it is promoted from.







function status_promotionStatus(config) {
    const images = readEnvironmentImages(config);
    const fleets = new Map(config.environments.filter((e) => e.fleet).map((environment) => [environment.name, fleetApps(config, environment)]));
    const apps = [
        ...new Set([...images.map((entry) => entry.app), ...[...fleets.values()].flatMap((byApp) => [...byApp.keys()])]),
    ];
    return apps.map((app) => {
        const byEnvironment = new Map(images.filter((entry) => entry.app === app).map((entry) => [entry.environment, entry.image]));
        const ownFleets = {};
        for (const [environment, byApp] of fleets) {
            const state = byApp.get(app);
            if (!state)
                continue;
            ownFleets[environment] = state;
            const everywhere = state.versions.length === 1 && state.leading ? tryParseImageRef(state.leading) : undefined;
            byEnvironment.set(environment, everywhere);
        }
        const environments = {};
        const pending = [];
        for (const environment of config.environments) {
            const image = byEnvironment.get(environment.name);
            environments[environment.name] = image ? formatImageRef(image) : null;
            const source = environment.promoteFrom ? byEnvironment.get(environment.promoteFrom) : undefined;
            if (environment.promoteFrom && source && (!image || !sameImage(source, image) || source.tag !== image.tag)) {
                pending.push({ from: environment.promoteFrom, to: environment.name, image: formatImageRef(source) });
            }
        }
        return { app, environments, pending, fleets: ownFleets };
    });
}
/** What a controller's state says of the apps it applies. */
function status_appHealthOf(state) {
    return { health: state.health, synced: state.synced, revision: state.revision, message: state.message };
}
/**
 * For each environment that declares a controller, what it says of each app the rows show running there; an
 * environment that cannot be read (no credential, unreachable) gives one line in `problems` instead, never a
 * failure: status is for looking.
 */
async function status_controllerHealth(config, rows, access, 
/** Environments not to read with credentials, with why (checkout-trust.ts). */
refused = new Map()) {
    const health = {};
    const problems = [];
    await Promise.all(config.environments
        // A fleet's controllers are per cluster: read with its rollout, not as one environment's.
        .filter((environment) => environment.controller && !environment.fleet)
        .map(async (environment) => {
        const apps = rows.filter((row) => row.environments[environment.name]).map((row) => row.app);
        const perApp = {};
        const why = refused.get(environment.name);
        if (why) {
            problems.push({ environment: environment.name, subject: undefined, message: why });
            health[environment.name] = perApp;
            return;
        }
        try {
            const read = controllerReader(environment, access, 'reading health');
            for (const object of controllerObjects(environment, apps)) {
                const state = await read(object, false);
                for (const app of object.apps)
                    perApp[app] = status_appHealthOf(state);
            }
        }
        catch (error) {
            if (!(error instanceof UserError))
                throw error;
            problems.push({ environment: environment.name, subject: error.subject, message: error.message });
        }
        health[environment.name] = perApp;
    }));
    return { health, problems };
}
/** The working copy's last `maxCommits` commits; none where the folder is not a git repository. */
function status_statusHistory(config, maxCommits = 2048) {
    return readHistory(workingCopy(config.root, 60_000), maxCommits).catch(() => []);
}
/**
 * For each environment and app, the workflow whose attestation was verified when the image it runs was written
 * (the Gitops-Provenance trailer of the newest change that wrote that image), read from the working copy's
 * history. Nothing where no such change is recorded, or where the folder is not a git repository.
 */
function status_recordedProvenance(commits, rows) {
    // Each commit's record, read once for every row and environment asked about.
    const records = commits.flatMap((commit) => parseChangeRecord(commit.trailers) ?? []);
    const found = {};
    for (const row of rows) {
        for (const [environment, image] of Object.entries(row.environments)) {
            if (!image)
                continue;
            for (const record of records) {
                const app = record.environment === environment ? record.apps.find((entry) => entry.app === row.app) : undefined;
                if (!app)
                    continue;
                if (app.image === image && app.provenance)
                    found[environment] = { ...found[environment], [row.app]: app.provenance };
                break; // the newest change of the app there decides: an older one's word is not about what runs now
            }
        }
    }
    return found;
}

;// CONCATENATED MODULE: ./packages/delivery/src/status-fleet-health.ts





async function status_fleet_health_fleetHealth(config, rows, access, refused) {
    const health = {};
    const problems = [];
    const fleets = config.environments.filter((environment) => environment.fleet && (environment.controller || environment.fleet.clusters.some((cluster) => cluster.controller)));
    for (const environment of fleets) {
        const why = refused.get(environment.name);
        if (why) {
            problems.push({ environment: environment.name, subject: undefined, message: why });
            continue;
        }
        try {
            const read = limited(controllerReader(environment, access, 'reading health'), concurrentReads);
            const perCluster = {};
            health[environment.name] = perCluster;
            const asks = (environment.fleet?.clusters ?? []).flatMap((cluster) => {
                const apps = rows.filter((row) => row.fleets[environment.name]?.clusters[cluster.name]).map((row) => row.app);
                return apps.length ? clusterObjects(environment, apps, [cluster.name]) : [];
            });
            await Promise.all(asks.map(async (object) => {
                const cluster = object.cluster ?? '';
                try {
                    const state = await read(object, false);
                    const said = appHealthOf(state);
                    perCluster[cluster] ??= {};
                    for (const app of object.apps)
                        perCluster[cluster][app] = said;
                }
                catch (error) {
                    if (!(error instanceof UserError))
                        throw error;
                    problems.push({
                        environment: `${environment.name}/${cluster}`,
                        subject: error.subject,
                        message: error.message,
                    });
                }
            }));
        }
        catch (error) {
            if (!(error instanceof UserError))
                throw error;
            problems.push({ environment: environment.name, subject: error.subject, message: error.message });
        }
    }
    return { health, problems };
}

;// CONCATENATED MODULE: ./packages/delivery/src/status-line.ts
// What the team decided about each environment, for `gitops status`: holds (who and why, from the hold commit's
// trailers, else from gitops.yaml), freeze windows in force now, and the images rejected there by a rollback.


function status_line_lineStatus(config, commits, apps, now) {
    const held = {};
    const frozen = {};
    const rejected = {};
    for (const environment of config.environments) {
        const { name } = environment;
        if (environment.hold)
            held[name] = heldBy(environment.hold, holdCommit(commits, name));
        const freeze = activeFreeze(environment.freeze, now);
        if (freeze)
            frozen[name] = { reason: freeze.window.reason, until: freeze.untilText };
        const images = rejectedImages(commits, name, apps);
        if (images.size)
            rejected[name] = Object.fromEntries(images);
    }
    return { held, frozen, rejected };
}
/** The newest hold or unhold commit of `environment`: a hold's, when it is the one in force. */
function holdCommit(commits, environment) {
    for (const commit of commits) {
        const record = parseChangeRecord(commit.trailers);
        if (record?.environment !== environment)
            continue;
        if (record.action === 'unhold')
            return undefined;
        if (record.action === 'hold')
            return { commit, record };
    }
    return undefined;
}
function heldBy(hold, found) {
    // The trailers are the record; gitops.yaml says the same unless someone edited it by hand since.
    const record = found?.record;
    return {
        reason: record?.reason ?? hold.reason,
        by: record?.by ?? hold.by,
        at: found?.commit.committedAt ?? hold.at,
        commit: found?.commit.sha,
    };
}

;// CONCATENATED MODULE: ./packages/delivery/src/status-report.ts








async function status_report_statusReport(request) {
    const { config } = request;
    const rows = promotionStatus(config);
    const now = request.now ?? new Date();
    const refused = untrustedControllers(config, request.trust);
    const [{ health, problems }, fleets, commits, previews] = await Promise.all([
        refused.then((untrusted) => controllerHealth(config, rows, request.access, untrusted)),
        refused.then((untrusted) => fleetHealth(config, rows, request.access, untrusted)),
        statusHistory(config),
        previewStatus({ config, access: request.access, trust: request.trust, now }),
    ]);
    const environments = config.environments.map((environment) => environment.name);
    const apps = rows.map((row) => row.app);
    const line = lineStatus(config, commits, apps, now);
    return {
        environments,
        rows,
        health,
        clusters: fleets.health,
        problems: [...problems, ...fleets.problems],
        provenance: recordedProvenance(commits, rows),
        line,
        previews,
        commits,
    };
}
/** One entry per app: its row, with what each controller says (null: nothing) and who built each version. */
function statusJson(report) {
    const { health, provenance } = report;
    return report.rows.map((row) => ({
        ...row,
        // Each cluster's health beside its image (null: not read, or no controller).
        fleets: Object.fromEntries(Object.entries(row.fleets).map(([name, fleet]) => [
            name,
            {
                ...fleet,
                health: Object.fromEntries(Object.keys(fleet.clusters).map((cluster) => [
                    cluster,
                    report.clusters[name]?.[cluster]?.[row.app] ?? null,
                ])),
            },
        ])),
        health: Object.fromEntries(report.environments.filter((name) => health[name]).map((name) => [name, health[name]?.[row.app] ?? null])),
        provenance: Object.fromEntries(report.environments.map((name) => [name, provenance[name]?.[row.app] ?? null])),
        held: pick(report.environments, (name) => report.line.held[name]),
        frozen: pick(report.environments, (name) => report.line.frozen[name]),
        rejected: pick(report.environments, (name) => report.line.rejected[name]?.[row.app]),
    }));
}
/** Environment → value, for the environments that have one. */
function pick(names, value) {
    return Object.fromEntries(names.flatMap((name) => (value(name) === undefined ? [] : [[name, value(name)]])));
}
/** The table of versions (with health beside them), then what waits, what the controllers say, who built what. */
function statusText(report) {
    const { rows, environments: names, health } = report;
    const cell = (row, name) => {
        const fleet = row.fleets[name];
        if (fleet)
            return fleetCell(fleet, shortImage);
        const version = shortImage(row.environments[name] ?? null);
        const said = health[name]?.[row.app];
        return said ? `${version} (${said.health}${said.synced ? '' : ', OutOfSync'})` : version;
    };
    const header = ['APP', ...names.map((name) => name.toUpperCase())];
    const parts = [textTable([header, ...rows.map((row) => [row.app, ...names.map((name) => cell(row, name))])], '')];
    const pending = rows.flatMap((row) => row.pending.map((step) => `${row.app}: ${step.from} is ahead of ${step.to} (${step.image})`));
    parts.push(pending.length
        ? section('Waiting to be promoted', pending)
        : '\nEvery environment runs what the one before it runs.');
    const perApp = (line) => rows.flatMap((row) => names.flatMap((name) => line(row.app, name) ?? []));
    const unhealthy = perApp((app, name) => {
        const said = health[name]?.[app];
        return said?.message && (said.health !== 'Healthy' || !said.synced)
            ? `${app} in ${name}: ${said.message}`
            : undefined;
    });
    if (unhealthy.length)
        parts.push(section('What the controllers say', unhealthy));
    const built = perApp((app, name) => {
        const workflow = report.provenance[name]?.[app];
        return workflow ? `${app} in ${name}: ${workflow}` : undefined;
    });
    if (built.length)
        parts.push(section('Built by (provenance verified when written)', built));
    const line = lineLines(report);
    if (line.length)
        parts.push(section('Held, frozen and rejected', line));
    if (report.previews.length)
        parts.push(`\nPreviews:\n${previewTable(report.previews)}`);
    return parts.join('\n');
}
/** Each cluster of each fleet, and what it runs of each app: `gitops status --clusters`. */
function clusterTable(report) {
    const rows = report.rows.flatMap((row) => Object.entries(row.fleets).flatMap(([environment, fleet]) => Object.entries(fleet.clusters).map(([cluster, image]) => {
        const said = report.clusters[environment]?.[cluster]?.[row.app];
        const health = said ? `${said.health}${said.synced ? '' : ', OutOfSync'}` : '-';
        return [environment, cluster, row.app, shortImage(image), health];
    })));
    if (rows.length === 0)
        return 'no fleets';
    return textTable([['ENVIRONMENT', 'CLUSTER', 'APP', 'IMAGE', 'HEALTH'], ...rows], '');
}
/** PR, app, image, age and health of each preview, as a table. */
function previewTable(previews) {
    const age = (hours) => hours === undefined ? '-' : hours < 48 ? `${Math.floor(hours)}h` : `${Math.floor(hours / 24)}d`;
    const rows = previews.map((p) => [
        `#${p.number}`,
        p.app,
        shortImage(p.image ?? null),
        age(p.ageHours),
        p.health ?? '-',
    ]);
    return textTable([['PR', 'APP', 'IMAGE', 'AGE', 'HEALTH'], ...rows], '  ');
}
/** Holds, windows in force and rejected images, one line each. */
function lineLines(report) {
    const { held, frozen, rejected } = report.line;
    return report.environments.flatMap((name) => {
        const lines = [];
        const hold = held[name];
        if (hold)
            lines.push(`${name} is held${hold.by ? ` by ${hold.by}` : ''}${hold.at ? ` since ${hold.at}` : ''}: ${hold.reason}${hold.commit ? ` (${hold.commit.slice(0, 7)})` : ''}`);
        const freeze = frozen[name];
        if (freeze)
            lines.push(`${name} is frozen${freeze.reason ? ` (${freeze.reason})` : ''} until ${freeze.until}`);
        for (const [app, images] of Object.entries(rejected[name] ?? {}))
            for (const image of images)
                lines.push(`${app} in ${name}: ${shortImage(image.image)} rejected, rolled back by ${image.commit.slice(0, 7)}`);
        return lines;
    });
}
const section = (title, lines) => `\n${title}:\n${lines.map((line) => `  ${line}`).join('\n')}`;
/** A reference as the status table shows it: the tag and 12 digits of the digest (`1.4.2@0123456789ab`). */
function shortImage(reference) {
    if (reference === null)
        return '-';
    const image = tryParseImageRef(reference);
    const short = `${image?.tag ?? ''}${image?.digest ? `@${image.digest.slice(7, 19)}` : ''}`;
    return short || reference;
}

;// CONCATENATED MODULE: ./packages/delivery/src/drift.ts






async function drift_driftReport(request) {
    const { config, now } = request;
    const [tip, status, edits] = await Promise.all([
        tipOf(config.root),
        statusReport({ config, access: request.access, trust: request.trust, now }),
        handEditsSince(config.root, request.since),
    ]);
    const tags = request.registry ? await tagChecks(status.rows, request.registry) : new Map();
    const environments = await Promise.all(config.environments.map(async (environment) => {
        const name = environment.name;
        const said = [
            ...Object.entries(status.health[name] ?? {}),
            ...Object.entries(status.clusters[name] ?? {}).flatMap(([cluster, byApp]) => Object.entries(byApp).map(([app, health]) => [`${cluster}/${app}`, health])),
        ];
        const findings = [
            ...(await controllerFindings(said, {
                dir: config.root,
                tip: tip.sha,
                now,
                behindSeconds: request.behindSeconds,
            })),
            ...handEditFindings(edits, folders(environment)),
            ...status.rows.flatMap((row) => {
                const checked = tags.get(row.environments[name] ?? '');
                return checked && 'moved' in checked
                    ? [{ kind: 'tag-moved', subject: row.app, message: checked.moved }]
                    : [];
            }),
        ];
        const problems = [
            ...status.problems
                .filter((p) => p.environment === name || p.environment.startsWith(`${name}/`))
                .map((p) => p.message),
            ...status.rows.flatMap((row) => {
                const checked = tags.get(row.environments[name] ?? '');
                return checked && 'problem' in checked ? [checked.problem] : [];
            }),
        ];
        return { environment: name, findings, problems: [...new Set(problems)] };
    }));
    return {
        checkedAt: now.toISOString(),
        tip,
        since: request.since.toISOString(),
        behindSeconds: request.behindSeconds,
        environments,
    };
}
/** The folders an environment's files are in: its own, or each of its clusters'. */
function folders(environment) {
    return environment.fleet ? environment.fleet.clusters.map((cluster) => cluster.path) : [environment.path];
}
async function controllerFindings(said, context) {
    const findings = [];
    for (const [subject, health] of said) {
        if (!health.synced)
            findings.push({
                kind: 'out-of-sync',
                subject,
                message: `OutOfSync${health.message ? `: ${health.message}` : ''}`,
            });
        if (health.health === 'Degraded')
            findings.push({ kind: 'degraded', subject, message: `Degraded${health.message ? `: ${health.message}` : ''}` });
        // Flux names it `main@sha1:<commit>`, Argo CD the bare commit.
        const revision = health.revision ? commitOf(health.revision) : undefined;
        if (!revision || revision === context.tip)
            continue;
        const behind = await behindSince(context.dir, revision);
        if (!behind)
            continue;
        const seconds = (context.now.getTime() - Date.parse(behind.since)) / 1000;
        if (seconds > context.behindSeconds)
            findings.push({
                kind: 'behind',
                subject,
                message: `applies ${revision.slice(0, 7)}, ${behind.commits} commit${behind.commits === 1 ? '' : 's'} behind ${context.tip.slice(0, 7)} since ${behind.since}`,
            });
    }
    return findings;
}
function handEditFindings(edits, own) {
    const inside = (file) => own.some((folder) => folder === '.' || file === folder || file.startsWith(`${folder}/`));
    return edits
        .filter((edit) => edit.files.some(inside))
        .map((edit) => ({
        kind: 'hand-edit',
        subject: edit.sha,
        message: `${edit.sha.slice(0, 7)} by ${edit.author} at ${edit.at}, without gitops trailers: ${edit.subject}`,
    }));
}
async function tagChecks(rows, registry) {
    const pinned = [...new Set(rows.flatMap((row) => Object.values(row.environments).flatMap((image) => image ?? [])))];
    const checks = new Map();
    const check = limited(async (reference) => {
        const ref = tryParseImageRef(reference);
        if (!ref?.tag || !ref.digest)
            return;
        try {
            const client = new RegistryClient(ref.registry, {
                credentials: registry.credentials(ref.registry),
                insecureRegistries: registry.insecureRegistries,
            });
            const now = await resolveDigest(client, ref.repository, ref.tag);
            if (now !== ref.digest)
                checks.set(reference, { moved: `tag ${ref.tag} now resolves to ${now}, not the pinned ${ref.digest}` });
        }
        catch (error) {
            checks.set(reference, {
                problem: `${ref.registry}/${ref.repository}:${ref.tag} could not be resolved: ${error.message}`,
            });
        }
    }, 8);
    await Promise.all(pinned.map(check));
    return checks;
}

;// CONCATENATED MODULE: ./packages/delivery/src/drift-text.ts
// How drift is told: lines for a terminal, and one issue per environment (Markdown, every value from Git or a
// server escaped) that says what drifts, since when, and what to do.

const headings = {
    behind: 'Controller behind the branch',
    'out-of-sync': 'OutOfSync',
    degraded: 'Degraded',
    'hand-edit': 'Hand edits (commits without gitops trailers)',
    'tag-moved': 'Tags that moved',
};
/** One line per finding and problem; `no drift` where there is none. */
function driftText(report) {
    const lines = report.environments.flatMap((environment) => [
        ...environment.findings.map((f) => `${environment.environment}: ${f.kind}: ${printable(f.subject)}: ${printable(f.message)}`),
        ...environment.problems.map((problem) => `${environment.environment}: not checked: ${printable(problem)}`),
    ]);
    const drifting = report.environments.filter((environment) => environment.findings.length > 0).length;
    const head = `checked ${report.environments.length} environments at ${report.tip.sha.slice(0, 7)}: ${drifting ? `${drifting} drift` : 'no drift'}`;
    return [head, ...lines].join('\n');
}
/** The issue of an environment: its title, and its body while it drifts. */
function drift_text_driftIssue(report, environment) {
    const name = environment.environment;
    const sections = Object.keys(headings).flatMap((kind) => {
        const found = environment.findings.filter((finding) => finding.kind === kind);
        if (found.length === 0)
            return [];
        const items = found.slice(0, 50).map((f) => `- ${markdownText(f.subject)}: ${markdownText(f.message)}`);
        if (found.length > 50)
            items.push(`- … and ${found.length - 50} more`);
        return [`### ${headings[kind]}`, '', ...items, ''];
    });
    const problems = environment.problems.map((problem) => `- ${markdownText(problem)}`);
    const body = environment.findings.length
        ? [
            `What runs in **${markdownText(name)}** is not what the config repository says, as of ${report.tip.sha.slice(0, 7)} (checked ${report.checkedAt}; hand edits since ${report.since}).`,
            '',
            ...sections,
            ...(problems.length ? ['### Not checked', '', ...problems, ''] : []),
            'This issue is updated by `gitops drift` while the drift lasts and closed when it is gone.',
        ].join('\n')
        : undefined;
    return {
        key: name,
        title: `Drift in ${name}`,
        body,
        closing: `No drift in ${name} any more (checked ${report.checkedAt} at ${report.tip.sha.slice(0, 7)}).`,
    };
}

;// CONCATENATED MODULE: ./packages/delivery/src/drift-alerts.ts
// `gitops drift` as one engine call: the facts (drift.ts), and with a repository given, one GitHub issue per
// environment labelled gitops-drift, opened, updated and closed to match them.



const driftLabel = 'gitops-drift';
async function driftAlerts(request) {
    const report = await driftReport(request);
    if (!request.issues)
        return { report, issues: undefined };
    const { repository, token, apiUrl } = request.issues;
    const issues = new GitHubLabelledIssues(githubClient(token, apiUrl), repository, driftLabel);
    // An environment that drifts in nothing that could be checked, but could not be checked whole, keeps its issue
    // as it is: a controller without credentials is no sign that its drift is gone.
    const known = report.environments.filter((e) => e.findings.length > 0 || e.problems.length === 0);
    const synced = await issues.sync(known.map((environment) => driftIssue(report, environment)));
    return { report, issues: synced };
}

;// CONCATENATED MODULE: ./packages/delivery/src/hold.ts
// hold and unhold: stop the line into an environment, and start it again. Each is one commit that writes (or
// removes) the environment's `hold:` in gitops.yaml, with trailers that say who did it and why. gitops.yaml is
// read again on every tip a change is planned on, so every deploy and promote sees a hold the moment it lands,
// including those racing it; rollback is never held (line-gates.ts). The file keeps its comments and layout.








async function holdLine(request) {
    const reason = request.reason?.trim();
    if (request.hold && !reason)
        throw new DeliveryError('is required to hold an environment: say why', { subject: 'reason' });
    const change = await prepareChange(request);
    try {
        const { checkout, config } = await openCheckout(change);
        const environment = findEnvironment(config, request.environment);
        if (config.file === undefined)
            throw new DeliveryError(`hold is written into gitops.yaml, and ${change.remote.display} has none: add one (gitops init proposes it)`);
        const via = change.via ?? environment.via;
        checkPullRequests(change, via);
        const file = config.file;
        const by = request.by || change.committer.name;
        const asked = { ...request, by };
        const at = (request.now?.() ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z');
        const wanted = request.hold ? { reason: reason, by, at } : undefined;
        const landed = await landChange({
            // A hold lands on its own: it publishes no pending change for image pipelines to carry, and carries none.
            change: { ...change, pendingTrust: undefined },
            checkout,
            via,
            head: `gitops/hold/${environment.name}`,
            opened: config,
            plan: async (fresh) => holdPlan({ checkout: checkout.dir, file, config: fresh, wanted, request: asked, runUrl: change.runUrl }),
        });
        return {
            environment: environment.name,
            changed: landed.changed,
            commit: landed.commit,
            pullRequestUrl: landed.pullRequestUrl,
            diff: unifiedDiff(landed.planned.changes),
            held: landed.changed || !request.hold ? wanted : findEnvironment(config, environment.name).hold,
        };
    }
    finally {
        removeClone(change);
    }
}
/** The edit of gitops.yaml that holds or releases the environment on this tip; none when it already is so. */
function holdPlan(input) {
    const { request, wanted } = input;
    const name = findEnvironment(input.config, request.environment).name;
    const before = readFileSync(path.join(input.checkout, input.file), 'utf8');
    const document = parseDocument(before);
    const entry = document.getIn(['environments', name]);
    if (!isMap(entry))
        throw new DeliveryError(`environment "${name}" is not a mapping in ${input.file}`);
    const current = entry.get('hold');
    if (wanted)
        entry.set('hold', document.createNode({ reason: wanted.reason, by: wanted.by, at: wanted.at }));
    else
        entry.delete('hold');
    const after = document.toString();
    const unchanged = wanted ? current !== undefined && sameReason(current, wanted) : current === undefined;
    const record = {
        action: request.hold ? 'hold' : 'unhold',
        environment: name,
        apps: [],
        reason: wanted?.reason ?? (request.reason?.trim() || 'line started again'),
        by: request.by,
        run: input.runUrl,
    };
    return { changes: unchanged ? [] : [{ file: input.file, before, after }], record };
}
/** A hold already in force for the same reason is left as it is (its who and when stay the first one's). */
function sameReason(current, wanted) {
    return isMap(current) && current.get('reason') === wanted.reason;
}

;// CONCATENATED MODULE: ./packages/delivery/src/preview-comment.ts
// The one comment a pull request's preview keeps on it: the address, the image and the health, updated on each
// push and when the preview goes. Found again by a hidden marker. Values from the controller are escaped; a
// comment that cannot be written is a warning, never a failed preview.



const marker = '<!-- gitops-preview -->';
/** Writes (or updates) the comment; its address, or undefined when there is no token or GitHub said no. */
async function preview_comment_previewComment(change, comment) {
    if (!change.github) {
        change.logger.info(`Not commenting on pull request #${comment.number}: no token`);
        return undefined;
    }
    try {
        const written = await new GitHubComments(change.github).upsertSticky({
            repository: comment.repository,
            issueNumber: comment.number,
            marker,
            body: `${marker}\n${comment.body}\n`,
        });
        return written.url;
    }
    catch (error) {
        change.logger.warning(`could not comment on pull request #${comment.number} of ${comment.repository}: ${error instanceof Error ? error.message : String(error)}`);
        return undefined;
    }
}
/** The comment after a deploy: where the preview is, what it runs, and how the controller says it is. */
function preview_comment_deployedBody(input) {
    const { report } = input;
    const digest = parseImageRef(input.image).digest;
    const health = report
        ? report.states.map((state) => `${state.health}${state.synced ? ', Synced' : ', OutOfSync'}`).join('; ') ||
            'no controller object'
        : 'not waited for';
    const settled = report && !report.settled ? ` (${markdownText(report.message)})` : '';
    const address = input.url ? markdownLink(input.url, input.url) : 'none declared (previews.url)';
    const run = input.change.runUrl ? ` by ${markdownLink('this run', input.change.runUrl)}` : '';
    return [
        '### Preview',
        '',
        '| App | Address | Image | Health |',
        '| --- | --- | --- | --- |',
        `| ${markdownText(input.app)} | ${address} | \`${digest ? shortDigest(digest) : markdownText(input.image)}\` | ${markdownText(health)}${settled} |`,
        '',
        `Config commit ${input.commit.slice(0, 7)}${run}; the full image is ${markdownText(input.image)}.`,
    ].join('\n');
}

;// CONCATENATED MODULE: ./packages/delivery/src/preview-template.ts
// A preview's files, made from gitops.yaml's template folder: every file copied, with {number}, {branch}, {app}
// and {sha} replaced in its name and text. The template is copied as it is, so nothing in it may lead elsewhere:
// a symbolic link (in the folder, or on the way to it) is refused, as is anything but folders and files, and
// its size is bounded. The values are made safe first: the branch comes from a pull request.




const preview_template_maxFiles = 200;
const maxBytes = (/* unused pure expression or super */ null && (1024 * 1024));
/** The files of a new preview in `folder`, as additions; refused when the template is not plain files. */
function preview_template_templateFiles(input) {
    checkValues(input.values);
    try {
        return copyTemplate(input);
    }
    catch (error) {
        if (!(error instanceof TemplateProblem))
            throw error;
        const where = input.where ? { where: input.where } : {};
        throw new DeliveryError(`previews.template: ${error.message}; refused`, { kind: 'refused', ...where });
    }
}
class TemplateProblem extends (/* unused pure expression or super */ null && (Error)) {
}
function copyTemplate(input) {
    const { root, template, folder, values } = input;
    checkNoLinkOnTheWay(root, template);
    const files = [];
    const walk = (relative, depth) => {
        const entries = readdirSync(path.join(root, template, relative), { withFileTypes: true });
        for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
            const inner = relative ? `${relative}/${entry.name}` : entry.name;
            const where = `${template}/${inner}`;
            if (entry.isSymbolicLink())
                throw preview_template_refusal(`"${where}" is a symbolic link: a template is copied as it is, and a link can lead out of it`);
            if (entry.isDirectory() && depth >= 16)
                throw preview_template_refusal(`"${where}" is nested deeper than 16 folders`);
            if (entry.isDirectory())
                walk(inner, depth + 1);
            else if (entry.isFile() && entry.name !== recordFile)
                files.push(copied(root, where, `${folder}/${fill(inner, values)}`, values));
            else if (!entry.isFile())
                throw preview_template_refusal(`"${where}" is neither a file nor a folder`);
            if (files.length > preview_template_maxFiles)
                throw preview_template_refusal(`holds more than ${preview_template_maxFiles} files`);
        }
    };
    walk('', 0);
    if (files.length === 0)
        throw preview_template_refusal(`"${template}" holds no files`);
    return files;
}
function copied(root, from, to, values) {
    const size = lstatSync(path.join(root, from)).size;
    if (size > maxBytes)
        throw preview_template_refusal(`"${from}" is larger than ${maxBytes / 1024} KiB`);
    const text = readFileSync(path.join(root, from), 'utf8');
    return { file: to, before: '', after: fill(text, values), added: true };
}
/** The text with every placeholder replaced. */
function fill(text, values) {
    return text
        .replaceAll('{number}', String(values.number))
        .replaceAll('{branch}', values.branch)
        .replaceAll('{app}', values.app)
        .replaceAll('{sha}', values.sha);
}
/** Each folder from the repository's root to the template is a folder, not a link to one. */
function checkNoLinkOnTheWay(root, template) {
    let at = root;
    for (const part of template.split('/')) {
        at = path.join(at, part);
        let stat;
        try {
            stat = lstatSync(at);
        }
        catch {
            throw preview_template_refusal(`folder "${template}" does not exist in the repository`);
        }
        if (stat.isSymbolicLink())
            throw preview_template_refusal(`"${path.relative(root, at)}" is a symbolic link: a template is copied as it is, and a link can lead out of it`);
        if (!stat.isDirectory())
            throw preview_template_refusal(`"${template}" is not a folder`);
    }
}
function checkValues(values) {
    if (!Number.isInteger(values.number) || values.number < 1)
        throw new DeliveryError('must be a pull request number', { subject: 'preview' });
    if (!/^[0-9a-f]{7,64}$/.test(values.sha))
        throw new DeliveryError(`"${values.sha.slice(0, 80)}" is not a commit id (hex)`, { subject: 'preview sha' });
    if (!/^[a-z0-9][a-z0-9-]*$/.test(values.branch))
        throw new Error('internal error: the branch is not made safe');
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(values.app))
        throw new DeliveryError(`app "${values.app}" cannot stand in a folder name`, { subject: 'app' });
}
function preview_template_refusal(reason) {
    return new TemplateProblem(reason);
}

;// CONCATENATED MODULE: ./packages/delivery/src/preview-plan.ts
// The plans of preview changes, made on each tip the landing tries: open a pull request's preview from the
// template (max checked against the previews the tip holds), update the image of one that exists, or remove
// every folder of a pull request. Files are planned before any is written, as every change here is.








/** The previews section of the config as the tip has it. */
function preview_plan_previewsOf(config) {
    if (!config.previews)
        throw new DeliveryError(`${config.file ?? 'gitops.yaml'} has no previews: block; add one (docs/previews.md)`);
    return config.previews;
}
/** Opens the pull request's preview of the app, or sets its image; nothing when it already runs that image. */
async function preview_plan_planPreviewDeploy(checkout, ask) {
    const { previews, app, pullRequest } = ask;
    const folder = previewFolder(previews, pullRequest.number, app.name);
    const existing = await listPreviews(checkout, previews);
    const opened = !existing.some((preview) => preview.folder === folder);
    if (opened)
        checkRoom(previews, existing);
    await checkout.include([`${folder}/`, `${previews.template}/`]);
    const before = opened ? undefined : readRecord(checkout.dir, folder);
    const files = opened ? newPreviewFiles(checkout, ask, folder) : imageEdits(checkout.dir, folder, ask);
    const previous = opened ? undefined : currentImage(checkout.dir, folder, app);
    const image = formatImageRef(ask.image);
    const unchanged = files.length === 0 && before?.apps[app.name]?.image === image;
    const record = recordChange(checkout.dir, folder, previewRecord(before, ask, image));
    const changes = unchanged ? [] : [...files, ...(record ? [record] : [])];
    const change = {
        action: 'preview',
        environment: folder,
        preview: String(pullRequest.number),
        apps: [{ app: app.name, image, previous, source: ask.source?.id, sourceTime: ask.source?.time }],
        run: ask.runUrl,
    };
    return { changes, record: change, folder, opened, previous };
}
/** Removes every folder of the pull request's previews; nothing when none is left. */
async function preview_plan_planPreviewDelete(checkout, input) {
    const folders = (await listPreviews(checkout, input.previews))
        .filter((preview) => preview.number === input.number)
        .map((preview) => preview.folder);
    if (folders.length > 0)
        await checkout.include(folders.map((folder) => `${folder}/`));
    // Every file of every folder, in one listing.
    const listed = folders.length
        ? await checkout.run(['ls-tree', '-r', '--name-only', '-z', 'HEAD', '--', ...folders])
        : '';
    const changes = listed
        .split('\0')
        .filter(Boolean)
        .map((file) => ({ file, before: smallText(checkout.dir, file), after: '', removed: true }));
    const record = {
        action: 'preview-delete',
        environment: folders[0] ?? previewFolder(input.previews, input.number, '{app}'),
        preview: String(input.number),
        apps: [],
        reason: input.reason,
        run: input.runUrl,
    };
    return { changes, record, folders };
}
/** A new preview may open only while fewer than `max` exist: the message names them. */
function checkRoom(previews, existing) {
    if (existing.length < previews.max)
        return;
    const named = existing.map((preview) => `#${preview.number} (${preview.folder})`).join(', ');
    throw new DeliveryError(`previews.max is ${previews.max}, and ${existing.length} preview${existing.length === 1 ? '' : 's'} exist: ${named}; remove one (gitops preview delete NUMBER) or raise max`, { kind: 'refused', ...(previews.location ? { where: previews.location } : {}) });
}
/** The template's files for the preview, with the image set in them (planned in a folder of their own). */
function newPreviewFiles(checkout, ask, folder) {
    const { previews, app, pullRequest } = ask;
    const values = {
        number: pullRequest.number,
        branch: safeBranch(pullRequest.branch),
        app: app.name,
        sha: pullRequest.sha,
    };
    const files = templateFiles({
        root: checkout.dir,
        template: previews.template,
        folder,
        values,
        where: previews.location,
    });
    const stage = mkdtempSync(path.join(path.dirname(checkout.dir), 'preview-'));
    try {
        for (const file of files)
            writeStaged(stage, file);
        const edited = new Map(imageEdits(stage, folder, ask).map((change) => [change.file, change.after]));
        return files.map((file) => ({ ...file, after: edited.get(file.file) ?? file.after }));
    }
    finally {
        rmSync(stage, { recursive: true, force: true });
    }
}
function writeStaged(stage, file) {
    const target = path.join(stage, file.file);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, file.after);
}
/**
 * The edits that pin the image in the preview's folder: wherever its files name the app's image; else, in a
 * kustomize overlay that does not (an overlay of dev), a new `images:` entry of its kustomization.
 */
function imageEdits(root, folder, ask) {
    const matcher = matcherFor(ask.app, '');
    try {
        return planImageChanges(root, [{ matcher, to: ask.image, targets: { search: folder } }]);
    }
    catch (error) {
        const kustomization = preview_plan_kustomizationIn(root, folder);
        if (!(error instanceof ManifestError) || !kustomization)
            throw error;
        return planImageChanges(root, [{ matcher, to: ask.image, targets: { files: [{ file: kustomization }] } }]);
    }
}
function preview_plan_kustomizationIn(root, folder) {
    return ['kustomization.yaml', 'kustomization.yml', 'Kustomization']
        .map((name) => `${folder}/${name}`)
        .find((file) => existsSync(path.join(root, file)));
}
function currentImage(root, folder, app) {
    try {
        const image = readImage(new FileCache(root), { search: folder }, matcherFor(app, '')).image;
        return image ? formatImageRef(image) : undefined;
    }
    catch {
        return undefined;
    }
}
/** The record after this deploy: made now, or the one there with this app's image and commit. */
function previewRecord(before, ask, image) {
    const now = ask.now.toISOString().replace(/\.\d{3}Z$/, 'Z');
    const { pullRequest } = ask;
    return {
        number: pullRequest.number,
        repository: pullRequest.repository ?? before?.repository,
        branch: pullRequest.branch,
        created: before?.created ?? now,
        updated: now,
        apps: { ...before?.apps, [ask.app.name]: { image, sha: pullRequest.sha } },
    };
}
function recordChange(root, folder, record) {
    const file = `${folder}/${recordFile}`;
    const after = recordText(record);
    if (!existsSync(path.join(root, file)))
        return { file, before: '', after, added: true };
    const before = smallText(root, file);
    return before === after ? undefined : { file, before, after };
}
/** A file's text for the diff; a large one is left out of it. */
function smallText(root, file) {
    const where = path.join(root, file);
    try {
        return statSync(where).size <= 1024 * 1024 ? readFileSync(where, 'utf8') : '';
    }
    catch {
        return '';
    }
}

;// CONCATENATED MODULE: ./packages/delivery/src/preview.ts
// Previews per pull request: deploy opens or updates one (a commit that copies the template with the image pinned
// by digest), waits for its controller and says so on the app's pull request; delete removes it. Both land as any
// change does, again on each tip after a rejected push, so concurrent previews of many pull requests all land.










/** Opens the pull request's preview of the app, or updates its image; with wait, waits and comments. */
async function deployPreview(request) {
    const number = checkedNumber(request.pullRequest.number);
    if (request.fork)
        return forkSkipped(request, number);
    const change = await prepareChange({ ...request, via: 'commit' });
    try {
        return await deployOn(change, request, number);
    }
    finally {
        removeClone(change);
    }
}
async function deployOn(change, request, number) {
    const { checkout, config } = await openCheckout(change);
    const previews = previewsOf(config);
    const app = previewApp(config, previews, request.app);
    const environment = previewEnvironment(previews, { ...request.pullRequest, app: app.name });
    const image = preview_pinnedImage(app, environment.name, request.image);
    const wait = plannedWait(environment, { ...request, dryRun: change.dryRun, logger: change.logger }, 'commit');
    await wait?.ready;
    const now = request.now?.() ?? new Date();
    const { pullRequest, source } = request;
    const ask = { previews, app, image, pullRequest, source, now, runUrl: change.runUrl };
    const landed = await landPreview({ checkout, config, change, number }, (fresh) => planPreviewDeploy(checkout, { ...ask, previews: previewsOf(fresh) }));
    const head = landed.commit ?? (change.dryRun ? undefined : await checkout.head());
    const report = wait && head
        ? await wait([app.name], head, (revision) => checkout.revisions.includesCommit(revision, head))
        : undefined;
    const url = report?.url ?? environment.url;
    const comment = await commentAfterDeploy(request, change, {
        app: app.name,
        image: formatImageRef(image),
        url,
        report,
        commit: head,
        change,
    });
    return {
        number,
        app: app.name,
        folder: landed.planned.folder,
        opened: landed.changed && landed.planned.opened,
        changed: landed.changed,
        commit: landed.commit,
        image: formatImageRef(image),
        previous: landed.planned.previous,
        url,
        controller: report,
        comment,
        diff: unifiedDiff(landed.planned.changes),
    };
}
/** Removes the pull request's previews in one commit; one already gone is not an error. */
async function deletePreview(request) {
    const change = await prepareChange({ ...request, via: 'commit' });
    try {
        const { checkout, config } = await openCheckout(change);
        return await preview_deleteOn(checkout, config, change, request);
    }
    finally {
        removeClone(change);
    }
}
/** Removes one pull request's previews on an open checkout (delete, and each of the sweep's). */
async function preview_deleteOn(checkout, config, change, request) {
    const number = checkedNumber(request.number);
    previewsOf(config);
    const reason = request.reason ?? 'pull request closed';
    const landed = await landPreview({ checkout, config, change, number }, (fresh) => planPreviewDelete(checkout, { previews: previewsOf(fresh), number, reason, runUrl: change.runUrl }));
    const folders = landed.planned.folders;
    if (folders.length === 0)
        change.logger.info(`No preview of pull request #${number} exists: nothing to remove`);
    const comment = request.appRepository && landed.commit
        ? await previewComment(change, {
            repository: request.appRepository,
            number,
            body: `The preview of this pull request was removed (${reason}) in ${landed.commit.slice(0, 7)}.`,
        })
        : undefined;
    return {
        number,
        folders,
        changed: landed.changed,
        commit: landed.commit,
        comment,
        diff: unifiedDiff(landed.planned.changes),
    };
}
/** The pull request's comment after a deploy that landed (not in a dry run, nor when asked not to). */
function commentAfterDeploy(request, change, body) {
    const { repository, number } = request.pullRequest;
    if (request.comment === false || !repository || !body.commit || change.dryRun)
        return Promise.resolve(undefined);
    return previewComment(change, { repository, number, body: deployedBody({ ...body, commit: body.commit }) });
}
/**
 * Lands a preview's change as a commit, planned again on each new tip. It lands on its own: it touches only its
 * folder, so it publishes no pending change for image pipelines to carry, and carries none.
 */
function landPreview(on, plan) {
    const { checkout, config, change, number } = on;
    return landChange({
        change: { ...change, pendingTrust: undefined },
        checkout,
        via: 'commit',
        head: `gitops/preview/${number}`,
        opened: config,
        plan,
    });
}
function checkedNumber(number) {
    if (!Number.isInteger(number) || number < 1 || number > 999_999_999)
        throw new DeliveryError(`"${number}" is not a pull request number`, { subject: 'preview' });
    return number;
}
function forkSkipped(request, number) {
    const skipped = `pull request #${number} comes from the fork ${request.fork}: no preview, since a fork's run gets no secrets to write the config repository with (docs/previews.md)`;
    request.logger?.info(skipped);
    const none = { changed: false, commit: undefined, image: undefined, previous: undefined, url: undefined };
    return {
        number,
        app: request.app,
        folder: '',
        skipped,
        opened: false,
        ...none,
        controller: undefined,
        comment: undefined,
        diff: '',
    };
}
function previewApp(config, previews, name) {
    if (previews.apps && !previews.apps.includes(name))
        throw new DeliveryError(`app "${name}" may not be previewed: previews.apps lists ${previews.apps.join(', ')}`, {
            subject: 'app',
        });
    return findApp(config, name);
}
/** The image, pinned by digest: a preview runs exactly the pull request's build. */
function preview_pinnedImage(app, environment, text) {
    const ref = appImage(app, environment, text);
    if (ref.digest === undefined)
        throw new DeliveryError(`a preview runs an image pinned by digest; ${formatImageRef(ref)} has none: give ref@sha256:…`, { subject: 'image' });
    return ref;
}

;// CONCATENATED MODULE: ./packages/delivery/src/preview-sweep.ts





async function sweepPreviews(request) {
    const change = await prepareChange({ ...request, via: 'commit' });
    try {
        const { checkout, config } = await openCheckout(change);
        const previews = previewsOf(config);
        const found = await listPreviews(checkout, previews);
        if (found.length > 0)
            await checkout.include(found.map((preview) => `${preview.folder}/`));
        const now = (request.now?.() ?? new Date()).getTime();
        const removed = [];
        const kept = [];
        for (const [number, folders] of byNumber(found)) {
            const record = folders.map((folder) => readRecord(checkout.dir, folder)).find((value) => value !== undefined);
            const verdict = await verdictOf(change, previews, { number, record, now });
            const swept = { number, folders, reason: verdict.reason };
            if (!verdict.remove) {
                kept.push(swept);
                continue;
            }
            const deleted = await deleteOn(checkout, config, change, {
                ...request,
                number,
                reason: verdict.reason,
                appRepository: record?.repository,
            });
            removed.push({ ...swept, commit: deleted.commit });
        }
        return { removed, kept };
    }
    finally {
        removeClone(change);
    }
}
function byNumber(found) {
    const groups = new Map();
    for (const preview of found)
        groups.set(preview.number, [...(groups.get(preview.number) ?? []), preview.folder]);
    return groups;
}
/** Whether a preview goes: older than the ttl, or its pull request closed or gone; else why it stays. */
async function verdictOf(change, previews, preview) {
    const { number, record, now } = preview;
    if (!record) {
        change.logger.warning(`preview #${number} has no readable .gitops-preview: its age and pull request are unknown; left`);
        return { remove: false, reason: 'no record of its age or pull request' };
    }
    const hours = (now - Date.parse(record.created)) / 3_600_000;
    if (hours > previews.ttlHours)
        return { remove: true, reason: `older than the ttl (${previews.ttlHours} h)` };
    if (!record.repository)
        return { remove: false, reason: 'its pull request is not recorded' };
    if (!change.github)
        return { remove: false, reason: 'open for all the sweep knows: no token to ask GitHub' };
    const state = await new GitHubPullRequests(change.github).state(record.repository, number);
    if (state === 'closed')
        return { remove: true, reason: 'pull request closed' };
    if (state === 'gone')
        return { remove: true, reason: `pull request not found in ${record.repository}` };
    return { remove: false, reason: 'pull request open' };
}

;// CONCATENATED MODULE: ./packages/delivery/src/registry-logins.ts
// The registry logins a generated workflow needs, the way each cloud recommends: OIDC where the cloud has it (no
// static password that expires within hours), the job's token for ghcr.io, a variable and a secret elsewhere. Every
// variable and secret name is a valid GitHub identifier (a letter first; never GITHUB_). Third-party actions are
// pinned by commit, the release in a comment.
const pins = {
    dockerLogin: 'docker/login-action@74a5d142397b4f367a81961eba4e8cd7edddf772 # v3.4.0',
    awsCredentials: 'aws-actions/configure-aws-credentials@e3dd6a429d7300a6a4c196c26e071d42e0343502 # v4.0.2',
    ecrLogin: 'aws-actions/amazon-ecr-login@062b18b96a7aff071d4dc91bc00c4c1a7945b076 # v2.0.1',
    gcpAuth: 'google-github-actions/auth@6fc4af4b145ae7821d527454aa9bd537d1f2dc5f # v2.1.7',
    azureLogin: 'azure/login@a65d910e8af852a8061c627c456678983e180302 # v2.2.0',
};
/** What a registry host is: ECR (`<account>.dkr.ecr.<region>.amazonaws.com`), Artifact Registry or GCR, ACR, … */
function classifyRegistry(host) {
    const lower = host.toLowerCase();
    if (lower === 'ghcr.io')
        return { cloud: 'ghcr', host };
    const ecr = /^(\d{12})\.dkr\.ecr(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$/.exec(lower);
    if (ecr)
        return { cloud: 'ecr', host, account: ecr[1], region: ecr[2] };
    if (/^[a-z0-9-]+-docker\.pkg\.dev$/.test(lower) || /^(?:[a-z]+\.)?gcr\.io$/.test(lower))
        return { cloud: 'gcp', host };
    const acr = /^([a-z0-9]+)\.azurecr\.(?:io|cn|us)$/.exec(lower);
    if (acr)
        return { cloud: 'azure', host, name: acr[1] };
    return { cloud: 'other', host };
}
/** Whether the logins need the job's OIDC token (id-token: write). */
function registry_logins_needsOidc(hosts) {
    return hosts.some((host) => ['ecr', 'gcp', 'azure'].includes(classifyRegistry(host).cloud));
}
/** The steps that log in to every registry in `hosts`, each cloud's sign-in once. */
function registry_logins_registryLoginSteps(hosts) {
    const registries = hosts.map(classifyRegistry);
    const steps = [];
    const ecr = registries.filter((registry) => registry.cloud === 'ecr');
    for (const region of [...new Set(ecr.map((registry) => registry.region))])
        steps.push(ecrLogin(ecr, region));
    if (registries.some((registry) => registry.cloud === 'gcp'))
        steps.push(gcpAuth());
    if (registries.some((registry) => registry.cloud === 'azure'))
        steps.push(azureAuth());
    for (const registry of registries)
        steps.push(login(registry));
    return steps.join('');
}
function ecrLogin(registries, region) {
    const accounts = [...new Set(registries.filter((r) => r.region === region).map((r) => r.account))];
    return `      # ECR: an IAM role that trusts this repository's OIDC tokens (vars.AWS_ROLE_ARN), no access keys.
      - uses: ${pins.awsCredentials}
        with:
          role-to-assume: \${{ vars.AWS_ROLE_ARN }}
          aws-region: ${region}
      - uses: ${pins.ecrLogin}
        with:
          registries: ${accounts.join(',')}
`;
}
function gcpAuth() {
    return `      # Artifact Registry: workload identity federation (vars.GCP_WORKLOAD_IDENTITY_PROVIDER, vars.GCP_SERVICE_ACCOUNT).
      - uses: ${pins.gcpAuth}
        id: gcp-auth
        with:
          workload_identity_provider: \${{ vars.GCP_WORKLOAD_IDENTITY_PROVIDER }}
          service_account: \${{ vars.GCP_SERVICE_ACCOUNT }}
          token_format: access_token
`;
}
function azureAuth() {
    return `      # ACR: a federated credential of an Entra ID application (vars.AZURE_CLIENT_ID, AZURE_TENANT_ID, AZURE_SUBSCRIPTION_ID).
      - uses: ${pins.azureLogin}
        with:
          client-id: \${{ vars.AZURE_CLIENT_ID }}
          tenant-id: \${{ vars.AZURE_TENANT_ID }}
          subscription-id: \${{ vars.AZURE_SUBSCRIPTION_ID }}
`;
}
/** The login to one registry, after its cloud's sign-in (amazon-ecr-login has logged in to ECR already). */
function login(registry) {
    switch (registry.cloud) {
        case 'ecr':
            return '';
        case 'azure':
            return `      - run: az acr login --name ${registry.name}\n`;
        case 'gcp':
            return dockerLogin(registry.host, 'oauth2accesstoken', `\${{ steps.gcp-auth.outputs.access_token }}`);
        case 'ghcr':
            return dockerLogin(registry.host, `\${{ github.actor }}`, `\${{ secrets.GITHUB_TOKEN }}`);
        case 'other': {
            const key = `REGISTRY_${registry.host.replace(/[^A-Za-z0-9]+/g, '_').toUpperCase()}`;
            return dockerLogin(registry.host, `\${{ vars.${key}_USERNAME }}`, `\${{ secrets.${key}_PASSWORD }}`);
        }
    }
}
function dockerLogin(host, username, password) {
    return `      - uses: ${pins.dockerLogin}
        with:
          registry: ${host}
          username: ${username}
          password: ${password}
`;
}

;// CONCATENATED MODULE: ./packages/delivery/src/promote-workflow.ts

/** The workflow's text, calling the actions as `uses` (`owner/gitops`); undefined when nothing is promoted into. */
function promoteWorkflow(config, uses) {
    const targets = config.environments
        .filter((environment) => environment.promoteFrom)
        .map((environment) => environment.name);
    return targets.length === 0 ? undefined : workflowText(targets, registriesOf(config), uses);
}
/** Every registry an app's image is in, in any environment: promote reads them (and copies between them). */
function registriesOf(config) {
    const images = config.apps.flatMap((app) => [app.image, ...Object.values(app.imageOverrides)]);
    return [...new Set(images.map((image) => image.registry))].sort();
}
/**
 * The comment over every starter workflow's concurrency: what the shared lane is and what GitHub does with a
 * third run. GitHub's default keeps one run pending and cancels it when another arrives; queue: max keeps them all.
 */
const laneComment = (/* unused pure expression or super */ null && (`# One lane per environment of this config repository: deploy, promote, rollback, hold and auto-promote share
# the group gitops-<repository>-<environment>, so no two of them write an environment at once. A second run waits
# for the first; with queue: max a third waits behind the second, in order (up to 100 wait), where GitHub's default
# would cancel the second. A rollback or a hold is never dropped for a later promotion.`));
/** What the workflow is and what it needs, over its first line. */
const promote_workflow_header = (/* unused pure expression or super */ null && (`# Promote the exact digests one environment runs into the next, by hand. Generated by
# \`gitops workflows promote\` from gitops.yaml: run it again when the environments change, so the choice of
# \`to\` (every environment promoted into, in promotion order) matches.
# Put it in the config repository. Each target environment is also a GitHub environment: give prod required
# reviewers and the job waits for them before anything is written.
# Set the variable CONFIG_APP_ID and the secret CONFIG_APP_PRIVATE_KEY of a GitHub App installed on this
# repository (Contents, Pull requests and Deployments: read and write): pull requests opened with the job's own
# token start no workflows, so required checks would never run on them (docs/security.md).
`));
function workflowText(targets, registries, uses) {
    const ghcr = registries.includes('ghcr.io');
    const oidc = needsOidc(registries);
    return `${promote_workflow_header}name: promote

on:
  workflow_dispatch:
    inputs:
      to:
        description: Environment to promote into
        type: choice
        required: true
        options:
${targets.map((name) => `          - ${name}`).join('\n')}
      apps:
        description: Apps to promote (comma separated; empty for every app the source environment runs)
        type: string
        required: false
      dry-run:
        description: Show the change without pushing it
        type: boolean
        default: false

# The App's token writes the commit or pull request; the job's own token only reads${ghcr ? ' (and pulls from ghcr.io)' : ''}${oidc ? ',\n# and signs in to the cloud registries with OIDC (id-token)' : ''}.
permissions:
  contents: read${ghcr ? '\n  packages: read' : ''}${oidc ? '\n  id-token: write' : ''}

${laneComment}
concurrency:
  group: gitops-\${{ github.repository }}-\${{ inputs.to }}
  queue: max

jobs:
  promote:
    runs-on: ubuntu-latest
    # The GitHub environment's protection rules (required reviewers, allowed branches) guard the promotion. GitHub
    # records no deployment for the job (a pull request deploys nothing yet): promote records the one that happened,
    # with the controller's verdict (github-deployment; the App needs Deployments: read and write).
    environment:
      name: \${{ inputs.to }}
      deployment: false
    steps:
      - uses: actions/create-github-app-token@df432ceedc7162793a195dd1713ff69aefc7379e # v2.0.6
        id: config-token
        with:
          app-id: \${{ vars.CONFIG_APP_ID }}
          private-key: \${{ secrets.CONFIG_APP_PRIVATE_KEY }}
      # promote asks the registry for the digest when an environment pins only a tag, and copies images when the
      # next environment names another registry: it reads the credentials these logins leave.
${registryLoginSteps(registries)}      - uses: ${uses}/promote@v1
        with:
          token: \${{ steps.config-token.outputs.token }}
          to: \${{ inputs.to }}
          apps: \${{ inputs.apps }}
          dry-run: \${{ inputs.dry-run }}
          github-deployment: true
`;
}

;// CONCATENATED MODULE: ./packages/site/src/html.ts
// Text from Git, a pull request or a server, made safe for the pages: every value is escaped where it lands, and
// only plain http(s) addresses become links (a `javascript:` or `data:` address stays text).
/** Text inside an element or a double-quoted attribute. */
function html_esc(value) {
    return value.replace(/[&<>"']/g, (character) => entities[character] ?? character);
}
const entities = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** The address when it is plain http(s) with nothing that could end the attribute; undefined otherwise. */
function safeUrl(url) {
    if (!url || url.length > 2048)
        return undefined;
    return /^https?:\/\/[A-Za-z0-9.-]+(:\d+)?(\/[A-Za-z0-9._~%/?#=&+:@!$,;*()-]*)?$/.test(url) ? url : undefined;
}
/** A link to `url` when it is safe, else the text alone. */
function html_link(text, url) {
    const href = safeUrl(url);
    return href ? `<a href="${html_esc(href)}">${html_esc(text)}</a>` : html_esc(text);
}
/** A time span in words a cell has room for: 45m, 5h, 3d, 7w. */
function html_span(fromIso, toIso) {
    const from = Date.parse(fromIso ?? '');
    const to = Date.parse(toIso);
    if (!Number.isFinite(from) || !Number.isFinite(to))
        return undefined;
    const minutes = Math.max(0, Math.floor((to - from) / 60_000));
    if (minutes < 120)
        return `${minutes}m`;
    if (minutes < 48 * 60)
        return `${Math.floor(minutes / 60)}h`;
    const days = Math.floor(minutes / 1440);
    return days < 70 ? `${days}d` : `${Math.floor(days / 7)}w`;
}
/** A duration in seconds, in words: 42s, 12m, 3.5h, 2.1d. */
function duration(seconds) {
    if (seconds === undefined)
        return '-';
    if (seconds < 90)
        return `${Math.round(seconds)}s`;
    if (seconds < 5400)
        return `${Math.round(seconds / 60)}m`;
    if (seconds < 172_800)
        return `${(seconds / 3600).toFixed(1)}h`;
    return `${(seconds / 86_400).toFixed(1)}d`;
}

;// CONCATENATED MODULE: ./packages/site/src/history.ts
// The history: changes newest first, each with its commit and run linked where their addresses are plain http(s),
// rollbacks highlighted, hand edits named; a form (shown by the script) filters by app and environment.

/** The apps a row names before it says how many more there are. */
const shownApps = 6;
function history_historyTable(request) {
    const { id, changes } = request;
    const rows = changes.map((change) => {
        const apps = change.apps.map((entry) => entry.app);
        const named = apps.slice(0, shownApps).join(', ') + (apps.length > shownApps ? ` +${apps.length - shownApps} more` : '');
        const images = change.apps.length === 1 ? `<small>${esc(change.apps[0]?.image ?? '')}</small>` : '';
        const what = change.action ?? 'hand edit';
        return `<tr${change.action === 'rollback' ? ' class="rollback"' : ''} data-env="${esc(change.environment ?? '')}" data-apps="${esc(apps.join('\n'))}"><td><time datetime="${esc(change.at)}">${esc(change.at.slice(0, 16).replace('T', ' '))}</time></td><td>${esc(change.environment ?? '-')}</td><td>${esc(what)}</td><td>${esc(named || '-')}${images}</td><td>${esc(change.subject)}</td><td>${link(change.commit.slice(0, 7), change.commitUrl)}</td><td>${change.runUrl ? link('run', change.runUrl) : '-'}</td></tr>`;
    });
    const filter = request.apps ? filterForm(id, request.apps, request.environments ?? []) : '';
    return `${filter}<div class="wrap" tabindex="0" role="region" aria-label="Changes"><table id="${id}"><caption>${changes.length} changes, newest first; rollbacks highlighted</caption>
<thead><tr><th scope="col">When (UTC)</th><th scope="col">Environment</th><th scope="col">Change</th><th scope="col">Apps</th><th scope="col">Subject</th><th scope="col">Commit</th><th scope="col">Run</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody></table></div>`;
}
function filterForm(table, apps, environments) {
    const options = (values) => values.map((value) => `<option>${esc(value)}</option>`).join('');
    return `<form data-filter="${table}" hidden><label>App <select name="app"><option value="">every app</option>${options(apps)}</select></label><label>Environment <select name="env"><option value="">every environment</option>${options(environments)}</select></label></form>`;
}

;// CONCATENATED MODULE: ./packages/site/src/matrix.ts
// The matrix: environments across, apps down; each cell the version and short digest, how long it has run, what
// the controller says, who built it, and the marks the team set (held and frozen on the environment, rejected on
// the cell, previews on the app).

/** Health words a cell is coloured by; anything else a server says is shown as text only. */
const healthClasses = new Set(['Healthy', 'Degraded', 'Progressing', 'Suspended', 'Missing', 'Unknown']);
function matrix_matrixBody(data, appFile) {
    const head = data.environments.map((environment) => `<th scope="col">${environmentHead(environment)}</th>`).join('');
    const rows = data.apps
        .map((app) => {
        const cells = data.environments.map((environment) => cellHtml(app, environment.name, data.generatedAt));
        return `<tr><th scope="row">${appHead(app, appFile(app.name))}</th>${cells.join('')}</tr>`;
    })
        .join('\n');
    return `${healthNote(data)}
<div class="wrap" tabindex="0" role="region" aria-label="Versions per environment">
<table id="matrix"><caption>What each environment runs, ${data.apps.length} apps in ${data.environments.length} environments</caption>
<thead><tr><th scope="col">App</th>${head}</tr></thead>
<tbody>
${rows}
</tbody></table></div>`;
}
/** Why health is missing, or part of it: said once above the matrix. */
function healthNote(data) {
    const notes = data.healthRead
        ? data.healthNotes
        : [
            'Health is left out: no controller was read (give the controllers’ credentials to show it).',
            ...data.healthNotes,
        ];
    return notes.length
        ? `<div class="note" id="health-note">${notes.map((note) => `<p>${esc(note)}</p>`).join('')}</div>`
        : '';
}
function environmentHead(environment) {
    const marks = [
        environment.held ? mark('held', `held: ${environment.held.reason}`) : '',
        environment.frozen ? mark('frozen', `frozen until ${environment.frozen.until}`) : '',
        environment.clusters === undefined ? '' : `<small>fleet of ${environment.clusters}</small>`,
    ];
    return `${esc(environment.name)}${marks.join('')}`;
}
function appHead(app, file) {
    const previews = app.previews.length
        ? mark('preview', `previews: ${app.previews.map((n) => `#${n}`).join(', ')}`)
        : '';
    return `<a href="${esc(file)}">${esc(app.name)}</a>${previews}`;
}
/** A mark: a short word, and what it means in full for whoever hovers or reads it aloud. */
function mark(word, meaning) {
    return `<b class="mk" title="${esc(meaning)}">${word}</b>`;
}
/** One app's cell in one environment. */
function cellHtml(app, environment, now) {
    const fleet = app.fleets[environment];
    const cell = app.cells[environment];
    if (fleet)
        return matrix_fleetCell(fleet, cell);
    if (!cell)
        return '<td>-</td>';
    const said = cell.health;
    const tone = said ? (said.synced ? said.health : said.health === 'Healthy' ? 'OutOfSync' : said.health) : '';
    const klass = healthClasses.has(tone) || tone === 'OutOfSync' ? ` class="${tone}"` : '';
    const facts = [
        span(cell.since, now),
        said ? `${said.health}${said.synced ? '' : ', OutOfSync'}` : undefined,
        cell.builtBy ? `by ${matrix_workflowName(cell.builtBy)}` : undefined,
    ].filter(Boolean);
    const rejected = cell.rejected.length ? mark('rejected', `rolled back here: ${cell.rejected.join(', ')}`) : '';
    return `<td${klass}>${matrix_version(cell)}${facts.length ? `<small>${esc(facts.join(' · '))}</small>` : ''}${rejected}</td>`;
}
/** `1.4.2<code>0123456789ab</code>`: the tag, and the digest's first 12 digits. */
function matrix_version(cell) {
    if (!cell.version && !cell.digest)
        return esc(cell.image);
    return `${esc(cell.version ?? '')}${cell.digest ? `<code>${esc(cell.digest)}</code>` : ''}`;
}
function matrix_fleetCell(fleet, cell) {
    const leading = cell ? matrix_version(cell) : esc(fleet.leading ?? '-');
    const progress = `${fleet.onLeading}/${fleet.clusters} · wave ${fleet.waves.done}/${fleet.waves.of}`;
    return `<td>${leading}<small>${esc(progress)}</small></td>`;
}
/** `web/ci.yml` of `acme/web/.github/workflows/ci.yml@refs/heads/main`: enough to tell builds apart. */
function matrix_workflowName(workflow) {
    const match = /^[^/]+\/([^/]+)\/\.github\/workflows\/([^@]+)/.exec(workflow);
    return match ? `${match[1]}/${match[2]}` : workflow;
}

;// CONCATENATED MODULE: ./packages/site/src/app-page.ts
// One page per app: its path through the environments in promotion order (what runs, since when, health, who built
// it, what was rolled back, what waits) and its own history.



function app_page_appBody(app, data) {
    const rows = data.environments.map((environment) => {
        const cell = app.cells[environment.name];
        const fleet = app.fleets[environment.name];
        const waiting = app.pending.find((step) => step.to === environment.name);
        const facts = [
            cell ? span(cell.since, data.generatedAt) : undefined,
            cell?.health
                ? `${cell.health.health}${cell.health.synced ? '' : ', OutOfSync'}${cell.health.message ? `: ${cell.health.message}` : ''}`
                : undefined,
            fleet
                ? `${fleet.onLeading} of ${fleet.clusters} clusters, wave ${fleet.waves.done}/${fleet.waves.of}`
                : undefined,
        ].filter(Boolean);
        return `<tr><th scope="row">${esc(environment.name)}</th><td>${cell ? version(cell) : '-'}</td><td>${esc(facts.join(' · ') || '-')}</td><td>${cell?.builtBy ? `<span title="${esc(cell.builtBy)}">${esc(workflowName(cell.builtBy))}</span>` : '-'}</td><td>${esc(cell?.rejected.join(', ') || '-')}</td><td>${waiting ? `from ${esc(waiting.from)}: ${esc(waiting.image)}` : '-'}</td></tr>`;
    });
    const previews = app.previews.length
        ? `<p>Previews: ${app.previews.map((number) => `#${number}`).join(', ')}</p>`
        : '';
    return `${previews}<table id="path"><caption>${esc(app.name)} through the environments, in promotion order</caption>
<thead><tr><th scope="col">Environment</th><th scope="col">Runs</th><th scope="col">Since, health</th><th scope="col">Built by</th><th scope="col">Rolled back</th><th scope="col">Waiting</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table>
<h3>History</h3>
${app.history.length ? historyTable({ id: 'history', changes: app.history }) : '<p>No change of this app in the history read.</p>'}`;
}

;// CONCATENATED MODULE: ./packages/site/src/charts.ts
// The four delivery measures per environment as bar charts in inline SVG (no script, no external file), each bar
// holding the exact figure `gitops metrics` computes, and the same figures as a table for whoever cannot see it.

const charts_measures = [
    {
        id: 'frequency',
        title: 'Deployment frequency (per week)',
        value: (row) => row.perWeek,
        words: (value) => (value === undefined ? '-' : `${round(value)}/week`),
    },
    {
        id: 'lead-time',
        title: 'Lead time (median)',
        value: (row) => row.leadTimeMedian,
        words: duration,
    },
    {
        id: 'failure-rate',
        title: 'Change failure rate',
        value: (row) => row.failureRate,
        words: (value) => (value === undefined ? '-' : `${round(value * 100)}%`),
    },
    {
        id: 'restore',
        title: 'Time to restore (median)',
        value: (row) => row.timeToRestoreMedian,
        words: duration,
    },
];
const round = (value) => Math.round(value * 10) / 10;
function charts_metricsBody(metrics) {
    const period = `<p>From ${esc(metrics.since.slice(0, 10))} to ${esc(metrics.until.slice(0, 10))}, as <code>gitops metrics</code> counts them (docs/metrics.md).</p>`;
    if (metrics.environments.length === 0)
        return `${period}<p>No deployment in the period.</p>`;
    return `${period}\n${charts_measures.map((measure) => charts_chart(measure, metrics.environments)).join('\n')}`;
}
const labelWidth = 140;
const barWidth = 360;
const rowHeight = 20;
function charts_chart(measure, rows) {
    const values = rows.map((row) => measure.value(row));
    const top = Math.max(...values.map((value) => value ?? 0), 0);
    const height = rows.length * rowHeight + 4;
    const bars = rows.map((row, index) => {
        const value = values[index];
        const y = index * rowHeight + 2;
        const width = value === undefined || top === 0 ? 0 : Math.max(1, Math.round((value / top) * barWidth));
        const words = measure.words(value);
        return `<text x="0" y="${y + 13}">${esc(clip(row.environment))}</text><rect x="${labelWidth}" y="${y}" width="${width}" height="14" data-env="${esc(row.environment)}" data-value="${value ?? ''}"><title>${esc(`${row.environment}: ${words}`)}</title></rect><text x="${labelWidth + width + 6}" y="${y + 13}">${esc(words)}</text>`;
    });
    const table = rows
        .map((row, index) => `<tr><th scope="row">${esc(row.environment)}</th><td>${esc(measure.words(values[index]))}</td></tr>`)
        .join('');
    return `<figure id="${measure.id}"><figcaption><h3>${measure.title}</h3></figcaption>
<svg class="chart" role="img" aria-label="${esc(measure.title)} per environment" width="${labelWidth + barWidth + 90}" height="${height}" viewBox="0 0 ${labelWidth + barWidth + 90} ${height}">${bars.join('')}</svg>
<details><summary>As a table</summary><table><thead><tr><th scope="col">Environment</th><th scope="col">${measure.title}</th></tr></thead><tbody>${table}</tbody></table></details></figure>`;
}
/** An environment's name as the chart's label has room for it. */
function clip(name) {
    return name.length > 20 ? `${name.slice(0, 19)}…` : name;
}

;// CONCATENATED MODULE: ./packages/site/src/lanes.ts
// The lanes: for each step of the promotion order, the apps whose next promote would move something, with what
// each side runs; and each fleet's rollouts as progress bars.


function lanes_lanesBody(data, appFile) {
    const steps = data.environments.filter((environment) => environment.promoteFrom);
    const lanes = steps.map((environment) => {
        const from = environment.promoteFrom;
        const waiting = data.apps.filter((app) => app.pending.some((step) => step.to === environment.name));
        const id = `lane-${steps.indexOf(environment)}`;
        const heading = `<h3 id="${id}">${esc(from)} → ${esc(environment.name)}: ${waiting.length} waiting</h3>`;
        if (waiting.length === 0)
            return `${heading}<p>${esc(environment.name)} runs what ${esc(from)} runs.</p>`;
        const rows = waiting.map((app) => `<tr><th scope="row"><a href="${esc(appFile(app.name))}">${esc(app.name)}</a></th><td>${side(app, from)}</td><td>${side(app, environment.name)}</td></tr>`);
        return `${heading}<table aria-labelledby="${id}"><thead><tr><th scope="col">App</th><th scope="col">${esc(from)} runs</th><th scope="col">${esc(environment.name)} runs</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
    });
    return `${lanes.join('\n') || '<p>No environment is promoted from another.</p>'}\n${fleetsBody(data, appFile)}`;
}
function side(app, environment) {
    const cell = app.cells[environment];
    return cell ? version(cell) : '-';
}
/** Each fleet: per app, how many clusters run what its first wave runs. */
function fleetsBody(data, appFile) {
    const fleets = data.environments.filter((environment) => environment.clusters !== undefined);
    return fleets
        .map((environment, index) => {
        const id = `fleet-${index}`;
        const rows = data.apps.flatMap((app) => {
            const fleet = app.fleets[environment.name];
            if (!fleet)
                return [];
            const label = `${fleet.onLeading} of ${fleet.clusters} clusters, wave ${fleet.waves.done}/${fleet.waves.of}`;
            return `<tr><th scope="row"><a href="${esc(appFile(app.name))}">${esc(app.name)}</a></th><td>${side(app, environment.name)}</td><td><progress max="${fleet.clusters}" value="${fleet.onLeading}" aria-label="${esc(`${app.name}: ${label}`)}"></progress> ${esc(label)}</td></tr>`;
        });
        return `<h3 id="${id}">Fleet ${esc(environment.name)}</h3><table aria-labelledby="${id}"><thead><tr><th scope="col">App</th><th scope="col">First wave runs</th><th scope="col">Rollout</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
    })
        .join('\n');
}

;// CONCATENATED MODULE: ./packages/site/src/layout.ts
// The frame of every page: a Content-Security-Policy that allows only the site's own style sheet and script (no
// request leaves the site), the navigation, and the note of when and from what the site was built.

/** The pages of the navigation, by file. */
const pages = [
    { file: 'index.html', title: 'Matrix' },
    { file: 'lanes.html', title: 'Lanes' },
    { file: 'history.html', title: 'History' },
    { file: 'metrics.html', title: 'Metrics' },
];
const policy = "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'";
function layout_page(request) {
    const up = '../'.repeat(request.depth);
    const nav = pages
        .map((entry) => `<a href="${up}${entry.file}"${entry.file === request.current ? ' aria-current="page"' : ''}>${entry.title}</a>`)
        .join('');
    return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${policy}"><meta name="referrer" content="no-referrer">
<title>${esc(request.title)} · ${esc(request.site)}</title><link rel="stylesheet" href="${up}site.css">
<script src="${up}site.js" defer></script></head>
<body><a class="skip" href="#main">Skip to content</a>
<header><h1>${esc(request.site)}</h1><nav aria-label="Pages">${nav}</nav></header>
<main id="main"><h2>${esc(request.title)}</h2>
${request.body}
</main><footer>Built from the config repository at <time datetime="${esc(request.generatedAt)}">${esc(request.generatedAt)}</time>. Ages are measured to that time.</footer>
</body></html>
`;
}

;// CONCATENATED MODULE: ./packages/site/src/index.ts
// The dashboard: a static site rendered from plain values (model.ts), self-contained (one style sheet, one
// filtering script, no request elsewhere), readable without the script. Files as path → text; the caller writes.







function src_renderSite(data) {
    const appFiles = appFileNames(data.apps.map((app) => app.name));
    const fromRoot = (app) => `apps/${appFiles.get(app)}`;
    const frame = (file, title, body, depth = 0) => ({
        path: file,
        text: page({
            site: data.title,
            title,
            current: depth ? undefined : file,
            depth,
            generatedAt: data.generatedAt,
            body,
        }),
    });
    const environments = data.environments.map((environment) => environment.name);
    const apps = data.apps.map((app) => app.name);
    return [
        { path: 'site.css', text: styleSheet },
        { path: 'site.js', text: filterScript },
        frame('index.html', 'Matrix', matrixBody(data, fromRoot)),
        frame('lanes.html', 'Lanes', lanesBody(data, fromRoot)),
        frame('history.html', 'History', historyTable({ id: 'history', changes: data.history, apps, environments })),
        frame('metrics.html', 'Metrics', metricsBody(data.metrics)),
        ...data.apps.map((app) => frame(`apps/${appFiles.get(app.name)}`, app.name, appBody(app, data), 1)),
    ];
}
/** App → its page's file name: its name where that is a safe file name, made one (and unique) where it is not. */
function appFileNames(apps) {
    const taken = new Set();
    const names = new Map();
    for (const app of apps) {
        const base = app
            .replace(/[^A-Za-z0-9._-]/g, '_')
            .replace(/^\.+/, '_')
            .slice(0, 100) || '_';
        let name = `${base}.html`;
        for (let n = 2; taken.has(name.toLowerCase()); n++)
            name = `${base}-${n}.html`;
        taken.add(name.toLowerCase());
        names.set(app, name);
    }
    return names;
}

;// CONCATENATED MODULE: ./packages/delivery/src/site-data.ts
// The dashboard's values from what status and the metrics read: per app and environment what runs, since when,
// what the controller says and who built it; the history's changes with their links. Pure: the reading is done
// by report-site.ts.


/** Changes the history page shows, and each app page at most. */
const historyLength = 200;
function site_data_siteData(sources) {
    const { config, status } = sources;
    const generatedAt = sources.now.toISOString();
    const changes = changesOf(status.commits, new Set(sources.metrics.handEdits.map((edit) => edit.commit)), sources);
    const landed = landedTimes(status.commits);
    const apps = status.rows.map((row) => appOf(row, { status, landed, changes }));
    return {
        title: sources.title,
        generatedAt,
        environments: config.environments.map((environment) => ({
            name: environment.name,
            promoteFrom: environment.promoteFrom,
            held: status.line.held[environment.name],
            frozen: status.line.frozen[environment.name],
            clusters: environment.fleet?.clusters.length,
        })),
        apps,
        healthRead: sources.credentials &&
            [
                ...Object.values(status.health),
                ...Object.values(status.clusters).flatMap((byCluster) => Object.values(byCluster)),
            ].some((byApp) => Object.keys(byApp).length > 0),
        healthNotes: sources.credentials ? status.problems.map((p) => `No health for ${p.environment}: ${p.message}`) : [],
        history: changes.slice(0, historyLength),
        metrics: {
            since: sources.metrics.since,
            until: sources.metrics.until,
            environments: sources.metrics.environments.map((environment) => ({
                environment: environment.environment,
                deployments: environment.deployments,
                perWeek: environment.perWeek,
                leadTimeMedian: environment.leadTime.median,
                failureRate: environment.changeFailureRate.rate,
                timeToRestoreMedian: environment.timeToRestore.median,
            })),
        },
    };
}
function appOf(row, sources) {
    const { status } = sources;
    const cells = {};
    const fleets = {};
    for (const environment of status.environments) {
        const fleet = row.fleets[environment];
        const image = fleet ? fleet.leading : row.environments[environment];
        if (fleet)
            fleets[environment] = {
                leading: fleet.leading,
                onLeading: Object.values(fleet.clusters).filter((running) => running === fleet.leading).length,
                clusters: Object.keys(fleet.clusters).length,
                waves: fleet.waves,
            };
        if (!image)
            continue;
        const landed = sources.landed.get(`${environment}\n${row.app}`);
        const ref = tryParseImageRef(image);
        cells[environment] = {
            image,
            version: ref?.tag,
            digest: ref?.digest?.slice(7, 19),
            since: landed?.image === image ? landed.at : undefined,
            health: status.health[environment]?.[row.app],
            builtBy: status.provenance[environment]?.[row.app],
            rejected: (status.line.rejected[environment]?.[row.app] ?? []).map((rejection) => rejection.image),
        };
    }
    return {
        name: row.app,
        cells,
        pending: row.pending,
        fleets,
        previews: status.previews.filter((preview) => preview.app === row.app).map((preview) => preview.number),
        history: sources.changes
            .filter((change) => change.apps.some((entry) => entry.app === row.app))
            .slice(0, historyLength),
    };
}
/** Environment and app → the image its newest change wrote, and when that landed. */
function landedTimes(commits) {
    const found = new Map();
    for (const commit of commits) {
        const record = parseChangeRecord(commit.trailers);
        for (const app of record?.apps ?? []) {
            const key = `${record?.environment}\n${app.app}`;
            if (!found.has(key))
                found.set(key, { image: app.image, at: new Date(commit.committedAt).toISOString() });
        }
    }
    return found;
}
/** Each change the history records, and each hand edit the metrics name, newest first; merges aside. */
function changesOf(commits, handEdits, sources) {
    return commits.flatMap((commit) => {
        const record = parseChangeRecord(commit.trailers);
        if (!record && !handEdits.has(commit.sha))
            return [];
        return {
            commit: commit.sha,
            at: new Date(commit.committedAt).toISOString(),
            subject: commit.subject,
            action: record?.action,
            environment: record?.environment,
            apps: (record?.apps ?? []).map((app) => ({ app: app.app, image: app.image })),
            commitUrl: sources.repositoryUrl ? `${sources.repositoryUrl}/commit/${commit.sha}` : undefined,
            runUrl: record?.run,
        };
    });
}

;// CONCATENATED MODULE: ./packages/delivery/src/report-site.ts
// `gitops report --html DIR` and the report action: the dashboard of the config repository as a static site. One
// status read (images, holds, rejections, controllers, previews) and one metrics read of the history, rendered in
// memory before anything is written: a failure to read or to render writes nothing.






async function reportSite(request) {
    const now = request.now ?? new Date();
    const credentials = Boolean(request.access.argocdToken || request.access.kubeconfig);
    // Without credentials no controller is asked: the page says health is left out.
    const access = credentials ? request.access : {};
    const [status, metrics] = await Promise.all([
        statusReport({ config: request.config, access, trust: request.trust, now }),
        deliveryMetrics({
            repository: request.config.root,
            since: request.since ?? new Date(now.getTime() - 90 * 86_400_000),
            until: now,
            failureWindowSeconds: request.failureWindowSeconds ?? 7 * 86_400,
        }),
    ]);
    const data = siteData({
        config: request.config,
        status,
        metrics,
        title: request.title,
        now,
        repositoryUrl: request.repositoryUrl,
        credentials,
    });
    const files = renderSite(data);
    for (const file of files) {
        const target = path.join(request.out, ...file.path.split('/'));
        mkdirSync(path.dirname(target), { recursive: true });
        writeFileSync(target, file.text);
    }
    return {
        files: files.length,
        bytes: files.reduce((sum, file) => sum + Buffer.byteLength(file.text), 0),
        apps: data.apps.length,
        environments: data.environments.length,
        health: data.healthRead,
    };
}

;// CONCATENATED MODULE: ./packages/delivery/src/index.ts
// Changes to environments: deploy, rollback and promote as commits with trailers (written through @gitops/audit),
// pushed without lost updates, or as pull requests.

















// EXTERNAL MODULE: ./node_modules/.pnpm/@actions+core@3.0.1/node_modules/@actions/core/lib/core.js + 12 modules
var core = __webpack_require__(62436);
;// CONCATENATED MODULE: ./actions/kit/src/change-inputs.ts
// The inputs every change to the config repository shares (deploy and promote), read from the engine's one spec of
// them (delivery's change-options.ts): the same names, kinds, ranges and defaults as the CLI's flags.



/** Every input of the spec, read and checked; an empty one is left to the engine's default. */
function changeInputs() {
    const read = {};
    for (const spec of changeOptionSpecs)
        read[spec.key] = inputValue(spec);
    return read;
}
function inputValue(spec) {
    // Lists as docker/actions-toolkit reads them (CSV, newlines or commas); booleans as the toolkit does.
    if (spec.kind === 'list')
        return (0,inputs/* listInput */.dt)(spec.name);
    if (spec.kind === 'boolean')
        return (0,inputs/* booleanInput */.tE)(spec.name);
    const text = core/* getInput */.V4(spec.name).trim();
    // Text that action.yml gives a default (config, committer) is required: emptied, it is a mistake, not a wish
    // for the engine's default (which for the committer is not the Actions bot).
    if (text === '' && spec.kind === 'text' && actionDefault(spec) !== '')
        throw new inputs/* ConfigurationError */.j1(`input ${spec.name} is required`);
    if (text === '' && spec.kind !== 'whole-number')
        return undefined;
    const value = readOptionText(spec, text);
    if ('problem' in value)
        throw new inputs/* ConfigurationError */.j1(`input ${spec.name} ${value.problem}`);
    return value.value;
}

;// CONCATENATED MODULE: ./actions/promote/src/inputs.ts
// The promote action's inputs, read and checked in one place before anything is cloned.



function getInputs() {
    const token = (0,src/* optionalInput */.$m)('token');
    if (token)
        core/* setSecret */.Pq(token);
    const apps = (0,src/* listInput */.dt)('apps');
    const auto = (0,src/* booleanInput */.tE)('auto');
    const to = (0,src/* optionalInput */.$m)('to');
    if (auto && (apps.length || (0,src/* optionalInput */.$m)('from')))
        throw new src/* ConfigurationError */.j1('input auto promotes what the source environment runs healthy, from its source; leave from and apps empty');
    if (!auto && !to)
        throw new src/* ConfigurationError */.j1('input to is required (or auto: true)');
    const change = changeInputs();
    const dryRun = change.dryRun === true;
    const githubDeployment = (0,src/* booleanInput */.tE)('github-deployment');
    if (githubDeployment && !dryRun && !token)
        throw new src/* ConfigurationError */.j1('input github-deployment needs a token');
    if (githubDeployment && auto && !to)
        throw new src/* ConfigurationError */.j1('input github-deployment records one environment; with auto and no to there may be several');
    return {
        ...change,
        to,
        auto,
        githubDeployment,
        from: (0,src/* optionalInput */.$m)('from'),
        apps: apps.length ? apps : undefined,
        repository: (0,src/* requiredInput */.YF)('repository'),
        token,
        dryRun,
        allowOlder: (0,src/* booleanInput */.tE)('allow-older'),
        labels: (0,src/* renamedList */.Tj)({ name: 'pull-request-labels', value: change.labels ?? [] }, { name: 'labels', value: (0,src/* listInput */.dt)('labels') }, "build-image's labels are OCI labels"),
        signingKey: (0,src/* secretInput */.jY)('signing-key'),
        wait: (0,src/* booleanInput */.tE)('wait') ? { timeoutSeconds: (0,src/* integerInput */.$A)('wait-timeout', 1, 21600) } : undefined,
        controllers: { argocdToken: (0,src/* secretInput */.jY)('argocd-token'), kubeconfig: (0,src/* secretInput */.jY)('kubeconfig') },
    };
}

;// CONCATENATED MODULE: ./actions/promote/src/outputs.ts
// The promote action's outputs, the line per promotion, and the job summary.



async function writeOutputs(results, dryRun) {
    const lines = (pick) => results.map((one) => pick(one) ?? '');
    core/* setOutput */.uH('changed', String(results.some((one) => one.changed)));
    core/* setOutput */.uH('commit', lines((one) => one.commit)
        .filter(Boolean)
        .join('\n'));
    core/* setOutput */.uH('pull-request-url', lines((one) => one.pullRequestUrl)
        .filter(Boolean)
        .join('\n'));
    core/* setOutput */.uH('promoted', JSON.stringify(results.flatMap(promotedEntries)));
    core/* setOutput */.uH('health', lines((one) => one.controller?.states.map((state) => state.health).join(',')).join('\n'));
    // A GitHub deployment is made only for one target (not with auto): its promotion is the first and only one.
    core/* setOutput */.uH('environment-url', results[0]?.controller?.url ?? '');
    core/* setOutput */.uH('waves', results.map(wavesOutput).filter(Boolean).join('\n'));
    for (const one of results) {
        core/* info */.pq(`promote ${one.from} → ${one.to}: ${one.changed ? (one.pullRequestUrl ?? one.commit ?? 'would change') : 'nothing to change'}`);
        for (const line of rolloutLines(one))
            core/* info */.pq(line);
    }
    for (const one of results)
        addSummary(one, dryRun);
    await core/* summary */.z.write();
}
function promotedEntries(result) {
    return [
        ...result.promoted.map((p) => ({
            app: p.app,
            from: result.from,
            to: result.to,
            image: p.image,
            previous: p.previous ?? null,
            source: p.from,
            resolved: p.resolved,
            copied: p.copied,
            ...(p.skipped ? { skipped: p.skipped } : {}),
        })),
        ...result.unhealthy.map((left) => ({ app: left.app, from: result.from, to: result.to, skipped: left.reason })),
    ];
}
function addSummary(result, dryRun) {
    const summary = core/* summary */.z
        .addHeading(`${dryRun ? 'Dry run: ' : ''}promote ${htmlText(result.from)} → ${htmlText(result.to)}`, 3)
        .addTable([
        [
            { data: 'app', header: true },
            { data: `${htmlText(result.from)} runs`, header: true },
            { data: `${htmlText(result.to)} ran`, header: true },
            { data: `${htmlText(result.to)} runs now`, header: true },
            { data: 'note', header: true },
        ],
        // Table cells are HTML: images and reasons come from the config repository and the controllers.
        ...result.promoted.map((p) => [
            p.app,
            p.from,
            p.previous ?? '(none)',
            p.image,
            [
                p.skipped,
                p.resolved ? 'digest resolved in the registry' : '',
                p.copied ? 'copied to the target registry' : '',
            ]
                .filter(Boolean)
                .join('; '),
        ].map(htmlText)),
        ...result.unhealthy.map((left) => [htmlText(left.app), '', '', '', htmlText(`not promoted: ${left.reason}`)]),
    ]);
    if (result.controller)
        summary.addRaw(`\n\n${result.controller.settled ? 'Applied and healthy' : 'Not applied and healthy'}: ${src_markdownText(result.controller.message)}\n`);
    if (result.diff)
        summary.addDetails('Diff', `\n\n${codeBlock(result.diff, 'diff')}\n`);
}

;// CONCATENATED MODULE: ./actions/promote/src/run.ts
// The promote action: read inputs, promote (or, with auto, promote into every auto-promote environment), write
// outputs and the summary.






/** `early`: the clone of the config repository started before the action loaded (used if it is the right one). */
async function run_run(early) {
    const inputs = getInputs();
    const env = process.env;
    const request = {
        ...inputs,
        ...runnerContext(env),
        // One target only: the inputs refuse github-deployment with auto.
        githubDeployment: deploymentTarget(inputs.githubDeployment && inputs.to !== undefined, env),
        started: early,
        registry: { credentials: (registry) => dockerCredentials(registry), insecureRegistries: [] },
        logger: (0,src/* actionLogger */.v0)('gitops promote'),
    };
    const results = inputs.auto
        ? (await autoPromote({ ...request, only: inputs.to })).promotions
        : [await promote({ ...request, to: inputs.to })];
    await writeOutputs(results, inputs.dryRun);
    // A change that landed while its controller did not settle fails the step, its outputs written.
    const failure = unsettledFailure(results);
    if (failure)
        throw failure;
}


/***/ })

};
