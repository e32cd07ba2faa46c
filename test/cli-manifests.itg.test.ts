import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { beforeEach, describe, expect, test } from 'vitest';
import { projectRoot, runAction } from './support/index';

const sha = (c: string) => `sha256:${c.repeat(64)}`;
let repo: string;

function gitops(...args: string[]) {
  return runAction('cli', {}, { args, workspace: repo });
}

function snapshot(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(repo, { recursive: true, withFileTypes: true })) {
    if (entry.isFile())
      files[path.relative(repo, path.join(entry.parentPath, entry.name))] = readFileSync(
        path.join(entry.parentPath, entry.name),
        'utf8',
      );
  }
  return files;
}

beforeEach(() => {
  repo = mkdtempSync(path.join(tmpdir(), 'gitops-cli-repo-'));
  cpSync(path.join(projectRoot, 'examples', 'config-repo'), repo, { recursive: true });
});

describe('gitops images', () => {
  test('every app in every environment, with file:line', async () => {
    const result = await gitops('images', '--json');
    expect(result.exitCode).toBe(0);
    const rows = JSON.parse(result.stdout) as {
      environment: string;
      app: string;
      image: string;
      sites: { file: string; line: number }[];
    }[];
    expect(rows.map((row) => `${row.environment} ${row.app} ${row.image}`)).toEqual([
      'dev web ghcr.io/acme/web:1.5.0-rc.1',
      'dev api ghcr.io/acme/api:2.1.0',
      'dev worker ghcr.io/acme/worker:0.9.0',
      `staging web ghcr.io/acme/web:1.4.2@sha256:3f2a9c1d8e7b6a5f4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b`,
      `staging api ghcr.io/acme/api:2.0.1@sha256:c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00`,
      `staging worker ghcr.io/acme/worker:0.8.3@sha256:3f2a9c1d8e7b6a5f4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b`,
      `prod web ghcr.io/acme/web:1.4.1@sha256:9b1e4c7a2d5f8e0b3a6c9d2f5e8b1a4c7d0f3e6b9a2c5d8f1e4b7a0c3d6f9e2a`,
      `prod api ghcr.io/acme/api:2.0.1@sha256:c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00`,
      `prod worker ghcr.io/acme/worker:0.8.3@sha256:3f2a9c1d8e7b6a5f4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b`,
    ]);
    expect(rows[1]?.sites.map((site) => `${site.file}:${site.line}`)).toEqual([
      'envs/dev/api-release.yaml:19',
      'envs/dev/api-release.yaml:20',
    ]);
  });

  test('--env and --app narrow it; the text table names the place', async () => {
    const result = await gitops('images', '--env', 'prod', '--app', 'web');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(
      /^prod\s+web\s+ghcr\.io\/acme\/web:1\.4\.1@sha256:9b1e\S+\s+envs\/prod\/kustomization\.yaml:21:5$/m,
    );
  });

  test('places that disagree: exit 1, each place annotated', async () => {
    const file = path.join(repo, 'envs/staging/api-release.yaml');
    writeFileSync(
      file,
      readFileSync(file, 'utf8')
        .replace("tag: '2.0.1'", "tag: '2.0.2'")
        .replace(/digest: '[^']+'/, "digest: ''"),
    );
    const worker = path.join(repo, 'envs/staging/worker.yaml');
    writeFileSync(
      worker,
      `${readFileSync(worker, 'utf8')}        - name: sidecar\n          image: ghcr.io/acme/worker:0.8.4 # {"$imagepolicy": "flux-system:worker"}\n`,
    );
    const result = await gitops('images', '--env', 'staging');
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(/^staging\s+worker\s+\(places disagree\)/m);
    expect(result.annotations.map((a) => `${a.file}:${a.line}:${a.column}`)).toEqual([
      'envs/staging/worker.yaml:17:18',
      'envs/staging/worker.yaml:20:18',
    ]);
  });

  test('without gitops.yaml, apps are found by their images in envs/', async () => {
    rmSync(path.join(repo, 'gitops.yaml'));
    const result = await gitops('images', '--json', '--env', 'prod');
    expect(result.exitCode).toBe(0);
    const rows = JSON.parse(result.stdout) as { app: string; image: string }[];
    expect(rows.map((row) => row.app)).toEqual(['web', 'worker']);
  });
});

describe('gitops set-image', () => {
  test('--dry-run prints the diff and writes nothing', async () => {
    const before = snapshot();
    const result = await gitops('set-image', '--env', 'prod', '--app', 'api', '--to', `2.1.0@${sha('d')}`, '--dry-run');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain(
      `-      tag: '2.0.1'\n-      digest: 'sha256:${'c0ffee00'.repeat(8)}'\n+      tag: '2.1.0'\n+      digest: '${sha('d')}'\n`,
    );
    expect(snapshot()).toEqual(before);
  });

  test('through gitops.yaml: writes, then the same again is no change', async () => {
    const first = await gitops('set-image', '--env', 'staging', '--app', 'web', '--to', `1.5.0@${sha('e')}`);
    expect(first.exitCode).toBe(0);
    expect(first.stdout).toBe('updated envs/staging/kustomization.yaml\n');
    expect(readFileSync(path.join(repo, 'envs/staging/kustomization.yaml'), 'utf8')).toContain(
      `newTag: "1.5.0"\n    digest: ${sha('e')}\n`,
    );
    const again = await gitops('set-image', '--env', 'staging', '--app', 'web', '--to', `1.5.0@${sha('e')}`);
    expect(again.stdout).toBe('no change: every place already has that image\n');
    const json = await gitops(
      'set-image',
      '--env',
      'prod',
      '--app',
      'web',
      '--to',
      `1.5.0@${sha('e')}`,
      '--dry-run',
      '--json',
    );
    expect(JSON.parse(json.stdout)).toMatchObject({
      changed: true,
      dryRun: true,
      files: [{ file: 'envs/prod/kustomization.yaml', diff: expect.stringContaining(`+    digest: ${sha('e')}`) }],
    });
  });

  test('given files: detects each kind, skips files without the image', async () => {
    const result = await gitops(
      'set-image',
      'envs/dev/worker.yaml',
      'base/web-service.yaml',
      '--image',
      'ghcr.io/acme/worker',
      '--to',
      '1.0.0',
    );
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe('updated envs/dev/worker.yaml\n');
  });

  test('a version alone on an entry with newName sets newTag and keeps newName, as kustomize edit set image does', async () => {
    const file = path.join(repo, 'envs/dev/renamed/kustomization.yaml');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(
      file,
      'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nimages:\n  - name: my-app\n    newName: registry.example.com/acme/my-app\n    newTag: 1.0.0\n',
    );
    const result = await gitops(
      'set-image',
      'envs/dev/renamed/kustomization.yaml',
      '--image',
      'my-app',
      '--to',
      '1.2.3',
    );
    expect(result.exitCode, result.stderr).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(
      'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nimages:\n  - name: my-app\n    newName: registry.example.com/acme/my-app\n    newTag: 1.2.3\n',
    );
    // A whole reference still says where the image goes.
    const moved = await gitops(
      'set-image',
      'envs/dev/renamed/kustomization.yaml',
      '--image',
      'my-app',
      '--to',
      'my-app:2.0.0',
    );
    expect(moved.exitCode, moved.stderr).toBe(0);
    expect(readFileSync(file, 'utf8')).not.toContain('newName');
  });

  test('nothing matched in any file: exit 1 naming where it looked', async () => {
    const result = await gitops(
      'set-image',
      'base/web-service.yaml',
      'envs/dev/worker.yaml',
      '--image',
      'ghcr.io/acme/nothing',
      '--to',
      '1.0.0',
    );
    expect(result.exitCode).toBe(1);
    expect(result.annotations.map((a) => a.file)).toEqual(['base/web-service.yaml', 'envs/dev/worker.yaml']);
    expect(result.stderr).toContain('target not found: no image of app "nothing"');
  });

  test('one broken file stops the whole change: nothing is written', async () => {
    writeFileSync(path.join(repo, 'envs/dev/broken.yaml'), 'spec: [unclosed\n');
    const before = snapshot();
    const result = await gitops(
      'set-image',
      'envs/dev/worker.yaml',
      'envs/dev/broken.yaml',
      '--image',
      'ghcr.io/acme/worker',
      '--to',
      '1.0.0',
    );
    expect(result.exitCode).toBe(1);
    expect(result.annotations[0]).toMatchObject({ file: 'envs/dev/broken.yaml', line: 2 });
    expect(snapshot()).toEqual(before);
  });

  test.each([
    [['--env', 'dev', '--app', 'web'], '--to is required'],
    [['envs/dev/worker.yaml', '--to', '1'], '--image is required with files'],
    [['envs/dev/worker.yaml', '--image', 'ghcr.io/acme/worker', '--to', '1', '--write', 'tag'], '--write needs --path'],
    [
      ['envs/dev/worker.yaml', '--image', 'ghcr.io/acme/worker', '--to', '1', '--path', 'a', '--write', 'tags'],
      '--write must be one of reference, tag, digest, tag@digest, not "tags"',
    ],
    [
      ['envs/dev/worker.yaml', '--image', 'ghcr.io/acme/worker:1', '--to', '2'],
      '--image names the image only; put the version in --to',
    ],
    [
      ['envs/dev/worker.yaml', '--env', 'dev', '--app', 'web', '--to', '1'],
      'give either FILE... or --env and --app, not both',
    ],
    [['--env', 'dev', '--to', '1'], '--env and --app go together'],
    [
      ['envs/dev/worker.yaml', '--image', 'ghcr.io/acme/worker', '--to=-x'],
      '--to: invalid image reference "-x": "-x" is not a valid tag',
    ],
  ])('usage error: %j', async (args, message) => {
    const result = await gitops('set-image', ...args);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(`gitops set-image: ${message}`);
  });

  test('config mode: an image of another app is refused', async () => {
    const result = await gitops('set-image', '--env', 'prod', '--app', 'web', '--to', 'ghcr.io/acme/api:1');
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain(
      'ghcr.io/acme/api:1 is not an image of app "web", which is ghcr.io/acme/web in prod',
    );
  });
});
