import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { headOf, runDeploy, seedConfigRepository } from './support/config-repo';
import {
  commandAvailable,
  type GitDaemon,
  type GitHttpServer,
  git,
  requireService,
  startGitDaemon,
  startGitHttpServer,
} from './support/index';

const token = 'ghs_HTTPStoken5555';
let daemon: GitDaemon;
let http: GitHttpServer;
let bare: string;

beforeAll(async () => {
  requireService('git', () => commandAvailable('git'));
  daemon = await startGitDaemon(); // only for its folder of bare repositories
  bare = seedConfigRepository(daemon, 'web-config');
  git(['config', 'http.receivepack', 'true'], bare);
  http = await startGitHttpServer(daemon.base, token);
});
afterAll(async () => Promise.all([daemon?.stop(), http?.stop()]));

describe('deploy over https-style smart HTTP', () => {
  test('the token travels only as an Authorization header and is left nowhere', async () => {
    const result = await runDeploy(
      { environment: 'dev', app: 'web', image: '1.6.0', repository: `${http.url}/web-config.git`, token },
      { token },
    );
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.outputs.commit).toBe(headOf(bare));
    const expected = `basic ${Buffer.from(`x-access-token:${token}`).toString('base64')}`;
    expect(http.authorizations.length).toBeGreaterThan(2);
    expect(new Set(http.authorizations.map((header) => header.toLowerCase()))).toEqual(
      new Set([expected.toLowerCase()]),
    );
    // Nothing the step leaves behind holds the token: not the log, the summary, or any file in RUNNER_TEMP.
    const visible = result.stdout
      .split('\n')
      .filter((line) => !line.startsWith('::add-mask::'))
      .join('\n');
    expect(visible + result.summary).not.toContain(token);
    for (const entry of readdirSync(result.files.temp, { recursive: true, withFileTypes: true })) {
      if (entry.isFile()) expect(readFileSync(path.join(entry.parentPath, entry.name), 'utf8')).not.toContain(token);
    }
  });

  test('a token the server refuses is a clear error that does not print it', async () => {
    const before = headOf(bare);
    const result = await runDeploy(
      { environment: 'dev', app: 'web', image: '1.7.0', repository: `${http.url}/web-config.git`, token: 'ghs_wrong' },
      { token: 'ghs_wrong' },
    );
    expect(result.exitCode).toBe(1);
    expect(result.annotations.at(-1)?.message).toBe(
      `gitops deploy: cloning ${http.url}/web-config.git: the host refused the credentials given (or wants some and none were given) (check that the credentials (token, password or key) are set, current and meant for this host)`,
    );
    expect(
      result.stdout
        .split('\n')
        .filter((line) => !line.startsWith('::add-mask::'))
        .join('\n'),
    ).not.toContain('ghs_wrong');
    expect(headOf(bare)).toBe(before);
  });
});
