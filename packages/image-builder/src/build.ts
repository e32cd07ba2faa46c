// Runs the build: arguments as an array, secrets as 0600 files that are removed afterwards, the log streamed,
// and a failing Dockerfile line turned into a location for an annotation.

import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { UserError } from '@gitops/errors';
import type { Logger, SourceLocation } from '@gitops/log';
import type { Builder } from './builder';

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
}

export class BuildError extends UserError {
  /** `where`: the Dockerfile line the builder blamed, when it said. */
  constructor(message: string, where: SourceLocation | undefined) {
    super(message, where ? { where } : {});
    this.name = 'BuildError';
  }
}

export function buildArguments(
  builder: Builder,
  request: BuildRequest,
  secretFiles: Record<string, string>,
  idFile: string,
): string[] {
  const args = builder.kind === 'buildx' ? ['buildx', 'build', '--load'] : ['build'];
  if (request.file) args.push('--file', request.file);
  if (request.target) args.push('--target', request.target);
  for (const [key, value] of Object.entries(request.buildArgs)) args.push('--build-arg', `${key}=${value}`);
  for (const [key, value] of Object.entries(request.labels)) args.push('--label', `${key}=${value}`);
  for (const tag of request.tags) args.push('--tag', tag);
  for (const [id, file] of Object.entries(secretFiles)) args.push('--secret', `id=${id},src=${file}`);
  for (const source of request.cacheFrom) args.push('--cache-from', source);
  if (builder.kind === 'buildx') for (const target of request.cacheTo) args.push('--cache-to', target);
  if (request.platforms.length) args.push('--platform', request.platforms.join(','));
  args.push('--iidfile', idFile, request.context);
  return args;
}

/** Builds the image into the local engine; returns its id. */
export async function runBuild(builder: Builder, request: BuildRequest, logger: Logger): Promise<string> {
  if (request.platforms.length > 1 && builder.kind !== 'buildx') {
    throw new BuildError(
      `building for several platforms (${request.platforms.join(', ')}) needs docker buildx, which is not installed`,
      undefined,
    );
  }
  if (Object.keys(request.secrets).length && builder.kind === 'classic') {
    throw new BuildError('build secrets need BuildKit: install docker buildx, or a docker CLI before 23.0', undefined);
  }
  if (request.cacheTo.length && builder.kind !== 'buildx')
    logger.warning('cache-to needs docker buildx; the cache is not exported');
  const scratch = mkdtempSync(path.join(request.tempDir, 'gitops-build-'));
  try {
    const secretFiles: Record<string, string> = {};
    for (const [id, value] of Object.entries(request.secrets)) {
      const file = path.join(scratch, `secret-${Object.keys(secretFiles).length}`);
      writeFileSync(file, value, { mode: 0o600 });
      chmodSync(file, 0o600);
      secretFiles[id] = file;
    }
    const idFile = path.join(scratch, 'image-id');
    const args = buildArguments(builder, request, secretFiles, idFile);
    const env = { ...process.env, DOCKER_BUILDKIT: builder.kind === 'classic' ? '0' : '1', BUILDKIT_PROGRESS: 'plain' };
    const output = await logger.group(`docker ${args.slice(0, 2).join(' ')} ${request.context}`, () =>
      stream(builder.docker, args, env, logger),
    );
    if (output.code !== 0) {
      const dockerfile = request.file ?? path.join(request.context, 'Dockerfile');
      throw new BuildError(`the build failed: ${summarise(output.text)}`, blame(output.text, dockerfile));
    }
    return readFileSync(idFile, 'utf8').trim();
  } finally {
    rmSync(scratch, { recursive: true, force: true });
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
