// The previews `gitops status` lists: every preview folder of the working copy's HEAD, with the pull request, the
// app, the image and the age its record gives, and, where the previews block names a controller and its
// credentials are given, what the controller says. Credentials go only to the address the default branch's
// gitops.yaml names (checkout-trust.ts), as for environments.
import { type GitopsConfig, previewEnvironment, previewsControllerKey } from '@gitops/config';
import { workingCopy } from '@gitops/git';
import { type CheckoutTrust, untrustedControllers } from './checkout-trust';
import { type ControllerAccess, controllerObjects, controllerReader } from './health';
import { listPreviews, readRecord } from './preview-layout';

export interface PreviewStatus {
  readonly number: number;
  readonly app: string;
  readonly folder: string;
  readonly image: string | undefined;
  /** When it was opened (ISO 8601), from its record; undefined when it has none. */
  readonly created: string | undefined;
  readonly ageHours: number | undefined;
  /** What the controller says; undefined when it is not read (no controller, no credential, not trusted). */
  readonly health: string | undefined;
  readonly message: string | undefined;
}

export async function previewStatus(request: {
  readonly config: GitopsConfig;
  readonly access: ControllerAccess;
  readonly trust: CheckoutTrust;
  readonly now: Date;
}): Promise<PreviewStatus[]> {
  const { config } = request;
  const previews = config.previews;
  if (!previews) return [];
  const found = await listPreviews(workingCopy(config.root, 30_000), previews);
  if (found.length === 0) return [];
  const refused = previews.controller ? await untrustedControllers(config, request.trust) : new Map<string, string>();
  const readHealth = previews.controller && !refused.has(previewsControllerKey);
  const rows: PreviewStatus[] = [];
  for (const preview of found) {
    const record = readRecord(config.root, preview.folder);
    const apps = preview.app ? [preview.app] : Object.keys(record?.apps ?? {});
    for (const app of apps.length ? apps : ['?']) {
      const created = record?.created;
      const said = readHealth
        ? await healthOf(request.access, previews, { number: preview.number, app, branch: record?.branch })
        : undefined;
      rows.push({
        number: preview.number,
        app,
        folder: preview.folder,
        image: record?.apps[app]?.image,
        created,
        ageHours: created ? Math.max(0, (request.now.getTime() - Date.parse(created)) / 3_600_000) : undefined,
        health: said?.health,
        message: said?.message,
      });
    }
  }
  return rows;
}

async function healthOf(
  access: ControllerAccess,
  previews: NonNullable<GitopsConfig['previews']>,
  preview: { readonly number: number; readonly app: string; readonly branch: string | undefined },
): Promise<{ health: string; message: string | undefined } | undefined> {
  const environment = previewEnvironment(previews, preview);
  try {
    const read = controllerReader(environment, access, 'health');
    const [object] = controllerObjects(environment, [preview.app]);
    if (!object) return undefined;
    const state = await read(object, false);
    return { health: `${state.health}${state.synced ? '' : ', OutOfSync'}`, message: state.message };
  } catch (error) {
    return { health: 'unknown', message: error instanceof Error ? error.message : String(error) };
  }
}
