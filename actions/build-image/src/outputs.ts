// The build-image action's outputs and job summary.
import * as core from '@actions/core';
import type { TaggedBuild } from '@gitops/image-builder';

export async function writeOutputs({ image, references, reference, metadata, built }: TaggedBuild): Promise<void> {
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
