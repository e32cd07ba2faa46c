// The sweep: removes the previews whose pull request is closed (GitHub says so) or that are older than the ttl,
// one commit per pull request. It reads each preview's record from the tip, so a clone of depth 1 is enough.
import type { Previews } from '@gitops/config';
import { GitHubPullRequests } from '@gitops/github';
import { type Change, type ChangeOptions, openCheckout, prepareChange, removeClone } from './change';
import { deleteOn, type PreviewDeleteResult } from './preview';
import { listPreviews, type PreviewFolder, type PreviewRecord, readRecord } from './preview-layout';
import { previewsOf } from './preview-plan';

export interface SweepRequest extends ChangeOptions {
  /** The clock (tests); default: now. */
  readonly now?: (() => Date) | undefined;
}

export interface SweptPreview {
  readonly number: number;
  readonly folders: readonly string[];
  /** Why it goes, or why it stays. */
  readonly reason: string;
}

export interface SweepResult {
  readonly removed: readonly (SweptPreview & { readonly commit: string | undefined })[];
  readonly kept: readonly SweptPreview[];
}

export async function sweepPreviews(request: SweepRequest): Promise<SweepResult> {
  const change = await prepareChange({ ...request, via: 'commit' });
  try {
    const { checkout, config } = await openCheckout(change);
    const previews = previewsOf(config);
    const found = await listPreviews(checkout, previews);
    if (found.length > 0) await checkout.include(found.map((preview) => `${preview.folder}/`));
    const now = (request.now?.() ?? new Date()).getTime();
    const removed: (SweptPreview & { commit: string | undefined })[] = [];
    const kept: SweptPreview[] = [];
    for (const [number, folders] of byNumber(found)) {
      const record = folders.map((folder) => readRecord(checkout.dir, folder)).find((value) => value !== undefined);
      const verdict = await verdictOf(change, previews, { number, record, now });
      const swept = { number, folders, reason: verdict.reason };
      if (!verdict.remove) {
        kept.push(swept);
        continue;
      }
      const deleted: PreviewDeleteResult = await deleteOn(checkout, config, change, {
        ...request,
        number,
        reason: verdict.reason,
        appRepository: record?.repository,
      });
      removed.push({ ...swept, commit: deleted.commit });
    }
    return { removed, kept };
  } finally {
    removeClone(change);
  }
}

function byNumber(found: readonly PreviewFolder[]): Map<number, string[]> {
  const groups = new Map<number, string[]>();
  for (const preview of found) groups.set(preview.number, [...(groups.get(preview.number) ?? []), preview.folder]);
  return groups;
}

/** Whether a preview goes: older than the ttl, or its pull request closed or gone; else why it stays. */
async function verdictOf(
  change: Change,
  previews: Previews,
  preview: { readonly number: number; readonly record: PreviewRecord | undefined; readonly now: number },
): Promise<{ remove: boolean; reason: string }> {
  const { number, record, now } = preview;
  if (!record) {
    change.logger.warning(
      `preview #${number} has no readable .gitops-preview: its age and pull request are unknown; left`,
    );
    return { remove: false, reason: 'no record of its age or pull request' };
  }
  const hours = (now - Date.parse(record.created)) / 3_600_000;
  if (hours > previews.ttlHours) return { remove: true, reason: `older than the ttl (${previews.ttlHours} h)` };
  if (!record.repository) return { remove: false, reason: 'its pull request is not recorded' };
  if (!change.github) return { remove: false, reason: 'open for all the sweep knows: no token to ask GitHub' };
  const state = await new GitHubPullRequests(change.github).state(record.repository, number);
  if (state === 'closed') return { remove: true, reason: 'pull request closed' };
  if (state === 'gone') return { remove: true, reason: `pull request not found in ${record.repository}` };
  return { remove: false, reason: 'pull request open' };
}
