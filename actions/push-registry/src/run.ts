// The push-registry action: read inputs, publish, write outputs and the summary.

import { tmpdir } from 'node:os';
import * as core from '@actions/core';
import { actionLogger, ConfigurationError } from '@gitops/action-kit';
import { publishAttested } from '@gitops/publish';
import { dockerCredentials } from '@gitops/registry';
import { getInputs } from './inputs';

export async function run(): Promise<void> {
  const inputs = getInputs();
  const env = process.env;
  const attest = inputs.attest;
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
    logger: actionLogger('gitops push-registry'),
    tempDir: env.RUNNER_TEMP,
    attest: attest && {
      identityToken: () => identityToken(),
      endpoints: attest.endpoints,
      serverUrl: env.GITHUB_SERVER_URL || 'https://github.com',
      github: { token: attest.githubToken, apiUrl: env.GITHUB_API_URL || 'https://api.github.com' },
      referrer: attest.toRegistry,
      bundleDir: env.RUNNER_TEMP || tmpdir(),
    },
  });
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
      attestation
        ? `Build provenance attested by ${attestation.repository}${attestation.url ? `: <a href="${attestation.url}">attestation ${attestation.id}</a>` : ''}${attestation.referrers.length ? `; beside the image as ${attestation.referrers.map((referrer) => `<code>${referrer}</code>`).join(', ')}` : ''}.`
        : '',
      true,
    )
    .write();
}

/** The job's OIDC token for Sigstore (inputs checked the job may ask for one). */
async function identityToken(): Promise<string> {
  try {
    return await core.getIDToken('sigstore');
  } catch (error) {
    throw new ConfigurationError(`input attest: GitHub gave no OIDC token: ${(error as Error).message}`);
  }
}
