// Benchmark: this tree's deploy bundle against another checkout's (an earlier commit), alternating on one config
// repository of 10,000 files and 2,000 commits served by git daemon, then a wave of 20 deploys at once of each,
// alternating too. For a change that must not cost speed: the ratio is this tree's time over the other's.
// Usage: node bench/deploy/ab.mjs --against DIR [--runs 11] [--waves 2] [--wave 20]
//   (DIR: a checkout of the earlier commit with its dist/, e.g. `git worktree add /tmp/prev <commit>`, and this
//   tree's node_modules and .tmp linked into it)
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { generateConfigRepo, runBundle, startGitDaemon } from '../lib/config-repo.mjs';

const { values } = parseArgs({
  options: {
    against: { type: 'string' },
    runs: { type: 'string', default: '11' },
    waves: { type: 'string', default: '2' },
    wave: { type: 'string', default: '20' },
  },
});
if (!values.against) throw new Error('--against DIR: a checkout of the commit to compare with');
const other = await import(path.resolve(values.against, 'bench/lib/config-repo.mjs'));
const root = mkdtempSync(path.join(tmpdir(), 'gitops-bench-ab-'));
const { apps } = generateConfigRepo(path.join(root, 'config.git'), { files: 10000, commits: 2000 });
const daemon = await startGitDaemon(root);
const url = daemon.url('config');
const bundles = { this: runBundle, other: other.runBundle };
let tag = 0;
let next = 0;
const deploy = (which, app) =>
  bundles[which]('deploy', { environment: 'dev', app, image: `3.0.${++tag}`, repository: url }, root);
const timed = async (fn) => {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
};
const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
try {
  const single = { this: [], other: [] };
  for (let run = 0; run < Number(values.runs); run++)
    for (const which of run % 2 ? ['other', 'this'] : ['this', 'other'])
      single[which].push(await timed(() => deploy(which, apps[next++ % apps.length])));
  const waves = { this: [], other: [] };
  const size = Number(values.wave);
  for (let wave = 0; wave < Number(values.waves); wave++)
    for (const which of wave % 2 ? ['other', 'this'] : ['this', 'other']) {
      const names = Array.from({ length: size }, () => apps[next++ % apps.length]);
      waves[which].push(await timed(() => Promise.all(names.map((app) => deploy(which, app)))));
    }
  const sum = (list) => list.reduce((total, ms) => total + ms, 0);
  console.log(`deploy A/B: this tree against ${values.against}, alternating, one repository`);
  console.log(
    `one deploy (median of ${values.runs})   this ${median(single.this).toFixed(0)} ms   other ${median(single.other).toFixed(0)} ms   ${(median(single.this) / median(single.other)).toFixed(3)}x`,
  );
  console.log(
    `${size} at once (${values.waves} waves each)   this ${(sum(waves.this) / 1000).toFixed(1)} s   other ${(sum(waves.other) / 1000).toFixed(1)} s   ${(sum(waves.this) / sum(waves.other)).toFixed(3)}x`,
  );
} finally {
  daemon.stop?.();
}
