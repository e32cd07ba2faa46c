import { describe, expect, test } from 'vitest';
import type { DriftReport } from '../src/drift';
import { driftIssue, driftText } from '../src/drift-text';

const report: DriftReport = {
  checkedAt: '2026-12-07T05:00:00.000Z',
  tip: { sha: 'a'.repeat(40), at: '2026-12-07T04:00:00Z' },
  since: '2026-12-06T05:00:00.000Z',
  behindSeconds: 900,
  environments: [
    {
      environment: 'prod',
      findings: [
        { kind: 'degraded', subject: 'web', message: 'Degraded: <img src=x onerror=alert(1)> @octocat' },
        {
          kind: 'hand-edit',
          subject: 'b'.repeat(40),
          message: 'bbbbbbb by x at t, without gitops trailers: [a](javascript:x)',
        },
      ],
      problems: ['no Argo CD token'],
    },
    { environment: 'dev', findings: [], problems: [] },
  ],
};

describe('drift told', () => {
  test('an issue per environment lists what drifts with every value escaped; none where nothing drifts', () => {
    const prod = driftIssue(report, report.environments[0] as DriftReport['environments'][number]);
    expect(prod.title).toBe('Drift in prod');
    expect(prod.body).toContain('### Degraded');
    expect(prod.body).toContain('\\<img src=x onerror=alert(1)\\> \\@octocat');
    expect(prod.body).toContain('\\[a\\](javascript:x)');
    expect(prod.body).toContain('### Not checked');
    const dev = driftIssue(report, report.environments[1] as DriftReport['environments'][number]);
    expect(dev.body).toBeUndefined();
    expect(dev.closing).toContain('No drift in dev');
  });

  test('the terminal says how many environments drift, one line per finding', () => {
    const text = driftText(report).split('\n');
    expect(text[0]).toBe('checked 2 environments at aaaaaaa: 1 drift');
    expect(text).toContain('prod: degraded: web: Degraded: <img src=x onerror=alert(1)> @octocat');
    expect(text).toContain('prod: not checked: no Argo CD token');
  });
});
