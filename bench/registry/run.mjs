// Benchmark: copy a 200 MB image of 5 incompressible layers between two local registries with (a) gitops copy,
// (b) skopeo copy, (c) docker pull + tag + push, (d) curl piped into curl (the floor for any client), in the
// same run; then a copy within one registry, which should send no blob bytes (cross-repository mount). Usage: node bench/registry/run.mjs [--mb 200] [--runs 3]
import { execFileSync, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { bundleNode } from '../lib/node24.mjs';

const { values } = parseArgs({
  options: { mb: { type: 'string', default: '200' }, runs: { type: 'string', default: '3' } },
});
const layerCount = 5;
const layerBytes = Math.floor((Number(values.mb) * 1024 * 1024) / layerCount);
const runs = Number(values.runs);
const cli = path.resolve(import.meta.dirname, '../../dist/cli/index.js');
const root = mkdtempSync(path.join(tmpdir(), 'gitops-bench-registry-'));
const sha = (bytes) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

const freePort = () =>
  new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

async function registry(name) {
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
    await new Promise((r) => setTimeout(r, 50));
  }
  return { host: `127.0.0.1:${port}`, child };
}

/** A tar holding one file of random bytes, gzipped: incompressible, yet a layer Docker can unpack. */
function layer(index) {
  const data = randomBytes(layerBytes);
  const header = Buffer.alloc(512);
  header.write(`data-${index}.bin`, 0);
  header.write('0000644\0', 100);
  header.write('0000000\0', 108);
  header.write('0000000\0', 116);
  header.write(`${data.length.toString(8).padStart(11, '0')}\0`, 124);
  header.write('00000000000\0', 136);
  header.write('        ', 148);
  header.write('0', 156);
  header.write('ustar\0', 257);
  header.write('00', 263);
  let sum = 0;
  for (const b of header) sum += b;
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  const tar = Buffer.concat([header, data, Buffer.alloc((512 - (data.length % 512)) % 512), Buffer.alloc(1024)]);
  return { tar, gz: gzipSync(tar, { level: 1 }) };
}

async function pushSeed(host) {
  const layers = Array.from({ length: layerCount }, (_, i) => layer(i));
  const config = Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      created: '2026-11-20T10:00:00Z',
      config: {},
      rootfs: { type: 'layers', diff_ids: layers.map((l) => sha(l.tar)) },
    }),
  );
  const put = async (blob) => {
    const start = await fetch(`http://${host}/v2/bench/image/blobs/uploads/`, { method: 'POST' });
    const location = new URL(start.headers.get('location'), `http://${host}`);
    location.searchParams.set('digest', sha(blob));
    const done = await fetch(location, {
      method: 'PUT',
      body: blob,
      headers: { 'content-type': 'application/octet-stream' },
    });
    if (!done.ok) throw new Error(`seed upload failed: ${done.status}`);
  };
  await put(config);
  for (const l of layers) await put(l.gz);
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
      config: { mediaType: 'application/vnd.docker.container.image.v1+json', digest: sha(config), size: config.length },
      layers: layers.map((l) => ({
        mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
        digest: sha(l.gz),
        size: l.gz.length,
      })),
    }),
  );
  const response = await fetch(`http://${host}/v2/bench/image/manifests/1`, {
    method: 'PUT',
    body: manifest,
    headers: { 'content-type': 'application/vnd.docker.distribution.manifest.v2+json' },
  });
  if (!response.ok) throw new Error(`seed manifest failed: ${response.status}`);
  return { digest: sha(manifest), manifest };
}

function timed(command, args) {
  const start = process.hrtime.bigint();
  const output = execFileSync(command, args, {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 << 20,
  });
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, output };
}

const median = (samples) => samples.sort((a, b) => a - b)[Math.floor(samples.length / 2)];

// Every measured copy goes to a registry that has never seen these blobs: no tool can mount or skip them.
let fresh = 0;
async function intoFreshRegistry(copy) {
  const destination = await registry(`dest-${fresh++}`);
  try {
    const start = process.hrtime.bigint();
    await copy(destination.host);
    return Number(process.hrtime.bigint() - start) / 1e6;
  } finally {
    destination.child.kill();
  }
}

/**
 * The floor for any client: two curl processes per blob, the download piped into the upload, all blobs at
 * once, no digest check, no existence check. Whatever a client adds to this is its own cost.
 */
async function curlPipes(source, host, bytes) {
  const manifest = JSON.parse(bytes);
  const digests = [manifest.config.digest, ...manifest.layers.map((l) => l.digest)];
  await Promise.all(
    digests.map(async (digest) => {
      const session = await fetch(`http://${host}/v2/copy/image/blobs/uploads/`, { method: 'POST' });
      const location = new URL(session.headers.get('location'), `http://${host}`);
      location.searchParams.set('digest', digest);
      // The URLs reach the shell as positional parameters, never as part of the script.
      const pipe = spawn(
        'sh',
        [
          '-c',
          'curl -sf "$1" | curl -sf -o /dev/null -T - -H "content-type: application/octet-stream" "$2"',
          'sh',
          `http://${source}/v2/bench/image/blobs/${digest}`,
          location.href,
        ],
        { stdio: 'inherit' },
      );
      const code = await exited(pipe);
      if (code !== 0) throw new Error(`curl copy of ${digest} failed (exit ${code})`);
    }),
  );
  const response = await fetch(`http://${host}/v2/copy/image/manifests/1`, {
    method: 'PUT',
    body: bytes,
    headers: { 'content-type': manifest.mediaType },
  });
  if (!response.ok) throw new Error(`curl floor: manifest refused (${response.status})`);
}

const exited = (child) => new Promise((resolve) => child.on('close', (code) => resolve(code)));

const a = await registry('a');
try {
  const { digest, manifest } = await pushSeed(a.host);
  const ours = [];
  const skopeo = [];
  const docker = [];
  const floor = [];
  let checkHost;
  for (let i = 0; i < runs; i++) {
    ours.push(
      await intoFreshRegistry((host) => {
        execFileSync(bundleNode(), [cli, 'copy', `${a.host}/bench/image:1`, `${host}/copy/image:1`], {
          stdio: 'ignore',
        });
        if (i === 0)
          checkHost =
            sha(execFileSync('skopeo', ['inspect', '--raw', '--tls-verify=false', `docker://${host}/copy/image:1`])) ===
            digest;
      }),
    );
    skopeo.push(
      await intoFreshRegistry((host) =>
        execFileSync(
          'skopeo',
          [
            'copy',
            '--quiet',
            '--src-tls-verify=false',
            '--dest-tls-verify=false',
            `docker://${a.host}/bench/image:1`,
            `docker://${host}/copy/image:1`,
          ],
          { stdio: 'ignore' },
        ),
      ),
    );
    floor.push(await intoFreshRegistry((host) => curlPipes(a.host, host, manifest)));
    docker.push(
      await intoFreshRegistry((host) => {
        execFileSync('docker', ['pull', '-q', `${a.host}/bench/image:1`], { stdio: 'ignore' });
        execFileSync('docker', ['tag', `${a.host}/bench/image:1`, `${host}/copy/image:1`]);
        execFileSync('docker', ['push', '-q', `${host}/copy/image:1`], { stdio: 'ignore' });
      }),
    );
    execFileSync('sh', [
      '-c',
      `docker image rm -f $(docker image ls -q --filter reference='127.0.0.1:*/*/image') >/dev/null 2>&1 || true`,
    ]);
  }
  const mount = timed(bundleNode(), [cli, 'copy', `${a.host}/bench/image:1`, `${a.host}/mounted/image:1`]);
  const [o, s, d, f] = [median(ours), median(skopeo), median(docker), median(floor)];
  console.log(
    `registry copy benchmark: ${layerCount} incompressible layers, ${Number(values.mb)} MB, each copy into a fresh registry, median of ${runs}; digest kept: ${checkHost}`,
  );
  console.log(`(a) gitops copy                 ${o.toFixed(0).padStart(7)} ms`);
  console.log(
    `(b) skopeo copy                 ${s.toFixed(0).padStart(7)} ms   gitops/skopeo ${(o / s).toFixed(2)}x (target <= 1.1x)`,
  );
  console.log(`(c) docker pull + tag + push    ${d.toFixed(0).padStart(7)} ms   gitops/docker ${(o / d).toFixed(2)}x`);
  console.log(
    `(d) curl | curl, no checks      ${f.toFixed(0).padStart(7)} ms   floor/skopeo ${(f / s).toFixed(2)}x   gitops/floor ${(o / f).toFixed(2)}x`,
  );
  console.log(
    `same-registry copy (mount)      ${mount.ms.toFixed(0).padStart(7)} ms   ${mount.output.trim().split('\n').pop()}`,
  );
} finally {
  a.child.kill();
  rmSync(root, { recursive: true, force: true });
}
