// Where each environment's controller is read, as a gitops.yaml text says it. Compared between a pull request's
// checkout and the default branch, so that a checkout cannot send the Argo CD token or the kubeconfig's credentials
// to an address the team did not write on the protected branch.
import { parse } from 'yaml';
import { asRecord } from './resolving';

/** The key the previews block's controller is listed under: no environment can be named so (names have no space). */
export const previewsControllerKey = 'previews block';

/**
 * Environment name (and {@link previewsControllerKey}) to `argocd <server> insecure=<bool>` or `flux <server or current-context> insecure=<bool>
 * exec=<bool>`; environments without a controller are left out. Text that is not a gitops.yaml mapping gives none.
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
    const controller = asRecord(asRecord(value).controller);
    const argocd = asRecord(controller.argocd);
    const flux = asRecord(controller.flux);
    const server = (entry: Record<string, unknown>) =>
      typeof entry.server === 'string' ? entry.server.replace(/\/+$/, '') : '(current context)';
    if (controller.argocd !== undefined)
      addresses.set(name, `argocd ${server(argocd)} insecure=${argocd.insecure === true}`);
    else if (controller.flux !== undefined)
      addresses.set(
        name,
        `flux ${server(flux)} insecure=${flux.insecure === true} exec=${flux['kubeconfig-exec'] === true}`,
      );
  }
  return addresses;
}
