// push-registry's engine: take an image from an OCI layout, the local Docker engine or another registry, and
// publish it to every destination; the digest is the same everywhere.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { formatImageRef, type ImageRef, ImageRefError, parseImageRef } from '@gitops/image-ref';
import { type Logger, progressOf } from '@gitops/log';
import type { Credentials } from './auth';
import { RegistryClient } from './client';
import { type CopyStats, copyImage } from './copy';
import { dockerArchiveToLayout } from './docker-archive';
import { dockerHasImage } from './docker-engine';
import { RegistryError } from './errors';
import { type FloatingTags, forwardTags } from './floating-tags';
import { credentialsWithLogin, type Login } from './login';
import { readLayout } from './oci-layout';
import { pushLayout } from './push';

export interface PublishRequest {
  readonly source: string;
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

type Source = { kind: 'layout'; dir: string } | { kind: 'docker'; image: string } | { kind: 'remote'; ref: ImageRef };

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
    let layoutDir: string | undefined;
    if (source.kind === 'docker') {
      temp = mkdtempSync(path.join(request.tempDir ?? tmpdir(), 'gitops-docker-save-'));
      layoutDir = await exportFromDocker(source.image, temp, request.logger);
    } else if (source.kind === 'layout') {
      layoutDir = source.dir;
    }
    const images: Published[] = [];
    const held: { reference: string; reason: string }[] = [];
    let digest: string | undefined;
    for (const group of groups.values()) {
      const destination = client(group.ref.registry, 'destination');
      const { tags, references } = await plannedTags(request, destination, group, held);
      const result = await request.logger.group(`Publish ${references.join(', ')}`, async () => {
        if (layoutDir !== undefined)
          return pushLayout(readLayout(layoutDir), destination, group.ref.repository, tags, { progress });
        const remote = (source as { ref: ImageRef }).ref;
        const from = { client: client(remote.registry, 'source'), repository: remote.repository };
        return copyImage(
          from,
          remote.digest ?? remote.tag ?? 'latest',
          { client: destination, repository: group.ref.repository },
          tags,
          { progress },
        );
      });
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

async function classify(source: string): Promise<Source> {
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
