// push-registry with attest: publish the image, then sign its build provenance and keep the attestation where
// deploy and promote look for it (GitHub's attestations API of the building repository) and, optionally, beside
// the image in each registry as an OCI referrer, so it travels with the image.
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { StoreResult } from '@gitops/github';
import { parseImageRef } from '@gitops/image-ref';
import { type SigstoreEndpoints, slsaProvenanceType } from '@gitops/provenance/endpoints';
import {
  attachArtifact,
  credentialsWithLogin,
  type PublishRequest,
  type PublishResult,
  publishImage,
  RegistryClient,
} from '@gitops/registry';

export interface AttestOptions {
  /** The job's OIDC token for audience `sigstore` (needs `id-token: write`). */
  readonly identityToken: () => Promise<string>;
  readonly endpoints: SigstoreEndpoints;
  /** The GitHub server the workflow runs on. */
  readonly serverUrl: string;
  /** Where the attestation is stored (needs `attestations: write`); undefined: not stored with GitHub. */
  readonly github: { readonly token: string; readonly apiUrl: string } | undefined;
  /** Also push the bundle to each destination repository, as a referrer of the image. */
  readonly referrer: boolean;
  /** Where the bundle is written as a file. */
  readonly bundleDir: string;
}

export interface AttestationResult {
  /** The repository whose workflow signed, where GitHub keeps the attestation. */
  readonly repository: string;
  /** GitHub's id of the stored attestation, and its page; undefined when not stored with GitHub. */
  readonly id: number | undefined;
  readonly url: string | undefined;
  readonly bundlePath: string;
  /** Each destination repository's referrer: `registry/repository@sha256:…`. */
  readonly referrers: readonly string[];
}

export interface PublishAttestedResult extends PublishResult {
  readonly attestation: AttestationResult | undefined;
}

const bundleMediaType = 'application/vnd.dev.sigstore.bundle.v0.3+json';

export async function publishAttested(
  request: PublishRequest & { readonly attest?: AttestOptions | undefined },
): Promise<PublishAttestedResult> {
  const published = await publishImage(request);
  const options = request.attest;
  if (!options) return { ...published, attestation: undefined };
  // One subject per repository the image went to (tags aside): the names a verifier may look it up by.
  const names = new Map<string, { registry: string; repository: string }>();
  for (const image of published.images) {
    const ref = parseImageRef(image.reference);
    names.set(`${ref.registry}/${ref.repository}`, { registry: ref.registry, repository: ref.repository });
  }
  // Sigstore's client and Octokit are loaded only here: a push that does not attest starts without them.
  const { attestBuildProvenance } = await import('@gitops/provenance/attest');
  const attestation = await request.logger.group(`Attest the build provenance of ${published.digest}`, async () =>
    attestBuildProvenance({
      subjects: [...names.keys()].map((name) => ({ name, digest: published.digest })),
      identityToken: await options.identityToken(),
      endpoints: options.endpoints,
      serverUrl: options.serverUrl,
    }),
  );
  const bundlePath = path.join(options.bundleDir, `attestation-${published.digest.replace(':', '-')}.sigstore.json`);
  writeFileSync(bundlePath, `${JSON.stringify(attestation.bundle)}\n`);
  const stored = options.github ? await storeWithGitHub(request, options.github, attestation) : undefined;
  // Where GitHub keeps none, the registry is where deploy and promote find it: attached there whatever was asked.
  const beside = options.referrer || stored?.stored === false;
  const referrers = beside
    ? await attachBeside({ request, names, digest: published.digest, bundle: attestation.bundle })
    : [];
  const id = stored?.stored ? stored.id : undefined;
  return {
    ...published,
    attestation: {
      repository: attestation.repository,
      id,
      url:
        id === undefined
          ? undefined
          : `${options.serverUrl.replace(/\/+$/, '')}/${attestation.repository}/attestations/${id}`,
      bundlePath,
      referrers,
    },
  };
}

/** Stores the bundle with GitHub; where its plan or server keeps none, one warning says so and the job goes on. */
async function storeWithGitHub(
  request: PublishRequest,
  github: { readonly token: string; readonly apiUrl: string },
  attestation: { readonly repository: string; readonly bundle: unknown },
): Promise<StoreResult> {
  const { GitHubAttestations } = await import('@gitops/github');
  const stored = await new GitHubAttestations(github.token, github.apiUrl).store(
    attestation.repository,
    attestation.bundle,
  );
  if (stored.stored) request.logger.info(`stored the attestation in ${attestation.repository} (id ${stored.id})`);
  else
    request.logger.warning(
      `GitHub stores no attestation for ${attestation.repository} (${stored.reason}): GitHub keeps attestations of private repositories only on Enterprise Cloud, and GitHub Enterprise Server keeps none. The attestation is stored beside the image in the registry instead, where require-provenance reads it (docs/provenance.md)`,
    );
  return stored;
}

/** Attaches the bundle to the image in each repository it went to (OCI referrers); their references. */
async function attachBeside(input: {
  readonly request: PublishRequest;
  readonly names: ReadonlyMap<string, { registry: string; repository: string }>;
  readonly digest: string;
  readonly bundle: unknown;
}): Promise<string[]> {
  const { request, names } = input;
  const credentials = credentialsWithLogin(
    request.destinationLogin,
    [...names.values()].map((name) => name.registry),
    request.credentials.destination,
  );
  const referrers: string[] = [];
  for (const [key, name] of names) {
    const client = new RegistryClient(name.registry, {
      credentials: credentials(name.registry),
      attempts: request.attempts,
      insecureRegistries: request.insecureRegistries,
    });
    const digest = await attachArtifact({ client, repository: name.repository }, input.digest, {
      artifactType: bundleMediaType,
      mediaType: bundleMediaType,
      bytes: new Uint8Array(Buffer.from(JSON.stringify(input.bundle))),
      annotations: {
        'dev.sigstore.bundle.content': 'dsse-envelope',
        'dev.sigstore.bundle.predicateType': slsaProvenanceType,
      },
    });
    referrers.push(`${key}@${digest}`);
  }
  return referrers;
}
