// promote --auto: into every environment gitops.yaml marks auto-promote (or the one named, which must be), whatever its source runs healthy, in
// promotion order. Each is one promote, with its own commit or pull request; apps the source does not run
// Healthy and Synced at their digest are left out and named, never refused, so the others still move.

import { openCheckout, prepareChange, removeClone } from './change';
import { DeliveryError } from './errors';
import { type PromoteRequest, type PromoteResult, promote } from './promote';

export interface AutoPromoteRequest extends Omit<PromoteRequest, 'to' | 'from' | 'apps' | 'onlyHealthy'> {
  /** Only this environment (a starter workflow's job per environment, in that environment's lane); it must be one. */
  readonly only?: string | undefined;
}

export interface AutoPromoteResult {
  /** One per environment marked auto-promote, in promotion order. */
  readonly promotions: readonly PromoteResult[];
}

export async function autoPromote(request: AutoPromoteRequest): Promise<AutoPromoteResult> {
  const reading = await prepareChange(request);
  let targets: string[];
  try {
    const { config } = await openCheckout(reading);
    targets = config.environments
      .filter((environment) => environment.autoPromote)
      .map((environment) => environment.name);
  } finally {
    removeClone(reading);
  }
  if (targets.length === 0)
    throw new DeliveryError(
      'no environment in gitops.yaml sets auto-promote: true, so there is nothing to promote into',
    );
  if (request.only !== undefined && !targets.includes(request.only))
    throw new DeliveryError(
      `environment "${request.only}" does not set auto-promote: true in gitops.yaml (those that do: ${targets.join(', ')})`,
      { subject: 'to' },
    );
  if (request.only !== undefined) targets = [request.only];
  const promotions: PromoteResult[] = [];
  const { only: _only, ...common } = request;
  for (const to of targets) {
    // The early clone went to reading gitops.yaml: each promotion clones the branch as it is now.
    promotions.push(
      await promote({ ...common, started: undefined, to, from: undefined, apps: undefined, onlyHealthy: true }),
    );
  }
  return { promotions };
}
