// One commit on a branch through GitHub's GraphQL API (createCommitOnBranch). GitHub makes and signs the commit
// itself, so it shows as verified and meets "require signed commits" rules, which a pushed commit made by a
// workflow without a key cannot. `expectedHeadOid` is the compare-and-swap: a branch that moved since is refused,
// as a push that is not a fast-forward is.
import { type LazyGitHubClient, splitRepository } from './client';
import { githubFailure } from './errors';

export interface CommitOnBranch {
  /** `owner/name` */
  readonly repository: string;
  readonly branch: string;
  /** The tip the commit goes on; refused when the branch is elsewhere by now. */
  readonly expectedHeadOid: string;
  /** The whole message: its first line is the headline, the rest (trailers too) the body. */
  readonly message: string;
  /** Files written whole (new or changed), with their new contents. */
  readonly additions: readonly { readonly path: string; readonly contents: Buffer }[];
  readonly deletions: readonly string[];
}

/** The branch was not at `expectedHeadOid`: another commit landed first. */
export type StaleHead = { readonly stale: true };

const mutation = `mutation($input: CreateCommitOnBranchInput!) {
  createCommitOnBranch(input: $input) { commit { oid } }
}`;

/** The new commit's id, or `{ stale: true }` when the branch moved on; any other refusal throws a GitHubError. */
export async function createCommitOnBranch(
  client: LazyGitHubClient,
  commit: CommitOnBranch,
): Promise<{ readonly oid: string } | StaleHead> {
  const { owner, repo } = splitRepository(commit.repository);
  const newline = commit.message.indexOf('\n');
  const headline = newline < 0 ? commit.message : commit.message.slice(0, newline);
  const body = newline < 0 ? '' : commit.message.slice(newline + 1).replace(/^\n+/, '');
  const input = {
    branch: { repositoryNameWithOwner: `${owner}/${repo}`, branchName: commit.branch },
    expectedHeadOid: commit.expectedHeadOid,
    message: body ? { headline, body } : { headline },
    fileChanges: {
      additions: commit.additions.map((file) => ({ path: file.path, contents: file.contents.toString('base64') })),
      deletions: commit.deletions.map((path) => ({ path })),
    },
  };
  try {
    const answer = await (await client()).graphql<{ createCommitOnBranch: { commit: { oid: string } } | null }>(
      mutation,
      { input },
    );
    const oid = answer.createCommitOnBranch?.commit.oid;
    if (!oid) throw new Error('GitHub answered without the new commit');
    return { oid };
  } catch (error) {
    if (isStaleHead(error)) return { stale: true };
    // GraphQL says no in a 200 answer, past the request hook: its errors are turned here.
    throw githubFailure(error, `committing to ${commit.branch} in ${commit.repository} through GitHub's API`);
  }
}

/** GitHub's refusal of a branch that moved: type STALE_DATA, "Expected branch to point to ... Pull and try again." */
function isStaleHead(error: unknown): boolean {
  const errors = (error as { errors?: { type?: string; message?: string }[] }).errors ?? [];
  return errors.some(
    (entry) => entry.type === 'STALE_DATA' || /expected branch to point to/i.test(entry.message ?? ''),
  );
}
