// Small images pushed straight to a registry for tests: a config and one random layer.
import { randomBytes } from 'node:crypto';
import {
  imageManifest,
  type Manifest,
  putBlob,
  putManifest,
  type RegistryClient,
  sha256Digest,
} from '@gitops/registry';

export async function pushTestImage(
  client: RegistryClient,
  repository: string,
  tag: string,
  options: { layerBytes?: number; architecture?: string } = {},
): Promise<Manifest> {
  const layer = new Uint8Array(randomBytes(options.layerBytes ?? 4096));
  const config = new Uint8Array(
    Buffer.from(
      JSON.stringify({
        architecture: options.architecture ?? 'amd64',
        os: 'linux',
        created: '2026-11-20T10:00:00Z',
        rootfs: { type: 'layers', diff_ids: [sha256Digest(layer)] },
        config: {},
      }),
    ),
  );
  await putBlob(client, repository, sha256Digest(config), config);
  await putBlob(client, repository, sha256Digest(layer), layer);
  const manifest = imageManifest(config, [layer]);
  await putManifest(client, repository, tag, manifest);
  return manifest;
}
