// The push-registry action's inputs, read and checked in one place before anything is sent.
import { readFileSync } from 'node:fs';
import * as core from '@actions/core';
import {
  booleanInput,
  ConfigurationError,
  choiceInput,
  integerInput,
  listInput,
  optionalInput,
  requiredInput,
  secretInput,
} from '@gitops/action-kit';
import { githubSigstore, publicGoodSigstore, type SigstoreEndpoints } from '@gitops/provenance/endpoints';
import type { Credentials, Login } from '@gitops/registry';

export interface PushRegistryInputs {
  /** One image, or one OCI layout per platform to merge into one index. */
  source: string | string[];
  destinations: string[];
  /** For one destination registry (input registry, else the only one); others: ~/.docker/config.json. */
  destinationLogin: Login | undefined;
  /** For the source's registry; undefined: ~/.docker/config.json. */
  sourceLogin: Credentials | undefined;
  retries: number;
  insecureRegistries: string[];
  /** forward: floating tags (1, 1.2, latest) move only to the highest version of their line. */
  floatingTags: 'forward' | 'always';
  /** Set: sign the provenance of what is published. */
  attest:
    | {
        endpoints: SigstoreEndpoints;
        toRegistry: boolean;
        githubToken: string;
      }
    | undefined;
}

export function getInputs(): PushRegistryInputs {
  return {
    source: sourceInput(),
    destinations: listInput('destinations'),
    destinationLogin: destinationLogin(),
    sourceLogin: login(optionalInput('source-username'), optionalInput('source-password'), [
      'source-username',
      'source-password',
    ]),
    retries: integerInput('retries', 1, 20),
    insecureRegistries: listInput('insecure-registries'),
    floatingTags: choiceInput('floating-tags', ['forward', 'always'] as const) ?? 'forward',
    attest: attestInputs(),
  };
}

/** One source, or several (one per line) to merge: a line may hold commas, never two sources. */
function sourceInput(): string | string[] {
  requiredInput('source');
  const sources = listInput('source', { ignoreComma: true });
  return sources.length === 1 ? (sources[0] as string) : sources;
}

function attestInputs(): PushRegistryInputs['attest'] {
  const sigstore = choiceInput('sigstore', ['auto', 'public-good', 'github'] as const) ?? 'auto';
  const own = {
    fulcioUrl: optionalInput('fulcio-url'),
    rekorUrl: optionalInput('rekor-url'),
    tsaUrl: optionalInput('tsa-url'),
  };
  const githubToken = secretInput('github-token');
  const toRegistry = booleanInput('attest-to-registry');
  if (!booleanInput('attest')) {
    if (toRegistry) throw new ConfigurationError('input attest-to-registry needs attest: true');
    return undefined;
  }
  // Checked before anything is published: an image without its attestation is what require-provenance refuses.
  if (!process.env.ACTIONS_ID_TOKEN_REQUEST_URL)
    throw new ConfigurationError(
      "input attest signs with the workflow's OIDC token, which this job does not get: give it permissions id-token: write (and attestations: write)",
    );
  if (!githubToken)
    throw new ConfigurationError('input attest stores the attestation with GitHub: github-token must not be empty');
  if (!own.fulcioUrl && (own.rekorUrl || own.tsaUrl))
    throw new ConfigurationError(`input ${own.rekorUrl ? 'rekor-url' : 'tsa-url'} needs fulcio-url`);
  if (own.fulcioUrl && !own.rekorUrl && !own.tsaUrl)
    throw new ConfigurationError(
      'input fulcio-url needs rekor-url or tsa-url: something must vouch for when it signed',
    );
  for (const [name, value] of [
    ['fulcio-url', own.fulcioUrl],
    ['rekor-url', own.rekorUrl],
    ['tsa-url', own.tsaUrl],
  ] as const)
    if (value && !/^https?:\/\/[^/\s]+/.test(value))
      throw new ConfigurationError(`input ${name} is not an http(s) address: "${value}"`);
  const serverUrl = process.env.GITHUB_SERVER_URL || 'https://github.com';
  const endpoints: SigstoreEndpoints = own.fulcioUrl
    ? { fulcioUrl: own.fulcioUrl, rekorUrl: own.rekorUrl, tsaUrl: own.tsaUrl }
    : (sigstore === 'auto' ? repositoryVisibility() === 'public' : sigstore === 'public-good')
      ? publicGoodSigstore
      : githubSigstore(serverUrl);
  return { endpoints, toRegistry, githubToken };
}

/** The repository's visibility, from the event payload, as actions/attest-build-provenance reads it. */
function repositoryVisibility(): string | undefined {
  try {
    const event = JSON.parse(readFileSync(process.env.GITHUB_EVENT_PATH ?? '', 'utf8')) as {
      repository?: { visibility?: string };
    };
    return event.repository?.visibility;
  } catch {
    return undefined;
  }
}

function destinationLogin(): Login | undefined {
  const credentials = login(optionalInput('username'), optionalInput('password'), ['username', 'password']);
  const registry = optionalInput('registry');
  if (!credentials) {
    if (registry) throw new ConfigurationError('input registry names where username and password go; give them too');
    return undefined;
  }
  return { credentials, registry, names: { registry: 'registry', username: 'username' } };
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
