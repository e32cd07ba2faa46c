// The report action's inputs, read and checked in one place before anything is read or written.
import * as path from 'node:path';
import { ConfigurationError, optionalInput, secretInput } from '@gitops/action-kit';
import { pathInsideInput } from '@gitops/action-kit/paths';
import { pointInTime, spanSeconds } from '@gitops/audit';
import { type GitopsConfig, loadConfig } from '@gitops/config';

export interface ReportInputs {
  config: GitopsConfig;
  out: string;
  since: Date | undefined;
  failureWindowSeconds: number;
  controllers: { argocdToken: string | undefined; kubeconfig: string | undefined };
  title: string;
  /** The checkout is trusted with the credentials unless the run is for a pull request (docs/dashboard.md). */
  trustCheckout: boolean;
}

export function getInputs(env: NodeJS.ProcessEnv, now: Date): ReportInputs {
  const workspace = env.GITHUB_WORKSPACE ?? process.cwd();
  const folders = [{ label: 'the workspace', dir: workspace }];
  const root = pathInsideInput('path', optionalInput('path') ?? '.', folders);
  const since = optionalInput('since');
  const sinceTime = since === undefined ? undefined : pointInTime(since, now);
  if (since !== undefined && !sinceTime)
    throw new ConfigurationError(`input since "${since}" is neither a span (90d, 12w, 48h) nor a date (2026-09-01)`);
  const window = optionalInput('failure-window') ?? '7d';
  const failureWindowSeconds = spanSeconds(window);
  if (failureWindowSeconds === undefined)
    throw new ConfigurationError(`input failure-window "${window}" is not a span such as 90d, 12w or 48h`);
  const event = env.GITHUB_EVENT_NAME ?? '';
  return {
    config: loadConfig({ config: path.join(root, 'gitops.yaml') }),
    out: pathInsideInput('output', optionalInput('output') ?? '_site', folders),
    since: sinceTime,
    failureWindowSeconds,
    controllers: { argocdToken: secretInput('argocd-token'), kubeconfig: secretInput('kubeconfig') },
    title: optionalInput('title') ?? env.GITHUB_REPOSITORY ?? path.basename(root),
    trustCheckout: !event.startsWith('pull_request'),
  };
}
