// `docker save` output to an OCI layout. Layers are gzipped with fixed settings and no timestamp, so saving
// the same image twice gives the same blobs and the same manifest digest. The archive is indexed on disk and
// each layer streamed (through gzip when it is a plain tar) into the layout: memory stays small whatever the
// image's size.
import { closeSync, createReadStream, fstatSync, openSync, readSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Readable } from 'node:stream';
import { createGzip } from 'node:zlib';
import { RegistryError } from './errors';
import { imageManifestOf, type Manifest } from './manifests';
import { writeLayout, writeLayoutBlob } from './oci-layout';
import { inParallel } from './parallel';
import { indexTar, type TarEntry } from './tar';

interface SavedImage {
  Config: string;
  RepoTags?: string[];
  Layers: string[];
}

/** Converts the archive at `archive`; returns the manifest written (its digest is what a push publishes). */
export async function dockerArchiveToLayout(archive: string, dir: string, ref?: string): Promise<Manifest> {
  const fd = openSync(archive, 'r');
  try {
    const readAt = (offset: number, length: number) => {
      const bytes = Buffer.alloc(length);
      if (readSync(fd, bytes, 0, length, offset) !== length) throw new RegistryError(`${archive} is truncated`);
      return new Uint8Array(bytes);
    };
    const entries = indexTar(readAt, fstatSync(fd).size);
    const entry = (name: string): TarEntry => {
      // Docker 25+ writes an OCI layout inside the archive and names blobs by path.
      const found = entries.get(name);
      if (!found) throw new RegistryError(`the docker save archive lacks ${name}`);
      return found;
    };
    const manifestFile = entries.get('manifest.json');
    if (!manifestFile) throw new RegistryError('not a docker save archive: no manifest.json');
    const saved = JSON.parse(
      Buffer.from(readAt(manifestFile.offset, manifestFile.size)).toString('utf8'),
    ) as SavedImage[];
    const image =
      ref === undefined ? saved[0] : (saved.find((candidate) => candidate.RepoTags?.includes(ref)) ?? saved[0]);
    if (!image) throw new RegistryError('the docker save archive holds no image');
    const configEntry = entry(image.Config);
    const config = readAt(configEntry.offset, configEntry.size);
    const layers: { digest: string; size: number }[] = [];
    // gzip runs on libuv's threads: a few layers at once use the cores.
    await inParallel(
      image.Layers.map((name, index) => ({ index, layer: entry(name) })),
      Math.max(1, Math.min(4, availableParallelism())),
      async ({ index, layer }) => {
        const gzipped = layer.size >= 2 && isGzip(readAt(layer.offset, 2));
        const source =
          layer.size === 0
            ? Readable.from([])
            : createReadStream(archive, { start: layer.offset, end: layer.offset + layer.size - 1 });
        layers[index] = await writeLayoutBlob(dir, source, gzipped ? undefined : createGzip({ level: 6 }));
      },
    );
    const manifest = imageManifestOf(config, layers);
    writeLayout(dir, manifest, [config], ref ?? image.RepoTags?.[0]);
    return manifest;
  } finally {
    closeSync(fd);
  }
}

function isGzip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x1f && bytes[1] === 0x8b;
}
