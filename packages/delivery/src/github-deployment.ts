// A GitHub deployment in the source repository, when a change asks for one (github-deployment): made before the
// change, in_progress while the controller is waited for, then success or failure with the environment's address,
// so the repository's environments page shows what runs where and whether it is healthy. The engine drives it for
// deploy and promote alike (pipeline.ts), so a caller only says where.
import { GitHubDeployments, githubClient } from '@gitops/github';
import type { WaitReport } from './health';
import type { RolledBack } from './on-failure';
import { rolledBackText } from './unsettled';

/** Where to record the deployment: the repository and commit the workflow runs for. */
export interface DeploymentTarget {
  /** `owner/name`. */
  readonly repository: string;
  readonly sha: string;
}

export interface DeploymentRecord {
  start(): Promise<void>;
  /** The change landed in `commit`; the controller is being waited for. */
  waiting(commit: string): Promise<void>;
  /** The change failed before it landed. */
  failed(message: string): Promise<void>;
  /** The outcome: the controller's words when it was waited for, else what landed (`deployed in abc1234`). */
  finish(outcome: {
    readonly changed: boolean;
    readonly commit: string | undefined;
    readonly pullRequestUrl?: string | undefined;
    readonly controller: WaitReport | undefined;
    readonly rolledBack?: RolledBack | undefined;
  }): Promise<void>;
}

export interface DeploymentRequest {
  readonly target: DeploymentTarget;
  readonly token: string;
  readonly apiUrl: string;
  readonly runUrl: string | undefined;
  /** The environment the change goes to, and the words for it: `gitops deploy of web`, `deployed`. */
  readonly environment: string;
  readonly description: string;
  readonly verb: string;
}

export function deploymentRecord(request: DeploymentRequest): DeploymentRecord {
  const { repository, sha } = request.target;
  const deployments = new GitHubDeployments(githubClient(request.token, request.apiUrl));
  const logUrl = request.runUrl;
  let id: number | undefined;
  return {
    start: async () => {
      id = await deployments.create(repository, sha, request.environment, request.description);
    },
    waiting: async (commit) => {
      if (id === undefined) return;
      const description = `waiting for the controller to apply ${commit.slice(0, 7)}`;
      await deployments.status(repository, id, { state: 'in_progress', logUrl, description });
    },
    failed: async (message) => {
      if (id !== undefined)
        await deployments.status(repository, id, { state: 'failure', logUrl, description: message });
    },
    finish: async ({ changed, commit, pullRequestUrl, controller, rolledBack }) => {
      if (id === undefined) return;
      // Only a pull request was opened: nothing is deployed until it is merged, and the record says so.
      if (pullRequestUrl && !commit) {
        const description = `waiting for the pull request to be merged: ${pullRequestUrl}`;
        await deployments.status(repository, id, { state: 'queued', logUrl, description });
        return;
      }
      const state = controller && !controller.settled ? 'failure' : 'success';
      const { verb } = request;
      const description = controller
        ? `${rolledBack ? `${rolledBackText(rolledBack).slice(2)} after: ` : ''}${controller.message}`
        : changed
          ? `${verb} in ${commit?.slice(0, 7)}`
          : `already ${verb}`;
      await deployments.status(repository, id, { state, logUrl, description, environmentUrl: controller?.url });
    },
  };
}
