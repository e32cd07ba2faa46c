// Content addresses: every blob and manifest is checked against its digest before it is trusted.
import { createHash } from 'node:crypto';
import { RegistryError } from './errors';

export function sha256Digest(bytes: Uint8Array): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

export function verifyDigest(bytes: Uint8Array, expected: string, what: string): void {
  const [algorithm] = expected.split(':');
  if (algorithm !== 'sha256') throw new RegistryError(`${what}: unsupported digest algorithm "${algorithm}"`);
  const actual = sha256Digest(bytes);
  if (actual !== expected)
    throw new RegistryError(`${what}: content does not match its digest (expected ${expected}, got ${actual})`);
}
