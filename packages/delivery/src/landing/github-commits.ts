// Landing the clone's new commits through GitHub's API instead of git push (commit-signing: github). Each local
// commit is made again by GitHub, with the same message (trailers and all) and the same file contents, on the tip
// the previous one left: GitHub signs them, so the branch gets verified commits. The first commit's
// expectedHeadOid is the tip the clone fetched, which is what a fast-forward push checks.
import type { ConfigCheckout, PushResult } from '@gitops/git';
import { createCommitOnBranch, type LazyGitHubClient } from '@gitops/github';

export interface GitHubCommits {
  /**
   * Lands the commits made on `base` (a commit, or a ref such as the remote branch as last fetched), oldest first,
   * on `branch`. `rejected` when the branch had moved before the first; `commits` are GitHub's ids of those that
   * landed, in order: fewer than asked when the branch moved in between (the rest did not land, and can go again).
   */
  land(
    checkout: ConfigCheckout,
    branch: string,
    base: string,
  ): Promise<{ readonly outcome: PushResult; readonly commits: readonly string[] }>;
}

export function githubCommits(client: LazyGitHubClient, repository: string): GitHubCommits {
  return {
    async land(checkout, branch, base) {
      const locals = (await checkout.run(['rev-list', '--reverse', `${base}..HEAD`])).split('\n').filter(Boolean);
      const landed: string[] = [];
      // expectedHeadOid is an object id, never a ref name.
      let tip = (await checkout.run(['rev-parse', '--verify', `${base}^{commit}`])).trim();
      for (const local of locals) {
        const result = await createCommitOnBranch(client, {
          repository,
          branch,
          expectedHeadOid: tip,
          message: await checkout.run(['show', '-s', '--format=%B', local]),
          ...(await fileChanges(checkout, local)),
        });
        if ('stale' in result) break;
        landed.push(result.oid);
        tip = result.oid;
      }
      return { outcome: landed.length > 0 || locals.length === 0 ? 'pushed' : 'rejected', commits: landed };
    },
  };
}

/** What `commit` changed from its parent: the files it wrote (whole) and those it removed. */
async function fileChanges(
  checkout: ConfigCheckout,
  commit: string,
): Promise<{ additions: { path: string; contents: Buffer }[]; deletions: string[] }> {
  const fields = (await checkout.run(['diff-tree', '-r', '-z', '--no-renames', '--name-status', `${commit}^`, commit]))
    .split('\0')
    .filter(Boolean);
  const written: string[] = [];
  const deletions: string[] = [];
  for (let index = 0; index + 1 < fields.length; index += 2) {
    const [status, file] = [fields[index] ?? '', fields[index + 1] ?? ''];
    if (status === 'D') deletions.push(file);
    else written.push(file);
  }
  const texts = await checkout.readBlobs(written.map((file) => `${commit}:${file}`));
  return {
    additions: written.map((file, index) => ({ path: file, contents: Buffer.from(texts[index] ?? '', 'utf8') })),
    deletions,
  };
}
