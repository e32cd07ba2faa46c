// The deploy action: read inputs, call the engine, write outputs and the summary.
import * as core from '@actions/core';
import { actionLogger, runUrl } from '@gitops/action-kit';
import type { EarlyClone } from '@gitops/action-kit/early-clone';
import { type DeployResult, deploy } from '@gitops/delivery';
import { GitHubDeployments, githubClient } from '@gitops/github';
import { type DeployInputs, getInputs } from './inputs';
import { sourceCommit } from './source';
import { writeSummary } from './summary';

/** `early`: the clone of the config repository started before the action loaded (used if it is the right one). */
export async function run(early: EarlyClone | undefined): Promise<void> {
  const inputs = getInputs();
  const env = process.env;
  const logger = actionLogger('gitops deploy');
  const deployments = githubDeployments(inputs, env);
  const deployment = await deployments?.start();
  let result: DeployResult;
  try {
    result = await deploy({
      ...inputs,
      serverUrl: env.GITHUB_SERVER_URL,
      apiUrl: env.GITHUB_API_URL,
      tempDir: env.RUNNER_TEMP,
      started: early,
      source: sourceCommit(env),
      runUrl: runUrl(env),
      logger,
    });
  } catch (error) {
    await deployments?.finish(deployment, 'failure', (error as Error).message);
    throw error;
  }
  await deployments?.finish(
    deployment,
    'success',
    result.changed ? `deployed in ${result.commit?.slice(0, 7)}` : 'already deployed',
  );
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
    perApp((app) => app.image),
  );
  const verdict = result.changed
    ? inputs.dryRun
      ? 'would change'
      : result.pullRequestUrl
        ? `pull request ${result.pullRequestUrl}`
        : `pushed ${result.commit} after ${result.attempts} attempt${result.attempts === 1 ? '' : 's'}`
    : 'nothing to change';
  core.info(`deploy to ${inputs.environment}: ${verdict}`);
  await writeSummary(inputs.environment, result, inputs.dryRun, env.GITHUB_SERVER_URL, result.githubRepository);
}

/**
 * A GitHub deployment in the workflow's repository, when asked for: started before the deploy, finished with
 * its outcome, so the repository's environments page shows what runs where.
 */
function githubDeployments(inputs: DeployInputs, env: NodeJS.ProcessEnv) {
  if (!inputs.githubDeployment || inputs.dryRun || !inputs.token) return undefined;
  const repository = env.GITHUB_REPOSITORY;
  const sha = env.GITHUB_SHA;
  if (!repository || !sha) return undefined;
  const deployments = new GitHubDeployments(githubClient(inputs.token, env.GITHUB_API_URL ?? 'https://api.github.com'));
  return {
    start: () => deployments.create(repository, sha, inputs.environment, `gitops deploy of ${inputs.apps.join(', ')}`),
    finish: async (id: number | undefined, state: 'success' | 'failure', description: string) => {
      if (id !== undefined) await deployments.status(repository, id, state, runUrl(env), description);
    },
  };
}
