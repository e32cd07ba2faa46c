// What a promotion takes from its source environment, app by app: the image it runs, pinned by digest (looked
// up in the registry when only a tag is written), verified where the target requires provenance, copied to the
// target's image name when that differs, and where it was built from. Health is promote-health.ts.
import { type AppChange, changesBetween, changeThatDeployed } from '@gitops/audit';
import { type App, type Environment, imageFor } from '@gitops/config';
import { HistoryReader } from '@gitops/git';
import { formatImageRef, type ImageRef, sameRepository } from '@gitops/image-ref';
import { progressOf } from '@gitops/log';
import { FileCache, matcherFor, readImage, targetsFor } from '@gitops/manifests';
import { inlineCode, markdownLink, markdownText } from '@gitops/markup';
import { copyImage, RegistryClient, RegistryError, resolveDigest } from '@gitops/registry';
import type { RegistryAccess } from './attestation-sources';
import { DeliveryError } from './errors';
import { type HealthRequest, healthyOnly, type Unhealthy } from './promote-health';
import type { ProvenanceGate } from './provenance';

export interface Source {
  readonly app: App;
  /** What the source environment runs, pinned by digest. */
  readonly running: ImageRef;
  /** The same digest under the target's image name. */
  readonly target: ImageRef;
  readonly resolved: boolean;
  readonly copied: boolean;
  readonly origin: { readonly source: string | undefined; readonly sourceTime: string | undefined };
  /** The source environment's changes of the app since the image the target runs now, newest first. */
  readonly between: readonly AppChange[];
}

/** What reading the sources takes: what the health gate takes (but the file cache), and the registry's side. */
export interface SourcesRequest extends Omit<HealthRequest, 'cache'> {
  readonly registry: RegistryAccess;
  readonly gate: ProvenanceGate | undefined;
  /** Copies nothing (dry run). */
  readonly dryRun: boolean;
  /** Reads what the promotion brings, for the pull request body. */
  readonly forPullRequest: boolean;
}

/** What each app runs in `from`, pinned by digest, and its name in `to`; the apps left out as unhealthy. */
export async function readSources(
  request: SourcesRequest,
): Promise<{ sources: Source[]; unhealthy: readonly Unhealthy[] }> {
  const cache = new FileCache(request.checkout.dir);
  const history = new HistoryReader(request.checkout);
  const { running, unhealthy } = await healthyOnly({ ...request, cache });
  const sources: Source[] = [];
  for (const entry of running) {
    const pinned = await pinnedImage(request, entry);
    const target = targetImage(request.to, entry.app, pinned);
    const copied = !sameRepository(pinned.image, target);
    // Verified before it is copied: an image nobody vouches for does not reach the target's registry either.
    if (request.gate) {
      const provenance = await request.gate(entry.app.name, formatImageRef(pinned.image));
      request.logger.info(`${entry.app.name}: ${pinned.image.digest} was built by ${provenance.workflow}`);
    }
    if (copied && !request.dryRun) await copyToTarget(request, entry.app, pinned.image, target);
    const original = await changeThatDeployed(
      history,
      request.from.name,
      entry.app.name,
      formatImageRef(entry.running),
    );
    sources.push({
      app: entry.app,
      running: pinned.image,
      target,
      resolved: pinned.resolved,
      copied,
      origin: { source: original?.app.source, sourceTime: original?.app.sourceTime },
      between: request.forPullRequest ? await brings(request, cache, history, entry.app) : [],
    });
  }
  if (sources.length === 0 && unhealthy.length === 0)
    throw new DeliveryError(`environment "${request.from.name}" runs none of the apps to promote`);
  return { sources, unhealthy };
}

/** The image the source runs, with its digest: looked up in the registry when only a tag is written. */
async function pinnedImage(
  request: SourcesRequest,
  { app, running }: { app: App; running: ImageRef },
): Promise<{ image: ImageRef & { digest: string }; resolved: boolean }> {
  if (running.digest) return { image: { ...running, digest: running.digest }, resolved: false };
  const version = running.tag ?? 'latest';
  let digest: string;
  try {
    digest = await resolveDigest(clientFor(request.registry, running.registry), running.repository, version);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new DeliveryError(
      `app "${app.name}" runs ${formatImageRef(running)} in ${request.from.name} without a digest, and the registry could not say which: ${reason}`,
    );
  }
  request.logger.info(
    `${app.name}: ${request.from.name} pins only the tag ${version}; the registry says it is ${digest}`,
  );
  return { image: { ...running, digest }, resolved: true };
}

/** The digest under the image name the target environment uses, with the source's tag. */
function targetImage(to: Environment, app: App, pinned: { image: ImageRef & { digest: string } }): ImageRef {
  const name = imageFor(app, to.name);
  const { tag, digest } = pinned.image;
  return { registry: name.registry, repository: name.repository, ...(tag ? { tag } : {}), digest };
}

async function copyToTarget(
  request: SourcesRequest,
  app: App,
  pinned: ImageRef & { digest: string },
  target: ImageRef,
) {
  try {
    await request.logger.group(`Copy ${formatImageRef(pinned)} to ${formatImageRef(target)}`, () =>
      copyImage(
        { client: clientFor(request.registry, pinned.registry), repository: pinned.repository },
        pinned.digest,
        { client: clientFor(request.registry, target.registry), repository: target.repository },
        pinned.tag ? [pinned.tag] : [],
        { progress: progressOf(request.logger) },
      ),
    );
  } catch (error) {
    if (error instanceof RegistryError)
      throw new DeliveryError(
        `copying app "${app.name}" to ${formatImageRef(target)} failed, so nothing is written: ${error.message}`,
      );
    throw error;
  }
}

/** The source's changes since what the target runs: for the pull request body only, as it can read far back. */
async function brings(request: SourcesRequest, cache: FileCache, history: HistoryReader, app: App) {
  const current = readImage(cache, targetsFor(request.config, app, request.to.name), matcherFor(app, request.to.name));
  const image = current.image ? formatImageRef(current.image) : undefined;
  return changesBetween(history, request.from.name, app.name, image);
}

function clientFor(access: RegistryAccess, registry: string): RegistryClient {
  return new RegistryClient(registry, {
    credentials: access.credentials(registry),
    insecureRegistries: access.insecureRegistries,
  });
}

/** Markdown for the pull request: per app, the source environment's changes the promotion brings along. */
export function whatItBrings(sources: readonly Source[]): string | undefined {
  const sections = sources
    .filter((source) => source.between.length > 0)
    .map((source) => {
      const lines = source.between.map((change) => {
        // Trailers are someone's text: escaped, and the run linked only when it is a plain scheme://host address.
        const run = change.record.run ? ` (${markdownLink('run', change.record.run)})` : '';
        const from = change.app.source ? markdownText(change.app.source) : 'an unrecorded source';
        const at = change.app.sourceTime ? ` at ${markdownText(change.app.sourceTime)}` : '';
        return `- ${inlineCode(change.app.image)} from ${from}${at}${run}`;
      });
      return `**${markdownText(source.app.name)}** brings:\n${lines.join('\n')}`;
    });
  return sections.length ? sections.join('\n\n') : undefined;
}
