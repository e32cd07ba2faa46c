// Where each environment's controller is read, as a gitops.yaml text says it. Compared between a pull request's
// checkout and the default branch, so that a checkout cannot send the Argo CD token or the kubeconfig's credentials
// to an address the team did not write on the protected branch.
import { parse } from 'yaml';

/**
 * Environment name to `argocd <server> insecure=<bool>` or `flux <server or current-context> insecure=<bool>
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
  const environments = record(record(data)?.environments);
  for (const [name, value] of Object.entries(environments ?? {})) {
    const controller = record(record(value)?.controller);
    const argocd = record(controller?.argocd);
    const flux = record(controller?.flux);
    const server = (entry: Record<string, unknown> | undefined) =>
      typeof entry?.server === 'string' ? entry.server.replace(/\/+$/, '') : '(current context)';
    if (argocd) addresses.set(name, `argocd ${server(argocd)} insecure=${argocd.insecure === true}`);
    else if (flux)
      addresses.set(
        name,
        `flux ${server(flux)} insecure=${flux.insecure === true} exec=${flux['kubeconfig-exec'] === true}`,
      );
  }
  return addresses;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
