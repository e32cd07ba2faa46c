import { describe, expect, test } from 'vitest';
import {
  familiarName,
  formatImageRef,
  type ImageRef,
  ImageRefError,
  isValidDigest,
  parseImageRef,
  resolveImageUpdate,
  sameImage,
  sameRepository,
  shortDigest,
  tryParseImageRef,
  withDigest,
  withTag,
} from '../src/index';

const sha = `sha256:${'a'.repeat(64)}`;
const otherSha = `sha256:${'b'.repeat(64)}`;

describe('parseImageRef normalises like docker pull', () => {
  test.each<[string, ImageRef]>([
    ['nginx', { registry: 'docker.io', repository: 'library/nginx' }],
    ['nginx:1.27', { registry: 'docker.io', repository: 'library/nginx', tag: '1.27' }],
    ['library/nginx', { registry: 'docker.io', repository: 'library/nginx' }],
    ['docker.io/nginx', { registry: 'docker.io', repository: 'library/nginx' }],
    ['index.docker.io/nginx:latest', { registry: 'docker.io', repository: 'library/nginx', tag: 'latest' }],
    ['acme/web', { registry: 'docker.io', repository: 'acme/web' }],
    ['ghcr.io/acme/web:1.4.2', { registry: 'ghcr.io', repository: 'acme/web', tag: '1.4.2' }],
    [`ghcr.io/acme/web:1.4.2@${sha}`, { registry: 'ghcr.io', repository: 'acme/web', tag: '1.4.2', digest: sha }],
    [`ghcr.io/acme/web@${sha}`, { registry: 'ghcr.io', repository: 'acme/web', digest: sha }],
    ['localhost/web', { registry: 'localhost', repository: 'web' }],
    ['localhost:5000/team/web:dev', { registry: 'localhost:5000', repository: 'team/web', tag: 'dev' }],
    ['127.0.0.1:5000/web', { registry: '127.0.0.1:5000', repository: 'web' }],
    ['[::1]:5000/web:v1', { registry: '[::1]:5000', repository: 'web', tag: 'v1' }],
    ['registry:5000/web', { registry: 'registry:5000', repository: 'web' }],
    ['Registry.Example.com/web', { registry: 'Registry.Example.com', repository: 'web' }],
    ['UPPER/web', { registry: 'UPPER', repository: 'web' }],
    ['a/b/c/d/e:tag', { registry: 'docker.io', repository: 'a/b/c/d/e', tag: 'tag' }],
    [
      'my-registry.io/a__b/c.d/e-f---g:V_1.0-rc',
      { registry: 'my-registry.io', repository: 'a__b/c.d/e-f---g', tag: 'V_1.0-rc' },
    ],
    ['localhost:5000', { registry: 'docker.io', repository: 'library/localhost', tag: '5000' }],
    [`web:${'t'.repeat(128)}`, { registry: 'docker.io', repository: 'library/web', tag: 't'.repeat(128) }],
    [
      `web@sha512:${'c'.repeat(128)}`,
      { registry: 'docker.io', repository: 'library/web', digest: `sha512:${'c'.repeat(128)}` },
    ],
  ])('%s', (input, expected) => {
    expect(parseImageRef(input)).toEqual(expected);
  });
});

describe('parseImageRef rejects what the grammar rejects', () => {
  test.each<[string, RegExp]>([
    ['', /is empty/],
    [' nginx', /white space/],
    ['ghcr.io/Acme/web', /must be lowercase/],
    ['Nginx', /must be lowercase/],
    ['web:', /tag after ":" is empty/],
    ['web:-bad', /not a valid tag/],
    ['web:.bad', /not a valid tag/],
    [`web:${'t'.repeat(129)}`, /not a valid tag/],
    ['web@', /digest after "@" is empty/],
    ['web@sha256:abc', /not a digest/],
    [`web@sha256:${'a'.repeat(63)}`, /64 hex characters, this one has 63/],
    [`web@sha256:${'a'.repeat(65)}`, /64 hex characters, this one has 65/],
    [`web@sha256:${'A'.repeat(64)}`, /lowercase hexadecimal/],
    [`web@md5:${'a'.repeat(32)}`, /unsupported digest algorithm "md5"/],
    ['ghcr.io//web', /empty path component/],
    ['ghcr.io/web/', /empty path component/],
    ['/web', /empty path component/],
    ['web_-x', /does not match/],
    ['web..x', /does not match/],
    ['-web', /does not match/],
    ['we b', /does not match/],
    ['web:1:2', /not a valid tag/],
    [`${'a'.repeat(64)}`, /64-character hexadecimal/],
    [`ghcr.io/${'a/'.repeat(130)}b`, /longer than 255/],
  ])('%j', (input, reason) => {
    expect(() => parseImageRef(input)).toThrowError(ImageRefError);
    expect(() => parseImageRef(input)).toThrowError(reason);
    expect(tryParseImageRef(input)).toBeUndefined();
  });

  test('the error names the input', () => {
    expect(() => parseImageRef('ghcr.io/Acme/web')).toThrowError(
      'invalid image reference "ghcr.io/Acme/web": the repository name must be lowercase',
    );
  });
});

describe('formatImageRef', () => {
  test.each<[string, string, string]>([
    ['nginx', 'docker.io/library/nginx', 'nginx'],
    ['nginx:1.27', 'docker.io/library/nginx:1.27', 'nginx:1.27'],
    ['acme/web:1', 'docker.io/acme/web:1', 'acme/web:1'],
    [`ghcr.io/acme/web:1.4.2@${sha}`, `ghcr.io/acme/web:1.4.2@${sha}`, `ghcr.io/acme/web:1.4.2@${sha}`],
    [`localhost:5000/web@${sha}`, `localhost:5000/web@${sha}`, `localhost:5000/web@${sha}`],
  ])('%s', (input, full, familiar) => {
    const ref = parseImageRef(input);
    expect(formatImageRef(ref)).toBe(full);
    expect(formatImageRef(ref, { familiar: true })).toBe(familiar);
    expect(parseImageRef(formatImageRef(ref))).toEqual(ref);
  });

  test('familiarName', () => {
    expect(familiarName(parseImageRef('docker.io/library/redis:7'))).toBe('redis');
  });
});

describe('comparing', () => {
  test.each<[string, string, boolean, boolean]>([
    ['nginx', 'docker.io/library/nginx', true, true],
    ['nginx:1', 'nginx:2', true, false],
    [`web:1@${sha}`, `web:2@${sha}`, true, true],
    [`web@${sha}`, `web@${otherSha}`, true, false],
    [`web:1@${sha}`, 'web:1', true, false],
    ['ghcr.io/acme/web:1', 'docker.io/acme/web:1', false, false],
    ['localhost:5000/web', 'localhost:5001/web', false, false],
  ])('%s vs %s', (a, b, repository, image) => {
    expect(sameRepository(parseImageRef(a), parseImageRef(b))).toBe(repository);
    expect(sameImage(parseImageRef(a), parseImageRef(b))).toBe(image);
  });
});

describe('helpers', () => {
  test('withTag and withDigest replace parts and validate them', () => {
    const ref = parseImageRef('ghcr.io/acme/web:1');
    expect(formatImageRef(withDigest(withTag(ref, '2'), sha))).toBe(`ghcr.io/acme/web:2@${sha}`);
    expect(formatImageRef(withTag(ref, undefined))).toBe('ghcr.io/acme/web');
    expect(() => withTag(ref, 'bad tag')).toThrowError(/not a valid tag/);
    expect(() => withDigest(ref, 'sha256:12')).toThrowError(/not a digest/);
  });

  test('isValidDigest and shortDigest', () => {
    expect(isValidDigest(sha)).toBe(true);
    expect(isValidDigest(`sha256:${'a'.repeat(10)}`)).toBe(false);
    expect(shortDigest(`sha256:3f2a9c1d${'0'.repeat(56)}`)).toBe('sha256:3f2a9c1d');
  });
});

describe('resolveImageUpdate', () => {
  const base = parseImageRef('ghcr.io/acme/web');
  test.each<[string, string]>([
    ['1.4.2', 'ghcr.io/acme/web:1.4.2'],
    [`@${sha}`, `ghcr.io/acme/web@${sha}`],
    [`1.4.2@${sha}`, `ghcr.io/acme/web:1.4.2@${sha}`],
    ['ghcr.io/acme/web:2', 'ghcr.io/acme/web:2'],
    ['registry.eu/web:2', 'registry.eu/web:2'],
    ['nginx:1.27', 'docker.io/library/nginx:1.27'],
    [':1.4.2', 'ghcr.io/acme/web:1.4.2'],
    [`:1.4.2@${sha}`, `ghcr.io/acme/web:1.4.2@${sha}`],
    // docker/build-push-action's digest output, pasted as it is: a digest, not an image named sha256.
    [sha, `ghcr.io/acme/web@${sha}`],
    ['ghcr.io/acme/web', 'ghcr.io/acme/web'],
    [`ghcr.io/acme/web@${sha}`, `ghcr.io/acme/web@${sha}`],
    [`ghcr.io/acme/web:2@${sha}`, `ghcr.io/acme/web:2@${sha}`],
    // A word before @: a tag when it reads as a version or is written :word, else an image (kustomize's image@digest).
    [`v2@${sha}`, `ghcr.io/acme/web:v2@${sha}`],
    [`:stable@${sha}`, `ghcr.io/acme/web:stable@${sha}`],
    [`nginx@${sha}`, `docker.io/library/nginx@${sha}`],
  ])('%s', (text, expected) => {
    expect(formatImageRef(resolveImageUpdate(text, base))).toBe(expected);
  });

  test.each([
    ['@sha256:12', /expected @algorithm:hex/],
    ['-bad', /"-bad" is not a valid tag/],
    ['1.0@sha256:zz', /is not a valid digest/],
    ['Ghcr.io/acme/Web:1', /must be lowercase/],
    ['sha256:12', /expected @algorithm:hex/],
    [':', /expected :tag/],
    [':bad tag', /is not a valid tag/],
  ])('%s is refused', (text, reason) => {
    expect(() => resolveImageUpdate(text, base)).toThrowError(reason);
  });
});
