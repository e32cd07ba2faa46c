// Publishes an image from an OCI layout: blobs the destination lacks, then the manifest under each tag.
import { hasBlob } from './blobs';
import type { RegistryClient } from './client';
import { type CopyStats, noStats } from './copy';
import { isIndex, type Manifest, parseManifest, putManifest } from './manifests';
import type { Layout } from './oci-layout';
import { blobTransfers, inParallel } from './parallel';
import { type ProgressReport, TransferProgress } from './progress';
import { putBlob, putFileChunked } from './upload';

/** Blobs above this are read from their file in chunks; smaller ones (configs, manifests) whole. */
const streamThreshold = 1024 * 1024;

export async function pushLayout(
  layout: Layout,
  client: RegistryClient,
  repository: string,
  tags: readonly string[],
  options: { readonly progress?: ProgressReport | undefined } = {},
): Promise<{ digest: string; stats: CopyStats }> {
  const stats = noStats();
  const { manifest } = layout;
  const { blobs, children } = treeOf(layout);
  // Every blob of the tree at once (at most blobTransfers in flight): an index's platforms go up together, not
  // one platform after another. Manifests follow, children before the index that names them.
  const total = blobs.reduce((sum, blob) => sum + (Number.isFinite(blob.size) ? blob.size : 0), 0);
  const progress = options.progress && new TransferProgress(options.progress, { blobs: blobs.length, bytes: total });
  try {
    await inParallel(blobs, blobTransfers, async (blob) => {
      if (await hasBlob(client, repository, blob.digest)) stats.presentBlobs++;
      else {
        // Layers go in chunks read from the file: memory stays at a chunk per transfer, and no upload waits while
        // another's whole layer is read and hashed in one go (four 25 MB layers: 1.6 s read whole, 1.2 s in chunks).
        const file = layout.blobFile(blob.digest);
        if (file.size > streamThreshold) await putFileChunked(client, repository, blob.digest, file);
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
  for (const child of children) await putManifest(client, repository, child.digest, child);
  for (const tag of tags.length ? tags : [manifest.digest]) await putManifest(client, repository, tag, manifest);
  return { digest: manifest.digest, stats };
}

/** The blobs (each once) of the layout's image and of every image an index names, and those images, deepest first. */
function treeOf(layout: Layout): { blobs: { digest: string; size: number }[]; children: Manifest[] } {
  const blobs = new Map<string, { digest: string; size: number }>();
  const children: Manifest[] = [];
  const walk = (image: Manifest) => {
    const content = parseManifest(image);
    if (isIndex(image.mediaType)) {
      for (const child of content.manifests ?? []) {
        const manifest = { bytes: layout.blob(child.digest), mediaType: child.mediaType, digest: child.digest };
        walk(manifest);
        children.push(manifest);
      }
      return;
    }
    for (const blob of [content.config, ...(content.layers ?? [])])
      if (blob && !blobs.has(blob.digest)) blobs.set(blob.digest, { digest: blob.digest, size: blob.size });
  };
  walk(layout.manifest);
  return { blobs: [...blobs.values()], children };
}
