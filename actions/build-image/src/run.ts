// The build-image action: read inputs, build and export, write outputs and the summary.
import * as core from '@actions/core';
import { actionLogger } from '@gitops/action-kit';
import { buildTagged, gitContextOfRun } from '@gitops/image-builder';
import { getInputs } from './inputs';

export async function run(): Promise<void> {
  const inputs = getInputs();
  const { image, references, reference, metadata, built } = await buildTagged({
    ...inputs,
    git: gitContextOfRun(process.env),
    tempDir: process.env.RUNNER_TEMP,
    sourceDateEpoch: process.env.SOURCE_DATE_EPOCH,
    logger: actionLogger('gitops build-image'),
  });
  core.setOutput('image', image);
  core.setOutput('tags', references.join('\n'));
  core.setOutput('reference', reference);
  core.setOutput('image-id', built.imageId);
  core.setOutput('digest', built.digest);
  core.setOutput('oci-path', built.ociPath ?? '');
  core.setOutput(
    'metadata',
    JSON.stringify({
      image,
      tags: references,
      reference,
      labels: metadata.labels,
      version: metadata.version,
      digest: built.digest,
      imageId: built.imageId,
      builder: built.builder,
    }),
  );
  await core.summary
    .addHeading('build-image', 3)
    .addTable([
      [
        { data: 'tag', header: true },
        { data: 'digest', header: true },
      ],
      ...references.map((reference) => [reference, built.digest]),
    ])
    .addRaw(`Builder: ${built.builder}. ${built.ociPath ? `OCI layout: <code>${built.ociPath}</code>` : ''}`, true)
    .write();
}
