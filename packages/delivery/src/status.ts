// What runs where, and what waits to be promoted: one row per app, an image per environment in promotion order,
// and each environment that runs something else than the one it is promoted from.
import type { GitopsConfig } from '@gitops/config';
import { formatImageRef, sameImage } from '@gitops/image-ref';
import { readEnvironmentImages } from '@gitops/manifests';

export interface StatusRow {
  readonly app: string;
  /** Environment name → a short image (`1.4.2@0123456789ab`), or `-` where the app does not run. */
  readonly environments: Record<string, string>;
  /** `staging is ahead of prod (ghcr.io/acme/web:1.5.0@sha256:…)`, per environment waiting. */
  readonly pending: string[];
}

export function promotionStatus(config: GitopsConfig): StatusRow[] {
  const images = readEnvironmentImages(config);
  const apps = [...new Set(images.map((entry) => entry.app))];
  return apps.map((app) => {
    const byEnvironment = new Map(
      images.filter((entry) => entry.app === app).map((entry) => [entry.environment, entry.image]),
    );
    const environments: Record<string, string> = {};
    const pending: string[] = [];
    for (const environment of config.environments) {
      const image = byEnvironment.get(environment.name);
      environments[environment.name] = image
        ? `${image.tag ?? ''}${image.digest ? `@${image.digest.slice(7, 19)}` : ''}` || formatImageRef(image)
        : '-';
      const source = environment.promoteFrom ? byEnvironment.get(environment.promoteFrom) : undefined;
      if (source && (!image || !sameImage(source, image) || source.tag !== image.tag)) {
        pending.push(`${environment.promoteFrom} is ahead of ${environment.name} (${formatImageRef(source)})`);
      }
    }
    return { app, environments, pending };
  });
}
