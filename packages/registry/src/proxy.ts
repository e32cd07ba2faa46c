// Registry traffic goes through the proxy the environment names, as docker, skopeo and curl send it:
// HTTPS_PROXY for https registries, HTTP_PROXY for plain ones, NO_PROXY for hosts that are reached directly
// (upper or lower case). Node's own proxy support does the work, for fetch and node:http alike; a loopback
// registry is proxied too unless NO_PROXY names it, as curl does (Go tools such as skopeo never proxy loopback).
import http from 'node:http';

const proxyVariables = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'] as const;

let settled = false;

/** Turns Node's proxy support on once per process when the environment names a proxy. */
export function proxyFromEnvironment(env: NodeJS.ProcessEnv = process.env): void {
  if (settled) return;
  settled = true;
  const named = proxyVariables.find((variable) => env[variable]);
  // Started with NODE_USE_ENV_PROXY=1 or --use-env-proxy, Node already does it.
  if (!named || env.NODE_USE_ENV_PROXY === '1' || process.execArgv.includes('--use-env-proxy')) return;
  const setGlobalProxyFromEnv = (http as { setGlobalProxyFromEnv?: (env: NodeJS.ProcessEnv) => unknown })
    .setGlobalProxyFromEnv;
  if (!setGlobalProxyFromEnv) {
    // A warning, not an error: where the registry is reachable directly, the work still gets done.
    process.emitWarning(
      `${named} is set, but Node.js ${process.version} cannot send through a proxy named in the environment, so registries are reached directly: use Node.js 24.14 or later, or start it with NODE_USE_ENV_PROXY=1 (Node.js 22.21 and later)`,
      { code: 'GITOPS_PROXY' },
    );
    return;
  }
  setGlobalProxyFromEnv(env);
}

/** Whether the environment names a proxy: requests then go through Node's http stack, which carries them there. */
export function proxyConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
  return proxyVariables.some((variable) => env[variable]);
}
