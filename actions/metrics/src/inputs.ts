// The metrics action's inputs, read and checked in one place before the history is read.
import { ConfigurationError, optionalInput } from '@gitops/action-kit';
import { pathInsideInput } from '@gitops/action-kit/paths';
import { pointInTime, spanSeconds } from '@gitops/audit';

export interface MetricsInputs {
  repository: string;
  since: Date;
  until: Date;
  environment: string | undefined;
  app: string | undefined;
  failureWindowSeconds: number;
}

export function getInputs(now: Date): MetricsInputs {
  const when = (name: string, text: string | undefined, fallback: Date) => {
    if (text === undefined) return fallback;
    const time = pointInTime(text, now);
    if (!time)
      throw new ConfigurationError(`input ${name} "${text}" is neither a span (90d, 12w, 48h) nor a date (2026-09-01)`);
    return time;
  };
  const since = when('since', optionalInput('since'), new Date(now.getTime() - 90 * 86_400_000));
  const until = when('until', optionalInput('until'), now);
  if (since.getTime() >= until.getTime())
    throw new ConfigurationError(
      `input since (${since.toISOString()}) must come before until (${until.toISOString()})`,
    );
  const window = optionalInput('failure-window') ?? '7d';
  const failureWindowSeconds = spanSeconds(window);
  if (failureWindowSeconds === undefined)
    throw new ConfigurationError(`input failure-window "${window}" is not a span such as 90d, 12w or 48h`);
  return {
    // The history read is the checkout's own: a path out of the workspace is refused.
    repository: pathInsideInput('path', optionalInput('path') ?? '.', [
      { label: 'the workspace', dir: process.env.GITHUB_WORKSPACE ?? process.cwd() },
    ]),
    since,
    until,
    environment: optionalInput('environment'),
    app: optionalInput('app'),
    failureWindowSeconds,
  };
}
