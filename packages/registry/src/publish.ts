// push-registry's engine: take an image from an OCI layout, the local Docker engine or another registry, and
// publish it to every destination; the digest is the same everywhere.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { formatImageRef, type ImageRef, ImageRefError, parseImageRef, tryParseImageRef } from '@gitops/image-ref';
import { type Logger, progressOf } from '@gitops/log';
import type { Credentials } from './auth';
import { RegistryClient } from './client';
import { type CopyStats, copyImage, noStats } from './copy';
import { dockerArchiveToLayout } from './docker-archive';
import { dockerHasImage } from './docker-engine';
import { RegistryError } from './errors';
import { type FloatingTags, forwardTags } from './floating-tags';
import { credentialsWithLogin, type Login } from './login';
import { type MergeInput, mergeLayouts } from './merge';
import { remoteMergeInput } from './merge-remote';
import { type Layout, readLayout } from './oci-layout';
import type { ProgressReport } from './progress';
import { pushLayout } from './push';

export interface PublishRequest {
  /** One image; several OCI layouts (`oci:PATH`, one per platform) are merged into one index. */
  readonly source: string | readonly string[];
  readonly destinations: readonly string[];
  /**
   * Credentials per side: those given for the destinations never go to the source of a copy (a registry the
   * user may not control), and the source's never go to a destination.
   */
  readonly credentials: {
    readonly source: (registry: string) => Credentials | undefined;
    readonly destination: (registry: string) => Credentials | undefined;
  };
  /** Credentials given for one destination registry, in place of `credentials.destination`'s for it. */
  readonly destinationLogin?: Login | undefined;
  readonly attempts: number;
  readonly insecureRegistries: readonly string[];
  readonly logger: Logger;
  readonly tempDir?: string;
  /** `forward` (default): floating tags (`1`, `1.2`, `latest`) move only to the highest version of their line. */
  readonly floatingTags?: FloatingTags | undefined;
}

export interface Published {
  readonly reference: string;
  readonly stats: CopyStats;
}

export interface PublishResult {
  readonly digest: string;
  readonly images: readonly Published[];
  /** Floating tags left where they were, and why (a higher version of their line is in the registry). */
  readonly held: readonly { readonly reference: string; readonly reason: string }[];
}

type Source =
  | { kind: 'layout'; dir: string }
  | { kind: 'merge'; sources: readonly string[] }
  | { kind: 'docker'; image: string }
  | { kind: 'remote'; ref: ImageRef };

export async function publishImage(request: PublishRequest): Promise<PublishResult> {
  const destinations = request.destinations.map(parseDestination);
  if (destinations.length === 0)
    throw new RegistryError('name at least one reference', undefined, { subject: 'destinations' });
  const credentials = {
    source: request.credentials.source,
    destination: credentialsWithLogin(
      request.destinationLogin,
      destinations.map((destination) => destination.registry),
      request.credentials.destination,
    ),
  };
  const client = (registry: string, side: 'source' | 'destination') =>
    new RegistryClient(registry, {
      credentials: credentials[side](registry),
      attempts: request.attempts,
      insecureRegistries: request.insecureRegistries,
    });
  const source = await classify(request.source);
  const groups = byRepository(destinations);
  const progress = progressOf(request.logger);
  let temp: string | undefined;
  try {
    let layout: Layout | undefined;
    if (source.kind === 'docker') {
      temp = mkdtempSync(path.join(request.tempDir ?? tmpdir(), 'gitops-docker-save-'));
      layout = readLayout(await exportFromDocker(source.image, temp, request.logger));
    } else if (source.kind === 'layout') {
      layout = readLayout(source.dir);
    }
    const images: Published[] = [];
    const held: { reference: string; reason: string }[] = [];
    let digest: string | undefined;
    for (const group of groups.values()) {
      const destination = client(group.ref.registry, 'destination');
      const { tags, references } = await plannedTags(request, destination, group, held);
      const result = await request.logger.group(`Publish ${references.join(', ')}`, () =>
        publishTo(
          { source, layout, client, progress },
          { client: destination, repository: group.ref.repository },
          tags,
        ),
      );
      if (digest !== undefined && result.digest !== digest)
        throw new RegistryError(`the image changed while publishing: ${result.digest} after ${digest}`);
      digest = result.digest;
      for (const reference of references) images.push({ reference, stats: result.stats });
    }
    return { digest: digest as string, images, held };
  } finally {
    if (temp) rmSync(temp, { recursive: true, force: true });
  }
}

/** What is published, and how clients to its registries are made. */
interface PublishSource {
  readonly source: Source;
  /** The image's layout, for a layout or Docker source. */
  readonly layout: Layout | undefined;
  readonly client: (registry: string, side: 'source' | 'destination') => RegistryClient;
  readonly progress: ProgressReport | undefined;
}

/** The image into one destination repository under `tags`: pushed from a layout, merged, or copied. */
function publishTo(
  what: PublishSource,
  to: { readonly client: RegistryClient; readonly repository: string },
  tags: readonly string[],
): Promise<{ digest: string; stats: CopyStats }> {
  const { source, layout, progress } = what;
  if (source.kind === 'merge')
    return pushMerged(source.sources, to, tags, { source: (registry) => what.client(registry, 'source'), progress });
  if (layout !== undefined) return pushLayout(layout, to.client, to.repository, tags, { progress });
  const remote = (source as { ref: ImageRef }).ref;
  const from = { client: what.client(remote.registry, 'source'), repository: remote.repository };
  return copyImage(from, remote.digest ?? remote.tag ?? 'latest', to, tags, { progress });
}

/**
 * The tags a group pushes, and its references: floating tags that would go back in time are left (added to
 * `held`, and logged with why).
 */
async function plannedTags(
  request: PublishRequest,
  destination: RegistryClient,
  group: { ref: ImageRef; tags: string[]; references: string[] },
  held: { reference: string; reason: string }[],
): Promise<{ tags: readonly string[]; references: string[] }> {
  const plan = await forwardTags(destination, group.ref.repository, group.tags, request.floatingTags ?? 'forward');
  const left = new Map(plan.held.map((tag) => [tag.tag, tag.reason]));
  const references: string[] = [];
  for (const reference of group.references) {
    const reason = left.get(parseImageRef(reference).tag ?? '');
    if (reason === undefined) {
      references.push(reference);
      continue;
    }
    held.push({ reference, reason });
    request.logger.info(`${reference} left where it is: ${reason}`);
  }
  return { tags: plan.push, references };
}

/** The destinations grouped by repository: one push each, with every tag asked for there. */
function byRepository(destinations: readonly ImageRef[]) {
  const groups = new Map<string, { ref: ImageRef; tags: string[]; references: string[] }>();
  for (const destination of destinations) {
    const key = `${destination.registry}/${destination.repository}`;
    const group = groups.get(key) ?? { ref: destination, tags: [], references: [] };
    if (destination.tag) group.tags.push(destination.tag);
    group.references.push(formatImageRef(destination));
    groups.set(key, group);
  }
  return groups;
}

/**
 * Several platforms' images as one index in `to`: OCI layouts read in place, references by digest brought into
 * `to` by digest first; then the index is pushed (blobs already there skipped) under `tags`.
 */
async function pushMerged(
  sources: readonly string[],
  to: { readonly client: RegistryClient; readonly repository: string },
  tags: readonly string[],
  options: { readonly source: (registry: string) => RegistryClient; readonly progress: ProgressReport | undefined },
): Promise<{ digest: string; stats: CopyStats }> {
  const inputs: MergeInput[] = [];
  const stats: CopyStats[] = [];
  for (const source of sources) {
    if (source.startsWith('oci:')) {
      inputs.push({ label: source, layout: readLayout(source.slice(4)) });
      continue;
    }
    const ref = parseImageRef(source);
    const from = { client: options.source(ref.registry), repository: ref.repository, digest: ref.digest as string };
    const input = await remoteMergeInput(source, from, to);
    inputs.push(input);
    stats.push(input.stats);
  }
  const pushed = await pushLayout(mergeLayouts(inputs), to.client, to.repository, tags, { progress: options.progress });
  return { digest: pushed.digest, stats: addStats([pushed.stats, ...stats]) };
}

function addStats(all: readonly CopyStats[]): CopyStats {
  const sum = noStats();
  for (const one of all) {
    sum.uploadedBlobs += one.uploadedBlobs;
    sum.uploadedBytes += one.uploadedBytes;
    sum.mountedBlobs += one.mountedBlobs;
    sum.presentBlobs += one.presentBlobs;
    sum.referrers += one.referrers;
  }
  return sum;
}

/** `docker save` of the image into `temp`, read back as an OCI layout; the layout's folder. */
async function exportFromDocker(image: string, temp: string, logger: PublishRequest['logger']): Promise<string> {
  const layoutDir = path.join(temp, 'layout');
  await logger.group(`Export ${image} from Docker`, async () => {
    const archive = path.join(temp, 'image.tar');
    execFileSync('docker', ['save', '--output', archive, image], {
      stdio: ['ignore', 'ignore', 'pipe'],
      timeout: 600_000,
    });
    await dockerArchiveToLayout(archive, layoutDir, image);
  });
  return layoutDir;
}

function parseDestination(text: string): ImageRef {
  try {
    const ref = parseImageRef(text);
    if (ref.digest)
      throw new RegistryError(`${text}: name a tag, not a digest (the digest is the source's)`, undefined, {
        subject: 'destinations',
      });
    return ref;
  } catch (error) {
    if (error instanceof ImageRefError) throw error.about('destinations');
    throw error;
  }
}

async function classify(given: string | readonly string[]): Promise<Source> {
  const sources = typeof given === 'string' ? [given] : given;
  if (sources.length > 1) {
    for (const source of sources)
      if (!source.startsWith('oci:') && !tryParseImageRef(source)?.digest)
        throw new RegistryError(
          `${source}: to merge platforms, give each as an OCI layout (oci:PATH) or a reference by digest`,
          undefined,
          { subject: 'source' },
        );
    return { kind: 'merge', sources };
  }
  const source = sources[0] ?? '';
  if (source.startsWith('oci:')) return { kind: 'layout', dir: source.slice(4) };
  if (await dockerHasImage(source)) return { kind: 'docker', image: source };
  try {
    return { kind: 'remote', ref: parseImageRef(source) };
  } catch (error) {
    if (error instanceof ImageRefError)
      throw new RegistryError(`${source}: not a local image, not oci:PATH, and ${error.reason}`, undefined, {
        subject: 'source',
      });
    throw error;
  }
}
