import { describe, expect, test } from 'vitest';
import { asUserError, knownCause, UserError, userMessage } from '../src/index';

describe('the table of known causes', () => {
  test.each([
    // git's own words
    ["fatal: repository 'https://github.com/acme/nope/' not found", 'missing', false],
    ['fatal: remote error: access denied or repository not exported: /acme/nope.git', 'missing', false],
    ['fatal: Authentication failed for https://github.com/acme/config.git/', 'authentication', false],
    ['fatal: could not read Username for https://github.com: terminal prompts disabled', 'authentication', false],
    ['remote: Permission to acme/config.git denied to bot.\nfatal: ... returned error: 403', 'permission', false],
    ['fatal: unable to access: The requested URL returned error: 503', 'server-error', true],
    ['fatal: unable to access: The requested URL returned error: 429', 'rate-limit', true],
    ['127.0.0.1[0: 127.0.0.1]: errno=Connection refused', 'unreachable', true],
    ['fatal: the remote end hung up unexpectedly', 'unreachable', true],
    ['fatal: unable to access: Could not resolve host: gihtub.com', 'unknown-host', false],
    ["fatal: transport 'ext' not allowed", 'transport', false],
    ['no answer for 30 s', 'timeout', true],
    ['error: unable to write file: No space left on device', 'disk-full', false],
    // GitHub's
    ['GitHub Actions is not permitted to create or approve pull requests.', 'actions-pull-requests', false],
    ['API rate limit exceeded for installation ID 1.', 'rate-limit', false],
    ['Resource not accessible by integration', 'permission', false],
  ] as const)('%s → %s', (text, kind, transient) => {
    expect(knownCause({ text })).toMatchObject({ kind, transient });
  });

  test('statuses and errno codes', () => {
    expect(knownCause({ status: 401 })?.kind).toBe('authentication');
    expect(knownCause({ status: 403 })?.kind).toBe('permission');
    expect(knownCause({ status: 404 })?.kind).toBe('missing');
    expect(knownCause({ status: 502 })).toMatchObject({ kind: 'server-error', transient: true });
    expect(knownCause({ code: 'ECONNRESET' })).toMatchObject({ kind: 'unreachable', transient: true });
    expect(knownCause({ code: 'ENOSPC' })?.kind).toBe('disk-full');
    // A 403 that says "rate limit" is a rate limit, not a missing permission.
    expect(knownCause({ status: 403, text: 'secondary rate limit' })?.kind).toBe('rate-limit');
  });

  test('what the table does not know stays unknown', () => {
    expect(knownCause({ text: 'fatal: bad object HEAD' })).toBeUndefined();
    expect(knownCause({ status: 409 })).toBeUndefined();
  });
});

describe('user errors', () => {
  test('the subject is named in the caller’s words', () => {
    const error = new UserError('invalid image reference "x:"', { subject: 'image' });
    expect(userMessage(error, (subject) => `input ${subject}`)).toBe('input image: invalid image reference "x:"');
    expect(userMessage(error, (subject) => `--${subject}`)).toBe('--image: invalid image reference "x:"');
    expect(userMessage(new UserError('plain'), () => 'never')).toBe('plain');
  });

  test('the closest caller names the subject; a later one does not rename it', () => {
    expect(new UserError('x').about('image').about('source').subject).toBe('image');
  });

  test('a full disk is the user’s to fix; any other system error is a bug', () => {
    const full = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    expect(asUserError(full)?.message).toMatch(/^ENOSPC: no space left on device, write \(free space on the runner/);
    expect(asUserError(Object.assign(new Error('EISDIR'), { code: 'EISDIR' }))).toBeUndefined();
    expect(asUserError(new TypeError('x is undefined'))).toBeUndefined();
  });
});
