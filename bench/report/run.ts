// Benchmark: the dashboard of a config repository of 300 apps × 20 environments (a fleet of 6 clusters among them)
// with some 420 changes in its history, `gitops report --html` with the CLI bundle, beside `gitops status` of
// the same working copy in the same run (target: at most 2x). Runs alternate; medians are compared.
// Usage: node --import ./scripts/ts-register.mjs bench/report/run.ts [--runs 5] [--apps 300] [--environments 20]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { generateDashboardRepo } from '../../test/support/dashboard-repo';
// @ts-expect-error: the benchmarks' shared helpers are plain JavaScript
import { bundleNode } from '../lib/node24.mjs';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    apps: { type: 'string', default: '300' },
    environments: { type: 'string', default: '20' },
  },
});
const runs = Number(values.runs);
const root = mkdtempSync(path.join(tmpdir(), 'gitops-bench-report-'));
const cli = path.resolve(import.meta.dirname, '../../dist/cli/index.js');
const node = bundleNode() as string;
generateDashboardRepo(path.join(root, 'config.git'), {
  apps: Number(values.apps),
  environments: Number(values.environments),
});
const work = path.join(root, 'work');
execFileSync('git', ['clone', '-q', path.join(root, 'config.git'), work]);
const site = path.join(root, 'site');

/** Milliseconds one CLI run takes, start to exit. */
function timed(args: readonly string[]): number {
  const start = process.hrtime.bigint();
  execFileSync(node, [cli, ...args], { cwd: work, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 28 });
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)] as number;
// One of each first: file caches warm for both.
timed(['status']);
timed(['report', '--html', site]);
const status: number[] = [];
const report: number[] = [];
for (let run = 0; run < runs; run++) {
  status.push(timed(['status']));
  report.push(timed(['report', '--html', site]));
}
const files = readdirSync(site, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.html'));
const largest = Math.max(...files.map((file) => statSync(path.join(site, file)).size));
console.log(
  `${values.apps} apps × ${values.environments} environments, median of ${runs}:\n` +
    `gitops status   ${median(status).toFixed(0)} ms\n` +
    `gitops report   ${median(report).toFixed(0)} ms  (${files.length} pages, largest ${Math.round(largest / 1024)} KiB)\n` +
    `report/status   ${(median(report) / median(status)).toFixed(2)}x (target <= 2x)`,
);
rmSync(root, { recursive: true, force: true });
