import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseChallenge } from '../src/auth';
import { registryBaseUrl } from '../src/endpoint';
import { dockerCredentials } from '../src/index';

function dockerConfig(config: unknown, helper?: string, user = 'helper-user'): NodeJS.ProcessEnv {
  const dir = mkdtempSync(path.join(tmpdir(), 'gitops-docker-config-'));
  writeFileSync(path.join(dir, 'config.json'), JSON.stringify(config));
  let pathVariable = process.env.PATH ?? '';
  if (helper) {
    const bin = path.join(dir, 'bin');
    mkdirSync(bin);
    const script = path.join(bin, `docker-credential-${helper}`);
    // Answers like a real helper: the server URL on stdin, JSON on stdout.
    writeFileSync(
      script,
      `#!/bin/sh\nread server\necho "{\\"ServerURL\\":\\"$server\\",\\"Username\\":\\"${user}\\",\\"Secret\\":\\"helper-secret-for-$server\\"}"\n`,
    );
    chmodSync(script, 0o755);
    pathVariable = `${bin}:${pathVariable}`;
  }
  return { DOCKER_CONFIG: dir, PATH: pathVariable };
}

describe('credentials from ~/.docker/config.json', () => {
  test('auths entries, by host or URL key', () => {
    const env = dockerConfig({
      auths: {
        'ghcr.io': { auth: Buffer.from('octocat:ghp_token:with:colons').toString('base64') },
        'https://index.docker.io/v1/': { auth: Buffer.from('hubuser:hubpass').toString('base64') },
      },
    });
    expect(dockerCredentials('ghcr.io', env)).toEqual({ username: 'octocat', password: 'ghp_token:with:colons' });
    expect(dockerCredentials('docker.io', env)).toEqual({ username: 'hubuser', password: 'hubpass' });
    expect(dockerCredentials('quay.io', env)).toBeUndefined();
  });

  test('identity tokens: an auths entry with identitytoken, and a helper answering user <token>', () => {
    const env = dockerConfig({
      auths: {
        'registry.acme.io': { auth: Buffer.from('octo:').toString('base64'), identitytoken: 'refresh-me' },
        'quay.io': { identitytoken: 'refresh-quay' },
      },
    });
    expect(dockerCredentials('registry.acme.io', env)).toEqual({
      username: 'octo',
      password: '',
      identityToken: 'refresh-me',
    });
    expect(dockerCredentials('quay.io', env)).toEqual({ username: '', password: '', identityToken: 'refresh-quay' });
    const helper = dockerConfig({ credsStore: 'oauth' }, 'oauth', '<token>');
    expect(dockerCredentials('ghcr.io', helper)).toEqual({
      username: '',
      password: '',
      identityToken: 'helper-secret-for-ghcr.io',
    });
  });

  test('credHelpers per registry, and credsStore for the rest', () => {
    const env = dockerConfig({ credHelpers: { 'registry.acme.io': 'acme' }, credsStore: 'acme' }, 'acme');
    expect(dockerCredentials('registry.acme.io', env)).toEqual({
      username: 'helper-user',
      password: 'helper-secret-for-registry.acme.io',
    });
    expect(dockerCredentials('other.io', env)).toEqual({
      username: 'helper-user',
      password: 'helper-secret-for-other.io',
    });
  });

  test("the docker CLI's order: credHelpers, then credsStore, then auths; a chosen helper is not mixed with auths", () => {
    const auth = Buffer.from('file-user:file-pass').toString('base64');
    const env = dockerConfig(
      { credHelpers: { 'ghcr.io': 'acme' }, credsStore: 'acme', auths: { 'ghcr.io': { auth }, 'quay.io': { auth } } },
      'acme',
    );
    // credHelpers wins over the auths entry of the same registry, credsStore over the auths of another.
    expect(dockerCredentials('ghcr.io', env)?.username).toBe('helper-user');
    expect(dockerCredentials('quay.io', env)?.username).toBe('helper-user');
    // Without a helper, the auths entry answers.
    const plain = dockerConfig({ auths: { 'quay.io': { auth } } });
    expect(dockerCredentials('quay.io', plain)).toEqual({ username: 'file-user', password: 'file-pass' });
    // A chosen helper that has nothing is the answer, as in docker: auths beside it are placeholders.
    const missing = dockerConfig({ credsStore: 'missing-helper', auths: { 'quay.io': { auth } } });
    expect(dockerCredentials('quay.io', missing)).toBeUndefined();
  });

  test('a helper name is a name on PATH, never a path', () => {
    const env = dockerConfig({ credsStore: '../../bin/acme' }, 'acme');
    expect(dockerCredentials('ghcr.io', env)).toBeUndefined();
  });

  test('no config, or a helper that is not installed, means no credentials', () => {
    expect(dockerCredentials('ghcr.io', { DOCKER_CONFIG: '/nonexistent' })).toBeUndefined();
    expect(dockerCredentials('ghcr.io', dockerConfig({ credsStore: 'missing-helper' }))).toBeUndefined();
  });
});

describe('endpoints and challenges', () => {
  test.each([
    ['ghcr.io', [], 'https://ghcr.io'],
    ['docker.io', [], 'https://registry-1.docker.io'],
    ['localhost:5000', [], 'http://localhost:5000'],
    ['127.0.0.1:5000', [], 'http://127.0.0.1:5000'],
    ['registry.internal:5000', ['registry.internal:5000'], 'http://registry.internal:5000'],
  ])('%s', (registry, insecure, url) => {
    expect(registryBaseUrl(registry, { insecureRegistries: insecure })).toBe(url);
  });

  test('WWW-Authenticate', () => {
    expect(
      parseChallenge('Bearer realm="https://ghcr.io/token",service="ghcr.io",scope="repository:acme/web:pull"'),
    ).toEqual({
      scheme: 'bearer',
      params: { realm: 'https://ghcr.io/token', service: 'ghcr.io', scope: 'repository:acme/web:pull' },
    });
    expect(parseChallenge('Basic realm="Registry Realm"')).toEqual({
      scheme: 'basic',
      params: { realm: 'Registry Realm' },
    });
    expect(parseChallenge('Negotiate')).toBeUndefined();
    expect(parseChallenge(null)).toBeUndefined();
  });
});
