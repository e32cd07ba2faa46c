// Artifacts attached to an image read back: the Sigstore bundles push-registry attaches as OCI referrers, which
// require-provenance verifies where GitHub keeps no attestation (private repositories outside Enterprise Cloud,
// GitHub Enterprise Server). A registry's answers are untrusted: how many artifacts are read and how large each may
// be are bounded, and each blob is checked against its digest. Whether an artifact proves anything is for the
// reader to decide (a Sigstore verifier), never for the registry.
import { boundedBody } from './bounded-body';
import { verifyDigest } from './digest';
import { getManifest, parseManifest } from './manifests';
import { type Descriptor, listReferrers, type ReferrerEnd } from './referrers';

export interface AttachedQuery {
  /** The artifact type to read (`application/vnd.dev.sigstore.bundle.v0.3+json`). */
  readonly artifactType: string;
  /** At most this many artifacts are read; the rest are left. */
  readonly max: number;
  /** An artifact's content larger than this is left unread. */
  readonly maxBytes: number;
}

/**
 * The content (text) of each artifact of `query.artifactType` that refers to `subjectDigest`: by the referrers API
 * where the registry has it, else by the referrers tag. None: empty.
 */
export async function readAttached(end: ReferrerEnd, subjectDigest: string, query: AttachedQuery): Promise<string[]> {
  const listed = await listReferrers(end, subjectDigest);
  // A descriptor without artifactType (an older registry) is looked at; one of another type is not.
  const candidates = listed
    .filter((descriptor) => (descriptor.artifactType ?? query.artifactType) === query.artifactType)
    .slice(0, query.max);
  const contents: string[] = [];
  for (const descriptor of candidates) {
    const content = await contentOf(end, descriptor, query);
    if (content !== undefined) contents.push(content);
  }
  return contents;
}

/** The one layer of an artifact manifest, read within the bound; undefined for anything that is not one. */
async function contentOf(end: ReferrerEnd, descriptor: Descriptor, query: AttachedQuery): Promise<string | undefined> {
  if (typeof descriptor.digest !== 'string' || !/^sha256:[0-9a-f]{64}$/.test(descriptor.digest)) return undefined;
  const manifest = await getManifest(end.client, end.repository, descriptor.digest);
  let content: { artifactType?: unknown; config?: { mediaType?: unknown }; layers?: unknown };
  try {
    content = parseManifest(manifest) as typeof content;
  } catch {
    return undefined;
  }
  const type = content.artifactType ?? content.config?.mediaType;
  const layer = Array.isArray(content.layers) ? (content.layers[0] as Partial<Descriptor> | undefined) : undefined;
  if (type !== query.artifactType || !layer || typeof layer.digest !== 'string') return undefined;
  if (typeof layer.size !== 'number' || layer.size > query.maxBytes) return undefined;
  return readSmallBlob(end, layer.digest, layer.size);
}

/** A blob of `size` bytes at most, as text, checked against its digest. */
async function readSmallBlob(end: ReferrerEnd, digest: string, size: number): Promise<string> {
  const where = `${end.client.registry}/${end.repository}@${digest}`;
  const response = await end.client.request({
    method: 'GET',
    path: `/v2/${end.repository}/blobs/${digest}`,
    scope: `repository:${end.repository}:pull`,
  });
  // The client's timeout covers the body too; the size is the descriptor's, which the digest then holds it to.
  const bytes = await boundedBody(response, `blob ${where}`, size);
  verifyDigest(bytes, digest, `blob ${where}`);
  return Buffer.from(bytes).toString('utf8');
}
