// Benchmark: what require-provenance adds to a deploy. In the generated 10,000-file, 2,000-commit config
// repository behind git daemon, the deploy bundle writes the same digest into staging (no rule) and into prod
// (require-provenance: the attestation is read from the GitHub double's attestations API and verified against
// the Sigstore double's trust root), alternately, run after run; the difference of the medians is the cost of
// verifying, beside the deploy it guards. Also timed: `gitops verify` of one digest with the CLI bundle.
// Usage: node --import ./scripts/ts-register.mjs bench/provenance/run.ts [--runs 9]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { GitHubAttestations } from '@gitops/github';
import { startGitHubDouble } from '../../test/support/github-double';
import { startSigstoreDouble } from '../../test/support/sigstore-double';
// @ts-expect-error: the benchmarks' shared helpers are plain JavaScript
import { digestOf, generateConfigRepo, runBundle, sh, startGitDaemon } from '../lib/config-repo.mjs';
// @ts-expect-error: as above
import { bundleNode } from '../lib/node24.mjs';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '9' } } });
const runs = Number(values.runs);
const root = mkdtempSync(path.join(tmpdir(), 'gitops-bench-provenance-'));
const bare = path.join(root, 'config.git');
const { apps, files } = generateConfigRepo(bare) as { apps: string[]; files: number };
const [github, sigstore] = await Promise.all([startGitHubDouble(), startSigstoreDouble()]);
const token = 'ghs_benchtoken0123456789';

// prod requires provenance from acme/<app>, with the Sigstore double's trust root committed beside gitops.yaml.
const work = path.join(root, 'work');
execFileSync('git', ['clone', '-q', bare, work]);
const gitopsYaml = path.join(work, 'gitops.yaml');
const text = execFileSync('git', ['show', 'HEAD:gitops.yaml'], { cwd: work, encoding: 'utf8' });
writeFileSync(
  gitopsYaml,
  text.replace(
    '  prod:\n    path: envs/prod\n    require-digest: false\n',
    '  prod:\n    path: envs/prod\n    require-provenance:\n      repository: acme/{app}\n      trusted-root: sigstore/trusted_root.jsonl\n',
  ),
);
execFileSync('mkdir', ['-p', path.join(work, 'sigstore')]);
writeFileSync(path.join(work, 'sigstore', 'trusted_root.jsonl'), `${JSON.stringify(sigstore.trustedRoot)}\n`);
const identity = {
  GIT_AUTHOR_NAME: 'b',
  GIT_AUTHOR_EMAIL: 'b@invalid',
  GIT_COMMITTER_NAME: 'b',
  GIT_COMMITTER_EMAIL: 'b@invalid',
};
await sh('git', ['add', '-A'], work);
await sh('git', ['commit', '-qm', 'prod requires provenance'], work, identity);
await sh('git', ['push', '-q', 'origin', 'HEAD:main'], work);

const daemon = await startGitDaemon(root);
const url = daemon.url('config');
const env = { GITHUB_API_URL: github.url };
const attestations = new GitHubAttestations(token, github.url);
const time = async (fn: () => Promise<unknown>) => {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
};
const median = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
};
try {
  const plain: number[] = [];
  const verified: number[] = [];
  const verifies: number[] = [];
  for (let i = 0; i < runs; i++) {
    const app = apps[(i * 13) % apps.length] as string;
    const digest = digestOf(700000 + i) as string;
    await attestations.store(
      `acme/${app}`,
      await sigstore.attest(digest, `acme/${app}/.github/workflows/ci.yml@refs/heads/main`),
    );
    const deploy = (environment: string) =>
      runBundle(
        'deploy',
        { environment, app, image: `7.${i}.0@${digest}`, repository: url, token },
        root,
        undefined,
        env,
      );
    // Alternate which goes first, so neither always meets a colder cache.
    const order = i % 2 === 0 ? ['staging', 'prod'] : ['prod', 'staging'];
    for (const environment of order) {
      const ms = await time(() => deploy(environment));
      (environment === 'prod' ? verified : plain).push(ms);
    }
    verifies.push(
      await time(() =>
        sh(
          bundleNode(),
          [
            path.resolve(import.meta.dirname, '../../dist/cli/index.js'),
            'verify',
            `ghcr.io/acme/${app}@${digest}`,
            '--repository',
            `acme/${app}`,
            '--trusted-root',
            path.join(work, 'sigstore', 'trusted_root.jsonl'),
            '--api-url',
            github.url,
          ],
          root,
          { GITHUB_TOKEN: token },
        ),
      ),
    );
  }
  const [a, b, v] = [median(plain), median(verified), median(verifies)];
  console.log(
    `provenance benchmark: ${files} files, 2,000 commits, git daemon and doubles on loopback, median of ${runs}`,
  );
  console.log(`deploy to staging (no rule)              ${a.toFixed(0).padStart(6)} ms`);
  console.log(`deploy to prod (require-provenance)      ${b.toFixed(0).padStart(6)} ms`);
  console.log(
    `verification per deploy                  ${(b - a).toFixed(0).padStart(6)} ms   ${(((b - a) / a) * 100).toFixed(1)}% of a deploy (target < 10%)`,
  );
  console.log(`gitops verify (CLI bundle, whole run)    ${v.toFixed(0).padStart(6)} ms`);
  if (github.failures.length) console.log(`GitHub double: ${github.failures.length} requests off the description`);
} finally {
  daemon.stop();
  await Promise.all([github.stop(), sigstore.stop()]);
  rmSync(root, { recursive: true, force: true });
}
