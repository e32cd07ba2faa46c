// The push-registry action: read inputs, publish, write outputs and the summary.

import { actionLogger } from '@gitops/action-kit';
import { publishAttested } from '@gitops/publish';
import { dockerCredentials } from '@gitops/registry';
import { attestOptions } from './attest';
import { getInputs } from './inputs';
import { writeOutputs } from './outputs';

export async function run(): Promise<void> {
  const inputs = getInputs();
  const env = process.env;
  const result = await publishAttested({
    source: inputs.source,
    destinations: inputs.destinations,
    credentials: {
      source: (registry) => inputs.sourceLogin ?? dockerCredentials(registry),
      destination: (registry) => dockerCredentials(registry),
    },
    destinationLogin: inputs.destinationLogin,
    attempts: inputs.retries,
    insecureRegistries: inputs.insecureRegistries,
    floatingTags: inputs.floatingTags,
    logger: actionLogger('gitops push-registry'),
    tempDir: env.RUNNER_TEMP,
    attest: inputs.attest && attestOptions(inputs.attest, env),
  });
  await writeOutputs(result);
}
