// Which docker drives the build. BuildKit comes from `docker buildx` where it is installed; otherwise from a
// docker CLI that still drives the daemon's built-in BuildKit with DOCKER_BUILDKIT=1 (before 23.0; newer ones
// insist on buildx); otherwise the classic builder, which has no secrets and no multi-platform builds.

import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import * as path from 'node:path';
import { UserError } from '@gitops/errors';

export type BuilderChoice = 'auto' | 'buildx' | 'docker';

export interface Builder {
  readonly kind: 'buildx' | 'buildkit' | 'classic';
  /** The docker executable to run. */
  readonly docker: string;
}

export class BuilderError extends UserError {}

function run(docker: string, args: string[]): { ok: boolean; stdout: string; stderr: string } {
  const result = spawnSync(docker, args, { encoding: 'utf8', timeout: 30_000 });
  return { ok: result.status === 0, stdout: result.stdout ?? '', stderr: result.stderr ?? result.error?.message ?? '' };
}

/** Every `docker` on PATH, in PATH order. */
function dockerExecutables(env: NodeJS.ProcessEnv): string[] {
  const found: string[] = [];
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, 'docker');
    try {
      accessSync(candidate, constants.X_OK);
      if (!found.includes(candidate)) found.push(candidate);
    } catch {
      // not here
    }
  }
  return found;
}

export function detectBuilder(choice: BuilderChoice, env: NodeJS.ProcessEnv = process.env): Builder {
  const dockers = dockerExecutables(env);
  if (dockers.length === 0) throw new BuilderError('no docker command on PATH');
  const engine = run(dockers[0] as string, ['version', '--format', '{{.Server.Version}}']);
  if (!engine.ok) throw new BuilderError(`no Docker engine answers: ${engine.stderr.trim().split('\n').at(-1)}`);
  if (choice !== 'docker') {
    const buildx = dockers.find((docker) => run(docker, ['buildx', 'version']).ok);
    if (buildx) return { kind: 'buildx', docker: buildx };
    if (choice === 'buildx')
      throw new BuilderError(
        'builder: buildx was asked for, but `docker buildx version` fails: install the buildx plugin, or use builder: docker',
      );
  }
  const classicBuildKit = dockers.find((docker) => {
    const version = run(docker, ['version', '--format', '{{.Client.Version}}']);
    const major = Number.parseInt(version.stdout.trim(), 10);
    return version.ok && Number.isFinite(major) && major < 23;
  });
  if (classicBuildKit) return { kind: 'buildkit', docker: classicBuildKit };
  return { kind: 'classic', docker: dockers[0] as string };
}
