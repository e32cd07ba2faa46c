export const id = 210;
export const ids = [210];
export const modules = {

/***/ 7210:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  GitHubAttestations: () => (/* reexport */ GitHubAttestations)
});

// UNUSED EXPORTS: GitHubComments, GitHubDeployments, GitHubError, GitHubLabelledIssues, GitHubPullRequests, commitAuthorship, createCommitOnBranch, createLooseCommit, githubClient

// EXTERNAL MODULE: ./node_modules/.pnpm/@actions+http-client@4.0.1/node_modules/@actions/http-client/lib/index.js + 1 modules
var lib = __webpack_require__(343);
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
var src = __webpack_require__(4035);
;// CONCATENATED MODULE: ./packages/github/src/errors.ts
// GitHub's refusals as user errors: what was being done, GitHub's status and own message, and what to do about
// it from the table of known causes (a missing permission, Actions not allowed to open pull requests, a rate
// limit). Every request of the client passes through here, so no caller re-wraps them.

class errors_GitHubError extends src/* UserError */.yo {
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
function errors_githubFailure(error, doing) {
    if (error instanceof errors_GitHubError)
        return error;
    const status = typeof error.status === 'number' ? error.status : undefined;
    const said = apiMessage(error);
    const code = (0,src/* errnoCode */.UK)(error.cause ?? error);
    // Octokit reports a connection that never answered as status 500: the errno says what happened.
    const known = (0,src/* knownCause */.T4)({ text: said, ...(code ? { code } : { status }) });
    const answered = status !== undefined && !code ? `GitHub answered ${status}: ` : '';
    const advice = known?.advice ? ` (${known.advice})` : '';
    return new errors_GitHubError(`${doing}: ${answered}${said}${advice}`, status);
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

function githubClient(token, baseUrl) {
    let client;
    return () => {
        const base = baseUrl.replace(/\/+$/, '');
        client ??= __webpack_require__.e(/* import() */ 918).then(__webpack_require__.bind(__webpack_require__, 1918)).then(({ getOctokit }) => {
            const octokit = getOctokit(token, { baseUrl: base });
            // Every failure of every request becomes one GitHubError saying what was being done and why it failed.
            octokit.hook.wrap('request', async (request, options) => {
                try {
                    return await request(options);
                }
                catch (error) {
                    throw errors_githubFailure(error, describeRequest(octokit.request.endpoint.parse(options), base));
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
        this.client = githubClient(token, this.baseUrl);
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
                throw new errors_GitHubError(`${doing}: GitHub ${error.message}`, status);
            throw errors_githubFailure(error, doing);
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
            throw errors_githubFailure(Object.assign(new Error(message), { status, response: { data } }), doing);
        }
        if (!data)
            throw new errors_GitHubError(`${doing}: GitHub answered with a body that is not a JSON object`, status);
        if (!Array.isArray(data.attestations))
            throw new errors_GitHubError(`${doing}: GitHub's answer lists no attestations`, status);
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
class GitHubComments {
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


const mutation = (/* unused pure expression or super */ null && (`mutation($input: CreateCommitOnBranchInput!) {
  createCommitOnBranch(input: $input) { commit { oid } }
}`));
/** The new commit's id, or `{ stale: true }` when the branch moved on; any other refusal throws a GitHubError. */
async function createCommitOnBranch(client, commit) {
    const { owner, repo } = splitRepository(commit.repository);
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
        const { owner, repo } = splitRepository(repository);
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
        const { owner, repo } = splitRepository(repository);
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
class GitHubLabelledIssues {
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
    const { owner, repo } = splitRepository(request.repository);
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
    const { owner, repo } = splitRepository(repository);
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


class GitHubPullRequests {
    client;
    constructor(client) {
        this.client = client;
    }
    async upsert(request) {
        const { owner, repo } = splitRepository(request.repository);
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
        const { owner, repo } = splitRepository(repository);
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











/***/ })

};
