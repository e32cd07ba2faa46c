// Benchmark: merging two single-platform OCI layouts (linux/amd64, linux/arm64; 2 incompressible layers of
// --mb/4 MB each per platform) into one index in a local registry with the push-registry bundle (source: two
// layouts), beside `skopeo copy --all` of the same index from one OCI layout that already holds both platforms,
// in the same run, each into a fresh repository (target: at most 1.1x). Usage: node bench/registry/merge.mjs
// [--mb 200] [--runs 5]
import { execFileSync, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { runBundle } from '../lib/config-repo.mjs';

const { values } = parseArgs({
  options: { mb: { type: 'string', default: '200' }, runs: { type: 'string', default: '5' } },
});
const runs = Number(values.runs);
const layerBytes = Math.floor((Number(values.mb) * 1024 * 1024) / 4);
const root = mkdtempSync(path.join(tmpdir(), 'gitops-bench-merge-'));
const sha = (bytes) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
const json = (value) => Buffer.from(JSON.stringify(value));

const freePort = () =>
  new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

async function startRegistry(name) {
  const port = await freePort();
  const dir = path.join(root, name);
  writeFileSync(
    `${dir}.yml`,
    `version: 0.1\nlog:\n  level: error\n  accesslog:\n    disabled: true\nstorage:\n  filesystem:\n    rootdirectory: ${dir}\nhttp:\n  addr: 127.0.0.1:${port}\n`,
  );
  const child = spawn('docker-registry', ['serve', `${dir}.yml`], { stdio: 'ignore' });
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/v2/`)).ok) break;
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { host: `127.0.0.1:${port}`, child };
}

/** Writes a blob into a layout; its descriptor. */
function blob(dir, bytes, mediaType) {
  const digest = sha(bytes);
  mkdirSync(path.join(dir, 'blobs', 'sha256'), { recursive: true });
  writeFileSync(path.join(dir, 'blobs', 'sha256', digest.slice(7)), bytes);
  return { mediaType, digest, size: bytes.length };
}

function writeIndex(dir, manifests) {
  writeFileSync(path.join(dir, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}\n');
  writeFileSync(path.join(dir, 'index.json'), JSON.stringify({ schemaVersion: 2, manifests }));
}

/** One platform's image into `dirs` (the same blobs in each): its manifest's descriptor. */
function image(architecture, dirs) {
  const layers = [randomBytes(layerBytes), randomBytes(layerBytes)];
  const config = json({ os: 'linux', architecture, rootfs: { type: 'layers', diff_ids: layers.map(sha) } });
  let descriptor;
  for (const dir of dirs) {
    const manifest = json({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: blob(dir, config, 'application/vnd.oci.image.config.v1+json'),
      layers: layers.map((bytes) => blob(dir, bytes, 'application/vnd.oci.image.layer.v1.tar')),
    });
    descriptor = blob(dir, manifest, 'application/vnd.oci.image.manifest.v1+json');
  }
  return descriptor;
}

const both = path.join(root, 'both');
const platforms = ['amd64', 'arm64'].map((architecture) => {
  const dir = path.join(root, architecture);
  const descriptor = image(architecture, [dir, both]);
  writeIndex(dir, [descriptor]);
  return { dir, descriptor: { ...descriptor, platform: { os: 'linux', architecture } } };
});
// The peer's input: one layout whose index.json names an index of both platforms, as skopeo copy --all reads it.
const index = blob(
  both,
  json({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.index.v1+json',
    manifests: platforms.map((p) => p.descriptor),
  }),
  'application/vnd.oci.image.index.v1+json',
);
writeIndex(both, [index]);

const timed = async (fn) => {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
};
// A fresh registry for each run and side: skopeo remembers where it saw a blob (its blob info cache) and mounts it
// from there; neither side may start with the blobs, nor know of a copy elsewhere.
const ours = [];
const peer = [];
const digests = { ours: '', peer: '' };
const digestOf = (reference) =>
  execFileSync('skopeo', ['inspect', '--format', '{{.Digest}}', '--tls-verify=false', `docker://${reference}`], {
    encoding: 'utf8',
  }).trim();
for (let run = 0; run < runs; run++) {
  const [theirs, mine] = [await startRegistry(`peer-${run}`), await startRegistry(`ours-${run}`)];
  peer.push(
    await timed(() =>
      execFileSync('skopeo', [
        'copy',
        '--all',
        '--quiet',
        '--dest-tls-verify=false',
        `oci:${both}`,
        `docker://${theirs.host}/acme/web:1.0.0`,
      ]),
    ),
  );
  ours.push(
    await timed(() =>
      runBundle(
        'push-registry',
        { source: platforms.map((p) => `oci:${p.dir}`).join('\n'), destinations: `${mine.host}/acme/web:1.0.0` },
        root,
      ),
    ),
  );
  digests.peer = digestOf(`${theirs.host}/acme/web:1.0.0`);
  digests.ours = digestOf(`${mine.host}/acme/web:1.0.0`);
  theirs.child.kill();
  mine.child.kill();
}
const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
console.log(
  `merge of 2 platforms, ${values.mb} MB in all, into a fresh repository, median of ${runs}:\n` +
    `push-registry (2 layouts merged)   ${median(ours).toFixed(0)} ms  ${digests.ours}\n` +
    `skopeo copy --all (1 layout)       ${median(peer).toFixed(0)} ms  ${digests.peer}\n` +
    `push-registry / skopeo             ${(median(ours) / median(peer)).toFixed(2)}x (target <= 1.1x)`,
);
rmSync(root, { recursive: true, force: true });
