// buildah where its container runtime cannot make containers (hybrid cgroups, a container job, a self-hosted runner
// inside Docker): RUN steps build with isolation: chroot, and without it the error names the input. And the CLI's
// --output: the layout in the folder asked for, or nothing left in the temp folder.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseManifest, readLayout } from '@gitops/registry';
import { beforeAll, describe, expect, test } from 'vitest';
import { commandAvailable, requireService, runAction } from './support/index';

const sha = 'ffac537e6cbbf934b08745a378932722df287a53';
const env = { GITHUB_REF: 'refs/heads/main', GITHUB_SHA: sha, DOCKER_HOST: 'unix:///nonexistent/docker.sock' };

beforeAll(() => {
  requireService('buildah', () => commandAvailable('buildah', ['--version']));
});

/** A context whose Dockerfile RUNs busybox-static: no network, no base image. */
function runContext(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'gitops-buildah-run-'));
  copyFileSync('/bin/busybox', path.join(dir, 'busybox'));
  writeFileSync(
    path.join(dir, 'Dockerfile'),
    'FROM scratch\nCOPY busybox /bin/busybox\nRUN ["/bin/busybox", "sh", "-c", "/bin/busybox echo built > /built.txt"]\n',
  );
  return dir;
}

/** The file names in the image's last layer (a gzipped tar in the layout). */
function lastLayerFiles(layoutDir: string): string[] {
  const layout = readLayout(layoutDir);
  const layers = parseManifest(layout.manifest).layers ?? [];
  const last = layers.at(-1)?.digest ?? '';
  const file = path.join(layoutDir, 'blobs', ...last.split(':'));
  return execFileSync('tar', ['-tzf', file], { encoding: 'utf8' }).split('\n').filter(Boolean);
}

describe('buildah RUN steps', () => {
  test('isolation: chroot builds a Dockerfile with RUN on this machine', async () => {
    const result = await runAction(
      'build-image',
      { image: 'ghcr.io/acme/run', context: runContext(), engine: 'buildah', isolation: 'chroot' },
      { env },
    );
    expect(result.stderr).toBe('');
    expect(result.exitCode, result.stdout.slice(-2000)).toBe(0);
    expect(lastLayerFiles(result.outputs['oci-path'] as string)).toContain('built.txt');
  });

  test('without it, a runtime that cannot make containers fails naming the input; one that can builds', async () => {
    const result = await runAction(
      'build-image',
      { image: 'ghcr.io/acme/run', context: runContext(), engine: 'buildah' },
      { env },
    );
    if (result.exitCode === 0) {
      // This host's runtime makes containers: the default isolation is fine here.
      expect(lastLayerFiles(result.outputs['oci-path'] as string)).toContain('built.txt');
      return;
    }
    const errors = result.annotations.filter((a) => a.level === 'error').map((a) => a.message);
    expect(errors).toEqual([
      expect.stringMatching(
        /^gitops build-image: input isolation: buildah's container runtime cannot run the Dockerfile's RUN steps on this host \(.+\), as happens with hybrid cgroups, in container jobs and on self-hosted runners inside Docker: build with chroot isolation \(buildah build --isolation chroot\), which needs no runtime$/,
      ),
    ]);
  });

  test('isolation is checked: a value buildah does not know, and an engine that is not buildah', async () => {
    const bad = await runAction('build-image', { context: runContext(), isolation: 'vm', engine: 'buildah' }, { env });
    expect(bad.annotations.at(-1)?.message).toBe(
      'gitops build-image: input isolation must be one of oci, rootless, chroot, not "vm"',
    );
    const docker = await runAction(
      'build-image',
      { context: runContext(), isolation: 'chroot', engine: 'docker' },
      { env },
    );
    expect(docker.annotations.at(-1)?.message).toBe(
      "gitops build-image: input isolation is buildah's setting; engine docker does not take it",
    );
  });
});

describe('gitops build --output', () => {
  const cli = (args: string[], temp: string) =>
    runAction(
      'cli',
      {},
      {
        args: ['build', '--engine', 'buildah', '--isolation', 'chroot', '--image', 'ghcr.io/acme/cli', ...args],
        env: { ...env, TMPDIR: temp, SOURCE_DATE_EPOCH: '1763632800' },
      },
    );

  test('without --output nothing is left in the temp folder; with it, the layout is in the folder asked for', async () => {
    const context = runContext();
    const temp = mkdtempSync(path.join(tmpdir(), 'gitops-cli-tmp-'));
    const plain = await cli(['--json', context], temp);
    expect(plain.exitCode, plain.stderr).toBe(0);
    expect(JSON.parse(plain.stdout)).toMatchObject({ digest: expect.stringMatching(/^sha256:/), ociPath: null });
    expect(readdirSync(temp).filter((name) => name.startsWith('gitops-'))).toEqual([]);

    const out = path.join(mkdtempSync(path.join(tmpdir(), 'gitops-cli-out-')), 'layout');
    const kept = await cli(['--output', out, context], temp);
    expect(kept.exitCode, kept.stderr).toBe(0);
    expect(kept.stdout).toContain(`oci-path ${out}`);
    // RUN steps under chroot isolation are not byte-for-byte reproducible: the layout is the digest this run printed.
    expect(kept.stdout).toContain(`digest ${readLayout(out).manifest.digest}`);
    expect(readdirSync(temp).filter((name) => name.startsWith('gitops-'))).toEqual([]);
  });

  test('a folder that is not empty, and the old --output oci, are refused before building', async () => {
    const temp = mkdtempSync(path.join(tmpdir(), 'gitops-cli-tmp-'));
    const full = mkdtempSync(path.join(tmpdir(), 'gitops-cli-full-'));
    mkdirSync(path.join(full, 'mine'));
    const refused = await cli(['--output', full, runContext()], temp);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain(
      `gitops build: --output: ${full} is not empty: give a new or empty folder for the OCI layout\n`,
    );
    expect(existsSync(path.join(full, 'mine'))).toBe(true);
    const old = await cli(['--output', 'oci', runContext()], temp);
    expect(old.exitCode).toBe(2);
    expect(old.stderr).toContain('--output takes the folder to write the OCI layout to (--output ./layout), or docker');
  });
});
