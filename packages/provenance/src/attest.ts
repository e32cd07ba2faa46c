// Attesting what a workflow built: an in-toto statement of SLSA build provenance about the image's digest, in the
// form actions/attest-build-provenance writes (GitHub's workflow build type, its parameters taken from the job's
// OIDC token), signed keylessly: Fulcio certifies a throwaway key for the workflow's identity, and Rekor logs
// the signature (public-good Sigstore) or a timestamp authority countersigns it (GitHub's own Sigstore).
import { UserError } from '@gitops/errors';
import { bundleToJSON } from '@sigstore/bundle';
import { DSSEBundleBuilder, FulcioSigner, RekorWitness, TSAWitness, type Witness } from '@sigstore/sign';
import { type SigstoreEndpoints, slsaProvenanceType } from './endpoints';

const githubWorkflowBuildType = 'https://actions.github.io/buildtypes/workflow/v1';

export interface AttestRequest {
  /** The image: its name (`ghcr.io/acme/web`, no tag) and digest (`sha256:<hex>`). */
  readonly subjects: readonly { readonly name: string; readonly digest: string }[];
  /** The job's OIDC token for audience `sigstore`: Fulcio certifies its identity, the predicate is made from it. */
  readonly identityToken: string;
  readonly endpoints: SigstoreEndpoints;
  /** The GitHub server the workflow ran on (https://github.com). */
  readonly serverUrl: string;
  readonly timeoutMs?: number | undefined;
}

export interface Attestation {
  /** The Sigstore bundle (v0.3 JSON), to store with GitHub and beside the image. */
  readonly bundle: unknown;
  readonly statement: InTotoStatement;
  /** The repository (owner/name) whose workflow signed: where GitHub keeps the attestation. */
  readonly repository: string;
}

export interface InTotoStatement {
  readonly _type: 'https://in-toto.io/Statement/v1';
  readonly subject: { name: string; digest: Record<string, string> }[];
  readonly predicateType: string;
  readonly predicate: Record<string, unknown>;
}

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
] as const;
type Claims = Record<(typeof requiredClaims)[number], string>;

/** Signs the build provenance of `subjects`; the bundle, its statement and the signing repository. */
export async function attestBuildProvenance(request: AttestRequest): Promise<Attestation> {
  const claims = tokenClaims(request.identityToken);
  const statement: InTotoStatement = {
    _type: 'https://in-toto.io/Statement/v1',
    subject: request.subjects.map(({ name, digest }) => {
      const [algorithm = '', hex = ''] = digest.split(':');
      return { name, digest: { [algorithm]: hex } };
    }),
    predicateType: slsaProvenanceType,
    predicate: provenancePredicate(claims, request.serverUrl.replace(/\/+$/, '')),
  };
  const timeout = request.timeoutMs ?? 30_000;
  const witnesses: Witness[] = [];
  if (request.endpoints.rekorUrl)
    witnesses.push(new RekorWitness({ rekorBaseURL: request.endpoints.rekorUrl, fetchOnConflict: true, timeout }));
  if (request.endpoints.tsaUrl) witnesses.push(new TSAWitness({ tsaBaseURL: request.endpoints.tsaUrl, timeout }));
  const builder = new DSSEBundleBuilder({
    signer: new FulcioSigner({
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
    return { bundle: bundleToJSON(bundle), statement, repository: claims.repository };
  } catch (error) {
    const cause = (error as { cause?: Error }).cause;
    throw new UserError(
      `signing the provenance of ${request.subjects.map((subject) => subject.digest).join(', ')} with Sigstore (${request.endpoints.fulcioUrl}) failed: ${(error as Error).message}${cause ? `: ${cause.message}` : ''}`,
    );
  }
}

/**
 * SLSA provenance of a GitHub Actions workflow run, with the fields and values actions/attest-build-provenance
 * gives it, so that `gh attestation verify` and policies written for GitHub's attestations read ours alike.
 */
function provenancePredicate(claims: Claims, serverUrl: string): Record<string, unknown> {
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
function tokenClaims(token: string): Claims {
  let claims: Record<string, unknown>;
  try {
    claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
  } catch {
    throw new UserError("the workflow's OIDC token is not a JWT");
  }
  const missing = requiredClaims.filter((claim) => claims[claim] === undefined);
  if (missing.length)
    throw new UserError(`the workflow's OIDC token lacks the claims ${missing.join(', ')}; is it GitHub Actions'?`);
  return Object.fromEntries(requiredClaims.map((claim) => [claim, String(claims[claim])])) as Claims;
}
