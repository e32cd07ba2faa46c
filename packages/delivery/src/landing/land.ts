// Landing a planned change: nothing (dry run), a pull request from a branch rebuilt on the base each time, or a
// commit pushed with the retry loop that re-plans on the new tip and carries other pipelines' pending changes
// (commit-loop.ts). Shared by deploy and promote.
import { formatCommitMessage } from '@gitops/audit';
import { unifiedDiff } from '@gitops/manifests';
import { DeliveryError } from '../errors';
import { commitChanges } from './commit-changes';
import { landCommit } from './commit-loop';
import { type PullRequests, pullRequestBody } from './pull-request';
import type { Landed, Landing, Plan } from './request';

export async function land<P extends Plan>(landing: Landing<P>): Promise<Landed<P>> {
  if (!landing.dryRun && landing.via === 'commit') return landCommit(landing);
  const planned = await landing.plan(await landing.config(1), 1);
  const changed = planned.changes.length > 0;
  if (landing.dryRun || !changed)
    return { planned, changed, commit: undefined, pullRequestUrl: undefined, attempts: 1 };
  return landPullRequest(landing, planned);
}

/** Commits the change to the pull request's branch, set anew on the base, and opens or updates the pull request. */
async function landPullRequest<P extends Plan>(landing: Landing<P>, planned: P): Promise<Landed<P>> {
  const { checkout, head } = landing;
  const message = formatCommitMessage(planned.record);
  let commit = await commitChanges(checkout, { changes: planned.changes, message, committer: landing.committer });
  if (landing.githubCommits) {
    // The branch is set back to the base's tip with git (no new commit), then GitHub makes the commit on it.
    const base = (await checkout.run(['rev-parse', 'HEAD^'])).trim();
    const reset = await checkout.publish(base, `refs/heads/${head}`);
    if (!reset.published) throw new DeliveryError(`could not set ${head} to ${base}: ${reset.reason}`);
    commit = (await landing.githubCommits.land(checkout, head, base)).commits[0];
    if (!commit) throw new DeliveryError(`${head} moved while the change was committed to it; run again`);
  } else await checkout.push(head, { force: true });
  const pullRequest = await (landing.pullRequests as PullRequests).upsert({
    repository: landing.githubRepository as string,
    base: checkout.branch,
    head,
    title: message.split('\n')[0] ?? head,
    body: pullRequestBody(planned.record, unifiedDiff(planned.changes), landing.runUrl, planned.details),
    labels: landing.pullRequest.labels,
    autoMerge: landing.pullRequest.autoMerge,
  });
  landing.logger.info(`${pullRequest.created ? 'Opened' : 'Updated'} pull request ${pullRequest.url}`);
  return { planned, changed: true, commit, pullRequestUrl: pullRequest.url, attempts: 1 };
}
