import { describe, expect, test } from 'vitest';
import { type BuildRequest, buildArguments } from '../src/build';
import { buildahArguments } from '../src/buildah';
import { type Builder, chooseEngine } from '../src/builder';

const request: BuildRequest = {
  context: 'app',
  file: undefined,
  tags: ['ghcr.io/acme/web:main'],
  buildArgs: { VERSION: '1.2.3' },
  labels: { 'org.opencontainers.image.revision': 'abc' },
  target: undefined,
  platforms: ['linux/amd64', 'linux/arm64'],
  cacheFrom: ['type=registry,ref=ghcr.io/acme/web:cache', 'type=gha'],
  cacheTo: [],
  secrets: {},
  tempDir: '/tmp',
  sourceDateEpoch: 1763632800,
  provenance: 'mode=max',
  sbom: 'true',
};

describe('docker buildx arguments', () => {
  const buildx: Builder = { kind: 'buildx', command: 'docker', ociOutput: true, instance: 'builder-1' };

  test('an OCI-exporting instance writes the OCI tar itself, with attestations and the commit time', () => {
    expect(buildArguments(buildx, request, {}, '/tmp/id', '/tmp/image.oci.tar')).toEqual([
      'buildx',
      'build',
      '--builder',
      'builder-1',
      '--output',
      'type=oci,dest=/tmp/image.oci.tar',
      '--build-arg',
      'VERSION=1.2.3',
      '--build-arg',
      'SOURCE_DATE_EPOCH=1763632800',
      '--label',
      'org.opencontainers.image.revision=abc',
      '--tag',
      'ghcr.io/acme/web:main',
      '--cache-from',
      'type=registry,ref=ghcr.io/acme/web:cache',
      '--cache-from',
      'type=gha',
      '--provenance=mode=max',
      '--sbom=true',
      '--platform',
      'linux/amd64,linux/arm64',
      '--iidfile',
      '/tmp/id',
      'app',
    ]);
  });

  test('without OCI output the image is loaded; a SOURCE_DATE_EPOCH build arg of the user wins', () => {
    const args = buildArguments(
      { ...buildx, ociOutput: false, instance: undefined },
      { ...request, platforms: [], buildArgs: { SOURCE_DATE_EPOCH: '1' }, provenance: undefined, sbom: undefined },
      {},
      '/tmp/id',
    );
    expect(args.slice(0, 3)).toEqual(['buildx', 'build', '--load']);
    expect(args.filter((arg) => arg.startsWith('SOURCE_DATE_EPOCH'))).toEqual(['SOURCE_DATE_EPOCH=1']);
    expect(args.some((arg) => arg.startsWith('--provenance'))).toBe(false);
  });
});

describe('buildah arguments', () => {
  test('several platforms into a manifest list; times from the commit; registry caches only', () => {
    expect(buildahArguments(request, { token: '/tmp/s0' }, '/tmp/id', 'ghcr.io/acme/web:main')).toEqual([
      'build',
      '--build-arg',
      'VERSION=1.2.3',
      '--label',
      'org.opencontainers.image.revision=abc',
      '--secret',
      'id=token,src=/tmp/s0',
      '--timestamp',
      '1763632800',
      '--cache-from',
      'ghcr.io/acme/web:cache',
      '--layers',
      '--platform',
      'linux/amd64,linux/arm64',
      '--manifest',
      'ghcr.io/acme/web:main',
      'app',
    ]);
  });

  test('one platform: tagged, and its image id written', () => {
    const args = buildahArguments({ ...request, platforms: [], cacheFrom: [] }, {}, '/tmp/id', undefined);
    expect(args.slice(0, 3)).toEqual(['build', '--iidfile', '/tmp/id']);
    expect(args.slice(-3)).toEqual(['--tag', 'ghcr.io/acme/web:main', 'app']);
  });

  test('isolation is passed as buildah takes it', () => {
    const args = buildahArguments({ ...request, platforms: [], isolation: 'chroot' }, {}, '/tmp/id', undefined);
    expect(args).toContain('--isolation');
    expect(args[args.indexOf('--isolation') + 1]).toBe('chroot');
    expect(buildahArguments({ ...request, platforms: [] }, {}, '/tmp/id', undefined)).not.toContain('--isolation');
  });
});

describe('docker build without buildx', () => {
  test('reads caches from image references only: type=gha is left out rather than taken for an image', () => {
    const docker: Builder = { kind: 'buildkit', command: 'docker', ociOutput: false };
    const args = buildArguments(docker, { ...request, platforms: [] }, {}, '/tmp/id');
    const sources = args.flatMap((arg, index) => (arg === '--cache-from' ? [args[index + 1]] : []));
    expect(sources).toEqual(['ghcr.io/acme/web:cache']);
  });
});

describe('engine and builder inputs', () => {
  const names = { engine: 'engine', builder: 'builder' };

  test('builder names a buildx instance, as in build-push-action', () => {
    expect(chooseEngine(undefined, 'builder-abc', names)).toEqual({
      engine: 'auto',
      instance: 'builder-abc',
      note: undefined,
    });
    expect(chooseEngine('buildah', undefined, names)).toEqual({
      engine: 'buildah',
      instance: undefined,
      note: undefined,
    });
  });

  test('an engine written in builder still chooses it, with a note', () => {
    const chosen = chooseEngine(undefined, 'docker', names);
    expect(chosen).toMatchObject({ engine: 'docker', instance: undefined });
    expect(chosen.note).toBe(
      'builder: docker chooses the engine as before; write engine: docker (builder names a buildx instance, as in build-push-action)',
    );
  });

  test('an unknown engine, or an engine in both, is an error naming the input', () => {
    expect(() => chooseEngine('kaniko', undefined, names)).toThrowError(
      'must be one of auto, buildx, docker, buildah, not "kaniko"',
    );
    expect(() => chooseEngine('buildx', 'docker', names)).toThrowError(
      '"docker" is an engine, and engine is given: builder names a buildx instance',
    );
  });
});
