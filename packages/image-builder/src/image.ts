// build-image's engine: build with the best builder here, then export the image as an OCI layout, whose
// manifest digest is exactly what push-registry will publish.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import type { Logger } from '@gitops/log';
import { dockerArchiveToLayout } from '@gitops/registry';
import { type BuildRequest, runBuild } from './build';
import { type BuilderChoice, detectBuilder } from './builder';

export interface ImageBuild extends BuildRequest {
  readonly builder: BuilderChoice;
  readonly output: 'docker' | 'oci';
}

export interface BuiltImage {
  readonly imageId: string;
  readonly digest: string;
  /** The OCI layout, for `output: oci`. */
  readonly ociPath: string | undefined;
  readonly builder: string;
}

export async function buildImage(request: ImageBuild, logger: Logger): Promise<BuiltImage> {
  const builder = detectBuilder(request.builder);
  logger.info(`builder: ${builder.kind} (${builder.docker})`);
  const imageId = await runBuild(builder, request, logger);
  const reference = request.tags[0] ?? imageId;
  const exported = mkdtempSync(path.join(request.tempDir, 'gitops-export-'));
  try {
    const archive = path.join(exported, 'image.tar');
    execFileSync(builder.docker, ['save', '--output', archive, reference], {
      stdio: ['ignore', 'ignore', 'pipe'],
      timeout: 600_000,
    });
    const ociPath =
      request.output === 'oci'
        ? path.join(request.tempDir, 'gitops-oci', imageId.replace(/^sha256:/, '').slice(0, 12))
        : path.join(exported, 'layout');
    mkdirSync(path.dirname(ociPath), { recursive: true });
    rmSync(ociPath, { recursive: true, force: true });
    const manifest = await dockerArchiveToLayout(archive, ociPath, request.tags[0]);
    return {
      imageId,
      digest: manifest.digest,
      ociPath: request.output === 'oci' ? ociPath : undefined,
      builder: builder.kind,
    };
  } finally {
    rmSync(exported, { recursive: true, force: true });
  }
}
