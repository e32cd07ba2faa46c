// The health gate of a promotion (require-healthy): only what the source environment's controller reports Healthy
// and Synced, at a commit where the app runs that image, goes on; checked before any digest is looked up or image
// copied.
import type { App, Environment, GitopsConfig } from '@gitops/config';
import type { ConfigCheckout } from '@gitops/git';
import { formatImageRef, type ImageRef } from '@gitops/image-ref';
import type { Logger } from '@gitops/log';
import { type FileCache, matcherFor, readImage, targetsFor } from '@gitops/manifests';
import { DeliveryError } from './errors';
import { type ControllerOptions, controllerReader, type RunningApp, unhealthySources } from './health';

/** An app left out of a promotion, and why (the controller's words). */
export interface Unhealthy {
  readonly app: string;
  readonly reason: string;
}

export interface HealthRequest {
  readonly checkout: ConfigCheckout;
  readonly cache: FileCache;
  readonly config: GitopsConfig;
  readonly from: Environment;
  readonly to: Environment;
  readonly apps: readonly App[];
  /** The apps were named: one the source does not run is refused rather than passed over. */
  readonly named: boolean;
  readonly controllers: ControllerOptions['controllers'];
  /** Leave the unhealthy apps out (with a warning each) instead of refusing the promotion. */
  readonly onlyHealthy: boolean;
  readonly logger: Logger;
}

/**
 * What each app runs in `from`; where `to` requires healthy promotions, only the apps running healthy there. The
 * others refuse the promotion, or with onlyHealthy are left out and returned as `unhealthy`.
 */
export async function healthyOnly(
  request: HealthRequest,
): Promise<{ running: { app: App; running: ImageRef }[]; unhealthy: Unhealthy[] }> {
  const { from, to } = request;
  const running = runningApps(request);
  if (!to.requireHealthy || running.length === 0) return { running, unhealthy: [] };
  const read = controllerReader(from, request.controllers ?? {}, `promoting into ${to.name} (require-healthy)`);
  const reasons = await unhealthySources(
    from,
    running.map(
      (entry): RunningApp => ({ app: entry.app.name, image: formatImageRef(entry.running), files: entry.files }),
    ),
    read,
    (revision, files) => request.checkout.revisions.sameFilesAt(revision, files),
  );
  const unhealthy = [...reasons].map(([app, reason]) => ({ app, reason }));
  if (unhealthy.length > 0 && !request.onlyHealthy)
    throw new DeliveryError(
      `environment "${to.name}" takes only what runs healthy in ${from.name} (require-healthy), so nothing is promoted: ${unhealthy
        .map(({ app, reason }) => `${app}: ${reason}`)
        .join('; ')}`,
      { kind: 'refused' },
    );
  for (const { app, reason } of unhealthy) request.logger.warning(`${app} stays out of ${to.name}: ${reason}`);
  return { running: running.filter((entry) => !reasons.has(entry.app.name)), unhealthy };
}

/** The image each app runs in `from`, and the files it is written in. */
function runningApps(request: HealthRequest): { app: App; running: ImageRef; files: string[] }[] {
  const { from } = request;
  const running: { app: App; running: ImageRef; files: string[] }[] = [];
  for (const app of request.apps) {
    const reading = readImage(request.cache, targetsFor(request.config, app, from.name), matcherFor(app, from.name));
    if (!reading.image) {
      if (request.named) throw new DeliveryError(`environment "${from.name}" runs no image of app "${app.name}"`);
      continue;
    }
    running.push({ app, running: reading.image, files: [...new Set(reading.sites.map((site) => site.location.file))] });
  }
  return running;
}
