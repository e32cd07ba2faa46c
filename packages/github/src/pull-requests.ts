// Opens or updates the one pull request of a head branch, with labels and, when asked, auto-merge; tells whether
// a pull request is still open.
import { type LazyGitHubClient, splitRepository } from './client';
import { GitHubError, githubFailure } from './errors';

export interface UpsertPullRequest {
  readonly repository: string;
  readonly base: string;
  readonly head: string;
  readonly title: string;
  readonly body: string;
  readonly labels: readonly string[];
  readonly autoMerge: boolean;
}

export class GitHubPullRequests {
  constructor(private readonly client: LazyGitHubClient) {}

  async upsert(request: UpsertPullRequest): Promise<{ url: string; number: number; created: boolean }> {
    const { owner, repo } = splitRepository(request.repository);
    const open = await (await this.client()).rest.pulls.list({
      owner,
      repo,
      state: 'open',
      head: `${owner}:${request.head}`,
      base: request.base,
      per_page: 10,
    });
    const existing = open.data[0];
    let pull: { html_url: string; number: number; node_id: string };
    if (existing) {
      const updated = await (await this.client()).rest.pulls.update({
        owner,
        repo,
        pull_number: existing.number,
        title: request.title,
        body: request.body,
      });
      pull = updated.data;
    } else {
      const created = await (await this.client()).rest.pulls.create({
        owner,
        repo,
        base: request.base,
        head: request.head,
        title: request.title,
        body: request.body,
      });
      pull = created.data;
    }
    if (request.labels.length) {
      await (await this.client()).rest.issues.addLabels({
        owner,
        repo,
        issue_number: pull.number,
        labels: [...request.labels],
      });
    }
    if (request.autoMerge) {
      // GraphQL says no in a 200 answer, past the request hook: its errors are turned here.
      await (await this.client())
        .graphql(
          'mutation($id: ID!) { enablePullRequestAutoMerge(input: { pullRequestId: $id }) { pullRequest { number } } }',
          { id: pull.node_id },
        )
        .catch((error: unknown) => {
          throw githubFailure(error, `enabling auto-merge of pull request #${pull.number} in ${request.repository}`);
        });
    }
    return { url: pull.html_url, number: pull.number, created: !existing };
  }

  /** `open` or `closed` (merged ones are closed); `gone` when GitHub knows no such pull request (404). */
  async state(repository: string, number: number): Promise<'open' | 'closed' | 'gone'> {
    const { owner, repo } = splitRepository(repository);
    try {
      const pull = await (await this.client()).rest.pulls.get({ owner, repo, pull_number: number });
      return pull.data.state === 'open' ? 'open' : 'closed';
    } catch (error) {
      if (error instanceof GitHubError && error.status === 404) return 'gone';
      throw error;
    }
  }
}
