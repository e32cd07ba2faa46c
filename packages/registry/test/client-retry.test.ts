// When the registry client tries again: Retry-After in both of its forms, and never for a host that does not resolve.
import { afterEach, describe, expect, test, vi } from 'vitest';
import { RegistryClient, retryAfterMs } from '../src/client';

describe('Retry-After', () => {
  const now = Date.parse('Sun, 06 Dec 2026 10:00:00 GMT');

  test('is read as seconds, or as an HTTP date (RFC 9110 10.2.3)', () => {
    expect(retryAfterMs('7', now)).toBe(7000);
    expect(retryAfterMs('Sun, 06 Dec 2026 10:00:12 GMT', now)).toBe(12_000);
    // A date gone by means now; anything else is not a Retry-After.
    expect(retryAfterMs('Sun, 06 Dec 2026 09:59:00 GMT', now)).toBe(0);
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs('', now)).toBeUndefined();
    expect(retryAfterMs(null, now)).toBeUndefined();
  });

  test('the client waits what an HTTP date says, at most 30 s', async () => {
    const waits: number[] = [];
    const client = new RegistryClient('127.0.0.1:5000', {
      insecureRegistries: ['127.0.0.1:5000'],
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    await client.wait(1, new Date(Date.now() + 3_600_000).toUTCString());
    expect(waits).toEqual([30_000]);
  });
});

describe('a host that does not resolve', () => {
  afterEach(() => vi.unstubAllGlobals());

  test('is not tried again: one attempt, and the reason', async () => {
    let calls = 0;
    vi.stubGlobal('fetch', async () => {
      calls++;
      throw new TypeError('fetch failed', {
        cause: Object.assign(new Error('getaddrinfo ENOTFOUND registry.nowhere'), { code: 'ENOTFOUND' }),
      });
    });
    const client = new RegistryClient('registry.nowhere', { sleep: async () => undefined });
    await expect(client.request({ method: 'GET', path: '/v2/', scope: '' })).rejects.toThrow(
      /^registry\.nowhere: GET \/v2\/ failed after 1 attempt: fetch failed: getaddrinfo ENOTFOUND registry\.nowhere/,
    );
    expect(calls).toBe(1);
  });
});
