// A GitHub deployment in the workflow's repository, for deploy and promote when asked (github-deployment): made
// before the change, in_progress while the controller is waited for, then success or failure with the
// environment's address, so the repository's environments page shows what runs where and whether it is healthy.
import { GitHubDeployments, githubClient } from '@gitops/github';
import { runUrl } from './inputs';

/** What a deploy or promote came to, as the engine reports it (its DeployResult or PromoteResult). */
export interface ChangeOutcome {
  readonly changed: boolean;
  readonly commit: string | undefined;
  /** What waiting for the controller came to; undefined when not waited for. */
  readonly controller:
    | { readonly settled: boolean; readonly message: string; readonly url: string | undefined }
    | undefined;
}

export interface DeploymentRecord {
  /** Made before the change; its id is kept for the statuses. */
  start(): Promise<void>;
  /** The change landed in `commit`; the controller is being waited for. */
  waiting(commit: string): Promise<void>;
  /** The change failed before it landed. */
  failed(message: string): Promise<void>;
  /** The change's outcome: the controller's words when it was waited for, else what landed (`deployed`). */
  finish(outcome: ChangeOutcome, verb: string): Promise<void>;
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
    waiting: async (commit) => {
      if (id === undefined) return;
      const description = `waiting for the controller to apply ${commit.slice(0, 7)}`;
      await deployments.status(repository, id, { state: 'in_progress', logUrl: runUrl(env), description });
    },
    failed: async (message) => {
      if (id !== undefined)
        await deployments.status(repository, id, { state: 'failure', logUrl: runUrl(env), description: message });
    },
    finish: async ({ changed, commit, controller }, verb) => {
      if (id === undefined) return;
      const state = controller && !controller.settled ? 'failure' : 'success';
      const description = controller
        ? controller.message
        : changed
          ? `${verb} in ${commit?.slice(0, 7)}`
          : `already ${verb}`;
      await deployments.status(repository, id, {
        state,
        logUrl: runUrl(env),
        description,
        environmentUrl: controller?.url,
      });
    },
  };
}
