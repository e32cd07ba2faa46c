// What refers to an image travels with it between registries: its signatures and attestations. They are found
// through the OCI referrers API where the source has it, else through its fallback tag (`sha256-<hex>`, the
// referrers tag schema), and through cosign's own tags (`sha256-<hex>.sig`, `.att`, `.sbom`) either way. At the
// destination, a referrer whose subject the registry does not index (no OCI-Subject in its answer) is listed
// in the destination's fallback tag, as the distribution spec asks of clients.
import type { RegistryClient } from './client';
import { sha256Digest } from './digest';
import { RegistryError } from './errors';
import { getManifest, type Manifest, mediaTypes, putManifest } from './manifests';
import { inParallel } from './parallel';
import { putBlob } from './upload';

export interface ReferrerEnd {
  readonly client: RegistryClient;
  readonly repository: string;
}

export interface Descriptor {
  readonly mediaType: string;
  readonly digest: string;
  readonly size: number;
  readonly artifactType?: string;
  readonly annotations?: Record<string, string>;
}

/** cosign's tag suffixes: signatures, attestations, SBOMs attached the old way. */
const cosignSuffixes = ['sig', 'att', 'sbom'] as const;

/** The tag a digest's referrers are listed under where a registry has no referrers API, and cosign's base. */
const fallbackTag = (digest: string) => digest.replace(':', '-');

/**
 * Copies every referrer of `digests` from `source` to `destination`; `copyContent` moves a referrer's blobs (and
 * children) first. Returns how many manifests were copied.
 */
export async function copyReferrers(
  source: ReferrerEnd,
  destination: ReferrerEnd,
  digests: readonly string[],
  copyContent: (manifest: Manifest) => Promise<void>,
): Promise<number> {
  let copied = 0;
  const copyOne = async (manifest: Manifest, tag: string | undefined) => {
    await copyContent(manifest);
    const stored = await putManifest(destination.client, destination.repository, tag ?? manifest.digest, manifest);
    copied++;
    return stored.indexedBySubject;
  };
  await inParallel(digests, 4, async (digest) => {
    const [referrers, tagged] = await Promise.all([
      listReferrers(source, digest),
      Promise.all(cosignSuffixes.map((suffix) => findManifest(source, `${fallbackTag(digest)}.${suffix}`))),
    ]);
    const unindexed: Descriptor[] = [];
    for (const descriptor of referrers) {
      const manifest = await getManifest(source.client, source.repository, descriptor.digest);
      if (!(await copyOne(manifest, undefined))) unindexed.push(descriptor);
    }
    if (unindexed.length) await addToFallbackTag(destination, digest, unindexed);
    for (const [index, manifest] of tagged.entries()) {
      if (manifest) await copyOne(manifest, `${fallbackTag(digest)}.${cosignSuffixes[index]}`);
    }
  });
  return copied;
}

/** The referrers the source lists for `digest`: by the referrers API, else by its fallback tag. */
export async function listReferrers(source: ReferrerEnd, digest: string): Promise<Descriptor[]> {
  const response = await source.client.request({
    method: 'GET',
    path: `/v2/${source.repository}/referrers/${digest}`,
    scope: `repository:${source.repository}:pull`,
    headers: { accept: mediaTypes.ociIndex },
    // Registries without the API answer all sorts (404, 405, 400, even 401 or 403 for a path they do not know):
    // any of them means "no API here", and the fallback tag is asked instead.
    accept: [400, 401, 403, 404, 405],
  });
  if (response.ok) {
    try {
      const index = (await response.json()) as { manifests?: Descriptor[] };
      if (Array.isArray(index.manifests)) return index.manifests;
    } catch {
      // not an index: as if there were no API
    }
  } else {
    await response.body?.cancel();
  }
  const tagged = await findManifest(source, fallbackTag(digest));
  return tagged ? listed(tagged) : [];
}

/** The descriptors an index lists; none for anything else that happens to carry the tag. */
function listed(manifest: Manifest): Descriptor[] {
  try {
    const manifests = (JSON.parse(Buffer.from(manifest.bytes).toString('utf8')) as { manifests?: unknown }).manifests;
    return Array.isArray(manifests) ? (manifests as Descriptor[]) : [];
  } catch {
    return [];
  }
}

export async function findManifest(end: ReferrerEnd, reference: string): Promise<Manifest | undefined> {
  try {
    return await getManifest(end.client, end.repository, reference);
  } catch (error) {
    if (error instanceof RegistryError && error.status === 404) return undefined;
    throw error;
  }
}

/** Adds descriptors to the destination's fallback tag index for `digest`, keeping what it already lists. */
async function addToFallbackTag(destination: ReferrerEnd, digest: string, descriptors: Descriptor[]): Promise<void> {
  const tag = fallbackTag(digest);
  const existing = await findManifest(destination, tag);
  const already = existing ? listed(existing) : [];
  const known = new Set(already.map((descriptor) => descriptor.digest));
  const added = descriptors.filter((descriptor) => !known.has(descriptor.digest));
  if (added.length === 0) return;
  const bytes = new Uint8Array(
    Buffer.from(
      JSON.stringify({ schemaVersion: 2, mediaType: mediaTypes.ociIndex, manifests: [...already, ...added] }),
    ),
  );
  await putManifest(destination.client, destination.repository, tag, {
    bytes,
    mediaType: mediaTypes.ociIndex,
    digest: sha256Digest(bytes),
  });
}

/** An artifact to attach to an image: a Sigstore bundle, say. */
export interface Artifact {
  readonly artifactType: string;
  /** The media type of its one layer, its content. */
  readonly mediaType: string;
  readonly bytes: Uint8Array;
  readonly annotations?: Readonly<Record<string, string>>;
}

/** OCI's empty descriptor content, the config of an artifact that needs none. */
const emptyConfig = new Uint8Array(Buffer.from('{}'));

/**
 * Pushes `artifact` as a referrer of the image `subjectDigest` (an OCI manifest with an empty config, the artifact as
 * its layer, the image as its subject), listed in the fallback tag where the registry does not index subjects, as
 * the distribution spec asks of clients. Returns the artifact manifest's digest.
 */
export async function attachArtifact(end: ReferrerEnd, subjectDigest: string, artifact: Artifact): Promise<string> {
  const subject = await getManifest(end.client, end.repository, subjectDigest);
  const content = { mediaType: artifact.mediaType, digest: sha256Digest(artifact.bytes), size: artifact.bytes.length };
  const config = { mediaType: 'application/vnd.oci.empty.v1+json', digest: sha256Digest(emptyConfig), size: 2 };
  await Promise.all([
    putBlob(end.client, end.repository, config.digest, emptyConfig),
    putBlob(end.client, end.repository, content.digest, artifact.bytes),
  ]);
  const bytes = new Uint8Array(
    Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: mediaTypes.ociManifest,
        artifactType: artifact.artifactType,
        config,
        layers: [content],
        subject: { mediaType: subject.mediaType, digest: subject.digest, size: subject.bytes.length },
        ...(artifact.annotations ? { annotations: artifact.annotations } : {}),
      }),
    ),
  );
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
