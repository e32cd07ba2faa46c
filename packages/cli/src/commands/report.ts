// `gitops report --html DIR`: the dashboard of the config repository as a static site (docs/dashboard.md).
import * as path from 'node:path';
import { spanSeconds } from '@gitops/audit';
import { loadConfig } from '@gitops/config';
import { reportSite } from '@gitops/delivery';
import { controllerAccess } from '../change-flags';
import { type Command, exitCodes, UsageError } from '../command';
import { badSpan, flagTime } from './metrics';

export const reportCommand: Command = {
  path: ['report'],
  summary: 'a static dashboard of the config repository: matrix, lanes, history, metrics, a page per app',
  help: `Usage: gitops report --html DIR [--config FILE] [--since 90d] [--failure-window 7d]
                     [--repository-url URL] [--title T] [--trust-checkout]

Writes a static site into DIR (made where missing; the files it writes are replaced): the matrix of what each
environment runs (version, digest, age, health, who built it; held, frozen, rejected and preview marks), the
lanes of what waits to be promoted and how far each fleet's rollout is, the last 200 changes, the four
delivery measures as charts (the figures of gitops metrics) and one page per app. The site makes no request
outside itself and opens from file:// as from GitHub Pages (docs/dashboard.md).

Health is read as gitops status reads it (ARGOCD_AUTH_TOKEN, KUBECONFIG); without credentials it is left out
and the page says so.
  --since T, --failure-window T   the metrics' period and failure window, as gitops metrics takes them
  --repository-url URL   the repository's web address, for links to commits (default: $GITHUB_SERVER_URL/
                         $GITHUB_REPOSITORY when both are set)
  --title T              the site's title (default: the repository's name)
  --trust-checkout       as gitops status takes it`,
  options: {
    html: { type: 'string' },
    config: { type: 'string' },
    since: { type: 'string' },
    'failure-window': { type: 'string' },
    'repository-url': { type: 'string' },
    title: { type: 'string' },
    'trust-checkout': { type: 'boolean' },
  },
  async run({ values }, output) {
    if (typeof values.html !== 'string' || values.html === '')
      throw new UsageError('--html DIR is required: the folder the site is written to');
    const now = new Date();
    const window = values['failure-window'];
    const config = loadConfig(typeof values.config === 'string' ? { config: values.config } : {});
    const repositoryUrl = urlFlag(values['repository-url']) ?? actionsRepositoryUrl(process.env);
    const result = await reportSite({
      config,
      access: controllerAccess(),
      trust: { trustCheckout: values['trust-checkout'] === true, baseBranch: process.env.GITHUB_BASE_REF || undefined },
      out: path.resolve(values.html),
      title:
        (typeof values.title === 'string' && values.title) ||
        process.env.GITHUB_REPOSITORY ||
        path.basename(config.root),
      repositoryUrl,
      since: flagTime(values.since, '--since', now),
      now,
      failureWindowSeconds:
        window === undefined ? undefined : (spanSeconds(String(window)) ?? badSpan('--failure-window', String(window))),
    });
    output.out(
      `wrote ${result.files} files (${Math.round(result.bytes / 1024)} KiB) to ${values.html}: ${result.apps} apps in ${result.environments} environments${result.health ? '' : ', without health'}`,
    );
    return exitCodes.ok;
  },
};

function urlFlag(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  const text = String(value).replace(/\/+$/, '');
  if (!/^https?:\/\/[A-Za-z0-9.-]+(:\d+)?(\/[A-Za-z0-9._~%/-]*)?$/.test(text))
    throw new UsageError(`--repository-url "${String(value)}" is not a plain http(s) address`);
  return text;
}

/** The repository the workflow runs in, as the runner names it. */
export function actionsRepositoryUrl(env: NodeJS.ProcessEnv): string | undefined {
  const server = (env.GITHUB_SERVER_URL ?? '').replace(/\/+$/, '');
  const repository = env.GITHUB_REPOSITORY ?? '';
  if (!/^https:\/\/[\w.:-]+$/.test(server) || !/^[\w.-]+\/[\w.-]+$/.test(repository)) return undefined;
  return `${server}/${repository}`;
}
