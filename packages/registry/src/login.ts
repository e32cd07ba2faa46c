// A user name and password given as inputs belong to one registry, as a `docker login` does: the registry they
// name, else the only one the destinations are on. Every other registry gets docker's own credentials for it
// (docker/login-action writes one entry per registry), so a token for one registry never reaches another.
import { tryParseImageRef } from '@gitops/image-ref';
import type { Credentials } from './auth';
import { RegistryError } from './errors';

export interface Login {
  readonly credentials: Credentials;
  /** The registry they are for, as the user wrote it (`ghcr.io`, `https://index.docker.io/v1/`); may be absent. */
  readonly registry?: string | undefined;
  /** How the user names the registry and the user name, for messages (`registry`, `username`). */
  readonly names: { readonly registry: string; readonly username: string };
}

/** `ghcr.io`, `https://ghcr.io/`, `index.docker.io` and `https://index.docker.io/v1/` as image references name them. */
export function registryHost(text: string): string | undefined {
  const host = text
    .trim()
    .replace(/^[a-z]+:\/\//i, '')
    .replace(/\/.*$/, '')
    .toLowerCase();
  // Read as references do: the first part is the registry only when it has a dot or a port, or is localhost.
  const ref = host ? tryParseImageRef(`${host}/gitops/probe`) : undefined;
  return ref?.repository === 'gitops/probe' ? ref.registry : undefined;
}

/** The credentials for each registry: the login's for its own registry, `others` for the rest. */
export function credentialsWithLogin(
  login: Login | undefined,
  registries: readonly string[],
  others: (registry: string) => Credentials | undefined,
): (registry: string) => Credentials | undefined {
  if (!login) return others;
  let owner: string | undefined;
  if (login.registry) {
    owner = registryHost(login.registry);
    if (!owner)
      throw new RegistryError(`"${login.registry}" is not a registry host`, undefined, {
        subject: login.names.registry,
      });
  } else {
    const distinct = [...new Set(registries)];
    if (distinct.length > 1)
      throw new RegistryError(
        `the destinations are on ${distinct.join(', ')}, and ${login.names.username} is for one registry: name it in ${login.names.registry}, and log in to the others with docker/login-action`,
        undefined,
        { subject: login.names.registry },
      );
    owner = distinct[0];
  }
  return (registry) => (registry === owner ? login.credentials : others(registry));
}
