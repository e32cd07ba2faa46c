import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { type GitContext, imageMetadata, MetadataError, sanitiseTag } from '../src/metadata';

const sha = 'ffac537e6cbbf934b08745a378932722df287a53';
const fixture = (name: string) =>
  JSON.parse(readFileSync(path.join(import.meta.dirname, 'fixtures', `${name}.json`), 'utf8'));
const context = (eventName: string, ref: string, event: string): GitContext => ({
  eventName,
  ref,
  sha,
  repository: 'acme/web',
  serverUrl: 'https://github.com',
  event: fixture(event),
});

describe('tags from the event', () => {
  test.each([
    ['push to main', context('push', 'refs/heads/main', 'event_push_main'), ['sha-ffac537', 'main']],
    ['pull request', context('pull_request', 'refs/pull/12/merge', 'event_pull_request'), ['sha-ffac537', 'pr-12']],
    ['tag v1.2.3', context('push', 'refs/tags/v1.2.3', 'event_push_tag'), ['sha-ffac537', '1.2.3', '1.2', '1']],
    [
      'pre-release v2.0.0-rc.1',
      context('push', 'refs/tags/v2.0.0-rc.1', 'event_push_prerelease'),
      ['sha-ffac537', '2.0.0-rc.1'],
    ],
    [
      'branch with a slash',
      context('push', 'refs/heads/feature/Login_2', 'event_push_main'),
      ['sha-ffac537', 'feature-Login_2'],
    ],
    [
      'a tag that is not semver',
      context('push', 'refs/tags/release-7', 'event_push_tag'),
      ['sha-ffac537', 'release-7'],
    ],
  ])('%s', (_name, git, tags) => {
    expect(imageMetadata(git).tags).toEqual(tags);
  });

  test('extra tags with placeholders; latest only when asked', () => {
    const git = context('push', 'refs/tags/v1.2.3', 'event_push_tag');
    expect(imageMetadata(git, ['latest', 'v{version}', 'build-{sha}']).tags).toEqual([
      'sha-ffac537',
      '1.2.3',
      '1.2',
      '1',
      'latest',
      'v1.2.3',
      'build-ffac537',
    ]);
    expect(imageMetadata(git).tags).not.toContain('latest');
  });

  test("metadata-action's templates: {{sha}}, {{branch}}, {{major}}.{{minor}}, {{date}}; a value the event lacks skips the tag", () => {
    const tag = context('push', 'refs/tags/v1.2.3', 'event_push_tag');
    const created = new Date('2026-11-20T10:00:00Z');
    expect(
      imageMetadata({ ...tag, commitTime: created }, [
        'v{{ major }}.{{minor}}',
        '{{tag}}-{{sha}}',
        "nightly-{{date 'YYYYMMDD-HHmm'}}",
        '{{branch}}-x',
      ]).tags.slice(4),
    ).toEqual(['v1.2', 'v1.2.3-ffac537', 'nightly-20261120-1000']);
    const main = context('push', 'refs/heads/main', 'event_push_main');
    expect(imageMetadata(main, ['{{branch}}-{{sha}}', 'v{{major}}']).tags).toEqual([
      'sha-ffac537',
      'main',
      'main-ffac537',
    ]);
    const pull = context('pull_request', 'refs/pull/12/merge', 'event_pull_request');
    expect(imageMetadata(pull, ['pr-into-{{base_ref}}']).tags.at(-1)).toBe('pr-into-main');
  });

  test('an unknown placeholder is an error naming the tag and the known ones', () => {
    expect(() => imageMetadata(context('push', 'refs/heads/main', 'event_push_main'), ['{{commit}}'])).toThrowError(
      `tag "{{commit}}": {{commit}} is not a placeholder build-image knows ({{sha}}, {{branch}}, {{tag}}, {{version}}, {{major}}, {{minor}}, {{patch}}, {{base_ref}}, {{date 'FORMAT'}})`,
    );
  });

  test('without default tags (metadata-action made them), only the templates given', () => {
    const main = context('push', 'refs/heads/main', 'event_push_main');
    expect(imageMetadata(main, ['edge'], {}, new Date(), { defaults: false }).tags).toEqual(['edge']);
  });

  test('an extra tag that ends up invalid is an error naming it', () => {
    expect(() => imageMetadata(context('push', 'refs/heads/main', 'event_push_main'), ['-{branch}'])).toThrowError(
      MetadataError,
    );
    expect(() => imageMetadata(context('push', 'refs/heads/main', 'event_push_main'), ['-{branch}'])).toThrowError(
      'tag "-{branch}" gives "-main", which is not a valid tag',
    );
  });

  test('sanitiseTag keeps what tags allow', () => {
    expect(sanitiseTag('..feat/ü x')).toBe('feat---x');
    expect(sanitiseTag('a'.repeat(200))).toHaveLength(128);
  });
});

describe('OCI labels', () => {
  test('source, revision, version, title, url, created; extra labels win', () => {
    const git = context('push', 'refs/tags/v1.2.3', 'event_push_tag');
    expect(
      imageMetadata(git, [], { 'org.opencontainers.image.title': 'Web' }, new Date('2026-11-20T10:00:00Z')).labels,
    ).toEqual({
      'org.opencontainers.image.title': 'Web',
      'org.opencontainers.image.source': 'https://github.com/acme/web',
      'org.opencontainers.image.url': 'https://github.com/acme/web',
      'org.opencontainers.image.revision': sha,
      'org.opencontainers.image.version': '1.2.3',
      'org.opencontainers.image.created': '2026-11-20T10:00:00.000Z',
    });
  });
});
