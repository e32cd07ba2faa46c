import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { sha256Digest } from '../src/digest';
import { mediaTypes } from '../src/manifests';
import { mergeLayouts } from '../src/merge';
import { readLayout, writeLayout } from '../src/oci-layout';

const bytes = (value: unknown) => new Uint8Array(Buffer.from(JSON.stringify(value)));

/** A layout of one image for `architecture`, its manifest naming its config and one layer. */
function imageLayout(architecture: string, variant?: string) {
  const dir = mkdtempSync(path.join(tmpdir(), 'gitops-merge-unit-'));
  const config = bytes({ os: 'linux', architecture, ...(variant ? { variant } : {}), rootfs: { type: 'layers' } });
  const layer = bytes({ layer: architecture });
  const manifest = bytes({
    schemaVersion: 2,
    mediaType: mediaTypes.ociManifest,
    config: {
      mediaType: 'application/vnd.oci.image.config.v1+json',
      digest: sha256Digest(config),
      size: config.length,
    },
    layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar', digest: sha256Digest(layer), size: layer.length }],
  });
  writeLayout(dir, { bytes: manifest, mediaType: mediaTypes.ociManifest, digest: sha256Digest(manifest) }, [
    config,
    layer,
  ]);
  return { label: `oci:${dir}`, layout: readLayout(dir) };
}

describe('merging platforms', () => {
  test('one index of every platform, by digest, in a fixed order whatever the order given', () => {
    const amd = imageLayout('amd64');
    const arm = imageLayout('arm64', 'v8');
    const merged = mergeLayouts([arm, amd]);
    const index = JSON.parse(Buffer.from(merged.manifest.bytes).toString('utf8'));
    expect(index.manifests.map((m: { platform: unknown; digest: string }) => [m.platform, m.digest])).toEqual([
      [{ os: 'linux', architecture: 'amd64' }, amd.layout.manifest.digest],
      [{ os: 'linux', architecture: 'arm64', variant: 'v8' }, arm.layout.manifest.digest],
    ]);
    expect(mergeLayouts([amd, arm]).manifest.digest).toBe(merged.manifest.digest);
    // Blobs are read from the layout that holds them.
    expect(merged.blob(arm.layout.manifest.digest)).toEqual(arm.layout.manifest.bytes);
  });

  test('an index given is flattened, its attestation manifests carried along; a platform twice is an error', () => {
    const amd = imageLayout('amd64');
    const arm = imageLayout('arm64');
    const attestation = bytes({ schemaVersion: 2, mediaType: mediaTypes.ociManifest, layers: [] });
    const index = bytes({
      schemaVersion: 2,
      mediaType: mediaTypes.ociIndex,
      manifests: [
        {
          mediaType: mediaTypes.ociManifest,
          digest: arm.layout.manifest.digest,
          size: arm.layout.manifest.bytes.length,
        },
        {
          mediaType: mediaTypes.ociManifest,
          digest: sha256Digest(attestation),
          size: attestation.length,
          platform: { os: 'unknown', architecture: 'unknown' },
          annotations: {
            'vnd.docker.reference.type': 'attestation-manifest',
            'vnd.docker.reference.digest': arm.layout.manifest.digest,
          },
        },
      ],
    });
    const dir = arm.layout.dir;
    writeLayout(dir, { bytes: index, mediaType: mediaTypes.ociIndex, digest: sha256Digest(index) }, [attestation]);
    const flattened = mergeLayouts([{ label: `oci:${dir}`, layout: readLayout(dir) }, amd]);
    const manifests = JSON.parse(Buffer.from(flattened.manifest.bytes).toString('utf8')).manifests;
    expect(manifests.map((m: { digest: string }) => m.digest)).toEqual([
      amd.layout.manifest.digest,
      arm.layout.manifest.digest,
      sha256Digest(attestation),
    ]);
    expect(() => mergeLayouts([amd, imageLayout('amd64')])).toThrow(/are both linux\/amd64: give each platform once/);
  });
});
