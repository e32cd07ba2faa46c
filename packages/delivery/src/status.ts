// What runs where, and what waits to be promoted: one row per app, an image per environment in promotion order,
// and each environment that runs something else than the one it is promoted from.
import type { GitopsConfig } from '@gitops/config';
import { formatImageRef, sameImage } from '@gitops/image-ref';
import { readEnvironmentImages } from '@gitops/manifests';

export interface StatusRow {
  readonly app: string;
  /** Environment name → the whole reference it runs (`ghcr.io/acme/web:1.4.2@sha256:…`), null where it does not. */
  readonly environments: Record<string, string | null>;
  /** Each environment that runs something else than the one it is promoted from, with what that one runs. */
  readonly pending: PendingPromotion[];
}

export interface PendingPromotion {
  readonly from: string;
  readonly to: string;
  /** The whole reference `from` runs: what the next promote would move. */
  readonly image: string;
}

export function promotionStatus(config: GitopsConfig): StatusRow[] {
  const images = readEnvironmentImages(config);
  const apps = [...new Set(images.map((entry) => entry.app))];
  return apps.map((app) => {
    const byEnvironment = new Map(
      images.filter((entry) => entry.app === app).map((entry) => [entry.environment, entry.image]),
    );
    const environments: Record<string, string | null> = {};
    const pending: PendingPromotion[] = [];
    for (const environment of config.environments) {
      const image = byEnvironment.get(environment.name);
      environments[environment.name] = image ? formatImageRef(image) : null;
      const source = environment.promoteFrom ? byEnvironment.get(environment.promoteFrom) : undefined;
      if (environment.promoteFrom && source && (!image || !sameImage(source, image) || source.tag !== image.tag)) {
        pending.push({ from: environment.promoteFrom, to: environment.name, image: formatImageRef(source) });
      }
    }
    return { app, environments, pending };
  });
}
