// Benchmark: the deploy bundle, run as the runner runs it, against a config repository of 10,000 files and
// 2,000 commits served by git daemon, beside (a) a raw sparse script (clone --depth 1 --filter=blob:none
// --sparse, sparse-checkout, sed, commit, push) and (b) a naive full clone + sed + push; then 20 deploys at
// once, wall time relative to one. Usage: node bench/deploy/run.mjs [--runs 5] [--files 10000] [--commits 2000]
// [--latency MS] (the server behind a relay that holds each chunk MS in each direction)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { generateConfigRepo, median, runBundle, sh, startGitDaemon, startLatencyRelay } from '../lib/config-repo.mjs';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    files: { type: 'string', default: '10000' },
    commits: { type: 'string', default: '2000' },
    latency: { type: 'string', default: '0' },
  },
});
const runs = Number(values.runs);
const root = mkdtempSync(path.join(tmpdir(), 'gitops-bench-deploy-'));
const bare = path.join(root, 'config.git');
const { apps, files } = generateConfigRepo(bare, { files: Number(values.files), commits: Number(values.commits) });
const identity = {
  GIT_AUTHOR_NAME: 'bench',
  GIT_AUTHOR_EMAIL: 'bench@invalid',
  GIT_COMMITTER_NAME: 'bench',
  GIT_COMMITTER_EMAIL: 'bench@invalid',
};
let tag = 0;
const nextTag = () => `2.0.${++tag}`;
const sed = (app) => [
  '-i',
  `s#image: ghcr.io/acme/${app}:[^ ]*#image: ghcr.io/acme/${app}:${nextTag()}#`,
  `envs/dev/${app}/deployment.yaml`,
];

async function rawSparse(url, app) {
  const dir = mkdtempSync(path.join(root, 'raw-'));
  await sh('git', ['clone', '-q', '--depth', '1', '--filter=blob:none', '--sparse', url, 'c'], dir);
  const c = path.join(dir, 'c');
  await sh('git', ['sparse-checkout', 'set', '--no-cone', `/envs/dev/${app}/deployment.yaml`], c);
  await sh('sed', sed(app), c);
  await sh('git', ['commit', '-qam', `deploy(dev): ${app}`], c, identity);
  await sh('git', ['push', '-q', 'origin', 'HEAD:main'], c);
  rmSync(dir, { recursive: true, force: true });
}

async function naiveFull(url, app) {
  const dir = mkdtempSync(path.join(root, 'naive-'));
  await sh('git', ['clone', '-q', url, 'c'], dir);
  const c = path.join(dir, 'c');
  await sh('sed', sed(app), c);
  await sh('git', ['commit', '-qam', `deploy(dev): ${app}`], c, identity);
  await sh('git', ['push', '-q', 'origin', 'HEAD:main'], c);
  rmSync(dir, { recursive: true, force: true });
}

const deploy = async (url, app) =>
  (
    await runBundle(
      'deploy',
      { environment: 'dev', app, image: nextTag(), repository: url, 'push-attempts': '200', 'push-timeout': '600' },
      root,
    )
  ).includes('true');

const daemon = await startGitDaemon(root);
const latency = Number(values.latency);
const relay = latency > 0 ? await startLatencyRelay(daemon.port, latency) : undefined;
const url = (relay ?? daemon).url('config');
try {
  const app = (i) => apps[(i * 13) % apps.length];
  const deployMs = await median(runs, (i) => deploy(url, app(i)));
  const rawMs = await median(runs, (i) => rawSparse(url, app(i + 50)));
  const naiveMs = await median(runs, (i) => naiveFull(url, app(i + 70)));
  const failures = [];
  const start = process.hrtime.bigint();
  const landed = await Promise.all(
    apps.slice(0, 20).map((name) =>
      deploy(url, name).catch((error) => {
        failures.push(error.message);
        return false;
      }),
    ),
  );
  const concurrentMs = Number(process.hrtime.bigint() - start) / 1e6;
  for (const failure of failures.slice(0, 3)) console.log(`failed: ${failure.slice(-600)}`);
  const commits = execFileSync('git', ['rev-list', '--count', 'main'], { cwd: bare, encoding: 'utf8' }).trim();
  console.log(
    `deploy benchmark: ${files} files, ${values.commits} commits (now ${commits}), git daemon on loopback${latency ? ` behind ${latency} ms of latency each way` : ''}, median of ${runs}`,
  );
  console.log(`gitops deploy bundle          ${deployMs.toFixed(0).padStart(6)} ms`);
  console.log(
    `(a) raw sparse git script     ${rawMs.toFixed(0).padStart(6)} ms   deploy/raw   ${(deployMs / rawMs).toFixed(2)}x (target <= 1.2x)`,
  );
  console.log(
    `(b) naive full clone + push   ${naiveMs.toFixed(0).padStart(6)} ms   deploy/naive ${(deployMs / naiveMs).toFixed(2)}x`,
  );
  console.log(
    `20 deploys at once            ${concurrentMs.toFixed(0).padStart(6)} ms   ${(concurrentMs / deployMs).toFixed(1)}x one deploy, ${landed.filter(Boolean).length}/20 landed`,
  );
} finally {
  relay?.stop();
  daemon.stop();
  rmSync(root, { recursive: true, force: true });
}
