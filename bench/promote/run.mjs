// Benchmark: promote 50 apps dev → staging in a 10,000-file config repository, beside a deploy of one app in
// the same repository and run: batching should cost little more than one deploy.
// Usage: node bench/promote/run.mjs [--runs 3] [--apps 50]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { digestOf, generateConfigRepo, median, runBundle, startGitDaemon } from '../lib/config-repo.mjs';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '3' }, apps: { type: 'string', default: '50' } },
});
const runs = Number(values.runs);
const count = Number(values.apps);
const root = mkdtempSync(path.join(tmpdir(), 'gitops-bench-promote-'));
const { apps, files } = generateConfigRepo(path.join(root, 'config.git'));
const daemon = await startGitDaemon(root);
const url = daemon.url('config');
try {
  let round = 0;
  const deployMs = await median(runs, async () => {
    round++;
    await runBundle(
      'deploy',
      { environment: 'dev', app: apps[99], image: `9.${round}.0@${digestOf(90000 + round)}`, repository: url },
      root,
    );
  });
  const samples = [];
  for (let i = 0; i < runs; i++) {
    // Give dev new digests for the apps (one deploy, not timed), then time promoting them all in one commit.
    await runBundle(
      'deploy',
      {
        environment: 'dev',
        app: apps.slice(0, count).join('\n'),
        image: `3.${i}.0@${digestOf(50000 + i)}`,
        repository: url,
      },
      root,
    );
    const start = process.hrtime.bigint();
    const output = await runBundle(
      'promote',
      { to: 'staging', apps: apps.slice(0, count).join(','), repository: url },
      root,
    );
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (!/changed<<(\S+)\ntrue\n|changed=true/.test(output))
      throw new Error(`promote changed nothing: ${output.slice(0, 400)}`);
  }
  const promoteMs = samples.sort((a, b) => a - b)[Math.floor(samples.length / 2)];
  console.log(
    `promote benchmark: ${files} files, ${count} apps promoted dev → staging in one commit, median of ${runs}`,
  );
  console.log(`deploy of one app            ${deployMs.toFixed(0).padStart(6)} ms`);
  console.log(
    `promote of ${count} apps        ${promoteMs.toFixed(0).padStart(6)} ms   ${(promoteMs / deployMs).toFixed(2)}x one deploy`,
  );
} finally {
  daemon.stop();
  rmSync(root, { recursive: true, force: true });
}
