// Where each environment's controller is read, as a gitops.yaml text says it. Compared between a pull request's
// checkout and the default branch, so that a checkout cannot send the Argo CD token or the kubeconfig's credentials
// to an address the team did not write on the protected branch.
import { parse } from 'yaml';
import { asRecord } from './resolving';

/** The key the previews block's controller is listed under: no environment can be named so (names have no space). */
export const previewsControllerKey = 'previews block';

/**
 * Environment name (and {@link previewsControllerKey}) to `argocd <server> insecure=<bool>` or `flux <server or
 * current-context> insecure=<bool> exec=<bool>`, a fleet's clusters' own after it; environments without a
 * controller are left out. Text that is not a gitops.yaml mapping gives none.
 */
export function controllerAddresses(text: string): Map<string, string> {
  const addresses = new Map<string, string>();
  let data: unknown;
  try {
    data = parse(text, { maxAliasCount: 100 });
  } catch {
    return addresses;
  }
  const blocks = [...Object.entries(asRecord(asRecord(data).environments))];
  if (asRecord(data).previews !== undefined) blocks.push([previewsControllerKey, asRecord(data).previews]);
  for (const [name, value] of blocks) {
    // A fleet's clusters may each name a controller: every one of them is part of the environment's address.
    const clusters = Array.isArray(asRecord(value).clusters) ? (asRecord(value).clusters as unknown[]) : [];
    const parts = [
      addressOf(asRecord(value).controller),
      ...clusters.map((cluster) => {
        const own = addressOf(asRecord(cluster).controller);
        return own && `cluster ${String(asRecord(cluster).name)}: ${own}`;
      }),
    ].filter((part): part is string => part !== undefined);
    if (parts.length) addresses.set(name, parts.join('; '));
  }
  return addresses;
}

/** `argocd <server> insecure=<bool>` or `flux <server> insecure=<bool> exec=<bool>`; undefined for no controller. */
function addressOf(value: unknown): string | undefined {
  const controller = asRecord(value);
  const argocd = asRecord(controller.argocd);
  const flux = asRecord(controller.flux);
  const server = (entry: Record<string, unknown>) =>
    typeof entry.server === 'string' ? entry.server.replace(/\/+$/, '') : '(current context)';
  if (controller.argocd !== undefined) return `argocd ${server(argocd)} insecure=${argocd.insecure === true}`;
  if (controller.flux !== undefined)
    return `flux ${server(flux)} insecure=${flux.insecure === true} exec=${flux['kubeconfig-exec'] === true}`;
  return undefined;
}
