import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runDeploy, seedConfigRepository, show } from './support/config-repo';
import { commandAvailable, type GitDaemon, git, requireService, startGitDaemon } from './support/index';
import { newSigningKey } from './support/ssh-signing';

const apps = Array.from({ length: 11 }, (_, i) => `app-${i}`);
// Signed, with the key in allowed-signers: only then do rejected deploys publish pending changes and carry others'.
const key = newSigningKey();
const files = {
  '.gitops/allowed_signers': key.allowedSigner,
  'gitops.yaml': `allowed-signers: .gitops/allowed_signers\nenvironments:\n  dev:\n    path: envs/dev\n    require-digest: false\napps:\n${apps.map((app) => `  ${app}:\n    image: ghcr.io/acme/${app}\n    targets:\n      - file: envs/{env}/kustomization.yaml\n`).join('')}`,
  'envs/dev/kustomization.yaml': `resources:\n  - ../../base\nimages:\n${apps.map((app) => `  - name: ghcr.io/acme/${app}\n    newTag: "0.0.0"\n`).join('')}`,
};

let daemon: GitDaemon;
beforeAll(async () => {
  requireService('git', () => commandAvailable('git'));
  daemon = await startGitDaemon();
});
afterAll(async () => daemon?.stop());

describe('20 deploys at once against one repository', () => {
  // They land together (docs/commits.md): rejected ones publish their change, the oldest one's pipeline carries it.
  test('every deploy lands or yields to a newer source; no update is lost', async () => {
    const bare = seedConfigRepository(daemon, 'busy', files);
    const url = daemon.url('busy');
    const retry = {
      'push-attempts': '200',
      'push-timeout': '240',
      'commit-signing': 'ssh',
      'signing-key': key.privateKey,
    };
    const differentApps = apps
      .slice(1)
      .map((app, i) => ({ kind: 'app', app, image: `1.0.${i + 1}`, time: '2026-11-20T09:00:00Z' }));
    // The same app, ten versions; the later the source commit, the higher the version. Started in a shuffled order.
    const versions = [7, 2, 10, 4, 1, 9, 5, 3, 8, 6].map((k) => ({
      kind: 'version',
      app: 'app-0',
      image: `2.0.${k}`,
      time: `2026-11-20T10:00:${String(k).padStart(2, '0')}Z`,
    }));
    const runs = [...differentApps, ...versions].sort(
      (a, b) => a.image.localeCompare(b.image) * (a.kind === b.kind ? 1 : -1),
    );
    const results = await Promise.all(
      runs.map((run) =>
        runDeploy(
          { environment: 'dev', app: run.app, image: run.image, repository: url, ...retry },
          // Twenty bundles share the machine with the daemon: each may take far longer than alone.
          { sourceTime: run.time, timeoutMs: 270_000 },
        ),
      ),
    );

    for (const [i, result] of results.entries()) {
      expect(result.exitCode, `${runs[i]?.app} ${runs[i]?.image}: ${result.stderr}${result.stdout.slice(-2000)}`).toBe(
        0,
      );
    }
    const kustomization = show(bare, 'main', 'envs/dev/kustomization.yaml');
    for (const [i, app] of apps.slice(1).entries())
      expect(kustomization).toContain(`  - name: ghcr.io/acme/${app}\n    newTag: "1.0.${i + 1}"\n`);
    expect(kustomization).toContain('  - name: ghcr.io/acme/app-0\n    newTag: "2.0.10"\n');

    const landed = results.filter((result) => result.outputs.changed === 'true');
    // Each reports the commit that carries its own change, whoever pushed it: one commit per deploy.
    results.forEach((result, i) => {
      if (result.outputs.changed !== 'true') return;
      git(['merge-base', '--is-ancestor', result.outputs.commit ?? '', 'main'], bare);
      expect(git(['log', '-1', '--format=%s', result.outputs.commit ?? ''], bare).trim()).toBe(
        `deploy(dev): ${runs[i]?.app} ${runs[i]?.image}`,
      );
    });
    expect(new Set(landed.map((result) => result.outputs.commit)).size).toBe(landed.length);
    expect(git(['for-each-ref', 'refs/gitops/'], bare).trim()).toBe('');
    results.forEach((result, i) => {
      if (result.outputs.changed === 'false') {
        expect(runs[i]?.kind).toBe('version');
        expect(
          result.annotations.some((a) => a.level === 'warning' && a.message.includes('built from a newer source')),
        ).toBe(true);
      }
    });
    expect(results.filter((_, i) => runs[i]?.kind === 'app').every((result) => result.outputs.changed === 'true')).toBe(
      true,
    );
    const commits = git(['rev-list', '--count', 'main'], bare).trim();
    expect(Number(commits)).toBe(1 + landed.length);
  }, 300_000);
});
