// The deploy action's outputs, and the line that says what it did.
import * as core from '@actions/core';
import { type DeployResult, rolloutLines, wavesOutput } from '@gitops/delivery';
import type { DeployInputs } from './inputs';

export async function writeOutputs(inputs: DeployInputs, result: DeployResult): Promise<void> {
  if (result.diff) await core.group('Diff', async () => core.info(result.diff));
  // One app: its value; several: `app=value` per line.
  const perApp = (pick: (app: DeployResult['apps'][number]) => string | undefined) =>
    inputs.apps.length === 1
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
  core.info(`deploy to ${inputs.environment}: ${verdict(result, inputs.dryRun)}`);
  // A fleet: each wave written in this run, and why no further one was.
  for (const line of rolloutLines(result)) core.info(line);
  core.setOutput('waves', wavesOutput(result));
  const waited = result.controller;
  core.setOutput('health', waited?.states.map((state) => state.health).join(',') ?? '');
  core.setOutput('environment-url', waited?.url ?? '');
}

function verdict(result: DeployResult, dryRun: boolean): string {
  if (!result.changed) return 'nothing to change';
  if (dryRun) return 'would change';
  if (result.pullRequestUrl) return `pull request ${result.pullRequestUrl}`;
  return `pushed ${result.commit} after ${result.attempts} attempt${result.attempts === 1 ? '' : 's'}`;
}
