// The deploy action: read inputs, call the engine, write outputs and the summary.
import * as core from '@actions/core';
import { actionLogger, runUrl } from '@gitops/action-kit';
import { githubDeployment } from '@gitops/action-kit/deployment';
import type { EarlyClone } from '@gitops/action-kit/early-clone';
import { DeliveryError, type DeployResult, deploy } from '@gitops/delivery';
import { getInputs } from './inputs';
import { sourceCommit } from './source';
import { writeSummary } from './summary';

/** `early`: the clone of the config repository started before the action loaded (used if it is the right one). */
export async function run(early: EarlyClone | undefined): Promise<void> {
  const inputs = getInputs();
  const env = process.env;
  const logger = actionLogger('gitops deploy');
  const deployment =
    inputs.githubDeployment && !inputs.dryRun
      ? githubDeployment(
          {
            token: inputs.token,
            environment: inputs.environment,
            description: `gitops deploy of ${inputs.apps.join(', ')}`,
          },
          env,
        )
      : undefined;
  await deployment?.start();
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
      onWaiting: async (commit) => deployment?.waiting(commit),
    });
  } catch (error) {
    await deployment?.failed((error as Error).message);
    throw error;
  }
  const waited = result.controller;
  await deployment?.finish(result, 'deployed');
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
  core.setOutput('health', waited?.states.map((state) => state.health).join(',') ?? '');
  core.setOutput('environment-url', waited?.url ?? '');
  await writeSummary(inputs.environment, result, inputs.dryRun, env.GITHUB_SERVER_URL, result.githubRepository);
  if (waited && !waited.settled)
    throw new DeliveryError(`${result.commit?.slice(0, 7) ?? 'the change'} landed, but ${waited.message}`);
}
