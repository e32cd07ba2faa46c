// The push-registry action's inputs, read and checked in one place before anything is sent.
import * as core from '@actions/core';
import { ConfigurationError, integerInput, listInput, optionalInput, requiredInput } from '@gitops/action-kit';
import type { Credentials, Login } from '@gitops/registry';

export interface PushRegistryInputs {
  source: string;
  destinations: string[];
  /** For one destination registry (input registry, else the only one); others: ~/.docker/config.json. */
  destinationLogin: Login | undefined;
  /** For the source's registry; undefined: ~/.docker/config.json. */
  sourceLogin: Credentials | undefined;
  retries: number;
  insecureRegistries: string[];
}

export function getInputs(): PushRegistryInputs {
  return {
    source: requiredInput('source'),
    destinations: listInput('destinations'),
    destinationLogin: destinationLogin(),
    sourceLogin: login(optionalInput('source-username'), optionalInput('source-password'), [
      'source-username',
      'source-password',
    ]),
    retries: integerInput('retries', 1, 20),
    insecureRegistries: listInput('insecure-registries'),
  };
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
