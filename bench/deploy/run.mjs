// Benchmark: the deploy bundle, run as the runner runs it, against a config repository of 10,000 files and
// 2,000 commits served by git daemon, beside (a) a raw sparse script (clone --depth 1 --filter=blob:none
// --sparse, sparse-checkout, sed, commit, push) and (b) a naive full clone + sed + push; then 20 deploys at
// once (different apps, one branch) beside the same 20 as raw scripts looping `git push || git pull --rebase`, each
// wave twice, alternating; then 50 deploys at once with the default push limits. Usage: node bench/deploy/run.mjs
// [--runs 5] [--files 10000] [--commits 2000] [--latency MS] (the server behind a relay that holds each chunk MS in
// each direction) [--wave 20] [--waves 2] [--wide 50]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { generateConfigRepo, median, runBundle, sh, startGitDaemon, startLatencyRelay } from '../lib/config-repo.mjs';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    files: { type: 'string', default: '10000' },
    commits: { type: 'string', default: '2000' },
    latency: { type: 'string', default: '0' },
    wave: { type: 'string', default: '20' },
    waves: { type: 'string', default: '2' },
    wide: { type: 'string', default: '50' },
  },
});
const runs = Number(values.runs);
const root = mkdtempSync(path.join(tmpdir(), 'gitops-bench-deploy-'));
const bare = path.join(root, 'config.git');
// Deploys at once sign their commits (commit-signing: ssh) with a key the config repository's allowed-signers
// lists: only then do they publish pending changes and carry each other's (docs/commits.md). Signing costs each
// commit an ssh-keygen run, which the unsigned pull --rebase loops beside them do not pay.
const keyFolder = mkdtempSync(path.join(tmpdir(), 'gitops-bench-key-'));
execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'bench', '-f', path.join(keyFolder, 'key')]);
const signingKey = readFileSync(path.join(keyFolder, 'key'), 'utf8');
const allowedSigners = `bench ${readFileSync(path.join(keyFolder, 'key.pub'), 'utf8').trim()}\n`;
rmSync(keyFolder, { recursive: true, force: true });
const signed = { 'commit-signing': 'ssh', 'signing-key': signingKey };
const { apps, files } = generateConfigRepo(bare, {
  files: Number(values.files),
  commits: Number(values.commits),
  allowedSigners,
});
const identity = {
  GIT_AUTHOR_NAME: 'bench',
  GIT_AUTHOR_EMAIL: 'bench@invalid',
  GIT_COMMITTER_NAME: 'bench',
  GIT_COMMITTER_EMAIL: 'bench@invalid',
};
let tag = 0;
const nextTag = () => `2.0.${++tag}`;
const sed = (app) => [
  '-i',
  `s#image: ghcr.io/acme/${app}:[^ ]*#image: ghcr.io/acme/${app}:${nextTag()}#`,
  `envs/dev/${app}/deployment.yaml`,
];

async function rawSparse(url, app) {
  const dir = mkdtempSync(path.join(root, 'raw-'));
  await sh('git', ['clone', '-q', '--depth', '1', '--filter=blob:none', '--sparse', url, 'c'], dir);
  const c = path.join(dir, 'c');
  await sh('git', ['sparse-checkout', 'set', '--no-cone', `/envs/dev/${app}/deployment.yaml`], c);
  await sh('sed', sed(app), c);
  await sh('git', ['commit', '-qam', `deploy(dev): ${app}`], c, identity);
  await sh('git', ['push', '-q', 'origin', 'HEAD:main'], c);
  rmSync(dir, { recursive: true, force: true });
}

/** What teams write by hand: the raw sparse script, pushing until the push is taken, rebasing on each refusal. */
async function rebaseLoop(url, app) {
  const dir = mkdtempSync(path.join(root, 'loop-'));
  await sh('git', ['clone', '-q', '--depth', '1', '--filter=blob:none', '--sparse', url, 'c'], dir);
  const c = path.join(dir, 'c');
  await sh('git', ['sparse-checkout', 'set', '--no-cone', `/envs/dev/${app}/deployment.yaml`], c);
  await sh('sed', sed(app), c);
  await sh('git', ['commit', '-qam', `deploy(dev): ${app}`], c, identity);
  let pushed = false;
  for (let attempt = 0; attempt < 500 && !pushed; attempt++) {
    pushed = await sh('git', ['push', '-q', 'origin', 'HEAD:main'], c).then(
      () => true,
      () => false,
    );
    if (!pushed) await sh('git', ['pull', '-q', '--rebase', 'origin', 'main'], c, identity);
  }
  rmSync(dir, { recursive: true, force: true });
  return pushed;
}

async function naiveFull(url, app) {
  const dir = mkdtempSync(path.join(root, 'naive-'));
  await sh('git', ['clone', '-q', url, 'c'], dir);
  const c = path.join(dir, 'c');
  await sh('sed', sed(app), c);
  await sh('git', ['commit', '-qam', `deploy(dev): ${app}`], c, identity);
  await sh('git', ['push', '-q', 'origin', 'HEAD:main'], c);
  rmSync(dir, { recursive: true, force: true });
}

/** The tag each app was last deployed with, to check nothing was lost. */
const deployed = new Map();
const deploy = async (url, app, limits = { 'push-attempts': '200', 'push-timeout': '600' }) => {
  const image = nextTag();
  const output = await runBundle('deploy', { environment: 'dev', app, image, repository: url, ...limits }, root);
  deployed.set(app, image);
  return /^changed(=true$|<<(.+)\ntrue\n)/m.test(output);
};

/** Runs `one` for each app at once; the wall time, how many landed, and the first failures. */
async function wave(names, one) {
  const failures = [];
  const start = process.hrtime.bigint();
  const landed = await Promise.all(
    names.map((name) =>
      one(name).catch((error) => {
        failures.push(error.message);
        return false;
      }),
    ),
  );
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  for (const failure of failures.slice(0, 3)) console.log(`failed: ${failure.slice(-600)}`);
  return { ms, landed: landed.filter(Boolean).length };
}

const daemon = await startGitDaemon(root);
const latency = Number(values.latency);
const relay = latency > 0 ? await startLatencyRelay(daemon.port, latency) : undefined;
const url = (relay ?? daemon).url('config');
try {
  const app = (i) => apps[(i * 13) % apps.length];
  const deployMs = await median(runs, (i) => deploy(url, app(i)));
  const rawMs = await median(runs, (i) => rawSparse(url, app(i + 50)));
  const naiveMs = await median(runs, (i) => naiveFull(url, app(i + 70)));
  deployed.clear(); // the single runs above were overwritten by the scripts since
  const size = Number(values.wave);
  let next = 0;
  const fresh = (n) => Array.from({ length: n }, () => apps[next++ % apps.length]);
  const loops = [];
  const deploys = [];
  for (let w = 0; w < Number(values.waves); w++) {
    loops.push(await wave(fresh(size), (name) => rebaseLoop(url, name)));
    deploys.push(
      await wave(fresh(size), (name) =>
        deploy(url, name, { 'push-attempts': '200', 'push-timeout': '600', ...signed }),
      ),
    );
  }
  const before = Number(execFileSync('git', ['rev-list', '--count', 'main'], { cwd: bare, encoding: 'utf8' }));
  const wide = await wave(fresh(Number(values.wide)), (name) => deploy(url, name, signed));
  const commits = execFileSync('git', ['rev-list', '--count', 'main'], { cwd: bare, encoding: 'utf8' }).trim();
  console.log(
    `deploy benchmark: ${files} files, ${values.commits} commits (now ${commits}), git daemon on loopback${latency ? ` behind ${latency} ms of latency each way` : ''}, median of ${runs}`,
  );
  console.log(`gitops deploy bundle          ${deployMs.toFixed(0).padStart(6)} ms`);
  console.log(
    `(a) raw sparse git script     ${rawMs.toFixed(0).padStart(6)} ms   deploy/raw   ${(deployMs / rawMs).toFixed(2)}x (target <= 1.2x)`,
  );
  console.log(
    `(b) naive full clone + push   ${naiveMs.toFixed(0).padStart(6)} ms   deploy/naive ${(deployMs / naiveMs).toFixed(2)}x`,
  );
  const sum = (list) => list.reduce((total, run) => total + run.ms, 0);
  const show = (list) => list.map((run) => `${(run.ms / 1000).toFixed(1)} s (${run.landed}/${size})`).join(', ');
  console.log(`${size} pull --rebase loops at once    ${show(loops)}`);
  console.log(`${size} deploys at once              ${show(deploys)}`);
  console.log(
    `deploy wave / pull --rebase wave   ${(sum(deploys) / sum(loops)).toFixed(2)}x (target <= 0.5x, stretch 0.3x); ${(sum(deploys) / deploys.length / deployMs).toFixed(1)}x one deploy`,
  );
  const landedWide = Number(commits) - before;
  const lost = [...deployed].filter(
    ([app, tag]) =>
      !new RegExp(`:${tag.replaceAll('.', '\\.')}(?![0-9])`).test(
        execFileSync('git', ['show', `main:envs/dev/${app}/deployment.yaml`], { cwd: bare, encoding: 'utf8' }),
      ),
  );
  console.log(`lost updates: ${lost.length ? lost.map(([app, tag]) => `${app} ${tag}`).join(', ') : 'none'}`);
  console.log(
    `${values.wide} deploys at once, default push limits: ${(wide.ms / 1000).toFixed(1)} s, ${wide.landed}/${values.wide} landed, ${landedWide} commits`,
  );
} finally {
  relay?.stop();
  daemon.stop();
  rmSync(root, { recursive: true, force: true });
}
