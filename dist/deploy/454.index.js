export const id = 454;
export const ids = [454];
export const modules = {

/***/ 7454:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* binding */ run),
  userErrors: () => (/* binding */ userErrors)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./node_modules/.pnpm/@actions+core@3.0.1/node_modules/@actions/core/lib/core.js + 14 modules
var core = __webpack_require__(3070);
// EXTERNAL MODULE: ./actions/kit/src/index.ts + 3 modules
var src = __webpack_require__(6099);
// EXTERNAL MODULE: ./packages/config/src/index.ts + 10 modules
var config_src = __webpack_require__(7769);
// EXTERNAL MODULE: ./packages/git/src/index.ts + 4 modules
var git_src = __webpack_require__(2453);
;// CONCATENATED MODULE: ./packages/delivery/src/errors.ts
// A change that cannot be made as asked: the user's input or the repository's state, never a bug.
class errors_DeliveryError extends Error {
    name = 'DeliveryError';
}

// EXTERNAL MODULE: ./packages/manifests/src/index.ts + 31 modules
var manifests_src = __webpack_require__(5082);
;// CONCATENATED MODULE: ./packages/delivery/src/pull-request.ts
function pullRequestBody(record, diff, runUrl, details) {
    const rows = record.apps.map((app) => `| ${app.app} | ${app.previous ? `\`${app.previous}\`` : '(none)'} | \`${app.image}\` | ${app.source ?? ''} |`);
    return [
        `**${record.action}** to environment **${record.environment}**${runUrl ? ` by [this run](${runUrl})` : ''}.`,
        '',
        '| app | from | to | source |',
        '|---|---|---|---|',
        ...rows,
        '',
        ...(details ? [details, ''] : []),
        '<details><summary>Diff</summary>',
        '',
        '```diff',
        diff.trimEnd(),
        '```',
        '',
        '</details>',
        '',
        'Opened by gitops: a newer deploy to this environment updates this pull request.',
    ].join('\n');
}

;// CONCATENATED MODULE: ./packages/delivery/src/retry.ts

const defaultRetryPolicy = {
    maxAttempts: 30,
    timeoutMs: 300_000,
    baseDelayMs: 100,
    maxDelayMs: 2_000,
};
/**
 * Runs `attempt` (given its number, from 1) until it pushes or finds nothing to do; `attempt` refreshes the
 * checkout after a rejection.
 */
async function pushWithRetry(policy, logger, attempt, random = Math.random) {
    const started = Date.now();
    for (let number = 1; number <= policy.maxAttempts; number++) {
        const outcome = await attempt(number);
        if (!outcome)
            return { commit: undefined, attempts: number };
        if (outcome.outcome === 'pushed')
            return { commit: outcome.commit, attempts: number };
        const elapsed = Date.now() - started;
        if (number === policy.maxAttempts || elapsed >= policy.timeoutMs) {
            throw new errors_DeliveryError(`gave up after ${number} push attempts in ${(elapsed / 1000).toFixed(1)} s: each time another change landed first; raise push-attempts or push-timeout`);
        }
        const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (number - 1));
        const delay = Math.min(Math.round(backoff * random()), policy.timeoutMs - elapsed);
        logger.info(`push ${number} was rejected: the branch moved on; re-applying on the new tip in ${delay} ms`);
        await new Promise((resolve) => setTimeout(resolve, delay));
    }
    throw new errors_DeliveryError('push-attempts must be at least 1');
}

// EXTERNAL MODULE: ./packages/image-ref/src/index.ts + 1 modules
var image_ref_src = __webpack_require__(3515);
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
    return `"${printable(id)}" is not owner/repo@<full commit sha> (for example acme/web@${'0'.repeat(40)})`;
}
/** Why `time` is not an ISO 8601 time with a zone, or undefined when it is one. */
function sourceTimeProblem(time) {
    if (isoTime.test(time) && !Number.isNaN(Date.parse(time)))
        return undefined;
    return `"${printable(time)}" is not an ISO 8601 time with a zone (for example 2026-11-20T10:00:00Z)`;
}
/** The source, checked; throws a DeliveryError naming `label` (the input or flag) when it is malformed. */
function checkSource(source, label) {
    const idProblem = sourceIdProblem(source.id);
    if (idProblem)
        throw new errors_DeliveryError(`${label.id}: ${idProblem}`);
    const timeProblem = source.time === undefined ? undefined : sourceTimeProblem(source.time);
    if (timeProblem)
        throw new errors_DeliveryError(`${label.time}: ${timeProblem}`);
    return source;
}
/** A value shown in a message on one line: control characters (line breaks included) as escapes. */
function printable(value) {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is being escaped
    return value.replace(/[\u0000-\u001f\u007f]/g, (c) => JSON.stringify(c).slice(1, -1));
}

;// CONCATENATED MODULE: ./packages/delivery/src/trailers.ts
// The commit message of a change to an environment: a subject people read, trailers tools read.
// `git interpret-trailers --parse` reads them; each app's block starts at its Gitops-App.



/** `web 1.4.2 @ sha256:3f2a9c1d` */
function describeImage(app, image) {
    let ref;
    try {
        ref = (0,image_ref_src/* parseImageRef */.Q)(image);
    }
    catch {
        return `${app} ${image}`;
    }
    const parts = [app];
    if (ref.tag)
        parts.push(ref.tag);
    if (ref.digest)
        parts.push(`@ ${(0,image_ref_src/* shortDigest */.VK)(ref.digest)}`);
    return parts.join(' ');
}
function formatCommitMessage(record) {
    const scope = record.action === 'promote' ? `${record.environment} ← ${record.from}` : record.environment;
    const subject = `${record.action}(${scope}): ${record.apps.map((app) => describeImage(app.app, app.image)).join(', ')}`;
    const trailers = [
        ['Gitops-Action', record.action],
        ['Gitops-Environment', record.environment],
        ['Gitops-From', record.from],
    ];
    for (const app of record.apps) {
        trailers.push(['Gitops-App', app.app], ['Gitops-Image', app.image], ['Gitops-Previous-Image', app.previous], ['Gitops-Source', app.source], ['Gitops-Source-Time', app.sourceTime]);
    }
    trailers.push(['Gitops-Run', record.run]);
    const lines = trailers
        .filter(([, value]) => value !== undefined && value !== '')
        .map(([key, value]) => `${key}: ${oneLine(key, value)}`);
    return `${oneLine('subject', subject)}\n\n${lines.join('\n')}\n`;
}
/**
 * A trailer value must stay one line: a line break would start a trailer of its own, which rollback and promote
 * would then obey. Every value is checked here, whatever checked it before, so no path can forge one.
 */
function oneLine(key, value) {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
    if (/[\u0000-\u001f\u007f\u2028\u2029]/.test(value))
        throw new errors_DeliveryError(`${key} "${printable(value)}" holds a line break or control character; refused`);
    return value;
}
/** The change a commit records, from its parsed trailers; undefined for commits not made by gitops. */
function parseChangeRecord(trailers) {
    const get = (key) => trailers.find(([name]) => name.toLowerCase() === key.toLowerCase())?.[1];
    const action = get('Gitops-Action');
    const environment = get('Gitops-Environment');
    if (!action || !environment || !['deploy', 'rollback', 'promote'].includes(action))
        return undefined;
    const apps = [];
    let current;
    for (const [key, value] of trailers) {
        switch (key.toLowerCase()) {
            case 'gitops-app':
                current = { app: value, image: '' };
                apps.push(current);
                break;
            case 'gitops-image':
                if (current)
                    current.image = value;
                break;
            case 'gitops-previous-image':
                if (current)
                    current.previous = value;
                break;
            case 'gitops-source':
                if (current)
                    current.source = value;
                break;
            case 'gitops-source-time':
                if (current)
                    current.sourceTime = value;
                break;
            default:
                break;
        }
    }
    return { action: action, environment, from: get('Gitops-From'), apps, run: get('Gitops-Run') };
}

;// CONCATENATED MODULE: ./packages/delivery/src/land.ts




async function land(landing) {
    const { checkout, logger } = landing;
    if (landing.dryRun) {
        const planned = await landing.attempt(1);
        return { planned, changed: planned.changes.length > 0, commit: undefined, pullRequestUrl: undefined, attempts: 1 };
    }
    if (landing.via === 'pull-request') {
        const planned = await landing.attempt(1);
        if (planned.changes.length === 0)
            return { planned, changed: false, commit: undefined, pullRequestUrl: undefined, attempts: 1 };
        (0,manifests_src/* writeChanges */.vB)(checkout.dir, planned.changes);
        const message = formatCommitMessage(planned.record);
        const commit = await checkout.commit(message, landing.committer);
        await checkout.push(landing.head, true);
        const pullRequest = await landing.pullRequests.upsert({
            repository: landing.githubRepository,
            base: checkout.branch,
            head: landing.head,
            title: message.split('\n')[0] ?? landing.head,
            body: pullRequestBody(planned.record, (0,manifests_src/* unifiedDiff */.WH)(planned.changes), landing.runUrl, planned.details),
            labels: landing.pullRequest.labels,
            autoMerge: landing.pullRequest.autoMerge,
        });
        logger.info(`${pullRequest.created ? 'Opened' : 'Updated'} pull request ${pullRequest.url}`);
        return { planned, changed: true, commit, pullRequestUrl: pullRequest.url, attempts: 1 };
    }
    let last;
    const pushed = await pushWithRetry(landing.retry, logger, async (number) => {
        last = await landing.attempt(number);
        if (last.changes.length === 0)
            return undefined;
        (0,manifests_src/* writeChanges */.vB)(checkout.dir, last.changes);
        const commit = await checkout.commit(formatCommitMessage(last.record), landing.committer);
        if (!commit)
            return undefined;
        const outcome = await checkout.push(checkout.branch);
        if (outcome === 'rejected')
            await checkout.refresh();
        return { commit, outcome };
    });
    return {
        planned: last,
        changed: pushed.commit !== undefined,
        commit: pushed.commit,
        pullRequestUrl: undefined,
        attempts: pushed.attempts,
    };
}

;// CONCATENATED MODULE: ./packages/delivery/src/load.ts
// gitops.yaml as a sparse checkout sees it: paths are checked against the git tree, not the disk.



async function loadCheckoutConfig(checkout, configFile) {
    (0,config_src/* configInsideRepository */.x$)(checkout.dir, configFile);
    const directories = await checkout.treeDirectories();
    const file = external_node_path_.join(checkout.dir, configFile);
    if ((0,external_node_fs_.existsSync)(file)) {
        return (0,config_src/* parseConfig */.o4)((0,external_node_fs_.readFileSync)(file, 'utf8'), {
            root: checkout.dir,
            file: configFile,
            probe: (relative) => (directories.has(relative) ? 'directory' : 'missing'),
        });
    }
    const environments = (0,config_src/* conventionEnvironments */.ac)(checkout.dir, (folder) => [...directories]
        .filter((dir) => dir.startsWith(`${folder}/`) && !dir.slice(folder.length + 1).includes('/'))
        .map((dir) => dir.slice(folder.length + 1)));
    if (!environments) {
        throw new config_src/* ConfigError */.xL([
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





/**
 * Clones what the change needs to start with, compiling the config schema while git works. `cloned` sees the
 * checkout as soon as it is there, before the config is read (to start fetching what does not depend on it).
 */
async function change_openCheckout(options, cloned) {
    const cloning = options.cloning ?? git_src/* ConfigCheckout */.DY.clone(options.remote, options.workdir, options.branch);
    (0,config_src/* prepareSchema */.b2)();
    const checkout = await options.logger.group(`Clone ${options.remote.display}`, () => cloning);
    cloned?.(checkout);
    return { checkout, config: await loadCheckoutConfig(checkout, options.config) };
}
/** Refuses a pull request that could not be opened, before anything is cloned further or written. */
function change_checkPullRequests(options, via) {
    if (via === 'pull-request' && !options.dryRun && (!options.pullRequests || !options.remote.githubRepository)) {
        throw new errors_DeliveryError('via: pull-request needs a repository on the GitHub server (owner/name) and a token');
    }
}
/**
 * Lands what `plan` makes of the files. `opened` is the config read when the checkout was opened: the first
 * attempt plans from it (same commit); after a rejected push the config is read again from the new tip.
 */
function change_landChange(options, checkout, via, head, plan, opened) {
    return land({
        checkout,
        via,
        dryRun: options.dryRun,
        committer: options.committer,
        retry: options.retry,
        logger: options.logger,
        runUrl: options.runUrl,
        head,
        githubRepository: options.remote.githubRepository,
        pullRequests: options.pullRequests,
        pullRequest: options.pullRequest,
        attempt: async (number) => plan(number === 1 ? opened : await loadCheckoutConfig(checkout, options.config), number),
    });
}

;// CONCATENATED MODULE: ./packages/delivery/src/apps.ts
// Which apps a change concerns and what of the repository it needs checked out.


/** An app of gitops.yaml, or, without one, an image found in the environment's folder. */
function apps_resolveApp(config, environment, name) {
    if (config.file !== undefined)
        return (0,config_src/* findApp */.J0)(config, name);
    return (0,config_src/* findApp */.J0)({ ...config, apps: (0,manifests_src/* discoverApps */.gy)({ ...config, environments: [environment] }) }, name);
}
/** Every app of gitops.yaml, or, without one, every image found in the environment's folder. */
function apps_allApps(config, environment) {
    return config.file !== undefined ? config.apps : discoverApps({ ...config, environments: [environment] });
}
/** What the sparse checkout needs for the app: its target files, or the whole environment folder. */
function apps_sparsePaths(config, app, environment) {
    const targets = (0,manifests_src/* targetsFor */.Y$)(config, app, environment);
    return 'search' in targets ? [`${targets.search}/`] : targets.files.map((target) => target.file);
}

;// CONCATENATED MODULE: ./packages/delivery/src/history.ts
// What the audit trail says about an app in an environment: its changes, newest first, read through one
// HistoryReader per question set so the history is fetched once.


/** The change a commit made to `app` in `environment`, if it made one. */
function changeOf(commit, environment, app) {
    const record = parseChangeRecord(commit.trailers);
    if (!record || record.environment !== environment)
        return undefined;
    const entry = record.apps.find((candidate) => candidate.app === app);
    return entry ? { commit, record, app: entry } : undefined;
}
/** The `nth` (1 = last) change of `app` in `environment`. */
async function nthChange(history, environment, app, nth = 1) {
    // Each deepening round reads history from the tip again: count changes by commit.
    const seen = new Set();
    let found;
    await history.find((commit) => {
        const change = changeOf(commit, environment, app);
        if (change)
            seen.add(commit.sha);
        if (change && seen.size === nth)
            found = change;
        return found !== undefined;
    });
    return found;
}
/** The change that put `image` into `environment` for `app` (to carry its source on). */
async function history_changeThatDeployed(history, environment, app, image) {
    const commit = await history.find((candidate) => changeOf(candidate, environment, app)?.app.image === image);
    return commit ? changeOf(commit, environment, app) : undefined;
}
/** The changes of `app` in `environment` back to (not including) the one that deployed `since`, at most 20. */
async function history_changesBetween(history, environment, app, since) {
    const changes = [];
    await history.find((commit) => {
        const change = changeOf(commit, environment, app);
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
async function history_commitsSinceSources(checkout, ourTimes) {
    const since = newerSourceSince(ourTimes);
    return since ? (0,git_src/* historySince */.H2)(checkout, since) : [];
}
/** The last change of `app` in `environment` among `commits` (newest first) when its source is newer than ours. */
function history_newerChange(commits, environment, app, ourTime) {
    if (!ourTime)
        return undefined;
    const last = commits.map((commit) => changeOf(commit, environment, app)).find(Boolean);
    const theirs = last?.app.sourceTime;
    if (!last || !theirs || Date.parse(theirs) <= Date.parse(ourTime))
        return undefined;
    return { image: last.app.image, source: last.app.source, sourceTime: theirs, run: last.record.run };
}

;// CONCATENATED MODULE: ./packages/delivery/src/deploy.ts
// deploy: set apps' images in one environment of the config repository, as one commit with trailers,
// pushed so that no concurrent change is lost (fetch, re-plan from the files, push again).










async function deploy(request) {
    if (request.source)
        checkSource(request.source, { id: 'source', time: 'source-time' });
    const rollback = request.image === 'previous';
    // The commits that may record a newer source: fetched while the config is read and the targets checked out.
    let prefetched;
    try {
        const { checkout, config } = await change_openCheckout(request, (cloned) => {
            if (rollback)
                return;
            prefetched = history_commitsSinceSources(cloned, [request.source?.time]);
            prefetched.catch(() => undefined); // seen when awaited; an earlier failure of the deploy goes first
        });
        const environment = (0,config_src/* findEnvironment */.jY)(config, request.environment);
        if (config.file === undefined)
            await checkout.include([`${environment.path}/`]);
        const apps = request.apps.map((name) => apps_resolveApp(config, environment, name));
        const via = request.via ?? environment.via;
        const wanted = rollback
            ? undefined
            : apps.map((app) => wantedImage(app, environment.name, request.image, environment.requireDigest));
        change_checkPullRequests(request, via);
        await checkout.include(apps.flatMap((app) => apps_sparsePaths(config, app, environment.name)));
        const landed = await change_landChange(request, checkout, via, `gitops/${environment.name}/${[...request.apps].sort().join('+')}`, (fresh, attempt) => {
            // After a rejected push the tip moved: a newer source may have landed with it, so read again.
            let commits;
            const recent = () => {
                commits ??= attempt === 1 && prefetched ? prefetched : history_commitsSinceSources(checkout, [request.source?.time]);
                return commits;
            };
            return planDeploy(checkout, fresh, request, apps, wanted, rollback, recent);
        }, config);
        return {
            apps: landed.planned.outcomes,
            diff: (0,manifests_src/* unifiedDiff */.WH)(landed.planned.changes),
            commit: landed.commit,
            pullRequestUrl: landed.pullRequestUrl,
            changed: landed.changed,
            via,
            attempts: landed.attempts,
        };
    }
    finally {
        await prefetched?.catch(() => undefined); // git must be done with the folder before it goes
        (0,external_node_fs_.rmSync)(request.workdir, { recursive: true, force: true });
    }
}
/** The reference to deploy for `app`, checked before anything is cloned further or written. */
function wantedImage(app, environment, text, requireDigest) {
    const name = (0,config_src/* imageFor */.zd)(app, environment);
    let ref;
    try {
        ref = (0,image_ref_src/* resolveImageUpdate */.$H)(text, name);
    }
    catch (error) {
        if (error instanceof image_ref_src/* ImageRefError */.z0)
            throw new errors_DeliveryError(`input image: ${error.message}`);
        throw error;
    }
    if (!(0,image_ref_src/* sameRepository */.RB)(ref, name)) {
        throw new errors_DeliveryError(`input image: ${(0,image_ref_src/* formatImageRef */.kL)(ref)} is not an image of app "${app.name}", which is ${(0,image_ref_src/* formatImageRef */.kL)(name)} in ${environment}`);
    }
    if (requireDigest && ref.digest === undefined) {
        throw new errors_DeliveryError(`environment "${environment}" requires images pinned by digest (require-digest); ${(0,image_ref_src/* formatImageRef */.kL)(ref)} has none: deploy ref@sha256:…`);
    }
    return ref;
}
async function planDeploy(checkout, config, request, apps, wanted, rollback, recent) {
    const environment = (0,config_src/* findEnvironment */.jY)(config, request.environment);
    const cache = new manifests_src/* FileCache */.pH(checkout.dir);
    const outcomes = [];
    const records = [];
    const changes = [];
    for (const [index, app] of apps.entries()) {
        const current = (0,manifests_src/* readImage */.AM)(cache, (0,manifests_src/* targetsFor */.Y$)(config, app, environment.name), (0,manifests_src/* matcherFor */.sp)(app, environment.name)).image;
        const previous = current ? (0,image_ref_src/* formatImageRef */.kL)(current) : undefined;
        let to;
        let source = request.source;
        if (rollback) {
            const history = new git_src/* HistoryReader */.qq(checkout);
            const last = await nthChange(history, environment.name, app.name, request.rollbackSteps ?? 1);
            if (!last?.app.previous) {
                throw new errors_DeliveryError(`cannot roll back app "${app.name}" in ${environment.name}: no earlier image is recorded in the commit trailers`);
            }
            to = (0,image_ref_src/* resolveImageUpdate */.$H)(last.app.previous, (0,config_src/* imageFor */.zd)(app, environment.name));
            if (environment.requireDigest && to.digest === undefined) {
                throw new errors_DeliveryError(`environment "${environment.name}" requires a digest; the previous image ${last.app.previous} has none`);
            }
            const original = await history_changeThatDeployed(history, environment.name, app.name, last.app.previous);
            source = original?.app.source ? { id: original.app.source, time: original.app.sourceTime } : undefined;
        }
        else {
            to = wanted[index];
            const newer = history_newerChange(await recent(), environment.name, app.name, request.source?.time);
            if (newer && !request.allowOlder) {
                request.logger.warning(`${environment.name} already runs ${newer.image} of app "${app.name}", built from ${newer.source} at ${newer.sourceTime}, newer than ours (${request.source?.time}); not replacing it (allow-older: true forces it)${newer.run ? `; written by ${newer.run}` : ''}`);
                outcomes.push({
                    app: app.name,
                    previous,
                    image: previous ?? '',
                    skipped: `a newer source runs (${newer.sourceTime})`,
                });
                continue;
            }
        }
        const image = (0,image_ref_src/* formatImageRef */.kL)(to);
        if (current && (0,image_ref_src/* sameImage */.G4)(current, to) && current.tag === to.tag) {
            outcomes.push({ app: app.name, previous, image, skipped: 'already deployed' });
            continue;
        }
        changes.push({
            matcher: (0,manifests_src/* matcherFor */.sp)(app, environment.name),
            to,
            targets: (0,manifests_src/* targetsFor */.Y$)(config, app, environment.name),
        });
        outcomes.push({ app: app.name, previous, image });
        records.push({ app: app.name, image, previous, source: source?.id, sourceTime: source?.time });
    }
    const fileChanges = changes.length ? (0,manifests_src/* planImageChanges */.iC)(checkout.dir, changes) : [];
    const record = {
        action: rollback ? 'rollback' : 'deploy',
        environment: environment.name,
        apps: records,
        run: request.runUrl,
    };
    return {
        outcomes: fileChanges.length
            ? outcomes
            : outcomes.map((o) => (o.skipped ? o : { ...o, skipped: 'already deployed' })),
        changes: fileChanges,
        record,
    };
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(7075);
;// CONCATENATED MODULE: ./packages/registry/src/errors.ts
// A registry said no, or said something we cannot trust: the message names the registry and what failed.
class errors_RegistryError extends Error {
    status;
    constructor(message, status) {
        super(message);
        this.status = status;
        this.name = 'RegistryError';
    }
}

;// CONCATENATED MODULE: ./packages/registry/src/digest.ts
// Content addresses: every blob and manifest is checked against its digest before it is trusted.


function digest_sha256Digest(bytes) {
    return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}
function digest_verifyDigest(bytes, expected, what) {
    const [algorithm] = expected.split(':');
    if (algorithm !== 'sha256')
        throw new RegistryError(`${what}: unsupported digest algorithm "${algorithm}"`);
    const actual = digest_sha256Digest(bytes);
    if (actual !== expected)
        throw new RegistryError(`${what}: content does not match its digest (expected ${expected}, got ${actual})`);
}

// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(7067);
// EXTERNAL MODULE: external "node:https"
var external_node_https_ = __webpack_require__(4708);
;// CONCATENATED MODULE: ./packages/registry/src/stream-download.ts
// Opens a blob download with node:http(s), so its bytes come as Buffers from the socket. Measured on loopback,
// fetch (undici) and its web stream cost a third of the CPU of a registry-to-registry copy; this path takes
// only a plain 200 (after redirects). Anything else is left to the careful path (fetch, with auth challenges
// and retries), which the caller takes when this resolves undefined.


/** Redirects followed before handing over to the careful path. */
const maxRedirects = 5;
async function stream_download_getStream(client, path, scope) {
    let url = new URL(path, client.baseUrl);
    for (let hop = 0; hop <= maxRedirects; hop++) {
        // Credentials go to the registry only: a redirect elsewhere (a CDN, object storage) is signed on its own.
        const authorization = client.authorizationFor(scope, url);
        let response;
        try {
            response = await get(url, authorization, client.timeoutMs);
        }
        catch {
            return undefined; // the careful path retries a refused or dropped connection, with backoff
        }
        const status = response.statusCode ?? 0;
        const location = response.headers.location;
        if (status === 200)
            return { body: response, length: response.headers['content-length'] ?? null };
        response.resume();
        // Asked to slow down or failing: wait as a retry would before handing over, so the careful path's
        // next request is not an immediate second one.
        if (status === 429 || status >= 500)
            await client.wait(1, header(response.headers['retry-after']));
        if (status < 300 || status >= 400 || !location)
            return undefined;
        url = new URL(location, url);
    }
    return undefined;
}
function get(url, authorization, timeoutMs) {
    return new Promise((resolve, reject) => {
        const send = url.protocol === 'https:' ? https.get : http.get;
        const request = send(url, { headers: authorization ? { authorization } : {}, timeout: timeoutMs }, resolve);
        request.on('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
        request.on('error', reject);
    });
}
const header = (value) => (Array.isArray(value) ? value[0] : value);

;// CONCATENATED MODULE: ./packages/registry/src/stream-upload.ts
// Sends a stream as the body of an upload with node:http(s), piping it straight into the socket. Measured on
// loopback, fetch (undici) with a ReadableStream body made registry-to-registry blob copies ~25% slower than
// this; the rest of the client keeps fetch, where bodies are small.


/** PUTs the stream; resolves with the status code (the caller decides what it means). */
function stream_upload_putStream(client, upload) {
    return new Promise((resolve, reject) => {
        const headers = { 'content-type': 'application/octet-stream' };
        if (upload.length)
            headers['content-length'] = upload.length;
        // An upload Location on another origin gets no credentials: they belong to the registry alone.
        const authorization = client.authorizationFor(upload.scope, upload.url);
        if (authorization)
            headers.authorization = authorization;
        const send = upload.url.protocol === 'https:' ? https.request : http.request;
        const request = send(upload.url, { method: 'PUT', headers, timeout: client.timeoutMs }, (response) => {
            response.resume();
            response.on('end', () => {
                // A registry may answer (an error) before reading the whole body: stop reading the source then.
                if (!upload.body.readableEnded)
                    upload.body.destroy();
                resolve(response.statusCode ?? 0);
            });
            response.on('error', reject);
        });
        request.on('timeout', () => request.destroy(new Error(`no answer within ${client.timeoutMs} ms`)));
        request.on('error', (error) => {
            upload.body.destroy();
            reject(error);
        });
        upload.body.on('data', upload.onChunk);
        upload.body.on('error', (error) => request.destroy(error));
        upload.body.pipe(request);
    });
}

;// CONCATENATED MODULE: ./packages/registry/src/blobs.ts
// Blobs (layers and configs): exists, download (verified), upload (monolithic), and mount across repositories.







const pull = (repository) => `repository:${repository}:pull`;
const push = (repository) => `repository:${repository}:pull,push`;
async function blobs_hasBlob(client, repository, digest) {
    const response = await client.request({
        method: 'HEAD',
        path: `/v2/${repository}/blobs/${digest}`,
        scope: pull(repository),
        accept: [404],
    });
    return response.status !== 404;
}
async function getBlob(client, repository, digest) {
    const response = await client.request({
        method: 'GET',
        path: `/v2/${repository}/blobs/${digest}`,
        scope: pull(repository),
    });
    const bytes = new Uint8Array(await response.arrayBuffer());
    verifyDigest(bytes, digest, `blob ${digest} of ${client.registry}/${repository}`);
    return bytes;
}
/** Uploads `bytes` as `digest` in one request after the upload session opens. */
async function blobs_putBlob(client, repository, digest, bytes) {
    verifyDigest(bytes, digest, `blob ${digest}`);
    const upload = await openUpload(client, repository);
    upload.searchParams.set('digest', digest);
    const done = await client.request({
        method: 'PUT',
        path: upload.toString(),
        scope: push(repository),
        headers: { 'content-type': 'application/octet-stream', 'content-length': String(bytes.byteLength) },
        body: bytes,
    });
    await done.body?.cancel();
}
/**
 * Links a blob that `from` already has into `repository` on the same registry, without sending it.
 * False when the registry declined (it then opened an upload instead, which is abandoned).
 */
async function blobs_mountBlob(client, repository, digest, from) {
    const query = new URLSearchParams({ mount: digest, from });
    const response = await client.request({
        method: 'POST',
        path: `/v2/${repository}/blobs/uploads/?${query}`,
        scope: `${push(repository)} ${pull(from)}`,
        headers: { 'content-length': '0' },
        accept: [202],
    });
    await response.body?.cancel();
    return response.status === 201;
}
/** Opens an upload session; its URL is where the bytes go. */
async function openUpload(client, repository) {
    const session = await client.request({
        method: 'POST',
        path: `/v2/${repository}/blobs/uploads/`,
        scope: push(repository),
        headers: { 'content-length': '0' },
    });
    await session.body?.cancel();
    return uploadUrl(client, session);
}
function uploadUrl(client, response) {
    const location = response.headers.get('location');
    if (!location)
        throw new RegistryError(`${client.registry} opened an upload without a Location`);
    return new URL(location, client.baseUrl);
}
/**
 * Copies a blob from one registry to another without holding it: the download is piped into the upload and
 * hashed on the way (the destination checks the digest too). A broken transfer starts over, up to `attempts`.
 */
async function blobs_streamBlob(from, to, digest, attempts = 3) {
    let last;
    for (let attempt = 1; attempt <= attempts; attempt++) {
        try {
            // The upload session first: once the download is open, its bytes go straight into the upload.
            const upload = await openUpload(to.client, to.repository);
            upload.searchParams.set('digest', digest);
            const source = await openBlob(from.client, from.repository, digest);
            const hash = createHash('sha256');
            let bytes = 0;
            const status = await putStream(to.client, {
                url: upload,
                scope: push(to.repository),
                body: source.body,
                length: source.length,
                onChunk: (chunk) => {
                    hash.update(chunk);
                    bytes += chunk.byteLength;
                },
            });
            if (status === 429 || status >= 500 || status === 401 || status === 403 || (status >= 300 && status !== 400)) {
                throw new RegistryError(`${to.client.registry} answered ${status} to the upload of ${digest} to ${to.repository}`, status >= 500 || status === 429 ? undefined : status);
            }
            const rejected = status === 400;
            const actual = `sha256:${hash.digest('hex')}`;
            if (actual !== digest || rejected) {
                throw new RegistryError(`blob ${digest} from ${from.client.registry}/${from.repository}: content does not match its digest (got ${actual})`);
            }
            return bytes;
        }
        catch (error) {
            last = error;
            const status = error instanceof RegistryError ? error.status : undefined;
            if (status === 401 || status === 403 || status === 404)
                throw error;
        }
    }
    throw last;
}
/** A blob's bytes as a Node stream: straight from the socket when the registry simply answers, else via fetch. */
async function openBlob(client, repository, digest) {
    const path = `/v2/${repository}/blobs/${digest}`;
    const fast = await getStream(client, path, pull(repository));
    if (fast)
        return fast;
    const response = await client.request({ method: 'GET', path, scope: pull(repository) });
    if (!response.body)
        throw new RegistryError(`${client.registry} sent blob ${digest} without a body`);
    return {
        body: Readable.fromWeb(response.body),
        length: response.headers.get('content-length'),
    };
}
/** Blobs above this are uploaded in chunks, so no single request carries more than a chunk. */
const blobs_chunkThreshold = (/* unused pure expression or super */ null && (32 * 1024 * 1024));
/** Uploads `bytes` as `digest` in PATCH chunks of `chunkSize`, then closes the upload with the digest. */
async function putBlobChunked(client, repository, digest, bytes, chunkSize = 16 * 1024 * 1024) {
    await uploadInChunks(client, repository, digest, bytes.byteLength, chunkSize, async (start, length) => bytes.subarray(start, start + length));
}
/**
 * Uploads the file of a blob (an OCI layout's) in PATCH chunks read one at a time into one buffer: memory stays
 * at one chunk whatever the layer's size.
 */
async function blobs_putFileChunked(client, repository, digest, file, chunkSize = 16 * 1024 * 1024) {
    const handle = await open(file.path, 'r');
    const buffer = Buffer.alloc(Math.max(1, Math.min(chunkSize, file.size)));
    try {
        await uploadInChunks(client, repository, digest, file.size, chunkSize, async (start, length) => {
            const { bytesRead } = await handle.read(buffer, 0, length, start);
            if (bytesRead !== length)
                throw new RegistryError(`${file.path} changed while it was read`);
            // The previous chunk's request has finished before this read: the buffer is free again.
            return buffer.subarray(0, length);
        });
    }
    finally {
        await handle.close();
    }
}
/**
 * The chunked upload: PATCH each chunk `read` gives, hashing on the way, then PUT with the digest only when the
 * bytes sent match it (a mismatch leaves the upload unfinished: nothing is stored under the digest).
 */
async function uploadInChunks(client, repository, digest, size, chunkSize, read) {
    let location = await openUpload(client, repository);
    const hash = createHash('sha256');
    for (let start = 0; start < size; start += chunkSize) {
        const chunk = await read(start, Math.min(chunkSize, size - start));
        hash.update(chunk);
        const response = await client.request({
            method: 'PATCH',
            path: location.toString(),
            scope: push(repository),
            headers: {
                'content-type': 'application/octet-stream',
                'content-range': `${start}-${start + chunk.byteLength - 1}`,
                'content-length': String(chunk.byteLength),
            },
            body: chunk,
        });
        await response.body?.cancel();
        location = uploadUrl(client, response);
    }
    const actual = `sha256:${hash.digest('hex')}`;
    if (actual !== digest) {
        throw new RegistryError(`blob ${digest}: content does not match its digest (expected ${digest}, got ${actual})`);
    }
    location.searchParams.set('digest', digest);
    const done = await client.request({
        method: 'PUT',
        path: location.toString(),
        scope: push(repository),
        headers: { 'content-length': '0' },
    });
    await done.body?.cancel();
}

;// CONCATENATED MODULE: ./packages/registry/src/client.ts
// Talks to one registry: answers auth challenges (Basic, or Bearer tokens cached per scope) and retries what
// is worth retrying (5xx, 429 with Retry-After, dropped connections), bounded in attempts.



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
    }
    async request(request) {
        const streamed = request.body instanceof ReadableStream;
        const attempts = streamed ? 1 : (this.options.attempts ?? 5);
        let lastError;
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
                if (error instanceof RegistryError)
                    throw error;
                lastError = error;
                if (attempt < attempts)
                    await this.wait(attempt, undefined);
                continue;
            }
            if (response.status === 429 || response.status >= 500) {
                lastError = new RegistryError(`${this.registry} answered ${response.status} to ${request.method} ${request.path}`, response.status);
                await response.body?.cancel();
                if (attempt < attempts)
                    await this.wait(attempt, response.headers.get('retry-after'));
                continue;
            }
            if (response.ok || (request.accept ?? []).includes(response.status))
                return response;
            throw await this.failure(request, response);
        }
        const reason = lastError instanceof Error ? lastError.message : String(lastError);
        throw new RegistryError(`${this.registry}: ${request.method} ${request.path} failed after ${attempts} attempts: ${reason}`);
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
            const response = await fetch(url, {
                method,
                headers,
                ...(body ? { body, duplex: 'half' } : {}),
                redirect: 'manual',
                signal: AbortSignal.timeout(this.options.timeoutMs ?? 120_000),
            });
            const location = response.headers.get('location');
            if (!redirectStatuses.has(response.status) || !location)
                return response;
            await response.body?.cancel();
            if (hop >= client_maxRedirects)
                throw new RegistryError(`${this.registry}: more than ${client_maxRedirects} redirects for ${request.method} ${request.path}`);
            if (body instanceof ReadableStream)
                throw new RegistryError(`${this.registry} redirected a streamed ${request.method} ${request.path}; cannot send it again`);
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
        if (this.challenge?.scheme === 'basic' && this.options.credentials)
            return basicHeader(this.options.credentials);
        const token = this.tokens.get(scope);
        return token ? `Bearer ${token}` : undefined;
    }
    async authenticate(response, scope) {
        await response.body?.cancel();
        const challenge = parseChallenge(response.headers.get('www-authenticate'));
        if (!challenge)
            throw new RegistryError(`${this.registry} asks for authentication it does not describe`, 401);
        this.challenge = challenge;
        if (challenge.scheme === 'basic') {
            if (!this.options.credentials)
                throw new RegistryError(`${this.registry} needs a username and password`, 401);
            return;
        }
        const realm = challenge.params.realm;
        if (!realm)
            throw new RegistryError(`${this.registry} asks for a bearer token without saying where to get one`, 401);
        const url = new URL(realm);
        if (challenge.params.service)
            url.searchParams.set('service', challenge.params.service);
        url.searchParams.set('scope', scope);
        const headers = {};
        if (this.options.credentials)
            headers.authorization = basicHeader(this.options.credentials);
        const tokenResponse = await fetch(url, { headers, signal: AbortSignal.timeout(this.options.timeoutMs ?? 120_000) });
        if (!tokenResponse.ok) {
            throw new RegistryError(`${this.registry}: the token service ${url.origin} refused the credentials (${tokenResponse.status})`, tokenResponse.status);
        }
        const body = (await tokenResponse.json());
        const token = body.token ?? body.access_token;
        if (!token)
            throw new RegistryError(`${this.registry}: the token service ${url.origin} returned no token`);
        this.tokens.set(scope, token);
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
        if (response.status === 401) {
            const who = this.options.credentials ? `user "${this.options.credentials.username}"` : 'anonymous access';
            return new RegistryError(`${this.registry} refused ${who} (401 Unauthorized)${detail ? `: ${detail}` : ''}`, 401);
        }
        return new RegistryError(`${this.registry}: ${request.method} ${request.path} answered ${response.status}${detail ? `: ${detail}` : ''}`, response.status);
    }
    /** Waits as a retry of `attempt` should: Retry-After when the registry gave one, else exponential backoff. */
    async wait(attempt, retryAfter) {
        const seconds = retryAfter ? Number(retryAfter) : Number.NaN;
        const ms = Number.isFinite(seconds) ? Math.min(seconds * 1000, 30_000) : Math.min(200 * 2 ** (attempt - 1), 5_000);
        await (this.options.sleep ?? ((delay) => new Promise((resolve) => setTimeout(resolve, delay))))(ms);
    }
}

;// CONCATENATED MODULE: ./packages/registry/src/manifests.ts


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
        throw new RegistryError(`${client.registry}/${repository}:${reference} does not exist`, 404);
    const bytes = new Uint8Array(await response.arrayBuffer());
    const digest = reference.startsWith('sha256:') ? reference : sha256Digest(bytes);
    verifyDigest(bytes, digest, `manifest ${client.registry}/${repository}@${digest}`);
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
        throw new RegistryError(`${client.registry}/${repository}:${tag} does not exist`, 404);
    const digest = response.headers.get('docker-content-digest');
    if (digest)
        return digest;
    return (await manifests_getManifest(client, repository, tag)).digest;
}
/** Stores the exact bytes under `reference` (a tag, or the digest itself); returns the digest. */
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
        throw new RegistryError(`${client.registry}/${repository}: stored manifest has digest ${digest}, expected ${manifest.digest}`);
    return digest;
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

;// CONCATENATED MODULE: ./packages/registry/src/copy.ts
// Copies an image (or a multi-platform index, every child) between repositories and registries, exact bytes,
// so the digest is the same everywhere: build once, promote the same digest.



/** Copies `reference` from `source` to `destination`, tagging it `tags` there; returns the digest. */
async function copy_copyImage(source, reference, destination, tags) {
    const stats = { uploadedBlobs: 0, uploadedBytes: 0, mountedBlobs: 0, presentBlobs: 0 };
    const manifest = await getManifest(source.client, source.repository, reference);
    await copyManifestTree(source, destination, manifest, stats);
    for (const tag of tags)
        await putManifest(destination.client, destination.repository, tag, manifest);
    if (tags.length === 0)
        await putManifest(destination.client, destination.repository, manifest.digest, manifest);
    return { digest: manifest.digest, stats };
}
async function copyManifestTree(source, destination, manifest, stats) {
    const content = parseManifest(manifest);
    if (isIndex(manifest.mediaType)) {
        for (const child of content.manifests ?? []) {
            const childManifest = await getManifest(source.client, source.repository, child.digest);
            await copyManifestTree(source, destination, childManifest, stats);
            await putManifest(destination.client, destination.repository, child.digest, childManifest);
        }
        return;
    }
    const blobs = [content.config, ...(content.layers ?? [])].filter((blob) => blob !== undefined);
    await inParallel(blobs, blobTransfers, (blob) => copyBlob(source, destination, blob.digest, stats));
}
async function copyBlob(source, destination, digest, stats) {
    if (await hasBlob(destination.client, destination.repository, digest)) {
        stats.presentBlobs++;
        return;
    }
    const sameRegistry = source.client.baseUrl === destination.client.baseUrl;
    if (sameRegistry && (await mountBlob(destination.client, destination.repository, digest, source.repository))) {
        stats.mountedBlobs++;
        return;
    }
    const bytes = await streamBlob(source, destination, digest);
    stats.uploadedBlobs++;
    stats.uploadedBytes += bytes;
}

// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(8522);
// EXTERNAL MODULE: external "node:stream/promises"
var external_node_stream_promises_ = __webpack_require__(6466);
;// CONCATENATED MODULE: ./packages/registry/src/oci-layout.ts
// OCI image layouts on disk (oci-layout, index.json, blobs/sha256/…): what build-image writes and
// push-registry reads, so an image can be published without a Docker daemon.








const refName = 'org.opencontainers.image.ref.name';
function blobPath(dir, digest) {
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
            bytes = new Uint8Array(readFileSync(blobPath(dir, digest)));
        }
        catch {
            throw new RegistryError(`${dir}: blob ${digest} is missing`);
        }
        verifyDigest(bytes, digest, `${dir}: blob ${digest}`);
        return bytes;
    };
    const blobFile = (digest) => {
        const file = blobPath(dir, digest);
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
        writeFileSync(blobPath(dir, sha256Digest(bytes)), bytes);
    writeFileSync(path.join(dir, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}\n');
    writeFileSync(blobPath(dir, manifest.digest), manifest.bytes);
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
    renameSync(incoming, blobPath(dir, digest));
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

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
;// CONCATENATED MODULE: ./packages/registry/src/docker-config.ts
// Credentials the way docker keeps them (~/.docker/config.json: auths, credsStore, credHelpers), so a
// workflow that ran docker/login-action needs no extra inputs.




function configFile(env) {
    return path.join(env.DOCKER_CONFIG ?? path.join(env.HOME ?? homedir(), '.docker'), 'config.json');
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
        config = JSON.parse(readFileSync(configFile(env), 'utf8'));
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
        if (entry?.auth) {
            const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
            const colon = decoded.indexOf(':');
            if (colon > 0)
                return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
        }
        if (entry?.username && entry.password)
            return { username: entry.username, password: entry.password };
    }
    return undefined;
}
/** Asks `docker-credential-<helper> get`, found on PATH only: a helper name is a name, never a path. */
function fromHelper(helper, serverAddress, env) {
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(helper))
        return undefined;
    try {
        const output = execFileSync(`docker-credential-${helper}`, ['get'], {
            env,
            input: serverAddress,
            encoding: 'utf8',
            timeout: 15_000,
            stdio: ['pipe', 'pipe', 'ignore'],
        });
        const parsed = JSON.parse(output);
        return parsed.Username && parsed.Secret ? { username: parsed.Username, password: parsed.Secret } : undefined;
    }
    catch {
        return undefined;
    }
}

;// CONCATENATED MODULE: ./packages/registry/src/push.ts
// Publishes an image from an OCI layout: blobs the destination lacks, then the manifest under each tag.



async function push_pushLayout(layout, client, repository, tags) {
    const stats = { uploadedBlobs: 0, uploadedBytes: 0, mountedBlobs: 0, presentBlobs: 0 };
    const pushManifestTree = async (bytes, mediaType, digest) => {
        const content = parseManifest({ bytes, mediaType, digest });
        if (isIndex(mediaType)) {
            for (const child of content.manifests ?? []) {
                const childBytes = layout.blob(child.digest);
                await pushManifestTree(childBytes, child.mediaType, child.digest);
                await putManifest(client, repository, child.digest, {
                    bytes: childBytes,
                    mediaType: child.mediaType,
                    digest: child.digest,
                });
            }
            return;
        }
        const blobs = [content.config, ...(content.layers ?? [])].filter((blob) => blob !== undefined);
        await inParallel(blobs, blobTransfers, async (blob) => {
            if (await hasBlob(client, repository, blob.digest)) {
                stats.presentBlobs++;
                return;
            }
            // Large layers go in chunks read from the file, so memory stays at a chunk per transfer.
            const file = layout.blobFile(blob.digest);
            if (file.size > chunkThreshold)
                await putFileChunked(client, repository, blob.digest, file);
            else
                await putBlob(client, repository, blob.digest, layout.blob(blob.digest));
            stats.uploadedBlobs++;
            stats.uploadedBytes += file.size;
        });
    };
    const { manifest } = layout;
    await pushManifestTree(manifest.bytes, manifest.mediaType, manifest.digest);
    for (const tag of tags.length ? tags : [manifest.digest])
        await putManifest(client, repository, tag, manifest);
    return { digest: manifest.digest, stats };
}

;// CONCATENATED MODULE: ./packages/registry/src/publish.ts
// push-registry's engine: take an image from an OCI layout, the local Docker engine or another registry, and
// publish it to every destination; the digest is the same everywhere.











async function publishImage(request) {
    const destinations = request.destinations.map(parseDestination);
    if (destinations.length === 0)
        throw new RegistryError('input destinations: name at least one reference');
    const client = (registry, side) => new RegistryClient(registry, {
        credentials: request.credentials[side](registry),
        attempts: request.attempts,
        insecureRegistries: request.insecureRegistries,
    });
    const source = classify(request.source);
    const groups = new Map();
    for (const destination of destinations) {
        const key = `${destination.registry}/${destination.repository}`;
        const group = groups.get(key) ?? { ref: destination, tags: [], references: [] };
        if (destination.tag)
            group.tags.push(destination.tag);
        group.references.push(formatImageRef(destination));
        groups.set(key, group);
    }
    let temp;
    try {
        let layoutDir;
        if (source.kind === 'docker') {
            temp = mkdtempSync(path.join(request.tempDir ?? tmpdir(), 'gitops-docker-save-'));
            layoutDir = path.join(temp, 'layout');
            await request.logger.group(`Export ${source.image} from Docker`, async () => {
                const archive = path.join(temp, 'image.tar');
                execFileSync('docker', ['save', '--output', archive, source.image], {
                    stdio: ['ignore', 'ignore', 'pipe'],
                    timeout: 600_000,
                });
                await dockerArchiveToLayout(archive, layoutDir, source.image);
            });
        }
        else if (source.kind === 'layout') {
            layoutDir = source.dir;
        }
        const images = [];
        let digest;
        for (const group of groups.values()) {
            const destination = client(group.ref.registry, 'destination');
            const result = await request.logger.group(`Publish ${group.references.join(', ')}`, async () => {
                if (layoutDir !== undefined)
                    return pushLayout(readLayout(layoutDir), destination, group.ref.repository, group.tags);
                const remote = source.ref;
                const from = { client: client(remote.registry, 'source'), repository: remote.repository };
                return copyImage(from, remote.digest ?? remote.tag ?? 'latest', { client: destination, repository: group.ref.repository }, group.tags);
            });
            if (digest !== undefined && result.digest !== digest)
                throw new RegistryError(`the image changed while publishing: ${result.digest} after ${digest}`);
            digest = result.digest;
            for (const reference of group.references)
                images.push({ reference, stats: result.stats });
        }
        return { digest: digest, images };
    }
    finally {
        if (temp)
            rmSync(temp, { recursive: true, force: true });
    }
}
function parseDestination(text) {
    try {
        const ref = parseImageRef(text);
        if (ref.digest)
            throw new RegistryError(`destination ${text}: name a tag, not a digest (the digest is the source's)`);
        return ref;
    }
    catch (error) {
        if (error instanceof ImageRefError)
            throw new RegistryError(`destination ${text}: ${error.reason}`);
        throw error;
    }
}
function classify(source) {
    if (source.startsWith('oci:'))
        return { kind: 'layout', dir: source.slice(4) };
    if (dockerHasImage(source))
        return { kind: 'docker', image: source };
    try {
        return { kind: 'remote', ref: parseImageRef(source) };
    }
    catch (error) {
        if (error instanceof ImageRefError)
            throw new RegistryError(`source ${source}: not a local image, not oci:PATH, and ${error.reason}`);
        throw error;
    }
}
function dockerHasImage(name) {
    const result = spawnSync('docker', ['image', 'inspect', '--format', '{{.Id}}', name], {
        stdio: ['ignore', 'pipe', 'ignore'],
        timeout: 30_000,
    });
    return result.status === 0;
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
















;// CONCATENATED MODULE: ./packages/delivery/src/promote.ts
// promote: move the exact digest one environment runs into the next, for every app at once, as one commit
// (or one pull request per target environment) that carries each image's source on.










async function promote(request) {
    const { logger } = request;
    try {
        const { checkout, config } = await openCheckout(request);
        const to = findEnvironment(config, request.to);
        const fromName = request.from ?? to.promoteFrom;
        if (!fromName)
            throw new DeliveryError(`environment "${to.name}" is promoted from nothing (it comes first); name the source with from`);
        if (fromName === to.name)
            throw new DeliveryError(`cannot promote environment "${to.name}" into itself`);
        const from = findEnvironment(config, fromName);
        const via = request.via ?? to.via;
        checkPullRequests(request, via);
        if (config.file === undefined)
            await checkout.include([`${from.path}/`, `${to.path}/`]);
        const apps = request.apps ? request.apps.map((name) => resolveApp(config, from, name)) : allApps(config, from);
        await checkout.include(apps.flatMap((app) => [...sparsePaths(config, app, from.name), ...sparsePaths(config, app, to.name)]));
        const sources = await logger.group(`Read what ${from.name} runs`, () => readSources(checkout, config, from, to, apps, request, via === 'pull-request'));
        const landed = await landChange(request, checkout, via, `gitops/promote/${to.name}`, (fresh) => planPromotion(checkout, fresh, from, to, sources, request), config);
        return {
            changed: landed.changed,
            commit: landed.commit,
            pullRequestUrl: landed.pullRequestUrl,
            via,
            from: from.name,
            to: to.name,
            promoted: landed.planned.promoted,
            diff: unifiedDiff(landed.planned.changes),
            attempts: landed.attempts,
        };
    }
    finally {
        rmSync(request.workdir, { recursive: true, force: true });
    }
}
/** What each app runs in `from`, pinned by digest, and its name in `to` (copied there when it differs). */
async function readSources(checkout, config, from, to, apps, request, forPullRequest) {
    const cache = new FileCache(checkout.dir);
    const history = new HistoryReader(checkout);
    const sources = [];
    const client = (registry) => new RegistryClient(registry, {
        credentials: request.registry.credentials(registry),
        insecureRegistries: request.registry.insecureRegistries,
    });
    for (const app of apps) {
        const running = readImage(cache, targetsFor(config, app, from.name), matcherFor(app, from.name)).image;
        if (!running) {
            if (request.apps)
                throw new DeliveryError(`environment "${from.name}" runs no image of app "${app.name}"`);
            continue;
        }
        let digest = running.digest;
        let resolved = false;
        if (!digest) {
            const version = running.tag ?? 'latest';
            try {
                digest = await resolveDigest(client(running.registry), running.repository, version);
            }
            catch (error) {
                const reason = error instanceof Error ? error.message : String(error);
                throw new DeliveryError(`app "${app.name}" runs ${formatImageRef(running)} in ${from.name} without a digest, and the registry could not say which: ${reason}`);
            }
            resolved = true;
            request.logger.info(`${app.name}: ${from.name} pins only the tag ${version}; the registry says it is ${digest}`);
        }
        const pinned = { ...running, digest };
        const name = imageFor(app, to.name);
        const target = {
            registry: name.registry,
            repository: name.repository,
            ...(running.tag ? { tag: running.tag } : {}),
            digest,
        };
        const copied = !sameRepository(pinned, target);
        if (copied && !request.dryRun) {
            try {
                await request.logger.group(`Copy ${formatImageRef(pinned)} to ${formatImageRef(target)}`, () => copyImage({ client: client(pinned.registry), repository: pinned.repository }, digest, { client: client(target.registry), repository: target.repository }, running.tag ? [running.tag] : []));
            }
            catch (error) {
                if (error instanceof RegistryError)
                    throw new DeliveryError(`copying app "${app.name}" to ${formatImageRef(target)} failed, so nothing is written: ${error.message}`);
                throw error;
            }
        }
        const original = await changeThatDeployed(history, from.name, app.name, formatImageRef(running));
        // What the promotion brings is for the pull request body only; it can mean reading far back, so only then.
        const current = forPullRequest
            ? readImage(cache, targetsFor(config, app, to.name), matcherFor(app, to.name)).image
            : undefined;
        const between = forPullRequest
            ? await changesBetween(history, from.name, app.name, current ? formatImageRef(current) : undefined)
            : [];
        sources.push({
            app,
            running: pinned,
            target,
            resolved,
            copied,
            origin: { source: original?.app.source, sourceTime: original?.app.sourceTime },
            between,
        });
    }
    if (sources.length === 0)
        throw new DeliveryError(`environment "${from.name}" runs none of the apps to promote`);
    return sources;
}
async function planPromotion(checkout, config, from, to, sources, request) {
    const cache = new FileCache(checkout.dir);
    // One fetch of the changes made since the oldest source among the apps answers every newer-source question.
    let recentChanges;
    const recent = async () => {
        const commits = recentChanges ??
            (await commitsSinceSources(checkout, sources.map((source) => source.origin.sourceTime)));
        recentChanges = commits;
        return commits;
    };
    const promoted = [];
    const records = [];
    const changes = [];
    for (const source of sources) {
        const { app, target } = source;
        const current = readImage(cache, targetsFor(config, app, to.name), matcherFor(app, to.name)).image;
        const previous = current ? formatImageRef(current) : undefined;
        const base = {
            app: app.name,
            from: formatImageRef(source.running),
            previous,
            resolved: source.resolved,
            copied: source.copied,
        };
        if (current && sameImage(current, target) && current.tag === target.tag) {
            promoted.push({ ...base, image: formatImageRef(target), skipped: 'already there' });
            continue;
        }
        const newer = request.allowOlder
            ? undefined
            : newerChange(await recent(), to.name, app.name, source.origin.sourceTime);
        if (newer) {
            request.logger.warning(`${to.name} already runs ${newer.image} of app "${app.name}", built from a newer source (${newer.sourceTime}); not replacing it with ${from.name}'s (allow-older: true forces it)`);
            promoted.push({ ...base, image: previous ?? '', skipped: `a newer source runs (${newer.sourceTime})` });
            continue;
        }
        if (to.requireDigest && !target.digest)
            throw new DeliveryError(`environment "${to.name}" requires a digest`);
        changes.push({ matcher: matcherFor(app, to.name), to: target, targets: targetsFor(config, app, to.name) });
        promoted.push({ ...base, image: formatImageRef(target) });
        records.push({
            app: app.name,
            image: formatImageRef(target),
            previous,
            source: source.origin.source,
            sourceTime: source.origin.sourceTime,
        });
    }
    const fileChanges = changes.length ? planImageChanges(checkout.dir, changes) : [];
    const record = {
        action: 'promote',
        environment: to.name,
        from: from.name,
        apps: records,
        run: request.runUrl,
    };
    return {
        changes: fileChanges,
        record,
        promoted,
        details: whatItBrings(sources.filter((source) => records.some((r) => r.app === source.app.name))),
    };
}
/** Markdown for the pull request: per app, the source environment's changes the promotion brings along. */
function whatItBrings(sources) {
    const sections = sources
        .filter((source) => source.between.length > 0)
        .map((source) => {
        const lines = source.between.map((change) => {
            const run = change.record.run ? ` ([run](${change.record.run}))` : '';
            return `- \`${change.app.image}\` from ${change.app.source ?? 'an unrecorded source'}${change.app.sourceTime ? ` at ${change.app.sourceTime}` : ''}${run}`;
        });
        return `**${source.app.name}** brings:\n${lines.join('\n')}`;
    });
    return sections.length ? sections.join('\n\n') : undefined;
}

;// CONCATENATED MODULE: ./packages/delivery/src/validation-diff.ts
// What a pull request changes in the cluster: each environment rendered at the base commit and at the head,
// and the unified diff of the two renderings.






class BaseCommitError extends Error {
    constructor(message) {
        super(message);
        this.name = 'BaseCommitError';
    }
}
async function diffWithBase(options) {
    const top = (await git(['rev-parse', '--show-toplevel'], { cwd: options.root })).trim();
    const inside = path.relative(top, path.resolve(options.root));
    await ensureCommit(top, options.base);
    const worktree = mkdtempSync(path.join(tmpdir(), 'gitops-base-'));
    try {
        await git(['worktree', 'add', '--detach', '--force', worktree, options.base], { cwd: top });
        const baseRoot = path.join(worktree, inside);
        const { environments, note } = baseEnvironments(baseRoot, options.config);
        const diffs = [];
        // One mask for both sides: an unchanged Secret value gets the same marker, a changed one another.
        const mask = new SecretMask();
        for (const [name, head] of options.head) {
            const environment = environments.find((candidate) => candidate.name === name);
            let before = '';
            let why = environment ? undefined : (note ?? `environment ${name} does not exist at the base commit`);
            if (environment) {
                const base = await renderEnvironment(baseRoot, environment.path, options.tool);
                if (base.resources.length === 0 && base.problems.length > 0) {
                    why = `the base commit cannot be rendered: ${base.problems[0]?.message ?? 'no resources'}`;
                }
                before = renderedText(base.resources, mask);
            }
            diffs.push({
                environment: name,
                ...unified(name, before, renderedText(head.resources, mask)),
                ...(why ? { note: why } : {}),
            });
        }
        return diffs;
    }
    finally {
        await git(['worktree', 'remove', '--force', worktree], { cwd: top }).catch(() => undefined);
        rmSync(worktree, { recursive: true, force: true });
    }
}
/**
 * The files (relative to `root`, below it) that differ between `base` and the work tree, deletions left out:
 * what a pull request brings, for the credential scan.
 */
async function changedFilesSince(root, base) {
    const top = (await git(['rev-parse', '--show-toplevel'], { cwd: root })).trim();
    await ensureCommit(top, base);
    const output = await git(['diff', '--name-only', '-z', '--no-renames', '--diff-filter=d', '--relative', base, '--'], {
        cwd: root,
    });
    return output.split('\0').filter(Boolean);
}
/** A pull request checkout is often shallow: fetch the base commit when it is not here. */
async function ensureCommit(top, commit) {
    if (!/^[0-9a-f]{7,64}$/i.test(commit))
        throw new BaseCommitError(`the base commit "${commit}" is not a commit id`);
    const present = await git(['cat-file', '-e', `${commit}^{commit}`], { cwd: top }).then(() => true, () => false);
    if (present)
        return;
    try {
        await git(['fetch', '--no-tags', '--depth=1', '--', 'origin', commit], { cwd: top, timeoutMs: 120_000 });
    }
    catch (error) {
        throw new BaseCommitError(`cannot fetch the base commit ${commit} from origin to diff against: ${error.message}`);
    }
}
function baseEnvironments(root, config) {
    try {
        return { environments: loadConfig(config ? { root, config: path.join(root, config) } : { root }).environments };
    }
    catch (error) {
        if (!(error instanceof ConfigError))
            throw error;
        const environments = conventionEnvironments(root);
        if (environments)
            return { environments };
        return { environments: [], note: 'gitops.yaml at the base commit cannot be read' };
    }
}
function unified(name, before, after) {
    if (before === after)
        return { diff: '', added: 0, removed: 0 };
    const patch = unifiedPatch(`a/${name}`, `b/${name}`, before, after);
    let added = 0;
    let removed = 0;
    for (const line of patch.split('\n')) {
        if (line.startsWith('+') && !line.startsWith('+++'))
            added++;
        else if (line.startsWith('-') && !line.startsWith('---'))
            removed++;
    }
    return { diff: patch, added, removed };
}

;// CONCATENATED MODULE: ./packages/delivery/src/index.ts
// Changes to environments: deploy (and rollback) as commits with trailers, pushed without lost updates.













;// CONCATENATED MODULE: ./packages/github/src/client.ts
function githubClient(token, baseUrl) {
    let client;
    return () => {
        client ??= __webpack_require__.e(/* import() */ 918).then(__webpack_require__.bind(__webpack_require__, 1918)).then(({ getOctokit }) => getOctokit(token, { baseUrl: baseUrl.replace(/\/+$/, '') }));
        return client;
    };
}
function splitRepository(repository) {
    const [owner = '', repo = ''] = repository.split('/');
    return { owner, repo };
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
            throw new Error(`GitHub did not create the deployment: ${data.message ?? 'no id returned'}`);
        return data.id;
    }
    async status(repository, id, state, logUrl, description) {
        const { owner, repo } = splitRepository(repository);
        await (await this.client()).rest.repos.createDeploymentStatus({
            owner,
            repo,
            deployment_id: id,
            state,
            description: description.slice(0, 140),
            ...(logUrl ? { log_url: logUrl } : {}),
        });
    }
}

;// CONCATENATED MODULE: ./packages/github/src/pull-requests.ts
// Opens or updates the one pull request of a head branch, with labels and, when asked, auto-merge.

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
            await (await this.client()).graphql('mutation($id: ID!) { enablePullRequestAutoMerge(input: { pullRequestId: $id }) { pullRequest { number } } }', { id: pull.node_id });
        }
        return { url: pull.html_url, number: pull.number, created: !existing };
    }
}

;// CONCATENATED MODULE: ./actions/deploy/src/inputs.ts
// The deploy action's inputs, read and checked in one place before anything is cloned.


function getInputs() {
    const token = (0,src/* optionalInput */.$m)('token');
    if (token)
        core/* setSecret */.Pq(token);
    const apps = (0,src/* listInput */.dt)('app');
    if (apps.length === 0)
        throw new src/* ConfigurationError */.j1('input app is required');
    return {
        environment: (0,src/* requiredInput */.YF)('environment'),
        apps,
        image: (0,src/* requiredInput */.YF)('image'),
        repository: (0,src/* requiredInput */.YF)('repository'),
        branch: (0,src/* optionalInput */.$m)('branch'),
        token,
        via: (0,src/* choiceInput */.ij)('via', ['commit', 'pull-request']),
        dryRun: (0,src/* booleanInput */.tE)('dry-run'),
        config: (0,src/* requiredInput */.YF)('config'),
        committer: (0,src/* committerFrom */.lT)((0,src/* requiredInput */.YF)('committer'), 'committer'),
        allowOlder: (0,src/* booleanInput */.tE)('allow-older'),
        autoMerge: (0,src/* booleanInput */.tE)('auto-merge'),
        labels: (0,src/* listInput */.dt)('labels'),
        githubDeployment: (0,src/* booleanInput */.tE)('github-deployment'),
        pushAttempts: (0,src/* integerInput */.$A)('push-attempts', 1, 1000),
        pushTimeoutSeconds: (0,src/* integerInput */.$A)('push-timeout', 1, 3600),
    };
}

;// CONCATENATED MODULE: ./actions/deploy/src/source.ts
// Where the image comes from: the workflow's repository and commit, and when that commit was made.


function sourceCommit(env = process.env) {
    const repository = env.GITHUB_REPOSITORY;
    const sha = env.GITHUB_SHA;
    if (!repository || !sha)
        return undefined;
    return { id: `${repository}@${sha}`, time: commitTime(sha, env) };
}
/** The commit's committer time: from the checkout when there is one, else from the push event. */
function commitTime(sha, env) {
    try {
        const time = (0,external_node_child_process_.execFileSync)('git', ['show', '-s', '--format=%cI', sha], {
            cwd: env.GITHUB_WORKSPACE,
            encoding: 'utf8',
            stdio: ['ignore', 'pipe', 'ignore'],
            timeout: 10_000,
        }).trim();
        if (time)
            return new Date(time).toISOString();
    }
    catch {
        // No checkout of the source repository in this job: the event may still say.
    }
    try {
        const event = JSON.parse((0,external_node_fs_.readFileSync)(env.GITHUB_EVENT_PATH ?? '', 'utf8'));
        if (event.head_commit?.timestamp && (!event.head_commit.id || event.head_commit.id === sha)) {
            return new Date(event.head_commit.timestamp).toISOString();
        }
    }
    catch {
        // No event file.
    }
    return undefined;
}

;// CONCATENATED MODULE: ./actions/deploy/src/summary.ts
// The job summary: one row per app, and the diff.

async function writeSummary(environment, result, dryRun, serverUrl, repository) {
    const link = result.pullRequestUrl
        ? `<a href="${result.pullRequestUrl}">pull request</a>`
        : result.commit
            ? serverUrl && repository
                ? `<a href="${serverUrl}/${repository}/commit/${result.commit}">${result.commit.slice(0, 7)}</a>`
                : result.commit.slice(0, 7)
            : dryRun
                ? 'dry run'
                : '';
    const rows = result.apps.map((app) => [
        environment,
        app.app,
        app.previous ?? '(none)',
        app.skipped ? `${app.image} (${app.skipped})` : app.image,
        app.skipped ? '' : link,
    ]);
    core/* summary */.z.addHeading(`${dryRun ? 'Dry run: ' : ''}deploy to ${environment}`, 3).addTable([
        [
            { data: 'environment', header: true },
            { data: 'app', header: true },
            { data: 'from', header: true },
            { data: 'to', header: true },
            { data: 'change', header: true },
        ],
        ...rows,
    ]);
    if (result.diff)
        core/* summary */.z.addDetails('Diff', `\n\n\`\`\`diff\n${result.diff.trimEnd()}\n\`\`\`\n`);
    await core/* summary */.z.write();
}

;// CONCATENATED MODULE: ./actions/deploy/src/run.ts
// The deploy action: read inputs, call the engine, write outputs and the summary.











const userErrors = [errors_DeliveryError, git_src/* CheckoutError */.vd, git_src/* RemoteError */.Hi];
/** `early`: the clone of the config repository started before the action loaded (used if it is the right one). */
async function run(early) {
    const inputs = getInputs();
    const env = process.env;
    const serverUrl = env.GITHUB_SERVER_URL ?? 'https://github.com';
    const apiUrl = env.GITHUB_API_URL ?? 'https://api.github.com';
    const remote = (0,git_src/* resolveRemote */.Lb)(inputs.repository, serverUrl, inputs.token);
    if ((0,git_src/* needsToken */.pD)(remote.url) && !inputs.token) {
        throw new src/* ConfigurationError */.j1(`input token is required to push to ${remote.display}`);
    }
    const client = inputs.token ? githubClient(inputs.token, apiUrl) : undefined;
    const source = sourceCommit(env);
    const logger = (0,src/* actionLogger */.v0)('gitops deploy');
    const deployments = inputs.githubDeployment && !inputs.dryRun ? (client ? new GitHubDeployments(client) : undefined) : undefined;
    if (inputs.githubDeployment && !inputs.dryRun && !deployments)
        throw new src/* ConfigurationError */.j1('github-deployment needs a token');
    const deployment = deployments && env.GITHUB_REPOSITORY && env.GITHUB_SHA
        ? await deployments.create(env.GITHUB_REPOSITORY, env.GITHUB_SHA, inputs.environment, `gitops deploy of ${inputs.apps.join(', ')}`)
        : undefined;
    let result;
    const clone = await early?.claim(remote, inputs.branch);
    try {
        result = await deploy({
            remote,
            branch: inputs.branch,
            workdir: clone?.workdir ?? external_node_path_.join((0,external_node_fs_.mkdtempSync)(external_node_path_.join(env.RUNNER_TEMP ?? (0,external_node_os_.tmpdir)(), 'gitops-deploy-')), 'config'),
            cloning: clone?.checkout,
            config: inputs.config,
            environment: inputs.environment,
            apps: inputs.apps,
            image: inputs.image,
            via: inputs.via,
            dryRun: inputs.dryRun,
            allowOlder: inputs.allowOlder,
            committer: inputs.committer,
            source,
            runUrl: (0,src/* runUrl */.Vp)(env),
            retry: { ...defaultRetryPolicy, maxAttempts: inputs.pushAttempts, timeoutMs: inputs.pushTimeoutSeconds * 1000 },
            pullRequests: client ? new GitHubPullRequests(client) : undefined,
            pullRequest: { labels: inputs.labels, autoMerge: inputs.autoMerge },
            logger,
        });
    }
    catch (error) {
        if (deployment !== undefined && deployments && env.GITHUB_REPOSITORY) {
            await deployments.status(env.GITHUB_REPOSITORY, deployment, 'failure', (0,src/* runUrl */.Vp)(env), error.message);
        }
        throw error;
    }
    if (deployment !== undefined && deployments && env.GITHUB_REPOSITORY) {
        await deployments.status(env.GITHUB_REPOSITORY, deployment, 'success', (0,src/* runUrl */.Vp)(env), result.changed ? `deployed in ${result.commit?.slice(0, 7)}` : 'already deployed');
    }
    if (result.diff)
        await logger.group('Diff', async () => core/* info */.pq(result.diff));
    const single = inputs.apps.length === 1;
    const perApp = (pick) => single
        ? (pick(result.apps[0]) ?? '')
        : result.apps.map((app) => `${app.app}=${pick(app) ?? ''}`).join('\n');
    core/* setOutput */.uH('changed', String(result.changed));
    core/* setOutput */.uH('commit', result.commit ?? '');
    core/* setOutput */.uH('pull-request-url', result.pullRequestUrl ?? '');
    core/* setOutput */.uH('previous-image', perApp((app) => app.previous));
    core/* setOutput */.uH('image', perApp((app) => (app.skipped && app.skipped !== 'already deployed' ? app.previous : app.image)));
    const verdict = result.changed
        ? inputs.dryRun
            ? 'would change'
            : result.pullRequestUrl
                ? `pull request ${result.pullRequestUrl}`
                : `pushed ${result.commit} after ${result.attempts} attempt${result.attempts === 1 ? '' : 's'}`
        : 'nothing to change';
    core/* info */.pq(`deploy to ${inputs.environment}: ${verdict}`);
    await writeSummary(inputs.environment, result, inputs.dryRun, env.GITHUB_SERVER_URL, remote.githubRepository);
}


/***/ })

};
