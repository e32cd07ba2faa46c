// Where require-provenance finds the attestations of a digest: GitHub's attestations API of each allowed
// repository (as `gh attestation verify` reads them), and beside the image in its registry (the OCI referrers that
// push-registry attaches; the only place they live where GitHub stores none: private repositories outside
// Enterprise Cloud, GitHub Enterprise Server). Either source is enough. Every bundle found is verified the same
// way, so where a bundle came from decides nothing: a registry anyone can push to adds candidates, never trust.
import { GitHubAttestations } from '@gitops/github';
import type { ImageRef } from '@gitops/image-ref';
import { type Credentials, RegistryClient, readAttached } from '@gitops/registry';

/** How registries are reached: credentials per host, and hosts spoken to over plain HTTP. */
export interface RegistryAccess {
  readonly credentials: (registry: string) => Credentials | undefined;
  readonly insecureRegistries: readonly string[];
}

/** The stored Sigstore bundles of `digest` in `repository` (owner/name), newest first. */
export type AttestationReader = (repository: string, digest: string) => Promise<readonly unknown[]>;

export interface AttestationOptions {
  /** Where GitHub's attestations are read; default: GitHub's attestations API, with `token`. */
  readonly attestations?: AttestationReader | undefined;
  readonly token?: string | undefined;
  readonly apiUrl?: string | undefined;
  /** How the image's registry is read; default: anonymously. */
  readonly registry?: RegistryAccess | undefined;
}

export interface FoundAttestations {
  readonly bundles: readonly unknown[];
  /** Where they were looked for, in words, for a refusal. */
  readonly where: string;
  /** Why a source could not be read; what was read from the other still counts. */
  readonly failures: readonly Error[];
}

const bundleType = 'application/vnd.dev.sigstore.bundle.v0.3+json';
/** A Sigstore bundle is a few KiB; an image has a handful. Far above both, far below what hurts a runner. */
const attachedLimits = { artifactType: bundleType, max: 32, maxBytes: 1024 * 1024 };

/** GitHub's reader: the one given, else the API with the token; undefined with neither. */
export function githubReader(options: AttestationOptions): AttestationReader | undefined {
  if (options.attestations) return options.attestations;
  if (!options.token) return undefined;
  const api = new GitHubAttestations(options.token, options.apiUrl ?? 'https://api.github.com');
  return (repository, digest) => api.list(repository, digest);
}

/** The bundles of `digest` from GitHub (each of `repositories`) and from beside `image`, read at once. */
export async function findAttestations(
  options: AttestationOptions,
  query: { readonly image: ImageRef; readonly digest: string; readonly repositories: readonly string[] },
): Promise<FoundAttestations> {
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

async function registryBundles(access: RegistryAccess | undefined, image: ImageRef, digest: string) {
  const client = new RegistryClient(image.registry, {
    credentials: access?.credentials(image.registry),
    insecureRegistries: access?.insecureRegistries ?? [],
    attempts: 3,
    timeoutMs: 60_000,
  });
  const contents = await readAttached({ client, repository: image.repository }, digest, attachedLimits);
  // Text that is not JSON is no bundle; the verifier judges the rest.
  return contents.flatMap((text) => {
    try {
      return [JSON.parse(text) as unknown];
    } catch {
      return [];
    }
  });
}

const toError = (reason: unknown) => (reason instanceof Error ? reason : new Error(String(reason)));
