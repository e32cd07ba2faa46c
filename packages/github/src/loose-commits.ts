// Pending changes through GitHub's API (commit-signing: github). A pending change is a commit with no parent and
// the empty tree under a ref outside the branches. Made through the Git database API with no author of our own,
// it is made and signed by GitHub for the token's identity (an App's bot, or the user of a personal token), so
// GitHub shows it verified and names who made it. That is what lets another pipeline tell a change made by the
// same identity as itself from one pushed by anyone else who can write a ref.
import { type LazyGitHubClient, splitRepository } from './client';

/** The object id git gives the empty tree, in every repository. */
const emptyTree = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';

export interface LooseCommit {
  readonly sha: string;
  /** When GitHub says it was made: the author date every pipeline ranks pending changes by. */
  readonly date: string;
}

/** Makes the commit of `message` as the token's identity and points `ref` (refs/…) at it. */
export async function createLooseCommit(
  client: LazyGitHubClient,
  request: { readonly repository: string; readonly message: string; readonly ref: string },
): Promise<LooseCommit> {
  const { owner, repo } = splitRepository(request.repository);
  const octokit = await client();
  // No author, committer or signature of ours: GitHub signs only what it makes for the token's own identity.
  const { data } = await octokit.rest.git.createCommit({
    owner,
    repo,
    message: request.message,
    tree: emptyTree,
    parents: [],
  });
  await octokit.rest.git.createRef({ owner, repo, ref: request.ref, sha: data.sha });
  return { sha: data.sha, date: data.author.date };
}

/** Who GitHub says made a commit, and whether it verified the commit's signature. */
export interface Authorship {
  readonly verified: boolean;
  /** The GitHub account of the author (a bot or a user); undefined when GitHub ties the commit to none. */
  readonly account: { readonly id: number; readonly login: string } | undefined;
}

export async function commitAuthorship(client: LazyGitHubClient, repository: string, sha: string): Promise<Authorship> {
  const { owner, repo } = splitRepository(repository);
  const octokit = await client();
  const { data } = await octokit.rest.repos.getCommit({ owner, repo, ref: sha, per_page: 1 });
  const author = data.author && 'id' in data.author ? data.author : undefined;
  return {
    verified: data.commit.verification?.verified === true,
    account: author ? { id: author.id, login: author.login } : undefined,
  };
}
