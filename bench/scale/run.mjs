// Benchmark: a config repository of 300 apps × 20 environments (6,000 targets), each figure beside its peer in the
// same run: one deploy (against the same deploy in a 300 × 3 repository), promoting all 300 apps one environment
// on in one commit (against one deploy), `gitops status` of every app everywhere (absolute), and validate of all 20
// environments (against `kubectl kustomize` rendering them alone, as many at once as there are cores), and validate
// of a change to one overlay (against `kubectl kustomize` of that overlay alone).
// Usage: node bench/scale/run.mjs [--runs 3] [--apps 300] [--environments 20] [--validate-runs 1]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { digestOf, median, runBundle, sh, startGitDaemon } from '../lib/config-repo.mjs';
import { bundleNode } from '../lib/node24.mjs';
import { generateScaleRepo } from '../lib/scale-repo.mjs';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    apps: { type: 'string', default: '300' },
    environments: { type: 'string', default: '20' },
    // kubectl kustomize takes seconds per overlay of 300 images: one validate round by default.
    'validate-runs': { type: 'string', default: '1' },
  },
});
const runs = Number(values.runs);
const root = mkdtempSync(path.join(tmpdir(), 'gitops-bench-scale-'));
const cli = path.resolve(import.meta.dirname, '../../dist/cli/index.js');
const big = generateScaleRepo(path.join(root, 'big.git'), {
  apps: Number(values.apps),
  environments: Number(values.environments),
});
const small = generateScaleRepo(path.join(root, 'small.git'), { apps: Number(values.apps), environments: 3 });
const daemon = await startGitDaemon(root);
const changed = (output) => /^changed(=true$|<<(.+)\ntrue\n)/m.test(output);

let round = 0;
async function deployOne(repository, apps) {
  round++;
  const app = apps[(round * 37) % apps.length];
  const output = await runBundle(
    'deploy',
    { environment: 'env-00', app, image: `5.${round}.0@${digestOf(70000 + round)}`, repository },
    root,
  );
  if (!changed(output)) throw new Error(`deploy changed nothing: ${output.slice(0, 400)}`);
}

/** Runs `tasks` with at most `limit` at a time. */
async function bounded(tasks, limit) {
  const queue = [...tasks];
  await Promise.all(
    Array.from({ length: Math.min(limit, queue.length) }, async () => {
      for (let task = queue.shift(); task; task = queue.shift()) await task();
    }),
  );
}

try {
  // Alternating, so that the machine's moods fall on both alike.
  const bigUrl = daemon.url('big');
  const smallUrl = daemon.url('small');
  const smallMs = [];
  const bigMs = [];
  for (let i = 0; i < runs; i++) {
    smallMs.push(await median(1, () => deployOne(smallUrl, small.apps)));
    bigMs.push(await median(1, () => deployOne(bigUrl, big.apps)));
  }
  const mid = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];

  const promoteSamples = [];
  for (let i = 0; i < runs; i++) {
    // New digests for every app in env-00 (one deploy, not timed), then all of them promoted to env-01.
    await runBundle(
      'deploy',
      { environment: 'env-00', app: big.apps.join('\n'), image: `6.${i}.0@${digestOf(80000 + i)}`, repository: bigUrl },
      root,
    );
    const start = process.hrtime.bigint();
    const output = await runBundle('promote', { to: 'env-01', repository: bigUrl }, root);
    promoteSamples.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (!changed(output)) throw new Error(`promote changed nothing: ${output.slice(0, 400)}`);
  }

  const checkout = path.join(root, 'checkout');
  execFileSync('git', ['clone', '-q', path.join(root, 'big.git'), checkout]);
  const node = bundleNode();
  const statusMs = await median(runs, () => sh(node, [cli, 'status'], checkout));
  const validateRuns = Number(values['validate-runs']);
  const validateMs = await median(validateRuns, () =>
    sh(node, [cli, 'validate', '.'], checkout).catch((error) => {
      // Findings (exit 1) still measure the work; anything else is a failed run.
      if (!/exited 1:/.test(error.message)) throw error;
    }),
  );
  const cores = availableParallelism();
  const kustomizeMs = await median(validateRuns, () =>
    bounded(
      big.environments.map((env) => () => sh('kubectl', ['kustomize', path.join('envs', env)], checkout)),
      cores,
    ),
  );

  // A pull request touching one overlay (the work tree against HEAD, as --changed-since sees it): only that
  // environment is rendered; its peer is kubectl kustomize rendering that one overlay alone.
  const touched = big.environments[Math.min(5, big.environments.length - 1)];
  const overlay = path.join(checkout, 'envs', touched, 'kustomization.yaml');
  writeFileSync(overlay, readFileSync(overlay, 'utf8').replace(/newTag: "[^"]*"/, 'newTag: "9.9.9"'));
  let report;
  const changedMs = await median(validateRuns, () =>
    sh(node, [cli, 'validate', '.', '--changed-since', 'HEAD', '--json'], checkout)
      .catch((error) => {
        if (!/exited 1:/.test(error.message)) throw error;
        return error.stdout ?? '';
      })
      .then((stdout) => {
        report = stdout;
      }),
  );
  const rendered = JSON.parse(report ?? '{}').environments?.map((environment) => environment.name) ?? [];
  if (rendered.join() !== touched)
    throw new Error(`validate --changed-since rendered ${rendered.join(', ')}, not ${touched}`);
  const oneMs = await median(validateRuns, () => sh('kubectl', ['kustomize', path.join('envs', touched)], checkout));

  const apps = big.apps.length;
  console.log(
    `scale benchmark: ${apps} apps × ${big.environments.length} environments (${big.files} files), git daemon on loopback, median of ${runs}`,
  );
  console.log(`one deploy, ${apps} × 3 repository        ${mid(smallMs).toFixed(0).padStart(6)} ms`);
  console.log(
    `one deploy, ${apps} × ${big.environments.length} repository       ${mid(bigMs).toFixed(0).padStart(6)} ms   ${(mid(bigMs) / mid(smallMs)).toFixed(2)}x (target <= 1.2x)`,
  );
  console.log(
    `promote all ${apps} apps, one commit    ${mid(promoteSamples).toFixed(0).padStart(6)} ms   ${(mid(promoteSamples) / mid(bigMs)).toFixed(2)}x one deploy (target <= 2x)`,
  );
  console.log(`gitops status, every app everywhere ${statusMs.toFixed(0).padStart(6)} ms   (target <= 2000 ms)`);
  console.log(
    `gitops validate, ${big.environments.length} environments      ${validateMs.toFixed(0).padStart(6)} ms   kubectl kustomize alone (${cores} at once) ${kustomizeMs.toFixed(0)} ms   ${(validateMs / kustomizeMs).toFixed(2)}x (target <= 1.2x)`,
  );
  console.log(
    `validate, a change to one overlay        ${changedMs.toFixed(0).padStart(6)} ms   kubectl kustomize of that overlay ${oneMs.toFixed(0)} ms   ${(changedMs / oneMs).toFixed(2)}x (target <= 1.2x; ${rendered.length} of ${big.environments.length} rendered)`,
  );
} finally {
  daemon.stop();
  rmSync(root, { recursive: true, force: true });
}
