// A 2-platform image from build to production, daemonless: buildah builds it FROM scratch (no emulation needed),
// build-image writes the OCI index, push-registry publishes it to one registry, a signature and an attestation
// are attached there the ways cosign and the referrers tag schema do, and both push-registry and promote carry
// the index whole to registries whose credentials differ, signatures and attestations with it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  getManifest,
  type Manifest,
  mediaTypes,
  parseManifest,
  putBlob,
  putManifest,
  RegistryClient,
  readLayout,
  resolveDigest,
  sha256Digest,
} from '@gitops/registry';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { show } from './support/config-repo';
import {
  commandAvailable,
  type GitDaemon,
  git,
  type Registry,
  requireService,
  runAction,
  startGitDaemon,
  startRegistry,
} from './support/index';

const builds = { username: 'builder', password: 'bu1ld-pass-A' };
const releases = { username: 'releaser', password: 'rel3ase-pass-B' };
const production = { username: 'deployer', password: 'pr0d-pass-C' };
let first: Registry;
let second: Registry;
let third: Registry;
let daemon: GitDaemon;
let workspace: string;
let commit: string;
let dockerConfig: string;

const commitTime = '2026-11-20T10:00:00Z';

beforeAll(async () => {
  requireService('buildah', () => commandAvailable('buildah', ['--version']));
  requireService('skopeo', () => commandAvailable('skopeo', ['--version']));
  requireService('docker-registry', () => commandAvailable('docker-registry', ['--version']));
  requireService('git', () => commandAvailable('git'));
  [first, second, third, daemon] = await Promise.all([
    startRegistry({ auth: builds }),
    startRegistry({ auth: releases }),
    startRegistry({ auth: production }),
    startGitDaemon(),
  ]);
  workspace = mkdtempSync(path.join(tmpdir(), 'gitops-multi-'));
  writeFileSync(path.join(workspace, 'hello.txt'), 'hello from two platforms\n');
  writeFileSync(path.join(workspace, 'Dockerfile'), 'FROM scratch\nCOPY hello.txt /hello.txt\n');
  git(['init', '-q', '-b', 'main'], workspace);
  git(['add', '.'], workspace);
  git(['commit', '-q', '-m', 'app'], workspace, {
    GIT_AUTHOR_DATE: commitTime,
    GIT_COMMITTER_DATE: commitTime,
  });
  commit = git(['rev-parse', 'HEAD'], workspace).trim();
  // As docker/login-action leaves it: one entry per registry, each with its own credentials.
  const auth = (login: { username: string; password: string }) => ({
    auth: Buffer.from(`${login.username}:${login.password}`).toString('base64'),
  });
  dockerConfig = mkdtempSync(path.join(tmpdir(), 'gitops-docker-config-'));
  writeFileSync(
    path.join(dockerConfig, 'config.json'),
    JSON.stringify({
      auths: { [first.host]: auth(builds), [second.host]: auth(releases), [third.host]: auth(production) },
    }),
  );
});
afterAll(async () => Promise.all([first?.stop(), second?.stop(), third?.stop(), daemon?.stop()]));

const build = () =>
  runAction(
    'build-image',
    { image: `${first.host}/Acme/Web`, platforms: 'linux/amd64,linux/arm64', engine: 'buildah' },
    { workspace, env: { GITHUB_SHA: commit, GITHUB_REF: 'refs/heads/main', GITHUB_WORKSPACE: workspace } },
  );

const skopeoRaw = (reference: string, creds: { username: string; password: string }) =>
  JSON.parse(
    execFileSync('skopeo', [
      'inspect',
      '--raw',
      '--tls-verify=false',
      '--creds',
      `${creds.username}:${creds.password}`,
      `docker://${reference}`,
    ]).toString('utf8'),
  ) as { mediaType: string; manifests: { digest: string; platform: { architecture: string } }[] };

/** A cosign-style signature (tag `sha256-<hex>.sig`) and an attestation listed in the referrers fallback tag. */
async function attach(client: RegistryClient, repository: string, subject: Manifest): Promise<Manifest[]> {
  const json = (value: unknown) => new Uint8Array(Buffer.from(JSON.stringify(value)));
  const empty = json({});
  const payload = json({ critical: { image: { 'docker-manifest-digest': subject.digest } } });
  const statement = json({ _type: 'https://in-toto.io/Statement/v1', subject: [{ digest: subject.digest }] });
  for (const blob of [empty, payload, statement]) await putBlob(client, repository, sha256Digest(blob), blob);
  const signature = json({
    schemaVersion: 2,
    mediaType: mediaTypes.ociManifest,
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: sha256Digest(empty), size: 2 },
    layers: [
      {
        mediaType: 'application/vnd.dev.cosign.simplesigning.v1+json',
        digest: sha256Digest(payload),
        size: payload.byteLength,
        annotations: { 'dev.cosignproject.cosign/signature': 'MEUCIQDtest' },
      },
    ],
  });
  const attestation = json({
    schemaVersion: 2,
    mediaType: mediaTypes.ociManifest,
    artifactType: 'application/vnd.in-toto+json',
    config: { mediaType: 'application/vnd.oci.empty.v1+json', digest: sha256Digest(empty), size: 2 },
    layers: [
      { mediaType: 'application/vnd.in-toto+json', digest: sha256Digest(statement), size: statement.byteLength },
    ],
    subject: { mediaType: subject.mediaType, digest: subject.digest, size: subject.bytes.byteLength },
  });
  const manifests = [signature, attestation].map((bytes) => ({
    bytes,
    mediaType: mediaTypes.ociManifest,
    digest: sha256Digest(bytes),
  }));
  const [signed, attested] = manifests as [Manifest, Manifest];
  const base = subject.digest.replace(':', '-');
  await putManifest(client, repository, `${base}.sig`, signed);
  await putManifest(client, repository, attested.digest, attested);
  const fallback = json({
    schemaVersion: 2,
    mediaType: mediaTypes.ociIndex,
    manifests: [
      {
        mediaType: mediaTypes.ociManifest,
        digest: attested.digest,
        size: attested.bytes.byteLength,
        artifactType: 'application/vnd.in-toto+json',
      },
    ],
  });
  await putManifest(client, repository, base, {
    bytes: fallback,
    mediaType: mediaTypes.ociIndex,
    digest: sha256Digest(fallback),
  });
  return manifests;
}

/** The first platform's manifest digest in an index. */
const index0 = (manifest: Manifest) => parseManifest(manifest).manifests?.[0]?.digest ?? '';

describe('a 2-platform image, daemonless, from build to production', () => {
  test('buildah builds an OCI index reproducibly; it is published, signed, copied and promoted whole', async () => {
    const built = await build();
    expect(built.stderr).toBe('');
    expect(built.exitCode, built.stdout.slice(-3000)).toBe(0);
    const digest = built.outputs.digest as string;
    expect(JSON.parse(built.outputs.metadata ?? '{}')).toMatchObject({ builder: 'buildah' });
    // The name was lower-cased; the tags are sha-<7> and the branch.
    expect(built.outputs.tags).toBe(`${first.host}/acme/web:sha-${commit.slice(0, 7)}\n${first.host}/acme/web:main`);
    const layout = readLayout(built.outputs['oci-path'] as string);
    expect(layout.manifest).toMatchObject({ mediaType: mediaTypes.ociIndex, digest });
    const platforms = (parseManifest(layout.manifest).manifests ?? []).map((child) => child.platform?.architecture);
    expect(platforms.sort()).toEqual(['amd64', 'arm64']);
    const child = parseManifest({ ...layout.manifest, bytes: layout.blob(index0(layout.manifest)) });
    const config = JSON.parse(Buffer.from(layout.blob(child.config?.digest ?? '')).toString('utf8')) as {
      created: string;
      config: { Labels: Record<string, string> };
    };
    expect(new Date(config.created).toISOString()).toBe(new Date(commitTime).toISOString());
    expect(config.config.Labels['org.opencontainers.image.created']).toBe(new Date(commitTime).toISOString());

    // The same commit built again: the same index digest.
    const again = await build();
    expect(again.exitCode).toBe(0);
    expect(again.outputs.digest).toBe(digest);

    const pushed = await runAction(
      'push-registry',
      {
        source: `oci:${built.outputs['oci-path']}`,
        destinations: built.outputs.tags as string,
        username: builds.username,
        password: builds.password,
      },
      { env: { DOCKER_CONFIG: mkdtempSync(path.join(tmpdir(), 'gitops-empty-docker-')) } },
    );
    expect(pushed.stderr).toBe('');
    expect(pushed.outputs.digest).toBe(digest);
    const index = skopeoRaw(`${first.host}/acme/web:main`, builds);
    expect(index.mediaType).toBe(mediaTypes.ociIndex);
    expect(index.manifests).toHaveLength(2);

    const sourceClient = new RegistryClient(first.host, { credentials: builds });
    const [signature, attestation] = await attach(
      sourceClient,
      'acme/web',
      await getManifest(sourceClient, 'acme/web', digest),
    );

    // Copied between registries with docker's credentials, one login per registry.
    const copied = await runAction(
      'push-registry',
      { source: `${first.host}/acme/web:main`, destinations: `${second.host}/release/web:1.0.0` },
      { env: { DOCKER_CONFIG: dockerConfig } },
    );
    expect(copied.stderr).toBe('');
    expect(copied.exitCode).toBe(0);
    expect(copied.outputs.digest).toBe(digest);
    expect(JSON.parse(copied.outputs.pushed ?? '[]')[0]).toMatchObject({ referrers: 2 });
    const secondClient = new RegistryClient(second.host, { credentials: releases });
    expect(skopeoRaw(`${second.host}/release/web:1.0.0`, releases).manifests).toEqual(index.manifests);
    const base = digest.replace(':', '-');
    expect(await resolveDigest(secondClient, 'release/web', `${base}.sig`)).toBe(signature?.digest);
    const listed = parseManifest(await getManifest(secondClient, 'release/web', base));
    expect(listed.manifests?.map((entry) => entry.digest)).toEqual([attestation?.digest]);
    expect((await getManifest(secondClient, 'release/web', attestation?.digest ?? '')).digest).toBe(
      attestation?.digest,
    );

    // Promoted from dev (the first registry) to prod (the third): the index digest is pinned and copied whole.
    const image = `${first.host}/acme/web`;
    daemon.createRepository('acme/web-config', {
      'gitops.yaml': `environments:\n  dev:\n    path: envs/dev\n  prod:\n    path: envs/prod\napps:\n  web:\n    image: ${image}\n    targets:\n      - file: envs/{env}/kustomization.yaml\n    environments:\n      prod:\n        image: ${third.host}/prod/web\n`,
      'envs/dev/kustomization.yaml': `images:\n  - name: ${image}\n    newTag: main\n    digest: ${digest}\n`,
      'envs/prod/kustomization.yaml': `images:\n  - name: ${image}\n    newName: ${third.host}/prod/web\n    newTag: "0.9"\n`,
    });
    const promoted = await runAction(
      'promote',
      { repository: 'acme/web-config', from: 'dev', to: 'prod' },
      {
        token: 'ghs_x',
        env: { GITHUB_SERVER_URL: `git://127.0.0.1:${daemon.port}`, DOCKER_CONFIG: dockerConfig },
      },
    );
    expect(promoted.stderr).toBe('');
    expect(promoted.exitCode, promoted.stdout.slice(-2000)).toBe(0);
    expect(JSON.parse(promoted.outputs.promoted ?? '[]')[0]).toMatchObject({
      copied: true,
      image: `${third.host}/prod/web:main@${digest}`,
    });
    expect(show(`${daemon.base}/acme/web-config.git`, 'main', 'envs/prod/kustomization.yaml')).toContain(
      `newName: ${third.host}/prod/web\n    newTag: "main"\n    digest: ${digest}`,
    );
    expect(skopeoRaw(`${third.host}/prod/web:main`, production).manifests).toEqual(index.manifests);
    const thirdClient = new RegistryClient(third.host, { credentials: production });
    expect(await resolveDigest(thirdClient, 'prod/web', `${base}.sig`)).toBe(signature?.digest);
  });
});
