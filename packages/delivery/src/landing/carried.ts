// Around carrying, for the push loop (commit-loop.ts): carrying without putting its own change at risk, and what
// the commit that carried our change did.

import { type ChangeRecord, parseChangeRecord } from '@gitops/audit';
import { type ConfigCheckout, readCommits } from '@gitops/git';
import type { FileChange } from '@gitops/manifests';
import type { PendingChange } from './pending';
import type { CarryRequest } from './request';

/**
 * The pending changes carried on HEAD; none when carrying fails (the host did not give the files they need): ours
 * still goes, and theirs stay pending for their own pipelines.
 */
export async function carryOrNot(
  carry: (request: CarryRequest) => Promise<PendingChange[]>,
  request: CarryRequest,
): Promise<PendingChange[]> {
  try {
    return await carry(request);
  } catch (error) {
    request.logger.info(`Carrying no pending change: ${error instanceof Error ? error.message : String(error)}`);
    await request.checkout.resetTo('HEAD');
    return [];
  }
}

/**
 * What the commit that carried our change records, and what it did to the files our last plan edited (read from
 * the commit and its parent: the carrier planned the change on other files than we last did).
 */
export async function carriedChange(
  checkout: ConfigCheckout,
  commit: string,
  planned: readonly FileChange[],
): Promise<{ record: ChangeRecord; changes: FileChange[] }> {
  const [entry] = await readCommits(checkout, [commit]);
  const record = entry ? parseChangeRecord(entry.trailers) : undefined;
  if (!record) throw new Error(`commit ${commit} carries our change id but records no change`);
  const files = planned.map((change) => ({ file: change.file, tracked: checkout.trackedPath(change.file) }));
  const texts = await checkout.readBlobs(
    files.flatMap(({ tracked }) => [`${commit}^:${tracked}`, `${commit}:${tracked}`]),
  );
  const changes = files
    .map(({ file }, index) => ({ file, before: texts[2 * index] ?? '', after: texts[2 * index + 1] ?? '' }))
    .filter((change) => change.before !== change.after);
  return { record, changes };
}

/** Per-app outcomes (a deploy's, a promotion's) as the commit that carried the change records them. */
export function asCarried<
  T extends { readonly app: string; readonly image: string; readonly previous?: string | undefined },
>(outcomes: readonly T[], record: ChangeRecord): T[] {
  return outcomes.map((outcome) => {
    const entry = record.apps.find((app) => app.app === outcome.app);
    return entry ? { ...outcome, image: entry.image, previous: entry.previous } : outcome;
  });
}
