// An Octokit for the GitHub server the workflow runs on (GITHUB_API_URL), or any base URL given. Octokit is
// most of an action's bundle: it is loaded on first use, so a commit-mode deploy never pays for it.
import type { getOctokit } from '@actions/github';

export type GitHubClient = ReturnType<typeof getOctokit>;

/** A client made on first call and shared after. */
export type LazyGitHubClient = () => Promise<GitHubClient>;

export function githubClient(token: string, baseUrl: string): LazyGitHubClient {
  let client: Promise<GitHubClient> | undefined;
  return () => {
    client ??= import('@actions/github').then(({ getOctokit }) =>
      getOctokit(token, { baseUrl: baseUrl.replace(/\/+$/, '') }),
    );
    return client;
  };
}

export function splitRepository(repository: string): { owner: string; repo: string } {
  const [owner = '', repo = ''] = repository.split('/');
  return { owner, repo };
}
