// Benchmark: build-image's overhead over the bare builder, each pair in the same run, the image FROM scratch with
// busybox-static and a 20 MB layer (no network), the last step rebuilt each run:
//   (a) engine docker: bare `docker build` (BuildKit) against the bundle, which loads the image into the engine,
//       saves it and re-gzips it into an OCI layout (the path for runners with only classic Docker);
//   (b) engine buildah: bare `buildah build` + `buildah push oci:` (the builder's own OCI layout) against the
//       bundle, which does the same and adds Git tags, labels and the layout's digest (goal: overhead < 0.5 s);
//   (c) docker buildx with an OCI-exporting builder, when buildx is installed: bare `--output type=oci` against
//       the bundle.
// Usage: node bench/build/run.mjs [--runs 5]
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { bundleNode } from '../lib/node24.mjs';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
const runs = Number(values.runs);
const bundle = path.resolve(import.meta.dirname, '../../dist/build-image/index.js');
const root = mkdtempSync(path.join(tmpdir(), 'gitops-bench-build-'));
const context = path.join(root, 'context');
execFileSync('mkdir', ['-p', context]);
copyFileSync('/bin/busybox', path.join(context, 'busybox'));
writeFileSync(path.join(context, 'payload.bin'), Buffer.alloc(20 * 1024 * 1024, 7));

/** A fresh ARG value per run defeats the cache for the last step only, as a real rebuild would. */
const dockerfile =
  'FROM scratch\nCOPY busybox /bin/busybox\nCOPY payload.bin /data/payload.bin\nARG RUN_ID\nRUN ["/bin/busybox", "sh", "-c", "echo $RUN_ID > /run-id"]\n';
writeFileSync(path.join(context, 'Dockerfile'), dockerfile);

const works = (command, args) => spawnSync(command, args, { stdio: 'ignore' }).status === 0;
const engine = works('docker', ['version', '--format', '{{.Server.Version}}']);
const buildx = engine && works('docker', ['buildx', 'version']);
const buildah = works('buildah', ['--version']);

/**
 * buildah's isolation for this host: its default where the container runtime can run a RUN step, else chroot
 * (hybrid cgroups, inside a container), which both sides of pair (b) then use: the same build either way.
 */
function buildahIsolation() {
  const probe = path.join(root, 'probe');
  execFileSync('mkdir', ['-p', probe]);
  copyFileSync('/bin/busybox', path.join(probe, 'busybox'));
  writeFileSync(
    path.join(probe, 'Dockerfile'),
    'FROM scratch\nCOPY busybox /bin/busybox\nRUN ["/bin/busybox", "true"]\n',
  );
  return works('buildah', ['build', '-q', probe]) ? '' : 'chroot';
}
const isolation = buildah ? buildahIsolation() : '';
const isolationArgs = isolation ? ['--isolation', isolation] : [];

// The docker the action picks without buildx: a CLI that still drives BuildKit (before 23.0).
const dockers = (process.env.PATH ?? '')
  .split(':')
  .map((dir) => path.join(dir, 'docker'))
  .filter((file) => spawnSync(file, ['version', '--format', '{{.Client.Version}}']).status === 0);
const classic =
  dockers.find(
    (file) =>
      Number.parseInt(execFileSync(file, ['version', '--format', '{{.Client.Version}}'], { encoding: 'utf8' }), 10) <
      23,
  ) ?? dockers[0];

function time(fn) {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function runBundle(engineChoice, runId) {
  const temp = mkdtempSync(path.join(root, 'runner-'));
  const files = { out: path.join(temp, 'out'), summary: path.join(temp, 'summary') };
  writeFileSync(files.out, '');
  writeFileSync(files.summary, '');
  execFileSync(bundleNode(), [bundle], {
    env: {
      ...process.env,
      INPUT_IMAGE: `bench/action-${engineChoice}`,
      INPUT_CONTEXT: context,
      INPUT_FILE: '',
      INPUT_TAGS: '',
      'INPUT_BUILD-ARGS': `RUN_ID=${runId}`,
      INPUT_LABELS: '',
      INPUT_TARGET: '',
      INPUT_PLATFORMS: '',
      'INPUT_CACHE-FROM': '',
      'INPUT_CACHE-TO': '',
      INPUT_SECRETS: '',
      INPUT_OUTPUT: 'oci',
      INPUT_ENGINE: engineChoice,
      INPUT_BUILDER: '',
      INPUT_ISOLATION: engineChoice === 'buildah' ? isolation : '',
      INPUT_PROVENANCE: '',
      INPUT_SBOM: '',
      INPUT_PUSH: 'false',
      GITHUB_OUTPUT: files.out,
      GITHUB_STEP_SUMMARY: files.summary,
      RUNNER_TEMP: temp,
      GITHUB_SHA: '1'.padStart(40, '0'),
      GITHUB_REF: 'refs/heads/main',
      GITHUB_REPOSITORY: 'acme/bench',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

const pairs = [];
if (engine && classic) {
  pairs.push({
    name: '(a) engine docker: load, save, re-gzip',
    bare: `docker build (${path.basename(path.dirname(classic))}/docker, BuildKit)`,
    runBare: (i) =>
      execFileSync(classic, ['build', '-q', '--build-arg', `RUN_ID=bare-${i}`, '-t', `bench/bare:${i}`, context], {
        env: { ...process.env, DOCKER_BUILDKIT: '1' },
        stdio: 'ignore',
      }),
    runAction: (i) => runBundle('docker', `docker-${i}`),
  });
}
if (buildah) {
  pairs.push({
    name: "(b) engine buildah: buildah's own OCI layout",
    bare: 'buildah build + buildah push oci:',
    runBare: (i) => {
      const id = path.join(root, `bare-id-${i}`);
      execFileSync(
        'buildah',
        [
          'build',
          '-q',
          ...isolationArgs,
          '--iidfile',
          id,
          '--build-arg',
          `RUN_ID=bare-${i}`,
          '-t',
          `bench/bare-buildah:${i}`,
          context,
        ],
        { stdio: 'ignore' },
      );
      execFileSync('buildah', ['push', '-q', '--format', 'oci', `bench/bare-buildah:${i}`, `oci:${root}/bare-${i}`], {
        stdio: 'ignore',
      });
    },
    runAction: (i) => runBundle('buildah', `buildah-${i}`),
  });
}
if (buildx) {
  pairs.push({
    name: '(c) engine buildx: --output type=oci',
    bare: 'docker buildx build --output type=oci',
    runBare: (i) =>
      execFileSync(
        'docker',
        [
          'buildx',
          'build',
          '-q',
          '--build-arg',
          `RUN_ID=bare-${i}`,
          '--output',
          `type=oci,dest=${root}/bx-${i}.tar`,
          context,
        ],
        { stdio: 'ignore' },
      ),
    runAction: (i) => runBundle('buildx', `buildx-${i}`),
  });
}

const median = (samples) => [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)];
console.log(`build benchmark: FROM scratch + 20 MB layer + one RUN, last step rebuilt each run, median of ${runs}`);
if (!buildx) console.log('(c) skipped: docker buildx is not installed here');
if (isolation)
  console.log(
    `(b) buildah's runtime cannot run RUN steps on this host: both sides build with --isolation ${isolation}`,
  );
const results = [];
for (const pair of pairs) {
  const bare = [];
  const action = [];
  for (let i = 0; i < runs; i++) {
    bare.push(time(() => pair.runBare(i)));
    action.push(time(() => pair.runAction(i)));
  }
  const [b, a] = [median(bare), median(action)];
  results.push({ name: pair.name, bundle: a });
  console.log(pair.name);
  console.log(`  bare ${pair.bare.padEnd(44)} ${b.toFixed(0).padStart(6)} ms`);
  console.log(
    `  build-image bundle                                ${a.toFixed(0).padStart(6)} ms   overhead ${(a - b).toFixed(0)} ms${pair.name.startsWith('(a)') ? '' : ' (goal < 500 ms)'}, ratio ${(a / b).toFixed(2)}x`,
  );
}
const docker = results.find((result) => result.name.startsWith('(a)'));
for (const result of results.filter((candidate) => candidate !== docker && docker)) {
  console.log(
    `${result.name.slice(0, 3)} bundle against (a) bundle: ${(result.bundle / docker.bundle).toFixed(2)}x (the builder's own OCI layout against load + save + re-gzip)`,
  );
}
execFileSync('sh', ['-c', "docker image rm -f $(docker image ls -q 'bench/*') >/dev/null 2>&1 || true"]);
execFileSync('sh', ['-c', "buildah rmi -f $(buildah images -q --filter reference='bench/*') >/dev/null 2>&1 || true"]);
rmSync(root, { recursive: true, force: true });
