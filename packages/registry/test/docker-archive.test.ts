// docker save archives to OCI layouts, on archives made here with tar(1) in both long-name formats: the layout
// holds every layer gzipped (or as it was, when already gzipped) and the digest is what in-memory gzip gives.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, test } from 'vitest';
import { dockerArchiveToLayout, imageManifest, parseManifest, readLayout } from '../src/index';

const root = mkdtempSync(path.join(tmpdir(), 'gitops-docker-archive-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A docker save archive: a plain-tar layer under a name longer than 100 bytes, and a gzipped one. */
function archive(format: 'gnu' | 'pax') {
  const dir = path.join(root, `${format}-content`);
  const long = `${'l'.repeat(120)}/layer.tar`;
  mkdirSync(path.join(dir, path.dirname(long)), { recursive: true });
  const plain = randomBytes(3 * 1024 * 1024 + 5);
  const gzipped = gzipSync(randomBytes(70_000));
  const config = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers' } }));
  writeFileSync(path.join(dir, long), plain);
  writeFileSync(path.join(dir, 'gz.tar'), gzipped);
  writeFileSync(path.join(dir, 'config.json'), config);
  writeFileSync(
    path.join(dir, 'manifest.json'),
    JSON.stringify([{ Config: 'config.json', RepoTags: ['acme/web:1'], Layers: [long, 'gz.tar'] }]),
  );
  const file = path.join(root, `${format}.tar`);
  execFileSync('tar', ['-cf', file, `--format=${format}`, '-C', dir, '.']);
  return { file, expected: imageManifest(new Uint8Array(config), [gzipSync(plain, { level: 6 }), gzipped]) };
}

describe('dockerArchiveToLayout', () => {
  test.each(['gnu', 'pax'] as const)(
    '%s long names: every layer in the layout, the digest of in-memory gzip',
    async (format) => {
      const { file, expected } = archive(format);
      const dir = path.join(root, `${format}-layout`);
      const manifest = await dockerArchiveToLayout(file, dir);
      expect(manifest.digest).toBe(expected.digest);
      const layout = readLayout(dir);
      expect(layout.manifest.digest).toBe(expected.digest);
      const content = parseManifest(layout.manifest);
      for (const blob of [content.config, ...(content.layers ?? [])]) {
        if (blob) expect(layout.blob(blob.digest).byteLength).toBe(blob.size); // read back and verified
      }
    },
  );

  test('an archive without manifest.json is named for what it is', async () => {
    const dir = path.join(root, 'empty-content');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'other.txt'), 'x');
    const file = path.join(root, 'empty.tar');
    execFileSync('tar', ['-cf', file, '-C', dir, '.']);
    await expect(dockerArchiveToLayout(file, path.join(root, 'empty-layout'))).rejects.toThrowError(
      'not a docker save archive: no manifest.json',
    );
  });
});
