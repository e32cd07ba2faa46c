// `gitops metrics`: the four DORA measures from the config repository's history (docs/metrics.md).
import * as path from 'node:path';
import { deliveryMetrics, metricsText, pointInTime, spanSeconds } from '@gitops/audit';
import { type Command, exitCodes, UsageError } from '../command';
import { jsonFlag, jsonFlagHelp, printJson } from '../report';

export const metricsCommand: Command = {
  path: ['metrics'],
  summary: 'deployment frequency, lead time, change failure rate and time to restore, from the history',
  help: `Usage: gitops metrics [--repository DIR] [--env E] [--app A] [--since 90d] [--until DATE]
                      [--failure-window 7d] [--json]

Reads the config repository's history (one git log of its trailers; nothing is checked out) and reports, per
environment and app, over the period:
  deployments      changes that delivered a version (deploy, promote), per day and per week
  lead time        from the source commit's time (Gitops-Source-Time) to the commit that put the change in the
                   environment (for a pull request, its merge): median and 90th percentile. A promotion carries
                   its source on, so prod's lead time runs from the source commit through every promotion
  failure rate     the share of deployments rolled back within the failure window: by a rollback, or by a
                   change back to an image the environment ran before
  time to restore  from a change that was rolled back to the rollback: median and 90th percentile
Commits without gitops trailers (hand edits) are counted apart and named. Definitions: docs/metrics.md.

  --repository DIR   the config repository's working copy (default: .)
  --env E, --app A   only this environment, this app
  --since T          where the period starts: 90d, 12w, 48h, or a date (2026-09-01); default 90d
  --until T          where it ends, the same way; default now
  --failure-window T a rollback this long after a change makes it a failed change (default 7d)

${jsonFlagHelp}`,
  options: {
    repository: { type: 'string' },
    env: { type: 'string' },
    app: { type: 'string' },
    since: { type: 'string' },
    until: { type: 'string' },
    'failure-window': { type: 'string' },
    ...jsonFlag,
  },
  async run({ values }, output) {
    const now = new Date();
    const since = flagTime(values.since, '--since', now) ?? new Date(now.getTime() - 90 * 86_400_000);
    const until = flagTime(values.until, '--until', now) ?? now;
    if (since.getTime() >= until.getTime())
      throw new UsageError(`--since (${since.toISOString()}) must come before --until (${until.toISOString()})`);
    const window = values['failure-window'];
    const failureWindowSeconds =
      window === undefined ? 7 * 86_400 : (spanSeconds(String(window)) ?? badSpan('--failure-window', String(window)));
    const dir = path.resolve(typeof values.repository === 'string' ? values.repository : '.');
    const report = await deliveryMetrics({
      repository: dir,
      since,
      until,
      environment: values.env as string | undefined,
      app: values.app as string | undefined,
      failureWindowSeconds,
    });
    if (values.json === true) printJson(output, report);
    else output.out(metricsText(report));
    return exitCodes.ok;
  },
};

export function badSpan(flag: string, text: string): never {
  throw new UsageError(`${flag} "${text}" is not a span such as 90d, 12w or 48h`);
}

/** A span back from now, or a date; undefined when not given. */
export function flagTime(value: unknown, flag: string, now: Date): Date | undefined {
  if (value === undefined) return undefined;
  const when = pointInTime(String(value), now);
  if (!when)
    throw new UsageError(`${flag} "${String(value)}" is neither a span (90d, 12w, 48h) nor a date (2026-09-01)`);
  return when;
}
