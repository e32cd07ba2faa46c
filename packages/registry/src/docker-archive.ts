// `docker save` output to an OCI layout. Layers are gzipped with fixed settings and no timestamp, so saving
// the same image twice gives the same blobs and the same manifest digest.
import { gzipSync } from 'node:zlib';
import { RegistryError } from './errors';
import { imageManifest, type Manifest } from './manifests';
import { writeLayout } from './oci-layout';
import { readTar } from './tar';

interface SavedImage {
  Config: string;
  RepoTags?: string[];
  Layers: string[];
}

/** Converts the archive; returns the manifest written (its digest is what a push publishes). */
export function dockerArchiveToLayout(archive: Uint8Array, dir: string, ref?: string): Manifest {
  const files = readTar(archive);
  const manifestFile = files.get('manifest.json');
  if (!manifestFile) throw new RegistryError('not a docker save archive: no manifest.json');
  const saved = JSON.parse(Buffer.from(manifestFile).toString('utf8')) as SavedImage[];
  const image =
    ref === undefined ? saved[0] : (saved.find((candidate) => candidate.RepoTags?.includes(ref)) ?? saved[0]);
  if (!image) throw new RegistryError('the docker save archive holds no image');
  const read = (name: string) => {
    // Docker 25+ writes an OCI layout inside the archive and names blobs by path.
    const bytes = files.get(name);
    if (!bytes) throw new RegistryError(`the docker save archive lacks ${name}`);
    return bytes;
  };
  const config = read(image.Config);
  const layers = image.Layers.map((name) => {
    const bytes = read(name);
    const compressed = isGzip(bytes) ? bytes : new Uint8Array(gzipSync(bytes, { level: 6 }));
    return compressed;
  });
  const manifest = imageManifest(config, layers);
  writeLayout(dir, manifest, [config, ...layers], ref ?? image.RepoTags?.[0]);
  return manifest;
}

function isGzip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x1f && bytes[1] === 0x8b;
}
