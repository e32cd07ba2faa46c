// Publishes an image from an OCI layout: blobs the destination lacks, then the manifest under each tag.
import { chunkThreshold, hasBlob, putBlob, putBlobChunked } from './blobs';
import type { RegistryClient } from './client';
import type { CopyStats } from './copy';
import { isIndex, parseManifest, putManifest } from './manifests';
import type { Layout } from './oci-layout';

export async function pushLayout(
  layout: Layout,
  client: RegistryClient,
  repository: string,
  tags: readonly string[],
): Promise<{ digest: string; stats: CopyStats }> {
  const stats: CopyStats = { uploadedBlobs: 0, uploadedBytes: 0, mountedBlobs: 0, presentBlobs: 0 };
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
    for (const blob of [content.config, ...(content.layers ?? [])]) {
      if (!blob) continue;
      if (await hasBlob(client, repository, blob.digest)) {
        stats.presentBlobs++;
        continue;
      }
      const data = layout.blob(blob.digest);
      if (data.byteLength > chunkThreshold) await putBlobChunked(client, repository, blob.digest, data);
      else await putBlob(client, repository, blob.digest, data);
      stats.uploadedBlobs++;
      stats.uploadedBytes += data.byteLength;
    }
  };
  const { manifest } = layout;
  await pushManifestTree(manifest.bytes, manifest.mediaType, manifest.digest);
  for (const tag of tags.length ? tags : [manifest.digest]) await putManifest(client, repository, tag, manifest);
  return { digest: manifest.digest, stats };
}
