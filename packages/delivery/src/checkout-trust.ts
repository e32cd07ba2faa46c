// gitops status reads the controllers of whatever checkout it runs in, a pull request's among them. A pull request
// may change gitops.yaml, so the checkout's controller addresses are held against the default branch's: where they
// differ, or where the default branch cannot be read, no Argo CD token or kubeconfig credential is sent, unless
// the caller trusts the checkout (--trust-checkout).
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { controllerAddresses, type GitopsConfig } from '@gitops/config';
import { fileAt, type GitRunner, workingCopy } from '@gitops/git';

export interface CheckoutTrust {
  /** The checkout's gitops.yaml decides where credentials go (--trust-checkout). */
  readonly trustCheckout: boolean;
  /** The pull request's base branch (GITHUB_BASE_REF), looked for when the clone has no origin/HEAD. */
  readonly baseBranch?: string | undefined;
}

/** The environments whose controller may not be read with credentials here, each with the reason in words. */
export async function untrustedControllers(config: GitopsConfig, trust: CheckoutTrust): Promise<Map<string, string>> {
  const refused = new Map<string, string>();
  if (trust.trustCheckout || config.file === undefined) return refused;
  const mine = controllerAddresses(readFileSync(config.file, 'utf8'));
  if (mine.size === 0) return refused;
  const repository = workingCopy(config.root, 30_000);
  const base = await defaultBranch(repository, trust.baseBranch);
  const relative = path.relative(config.root, path.resolve(config.file)).split(path.sep).join('/');
  const found = base ? await fileAt(repository, base, relative).catch(() => undefined) : undefined;
  const theirs = found?.kind === 'file' ? controllerAddresses(found.text) : undefined;
  const allow = 'pass --trust-checkout to send them anyway';
  for (const [environment, address] of mine) {
    const said = theirs?.get(environment);
    if (said === address) continue;
    refused.set(
      environment,
      theirs === undefined
        ? `no credential is sent: the default branch's ${relative} cannot be read (${base ? `not in ${base}` : 'no origin/HEAD in this clone; fetch the default branch'}) to check this checkout's controller address against; ${allow}`
        : `no credential is sent: this checkout reads ${address}, but the default branch's ${relative} (${base}) reads ${said ?? 'no controller'}; ${allow}`,
    );
  }
  return refused;
}

/** The default branch as this clone knows it: origin/HEAD, else the pull request's base branch. */
async function defaultBranch(repository: GitRunner, baseBranch: string | undefined): Promise<string | undefined> {
  const candidates = ['refs/remotes/origin/HEAD', ...(baseBranch ? [`refs/remotes/origin/${baseBranch}`] : [])];
  for (const ref of candidates) {
    const found = await repository.run(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]).then(
      () => true,
      () => false,
    );
    if (found) return ref;
  }
  return undefined;
}
