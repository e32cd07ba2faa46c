// Registry traffic goes through the proxy the environment names, as docker, skopeo and curl send it:
// HTTPS_PROXY for https registries, HTTP_PROXY for plain ones, NO_PROXY for hosts that are reached directly
// (upper or lower case). Node's own proxy support does the work where it has it (24.14, 22.21), for fetch and
// node:http alike. Older Node (the CLI runs on 20 and 22) gets undici's EnvHttpProxyAgent, the well-kept agent of
// the library Node's fetch is built on, which reads the same variables; node:http is then left aside and every
// request goes through fetch. A loopback registry is proxied too unless NO_PROXY names it, as curl does (Go tools
// such as skopeo never proxy loopback).
import http from 'node:http';
import { EnvHttpProxyAgent, setGlobalDispatcher } from 'undici';

const proxyVariables = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'] as const;

/** How the environment's proxy is honoured, once decided: by Node itself, through undici's agent, or not at all. */
let mode: 'none' | 'node' | 'undici' | undefined;

/** Turns proxy support on once per process when the environment names a proxy. */
export function proxyFromEnvironment(env: NodeJS.ProcessEnv = process.env): void {
  if (mode) return;
  const named = proxyVariables.find((variable) => env[variable]);
  if (!named) {
    mode = 'none';
    return;
  }
  // Started with NODE_USE_ENV_PROXY=1 or --use-env-proxy, Node already does it.
  if (env.NODE_USE_ENV_PROXY === '1' || process.execArgv.includes('--use-env-proxy')) {
    mode = 'node';
    return;
  }
  const setGlobalProxyFromEnv = (http as { setGlobalProxyFromEnv?: (env: NodeJS.ProcessEnv) => unknown })
    .setGlobalProxyFromEnv;
  if (setGlobalProxyFromEnv) {
    setGlobalProxyFromEnv(env);
    mode = 'node';
    return;
  }
  setGlobalDispatcher(
    new EnvHttpProxyAgent({
      httpProxy: env.HTTP_PROXY ?? env.http_proxy,
      httpsProxy: env.HTTPS_PROXY ?? env.https_proxy,
      noProxy: env.NO_PROXY ?? env.no_proxy,
    }),
  );
  mode = 'undici';
}

/** Whether node:http requests reach the proxy (Node's own support): without it, only fetch is sent through it. */
export function nodeHttpProxied(): boolean {
  return mode === 'node';
}

/** Whether the environment names a proxy: requests then go through Node's http stack, which carries them there. */
export function proxyConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
  return proxyVariables.some((variable) => env[variable]);
}
