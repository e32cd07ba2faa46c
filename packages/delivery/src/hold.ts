// hold and unhold: stop the line into an environment, and start it again. Each is one commit that writes (or
// removes) the environment's `hold:` in gitops.yaml, with trailers that say who did it and why. gitops.yaml is
// read again on every tip a change is planned on, so every deploy and promote sees a hold the moment it lands,
// including those racing it; rollback is never held (line-gates.ts). The file keeps its comments and layout.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { ChangeRecord } from '@gitops/audit';
import { findEnvironment, type GitopsConfig, type Hold } from '@gitops/config';
import { unifiedDiff } from '@gitops/manifests';
import { isMap, parseDocument } from 'yaml';
import { type ChangeOptions, checkPullRequests, openCheckout, prepareChange, removeClone } from './change';
import { DeliveryError } from './errors';
import { landChange } from './land-change';

export interface HoldRequest extends ChangeOptions {
  readonly environment: string;
  /** true: stop the line; false: start it again. */
  readonly hold: boolean;
  /** Why; required to hold. */
  readonly reason: string | undefined;
  /** Who (the workflow's actor); default: the committer's name. */
  readonly by?: string | undefined;
  /** The clock the hold is stamped with (tests); default: now. */
  readonly now?: (() => Date) | undefined;
}

export interface HoldResult {
  readonly environment: string;
  readonly changed: boolean;
  readonly commit: string | undefined;
  readonly pullRequestUrl: string | undefined;
  readonly diff: string;
  /** The hold in force after the change; undefined: the line runs. */
  readonly held: Hold | undefined;
}

export async function holdLine(request: HoldRequest): Promise<HoldResult> {
  const reason = request.reason?.trim();
  if (request.hold && !reason)
    throw new DeliveryError('is required to hold an environment: say why', { subject: 'reason' });
  const change = await prepareChange(request);
  try {
    const { checkout, config } = await openCheckout(change);
    const environment = findEnvironment(config, request.environment);
    if (config.file === undefined)
      throw new DeliveryError(
        `hold is written into gitops.yaml, and ${change.remote.display} has none: add one (gitops init proposes it)`,
      );
    const via = change.via ?? environment.via;
    checkPullRequests(change, via);
    const file = config.file;
    const by = request.by || change.committer.name;
    const asked = { ...request, by };
    const at = (request.now?.() ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const wanted: Hold | undefined = request.hold ? { reason: reason as string, by, at } : undefined;
    const landed = await landChange({
      // A hold lands on its own: it publishes no pending change for image pipelines to carry, and carries none.
      change: { ...change, pendingTrust: undefined },
      checkout,
      via,
      head: `gitops/hold/${environment.name}`,
      opened: config,
      plan: async (fresh) =>
        holdPlan({ checkout: checkout.dir, file, config: fresh, wanted, request: asked, runUrl: change.runUrl }),
    });
    return {
      environment: environment.name,
      changed: landed.changed,
      commit: landed.commit,
      pullRequestUrl: landed.pullRequestUrl,
      diff: unifiedDiff(landed.planned.changes),
      held: landed.changed || !request.hold ? wanted : findEnvironment(config, environment.name).hold,
    };
  } finally {
    removeClone(change);
  }
}

/** The edit of gitops.yaml that holds or releases the environment on this tip; none when it already is so. */
function holdPlan(input: {
  readonly checkout: string;
  readonly file: string;
  readonly config: GitopsConfig;
  readonly wanted: Hold | undefined;
  readonly request: HoldRequest;
  readonly runUrl: string | undefined;
}) {
  const { request, wanted } = input;
  const name = findEnvironment(input.config, request.environment).name;
  const before = readFileSync(path.join(input.checkout, input.file), 'utf8');
  const document = parseDocument(before);
  const entry = document.getIn(['environments', name]);
  if (!isMap(entry)) throw new DeliveryError(`environment "${name}" is not a mapping in ${input.file}`);
  const current = entry.get('hold');
  if (wanted) entry.set('hold', document.createNode({ reason: wanted.reason, by: wanted.by, at: wanted.at }));
  else entry.delete('hold');
  const after = document.toString();
  const unchanged = wanted ? current !== undefined && sameReason(current, wanted) : current === undefined;
  const record: ChangeRecord = {
    action: request.hold ? 'hold' : 'unhold',
    environment: name,
    apps: [],
    reason: wanted?.reason ?? (request.reason?.trim() || 'line started again'),
    by: request.by,
    run: input.runUrl,
  };
  return { changes: unchanged ? [] : [{ file: input.file, before, after }], record };
}

/** A hold already in force for the same reason is left as it is (its who and when stay the first one's). */
function sameReason(current: unknown, wanted: Hold): boolean {
  return isMap(current) && current.get('reason') === wanted.reason;
}
