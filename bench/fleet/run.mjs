// Benchmark: `gitops status` of a fleet of 200 clusters × 20 apps (4,000 Deployments, one file each, a rollout
// under way: the first waves at a newer version), beside the same status of a plain repository of the same apps in
// 3 environments, and beside `grep -r` reading every file of the fleet once, in the same run, alternating. The
// target: status of the whole fleet in at most 2 s. Writing a wave and waiting on its clusters: waves.mjs.
// Usage: node bench/fleet/run.mjs [--runs 5] [--clusters 200] [--apps 20]
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { digestOf, sh } from '../lib/config-repo.mjs';
import { bundleNode } from '../lib/node24.mjs';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    clusters: { type: 'string', default: '200' },
    apps: { type: 'string', default: '20' },
  },
});
const runs = Number(values.runs);
const root = mkdtempSync(path.join(tmpdir(), 'gitops-bench-fleet-'));
const cli = path.resolve(import.meta.dirname, '../../dist/cli/index.js');
const apps = Array.from({ length: Number(values.apps) }, (_, i) => `svc-${String(i).padStart(2, '0')}`);
const clusters = Array.from({ length: Number(values.clusters) }, (_, i) => `site-${String(i).padStart(3, '0')}`);

const deployment = (app, version, n) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${app}\nspec:\n  template:\n    spec:\n      containers:\n        - name: ${app}\n          image: ghcr.io/acme/${app}:1.${version}.0@${digestOf(version * 1000 + n)}\n`;
const appsBlock = apps.map((app) => `  ${app}:\n    image: ghcr.io/acme/${app}\n`).join('');

function write(dir, files) {
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  execFileSync('git', ['init', '-q', '-b', 'main', dir]);
  execFileSync('git', ['add', '-A'], { cwd: dir });
  execFileSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@invalid', 'commit', '-qm', 'config'], {
    cwd: dir,
  });
}

// The fleet: staging, and prod of every cluster in waves of 1%, 10%, 50% and 100%; the first two waves (10% of the
// clusters, in the stable order waves take them in: a hash of each name) run 1.2, the rest 1.1.
const fleet = path.join(root, 'fleet');
const hash = (name) => createHash('sha256').update(name).digest('hex');
const ahead = new Set(
  [...clusters].sort((a, b) => (hash(a) < hash(b) ? -1 : 1)).slice(0, Math.ceil(clusters.length / 10)),
);
const fleetFiles = {
  'gitops.yaml': `environments:\n  staging:\n    path: envs/staging\n  prod:\n    path: clusters/{cluster}\n    clusters:\n${clusters.map((name) => `      - { name: ${name} }`).join('\n')}\n    waves: [1, 10, 50, 100]\napps:\n${appsBlock}`,
};
for (const [a, app] of apps.entries()) {
  fleetFiles[`envs/staging/${app}.yaml`] = deployment(app, 2, a);
  for (const cluster of clusters)
    fleetFiles[`clusters/${cluster}/${app}.yaml`] = deployment(app, ahead.has(cluster) ? 2 : 1, a);
}
write(fleet, fleetFiles);

// The reference: the same apps in dev, staging and prod, one folder each.
const plain = path.join(root, 'plain');
const plainFiles = {
  'gitops.yaml': `environments:\n  dev:\n    path: envs/dev\n  staging:\n    path: envs/staging\n  prod:\n    path: envs/prod\napps:\n${appsBlock}`,
};
for (const [a, app] of apps.entries())
  for (const [e, env] of ['dev', 'staging', 'prod'].entries())
    plainFiles[`envs/${env}/${app}.yaml`] = deployment(app, e, a);
write(plain, plainFiles);

const node = bundleNode();
const samples = { fleet: [], plain: [], grep: [] };
const time = async (list, fn) => {
  const start = process.hrtime.bigint();
  await fn();
  list.push(Number(process.hrtime.bigint() - start) / 1e6);
};
const output = execFileSync(node, [cli, 'status'], { cwd: fleet, encoding: 'utf8', maxBuffer: 1 << 26 });
const firstRow = output.split('\n').find((line) => line.startsWith(apps[0]));
console.log(`fleet status row: ${firstRow}`);
for (let i = 0; i < runs; i++) {
  const order = i % 2 === 0 ? ['fleet', 'plain', 'grep'] : ['grep', 'plain', 'fleet'];
  for (const which of order) {
    if (which === 'fleet') await time(samples.fleet, () => sh(node, [cli, 'status'], fleet));
    if (which === 'plain') await time(samples.plain, () => sh(node, [cli, 'status'], plain));
    if (which === 'grep') await time(samples.grep, () => sh('grep', ['-r', '-c', 'image:', 'clusters'], fleet));
  }
}
const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
const [f, p, g] = [median(samples.fleet), median(samples.plain), median(samples.grep)];
console.log(
  `${clusters.length} clusters x ${apps.length} apps (${clusters.length * apps.length} Deployments); ${runs} runs each, alternating`,
);
console.log(`gitops status, the fleet            ${f.toFixed(0).padStart(6)} ms   (target <= 2000 ms)`);
console.log(`gitops status, 3 plain environments ${p.toFixed(0).padStart(6)} ms   ratio ${(f / p).toFixed(2)}x`);
console.log(`grep -r of the fleet's files        ${g.toFixed(0).padStart(6)} ms   ratio ${(f / g).toFixed(2)}x`);
rmSync(root, { recursive: true, force: true });
