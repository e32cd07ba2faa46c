export const id = 127;
export const ids = [127];
export const modules = {

/***/ 9127:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   attestBuildProvenance: () => (/* binding */ attestBuildProvenance)
/* harmony export */ });
/* harmony import */ var _gitops_errors__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4035);
/* harmony import */ var _sigstore_bundle__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5756);
/* harmony import */ var _sigstore_sign__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6537);
/* harmony import */ var _endpoints__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9030);
// Attesting what a workflow built: an in-toto statement of SLSA build provenance about the image's digest, in the
// form actions/attest-build-provenance writes (GitHub's workflow build type, its parameters taken from the job's
// OIDC token), signed keylessly: Fulcio certifies a throwaway key for the workflow's identity, and Rekor logs
// the signature (public-good Sigstore) or a timestamp authority countersigns it (GitHub's own Sigstore).




const githubWorkflowBuildType = 'https://actions.github.io/buildtypes/workflow/v1';
/** The claims of a GitHub Actions OIDC token that the provenance is made of. */
const requiredClaims = [
    'iss',
    'ref',
    'sha',
    'repository',
    'event_name',
    'job_workflow_ref',
    'workflow_ref',
    'repository_id',
    'repository_owner_id',
    'runner_environment',
    'run_id',
    'run_attempt',
];
/** Signs the build provenance of `subjects`; the bundle, its statement and the signing repository. */
async function attestBuildProvenance(request) {
    const claims = tokenClaims(request.identityToken);
    const statement = {
        _type: 'https://in-toto.io/Statement/v1',
        subject: request.subjects.map(({ name, digest }) => {
            const [algorithm = '', hex = ''] = digest.split(':');
            return { name, digest: { [algorithm]: hex } };
        }),
        predicateType: _endpoints__WEBPACK_IMPORTED_MODULE_3__/* .slsaProvenanceType */ .pc,
        predicate: provenancePredicate(claims, request.serverUrl.replace(/\/+$/, '')),
    };
    const timeout = request.timeoutMs ?? 30_000;
    const witnesses = [];
    if (request.endpoints.rekorUrl)
        witnesses.push(new _sigstore_sign__WEBPACK_IMPORTED_MODULE_2__/* .RekorWitness */ .fU({ rekorBaseURL: request.endpoints.rekorUrl, fetchOnConflict: true, timeout }));
    if (request.endpoints.tsaUrl)
        witnesses.push(new _sigstore_sign__WEBPACK_IMPORTED_MODULE_2__/* .TSAWitness */ .gs({ tsaBaseURL: request.endpoints.tsaUrl, timeout }));
    const builder = new _sigstore_sign__WEBPACK_IMPORTED_MODULE_2__/* .DSSEBundleBuilder */ .VV({
        signer: new _sigstore_sign__WEBPACK_IMPORTED_MODULE_2__/* .FulcioSigner */ .$o({
            fulcioBaseURL: request.endpoints.fulcioUrl,
            identityProvider: { getToken: async () => request.identityToken },
            timeout,
        }),
        witnesses,
    });
    try {
        const bundle = await builder.create({
            data: Buffer.from(JSON.stringify(statement)),
            type: 'application/vnd.in-toto+json',
        });
        return { bundle: (0,_sigstore_bundle__WEBPACK_IMPORTED_MODULE_1__.bundleToJSON)(bundle), statement, repository: claims.repository };
    }
    catch (error) {
        const cause = error.cause;
        throw new _gitops_errors__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`signing the provenance of ${request.subjects.map((subject) => subject.digest).join(', ')} with Sigstore (${request.endpoints.fulcioUrl}) failed: ${error.message}${cause ? `: ${cause.message}` : ''}`);
    }
}
/**
 * SLSA provenance of a GitHub Actions workflow run, with the fields and values actions/attest-build-provenance
 * gives it, so that `gh attestation verify` and policies written for GitHub's attestations read ours alike.
 */
function provenancePredicate(claims, serverUrl) {
    const workflowPath = claims.workflow_ref.slice(claims.repository.length + 1).split('@')[0];
    return {
        buildDefinition: {
            buildType: githubWorkflowBuildType,
            externalParameters: {
                workflow: { ref: claims.ref, repository: `${serverUrl}/${claims.repository}`, path: workflowPath },
            },
            internalParameters: {
                github: {
                    event_name: claims.event_name,
                    repository_id: claims.repository_id,
                    repository_owner_id: claims.repository_owner_id,
                    runner_environment: claims.runner_environment,
                },
            },
            resolvedDependencies: [
                { uri: `git+${serverUrl}/${claims.repository}@${claims.ref}`, digest: { gitCommit: claims.sha } },
            ],
        },
        runDetails: {
            builder: { id: `${serverUrl}/${claims.job_workflow_ref}` },
            metadata: {
                invocationId: `${serverUrl}/${claims.repository}/actions/runs/${claims.run_id}/attempts/${claims.run_attempt}`,
            },
        },
    };
}
/** The token's claims, unverified: it came from the runner, and Fulcio verifies it before certifying anything. */
function tokenClaims(token) {
    let claims;
    try {
        claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
    }
    catch {
        throw new _gitops_errors__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo("the workflow's OIDC token is not a JWT");
    }
    const missing = requiredClaims.filter((claim) => claims[claim] === undefined);
    if (missing.length)
        throw new _gitops_errors__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`the workflow's OIDC token lacks the claims ${missing.join(', ')}; is it GitHub Actions'?`);
    return Object.fromEntries(requiredClaims.map((claim) => [claim, String(claims[claim])]));
}


/***/ })

};
