// Benchmark: the deploy bundle, run as the runner runs it, against a config repository of 10,000 files and
// 2,000 commits served by git daemon, beside (a) a raw sparse script (clone --depth 1 --filter=blob:none
// --sparse, sparse-checkout, sed, commit, push) and (b) a naive full clone + sed + push; then 20 deploys at
// once, wall time relative to one. Usage: node bench/deploy/run.mjs [--runs 5] [--files 10000] [--commits 2000]
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    files: { type: 'string', default: '10000' },
    commits: { type: 'string', default: '2000' },
  },
});
const runs = Number(values.runs);
const fileCount = Number(values.files);
const commitCount = Number(values.commits);
const bundle = path.resolve(import.meta.dirname, '../../dist/deploy/index.js');
const environments = ['dev', 'staging', 'prod'];
const apps = Array.from({ length: 100 }, (_, i) => `svc-${String(i).padStart(3, '0')}`);
const root = mkdtempSync(path.join(tmpdir(), 'gitops-bench-deploy-'));
const bare = path.join(root, 'config.git');

function fastImportStream() {
  const perApp = Math.max(1, Math.floor(fileCount / environments.length / apps.length) - 1);
  const lines = [];
  const blob = (text) => `data ${Buffer.byteLength(text)}\n${text}`;
  let gitops = 'environments:\n';
  for (const env of environments) gitops += `  ${env}:\n    path: envs/${env}\n    require-digest: false\n`;
  gitops += 'apps:\n';
  for (const app of apps)
    gitops += `  ${app}:\n    image: ghcr.io/acme/${app}\n    targets:\n      - file: envs/{env}/${app}/deployment.yaml\n`;
  const files = [['gitops.yaml', gitops]];
  for (const env of environments) {
    for (const app of apps) {
      files.push([
        `envs/${env}/${app}/deployment.yaml`,
        `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${app}\nspec:\n  template:\n    spec:\n      containers:\n        - name: ${app}\n          image: ghcr.io/acme/${app}:1.0.0 # bumped by CI\n`,
      ]);
      for (let i = 0; i < perApp; i++)
        files.push([
          `envs/${env}/${app}/config-${i}.yaml`,
          `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${app}-${i}\ndata:\n  revision: "0"\n`,
        ]);
    }
  }
  let time = 1_700_000_000;
  lines.push('commit refs/heads/main', `committer Bench <bench@invalid> ${time} +0000`, blob('Initial config'));
  for (const [file, text] of files) lines.push(`M 100644 inline ${file}`, blob(text));
  for (let c = 1; c < commitCount; c++) {
    time += 60;
    const configs = files.filter(([name]) => name.includes('/config-'));
    const [file] = configs[(c * 7919) % configs.length];
    lines.push(
      'commit refs/heads/main',
      `committer Bench <bench@invalid> ${time} +0000`,
      blob(`Tune ${file}`),
      `M 100644 inline ${file}`,
      blob(`# revision ${c}\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n`),
    );
  }
  return { stream: `${lines.join('\n')}\n`, files: files.length };
}

function sh(command, args, cwd, env = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 300_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      code === 0
        ? resolve(out)
        : reject(
            new Error(
              `${command} ${args.join(' ')} exited ${code}: ${err.slice(-400)} ${out
                .split('\n')
                .filter((line) => line.startsWith('::error'))
                .join(' ')}`,
            ),
          );
    });
  });
}

async function freePort() {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const identity = {
  GIT_AUTHOR_NAME: 'bench',
  GIT_AUTHOR_EMAIL: 'bench@invalid',
  GIT_COMMITTER_NAME: 'bench',
  GIT_COMMITTER_EMAIL: 'bench@invalid',
};
let tag = 0;
const nextTag = () => `2.0.${++tag}`;

async function rawSparse(url, app) {
  const dir = mkdtempSync(path.join(root, 'raw-'));
  const file = `envs/dev/${app}/deployment.yaml`;
  await sh('git', ['clone', '-q', '--depth', '1', '--filter=blob:none', '--sparse', url, 'c'], dir);
  const c = path.join(dir, 'c');
  await sh('git', ['sparse-checkout', 'set', '--no-cone', `/${file}`], c);
  await sh('sed', ['-i', `s#image: ghcr.io/acme/${app}:[^ ]*#image: ghcr.io/acme/${app}:${nextTag()}#`, file], c);
  await sh('git', ['commit', '-qam', `deploy(dev): ${app}`], c, identity);
  await sh('git', ['push', '-q', 'origin', 'HEAD:main'], c);
  rmSync(dir, { recursive: true, force: true });
}

async function naiveFull(url, app) {
  const dir = mkdtempSync(path.join(root, 'naive-'));
  const file = `envs/dev/${app}/deployment.yaml`;
  await sh('git', ['clone', '-q', url, 'c'], dir);
  const c = path.join(dir, 'c');
  await sh('sed', ['-i', `s#image: ghcr.io/acme/${app}:[^ ]*#image: ghcr.io/acme/${app}:${nextTag()}#`, file], c);
  await sh('git', ['commit', '-qam', `deploy(dev): ${app}`], c, identity);
  await sh('git', ['push', '-q', 'origin', 'HEAD:main'], c);
  rmSync(dir, { recursive: true, force: true });
}

async function gitopsDeploy(url, app) {
  const temp = mkdtempSync(path.join(root, 'runner-'));
  const event = path.join(temp, 'event.json');
  execFileSync('sh', ['-c', `printf '%s' '{"head_commit":{"timestamp":"2026-11-20T10:00:00Z"}}' > ${event}`]);
  const out = path.join(temp, 'output');
  execFileSync('touch', [out, path.join(temp, 'summary')]);
  await sh(process.execPath, [bundle], temp, {
    INPUT_ENVIRONMENT: 'dev',
    INPUT_APP: app,
    INPUT_IMAGE: nextTag(),
    INPUT_REPOSITORY: url,
    INPUT_BRANCH: '',
    INPUT_TOKEN: '',
    INPUT_VIA: '',
    'INPUT_DRY-RUN': 'false',
    INPUT_CONFIG: 'gitops.yaml',
    INPUT_COMMITTER: 'bench <bench@invalid>',
    'INPUT_ALLOW-OLDER': 'false',
    'INPUT_AUTO-MERGE': 'false',
    INPUT_LABELS: '',
    'INPUT_GITHUB-DEPLOYMENT': 'false',
    'INPUT_PUSH-ATTEMPTS': '200',
    'INPUT_PUSH-TIMEOUT': '600',
    GITHUB_OUTPUT: out,
    GITHUB_STEP_SUMMARY: path.join(temp, 'summary'),
    GITHUB_EVENT_PATH: event,
    RUNNER_TEMP: temp,
    GITHUB_WORKSPACE: temp,
    GITHUB_REPOSITORY: 'acme/app',
    GITHUB_SHA: 'ffac537e6cbbf934b08745a378932722df287a53',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_RUN_ID: '1',
  });
  const changed = execFileSync('cat', [out], { encoding: 'utf8' }).includes('true');
  rmSync(temp, { recursive: true, force: true });
  return changed;
}

async function median(fn) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await fn(i);
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}

execFileSync('git', ['init', '-q', '--bare', '--initial-branch=main', bare]);
const { stream, files } = fastImportStream();
execFileSync('git', ['fast-import', '--quiet'], { cwd: bare, input: stream, maxBuffer: 1 << 30 });
execFileSync('git', ['config', 'uploadpack.allowFilter', 'true'], { cwd: bare });
const port = await freePort();
const daemon = spawn(
  'git',
  [
    'daemon',
    '--reuseaddr',
    '--export-all',
    '--enable=receive-pack',
    `--base-path=${root}`,
    '--listen=127.0.0.1',
    `--port=${port}`,
    root,
  ],
  { stdio: 'ignore' },
);
for (let i = 0; i < 100; i++) {
  const up = await new Promise((resolve) =>
    createConnection({ port, host: '127.0.0.1' })
      .once('connect', function () {
        this.destroy();
        resolve(true);
      })
      .once('error', () => resolve(false)),
  );
  if (up) break;
  await new Promise((r) => setTimeout(r, 50));
}
const url = `git://127.0.0.1:${port}/config.git`;
try {
  const app = (i) => apps[(i * 13) % apps.length];
  const deployMs = await median((i) => gitopsDeploy(url, app(i)));
  const rawMs = await median((i) => rawSparse(url, app(i + 50)));
  const naiveMs = await median((i) => naiveFull(url, app(i + 70)));
  const concurrentStart = process.hrtime.bigint();
  const failures = [];
  const landed = await Promise.all(
    apps.slice(0, 20).map((name) =>
      gitopsDeploy(url, name).catch((error) => {
        failures.push(error.message);
        return false;
      }),
    ),
  );
  for (const failure of failures.slice(0, 3)) console.log(`failed: ${failure.slice(-600)}`);
  const concurrentMs = Number(process.hrtime.bigint() - concurrentStart) / 1e6;
  const commits = execFileSync('git', ['rev-list', '--count', 'main'], { cwd: bare, encoding: 'utf8' }).trim();
  console.log(
    `deploy benchmark: ${files} files, ${commitCount} commits (now ${commits}), git daemon on loopback, median of ${runs}`,
  );
  console.log(`gitops deploy bundle          ${deployMs.toFixed(0).padStart(6)} ms`);
  console.log(
    `(a) raw sparse git script     ${rawMs.toFixed(0).padStart(6)} ms   deploy/raw   ${(deployMs / rawMs).toFixed(2)}x (target <= 1.2x)`,
  );
  console.log(
    `(b) naive full clone + push   ${naiveMs.toFixed(0).padStart(6)} ms   deploy/naive ${(deployMs / naiveMs).toFixed(2)}x`,
  );
  console.log(
    `20 deploys at once            ${concurrentMs.toFixed(0).padStart(6)} ms   ${(concurrentMs / deployMs).toFixed(1)}x one deploy, ${landed.filter(Boolean).length}/20 landed`,
  );
} finally {
  daemon.kill();
  rmSync(root, { recursive: true, force: true });
}
