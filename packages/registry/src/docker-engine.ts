// Whether the local Docker engine holds an image, asked over its API socket (a few milliseconds) rather than by
// starting the docker CLI (some 50 ms on a runner, on every push-registry of a remote image). Engines the API
// path cannot reach the way the CLI would (tcp with TLS, a docker context) are asked through the CLI.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { dockerConfigFile } from './docker-config';

export async function dockerHasImage(name: string, env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  const socket = engineSocket(env);
  if (socket === undefined) return cliHasImage(name);
  return new Promise((resolve) => {
    const request = http.get(
      { socketPath: socket, path: `/images/${encodeURI(name)}/json`, timeout: 10_000, agent: false },
      (response) => {
        response.resume();
        resolve(response.statusCode === 200);
      },
    );
    // No engine there (no socket, refused, silent): the image is not a local one.
    request.on('error', () => resolve(false));
    request.on('timeout', () => request.destroy());
  });
}

/** The engine's unix socket as the CLI would find it; undefined when the CLI must be asked. */
function engineSocket(env: NodeJS.ProcessEnv): string | undefined {
  const host = env.DOCKER_HOST;
  if (host) return host.startsWith('unix://') ? host.slice('unix://'.length) : undefined;
  if (env.DOCKER_CONTEXT && env.DOCKER_CONTEXT !== 'default') return undefined;
  try {
    const config = JSON.parse(readFileSync(dockerConfigFile(env), 'utf8')) as { currentContext?: string };
    if (config.currentContext && config.currentContext !== 'default') return undefined;
  } catch {
    // no config: the default context
  }
  return '/var/run/docker.sock';
}

function cliHasImage(name: string): boolean {
  const result = spawnSync('docker', ['image', 'inspect', '--format', '{{.Id}}', name], {
    stdio: ['ignore', 'pipe', 'ignore'],
    timeout: 30_000,
  });
  return result.status === 0;
}
