import { describe, expect, test } from 'vitest';
import { resolveRemote } from '../src/index';
import { redact, withoutUserinfo } from '../src/redact';
import { RemoteError } from '../src/remote';

const server = 'https://github.com';

describe('repository URLs with credentials are refused before anything prints them', () => {
  test.each([
    'https://bot:pw@host/acme/config.git',
    'HTTPS://bot:pw@host/acme/config.git',
    'Http://token@host/acme/config.git',
    'ssh://git:pw@host/acme/config.git',
    'SSH://git:pw@host/acme/config.git',
    'git+ssh://git:pw@host/config.git',
    'ftp://user:pw@host/config.git',
    'git:pw@host:acme/config.git',
  ])('%s', (url) => {
    expect(() => resolveRemote(url, server, undefined)).toThrowError(RemoteError);
    try {
      resolveRemote(url, server, undefined);
    } catch (error) {
      expect((error as Error).message).not.toContain('pw');
    }
  });

  test.each([
    ['owner/name', 'https://github.com/owner/name.git'],
    ['ssh://git@host/acme/config.git', 'ssh://git@host/acme/config.git'],
    ['git@github.com:acme/config.git', 'git@github.com:acme/config.git'],
    ['file:///srv/config.git', 'file:///srv/config.git'],
    ['/srv/config.git', '/srv/config.git'],
  ])('%s is a remote', (repository, url) => {
    expect(resolveRemote(repository, server, undefined).url).toBe(url);
  });

  test('a repository starting with "-" is refused', () => {
    expect(() => resolveRemote('--upload-pack=x', server, undefined)).toThrowError(/starts with "-"/);
  });

  test('a token goes in a header for any letter case of http(s), never in the URL', () => {
    const remote = resolveRemote('HTTPS://host/acme/config.git', server, 'tok');
    expect(remote.url).toBe('HTTPS://host/acme/config.git');
    expect(remote.env.GIT_CONFIG_KEY_0).toBe('http.https://host/.extraheader');
  });
});

describe('what logs show of URLs', () => {
  test.each([
    ['ssh://git@host/acme/config.git', 'ssh://host/acme/config.git'],
    ['git@github.com:acme/config.git', 'github.com:acme/config.git'],
    ['fatal: unable to access https://x:y@host/r.git/: 403', 'fatal: unable to access https://host/r.git/: 403'],
    ['https://host/plain.git', 'https://host/plain.git'],
  ])('%s', (text, shown) => {
    expect(withoutUserinfo(text)).toBe(shown);
  });

  test("git's messages are scrubbed of userinfo and secrets", () => {
    expect(redact('fatal: could not read from HTTPS://u:p@host/r.git with tok', ['tok'])).toBe(
      'fatal: could not read from HTTPS://host/r.git with ***',
    );
  });
});

describe('GitHub is recognised in every URL form git takes', () => {
  test.each([
    ['https://github.com/acme/config.git', server],
    ['https://github.com/acme/config', server],
    ['https://GitHub.com/acme/config.git/', server],
    ['HTTPS://github.com:443/acme/config.git', server],
    ['ssh://git@github.com/acme/config.git', server],
    ['ssh://git@GITHUB.COM:22/acme/config.git', server],
    ['git+ssh://git@github.com/acme/config.git', server],
    ['git@github.com:acme/config.git', server],
    ['git@GitHub.com:acme/config', server],
    ['github.com:acme/config.git', server],
    ['https://ghes.example.com/acme/config.git', 'https://ghes.example.com'],
    ['git@ghes.example.com:acme/config.git', 'https://GHES.example.com/'],
  ])('%s on %s is acme/config', (repository, serverUrl) => {
    expect(resolveRemote(repository, serverUrl, undefined).githubRepository).toBe('acme/config');
  });

  test.each([
    ['https://gitlab.com/acme/config.git', server],
    ['git@gitlab.com:acme/config.git', server],
    ['https://github.com/acme/config/tree/main', server],
    ['https://github.com.evil.example/acme/config.git', server],
    ['/srv/github.com:acme/config.git', server],
    ['file:///srv/github.com/acme/config.git', server],
    ['https://github.com/acme/config.git', 'https://ghes.example.com'],
  ])('%s on %s is not on the GitHub server', (repository, serverUrl) => {
    expect(resolveRemote(repository, serverUrl, undefined).githubRepository).toBeUndefined();
  });
});
