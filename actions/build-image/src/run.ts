// The build-image action: read inputs, build and export, write outputs and the summary.
import { actionLogger } from '@gitops/action-kit';
import { buildTagged, gitContextOfRun } from '@gitops/image-builder';
import { getInputs } from './inputs';
import { writeOutputs } from './outputs';

export async function run(): Promise<void> {
  const inputs = getInputs();
  const build = await buildTagged({
    ...inputs,
    git: gitContextOfRun(process.env),
    tempDir: process.env.RUNNER_TEMP,
    sourceDateEpoch: process.env.SOURCE_DATE_EPOCH,
    logger: actionLogger('gitops build-image'),
  });
  await writeOutputs(build);
}
