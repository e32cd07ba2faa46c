// Benchmark: `gitops images` over a generated 10,000-file config repository, beside `git grep` of the same
// image names over the same tree (the floor: it only finds text, it does not parse or resolve anything).
// Prints times and the ratio. Usage: node bench/manifests/run.mjs [--files 10000] [--apps 100] [--runs 5]
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { bundleNode } from '../lib/node24.mjs';

const { values } = parseArgs({
  options: {
    files: { type: 'string', default: '10000' },
    apps: { type: 'string', default: '100' },
    runs: { type: 'string', default: '5' },
  },
});
const totalFiles = Number(values.files);
const appCount = Number(values.apps);
const runs = Number(values.runs);
const environments = ['dev', 'staging', 'prod'];
const cli = path.resolve(import.meta.dirname, '../../dist/cli/index.js');
const sha = (n) => `sha256:${n.toString(16).padStart(64, '0')}`;

function generate(root, withTargets) {
  const perEnvironment = Math.floor(totalFiles / environments.length);
  const perApp = Math.max(1, Math.floor(perEnvironment / appCount));
  const apps = Array.from({ length: appCount }, (_, i) => `svc-${String(i).padStart(3, '0')}`);
  const lines = ['environments:'];
  for (const env of environments) lines.push(`  ${env}:`, `    path: envs/${env}`, '    require-digest: false');
  lines.push('apps:');
  for (const app of apps) {
    lines.push(`  ${app}:`, `    image: ghcr.io/acme/${app}`);
    if (withTargets) lines.push('    targets:', `      - file: envs/{env}/${app}/deployment.yaml`);
  }
  writeFileSync(path.join(root, 'gitops.yaml'), `${lines.join('\n')}\n`);
  let written = 1;
  environments.forEach((env, e) => {
    apps.forEach((app, a) => {
      const dir = path.join(root, 'envs', env, app);
      mkdirSync(dir, { recursive: true });
      writeFileSync(
        path.join(dir, 'deployment.yaml'),
        `# ${app} in ${env}\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${app}\n  labels:\n    app.kubernetes.io/name: ${app}\nspec:\n  replicas: 2\n  template:\n    spec:\n      containers:\n        - name: ${app}\n          image: ghcr.io/acme/${app}:1.${e}.${a}@${sha(e * 1000 + a)}\n          ports:\n            - containerPort: 8080\n`,
      );
      written++;
      for (let i = 1; i < perApp && written < totalFiles; i++, written++) {
        writeFileSync(
          path.join(dir, `config-${i}.yaml`),
          `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${app}-config-${i}\ndata:\n  LOG_LEVEL: info\n  FEATURE_${i}: "true"\n  ENDPOINT: https://${app}.internal:8443/v${i}\n`,
        );
      }
    });
  });
  for (let i = 0; written < totalFiles; i++, written++) {
    writeFileSync(
      path.join(root, 'envs', 'prod', `filler-${i}.yaml`),
      `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: filler-${i}\n`,
    );
  }
  execFileSync('git', ['init', '-q', root]);
  execFileSync('git', ['-C', root, 'add', '-A']);
  execFileSync('git', [
    '-C',
    root,
    '-c',
    'user.name=bench',
    '-c',
    'user.email=bench@invalid',
    'commit',
    '-qm',
    'generated',
  ]);
  return { apps, files: written };
}

function time(command, args, cwd) {
  const samples = [];
  let output = '';
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    const result = spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (result.status !== 0 && !(command === 'git' && result.status === 1)) {
      throw new Error(`${command} ${args.slice(0, 4).join(' ')} … exited ${result.status}: ${result.stderr}`);
    }
    output = result.stdout;
  }
  samples.sort((a, b) => a - b);
  return { median: samples[Math.floor(samples.length / 2)], output };
}

const rows = [];
for (const withTargets of [false, true]) {
  const root = mkdtempSync(path.join(tmpdir(), 'gitops-bench-manifests-'));
  try {
    const { apps, files } = generate(root, withTargets);
    const grepArgs = ['grep', '-n', '-F', ...apps.flatMap((app) => ['-e', `ghcr.io/acme/${app}`])];
    const grep = time('git', grepArgs, root);
    const images = time(bundleNode(), [cli, 'images', '--json'], root);
    const found = JSON.parse(images.output).filter((row) => row.image).length;
    const grepHits = grep.output.trim().split('\n').length;
    rows.push({
      mode: withTargets ? 'targets in gitops.yaml' : 'no targets: every file searched',
      files,
      found,
      grepHits,
      images: images.median,
      grep: grep.median,
    });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

console.log(
  `gitops images vs git grep, ${appCount} apps × ${environments.length} environments, median of ${runs} runs`,
);
for (const row of rows) {
  console.log(
    `${row.mode.padEnd(34)} ${String(row.files).padStart(6)} files  gitops images ${row.images.toFixed(0).padStart(6)} ms (${row.found} images read)  git grep ${row.grep.toFixed(0).padStart(5)} ms (${row.grepHits} lines)  ratio ${(row.images / row.grep).toFixed(1)}x`,
  );
}
