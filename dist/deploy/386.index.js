export const id = 386;
export const ids = [386];
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


/***/ })

};
