// A GitHub deployment in the workflow's repository, for deploy and promote when asked (github-deployment): made
// before the change, in_progress while the controller is waited for, then success or failure with the
// environment's address, so the repository's environments page shows what runs where and whether it is healthy.
import { GitHubDeployments, githubClient } from '@gitops/github';
import { runUrl } from './inputs';

export interface DeploymentRecord {
  /** Made before the change; its id is kept for the statuses. */
  start(): Promise<void>;
  /** The change landed; the controller is being waited for. */
  waiting(description: string): Promise<void>;
  finish(state: 'success' | 'failure', description: string, environmentUrl?: string | undefined): Promise<void>;
}

export function githubDeployment(
  options: { readonly token: string | undefined; readonly environment: string; readonly description: string },
  env: NodeJS.ProcessEnv,
): DeploymentRecord | undefined {
  const repository = env.GITHUB_REPOSITORY;
  const sha = env.GITHUB_SHA;
  if (!options.token || !repository || !sha) return undefined;
  const deployments = new GitHubDeployments(
    githubClient(options.token, env.GITHUB_API_URL ?? 'https://api.github.com'),
  );
  let id: number | undefined;
  return {
    start: async () => {
      id = await deployments.create(repository, sha, options.environment, options.description);
    },
    waiting: async (description) => {
      if (id !== undefined) await deployments.status(repository, id, 'in_progress', runUrl(env), description);
    },
    finish: async (state, description, environmentUrl) => {
      if (id !== undefined) await deployments.status(repository, id, state, runUrl(env), description, environmentUrl);
    },
  };
}
