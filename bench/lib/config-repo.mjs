// What the deploy and promote benchmarks share: a generated config repository (git fast-import), git daemon on
// loopback, and an action bundle run as the runner runs it (INPUT_* with action.yml defaults).
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import * as path from 'node:path';
import { parse } from 'yaml';
import { bundleNode } from './node24.mjs';

export const environments = ['dev', 'staging', 'prod'];
export const digestOf = (n) => `sha256:${n.toString(16).padStart(64, '0')}`;

/**
 * A bare repository of about `files` files and `commits` commits: one Deployment per app and environment
 * (image pinned by digest), config files filling the rest, history commits touching config files only.
 */
/**
 * `changes`: every history commit is a gitops change (true: of apps and environments in turn; 'one-app': all of
 * the first app in the first environment, the longest trail one app can have).
 * `allowedSigners`: the text of an allowed-signers file gitops.yaml names, so that signed deploys publish and carry
 * pending changes (docs/commits.md).
 */
export function generateConfigRepo(
  bare,
  { files = 10000, commits = 2000, apps = 100, changes = false, allowedSigners = undefined, previews = false } = {},
) {
  const names = Array.from({ length: apps }, (_, i) => `svc-${String(i).padStart(3, '0')}`);
  const perApp = Math.max(1, Math.floor(files / environments.length / names.length) - 1);
  const blob = (text) => `data ${Buffer.byteLength(text)}\n${text}`;
  let gitops = allowedSigners ? 'allowed-signers: .gitops/allowed_signers\nenvironments:\n' : 'environments:\n';
  for (const env of environments) gitops += `  ${env}:\n    path: envs/${env}\n    require-digest: false\n`;
  gitops += 'apps:\n';
  for (const app of names)
    gitops += `  ${app}:\n    image: ghcr.io/acme/${app}\n    targets:\n      - file: envs/{env}/${app}/deployment.yaml\n`;
  // `previews`: a previews block (bench/previews) whose template is the first app's Deployment and Service.
  if (previews)
    gitops += `previews:\n  template: previews/template\n  path: previews/pr-{number}\n  max: 1000\n  url: https://pr-{number}.preview.example.com\n`;
  const entries = [['gitops.yaml', gitops], ...(allowedSigners ? [['.gitops/allowed_signers', allowedSigners]] : [])];
  if (previews)
    entries.push(
      [
        'previews/template/deployment.yaml',
        `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${names[0]}-pr-{number}\nspec:\n  template:\n    spec:\n      containers:\n        - name: ${names[0]}\n          image: ghcr.io/acme/${names[0]}:1.0.0\n`,
      ],
      [
        'previews/template/service.yaml',
        `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${names[0]}-pr-{number}\nspec:\n  ports:\n    - port: 80\n`,
      ],
    );
  const configs = [];
  environments.forEach((env, e) => {
    names.forEach((app, a) => {
      entries.push([
        `envs/${env}/${app}/deployment.yaml`,
        `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${app}\nspec:\n  template:\n    spec:\n      containers:\n        - name: ${app}\n          image: ghcr.io/acme/${app}:1.${e}.0@${digestOf(e * 1000 + a + 1)} # bumped by CI\n`,
      ]);
      for (let i = 0; i < perApp; i++) {
        const file = `envs/${env}/${app}/config-${i}.yaml`;
        configs.push(file);
        entries.push([
          file,
          `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${app}-${i}\ndata:\n  revision: "0"\n`,
        ]);
      }
    });
  });
  let time = 1_700_000_000;
  const lines = ['commit refs/heads/main', `committer Bench <bench@invalid> ${time} +0000`, blob('Initial config')];
  for (const [file, text] of entries) lines.push(`M 100644 inline ${file}`, blob(text));
  for (let c = 1; c < commits; c++) {
    time += 60;
    const file = configs[(c * 7919) % configs.length];
    lines.push(
      'commit refs/heads/main',
      `committer Bench <bench@invalid> ${time} +0000`,
      blob(
        changes ? changeMessage(c, changes === 'one-app' ? names.slice(0, 1) : names, time, changes) : `Tune ${file}`,
      ),
      `M 100644 inline ${file}`,
      blob(`# revision ${c}\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n`),
    );
  }
  execFileSync('git', ['init', '-q', '--bare', '--initial-branch=main', bare]);
  execFileSync('git', ['fast-import', '--quiet'], { cwd: bare, input: `${lines.join('\n')}\n`, maxBuffer: 1 << 30 });
  execFileSync('git', ['config', 'uploadpack.allowFilter', 'true'], { cwd: bare });
  return { apps: names, files: entries.length };
}

/**
 * With `changes`, history commits read as gitops changes (the metrics benchmark): a deploy of one app to an
 * environment, with the trailers gitops writes, its source made 30 to 90 minutes before; one in 40 a rollback.
 */
function changeMessage(c, names, time, changes) {
  const env = changes === 'one-app' ? environments[0] : environments[c % environments.length];
  const app = names[(c * 31) % names.length];
  const image = (n) => `ghcr.io/acme/${app}:1.${n}.0@${digestOf(n + 1)}`;
  const rollback = c % 40 === 0;
  const trailers = [
    `Gitops-Action: ${rollback ? 'rollback' : 'deploy'}`,
    `Gitops-Environment: ${env}`,
    `Gitops-App: ${app}`,
    `Gitops-Image: ${image(rollback ? c - 1 : c)}`,
    `Gitops-Previous-Image: ${image(rollback ? c : c - 1)}`,
    ...(rollback
      ? []
      : [
          `Gitops-Source: acme/${app}@${c.toString(16).padStart(7, '0')}`,
          `Gitops-Source-Time: ${new Date((time - 1800 - (c % 60) * 60) * 1000).toISOString()}`,
        ]),
    `Gitops-Run: https://github.com/acme/${app}/actions/runs/${c}`,
  ];
  return `${rollback ? 'rollback' : 'deploy'}(${env}): ${app} 1.${c}.0\n\n${trailers.join('\n')}\n`;
}

export function freePort() {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export async function startGitDaemon(base) {
  const port = await freePort();
  const child = spawn(
    'git',
    [
      'daemon',
      '--reuseaddr',
      // As a hosted server, no cap on connections (git daemon's default of 32 cuts off the 50-at-once wave).
      '--max-connections=0',
      '--export-all',
      '--enable=receive-pack',
      `--base-path=${base}`,
      '--listen=127.0.0.1',
      `--port=${port}`,
      base,
    ],
    { stdio: 'ignore' },
  );
  for (let i = 0; i < 100; i++) {
    const up = await new Promise((resolve) => {
      const socket = createConnection({ port, host: '127.0.0.1' });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (up) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  return { port, url: (name) => `git://127.0.0.1:${port}/${name}.git`, stop: () => child.kill() };
}

/**
 * A TCP relay to 127.0.0.1:`port` that holds every chunk `delayMs` in each direction, in order: a server one
 * round trip of 2 × `delayMs` away, as GitHub is from a runner, instead of loopback's microseconds.
 */
export async function startLatencyRelay(port, delayMs) {
  const relayPort = await freePort();
  const relay = (from, to) => {
    from.on('data', (chunk) => setTimeout(() => to.write(chunk), delayMs));
    from.on('end', () => setTimeout(() => to.end(), delayMs));
    from.on('error', () => to.destroy());
  };
  const server = createServer((client) => {
    const upstream = createConnection({ port, host: '127.0.0.1' });
    relay(client, upstream);
    relay(upstream, client);
  });
  await new Promise((resolve) => server.listen(relayPort, '127.0.0.1', resolve));
  return {
    url: (name) => `git://127.0.0.1:${relayPort}/${name}.git`,
    stop: () => server.close(),
  };
}

export function sh(command, args, cwd, env = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 600_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else
        reject(
          // stdout stays on the error: a command that reports findings with exit 1 still printed its report.
          Object.assign(
            new Error(
              `${command} exited ${code}: ${err.slice(-400)} ${out
                .split('\n')
                .filter((line) => line.startsWith('::error'))
                .join(' ')}`,
            ),
            { stdout: out },
          ),
        );
    });
  });
}

const project = path.resolve(import.meta.dirname, '../..');

/**
 * Runs dist/<action>/index.js like the runner: inputs with action.yml defaults, a push event made at sourceTime,
 * and `extraEnv` over the runner's variables (GITHUB_API_URL of a double, say).
 */
export async function runBundle(action, inputs, scratch, sourceTime = '2026-11-20T10:00:00Z', extraEnv = {}) {
  const metadata = parse(readFileSync(path.join(project, action, 'action.yml'), 'utf8'));
  const temp = mkdtempSync(path.join(scratch, 'runner-'));
  const files = {
    event: path.join(temp, 'event.json'),
    output: path.join(temp, 'output'),
    summary: path.join(temp, 'summary'),
  };
  writeFileSync(files.event, JSON.stringify({ head_commit: { timestamp: sourceTime } }));
  writeFileSync(files.output, '');
  writeFileSync(files.summary, '');
  const env = {};
  for (const [name, spec] of Object.entries(metadata.inputs ?? {}))
    env[`INPUT_${name.toUpperCase()}`] = String(spec.default ?? '').replace(/\$\{\{[^}]*\}\}/, '');
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  Object.assign(env, {
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_EVENT_PATH: files.event,
    RUNNER_TEMP: temp,
    GITHUB_WORKSPACE: temp,
    GITHUB_REPOSITORY: 'acme/app',
    GITHUB_SHA: 'ffac537e6cbbf934b08745a378932722df287a53',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_RUN_ID: '1',
    ...extraEnv,
  });
  await sh(bundleNode(), [path.join(project, 'dist', action, 'index.js')], temp, env);
  const output = readFileSync(files.output, 'utf8');
  rmSync(temp, { recursive: true, force: true });
  return output;
}

export async function median(runs, fn) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await fn(i);
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}
