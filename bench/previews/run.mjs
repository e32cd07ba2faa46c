// Benchmark: opening a pull request's preview (deploy with `preview`: the template copied, the image pinned by
// digest, one commit) beside a deploy of the same app to an existing environment, both through the deploy
// bundle as the runner runs it, against one config repository of 10,000 files and 2,000 commits served by git
// daemon, alternating run by run. The target: opening a preview takes at most 1.2x the deploy.
// Usage: node bench/previews/run.mjs [--runs 7] [--files 10000] [--commits 2000]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { digestOf, generateConfigRepo, runBundle, startGitDaemon } from '../lib/config-repo.mjs';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '7' },
    files: { type: 'string', default: '10000' },
    commits: { type: 'string', default: '2000' },
  },
});
const runs = Number(values.runs);
const root = mkdtempSync(path.join(tmpdir(), 'gitops-bench-previews-'));
const bare = path.join(root, 'config.git');
const { apps } = generateConfigRepo(bare, {
  files: Number(values.files),
  commits: Number(values.commits),
  previews: true,
});
const app = apps[0];
const daemon = await startGitDaemon(root);
const url = daemon.url('config');

const timed = async (fn) => {
  const start = process.hrtime.bigint();
  const output = await fn();
  if (!/^changed(=true$|<<(.+)\ntrue\n)/m.test(output)) throw new Error(`nothing changed:\n${output}`);
  return Number(process.hrtime.bigint() - start) / 1e6;
};
let n = 5000;
const deploy = () =>
  timed(() =>
    runBundle('deploy', { environment: 'dev', app, image: `1.9.${++n}@${digestOf(++n)}`, repository: url }, root),
  );
const preview = (number) =>
  timed(() =>
    runBundle(
      'deploy',
      { preview: String(number), app, image: `ghcr.io/acme/${app}@${digestOf(++n)}`, repository: url },
      root,
      undefined,
      {
        GITHUB_HEAD_REF: `feature/${number}`,
      },
    ),
  );

// One of each first, not counted: the page cache and the daemon warm up.
await deploy();
await preview(1);
const samples = { deploy: [], preview: [] };
for (let i = 0; i < runs; i++) {
  // Alternating, the order swapped every run: neither gets the warmer machine.
  if (i % 2 === 0) {
    samples.deploy.push(await deploy());
    samples.preview.push(await preview(100 + i));
  } else {
    samples.preview.push(await preview(100 + i));
    samples.deploy.push(await deploy());
  }
}
const median = (list) => {
  const sorted = [...list].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const [d, p] = [median(samples.deploy), median(samples.preview)];
console.log(`config repository: ${values.files} files, ${values.commits} commits; ${runs} runs each, alternating`);
console.log(`deploy to an existing environment (dev): median ${d.toFixed(0)} ms`);
console.log(`open a preview (template copied, image pinned): median ${p.toFixed(0)} ms`);
console.log(`ratio preview / deploy: ${(p / d).toFixed(2)}x (target at most 1.2x)`);
daemon.stop();
rmSync(root, { recursive: true, force: true });
