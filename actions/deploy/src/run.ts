// The deploy action: read inputs, call the engine, write outputs and the summary.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as core from '@actions/core';
import { actionLogger, ConfigurationError, runUrl } from '@gitops/action-kit';
import type { EarlyClone } from '@gitops/action-kit/early-clone';
import { DeliveryError, type DeployResult, defaultRetryPolicy, deploy } from '@gitops/delivery';
import { CheckoutError, needsToken, RemoteError, resolveRemote } from '@gitops/git';
import { GitHubDeployments, GitHubPullRequests, githubClient } from '@gitops/github';
import { getInputs } from './inputs';
import { sourceCommit } from './source';
import { writeSummary } from './summary';

export const userErrors = [DeliveryError, CheckoutError, RemoteError];

/** `early`: the clone of the config repository started before the action loaded (used if it is the right one). */
export async function run(early: EarlyClone | undefined): Promise<void> {
  const inputs = getInputs();
  const env = process.env;
  const serverUrl = env.GITHUB_SERVER_URL ?? 'https://github.com';
  const apiUrl = env.GITHUB_API_URL ?? 'https://api.github.com';
  const remote = resolveRemote(inputs.repository, serverUrl, inputs.token);
  if (needsToken(remote.url) && !inputs.token) {
    throw new ConfigurationError(`input token is required to push to ${remote.display}`);
  }
  const client = inputs.token ? githubClient(inputs.token, apiUrl) : undefined;
  const source = sourceCommit(env);
  const logger = actionLogger('gitops deploy');
  const deployments =
    inputs.githubDeployment && !inputs.dryRun ? (client ? new GitHubDeployments(client) : undefined) : undefined;
  if (inputs.githubDeployment && !inputs.dryRun && !deployments)
    throw new ConfigurationError('github-deployment needs a token');
  const deployment =
    deployments && env.GITHUB_REPOSITORY && env.GITHUB_SHA
      ? await deployments.create(
          env.GITHUB_REPOSITORY,
          env.GITHUB_SHA,
          inputs.environment,
          `gitops deploy of ${inputs.apps.join(', ')}`,
        )
      : undefined;
  let result: DeployResult;
  const clone = await early?.claim(remote, inputs.branch);
  try {
    result = await deploy({
      remote,
      branch: inputs.branch,
      workdir:
        clone?.workdir ?? path.join(mkdtempSync(path.join(env.RUNNER_TEMP ?? tmpdir(), 'gitops-deploy-')), 'config'),
      cloning: clone?.checkout,
      config: inputs.config,
      environment: inputs.environment,
      apps: inputs.apps,
      image: inputs.image,
      via: inputs.via,
      dryRun: inputs.dryRun,
      allowOlder: inputs.allowOlder,
      committer: inputs.committer,
      source,
      runUrl: runUrl(env),
      retry: { ...defaultRetryPolicy, maxAttempts: inputs.pushAttempts, timeoutMs: inputs.pushTimeoutSeconds * 1000 },
      pullRequests: client ? new GitHubPullRequests(client) : undefined,
      pullRequest: { labels: inputs.labels, autoMerge: inputs.autoMerge },
      logger,
    });
  } catch (error) {
    if (deployment !== undefined && deployments && env.GITHUB_REPOSITORY) {
      await deployments.status(env.GITHUB_REPOSITORY, deployment, 'failure', runUrl(env), (error as Error).message);
    }
    throw error;
  }
  if (deployment !== undefined && deployments && env.GITHUB_REPOSITORY) {
    await deployments.status(
      env.GITHUB_REPOSITORY,
      deployment,
      'success',
      runUrl(env),
      result.changed ? `deployed in ${result.commit?.slice(0, 7)}` : 'already deployed',
    );
  }
  if (result.diff) await logger.group('Diff', async () => core.info(result.diff));
  const single = inputs.apps.length === 1;
  const perApp = (pick: (app: DeployResult['apps'][number]) => string | undefined) =>
    single
      ? (pick(result.apps[0] as DeployResult['apps'][number]) ?? '')
      : result.apps.map((app) => `${app.app}=${pick(app) ?? ''}`).join('\n');
  core.setOutput('changed', String(result.changed));
  core.setOutput('commit', result.commit ?? '');
  core.setOutput('pull-request-url', result.pullRequestUrl ?? '');
  core.setOutput(
    'previous-image',
    perApp((app) => app.previous),
  );
  core.setOutput(
    'image',
    perApp((app) => (app.skipped && app.skipped !== 'already deployed' ? app.previous : app.image)),
  );
  const verdict = result.changed
    ? inputs.dryRun
      ? 'would change'
      : result.pullRequestUrl
        ? `pull request ${result.pullRequestUrl}`
        : `pushed ${result.commit} after ${result.attempts} attempt${result.attempts === 1 ? '' : 's'}`
    : 'nothing to change';
  core.info(`deploy to ${inputs.environment}: ${verdict}`);
  await writeSummary(inputs.environment, result, inputs.dryRun, env.GITHUB_SERVER_URL, remote.githubRepository);
}
