// What push-registry's attest asks of the runner: the job's OIDC token for Sigstore, GitHub's API to store the
// attestation, and a folder for the bundle.
import { tmpdir } from 'node:os';
import * as core from '@actions/core';
import { ConfigurationError } from '@gitops/action-kit';
import type { getInputs } from './inputs';

/** Signing with the job's identity, storing with GitHub, and where the attestation goes beside the image. */
export function attestOptions(attest: NonNullable<ReturnType<typeof getInputs>['attest']>, env: NodeJS.ProcessEnv) {
  return {
    identityToken: () => identityToken(),
    endpoints: attest.endpoints,
    serverUrl: env.GITHUB_SERVER_URL || 'https://github.com',
    github: { token: attest.githubToken, apiUrl: env.GITHUB_API_URL || 'https://api.github.com' },
    referrer: attest.toRegistry,
    bundleDir: env.RUNNER_TEMP || tmpdir(),
  };
}

/** The job's OIDC token for Sigstore (inputs checked the job may ask for one). */
async function identityToken(): Promise<string> {
  try {
    return await core.getIDToken('sigstore');
  } catch (error) {
    throw new ConfigurationError(`input attest: GitHub gave no OIDC token: ${(error as Error).message}`);
  }
}
