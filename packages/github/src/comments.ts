// One sticky comment per pull request and purpose: found by a hidden marker in its body, updated in place
// on every run instead of adding another.
import { type LazyGitHubClient, splitRepository } from './client';

export interface StickyComment {
  readonly repository: string;
  readonly issueNumber: number;
  /** A string only this comment's body holds, e.g. an HTML comment. */
  readonly marker: string;
  readonly body: string;
}

/** Pages of 100 comments looked through for the marker; a pull request with more is rare. */
const maxPages = 10;

export class GitHubComments {
  constructor(private readonly client: LazyGitHubClient) {}

  async upsertSticky(comment: StickyComment): Promise<{ id: number; url: string; created: boolean }> {
    const { owner, repo } = splitRepository(comment.repository);
    const client = await this.client();
    for (let page = 1; page <= maxPages; page++) {
      const listed = await client.rest.issues.listComments({
        owner,
        repo,
        issue_number: comment.issueNumber,
        per_page: 100,
        page,
      });
      const existing = listed.data.find((item) => item.body?.includes(comment.marker));
      if (existing) {
        const updated = await client.rest.issues.updateComment({
          owner,
          repo,
          comment_id: existing.id,
          body: comment.body,
        });
        return { id: updated.data.id, url: updated.data.html_url, created: false };
      }
      if (listed.data.length < 100) break;
    }
    const created = await client.rest.issues.createComment({
      owner,
      repo,
      issue_number: comment.issueNumber,
      body: comment.body,
    });
    return { id: created.data.id, url: created.data.html_url, created: true };
  }
}
