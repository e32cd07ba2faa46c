// The pull request a run belongs to, from the event payload the runner wrote.
import { existsSync, readFileSync } from 'node:fs';

export interface PullRequestEvent {
  readonly number: number;
  readonly baseSha: string;
  readonly headSha: string;
  readonly repository: string;
}

export function pullRequestOf(env: NodeJS.ProcessEnv): PullRequestEvent | undefined {
  if (env.GITHUB_EVENT_NAME !== 'pull_request' && env.GITHUB_EVENT_NAME !== 'pull_request_target') return undefined;
  const file = env.GITHUB_EVENT_PATH;
  if (!file || !existsSync(file)) return undefined;
  const event = JSON.parse(readFileSync(file, 'utf8')) as {
    pull_request?: { number?: number; base?: { sha?: string }; head?: { sha?: string } };
    repository?: { full_name?: string };
  };
  const pull = event.pull_request;
  if (!pull?.number || !pull.base?.sha) return undefined;
  return {
    number: pull.number,
    baseSha: pull.base.sha,
    headSha: pull.head?.sha ?? env.GITHUB_SHA ?? '',
    repository: event.repository?.full_name ?? env.GITHUB_REPOSITORY ?? '',
  };
}
