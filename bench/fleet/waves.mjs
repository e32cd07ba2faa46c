// Benchmark: writing and waiting on a fleet's wave, through the deploy bundle as the runner runs it, on a config
// repository of 200 clusters × 20 apps (4,000 Deployments) served by git daemon.
//   1. Writing a 50-cluster wave (waves of 25% each: 50 files in one commit) beside one deploy of the same app to a
//      plain environment of the same repository, alternating. Target: at most 2× the plain deploy.
//   2. Waiting on those 50 clusters through an Argo CD stand-in: each cluster's Application turns Synced and Healthy
//      at the pushed commit after its own delay (0.5 to 9 s). Printed: the wait's total (first request to the last
//      settled answer) beside the slowest cluster's delay, and the most requests one cluster got within any 5 s (the
//      wait's interval). Targets: total close to the slowest (within one interval), at most one request per cluster
//      per interval.
// Usage: node bench/fleet/waves.mjs [--runs 5] [--clusters 200] [--apps 20]
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { digestOf, runBundle, startGitDaemon } from '../lib/config-repo.mjs';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    clusters: { type: 'string', default: '200' },
    apps: { type: 'string', default: '20' },
  },
});
const runs = Number(values.runs);
const root = mkdtempSync(path.join(tmpdir(), 'gitops-bench-waves-'));
const apps = Array.from({ length: Number(values.apps) }, (_, i) => `svc-${String(i).padStart(2, '0')}`);
const clusters = Array.from({ length: Number(values.clusters) }, (_, i) => `site-${String(i).padStart(3, '0')}`);
const token = 'bench-argocd-token-0123456789';

// The Argo CD stand-in: GET /api/v1/applications/<app>-<cluster>, as the Argo CD double of the tests serves it.
const bare = path.join(root, 'config.git');
const tip = () => execFileSync('git', ['rev-parse', 'main'], { cwd: bare, encoding: 'utf8' }).trim();
const delayOf = (name) => 500 + ((Number(name.slice(-3)) * 7919) % 8500);
let round = { start: undefined, landed: undefined, requests: new Map(), settled: 0 };
const argocd = createServer((request, response) => {
  const name = decodeURIComponent(new URL(request.url, 'http://x').pathname.split('/').pop());
  const now = Date.now();
  round.start ??= now;
  round.requests.set(name, [...(round.requests.get(name) ?? []), now]);
  const ready = now - round.start >= delayOf(name);
  if (ready) round.settled = Math.max(round.settled, now);
  const revision = ready ? tip() : round.landed;
  const application = {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name, namespace: 'argocd' },
    spec: { syncPolicy: { automated: { prune: true, selfHeal: true } } },
    status: {
      sync: { status: ready ? 'Synced' : 'OutOfSync', revision },
      health: { status: ready ? 'Healthy' : 'Progressing' },
      resources: [],
    },
  };
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end(JSON.stringify(application));
});
await new Promise((resolve) => argocd.listen(0, '127.0.0.1', resolve));
const server = `http://127.0.0.1:${argocd.address().port}`;

const deployment = (app, n) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${app}\nspec:\n  template:\n    spec:\n      containers:\n        - name: ${app}\n          image: ghcr.io/acme/${app}:1.1.0@${digestOf(1000 + n)}\n`;
const files = {
  'gitops.yaml': `environments:\n  staging:\n    path: envs/staging\n  prod:\n    path: clusters/{cluster}\n    controller:\n      argocd: { server: "${server}", application: "{app}-{cluster}", insecure: true }\n    clusters:\n${clusters.map((name) => `      - { name: ${name} }`).join('\n')}\n    waves: [25, 50, 75, 100]\n    wave-pause: manual\napps:\n${apps.map((app) => `  ${app}:\n    image: ghcr.io/acme/${app}\n`).join('')}`,
};
for (const [a, app] of apps.entries()) {
  files[`envs/staging/${app}.yaml`] = deployment(app, a);
  for (const cluster of clusters) files[`clusters/${cluster}/${app}.yaml`] = deployment(app, a);
}
const work = path.join(root, 'work');
for (const [file, text] of Object.entries(files)) {
  mkdirSync(path.dirname(path.join(work, file)), { recursive: true });
  writeFileSync(path.join(work, file), text);
}
const git = (args, cwd) => execFileSync('git', args, { cwd, encoding: 'utf8' });
git(['init', '-q', '-b', 'main', work], root);
git(['add', '-A'], work);
git(['-c', 'user.name=bench', '-c', 'user.email=bench@invalid', 'commit', '-qm', 'config'], work);
git(['clone', '-q', '--bare', work, bare], root);
const daemon = await startGitDaemon(root);
const repository = daemon.url('config');

let version = 0;
const deploy = (environment, extra = {}) => {
  version++;
  const image = `1.5.${version}@${digestOf(5000 + version)}`;
  return runBundle('deploy', { environment, app: apps[0], image, repository, ...extra }, root);
};
const timed = async (fn) => {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
};
const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];

try {
  // 1. Writing: the fleet's first wave of each new image (50 clusters), and the plain environment.
  const samples = { wave: [], plain: [] };
  await deploy('staging');
  for (let i = 0; i < runs; i++) {
    const order = i % 2 === 0 ? ['wave', 'plain'] : ['plain', 'wave'];
    for (const which of order) samples[which].push(await timed(() => deploy(which === 'wave' ? 'prod' : 'staging')));
  }
  const written = git(['log', '-1', '--grep=^Gitops-Wave', '--shortstat', '--format=%s', 'main'], bare);
  const [w, p] = [median(samples.wave), median(samples.plain)];
  console.log(`${clusters.length} clusters x ${apps.length} apps; ${runs} runs each, alternating`);
  console.log(
    `last wave commit: ${written.split('\n')[0].slice(0, 60)}… (${written.trim().split('\n').at(-1).trim()})`,
  );
  console.log(
    `deploy, a 50-cluster wave of the fleet ${w.toFixed(0).padStart(6)} ms   ratio ${(w / p).toFixed(2)}x (target <= 2x)`,
  );
  console.log(`deploy, one plain environment        ${p.toFixed(0).padStart(6)} ms`);

  // 2. Waiting on the 50 clusters of the next image's first wave.
  round = { start: undefined, landed: tip(), requests: new Map(), settled: 0 };
  const output = await deploy('prod', { wait: 'true', 'wait-timeout': '120', 'argocd-token': token });
  if (!/^changed<<.*\ntrue$/m.test(output)) throw new Error(`the wave did not land: ${output}`);
  const asked = [...round.requests.keys()];
  const slowest = Math.max(...asked.map(delayOf));
  const total = round.settled - round.start;
  const perInterval = Math.max(
    ...[...round.requests.values()].map((times) =>
      Math.max(...times.map((t) => times.filter((u) => u >= t && u < t + 5000).length)),
    ),
  );
  const looks = [...round.requests.values()].reduce((sum, times) => sum + times.length, 0);
  console.log(`wait on ${asked.length} clusters: ${looks} requests in all`);
  console.log(`waited (first request to last settled) ${total.toFixed(0).padStart(6)} ms`);
  console.log(
    `slowest cluster's delay              ${slowest.toFixed(0).padStart(6)} ms   ratio ${(total / slowest).toFixed(2)}x (the wait asks every 5 s)`,
  );
  console.log(`most requests to one cluster in 5 s  ${String(perInterval).padStart(6)}      (target <= 1)`);
} finally {
  await daemon.stop?.();
  argocd.close();
  rmSync(root, { recursive: true, force: true });
}
