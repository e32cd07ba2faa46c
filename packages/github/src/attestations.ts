// GitHub's attestations API of a repository: where a build stores the Sigstore bundle that attests an image
// digest, and where deploy and promote look for it (as `gh attestation verify` does).
import { HttpClient } from '@actions/http-client';
import { githubClient, type LazyGitHubClient, splitRepository } from './client';
import { describeRequest, GitHubError, githubFailure } from './errors';

export class GitHubAttestations {
  private readonly client: LazyGitHubClient;
  private readonly baseUrl: string;

  constructor(
    private readonly token: string,
    apiUrl: string,
  ) {
    this.baseUrl = apiUrl.replace(/\/+$/, '');
    this.client = githubClient(token, this.baseUrl);
  }

  /** Stores a Sigstore bundle (its JSON) in `repository`; returns the attestation's id. */
  async store(repository: string, bundle: unknown): Promise<number> {
    const { owner, repo } = splitRepository(repository);
    const response = await (await this.client()).rest.repos.createAttestation({
      owner,
      repo,
      bundle: bundle as never,
    });
    return response.data.id ?? 0;
  }

  /**
   * The bundles `repository` holds for `digest` (`sha256:<hex>`), newest first, at most 100; none: empty.
   * One GET through @actions/http-client, which the action has loaded already (and which honours the runner's
   * proxy settings): loading Octokit and its fetch stack for this one request cost a verifying deploy ~80 ms.
   */
  async list(repository: string, digest: string): Promise<unknown[]> {
    const { owner, repo } = splitRepository(repository);
    const url = `${this.baseUrl}/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}/attestations/${encodeURIComponent(digest)}?per_page=100`;
    const doing = describeRequest({ method: 'GET', url }, this.baseUrl);
    let status: number | undefined;
    let body: string;
    try {
      const response = await new HttpClient('gitops').get(url, {
        accept: 'application/vnd.github+json',
        authorization: `Bearer ${this.token}`,
        'x-github-api-version': '2022-11-28',
      });
      status = response.message.statusCode;
      body = await response.readBody();
    } catch (error) {
      throw githubFailure(error, doing);
    }
    // GitHub answers a digest nothing attests as Not Found.
    if (status === 404) return [];
    let data: { attestations?: { bundle?: unknown }[]; message?: string } | undefined;
    try {
      data = JSON.parse(body);
    } catch {
      data = undefined;
    }
    if (status === undefined || status >= 300)
      throw githubFailure(
        Object.assign(new Error(data?.message ?? `HTTP ${status}`), { status, response: { data } }),
        doing,
      );
    if (!Array.isArray(data?.attestations))
      throw new GitHubError(`${doing}: GitHub's answer lists no attestations`, status);
    return data.attestations.map((attestation) => attestation.bundle);
  }
}
