// require-provenance: before a digest is written into an environment that requires it, a Sigstore attestation of
// its build provenance must verify, signed by a workflow of a repository the environment allows. Attestations are
// read where GitHub keeps them (the attestations API of each allowed repository, as `gh attestation verify` does)
// and beside the image in its registry (attestation-sources.ts).

import type { AppRecord } from '@gitops/audit';
import type { Environment } from '@gitops/config';
import { type ConfigCheckout, fileAt, fileAtProblem } from '@gitops/git';
import { type ImageRef, parseImageRef } from '@gitops/image-ref';
import type { ExpectedSigner, Provenance, TrustedRoot } from '@gitops/provenance';
import { type AttestationOptions, findAttestations } from './attestation-sources';
import { DeliveryError } from './errors';

/** Sigstore's verifier, loaded only where a rule asks for it: most deploys never need it. */
const sigstore = () => import('@gitops/provenance');

/** Where attestations are read: GitHub (with the change's token) and the image's registry. */
export type ProvenanceOptions = AttestationOptions;

/** Verifies that `image` (pinned by digest) may run as `app`; the signer's workflow, or a DeliveryError. */
export type ProvenanceGate = (app: string, image: string) => Promise<Provenance>;

/** The gate of `environment`, undefined when it requires no provenance. */
export function provenanceGate(
  environment: Environment,
  checkout: ConfigCheckout,
  options: ProvenanceOptions & {
    tempDir: string;
    /** Settles once the sparse checkout holds provenanceFiles(environment). */
    included: Promise<unknown>;
  },
): ProvenanceGate | undefined {
  const rule = environment.requireProvenance;
  if (!rule) return undefined;
  const refuse = (reason: string) =>
    new DeliveryError(
      `environment "${environment.name}" requires provenance (require-provenance), so nothing is written: ${reason}`,
      { kind: 'refused' },
    );
  let roots: Promise<TrustedRoot[]> | undefined;
  const trustedRoots = () => {
    roots ??= loadTrustedRoots(rule.trustedRoot, checkout, options);
    return roots;
  };
  const verified = new Map<string, Promise<Provenance>>();
  return (app, image) => {
    const ref = parseImageRef(image);
    const digest = ref.digest;
    // require-provenance implies require-digest: a digest is always there by now.
    if (!digest) return Promise.reject(refuse(`${app}: ${image} is not pinned by digest`));
    const key = `${app} ${digest}`;
    let verifying = verified.get(key);
    if (!verifying) {
      const repositories = rule.repositories.map((repository) =>
        repository.replaceAll('{app}', app).replaceAll('{env}', environment.name),
      );
      const expected = { repositories, ref: rule.ref, signerWorkflow: rule.signerWorkflow };
      verifying = provenanceOf({ options, image: ref, digest, expected, trustedRoots: trustedRoots() }, (error) =>
        refuse(`${app}: ${error.message}`),
      );
      verified.set(key, verifying);
    }
    return verifying;
  };
}

interface ProvenanceQuery {
  readonly options: ProvenanceOptions;
  readonly image: ImageRef;
  readonly digest: string;
  readonly expected: ExpectedSigner;
  readonly trustedRoots: Promise<TrustedRoot[]>;
}

/**
 * The provenance of `digest` from the first attestation that holds, of those GitHub keeps for the expected
 * repositories and those beside the image; the bundles, the trust roots and the verifier are loaded at once. When
 * nothing was found and a source could not be read, that failure is the answer; `refused` words the refusal of
 * what was read (deploy and promote name the environment's rule).
 */
async function provenanceOf(
  query: ProvenanceQuery,
  refused: (error: Error) => Error = (error) => error,
): Promise<Provenance> {
  const { digest, expected } = query;
  const [found, roots, { findProvenance }] = await Promise.all([
    findAttestations(query.options, { image: query.image, digest, repositories: expected.repositories }),
    query.trustedRoots,
    sigstore(),
  ]);
  const [failure] = found.failures;
  if (found.bundles.length === 0 && failure) throw failure;
  try {
    return findProvenance(found.bundles, digest, expected, roots, found.where);
  } catch (error) {
    throw refused(error as Error);
  }
}

/** The files of the config repository the gate reads: the environment's trusted roots, if it names a file. */
export function provenanceFiles(environment: Environment): string[] {
  const file = environment.requireProvenance?.trustedRoot;
  return file ? [file] : [];
}

/**
 * The environment's trusted-root file, else public-good Sigstore's through TUF. The file is read as Git holds it
 * at the commit being changed, never from the disk: a symbolic link is refused without reading where it points.
 */
async function loadTrustedRoots(
  file: string | undefined,
  checkout: ConfigCheckout,
  options: { tempDir: string; included: Promise<unknown> },
): Promise<TrustedRoot[]> {
  const { parseTrustedRoots, publicGoodTrustedRoot } = await sigstore();
  if (file === undefined) return [await publicGoodTrustedRoot(options.tempDir)];
  await options.included;
  const found = await fileAt(checkout, 'HEAD', file);
  if (found.kind !== 'file')
    throw new DeliveryError(`require-provenance trusted-root "${file}" ${fileAtProblem(found.kind)}`);
  return parseTrustedRoots(found.text, file);
}

/** The records with the workflow that vouches for each image; each is verified (once per digest) by `gate`. */
export async function withProvenance(
  records: readonly AppRecord[],
  gate: ProvenanceGate | undefined,
): Promise<readonly AppRecord[]> {
  if (!gate) return records;
  return Promise.all(
    records.map(async (record) => ({ ...record, provenance: (await gate(record.app, record.image)).workflow })),
  );
}

export interface VerifyImageRequest extends ProvenanceOptions {
  /** A reference pinned by digest: `ghcr.io/acme/web@sha256:…` (a tag may come with it). */
  readonly image: string;
  /** `owner/name` of the repositories whose workflows may have built it. */
  readonly repositories: readonly string[];
  readonly ref?: string | undefined;
  readonly signerWorkflow?: string | undefined;
  /** Sigstore trusted roots (JSON, one per line) and the name to give the file in errors; default: public-good's. */
  readonly trustedRoots?: { readonly text: string; readonly file: string } | undefined;
  /** Where public-good's trust root is cached. */
  readonly tempDir: string;
}

/** `gitops verify`: the provenance of one image, by the rule deploy and promote apply, without a config repository. */
export async function verifyImage(request: VerifyImageRequest): Promise<Provenance> {
  const image = parseImageRef(request.image);
  const digest = image.digest;
  if (!digest)
    throw new DeliveryError(`${request.image} is not pinned by digest: give IMAGE@sha256:…`, { subject: 'image' });
  const { trustedRoots } = request;
  const roots = sigstore().then(({ parseTrustedRoots, publicGoodTrustedRoot }) =>
    trustedRoots
      ? parseTrustedRoots(trustedRoots.text, trustedRoots.file)
      : publicGoodTrustedRoot(request.tempDir).then((root) => [root]),
  );
  const expected = { repositories: request.repositories, ref: request.ref, signerWorkflow: request.signerWorkflow };
  return provenanceOf({ options: request, image, digest, expected, trustedRoots: roots });
}
