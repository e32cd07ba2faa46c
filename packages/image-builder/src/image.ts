// build-image's engine: build with the engine chosen here, and have an OCI layout whose manifest (or index)
// digest is exactly what push-registry will publish. buildah and OCI-exporting buildx write the layout
// themselves, attestations included; docker without them loads the image and it is saved and converted.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { UserError } from '@gitops/errors';
import type { Logger } from '@gitops/log';
import { dockerArchiveToLayout, readLayout } from '@gitops/registry';
import { type BuildRequest, checkRequest, runBuild } from './build';
import { runBuildah } from './buildah';
import { type Builder, detectBuilder, type EngineChoice } from './builder';

export interface ImageBuild extends BuildRequest {
  readonly engine: EngineChoice;
  /** A buildx instance, as build-push-action's `builder`. */
  readonly builderInstance?: string | undefined;
  readonly output: 'docker' | 'oci';
  /** With `oci`: the folder for the layout, new or empty; default: a fresh one under `tempDir`. */
  readonly layoutDir?: string | undefined;
}

export interface BuiltImage {
  readonly imageId: string;
  /** The manifest digest, or the index digest of a multi-platform image (also its image id then). */
  readonly digest: string;
  /** The OCI layout, for `output: oci`. */
  readonly ociPath: string | undefined;
  readonly builder: string;
}

export async function buildImage(request: ImageBuild, logger: Logger): Promise<BuiltImage> {
  const builder = detectBuilder(request.engine, request.builderInstance, process.env, request.platforms.length > 1);
  logger.info(`builder: ${builder.kind}${builder.instance ? ` (${builder.instance})` : ''} (${builder.command})`);
  checkRequest(builder, request, logger);
  // A fresh name: buildah and the export write the folder themselves.
  const layout = request.output === 'oci' ? layoutPath(request) : undefined;
  const scratch = mkdtempSync(path.join(request.tempDir, 'gitops-export-'));
  const ociPath = layout ?? path.join(scratch, 'layout');
  let built = false;
  try {
    rmSync(ociPath, { recursive: true, force: true });
    const imageId = await buildInto(builder, request, logger, ociPath, scratch);
    const digest = readLayout(ociPath).manifest.digest;
    built = true;
    return {
      imageId: imageId ?? digest,
      digest,
      ociPath: request.output === 'oci' ? ociPath : undefined,
      builder: builder.kind,
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
    // A build that failed leaves no half-written layout behind (hundreds of MB in the temp folder).
    if (!built) rmSync(ociPath, { recursive: true, force: true });
  }
}

/**
 * Where the layout goes: the folder asked for, which must be new or empty (it is written whole, and a layout merged
 * into another would publish the wrong image), else one folder per build under the temp folder.
 */
function layoutPath(request: ImageBuild): string {
  if (request.layoutDir === undefined) return mkdtempSync(path.join(request.tempDir, 'gitops-oci-'));
  let entries: string[] = [];
  try {
    entries = readdirSync(request.layoutDir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOTDIR')
      throw new UserError(`${request.layoutDir} is a file, not a folder`, { subject: 'output', kind: 'usage' });
    if (code !== 'ENOENT') throw error;
  }
  if (entries.length > 0)
    throw new UserError(`${request.layoutDir} is not empty: give a new or empty folder for the OCI layout`, {
      subject: 'output',
      kind: 'usage',
    });
  return path.resolve(request.layoutDir);
}

async function buildInto(
  builder: Builder,
  request: ImageBuild,
  logger: Logger,
  ociPath: string,
  scratch: string,
): Promise<string | undefined> {
  if (builder.kind === 'buildah') return runBuildah(builder, request, logger, ociPath);
  if (builder.ociOutput) {
    const archive = path.join(scratch, 'image.oci.tar');
    const imageId = await runBuild(builder, request, logger, archive);
    mkdirSync(ociPath, { recursive: true });
    execFileSync('tar', ['-xf', archive, '-C', ociPath], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 600_000 });
    return imageId;
  }
  const imageId = await runBuild(builder, request, logger);
  const archive = path.join(scratch, 'image.tar');
  execFileSync(builder.command, ['save', '--output', archive, request.tags[0] ?? imageId], {
    stdio: ['ignore', 'ignore', 'pipe'],
    timeout: 600_000,
  });
  await dockerArchiveToLayout(archive, ociPath, request.tags[0]);
  return imageId;
}
