// Daemonless builds with buildah: the same request as docker's, written to an OCI layout by buildah itself (no
// save, no re-compression). Several platforms build into a manifest list that is written whole as an OCI index.
// A stage that RUNs a program for a foreign platform needs qemu-user-static registered with binfmt_misc;
// COPY-only stages (FROM scratch) need nothing.
import { execFile } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import type { Logger } from '@gitops/log';
import { readLayout, sha256Digest, writeLayout } from '@gitops/registry';
import { type BuildRequest, buildError, runBuilder, withScratch } from './build';
import type { Builder } from './builder';

const execFileAsync = promisify(execFile);

/** `buildah build` arguments; `list`: build every platform into that manifest list instead of tagging. */
export function buildahArguments(
  request: BuildRequest,
  secretFiles: Record<string, string>,
  idFile: string,
  list: string | undefined,
): string[] {
  // buildah writes one image id; a manifest list is known by its index digest instead.
  const args = list ? ['build'] : ['build', '--iidfile', idFile];
  if (request.file) args.push('--file', request.file);
  if (request.target) args.push('--target', request.target);
  for (const [key, value] of Object.entries(request.buildArgs)) args.push('--build-arg', `${key}=${value}`);
  for (const [key, value] of Object.entries(request.labels)) args.push('--label', `${key}=${value}`);
  for (const [id, file] of Object.entries(secretFiles)) args.push('--secret', `id=${id},src=${file}`);
  // Every time in the image, created and file times alike, from the commit: a rebuild gives the same digest.
  if (request.sourceDateEpoch !== undefined) args.push('--timestamp', String(request.sourceDateEpoch));
  const caches = { from: registryCaches(request.cacheFrom), to: registryCaches(request.cacheTo) };
  for (const source of caches.from) args.push('--cache-from', source);
  for (const target of caches.to) args.push('--cache-to', target);
  if (caches.from.length || caches.to.length) args.push('--layers');
  if (request.platforms.length) args.push('--platform', request.platforms.join(','));
  if (list) args.push('--manifest', list);
  else for (const tag of request.tags) args.push('--tag', tag);
  args.push(request.context);
  return args;
}

/** buildah caches in a registry repository: `type=registry,ref=R` (BuildKit's spelling) and a bare `R` both give R. */
function registryCaches(entries: readonly string[]): string[] {
  return entries.flatMap((entry) => {
    if (!entry.includes('=')) return [entry];
    const fields = Object.fromEntries(entry.split(',').map((field) => field.split('=', 2) as [string, string]));
    return fields.type === 'registry' && fields.ref ? [fields.ref] : [];
  });
}

/**
 * Builds with buildah and writes the image (or, for several platforms, the index) as an OCI layout at `layoutDir`.
 * Returns the image id; none for several platforms, whose index digest names them.
 */
export async function runBuildah(
  builder: Builder,
  request: BuildRequest,
  logger: Logger,
  layoutDir: string,
): Promise<string | undefined> {
  const unusable = [...request.cacheFrom, ...request.cacheTo].filter((entry) => registryCaches([entry]).length === 0);
  if (unusable.length) logger.warning(`buildah keeps caches in registries only; ignored: ${unusable.join(', ')}`);
  const buildah = async (args: string[]) => {
    try {
      await execFileAsync(builder.command, args, { timeout: 600_000, maxBuffer: 16 * 1024 * 1024 });
    } catch (error) {
      const stderr = String((error as { stderr?: string }).stderr ?? (error as Error).message).trim();
      throw buildError(`buildah ${args[0]} ${args[1] ?? ''} failed: ${stderr.split('\n').at(-1)}`);
    }
  };
  const several = request.platforms.length > 1;
  // A list of that name from an earlier build would gain this build's images beside its own: start it afresh.
  const list = several ? (request.tags[0] ?? `localhost/gitops-build-${process.pid}-${Date.now()}`) : undefined;
  if (list) await buildah(['manifest', 'rm', list]).catch(() => undefined);
  return withScratch(request, async (secretFiles, scratch) => {
    const idFile = path.join(scratch, 'image-id');
    const args = buildahArguments(request, secretFiles, idFile, list);
    await runBuilder({ command: builder.command, args, env: process.env, title: 'buildah build' }, request, logger);
    if (list) {
      await logger.group(`buildah: write the OCI layout ${layoutDir}`, () =>
        buildah(['manifest', 'push', '--all', '--format', 'oci', '--quiet', list, `oci:${layoutDir}`]),
      );
      orderIndex(layoutDir, request.platforms);
      return undefined;
    }
    const id = readFileSync(idFile, 'utf8').trim();
    await logger.group(`buildah: write the OCI layout ${layoutDir}`, () =>
      buildah(['push', '--format', 'oci', '--quiet', id, `oci:${layoutDir}`]),
    );
    return id.startsWith('sha256:') ? id : `sha256:${id}`;
  });
}

/**
 * buildah builds the platforms side by side and adds each image to the list as its build ends, so the index's
 * order, and with it its digest, changed from build to build. The index is written again with its images in the
 * order the platforms were asked (then by digest), which makes two builds of one commit one digest.
 */
function orderIndex(layoutDir: string, platforms: readonly string[]): void {
  const layout = readLayout(layoutDir);
  const content = JSON.parse(Buffer.from(layout.manifest.bytes).toString('utf8')) as {
    manifests?: { digest: string; platform?: { os?: string; architecture?: string; variant?: string } }[];
  };
  const manifests = content.manifests ?? [];
  const rank = (entry: (typeof manifests)[number]) => {
    const { os = '', architecture = '', variant } = entry.platform ?? {};
    const exact = platforms.indexOf(`${os}/${architecture}${variant ? `/${variant}` : ''}`);
    const index = exact >= 0 ? exact : platforms.indexOf(`${os}/${architecture}`);
    return index >= 0 ? index : platforms.length;
  };
  const ordered = [...manifests].sort((a, b) => rank(a) - rank(b) || a.digest.localeCompare(b.digest));
  if (ordered.every((entry, index) => entry === manifests[index])) return;
  const bytes = new Uint8Array(Buffer.from(JSON.stringify({ ...content, manifests: ordered })));
  rmSync(path.join(layoutDir, 'blobs', ...layout.manifest.digest.split(':')), { force: true });
  writeLayout(layoutDir, { bytes, mediaType: layout.manifest.mediaType, digest: sha256Digest(bytes) }, []);
}
