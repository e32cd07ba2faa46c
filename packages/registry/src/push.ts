// Publishes an image from an OCI layout: blobs the destination lacks, then the manifest under each tag.
import { hasBlob } from './blobs';
import type { RegistryClient } from './client';
import { type CopyStats, noStats } from './copy';
import { isIndex, parseManifest, putManifest } from './manifests';
import type { Layout } from './oci-layout';
import { blobTransfers, inParallel } from './parallel';
import { type ProgressReport, TransferProgress } from './progress';
import { chunkThreshold, putBlob, putFileChunked } from './upload';

export async function pushLayout(
  layout: Layout,
  client: RegistryClient,
  repository: string,
  tags: readonly string[],
  options: { readonly progress?: ProgressReport | undefined } = {},
): Promise<{ digest: string; stats: CopyStats }> {
  const stats = noStats();
  const pushManifestTree = async (bytes: Uint8Array, mediaType: string, digest: string) => {
    const content = parseManifest({ bytes, mediaType, digest });
    if (isIndex(mediaType)) {
      for (const child of content.manifests ?? []) {
        const childBytes = layout.blob(child.digest);
        await pushManifestTree(childBytes, child.mediaType, child.digest);
        await putManifest(client, repository, child.digest, {
          bytes: childBytes,
          mediaType: child.mediaType,
          digest: child.digest,
        });
      }
      return;
    }
    const blobs = [content.config, ...(content.layers ?? [])].filter(
      (blob): blob is NonNullable<typeof blob> => blob !== undefined,
    );
    const total = blobs.reduce((sum, blob) => sum + (Number.isFinite(blob.size) ? blob.size : 0), 0);
    const progress = options.progress && new TransferProgress(options.progress, { blobs: blobs.length, bytes: total });
    try {
      await inParallel(blobs, blobTransfers, async (blob) => {
        if (await hasBlob(client, repository, blob.digest)) stats.presentBlobs++;
        else {
          // Large layers go in chunks read from the file, so memory stays at a chunk per transfer.
          const file = layout.blobFile(blob.digest);
          if (file.size > chunkThreshold) await putFileChunked(client, repository, blob.digest, file);
          else await putBlob(client, repository, blob.digest, layout.blob(blob.digest));
          stats.uploadedBlobs++;
          stats.uploadedBytes += file.size;
          progress?.add(file.size);
        }
        progress?.blobDone(blob.size);
      });
      progress?.stop(true);
    } finally {
      progress?.stop(false);
    }
  };
  const { manifest } = layout;
  await pushManifestTree(manifest.bytes, manifest.mediaType, manifest.digest);
  for (const tag of tags.length ? tags : [manifest.digest]) await putManifest(client, repository, tag, manifest);
  return { digest: manifest.digest, stats };
}
