// The deploy action: read inputs, call the engine, write outputs and the summary.
import { actionLogger } from '@gitops/action-kit';
import { deploymentTarget, runnerContext } from '@gitops/action-kit/deployment';
import type { EarlyClone } from '@gitops/action-kit/early-clone';
import { deploy, unsettledFailure } from '@gitops/delivery';
import { dockerCredentials } from '@gitops/registry';
import { getInputs } from './inputs';
import { writeOutputs } from './outputs';
import { runPreview } from './preview';
import { sourceCommit } from './source';
import { writeSummary } from './summary';

/** `early`: the clone of the config repository started before the action loaded (used if it is the right one). */
export async function run(early: EarlyClone | undefined): Promise<void> {
  const inputs = getInputs();
  if (inputs.preview !== undefined) return runPreview(inputs, inputs.preview, early);
  const env = process.env;
  const result = await deploy({
    ...inputs,
    ...runnerContext(env),
    githubDeployment: deploymentTarget(inputs.githubDeployment, env),
    started: early,
    source: sourceCommit(env),
    // require-provenance also reads attestations beside the image, as a docker login before this step allows.
    registry: { credentials: (registry: string) => dockerCredentials(registry), insecureRegistries: [] },
    logger: actionLogger('gitops deploy'),
  });
  await writeOutputs(inputs, result);
  await writeSummary(inputs.environment, result, inputs.dryRun, env.GITHUB_SERVER_URL, result.githubRepository);
  // A change that landed while its controller did not settle fails the step, its outputs written.
  const failure = unsettledFailure([result]);
  if (failure) throw failure;
}
