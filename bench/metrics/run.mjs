// Benchmark: `gitops metrics` (the CLI bundle) over the 10,000-file, 2,000-commit repository of bench/deploy, every
// history commit a gitops change with its trailers, beside the floor: a bare `git log --format=%(trailers)` of the
// same range, which reads the same data and computes nothing. Usage: node bench/metrics/run.mjs [--runs 7]
// [--commits 2000]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { generateConfigRepo, median, sh } from '../lib/config-repo.mjs';
import { bundleNode } from '../lib/node24.mjs';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '7' }, commits: { type: 'string', default: '2000' } },
});
const runs = Number(values.runs);
const root = mkdtempSync(path.join(tmpdir(), 'gitops-bench-metrics-'));
const bare = path.join(root, 'config.git');
const { files } = generateConfigRepo(bare, { commits: Number(values.commits), changes: true });
const cli = path.resolve(import.meta.dirname, '../../dist/cli/index.js');
// The whole history: the generated commits are dated from 2023-11-14 on.
const since = '2023-11-01';
try {
  let report;
  const metricsMs = await median(runs, async () => {
    report = JSON.parse(
      await sh(
        bundleNode(),
        [cli, 'metrics', '--repository', bare, '--since', since, '--until', '2030-01-01', '--json'],
        root,
      ),
    );
  });
  // What any CLI run costs before it does anything: Node's start and the bundle's load.
  const startMs = await median(runs, () => sh(bundleNode(), [cli, '--help'], root));
  const gitMs = await median(runs, () =>
    sh('git', ['log', '--format=%H%x1f%cI%x1f%(trailers)', `--since=${since}`, 'HEAD'], bare),
  );
  const changes = report.changes.length;
  console.log(`metrics benchmark: ${files} files, ${values.commits} commits (${changes} changes), median of ${runs}`);
  console.log(`gitops metrics (CLI bundle)       ${metricsMs.toFixed(0).padStart(6)} ms`);
  console.log(
    `git log --format=%(trailers)      ${gitMs.toFixed(0).padStart(6)} ms   metrics/git ${(metricsMs / gitMs).toFixed(2)}x`,
  );
  console.log(
    `gitops --help (start and load)    ${startMs.toFixed(0).padStart(6)} ms   metrics less that ${(metricsMs - startMs).toFixed(0)} ms, ${((metricsMs - startMs) / gitMs).toFixed(2)}x git log`,
  );
  console.log(`target: well under a second        ${metricsMs < 1000 ? 'met' : 'missed'}`);
} finally {
  rmSync(root, { recursive: true, force: true });
}
