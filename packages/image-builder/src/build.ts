// Runs the build: arguments as an array, secrets as 0600 files that are removed afterwards, the log streamed,
// and a failing Dockerfile line turned into a location for an annotation.

import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { UserError } from '@gitops/errors';
import type { Logger, SourceLocation } from '@gitops/log';
import type { Builder } from './builder';
import { registryCaches } from './registry-caches';

export interface BuildRequest {
  readonly context: string;
  /** Dockerfile path; default <context>/Dockerfile. */
  readonly file: string | undefined;
  /** Full references to tag the image with. */
  readonly tags: readonly string[];
  readonly buildArgs: Readonly<Record<string, string>>;
  readonly labels: Readonly<Record<string, string>>;
  readonly target: string | undefined;
  readonly platforms: readonly string[];
  readonly cacheFrom: readonly string[];
  readonly cacheTo: readonly string[];
  readonly secrets: Readonly<Record<string, string>>;
  /** Where secret files and the image id file go (RUNNER_TEMP). */
  readonly tempDir: string;
  /** Seconds since 1970 to stamp the image with (the commit's time), so a rebuild of a commit is the same image. */
  readonly sourceDateEpoch?: number | undefined;
  /** build-push-action's `provenance` and `sbom` values (`true`, `false`, `mode=max`, …), for buildx. */
  readonly provenance?: string | undefined;
  readonly sbom?: string | undefined;
  /**
   * buildah's `--isolation` (`oci`, `rootless`, `chroot`): how RUN steps run. `chroot` needs no container runtime,
   * for hosts whose runtime cannot make containers (hybrid cgroups, container jobs, runners inside Docker).
   */
  readonly isolation?: string | undefined;
}

/** A build that cannot run or failed; `where`: the Dockerfile line the builder blamed, when it said. */
export function buildError(message: string, where?: SourceLocation): UserError {
  return new UserError(message, where ? { where } : {});
}

/** `docker build` or `docker buildx build` arguments; `ociArchive`: buildx writes the image there as an OCI tar. */
export function buildArguments(
  builder: Builder,
  request: BuildRequest,
  secretFiles: Record<string, string>,
  idFile: string,
  ociArchive?: string,
): string[] {
  const buildx = builder.kind === 'buildx';
  const args = buildx ? ['buildx', 'build'] : ['build'];
  if (buildx && builder.instance) args.push('--builder', builder.instance);
  if (buildx) args.push(...(ociArchive ? ['--output', `type=oci,dest=${ociArchive}`] : ['--load']));
  if (request.file) args.push('--file', request.file);
  if (request.target) args.push('--target', request.target);
  for (const [key, value] of Object.entries(request.buildArgs)) args.push('--build-arg', `${key}=${value}`);
  // BuildKit 0.11 and later stamp the image's times from it (buildx's own SOURCE_DATE_EPOCH handling).
  if (buildx && request.sourceDateEpoch !== undefined && !('SOURCE_DATE_EPOCH' in request.buildArgs))
    args.push('--build-arg', `SOURCE_DATE_EPOCH=${request.sourceDateEpoch}`);
  for (const [key, value] of Object.entries(request.labels)) args.push('--label', `${key}=${value}`);
  for (const tag of request.tags) args.push('--tag', tag);
  for (const [id, file] of Object.entries(secretFiles)) args.push('--secret', `id=${id},src=${file}`);
  // docker build takes image references only: a type=gha or type=local source would be read as an image name.
  for (const source of buildx ? request.cacheFrom : registryCaches(request.cacheFrom))
    args.push('--cache-from', source);
  if (buildx) for (const target of request.cacheTo) args.push('--cache-to', target);
  if (buildx && ociArchive && request.provenance) args.push(`--provenance=${request.provenance}`);
  if (buildx && ociArchive && request.sbom) args.push(`--sbom=${request.sbom}`);
  if (request.platforms.length) args.push('--platform', request.platforms.join(','));
  args.push('--iidfile', idFile, request.context);
  return args;
}

/** What this builder cannot do with this request, as an error before anything runs. */
export function checkRequest(builder: Builder, request: BuildRequest, logger: Logger): void {
  const several = request.platforms.length > 1;
  if (several && !builder.ociOutput) {
    throw buildError(
      builder.kind === 'buildx'
        ? `building for several platforms (${request.platforms.join(', ')}) needs a buildx instance that exports OCI images (the docker-container driver, as docker/setup-buildx-action makes), or engine: buildah`
        : `building for several platforms (${request.platforms.join(', ')}) needs docker buildx or buildah (engine: buildah); the ${builder.kind} builder cannot`,
    );
  }
  const attestations = [request.provenance, request.sbom].some((value) => value && value !== 'false');
  if (attestations && (builder.kind !== 'buildx' || !builder.ociOutput)) {
    throw buildError(
      `provenance and sbom attestations are made by BuildKit through docker buildx with an OCI-exporting driver (as docker/setup-buildx-action makes); the ${builder.kind} builder here cannot`,
    );
  }
  if (Object.keys(request.secrets).length && builder.kind === 'classic') {
    throw buildError('build secrets need BuildKit: install docker buildx, or a docker CLI before 23.0');
  }
  if (request.cacheTo.length && builder.kind !== 'buildx' && builder.kind !== 'buildah')
    logger.warning('cache-to needs docker buildx or buildah; the cache is not exported');
  const unread = request.cacheFrom.filter((entry) => registryCaches([entry]).length === 0);
  if (unread.length && builder.kind !== 'buildx' && builder.kind !== 'buildah')
    logger.warning(
      `the ${builder.kind} builder reads caches from image references only; ignored: ${unread.join(', ')}`,
    );
  if (request.isolation && builder.kind !== 'buildah')
    logger.warning(`isolation is buildah's setting; the ${builder.kind} builder runs RUN steps its own way`);
}

/**
 * Writes the request's secrets as 0600 files in a scratch folder, runs `work` with their paths and the folder,
 * and removes them all afterwards, whatever happens.
 */
export async function withScratch<T>(
  request: BuildRequest,
  work: (secretFiles: Record<string, string>, scratch: string) => Promise<T>,
): Promise<T> {
  const scratch = mkdtempSync(path.join(request.tempDir, 'gitops-build-'));
  try {
    const secretFiles: Record<string, string> = {};
    for (const [id, value] of Object.entries(request.secrets)) {
      const file = path.join(scratch, `secret-${Object.keys(secretFiles).length}`);
      writeFileSync(file, value, { mode: 0o600 });
      chmodSync(file, 0o600);
      secretFiles[id] = file;
    }
    return await work(secretFiles, scratch);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * Builds with docker: into the local engine, or (`ociArchive`, buildx) straight into an OCI tar there.
 * Returns the image id.
 */
export async function runBuild(
  builder: Builder,
  request: BuildRequest,
  logger: Logger,
  ociArchive?: string,
): Promise<string> {
  return withScratch(request, async (secretFiles, scratch) => {
    const idFile = path.join(scratch, 'image-id');
    const args = buildArguments(builder, request, secretFiles, idFile, ociArchive);
    const env = {
      ...process.env,
      DOCKER_BUILDKIT: builder.kind === 'classic' ? '0' : '1',
      BUILDKIT_PROGRESS: 'plain',
    };
    await runBuilder(
      { command: builder.command, args, env, title: `docker ${args.slice(0, 2).join(' ')}` },
      request,
      logger,
    );
    return readFileSync(idFile, 'utf8').trim();
  });
}

/** Runs a builder with its log streamed into a group; a failure becomes a user error on the Dockerfile line. */
/** One run of a build tool: its command and arguments, its environment, and the title of its log group. */
export interface BuilderRun {
  readonly command: string;
  readonly args: string[];
  readonly env: NodeJS.ProcessEnv;
  readonly title: string;
  /** A failure the builder's output explains better than its last error line: that error instead. */
  readonly explain?: (output: string) => UserError | undefined;
}

export async function runBuilder(run: BuilderRun, request: BuildRequest, logger: Logger): Promise<void> {
  const { command, args, env, title } = run;
  const output = await logger.group(`${title} ${request.context}`, () => stream(command, args, env, logger));
  if (output.code !== 0) {
    const explained = run.explain?.(output.text);
    if (explained) throw explained;
    const dockerfile = request.file ?? path.join(request.context, 'Dockerfile');
    throw buildError(`the build failed: ${summarise(output.text)}`, blame(output.text, dockerfile));
  }
}

function stream(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  logger: Logger,
): Promise<{ code: number; text: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: string[] = [];
    const take = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (!line) continue;
        lines.push(line);
        if (lines.length > 5000) lines.splice(0, 1000);
        logger.info(line);
      }
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, text: lines.join('\n') }));
  });
}

/** The builder's own words for the failure: the last lines that say error or failed. */
function summarise(text: string): string {
  const lines = text.split('\n').filter((line) => /error|failed|unknown instruction|not found/i.test(line));
  return (lines.at(-1) ?? text.split('\n').at(-1) ?? 'no output').replace(/^#\d+ [\d.]+ /, '').trim();
}

/** `Dockerfile:5` (buildx), `line 5` (classic BuildKit parse errors), `[3/4] RUN …` step numbers are not lines. */
export function blame(text: string, dockerfile: string): SourceLocation | undefined {
  const match = /Dockerfile:(\d+)|Dockerfile parse error (?:on )?line (\d+)|dockerfile parse error line (\d+)/i.exec(
    text,
  );
  const line = match ? Number(match[1] ?? match[2] ?? match[3]) : undefined;
  if (line === undefined) return { file: dockerfile };
  return { file: dockerfile, line };
}
