// One open issue per key (an environment) under a label: opened when something is to be said, its body updated while
// it lasts, closed when it is over. Found by the label and a hidden marker in its body, never by title, so a rename
// or a second run never opens a duplicate; duplicates made by runs at the same moment are closed into the oldest.
import { type LazyGitHubClient, splitRepository } from './client';

export interface IssueState {
  /** What the issue is about; the marker holds it (letters, digits, `.`, `_`, `-`). */
  readonly key: string;
  readonly title: string;
  /** The body while there is something to say; undefined: it is over, the open issue is closed. */
  readonly body: string | undefined;
  /** The comment left when the issue is closed. */
  readonly closing: string;
}

export interface IssueSync {
  readonly opened: readonly number[];
  readonly updated: readonly number[];
  readonly closed: readonly number[];
}

/** Pages of 100 open issues looked through under the label. */
const maxPages = 10;

export class GitHubLabelledIssues {
  constructor(
    private readonly client: LazyGitHubClient,
    private readonly repository: string,
    private readonly label: string,
  ) {}

  private marker(key: string): string {
    return `<!-- ${this.label}: ${key} -->`;
  }

  async sync(states: readonly IssueState[]): Promise<IssueSync> {
    const open = await this.openIssues();
    const result = { opened: [] as number[], updated: [] as number[], closed: [] as number[] };
    for (const state of states) {
      const [kept, ...duplicates] = open
        .filter((issue) => issue.body.includes(this.marker(state.key)))
        .sort((a, b) => a.number - b.number);
      for (const duplicate of duplicates) {
        await this.close(duplicate.number, `Closed as a duplicate of #${kept?.number}.`, 'not_planned');
        result.closed.push(duplicate.number);
      }
      if (state.body === undefined) {
        if (kept) {
          await this.close(kept.number, state.closing, 'completed');
          result.closed.push(kept.number);
        }
        continue;
      }
      const body = `${state.body}\n\n${this.marker(state.key)}\n`;
      if (!kept) result.opened.push(await this.open(state.title, body));
      else if (kept.body !== body) {
        await this.update(kept.number, { body, title: state.title });
        result.updated.push(kept.number);
      }
    }
    return result;
  }

  private async openIssues(): Promise<{ number: number; body: string }[]> {
    const { owner, repo } = splitRepository(this.repository);
    const client = await this.client();
    const found: { number: number; body: string }[] = [];
    for (let page = 1; page <= maxPages; page++) {
      const listed = await client.rest.issues.listForRepo({
        owner,
        repo,
        labels: this.label,
        state: 'open',
        per_page: 100,
        page,
      });
      // The issues API lists pull requests too: those are never ours.
      for (const issue of listed.data)
        if (!issue.pull_request) found.push({ number: issue.number, body: issue.body ?? '' });
      if (listed.data.length < 100) break;
    }
    return found;
  }

  private async open(title: string, body: string): Promise<number> {
    const { owner, repo } = splitRepository(this.repository);
    const client = await this.client();
    const created = await client.rest.issues.create({ owner, repo, title, body, labels: [this.label] });
    return created.data.number;
  }

  private async update(number: number, change: { body: string; title: string }): Promise<void> {
    const { owner, repo } = splitRepository(this.repository);
    const client = await this.client();
    await client.rest.issues.update({ owner, repo, issue_number: number, ...change });
  }

  private async close(number: number, comment: string, reason: 'completed' | 'not_planned'): Promise<void> {
    const { owner, repo } = splitRepository(this.repository);
    const client = await this.client();
    await client.rest.issues.createComment({ owner, repo, issue_number: number, body: comment });
    await client.rest.issues.update({ owner, repo, issue_number: number, state: 'closed', state_reason: reason });
  }
}
