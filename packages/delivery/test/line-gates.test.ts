import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseConfig } from '@gitops/config';
import { describe, expect, test } from 'vitest';
import { checkLine } from '../src/line-gates';

const logger = {
  debug: () => undefined,
  info: () => undefined,
  warning: () => undefined,
  error: () => undefined,
  group: <T>(_: string, fn: () => Promise<T>) => fn(),
};

describe('the line into a fleet', () => {
  test('deploy, promote and rollback into a fleet are refused: nothing writes every cluster at once', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'gitops-fleet-'));
    for (const folder of ['envs/dev', 'fleet/a', 'fleet/b']) mkdirSync(path.join(root, folder), { recursive: true });
    const config = parseConfig(
      'environments:\n  dev:\n    path: envs/dev\n  prod:\n    path: fleet\n    clusters: fleet/*\n',
      {
        root,
        file: 'gitops.yaml',
      },
    );
    const prod = config.environments[1];
    if (!prod) throw new Error('no prod');
    for (const action of ['deploy', 'promote', 'rollback'] as const)
      expect(() => checkLine(prod, action, { logger })).toThrow(
        'environment "prod" is a fleet of 2 clusters in 1 wave; changing it wave by wave is not built yet (docs/fleets.md), and it is not changed all at once: nothing is written',
      );
    expect(checkLine(config.environments[0] as NonNullable<typeof prod>, 'deploy', { logger })).toEqual({});
  });
});
