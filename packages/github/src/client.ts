// An Octokit for the GitHub server the workflow runs on (GITHUB_API_URL), or any base URL given.
import { getOctokit } from '@actions/github';

export type GitHubClient = ReturnType<typeof getOctokit>;

export function githubClient(token: string, baseUrl: string): GitHubClient {
  return getOctokit(token, { baseUrl: baseUrl.replace(/\/+$/, '') });
}

export function splitRepository(repository: string): { owner: string; repo: string } {
  const [owner = '', repo = ''] = repository.split('/');
  return { owner, repo };
}
