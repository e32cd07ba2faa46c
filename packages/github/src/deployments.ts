// GitHub deployments in the source repository, so its environments page shows what runs where.
import { type LazyGitHubClient, splitRepository } from './client';
import { GitHubError } from './errors';

/** A deployment's new status: its state, the run's log, a line of text, and where the environment is. */
export interface DeploymentStatus {
  readonly state: 'success' | 'failure' | 'in_progress' | 'queued';
  readonly logUrl: string | undefined;
  readonly description: string;
  readonly environmentUrl?: string | undefined;
}

export class GitHubDeployments {
  constructor(private readonly client: LazyGitHubClient) {}

  /** Creates a deployment of `ref` to `environment`; returns its id. */
  async create(repository: string, ref: string, environment: string, description: string): Promise<number> {
    const { owner, repo } = splitRepository(repository);
    const response = await (await this.client()).rest.repos.createDeployment({
      owner,
      repo,
      ref,
      environment,
      description,
      required_contexts: [],
      auto_merge: false,
      transient_environment: false,
    });
    const data = response.data as { id?: number; message?: string };
    if (data.id === undefined)
      throw new GitHubError(`creating a deployment in ${repository}: ${data.message ?? 'GitHub returned no id'}`, 202);
    return data.id;
  }

  async status(repository: string, id: number, status: DeploymentStatus): Promise<void> {
    const { state, logUrl, description, environmentUrl } = status;
    const { owner, repo } = splitRepository(repository);
    await (await this.client()).rest.repos.createDeploymentStatus({
      owner,
      repo,
      deployment_id: id,
      state,
      description: description.slice(0, 140),
      ...(logUrl ? { log_url: logUrl } : {}),
      ...(environmentUrl ? { environment_url: environmentUrl } : {}),
    });
  }
}
