// Benchmark: `gitops metrics` (the CLI bundle) beside the floor, a bare `git log --format=%(trailers)` of the same
// range, which reads the same data and computes nothing. Two histories: the 10,000-file, 2,000-commit repository of
// bench/deploy with every history commit a gitops change of apps and environments in turn; and one of 20,000
// changes of one app in one environment, the longest trail one app can have (its cost must grow with the number of
// changes, not with its square). Usage: node bench/metrics/run.mjs [--runs 7] [--commits 2000] [--long 20000]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { generateConfigRepo, median, sh } from '../lib/config-repo.mjs';
import { bundleNode } from '../lib/node24.mjs';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '7' },
    commits: { type: 'string', default: '2000' },
    long: { type: 'string', default: '20000' },
  },
});
const runs = Number(values.runs);
const root = mkdtempSync(path.join(tmpdir(), 'gitops-bench-metrics-'));
const cli = path.resolve(import.meta.dirname, '../../dist/cli/index.js');
// The whole history: the generated commits are dated from 2023-11-14 on.
const since = '2023-11-01';

/** metrics and git log over one generated history, alternating; prints one line each and returns the ratio. */
async function measure(name, options) {
  const bare = path.join(root, `${name}.git`);
  const { files } = generateConfigRepo(bare, options);
  const args = [cli, 'metrics', '--repository', bare, '--since', since, '--until', '2030-01-01'];
  // As people run it (the table), and as a machine reads it (--json lists every change: 10 MB for 20,000).
  const metricsMs = await median(runs, () => sh(bundleNode(), args, root));
  let report;
  const jsonMs = await median(runs, async () => {
    report = JSON.parse(await sh(bundleNode(), [...args, '--json'], root));
  });
  const gitMs = await median(runs, () =>
    sh('git', ['log', '--format=%H%x00%cI%x00%(trailers)', `--since=${since}`, 'HEAD'], bare),
  );
  console.log(
    `${name}: ${files} files, ${options.commits} commits (${report.changes.length} changes in the report), median of ${runs}`,
  );
  console.log(`  gitops metrics (CLI bundle)     ${metricsMs.toFixed(0).padStart(6)} ms`);
  console.log(`  gitops metrics --json           ${jsonMs.toFixed(0).padStart(6)} ms`);
  console.log(
    `  git log --format=%(trailers)    ${gitMs.toFixed(0).padStart(6)} ms   metrics/git ${(metricsMs / gitMs).toFixed(2)}x`,
  );
  return { metricsMs, jsonMs, gitMs };
}

try {
  // What any CLI run costs before it does anything: Node's start and the bundle's load.
  const startMs = await median(runs, () => sh(bundleNode(), [cli, '--help'], root));
  const mixed = await measure('apps in turn', { commits: Number(values.commits), changes: true });
  const long = await measure('one app, one environment', {
    files: 300,
    commits: Number(values.long),
    changes: 'one-app',
  });
  console.log(`gitops --help (start and load)    ${startMs.toFixed(0).padStart(6)} ms`);
  const own = (run) => ((run.metricsMs - startMs) / run.gitMs).toFixed(2);
  console.log(`metrics less start and load, against git log: ${own(mixed)}x (apps in turn), ${own(long)}x (one app)`);
  console.log(`target: apps in turn well under a second   ${mixed.metricsMs < 1000 ? 'met' : 'missed'}`);
  console.log(
    `target: one app <= 2x git log              ${long.metricsMs / long.gitMs <= 2 ? 'met' : 'missed'} (${(long.metricsMs / long.gitMs).toFixed(2)}x; --json ${(long.jsonMs / long.gitMs).toFixed(2)}x)`,
  );
  console.log(
    `start and load alone against git log (one app): ${(startMs / long.gitMs).toFixed(2)}x; what is left for reading and computing: ${((long.metricsMs - startMs) / long.gitMs).toFixed(2)}x`,
  );
} finally {
  rmSync(root, { recursive: true, force: true });
}
