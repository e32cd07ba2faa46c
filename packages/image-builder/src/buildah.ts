// Daemonless builds with buildah: the same request as docker's, written to an OCI layout by buildah itself (no
// save, no re-compression). Several platforms build into a manifest list that is written whole as an OCI index.
// A stage that RUNs a program for a foreign platform needs qemu-user-static registered with binfmt_misc;
// COPY-only stages (FROM scratch) need nothing.
import { execFile } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { UserError } from '@gitops/errors';
import type { Logger } from '@gitops/log';
import { readLayout, sha256Digest, writeLayout } from '@gitops/registry';
import { type BuildRequest, buildError, runBuilder, withScratch } from './build';
import type { Builder } from './builder';
import { registryCaches } from './registry-caches';

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
  if (request.isolation) args.push('--isolation', request.isolation);
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
    await runBuilder(
      { command: builder.command, args, env: process.env, title: 'buildah build', explain: runtimeFailure(request) },
      request,
      logger,
    );
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

/** What crun and runc say when they cannot make a container on this host, and buildah's words around it. */
const cannotMakeContainers =
  /cgroups in hybrid mode not supported|did not get container create message|creating container for|cannot (?:set|create) cgroup|mount .*proc.*: permission denied/i;

/**
 * A RUN step that failed because the OCI runtime cannot make containers here (hybrid cgroups, a container job, a
 * runner inside Docker), where `buildah build --isolation chroot` works: an error that names build-image's
 * `isolation`, with the runtime's own words. Not with chroot already, and not for a step that merely failed.
 */
function runtimeFailure(request: BuildRequest): (output: string) => UserError | undefined {
  return (output) => {
    if (request.isolation === 'chroot') return undefined;
    const line = output.split('\n').find((text) => cannotMakeContainers.test(text));
    if (!line) return undefined;
    const said = (line.split(': ').at(-1) ?? line).trim().slice(0, 200);
    return new UserError(
      `buildah's container runtime cannot run the Dockerfile's RUN steps on this host (${said}), as happens with hybrid cgroups, in container jobs and on self-hosted runners inside Docker: build with chroot isolation (buildah build --isolation chroot), which needs no runtime`,
      { subject: 'isolation', kind: 'environment' },
    );
  };
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
