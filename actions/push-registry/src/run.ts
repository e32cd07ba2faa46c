// The push-registry action: read inputs, publish, write outputs and the summary.
import * as core from '@actions/core';
import {
  actionLogger,
  ConfigurationError,
  integerInput,
  listInput,
  optionalInput,
  requiredInput,
} from '@gitops/action-kit';
import { type Credentials, dockerCredentials, publishImage } from '@gitops/registry';

export async function run(): Promise<void> {
  const destination = login(optionalInput('username'), optionalInput('password'), ['username', 'password']);
  const source = login(optionalInput('source-username'), optionalInput('source-password'), [
    'source-username',
    'source-password',
  ]);
  const result = await publishImage({
    source: requiredInput('source'),
    destinations: listInput('destinations'),
    credentials: {
      source: (registry) => source ?? dockerCredentials(registry),
      destination: (registry) => destination ?? dockerCredentials(registry),
    },
    attempts: integerInput('retries', 1, 20),
    insecureRegistries: listInput('insecure-registries'),
    logger: actionLogger('gitops push-registry'),
    ...(process.env.RUNNER_TEMP ? { tempDir: process.env.RUNNER_TEMP } : {}),
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

/** A username and password given together, the password masked; one without the other names the missing input. */
function login(
  username: string | undefined,
  password: string | undefined,
  [usernameInput, passwordInput]: readonly [string, string],
): Credentials | undefined {
  if (password) core.setSecret(password);
  if (!username && !password) return undefined;
  if (!username) throw new ConfigurationError(`input ${usernameInput} is required with ${passwordInput}`);
  if (!password) throw new ConfigurationError(`input ${passwordInput} is required with ${usernameInput}`);
  return { username, password };
}
