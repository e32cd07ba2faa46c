// Manifests and indexes, kept as their exact bytes: re-serialising JSON would change the digest.

import { boundedBody } from './bounded-body';
import type { RegistryClient } from './client';
import { sha256Digest, verifyDigest } from './digest';
import { RegistryError } from './errors';

export const mediaTypes = {
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
} as const;

const accept = Object.values(mediaTypes).join(', ');

export interface Manifest {
  readonly bytes: Uint8Array;
  readonly mediaType: string;
  readonly digest: string;
}

export interface ManifestContent {
  mediaType?: string;
  config?: { digest: string; size: number; mediaType: string };
  layers?: { digest: string; size: number; mediaType: string }[];
  manifests?: { digest: string; size: number; mediaType: string; platform?: { os: string; architecture: string } }[];
}

export function isIndex(mediaType: string): boolean {
  return mediaType === mediaTypes.ociIndex || mediaType === mediaTypes.dockerList;
}

export function parseManifest(manifest: Manifest): ManifestContent {
  return JSON.parse(Buffer.from(manifest.bytes).toString('utf8')) as ManifestContent;
}

/** The manifest `reference` (tag or digest) names; its digest is checked when the reference is one. */
export async function getManifest(client: RegistryClient, repository: string, reference: string): Promise<Manifest> {
  const response = await client.request({
    method: 'GET',
    path: `/v2/${repository}/manifests/${reference}`,
    scope: `repository:${repository}:pull`,
    headers: { accept },
    accept: [404],
  });
  if (response.status === 404)
    throw new RegistryError(`${client.registry}/${repository}:${reference} does not exist`, 404);
  const bytes = await boundedBody(response, `manifest ${client.registry}/${repository}:${reference}`);
  const digest = reference.startsWith('sha256:') ? reference : sha256Digest(bytes);
  verifyDigest(bytes, digest, `manifest ${client.registry}/${repository}@${digest}`);
  const mediaType =
    (response.headers.get('content-type') ?? '').split(';')[0]?.trim() ||
    (parseManifest({ bytes, mediaType: '', digest }).mediaType ?? '');
  return { bytes, mediaType, digest };
}

/** The digest a tag points at, by HEAD (no body transferred). */
export async function resolveDigest(client: RegistryClient, repository: string, tag: string): Promise<string> {
  const response = await client.request({
    method: 'HEAD',
    path: `/v2/${repository}/manifests/${tag}`,
    scope: `repository:${repository}:pull`,
    headers: { accept },
    accept: [404],
  });
  if (response.status === 404) throw new RegistryError(`${client.registry}/${repository}:${tag} does not exist`, 404);
  const digest = response.headers.get('docker-content-digest');
  if (digest) return digest;
  return (await getManifest(client, repository, tag)).digest;
}

/**
 * Stores the exact bytes under `reference` (a tag, or the digest itself); returns the digest, and whether the
 * registry indexed the manifest by its `subject` (it answered with OCI-Subject: it has the referrers API).
 */
export async function putManifest(
  client: RegistryClient,
  repository: string,
  reference: string,
  manifest: Manifest,
): Promise<{ digest: string; indexedBySubject: boolean }> {
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
    throw new RegistryError(
      `${client.registry}/${repository}: stored manifest has digest ${digest}, expected ${manifest.digest}`,
    );
  return { digest, indexedBySubject: response.headers.has('oci-subject') };
}

/** The OCI image manifest of a config and gzipped layers, as exact bytes with their digest. */
export function imageManifest(config: Uint8Array, layers: readonly Uint8Array[]): Manifest {
  return imageManifestOf(
    config,
    layers.map((layer) => ({ digest: sha256Digest(layer), size: layer.byteLength })),
  );
}

/** The same manifest from the layers' digests and sizes (layers written to disk without being held). */
export function imageManifestOf(
  config: Uint8Array,
  layers: readonly { readonly digest: string; readonly size: number }[],
): Manifest {
  const content = {
    schemaVersion: 2,
    mediaType: mediaTypes.ociManifest,
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
  return { bytes, mediaType: mediaTypes.ociManifest, digest: sha256Digest(bytes) };
}
