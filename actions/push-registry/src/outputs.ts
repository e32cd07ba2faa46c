// The push-registry action's outputs, the line that says what it published, and the job summary.
import * as core from '@actions/core';
import { htmlText as escapeHtml } from '@gitops/markup';
import type { PublishAttestedResult } from '@gitops/publish';

export async function writeOutputs(result: PublishAttestedResult): Promise<void> {
  core.setOutput('digest', result.digest);
  core.setOutput('images', result.images.map((image) => `${image.reference}@${result.digest}`).join('\n'));
  core.setOutput(
    'pushed',
    JSON.stringify(result.images.map((image) => ({ reference: image.reference, ...image.stats }))),
  );
  const attestation = result.attestation;
  core.setOutput('attestation-id', attestation?.id?.toString() ?? '');
  core.setOutput('attestation-url', attestation?.url ?? '');
  core.setOutput('bundle-path', attestation?.bundlePath ?? '');
  core.info(`published ${result.digest} to ${result.images.map((image) => image.reference).join(', ')}`);
  for (const tag of result.held) core.info(`${tag.reference} left where it is: ${tag.reason}`);
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
    .addRaw(
      result.held.length
        ? `Floating tags left where they are: ${result.held.map((tag) => `<code>${escapeHtml(tag.reference)}</code> (${escapeHtml(tag.reason)})`).join(', ')}.`
        : '',
      true,
    )
    .addRaw(
      attestation
        ? `Build provenance attested by ${attestation.repository}${attestation.url ? `: <a href="${attestation.url}">attestation ${attestation.id}</a>` : ''}${attestation.referrers.length ? `; beside the image as ${attestation.referrers.map((referrer) => `<code>${referrer}</code>`).join(', ')}` : ''}.`
        : '',
      true,
    )
    .write();
}
