// Benchmark: the build-image bundle, run as the runner runs it, beside a bare `docker build` of the same context
// with the same builder, same run; prints the overhead (goal: under 1 s). The image is built FROM scratch with
// busybox-static (no network). Usage: node bench/build/run.mjs [--runs 5]
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

// The builder the action picks: buildx where installed, else a docker CLI that still drives BuildKit.
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

const bare = [];
const action = [];
for (let i = 0; i < runs; i++) {
  bare.push(
    time(() =>
      execFileSync(classic, ['build', '-q', '--build-arg', `RUN_ID=bare-${i}`, '-t', `bench/bare:${i}`, context], {
        env: { ...process.env, DOCKER_BUILDKIT: '1' },
        stdio: 'ignore',
      }),
    ),
  );
  const temp = mkdtempSync(path.join(root, 'runner-'));
  const files = { out: path.join(temp, 'out'), summary: path.join(temp, 'summary') };
  writeFileSync(files.out, '');
  writeFileSync(files.summary, '');
  action.push(
    time(() =>
      execFileSync(bundleNode(), [bundle], {
        env: {
          ...process.env,
          INPUT_IMAGE: 'bench/action',
          INPUT_CONTEXT: context,
          INPUT_FILE: '',
          INPUT_TAGS: '',
          'INPUT_BUILD-ARGS': `RUN_ID=action-${i}`,
          INPUT_LABELS: '',
          INPUT_TARGET: '',
          INPUT_PLATFORMS: '',
          'INPUT_CACHE-FROM': '',
          'INPUT_CACHE-TO': '',
          INPUT_SECRETS: '',
          INPUT_OUTPUT: 'oci',
          INPUT_BUILDER: 'auto',
          INPUT_PUSH: 'false',
          GITHUB_OUTPUT: files.out,
          GITHUB_STEP_SUMMARY: files.summary,
          RUNNER_TEMP: temp,
          GITHUB_SHA: `${i}`.padStart(40, '0'),
          GITHUB_REF: 'refs/heads/main',
          GITHUB_REPOSITORY: 'acme/bench',
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      }),
    ),
  );
}
const median = (samples) => [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)];
const [b, a] = [median(bare), median(action)];
console.log(`build benchmark: FROM scratch + 20 MB layer + one RUN, last step rebuilt each run, median of ${runs}`);
console.log(
  `bare docker build (${path.basename(path.dirname(classic))}/docker, BuildKit)  ${b.toFixed(0).padStart(6)} ms`,
);
console.log(
  `build-image bundle (build + OCI layout export)   ${a.toFixed(0).padStart(6)} ms   overhead ${(a - b).toFixed(0)} ms (goal < 1000 ms), ratio ${(a / b).toFixed(2)}x`,
);
execFileSync('sh', ['-c', "docker image rm -f $(docker image ls -q 'bench/*') >/dev/null 2>&1 || true"]);
rmSync(root, { recursive: true, force: true });
