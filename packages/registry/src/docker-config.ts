// Credentials the way docker keeps them (~/.docker/config.json: auths, credsStore, credHelpers), so a
// workflow that ran docker/login-action needs no extra inputs.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';
import type { Credentials } from './auth';

interface DockerConfig {
  auths?: Record<string, { auth?: string; username?: string; password?: string; identitytoken?: string }>;
  credsStore?: string;
  credHelpers?: Record<string, string>;
}

/** docker's config.json: in $DOCKER_CONFIG, else ~/.docker, as the docker CLI looks for it. */
export function dockerConfigFile(env: NodeJS.ProcessEnv): string {
  return path.join(env.DOCKER_CONFIG ?? path.join(env.HOME ?? homedir(), '.docker'), 'config.json');
}

function keysFor(registry: string): string[] {
  if (registry === 'docker.io')
    return ['https://index.docker.io/v1/', 'index.docker.io', 'docker.io', 'registry-1.docker.io'];
  return [registry, `https://${registry}`, `http://${registry}`];
}

/**
 * The credentials docker itself would use for `registry`, in the docker CLI's order: a credHelpers entry for the
 * registry, else the credsStore, else the auths entry. Once a helper is chosen it alone answers, as in docker:
 * an `auths` entry beside it is not a fallback (docker keeps only placeholders there).
 */
export function dockerCredentials(registry: string, env: NodeJS.ProcessEnv = process.env): Credentials | undefined {
  let config: DockerConfig;
  try {
    config = JSON.parse(readFileSync(dockerConfigFile(env), 'utf8')) as DockerConfig;
  } catch {
    return undefined;
  }
  const keys = keysFor(registry);
  const helper = keys.map((key) => config.credHelpers?.[key]).find(Boolean) ?? config.credsStore;
  if (helper) return fromHelper(helper, keys[0] as string, env);
  for (const key of keys) {
    const entry = config.auths?.[key];
    if (!entry) continue;
    let username = entry.username ?? '';
    let password = entry.password ?? '';
    if (entry.auth) {
      const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon > 0) [username, password] = [decoded.slice(0, colon), decoded.slice(colon + 1)];
    }
    if (entry.identitytoken) return { username, password, identityToken: entry.identitytoken };
    if (username && password) return { username, password };
  }
  return undefined;
}

/** Asks `docker-credential-<helper> get`, found on PATH only: a helper name is a name, never a path. */
function fromHelper(helper: string, serverAddress: string, env: NodeJS.ProcessEnv): Credentials | undefined {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(helper)) return undefined;
  try {
    const output = execFileSync(`docker-credential-${helper}`, ['get'], {
      env,
      input: serverAddress,
      encoding: 'utf8',
      timeout: 15_000,
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    const parsed = JSON.parse(output) as { Username?: string; Secret?: string };
    if (!parsed.Username || !parsed.Secret) return undefined;
    // Helpers keep an identity token under the user name `<token>`, as the docker CLI stores it.
    if (parsed.Username === '<token>') return { username: '', password: '', identityToken: parsed.Secret };
    return { username: parsed.Username, password: parsed.Secret };
  } catch {
    return undefined;
  }
}
