// The promote action: read inputs, promote, write outputs and the summary.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as core from '@actions/core';
import {
  actionLogger,
  booleanInput,
  ConfigurationError,
  choiceInput,
  committerFrom,
  integerInput,
  listInput,
  optionalInput,
  requiredInput,
  runUrl,
} from '@gitops/action-kit';
import type { EarlyClone } from '@gitops/action-kit/early-clone';
import { DeliveryError, defaultRetryPolicy, promote } from '@gitops/delivery';
import { CheckoutError, needsToken, RemoteError, resolveRemote } from '@gitops/git';
import { GitHubPullRequests, githubClient } from '@gitops/github';
import { dockerCredentials, RegistryError } from '@gitops/registry';

export const userErrors = [DeliveryError, CheckoutError, RemoteError, RegistryError];

/** `early`: the clone of the config repository started before the action loaded (used if it is the right one). */
export async function run(early: EarlyClone | undefined): Promise<void> {
  const env = process.env;
  const token = optionalInput('token');
  if (token) core.setSecret(token);
  const committer = committerFrom(requiredInput('committer'), 'committer');
  const remote = resolveRemote(requiredInput('repository'), env.GITHUB_SERVER_URL ?? 'https://github.com', token);
  if (needsToken(remote.url) && !token)
    throw new ConfigurationError(`input token is required to push to ${remote.display}`);
  const apps = listInput('apps');
  const dryRun = booleanInput('dry-run');
  const branch = optionalInput('branch');
  const clone = await early?.claim(remote, branch);
  const result = await promote({
    remote,
    branch,
    workdir:
      clone?.workdir ?? path.join(mkdtempSync(path.join(env.RUNNER_TEMP ?? tmpdir(), 'gitops-promote-')), 'config'),
    cloning: clone?.checkout,
    config: requiredInput('config'),
    to: requiredInput('to'),
    from: optionalInput('from'),
    apps: apps.length ? apps : undefined,
    via: choiceInput('via', ['commit', 'pull-request'] as const),
    dryRun,
    allowOlder: booleanInput('allow-older'),
    committer,
    runUrl: runUrl(env),
    retry: {
      ...defaultRetryPolicy,
      maxAttempts: integerInput('push-attempts', 1, 1000),
      timeoutMs: integerInput('push-timeout', 1, 3600) * 1000,
    },
    pullRequests: token
      ? new GitHubPullRequests(githubClient(token, env.GITHUB_API_URL ?? 'https://api.github.com'))
      : undefined,
    pullRequest: { labels: listInput('labels'), autoMerge: booleanInput('auto-merge') },
    registry: { credentials: (registry) => dockerCredentials(registry), insecureRegistries: [] },
    logger: actionLogger('gitops promote'),
  });
  core.setOutput('changed', String(result.changed));
  core.setOutput('commit', result.commit ?? '');
  core.setOutput('pull-request-url', result.pullRequestUrl ?? '');
  core.setOutput(
    'promoted',
    JSON.stringify(
      result.promoted.map((p) => ({
        app: p.app,
        from: result.from,
        to: result.to,
        image: p.image,
        previous: p.previous ?? null,
        source: p.from,
        resolved: p.resolved,
        copied: p.copied,
        ...(p.skipped ? { skipped: p.skipped } : {}),
      })),
    ),
  );
  core.info(
    `promote ${result.from} → ${result.to}: ${result.changed ? (result.pullRequestUrl ?? result.commit ?? 'would change') : 'nothing to change'}`,
  );
  const summary = core.summary
    .addHeading(`${dryRun ? 'Dry run: ' : ''}promote ${result.from} → ${result.to}`, 3)
    .addTable([
      [
        { data: 'app', header: true },
        { data: `${result.from} runs`, header: true },
        { data: `${result.to} ran`, header: true },
        { data: `${result.to} runs now`, header: true },
        { data: 'note', header: true },
      ],
      ...result.promoted.map((p) => [
        p.app,
        p.from,
        p.previous ?? '(none)',
        p.image,
        [
          p.skipped,
          p.resolved ? 'digest resolved in the registry' : '',
          p.copied ? 'copied to the target registry' : '',
        ]
          .filter(Boolean)
          .join('; '),
      ]),
    ]);
  if (result.diff) summary.addDetails('Diff', `\n\n\`\`\`diff\n${result.diff.trimEnd()}\n\`\`\`\n`);
  await summary.write();
}
