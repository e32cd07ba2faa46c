// The promote action: read inputs, promote (or, with auto, promote into every auto-promote environment), write
// outputs and the summary.
import { actionLogger } from '@gitops/action-kit';
import { deploymentTarget, runnerContext } from '@gitops/action-kit/deployment';
import type { EarlyClone } from '@gitops/action-kit/early-clone';
import { autoPromote, promote, unsettledFailure } from '@gitops/delivery';
import { dockerCredentials } from '@gitops/registry';
import { getInputs } from './inputs';
import { writeOutputs } from './outputs';

/** `early`: the clone of the config repository started before the action loaded (used if it is the right one). */
export async function run(early: EarlyClone | undefined): Promise<void> {
  const inputs = getInputs();
  const env = process.env;
  const request = {
    ...inputs,
    ...runnerContext(env),
    // One target only: the inputs refuse github-deployment with auto.
    githubDeployment: deploymentTarget(inputs.githubDeployment && inputs.to !== undefined, env),
    started: early,
    registry: { credentials: (registry: string) => dockerCredentials(registry), insecureRegistries: [] },
    logger: actionLogger('gitops promote'),
  };
  const results = inputs.auto
    ? (await autoPromote({ ...request, only: inputs.to })).promotions
    : [await promote({ ...request, to: inputs.to as string })];
  await writeOutputs(results, inputs.dryRun);
  // A change that landed while its controller did not settle fails the step, its outputs written.
  const failure = unsettledFailure(results);
  if (failure) throw failure;
}
