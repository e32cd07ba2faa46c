export const id = 450;
export const ids = [450];
export const modules = {

/***/ 40450:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  findProvenance: () => (/* reexport */ findProvenance),
  parseTrustedRoots: () => (/* reexport */ parseTrustedRoots),
  publicGoodTrustedRoot: () => (/* reexport */ publicGoodTrustedRoot),
  verifyProvenance: () => (/* reexport */ verifyProvenance)
});

// EXTERNAL MODULE: ./packages/errors/src/index.ts + 2 modules
var src = __webpack_require__(74035);
// EXTERNAL MODULE: ./node_modules/.pnpm/@sigstore+bundle@4.0.0/node_modules/@sigstore/bundle/dist/index.js
var dist = __webpack_require__(85756);
// EXTERNAL MODULE: ./node_modules/.pnpm/@sigstore+core@3.2.1/node_modules/@sigstore/core/dist/index.js
var core_dist = __webpack_require__(2808);
// EXTERNAL MODULE: ./node_modules/.pnpm/@sigstore+verify@3.1.1/node_modules/@sigstore/verify/dist/index.js
var verify_dist = __webpack_require__(92379);
;// CONCATENATED MODULE: ./packages/provenance/src/verify.ts
// Verifying a Sigstore bundle that attests an image digest: the signature and its certificate against a trust
// root (Fulcio's CA, Rekor's log, the CT log), the digest among the in-toto statement's subjects, and the
// source the image was built from: the repository and ref Fulcio wrote into the certificate from the job's token.
// For a reusable workflow the certificate's subject is the shared workflow (org/shared/.github/workflows/build.yml),
// not the repository that called it, so the rule is held against the source extensions; `signerWorkflow` pins the
// workflow itself, as `gh attestation verify --signer-workflow` does.




/** GitHub Actions' OIDC issuer: the only one whose certificates name a workflow. */
const githubActionsIssuer = 'https://token.actions.githubusercontent.com';
/**
 * Verifies `bundle` (its JSON) for `digest` (`sha256:<hex>`) against `trustedRoots` (any one may vouch for it), and
 * that its signer is a workflow `expected` allows. Throws a UserError naming the digest, the identity found and
 * the identity expected.
 */
function verifyProvenance(bundle, digest, expected, trustedRoots) {
    const parsed = parseBundle(bundle, digest);
    const statement = statementOf(parsed, digest);
    const identity = verifiedIdentity(parsed, digest, trustedRoots);
    const workflow = workflowOf(identity?.subjectAlternativeName);
    const wanted = describeExpected(expected);
    if (identity?.extensions?.issuer !== githubActionsIssuer || !workflow)
        throw new src/* UserError */.yo(`${digest} is attested by ${identity?.subjectAlternativeName ?? 'an unnamed signer'} (issuer ${identity?.extensions?.issuer ?? 'none'}), not by a GitHub Actions workflow; expected ${wanted}`);
    const source = sourceOf(parsed);
    if (!source)
        throw new src/* UserError */.yo(`${digest} is attested by ${workflow.name}, whose certificate names no source repository; expected ${wanted}`);
    const signer = source.repository.toLowerCase() === workflow.repository.toLowerCase() && source.ref === workflow.ref
        ? workflow.name
        : `${workflow.name} (built from ${source.repository}@${source.ref})`;
    const repositories = expected.repositories.map((repository) => repository.toLowerCase());
    if (!repositories.includes(source.repository.toLowerCase()) ||
        (expected.ref !== undefined && source.ref !== expected.ref) ||
        !signedBy(workflow.name, expected.signerWorkflow))
        throw new src/* UserError */.yo(`${digest} is attested by ${signer}; expected ${wanted}`);
    return {
        workflow: workflow.name,
        repository: source.repository,
        ref: source.ref,
        commit: source.commit,
        predicateType: statement.predicateType,
    };
}
/** Whether `workflow` (`owner/repo/path@ref`) is the one `expected` names, with or without its ref. */
function signedBy(workflow, expected) {
    if (expected === undefined)
        return true;
    return expected.includes('@') ? workflow === expected : workflow.startsWith(`${expected}@`);
}
/** Fulcio's extensions for what was built (docs: sigstore/fulcio oid-info.md), with the legacy ones as fallback. */
const sourceRepositoryUri = '1.3.6.1.4.1.57264.1.12';
const sourceRepositoryDigest = '1.3.6.1.4.1.57264.1.13';
const sourceRepositoryRef = '1.3.6.1.4.1.57264.1.14';
const legacyRepository = '1.3.6.1.4.1.57264.1.5';
const legacyRef = '1.3.6.1.4.1.57264.1.6';
const legacySha = '1.3.6.1.4.1.57264.1.3';
/** The repository, ref and commit the signing certificate says were built; undefined when it says none. */
function sourceOf(bundle) {
    const material = bundle.verificationMaterial.content;
    const raw = material.$case === 'certificate'
        ? material.certificate.rawBytes
        : material.$case === 'x509CertificateChain'
            ? material.x509CertificateChain.certificates[0]?.rawBytes
            : undefined;
    if (!raw)
        return undefined;
    const certificate = core_dist.X509Certificate.parse(Buffer.from(raw));
    // The newer extensions hold a DER UTF8String; the legacy ones the raw text.
    const text = (oid) => certificate.extension(oid)?.valueObj.subs?.[0]?.value.toString('utf8');
    const legacy = (oid) => certificate.extension(oid)?.value.toString('utf8');
    const uri = text(sourceRepositoryUri);
    const repository = uri?.startsWith('https://github.com/')
        ? uri.slice('https://github.com/'.length)
        : legacy(legacyRepository);
    const ref = text(sourceRepositoryRef) ?? legacy(legacyRef);
    if (!repository || !ref)
        return undefined;
    return { repository, ref, commit: text(sourceRepositoryDigest) ?? legacy(legacySha) };
}
/** `a workflow of acme/web on refs/heads/main`, `a workflow of acme/web or acme/api` */
function describeExpected(expected) {
    const signer = expected.signerWorkflow ? `, signed by ${expected.signerWorkflow}` : '';
    return `a workflow of ${expected.repositories.join(' or ')}${expected.ref ? ` on ${expected.ref}` : ''}${signer}`;
}
/**
 * The signer, once the signature, certificate chain and the log's or timestamp authority's word check out against
 * one of the roots. Public-good Sigstore logs every signature in Rekor; GitHub's own Sigstore (private
 * repositories) logs nothing and timestamps instead: what the bundle carries decides what is required of it.
 */
function verifiedIdentity(bundle, digest, trustedRoots) {
    const material = bundle.verificationMaterial;
    const logged = material.tlogEntries.length > 0;
    const timestamped = (material.timestampVerificationData?.rfc3161Timestamps.length ?? 0) > 0;
    // Without either, nothing says the short-lived certificate was valid when it signed.
    if (!logged && !timestamped)
        throw new src/* UserError */.yo(`the attestation of ${digest} carries neither a transparency log entry nor a timestamp`);
    let failure;
    for (const root of trustedRoots) {
        const verifier = new verify_dist/* Verifier */.BL((0,verify_dist/* toTrustMaterial */.jO)(root), {
            tlogThreshold: logged ? 1 : 0,
            tsaThreshold: timestamped ? 1 : 0,
            ctlogThreshold: root.ctlogs.length > 0 ? 1 : 0,
        });
        try {
            return verifier.verify((0,verify_dist/* toSignedEntity */.DC)(bundle)).identity;
        }
        catch (error) {
            failure ??= error;
        }
    }
    const code = failure?.code;
    throw new src/* UserError */.yo(`the attestation of ${digest} does not verify${code ? ` (${code})` : ''}: ${failure?.message ?? 'no trusted root was given'}`);
}
function parseBundle(bundle, digest) {
    try {
        return (0,dist/* bundleFromJSON */.vw)(bundle);
    }
    catch (error) {
        throw new src/* UserError */.yo(`the attestation of ${digest} is not a Sigstore bundle: ${error.message}`);
    }
}
/** The in-toto statement the bundle signs, which must name `digest` among its subjects. */
function statementOf(bundle, digest) {
    const envelope = bundle.content.$case === 'dsseEnvelope' &&
        bundle.content.dsseEnvelope.payloadType === 'application/vnd.in-toto+json'
        ? bundle.content.dsseEnvelope
        : undefined;
    if (!envelope)
        throw new src/* UserError */.yo(`the attestation of ${digest} is not an in-toto statement (a DSSE envelope)`);
    let statement;
    try {
        statement = JSON.parse(envelope.payload.toString('utf8'));
    }
    catch {
        throw new src/* UserError */.yo(`the attestation of ${digest} holds a statement that is not JSON`);
    }
    const [algorithm, hex] = digest.split(':');
    const subjects = (statement.subject ?? []).map((subject) => subject.digest?.[algorithm ?? ''] ?? '');
    if (!subjects.includes(hex ?? ''))
        throw new src/* UserError */.yo(`the attestation is not about ${digest}: its subjects are ${subjects.map((s) => `${algorithm}:${s.slice(0, 12)}…`).join(', ') || 'none'}`);
    return { predicateType: statement.predicateType ?? '' };
}
/** `https://github.com/<owner>/<repo>/.github/workflows/<file>@<ref>` → its parts; undefined for anything else. */
function workflowOf(san) {
    const match = /^https:\/\/github\.com\/(([^/]+\/[^/]+)\/\.github\/workflows\/[^@]+)@(.+)$/.exec(san ?? '');
    if (!match)
        return undefined;
    return { name: `${match[1]}@${match[3]}`, repository: match[2], ref: match[3] };
}

;// CONCATENATED MODULE: ./packages/provenance/src/find.ts
// Of the bundles stored for a digest, the one that proves it: each is verified in turn, newest first.


/**
 * The provenance of `digest` from the first of `bundles` that verifies. None: a UserError that names the digest,
 * what was found and what was expected; with several refused bundles, each one's reason.
 */
function findProvenance(bundles, digest, expected, trustedRoots, where) {
    if (bundles.length === 0)
        throw new src/* UserError */.yo(`${digest} has no attestation in ${where}; expected one signed by ${describeExpected(expected)}`);
    const reasons = [];
    for (const bundle of bundles) {
        try {
            return verifyProvenance(bundle, digest, expected, trustedRoots);
        }
        catch (error) {
            if (!(error instanceof src/* UserError */.yo))
                throw error;
            reasons.push(error.message);
        }
    }
    if (reasons.length === 1)
        throw new src/* UserError */.yo(reasons[0]);
    throw new src/* UserError */.yo(`none of the ${reasons.length} attestations of ${digest} in ${where} holds: ${reasons.join('; ')}`);
}

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./node_modules/.pnpm/@sigstore+protobuf-specs@0.5.2/node_modules/@sigstore/protobuf-specs/dist/index.js
var protobuf_specs_dist = __webpack_require__(21443);
;// CONCATENATED MODULE: ./packages/provenance/src/trusted-roots.ts
// The Sigstore trust roots a signature is checked against: a file of the config repository (what
// `gh attestation trusted-root` prints: one TrustedRoot JSON per line, GitHub's own Sigstore among them), or
// public-good Sigstore's, brought up to date through its TUF repository as `gh` and `cosign` do.



/** Trusted roots from a file's text: one JSON document, or one per line. `file` names it in errors. */
function parseTrustedRoots(text, file) {
    const documents = text.trim().startsWith('[')
        ? [{ line: 1, text }]
        : text
            .split('\n')
            .map((line, index) => ({ line: index + 1, text: line }))
            .filter((entry) => entry.text.trim() !== '');
    // A pretty-printed document spans lines: read the whole text as one when a line alone is not JSON.
    const whole = documents.length > 1 && !isJson(documents[0]?.text ?? '') ? [{ line: 1, text }] : documents;
    const roots = whole.flatMap(({ line, text: json }) => {
        let value;
        try {
            value = JSON.parse(json);
        }
        catch {
            // Not the parser's message: it quotes the text, and the file may hold anything.
            throw new src/* UserError */.yo(`${file}:${line}: not JSON (one Sigstore trusted root per line, as gh attestation trusted-root prints)`);
        }
        return (Array.isArray(value) ? value : [value]).map((root) => {
            let parsed;
            try {
                parsed = protobuf_specs_dist.TrustedRoot.fromJSON(root);
            }
            catch {
                throw new src/* UserError */.yo(`${file}:${line}: not a Sigstore trusted root`);
            }
            if (!(parsed.certificateAuthorities.length > 0))
                throw new src/* UserError */.yo(`${file}:${line}: not a Sigstore trusted root: it names no certificate authority`);
            return parsed;
        });
    });
    if (roots.length === 0)
        throw new src/* UserError */.yo(`${file}: holds no Sigstore trusted root`);
    return roots;
}
function isJson(text) {
    try {
        JSON.parse(text);
        return true;
    }
    catch {
        return false;
    }
}
/**
 * Public-good Sigstore's trust root, through its TUF repository (the root of trust ships with @sigstore/tuf), kept
 * under `cacheDir`. Loaded only when needed: the TUF client and its HTTP stack are most of the cost.
 */
async function publicGoodTrustedRoot(cacheDir) {
    const { getTrustedRoot } = await Promise.all(/* import() */[__webpack_require__.e(595), __webpack_require__.e(380)]).then(__webpack_require__.bind(__webpack_require__, 3742));
    try {
        return await getTrustedRoot({ cachePath: external_node_path_.join(cacheDir, 'sigstore-tuf'), retry: 2, timeout: 30_000 });
    }
    catch (error) {
        throw new src/* UserError */.yo(`cannot read public-good Sigstore's trust root from its TUF repository (https://tuf-repo-cdn.sigstore.dev): ${error.message}; give the trusted roots as a file instead (require-provenance's trusted-root, or gitops verify --trusted-root)`);
    }
}

;// CONCATENATED MODULE: ./packages/provenance/src/index.ts
// Trust in images: Sigstore attestations of build provenance, verified before a digest is written. Signing them
// (@gitops/provenance/attest) is apart: a deploy that verifies loads none of it.





/***/ })

};
