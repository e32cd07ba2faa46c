// Copies an image (or a multi-platform index, every child) between repositories and registries, exact bytes,
// so the digest is the same everywhere: build once, promote the same digest. Its signatures and attestations go
// with it (referrers.ts).

import { hasBlob, mountBlob, streamBlob } from './blobs';
import type { RegistryClient } from './client';
import { getManifest, isIndex, type Manifest, parseManifest, putManifest } from './manifests';
import { blobTransfers, inParallel } from './parallel';
import { type ProgressReport, TransferProgress } from './progress';
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

/** What one copy carries through its manifests: where from and to, what it counted, where progress goes. */
interface CopyRun {
  readonly source: CopyEnd;
  readonly destination: CopyEnd;
  readonly stats: CopyStats;
  readonly progress?: ProgressReport | undefined;
}

/**
 * Copies `reference` from `source` to `destination`, tagging it `tags` there; returns the digest. `progress` gets
 * a line on the blobs and bytes done at least every 10 s, and as each large blob is done.
 */
export async function copyImage(
  source: CopyEnd,
  reference: string,
  destination: CopyEnd,
  tags: readonly string[],
  options: { readonly progress?: ProgressReport | undefined } = {},
): Promise<{ digest: string; stats: CopyStats }> {
  const run: CopyRun = { source, destination, stats: noStats(), progress: options.progress };
  const manifest = await getManifest(source.client, source.repository, reference);
  await copyManifestTree(run, manifest);
  // Signatures and attestations of the image, and of each platform's image in an index, before any tag: a tag
  // names an image whose signatures are there already.
  const children = isIndex(manifest.mediaType) ? (parseManifest(manifest).manifests ?? []) : [];
  run.stats.referrers = await copyReferrers(
    source,
    destination,
    [manifest.digest, ...children.map((child) => child.digest)],
    async (referrer) => {
      await copyManifestTree({ ...run, progress: undefined }, referrer);
    },
  );
  for (const tag of tags) await putManifest(destination.client, destination.repository, tag, manifest);
  if (tags.length === 0) await putManifest(destination.client, destination.repository, manifest.digest, manifest);
  return { digest: manifest.digest, stats: run.stats };
}

async function copyManifestTree(run: CopyRun, manifest: Manifest): Promise<void> {
  const { source, destination } = run;
  const content = parseManifest(manifest);
  if (isIndex(manifest.mediaType)) {
    for (const child of content.manifests ?? []) {
      const childManifest = await getManifest(source.client, source.repository, child.digest);
      await copyManifestTree(run, childManifest);
      await putManifest(destination.client, destination.repository, child.digest, childManifest);
    }
    return;
  }
  const blobs = [content.config, ...(content.layers ?? [])].filter(
    (blob): blob is NonNullable<typeof blob> => blob !== undefined,
  );
  const total = blobs.reduce((sum, blob) => sum + (Number.isFinite(blob.size) ? blob.size : 0), 0);
  const progress = run.progress ? new TransferProgress(run.progress, { blobs: blobs.length, bytes: total }) : undefined;
  try {
    await inParallel(blobs, blobTransfers, async (blob, signal) => {
      await copyBlob({ ...run, digest: blob.digest, signal, progress });
      progress?.blobDone(blob.size);
    });
    progress?.stop(true);
  } finally {
    progress?.stop(false);
  }
}

interface BlobCopy extends Omit<CopyRun, 'progress'> {
  readonly digest: string;
  /** Aborted when another blob of the copy has failed for good. */
  readonly signal: AbortSignal;
  readonly progress: TransferProgress | undefined;
}

async function copyBlob({ source, destination, digest, stats, signal, progress }: BlobCopy): Promise<void> {
  if (await hasBlob(destination.client, destination.repository, digest)) {
    stats.presentBlobs++;
    return;
  }
  const sameRegistry = source.client.baseUrl === destination.client.baseUrl;
  if (sameRegistry && (await mountBlob(destination.client, destination.repository, digest, source.repository))) {
    stats.mountedBlobs++;
    return;
  }
  signal.throwIfAborted();
  const bytes = await streamBlob(source, destination, digest, { signal, onBytes: (count) => progress?.add(count) });
  stats.uploadedBlobs++;
  stats.uploadedBytes += bytes;
}
