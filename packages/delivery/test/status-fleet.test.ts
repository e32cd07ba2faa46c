import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseConfig } from '@gitops/config';
import { describe, expect, test } from 'vitest';
import { promotionStatus } from '../src/status';
import { fleetCell } from '../src/status-fleet';

const deployment = (tag: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: ghcr.io/acme/web:${tag}\n`;

function fleet(tags: Record<string, string>) {
  const root = mkdtempSync(path.join(tmpdir(), 'gitops-status-fleet-'));
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  };
  write('envs/staging/web.yaml', deployment('1.4.2'));
  for (const [cluster, tag] of Object.entries(tags)) write(`clusters/${cluster}/web.yaml`, deployment(tag));
  const config = parseConfig(
    `environments:
  staging:
    path: envs/staging
    require-digest: false
  prod:
    path: clusters/{cluster}
    require-digest: false
    clusters:
${Object.keys(tags)
  .map((name) => `      - { name: ${name}${name === 'eu-1' ? ', labels: { canary: "true" }' : ''} }`)
  .join('\n')}
    waves: [{ canary: "true" }, {}]
apps:
  web:
    image: ghcr.io/acme/web
`,
    { root, file: 'gitops.yaml' },
  );
  return promotionStatus(config);
}

const short = (image: string | null) => image?.split(':').at(-1) ?? '-';

describe('a fleet in status', () => {
  test('mid-rollout: the leading version on how many clusters and waves, then the others', () => {
    const [row] = fleet({ 'eu-1': '1.4.2', 'eu-2': '1.4.2', 'us-1': '1.4.1', 'us-2': '1.4.1', 'ap-1': '1.4.0' });
    const prod = row?.fleets.prod;
    if (!prod) throw new Error('no fleet state');
    expect(fleetCell(prod, short)).toBe('1.4.2 on 2/5 (wave 1/2), 1.4.1 on 2, 1.4.0 on 1');
    expect(prod.clusters).toEqual({
      'eu-1': 'ghcr.io/acme/web:1.4.2',
      'eu-2': 'ghcr.io/acme/web:1.4.2',
      'us-1': 'ghcr.io/acme/web:1.4.1',
      'us-2': 'ghcr.io/acme/web:1.4.1',
      'ap-1': 'ghcr.io/acme/web:1.4.0',
    });
    // Not every cluster runs staging's version yet: promotion into prod is still waiting.
    expect(row?.environments.prod).toBeNull();
    expect(row?.pending).toEqual([{ from: 'staging', to: 'prod', image: 'ghcr.io/acme/web:1.4.2' }]);
  });

  test('rolled out everywhere: one version on all clusters, nothing waiting', () => {
    const [row] = fleet({ 'eu-1': '1.4.2', 'eu-2': '1.4.2', 'us-1': '1.4.2' });
    expect(fleetCell(row?.fleets.prod as NonNullable<typeof row>['fleets'][string], short)).toBe('1.4.2 on all 3');
    expect(row?.environments.prod).toBe('ghcr.io/acme/web:1.4.2');
    expect(row?.pending).toEqual([]);
  });
});
