// Which engine builds. With a Docker engine: `docker buildx` where it is installed, writing the OCI layout itself
// when its driver can (docker-container, kubernetes, remote: anything but the plain `docker` driver); else a
// docker CLI that still drives the daemon's built-in BuildKit with DOCKER_BUILDKIT=1 (before 23.0; newer ones
// insist on buildx); else the classic builder. Without a Docker engine (or when asked): buildah, daemonless,
// which GitHub's Ubuntu runners ship and Debian packages.

import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import * as path from 'node:path';
import { UserError } from '@gitops/errors';

/** The `engine` input: named apart from build-push-action's `builder`, which names a buildx instance. */
export type EngineChoice = 'auto' | 'buildx' | 'docker' | 'buildah';
export const engineChoices = ['auto', 'buildx', 'docker', 'buildah'] as const;

export interface Builder {
  readonly kind: 'buildx' | 'buildkit' | 'classic' | 'buildah';
  /** The executable to run (docker or buildah). */
  readonly command: string;
  /** The builder writes an OCI layout itself; otherwise the image is loaded into the engine and saved. */
  readonly ociOutput: boolean;
  /** The buildx instance (`--builder`), when one was named. */
  readonly instance?: string | undefined;
}

function run(command: string, args: string[]): { ok: boolean; stdout: string; stderr: string } {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 30_000 });
  return { ok: result.status === 0, stdout: result.stdout ?? '', stderr: result.stderr ?? result.error?.message ?? '' };
}

/** Every `name` on PATH, in PATH order. */
function executables(name: string, env: NodeJS.ProcessEnv): string[] {
  const found: string[] = [];
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      if (!found.includes(candidate)) found.push(candidate);
    } catch {
      // not here
    }
  }
  return found;
}

/**
 * The builder for `choice`. `auto` takes buildah over a Docker engine's builder only when that one cannot do what
 * is asked (`needsOciOutput`: several platforms): without buildx, docker builds one platform at a time.
 */
export function detectBuilder(
  choice: EngineChoice,
  instance: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  needsOciOutput = false,
): Builder {
  const found = builderFor(choice, instance, env);
  if (choice === 'auto' && needsOciOutput && !instance && !found.ociOutput) return buildahOnPath(env) ?? found;
  return found;
}

/** buildah, when it is on PATH. */
function buildahOnPath(env: NodeJS.ProcessEnv): Builder | undefined {
  const command = executables('buildah', env)[0];
  return command ? { kind: 'buildah', command, ociOutput: true } : undefined;
}

function builderFor(choice: EngineChoice, instance: string | undefined, env: NodeJS.ProcessEnv): Builder {
  if (choice === 'buildah') {
    const buildah = buildahOnPath(env);
    if (!buildah) throw new UserError('engine: buildah was asked for, but buildah is not on PATH');
    return buildah;
  }
  const dockers = executables('docker', env);
  const engine = dockers[0] ? run(dockers[0], ['version', '--format', '{{.Server.Version}}']) : undefined;
  if (!engine?.ok) {
    const why = dockers[0]
      ? `no Docker engine answers: ${engine?.stderr.trim().split('\n').at(-1)}`
      : 'no docker command on PATH';
    if (choice === 'auto') {
      const buildah = buildahOnPath(env);
      if (buildah) return buildah;
      throw new UserError(`${why}; and buildah, which builds without one, is not on PATH either`);
    }
    throw new UserError(why);
  }
  if (choice !== 'docker') {
    const buildx = dockers.find((docker) => run(docker, ['buildx', 'version']).ok);
    if (buildx) return { kind: 'buildx', command: buildx, ociOutput: ociDriver(buildx, instance), instance };
    if (choice === 'buildx')
      throw new UserError(
        'engine: buildx was asked for, but `docker buildx version` fails: install the buildx plugin, or use engine: docker',
      );
  }
  if (instance) throw new UserError(`builder: "${instance}" names a buildx instance, and buildx is not installed`);
  const classicBuildKit = dockers.find((docker) => {
    const version = run(docker, ['version', '--format', '{{.Client.Version}}']);
    const major = Number.parseInt(version.stdout.trim(), 10);
    return version.ok && Number.isFinite(major) && major < 23;
  });
  if (classicBuildKit) return { kind: 'buildkit', command: classicBuildKit, ociOutput: false };
  return { kind: 'classic', command: dockers[0] as string, ociOutput: false };
}

/** Whether the buildx instance can export an OCI layout: every driver but `docker` (the engine's own) can. */
function ociDriver(docker: string, instance: string | undefined): boolean {
  const inspect = run(docker, ['buildx', 'inspect', ...(instance ? [instance] : [])]);
  if (!inspect.ok) {
    if (instance) throw new UserError(`builder: buildx has no instance "${instance}": ${inspect.stderr.trim()}`);
    return false;
  }
  const driver = /^Driver:\s*(\S+)/m.exec(inspect.stdout)?.[1];
  return driver !== undefined && driver !== 'docker';
}

/**
 * The engine and buildx instance from the `engine` and `builder` inputs. `builder` names a buildx instance, as in
 * build-push-action; its older values here (auto, buildx, docker) and buildah still choose the engine, with a note.
 */
export function chooseEngine(
  engine: string | undefined,
  builder: string | undefined,
  names: { readonly engine: string; readonly builder: string },
): { engine: EngineChoice; instance: string | undefined; note: string | undefined } {
  if (engine !== undefined && !(engineChoices as readonly string[]).includes(engine))
    throw new UserError(`must be one of ${engineChoices.join(', ')}, not "${engine}"`, { subject: names.engine });
  const chosen = engine as EngineChoice | undefined;
  if (builder !== undefined && (engineChoices as readonly string[]).includes(builder)) {
    if (chosen !== undefined)
      throw new UserError(
        `"${builder}" is an engine, and ${names.engine} is given: ${names.builder} names a buildx instance`,
        { subject: names.builder },
      );
    return {
      engine: builder as EngineChoice,
      instance: undefined,
      note: `${names.builder}: ${builder} chooses the engine as before; write ${names.engine}: ${builder} (${names.builder} names a buildx instance, as in build-push-action)`,
    };
  }
  return { engine: chosen ?? 'auto', instance: builder, note: undefined };
}
