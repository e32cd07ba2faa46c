// Benchmark: `gitops validate` on an overlay of 1,000 Deployments and 1,000 Services, beside `kubectl
// kustomize` rendering the same overlay alone (the floor: it renders, it checks nothing), in the same run.
// Usage: node bench/validate/run.mjs [--apps 1000] [--runs 5]
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { bundleNode } from '../lib/node24.mjs';

const { values } = parseArgs({
  options: {
    apps: { type: 'string', default: '1000' },
    images: { type: 'string', default: '10' },
    runs: { type: 'string', default: '5' },
    'generate-only': { type: 'string' },
  },
});
const appCount = Number(values.apps);
const imageCount = Math.min(appCount, Number(values.images));
const runs = Number(values.runs);
const cli = path.resolve(import.meta.dirname, '../../dist/cli/index.js');
const sha = (n) => `sha256:${n.toString(16).padStart(64, '0')}`;

function generate(root) {
  const apps = Array.from({ length: appCount }, (_, i) => `svc-${String(i).padStart(4, '0')}`);
  mkdirSync(path.join(root, 'base'), { recursive: true });
  mkdirSync(path.join(root, 'envs/prod'), { recursive: true });
  for (const app of apps) {
    writeFileSync(
      path.join(root, 'base', `${app}.yaml`),
      `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${app}
  labels: { app.kubernetes.io/name: ${app} }
spec:
  replicas: 2
  selector:
    matchLabels: { app.kubernetes.io/name: ${app} }
  template:
    metadata:
      labels: { app.kubernetes.io/name: ${app} }
    spec:
      containers:
        - name: ${app}
          image: ghcr.io/acme/${app}:1.0.0@${sha(100000 + Number(app.slice(4)))}
          ports: [{ name: http, containerPort: 8080 }]
          readinessProbe: { httpGet: { path: /ready, port: http } }
          livenessProbe: { httpGet: { path: /live, port: http } }
          resources:
            requests: { cpu: 10m, memory: 32Mi }
            limits: { memory: 64Mi }
---
apiVersion: v1
kind: Service
metadata:
  name: ${app}
spec:
  selector: { app.kubernetes.io/name: ${app} }
  ports: [{ name: http, port: 80, targetPort: http }]
`,
    );
  }
  writeFileSync(
    path.join(root, 'base/kustomization.yaml'),
    `resources:\n${apps.map((app) => `  - ${app}.yaml`).join('\n')}\n`,
  );
  writeFileSync(
    path.join(root, 'envs/prod/kustomization.yaml'),
    `namespace: acme-prod
resources:
  - ../../base
patches:
  - path: replicas.yaml
    target: { kind: Deployment }
images:
${apps
  .slice(0, imageCount)
  .map((app, i) => `  - name: ghcr.io/acme/${app}\n    newTag: "1.0.${i}"\n    digest: ${sha(i)}`)
  .join('\n')}
`,
  );
  writeFileSync(
    path.join(root, 'envs/prod/replicas.yaml'),
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: any\nspec:\n  replicas: 3\n',
  );
  writeFileSync(path.join(root, 'gitops.yaml'), 'environments:\n  prod:\n    path: envs/prod\n');
}

/** Runs each command `runs` times, alternating between them so load changes hit both alike; medians. */
function timeInterleaved(commands, cwd) {
  const samples = commands.map(() => []);
  const results = [];
  for (let i = 0; i < runs; i++) {
    commands.forEach(([command, args], c) => {
      const start = process.hrtime.bigint();
      results[c] = spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
      samples[c].push(Number(process.hrtime.bigint() - start) / 1e6);
    });
  }
  return samples.map((list, c) => {
    list.sort((a, b) => a - b);
    return { median: list[Math.floor(list.length / 2)], result: results[c] };
  });
}

if (values['generate-only']) {
  generate(values['generate-only']);
  process.exit(0);
}

const root = mkdtempSync(path.join(tmpdir(), 'gitops-bench-validate-'));
try {
  generate(root);
  const [render, validate] = timeInterleaved(
    [
      ['kubectl', ['kustomize', 'envs/prod']],
      [bundleNode(), [cli, 'validate', '.', '--json']],
    ],
    root,
  );
  if (render.result.status !== 0) throw new Error(`kubectl kustomize failed: ${render.result.stderr}`);
  const report = JSON.parse(validate.result.stdout);
  if (validate.result.status !== 0 || report.environments[0].resources !== appCount * 2) {
    throw new Error(
      `gitops validate did not pass cleanly: ${validate.result.stderr}\n${validate.result.stdout.slice(0, 2000)}`,
    );
  }
  console.log(
    `gitops validate vs kubectl kustomize, ${appCount} Deployments + ${appCount} Services in one overlay, median of ${runs} runs`,
  );
  console.log(`kubectl kustomize (render only)  ${render.median.toFixed(0).padStart(6)} ms`);
  console.log(
    `gitops validate                  ${validate.median.toFixed(0).padStart(6)} ms  (${report.environments[0].resources} resources, ${report.errors} errors, ${report.warnings} warnings)  ratio ${(validate.median / render.median).toFixed(2)}x (goal <= 1.5x)`,
  );
} finally {
  rmSync(root, { recursive: true, force: true });
}
