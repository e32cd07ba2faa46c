// The push-registry action: read inputs, publish, write outputs and the summary.
import * as core from '@actions/core';
import { actionLogger } from '@gitops/action-kit';
import { dockerCredentials, publishImage } from '@gitops/registry';
import { getInputs } from './inputs';

export async function run(): Promise<void> {
  const inputs = getInputs();
  const result = await publishImage({
    source: inputs.source,
    destinations: inputs.destinations,
    credentials: {
      source: (registry) => inputs.sourceLogin ?? dockerCredentials(registry),
      destination: (registry) => dockerCredentials(registry),
    },
    destinationLogin: inputs.destinationLogin,
    attempts: inputs.retries,
    insecureRegistries: inputs.insecureRegistries,
    logger: actionLogger('gitops push-registry'),
    tempDir: process.env.RUNNER_TEMP,
  });
  core.setOutput('digest', result.digest);
  core.setOutput('images', result.images.map((image) => `${image.reference}@${result.digest}`).join('\n'));
  core.setOutput(
    'pushed',
    JSON.stringify(result.images.map((image) => ({ reference: image.reference, ...image.stats }))),
  );
  core.info(`published ${result.digest} to ${result.images.map((image) => image.reference).join(', ')}`);
  await core.summary
    .addHeading('push-registry', 3)
    .addRaw(`Digest: <code>${result.digest}</code>`, true)
    .addTable([
      [
        { data: 'destination', header: true },
        { data: 'uploaded blobs', header: true },
        { data: 'uploaded bytes', header: true },
        { data: 'mounted', header: true },
        { data: 'already there', header: true },
      ],
      ...result.images.map((image) => [
        image.reference,
        String(image.stats.uploadedBlobs),
        String(image.stats.uploadedBytes),
        String(image.stats.mountedBlobs),
        String(image.stats.presentBlobs),
      ]),
    ])
    .write();
}
