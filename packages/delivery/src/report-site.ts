// `gitops report --html DIR` and the report action: the dashboard of the config repository as a static site. One
// status read (images, holds, rejections, controllers, previews) and one metrics read of the history, rendered in
// memory before anything is written: a failure to read or to render writes nothing.
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { deliveryMetrics } from '@gitops/audit';
import type { GitopsConfig } from '@gitops/config';
import { renderSite } from '@gitops/site';
import type { CheckoutTrust } from './checkout-trust';
import type { ControllerAccess } from './health';
import { siteData } from './site-data';
import { statusReport } from './status-report';

export interface SiteRequest {
  readonly config: GitopsConfig;
  readonly access: ControllerAccess;
  readonly trust: CheckoutTrust;
  /** The folder the site is written to; made where missing. */
  readonly out: string;
  /** The site's title: the repository's name. */
  readonly title: string;
  /** The repository's web address, for links to commits; only a plain http(s) address is ever linked. */
  readonly repositoryUrl: string | undefined;
  /** The metrics' period (as `gitops metrics` takes it) and clock; default 90 days to now, 7 days' window. */
  readonly since?: Date | undefined;
  readonly now?: Date | undefined;
  readonly failureWindowSeconds?: number | undefined;
}

export interface SiteResult {
  readonly files: number;
  readonly bytes: number;
  readonly apps: number;
  readonly environments: number;
  /** Whether health was shown: a controller was read with the credentials given. */
  readonly health: boolean;
}

export async function reportSite(request: SiteRequest): Promise<SiteResult> {
  const now = request.now ?? new Date();
  const credentials = Boolean(request.access.argocdToken || request.access.kubeconfig);
  // Without credentials no controller is asked: the page says health is left out.
  const access = credentials ? request.access : {};
  const [status, metrics] = await Promise.all([
    statusReport({ config: request.config, access, trust: request.trust, now }),
    deliveryMetrics({
      repository: request.config.root,
      since: request.since ?? new Date(now.getTime() - 90 * 86_400_000),
      until: now,
      failureWindowSeconds: request.failureWindowSeconds ?? 7 * 86_400,
    }),
  ]);
  const data = siteData({
    config: request.config,
    status,
    metrics,
    title: request.title,
    now,
    repositoryUrl: request.repositoryUrl,
    credentials,
  });
  const files = renderSite(data);
  for (const file of files) {
    const target = path.join(request.out, ...file.path.split('/'));
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, file.text);
  }
  return {
    files: files.length,
    bytes: files.reduce((sum, file) => sum + Buffer.byteLength(file.text), 0),
    apps: data.apps.length,
    environments: data.environments.length,
    health: data.healthRead,
  };
}
