// Debian's docker-registry (distribution 2.x) on a free loopback port, open or behind htpasswd basic auth, over
// plain HTTP or over TLS with a certificate the test made.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { freePort, portAnswers } from './ports';
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
  options: {
    auth?: { username: string; password: string };
    /** Serve over TLS with this PEM certificate and key (see selfSignedCertificate). */
    tls?: { certificate: string; key: string };
  } = {},
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
  if (options.tls) {
    writeFileSync(path.join(dir, 'tls.crt'), options.tls.certificate);
    writeFileSync(path.join(dir, 'tls.key'), options.tls.key, { mode: 0o600 });
    lines.push('  tls:', `    certificate: ${path.join(dir, 'tls.crt')}`, `    key: ${path.join(dir, 'tls.key')}`);
  }
  writeFileSync(path.join(dir, 'config.yml'), `${lines.join('\n')}\n`);
  const server: Server = startServer(registryBinary, ['serve', path.join(dir, 'config.yml')], {});
  const url = `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  try {
    await waitUntil(`registry on port ${port}`, async () => {
      if (options.tls) return portAnswers(port);
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

/**
 * A self-signed certificate for `name`, a host name or (`kind` IP) an address; its own CA, so a client trusts it
 * through NODE_EXTRA_CA_CERTS or a kubeconfig's certificate-authority-data.
 */
export function selfSignedCertificate(name: string, kind: 'DNS' | 'IP' = 'DNS'): { certificate: string; key: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'gitops-cert-'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '2',
      '-subj',
      `/CN=${name}`,
      '-addext',
      `subjectAltName=${kind}:${name}`,
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-keyout',
      path.join(dir, 'key.pem'),
      '-out',
      path.join(dir, 'cert.pem'),
    ],
    { stdio: 'ignore' },
  );
  return {
    certificate: readFileSync(path.join(dir, 'cert.pem'), 'utf8'),
    key: readFileSync(path.join(dir, 'key.pem'), 'utf8'),
  };
}
