// Copies an image (or a multi-platform index, every child) between repositories and registries, exact bytes,
// so the digest is the same everywhere: build once, promote the same digest. Its signatures and attestations go
// with it (referrers.ts).

import { hasBlob, mountBlob, streamBlob } from './blobs';
import type { RegistryClient } from './client';
import { getManifest, isIndex, type Manifest, parseManifest, putManifest } from './manifests';
import { blobTransfers, inParallel } from './parallel';
import { copyReferrers } from './referrers';

export interface CopyEnd {
  readonly client: RegistryClient;
  readonly repository: string;
}

export interface CopyStats {
  uploadedBlobs: number;
  uploadedBytes: number;
  mountedBlobs: number;
  presentBlobs: number;
  /** Signatures and attestations (referrers, cosign tags) copied with the image. */
  referrers: number;
}

export const noStats = (): CopyStats => ({
  uploadedBlobs: 0,
  uploadedBytes: 0,
  mountedBlobs: 0,
  presentBlobs: 0,
  referrers: 0,
});

/** Copies `reference` from `source` to `destination`, tagging it `tags` there; returns the digest. */
export async function copyImage(
  source: CopyEnd,
  reference: string,
  destination: CopyEnd,
  tags: readonly string[],
): Promise<{ digest: string; stats: CopyStats }> {
  const stats = noStats();
  const manifest = await getManifest(source.client, source.repository, reference);
  await copyManifestTree(source, destination, manifest, stats);
  // Signatures and attestations of the image, and of each platform's image in an index, before any tag: a tag
  // names an image whose signatures are there already.
  const children = isIndex(manifest.mediaType) ? (parseManifest(manifest).manifests ?? []) : [];
  stats.referrers = await copyReferrers(
    source,
    destination,
    [manifest.digest, ...children.map((child) => child.digest)],
    async (referrer) => {
      await copyManifestTree(source, destination, referrer, stats);
    },
  );
  for (const tag of tags) await putManifest(destination.client, destination.repository, tag, manifest);
  if (tags.length === 0) await putManifest(destination.client, destination.repository, manifest.digest, manifest);
  return { digest: manifest.digest, stats };
}

async function copyManifestTree(
  source: CopyEnd,
  destination: CopyEnd,
  manifest: Manifest,
  stats: CopyStats,
): Promise<void> {
  const content = parseManifest(manifest);
  if (isIndex(manifest.mediaType)) {
    for (const child of content.manifests ?? []) {
      const childManifest = await getManifest(source.client, source.repository, child.digest);
      await copyManifestTree(source, destination, childManifest, stats);
      await putManifest(destination.client, destination.repository, child.digest, childManifest);
    }
    return;
  }
  const blobs = [content.config, ...(content.layers ?? [])].filter(
    (blob): blob is NonNullable<typeof blob> => blob !== undefined,
  );
  await inParallel(blobs, blobTransfers, (blob) => copyBlob(source, destination, blob.digest, stats));
}

async function copyBlob(source: CopyEnd, destination: CopyEnd, digest: string, stats: CopyStats): Promise<void> {
  if (await hasBlob(destination.client, destination.repository, digest)) {
    stats.presentBlobs++;
    return;
  }
  const sameRegistry = source.client.baseUrl === destination.client.baseUrl;
  if (sameRegistry && (await mountBlob(destination.client, destination.repository, digest, source.repository))) {
    stats.mountedBlobs++;
    return;
  }
  const bytes = await streamBlob(source, destination, digest);
  stats.uploadedBlobs++;
  stats.uploadedBytes += bytes;
}
