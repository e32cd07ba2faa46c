// Debian's docker-registry (distribution 2.x) on a free loopback port, open or behind htpasswd basic auth.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { freePort } from './ports';
import { type Server, startServer } from './process';
import { waitUntil } from './wait';

export const registryBinary = process.env.GITOPS_REGISTRY_BINARY ?? 'docker-registry';

export interface Registry {
  /** `127.0.0.1:<port>`, the registry part of image references. */
  readonly host: string;
  readonly url: string;
  readonly credentials: { username: string; password: string } | undefined;
  stop(): Promise<void>;
}

export async function startRegistry(
  options: { auth?: { username: string; password: string } } = {},
): Promise<Registry> {
  const dir = mkdtempSync(path.join(tmpdir(), 'gitops-registry-'));
  const port = await freePort();
  const lines = [
    'version: 0.1',
    'log:',
    '  level: warn',
    '  accesslog:',
    '    disabled: true',
    'storage:',
    '  filesystem:',
    `    rootdirectory: ${path.join(dir, 'data')}`,
    '  delete:',
    '    enabled: true',
    'http:',
    `  addr: 127.0.0.1:${port}`,
  ];
  if (options.auth) {
    // bcrypt is the only hash distribution's htpasswd accepts.
    const entry = execFileSync('htpasswd', ['-Bbn', options.auth.username, options.auth.password], {
      encoding: 'utf8',
    }).trim();
    writeFileSync(path.join(dir, 'htpasswd'), `${entry}\n`);
    lines.push('auth:', '  htpasswd:', '    realm: gitops-test', `    path: ${path.join(dir, 'htpasswd')}`);
  }
  writeFileSync(path.join(dir, 'config.yml'), `${lines.join('\n')}\n`);
  const server: Server = startServer(registryBinary, ['serve', path.join(dir, 'config.yml')], {});
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitUntil(`registry on port ${port}`, async () => {
      try {
        const response = await fetch(`${url}/v2/`, { signal: AbortSignal.timeout(1000) });
        return response.status === 200 || response.status === 401;
      } catch {
        return false;
      }
    });
  } catch (error) {
    await server.stop();
    throw new Error(`${(error as Error).message}\n${server.log()}`);
  }
  return { host: `127.0.0.1:${port}`, url, credentials: options.auth, stop: () => server.stop() };
}
