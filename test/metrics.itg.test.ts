// Delivery metrics from the audit trail: a config repository whose history is generated with known answers
// (deploys, a promotion chain dev → staging → prod, one promotion merged from a pull request, two rollbacks, a
// change back to an earlier image, a hand edit), read by the CLI bundle. Every figure is asserted exactly.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { type ChangeRecord, formatCommitMessage } from '@gitops/audit';
import { Ajv } from 'ajv';
import { beforeAll, describe, expect, test } from 'vitest';
import { commandAvailable, git, requireService, runAction } from './support/index';

const hour = 3_600;
const digest = (c: string) => `sha256:${c.repeat(64)}`;
const web = (tag: string, c: string) => `ghcr.io/acme/web:${tag}@${digest(c)}`;
const api = (tag: string, c: string) => `ghcr.io/acme/api:${tag}@${digest(c)}`;
let repository: string;

/** A commit at `when` (UTC) with the record's message; on the current branch. */
function commit(dir: string, when: string, message: string): void {
  const date = `${when}:00+00:00`;
  git(['commit', '-q', '--allow-empty', '-m', message], dir, { GIT_COMMITTER_DATE: date, GIT_AUTHOR_DATE: date });
}

function change(dir: string, when: string, record: ChangeRecord): void {
  commit(dir, when, formatCommitMessage(record));
}

const deploy = (environment: string, app: string, image: string, previous: string, sourceTime?: string) =>
  ({
    action: 'deploy',
    environment,
    apps: [{ app, image, previous, source: 'acme/app@f00d', sourceTime }],
  }) satisfies ChangeRecord;
const promote = (from: string, environment: string, app: string, image: string, previous: string, sourceTime: string) =>
  ({ action: 'promote', environment, from, apps: [{ app, image, previous, sourceTime }] }) satisfies ChangeRecord;
const rollback = (environment: string, app: string, image: string, previous: string) =>
  ({ action: 'rollback', environment, apps: [{ app, image, previous }] }) satisfies ChangeRecord;

/** A new repository `config` in a folder of its own, with its first commit before every period here. */
function newRepository(): string {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'gitops-metrics-')), 'config');
  git(['init', '-q', '-b', 'main', dir], tmpdir());
  git(['config', 'user.name', 'ci'], dir);
  git(['config', 'user.email', 'ci@invalid'], dir);
  commit(dir, '2026-10-01T00:00', 'Initial config');
  return dir;
}

beforeAll(() => {
  requireService('git', () => commandAvailable('git'));
  const dir = newRepository();
  // Before the period: not counted.
  change(dir, '2026-10-20T10:00', deploy('dev', 'web', web('0.9', '0'), web('0.8', '9'), '2026-10-20T09:00:00Z'));
  // 1-3: web 1.0 through dev, staging, prod; lead times 1 h, 3 h, 24 h.
  change(dir, '2026-11-02T10:00', deploy('dev', 'web', web('1.0', '1'), web('0.9', '0'), '2026-11-02T09:00:00Z'));
  change(
    dir,
    '2026-11-02T12:00',
    promote('dev', 'staging', 'web', web('1.0', '1'), web('0.9', '0'), '2026-11-02T09:00:00Z'),
  );
  change(
    dir,
    '2026-11-03T09:00',
    promote('staging', 'prod', 'web', web('1.0', '1'), web('0.9', '0'), '2026-11-02T09:00:00Z'),
  );
  // 4: api 2.0 to dev, 2 h.
  change(dir, '2026-11-05T10:00', deploy('dev', 'api', api('2.0', 'b'), api('1.9', 'c'), '2026-11-05T08:00:00Z'));
  // 5: a hand edit.
  commit(dir, '2026-11-06T10:00', 'Raise web replicas by hand');
  // 6-7: web 1.1 to dev (4 h) and staging (28 h).
  change(dir, '2026-11-09T10:00', deploy('dev', 'web', web('1.1', '2'), web('1.0', '1'), '2026-11-09T06:00:00Z'));
  change(
    dir,
    '2026-11-10T10:00',
    promote('dev', 'staging', 'web', web('1.1', '2'), web('1.0', '1'), '2026-11-09T06:00:00Z'),
  );
  // 8: web 1.1 to prod through a pull request written at 08:00 and merged at 10:00: it counts from the merge (52 h).
  git(['checkout', '-q', '-b', 'gitops/promote/prod'], dir);
  change(
    dir,
    '2026-11-11T08:00',
    promote('staging', 'prod', 'web', web('1.1', '2'), web('1.0', '1'), '2026-11-09T06:00:00Z'),
  );
  git(['checkout', '-q', 'main'], dir);
  git(
    ['merge', '-q', '--no-ff', '-m', 'Merge pull request #8 from acme/gitops/promote/prod', 'gitops/promote/prod'],
    dir,
    {
      GIT_COMMITTER_DATE: '2026-11-11T10:00:00+00:00',
      GIT_AUTHOR_DATE: '2026-11-11T10:00:00+00:00',
    },
  );
  // 9: prod rolls web back 3 h later: 8 failed, restored in 3 h.
  change(dir, '2026-11-11T13:00', rollback('prod', 'web', web('1.0', '1'), web('1.1', '2')));
  // 10-11: api 2.1 to dev (30 min), then a deploy back to 2.0 eight hours later: 10 failed, restored in 8 h.
  change(dir, '2026-11-16T10:00', deploy('dev', 'api', api('2.1', 'd'), api('2.0', 'b'), '2026-11-16T09:30:00Z'));
  change(dir, '2026-11-16T18:00', deploy('dev', 'api', api('2.0', 'b'), api('2.1', 'd'), '2026-11-05T08:00:00Z'));
  // 12-13: web 1.2 to dev (1 h), rolled back five days later: a failure within 7 days, not within 1.
  change(dir, '2026-11-20T10:00', deploy('dev', 'web', web('1.2', '3'), web('1.1', '2'), '2026-11-20T09:00:00Z'));
  change(dir, '2026-11-25T10:00', rollback('dev', 'web', web('1.1', '2'), web('1.2', '3')));
  repository = dir;
});

const metrics = (...args: string[]) =>
  runAction(
    'cli',
    {},
    { args: ['metrics', '--repository', repository, '--since', '2026-11-01', '--until', '2026-11-29', ...args] },
  );

const durations = (count: number, median?: number, p90?: number) => ({ count, median, p90 });
const measures = (
  deployments: number,
  rollbacks: number,
  lead: ReturnType<typeof durations>,
  failed: number,
  restore: ReturnType<typeof durations>,
) => ({
  deployments,
  rollbacks,
  perDay: deployments / 28,
  perWeek: deployments / 4,
  leadTime: lead,
  changeFailureRate: { failed, of: deployments, rate: deployments ? failed / deployments : undefined },
  timeToRestore: restore,
});

describe('gitops metrics', () => {
  test('every figure of a known history, per environment and app, with the hand edit named apart', async () => {
    const result = await metrics('--json');
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.since).toBe('2026-11-01T00:00:00.000Z');
    expect(report.until).toBe('2026-11-29T00:00:00.000Z');
    expect(report.days).toBe(28);
    expect(report.failureWindowSeconds).toBe(7 * 24 * hour);
    const strip = (value: unknown) => JSON.parse(JSON.stringify(value));
    expect(report.environments).toEqual(
      strip([
        {
          environment: 'dev',
          ...measures(5, 2, durations(5, 1 * hour, 4 * hour), 2, durations(2, 64 * hour, 120 * hour)),
          apps: [
            { app: 'api', ...measures(2, 1, durations(2, 1.25 * hour, 2 * hour), 1, durations(1, 8 * hour, 8 * hour)) },
            {
              app: 'web',
              ...measures(3, 1, durations(3, 1 * hour, 4 * hour), 1, durations(1, 120 * hour, 120 * hour)),
            },
          ],
        },
        {
          environment: 'staging',
          ...measures(2, 0, durations(2, 15.5 * hour, 28 * hour), 0, durations(0)),
          apps: [{ app: 'web', ...measures(2, 0, durations(2, 15.5 * hour, 28 * hour), 0, durations(0)) }],
        },
        {
          environment: 'prod',
          ...measures(2, 1, durations(2, 38 * hour, 52 * hour), 1, durations(1, 3 * hour, 3 * hour)),
          apps: [
            { app: 'web', ...measures(2, 1, durations(2, 38 * hour, 52 * hour), 1, durations(1, 3 * hour, 3 * hour)) },
          ],
        },
      ]),
    );
    expect(report.handEdits).toEqual([
      {
        commit: expect.stringMatching(/^[0-9a-f]{40}$/),
        subject: 'Raise web replicas by hand',
        committedAt: '2026-11-06T10:00:00.000Z',
      },
    ]);
    // The change merged from a pull request counts from the merge.
    const merged = report.changes.find(
      (c: { environment: string; action: string; image: string }) =>
        c.environment === 'prod' && c.action === 'promote' && c.image === web('1.1', '2'),
    );
    expect(merged).toMatchObject({ landedAt: '2026-11-11T10:00:00.000Z', rolledBack: { after: 3 * hour } });
    expect(report.changes).toHaveLength(12);

    // JSON against the report's schema.
    const schema = JSON.parse(
      readFileSync(path.join(import.meta.dirname, '..', 'docs', 'metrics.schema.json'), 'utf8'),
    );
    const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
  });

  test('a shorter failure window, one environment and one app', async () => {
    const day = JSON.parse((await metrics('--failure-window', '1d', '--env', 'dev', '--json')).stdout);
    expect(day.environments).toHaveLength(1);
    expect(day.environments[0]).toMatchObject({
      environment: 'dev',
      changeFailureRate: { failed: 1, of: 5, rate: 0.2 },
      timeToRestore: { count: 1, median: 8 * hour, p90: 8 * hour },
    });
    const prodWeb = JSON.parse((await metrics('--env', 'prod', '--app', 'web', '--json')).stdout);
    expect(prodWeb.environments.map((e: { environment: string }) => e.environment)).toEqual(['prod']);
    expect(prodWeb.changes).toHaveLength(3);
  });

  test('the table', async () => {
    const result = await metrics();
    expect(result.exitCode, result.stderr).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe(
      'Delivery metrics from 2026-11-01 to 2026-11-29 (28.0 days; a change rolled back within 7.0 d failed)',
    );
    expect(result.stdout).toMatch(/^dev {2,}5 +0\.18 +1\.3 +1 h \/ 4 h +40% \(2\/5\) +2\.7 d \/ 5\.0 d +2$/m);
    expect(result.stdout).toMatch(/^ {2}api +2 +0\.07 +0\.5 +1 h 15 min \/ 2 h +50% \(1\/2\) +8 h \/ 8 h +1$/m);
    expect(result.stdout).toMatch(/^staging +2 +0\.07 +0\.5 +15 h 30 min \/ 28 h +0% \(0\/2\) +- +0$/m);
    expect(result.stdout).toMatch(/^prod +2 +0\.07 +0\.5 +38 h \/ 2\.2 d +50% \(1\/2\) +3 h \/ 3 h +1$/m);
    expect(result.stdout).toContain('Commits without gitops trailers (hand edits), not counted above: 1\n');
    expect(result.stdout).toMatch(/^ {2}[0-9a-f]{7} 2026-11-06 Raise web replicas by hand$/m);
  });

  test('bad --since, --until and --failure-window values are usage errors', async () => {
    for (const [args, message] of [
      [['--since', 'yesterday'], '--since "yesterday" is neither a span (90d, 12w, 48h) nor a date (2026-09-01)'],
      [['--since', '90x'], '--since "90x" is neither a span'],
      [['--until', '2026-13-45'], '--until "2026-13-45" is neither a span'],
      [['--failure-window', '3'], '--failure-window "3" is not a span such as 90d, 12w or 48h'],
    ] as const) {
      const result = await runAction('cli', {}, { args: ['metrics', '--repository', repository, ...args] });
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toContain(message);
    }
    const reversed = await runAction(
      'cli',
      {},
      {
        args: ['metrics', '--repository', repository, '--since', '2026-11-29', '--until', '2026-11-01'],
      },
    );
    expect(reversed.exitCode).toBe(2);
    expect(reversed.stderr).toContain('must come before --until');
  });
});

describe('the metrics action', () => {
  test('writes the report as an output and to the job summary, with tables and Mermaid charts', async () => {
    const result = await runAction(
      'metrics',
      { path: 'config', since: '2026-11-01', until: '2026-11-29' },
      {
        workspace: path.dirname(repository),
        // The repository and ref the action runs from, as the runner says them: the definitions link goes there.
        env: { GITHUB_ACTION_REPOSITORY: 'platform-team/gitops', GITHUB_ACTION_REF: 'v1' },
      },
    );
    expect(result.stderr).toBe('');
    expect(result.summary).toContain('[Definitions](https://github.com/platform-team/gitops/blob/v1/docs/metrics.md)');
    expect(result.exitCode).toBe(0);
    const report = JSON.parse(result.outputs.report as string);
    expect(report.environments.map((e: { environment: string }) => e.environment)).toEqual(['dev', 'staging', 'prod']);
    expect(report.environments[2]).toMatchObject({
      deployments: 2,
      changeFailureRate: { failed: 1, of: 2, rate: 0.5 },
    });
    expect(result.summary).toContain('| **prod** | 2 | 0.07 | 0.5 | 38.0 h / 52.0 h | 50% (1/2) | 3.0 h / 3.0 h | 1 |');
    expect(result.summary).toContain(
      '| &nbsp;&nbsp;api | 2 | 0.07 | 0.5 | 1.3 h / 2.0 h | 50% (1/2) | 8.0 h / 8.0 h | 1 |',
    );
    // Weeks from Monday 2026-10-26 to Monday 2026-11-23; deployments in each: 0, 4, 3, 2, 0.
    expect(result.summary).toContain(
      '```mermaid\nxychart-beta\n  title "Deployments per week, all environments"\n  x-axis ["10-26", "11-02", "11-09", "11-16", "11-23"]\n  y-axis "deployments"\n  bar [0, 4, 3, 2, 0]\n```',
    );
    expect(result.summary).toContain('  title "Lead time to prod per week (median, hours; 0: no deployment)"');
    expect(result.summary).toContain('  line [0, 24, 52, 0, 0]');
    expect(result.summary).toMatch(/- `[0-9a-f]{7}` 2026-11-06 Raise web replicas by hand/);
  });

  test('bad inputs are one line naming the input; a path out of the workspace is refused', async () => {
    const workspace = { workspace: path.dirname(repository) };
    for (const [inputs, message] of [
      [
        { path: 'config', since: 'last month' },
        'input since "last month" is neither a span (90d, 12w, 48h) nor a date (2026-09-01)',
      ],
      [
        { path: 'config', 'failure-window': '1 day' },
        'input failure-window "1 day" is not a span such as 90d, 12w or 48h',
      ],
      [{ path: '/etc' }, 'input path: /etc is outside the workspace; name a path inside'],
    ] as const) {
      const result = await runAction('metrics', inputs, workspace);
      expect(result.exitCode).toBe(1);
      expect(result.annotations.filter((a) => a.level === 'error').map((a) => a.message)).toEqual([
        `gitops metrics: ${message}`,
      ]);
    }
  });
});

describe('a history read safely', () => {
  test('control characters in subjects and trailers split nothing: a hand edit stays a hand edit', async () => {
    const dir = newRepository();
    change(dir, '2026-11-02T10:00', deploy('dev', 'web', web('1.0', '1'), web('0.9', '0'), '2026-11-02T09:00:00Z'));
    // Once split on \x1f and \x1e, this subject made the fields after it parents: a merge, not a hand edit.
    commit(dir, '2026-11-03T10:00', 'Scale web\x1fabc def\x1e by hand');
    // A record separator and a trailer separator inside a trailer value forge nothing either.
    commit(
      dir,
      '2026-11-04T10:00',
      'Tune limits\n\nReviewed-by: ops\x1dGitops-Action: rollback\x1eGitops-Environment: dev\nSigned-off-by: ops',
    );
    const result = await runAction(
      'cli',
      {},
      { args: ['metrics', '--repository', dir, '--since', '2026-11-01', '--until', '2026-11-29', '--json'] },
    );
    expect(result.exitCode, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.handEdits.map((edit: { subject: string }) => edit.subject)).toEqual([
      'Tune limits',
      'Scale web\x1fabc def\x1e by hand',
    ]);
    expect(report.changes).toHaveLength(1);
    expect(report.environments[0]).toMatchObject({ environment: 'dev', deployments: 1, rollbacks: 0 });
  });
});

describe("trailers are someone else's text", () => {
  test('HTML and Markdown in environment and app names and subjects are shown as text in the summary', async () => {
    const dir = newRepository();
    const root = path.dirname(dir);
    const environment = '<img src=x onerror=alert(1)>';
    const app = '[click](https://evil.example)|@octocat';
    change(dir, '2026-11-02T10:00', deploy(environment, app, web('1.0', '1'), web('0.9', '0'), '2026-11-02T09:00:00Z'));
    commit(dir, '2026-11-03T10:00', 'Fix <script>alert(1)</script> and ![x](https://evil.example/p.png) "```"');
    const result = await runAction(
      'metrics',
      { path: 'config', since: '2026-11-01', until: '2026-11-29' },
      { workspace: root },
    );
    expect(result.exitCode, result.stderr).toBe(0);
    // Nothing unescaped: no tag, no link or image, no extra table cell, no mention.
    expect(result.summary).not.toMatch(/(^|[^\\])<(img|script)|[^\\]\]\(https:\/\/evil|[^\\]\|@|[^\\]@octocat/);
    expect(result.summary).toContain('| **\\<img src=x onerror=alert(1)\\>** | 1 |');
    expect(result.summary).toContain('| &nbsp;&nbsp;\\[click\\](https\\://evil.example)\\|\\@octocat | 1 |');
    expect(result.summary).toContain('title "Lead time to #lt;img src=x onerror=alert(1)#gt;');
    expect(result.summary).toContain(
      'Fix \\<script\\>alert(1)\\</script\\> and !\\[x\\](https\\://evil.example/p.png) "\\`\\`\\`"',
    );
  });
});
