// Where the image comes from: the workflow's repository and commit, and when that commit was made.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { SourceCommit } from '@gitops/delivery';

export function sourceCommit(env: NodeJS.ProcessEnv = process.env): SourceCommit | undefined {
  const repository = env.GITHUB_REPOSITORY;
  const sha = env.GITHUB_SHA;
  if (!repository || !sha) return undefined;
  return { id: `${repository}@${sha}`, time: commitTime(sha, env) };
}

/** The commit's committer time: from the checkout when there is one, else from the push event. */
function commitTime(sha: string, env: NodeJS.ProcessEnv): string | undefined {
  try {
    const time = execFileSync('git', ['show', '-s', '--format=%cI', sha], {
      cwd: env.GITHUB_WORKSPACE,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 10_000,
    }).trim();
    if (time) return new Date(time).toISOString();
  } catch {
    // No checkout of the source repository in this job: the event may still say.
  }
  try {
    const event = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH ?? '', 'utf8')) as {
      head_commit?: { id?: string; timestamp?: string };
    };
    if (event.head_commit?.timestamp && (!event.head_commit.id || event.head_commit.id === sha)) {
      return new Date(event.head_commit.timestamp).toISOString();
    }
  } catch {
    // No event file.
  }
  return undefined;
}
