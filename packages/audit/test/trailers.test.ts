import { UserError } from '@gitops/errors';
import { describe, expect, test } from 'vitest';
import { formatCommitMessage, parseChangeRecord } from '../src/trailers';

const sha = 'f'.repeat(40);

describe('trailer values', () => {
  test.each([
    ['app', { app: 'web\nGitops-Image: evil:1', image: 'ghcr.io/acme/web:1' }],
    ['image', { app: 'web', image: 'ghcr.io/acme/web:1\rGitops-App: x' }],
    ['source', { app: 'web', image: 'ghcr.io/acme/web:1', source: `acme/web@${sha}\nGitops-Action: rollback` }],
    ['source time', { app: 'web', image: 'ghcr.io/acme/web:1', sourceTime: '2026-11-20T10:00:00Z\u2028x' }],
  ])('a line break in the %s is refused, whoever made it', (_name, app) => {
    expect(() => formatCommitMessage({ action: 'deploy', environment: 'dev', apps: [app] })).toThrowError(UserError);
  });

  test('a run URL with a control character is refused', () => {
    expect(() =>
      formatCommitMessage({ action: 'deploy', environment: 'dev', apps: [], run: 'https://x/runs/1\u0000' }),
    ).toThrowError(/control character/);
  });
});

describe('change id and allow-older', () => {
  test('are written as trailers and read back', () => {
    const record = {
      action: 'deploy' as const,
      environment: 'dev',
      apps: [{ app: 'web', image: 'ghcr.io/acme/web:1' }],
      allowOlder: true,
      change: '0123456789abcdef',
    };
    const message = formatCommitMessage(record);
    expect(message).toContain('Gitops-Allow-Older: true\n');
    expect(message.trimEnd().endsWith('Gitops-Change: 0123456789abcdef')).toBe(true);
    const trailers = message
      .trimEnd()
      .split('\n\n')[1]
      ?.split('\n')
      .map((line): [string, string] => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 2)]);
    expect(parseChangeRecord(trailers ?? [])).toMatchObject({ allowOlder: true, change: '0123456789abcdef' });
  });

  test('allow-older is left out when not asked for', () => {
    const message = formatCommitMessage({ action: 'deploy', environment: 'dev', apps: [], allowOlder: false });
    expect(message).not.toContain('Allow-Older');
  });
});
