// A platform image given by digest (pushed by digest with no tag, as a matrix job does) as an input of a merge: it
// is brought into the destination repository by digest first (nothing moves when it is there already; blobs the
// destination has are skipped, those on the same registry mounted), then its manifest and config are read back, as
// much of a layout as the merge and the push of the index read.
import { getBlob } from './blobs';
import type { RegistryClient } from './client';
import { type CopyStats, copyImage } from './copy';
import { RegistryError } from './errors';
import { getManifest, isIndex, parseManifest } from './manifests';
import type { MergeInput } from './merge';

interface End {
  readonly client: RegistryClient;
  readonly repository: string;
}

export async function remoteMergeInput(
  label: string,
  from: End & { readonly digest: string },
  to: End,
): Promise<MergeInput & { readonly stats: CopyStats }> {
  const { stats } = await copyImage(from, from.digest, to, []);
  const manifest = await getManifest(to.client, to.repository, from.digest);
  const blobs = new Map<string, Uint8Array>([[manifest.digest, manifest.bytes]]);
  const children = isIndex(manifest.mediaType) ? (parseManifest(manifest).manifests ?? []) : [];
  for (const image of [
    manifest,
    ...(await Promise.all(children.map((c) => getManifest(to.client, to.repository, c.digest)))),
  ]) {
    blobs.set(image.digest, image.bytes);
    const config = isIndex(image.mediaType) ? undefined : parseManifest(image).config?.digest;
    // Configs are small (the platform is read from them); layers are never read: they are in the destination.
    if (config && !blobs.has(config)) blobs.set(config, await getBlob(to.client, to.repository, config));
  }
  const blob = (digest: string) => {
    const bytes = blobs.get(digest);
    if (!bytes) throw new RegistryError(`${label}: blob ${digest} is not in ${to.repository}`);
    return bytes;
  };
  return {
    label,
    layout: {
      dir: '',
      manifest,
      blob,
      blobFile: (digest) => {
        throw new RegistryError(`${label}: blob ${digest} is not in ${to.repository}`);
      },
    },
    holds: (digest) => blobs.has(digest),
    stats,
  };
}
