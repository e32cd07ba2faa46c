// An Octokit for the GitHub server the workflow runs on (GITHUB_API_URL), or any base URL given. Octokit is
// most of an action's bundle: it is loaded on first use, so a commit-mode deploy never pays for it.
import type { getOctokit } from '@actions/github';
import { describeRequest, githubFailure } from './errors';

export type GitHubClient = ReturnType<typeof getOctokit>;

/** A client made on first call and shared after. */
export type LazyGitHubClient = () => Promise<GitHubClient>;

export function githubClient(token: string, baseUrl: string): LazyGitHubClient {
  let client: Promise<GitHubClient> | undefined;
  return () => {
    const base = baseUrl.replace(/\/+$/, '');
    client ??= import('@actions/github').then(({ getOctokit }) => {
      const octokit = getOctokit(token, { baseUrl: base });
      // Every failure of every request becomes one GitHubError saying what was being done and why it failed.
      octokit.hook.wrap('request', async (request, options) => {
        try {
          return await request(options);
        } catch (error) {
          throw githubFailure(error, describeRequest(octokit.request.endpoint.parse(options), base));
        }
      });
      return octokit;
    });
    return client;
  };
}

export function splitRepository(repository: string): { owner: string; repo: string } {
  const [owner = '', repo = ''] = repository.split('/');
  return { owner, repo };
}
