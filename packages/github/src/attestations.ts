// GitHub's attestations API of a repository: where a build stores the Sigstore bundle that attests an image
// digest, and where deploy and promote look for it (as `gh attestation verify` does).
import { type LazyGitHubClient, splitRepository } from './client';
import { GitHubError } from './errors';

export class GitHubAttestations {
  constructor(private readonly client: LazyGitHubClient) {}

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

  /** The bundles `repository` holds for `digest` (`sha256:<hex>`), newest first, at most 100; none: empty. */
  async list(repository: string, digest: string): Promise<unknown[]> {
    const { owner, repo } = splitRepository(repository);
    try {
      const response = await (await this.client()).rest.repos.listAttestations({
        owner,
        repo,
        subject_digest: digest,
        per_page: 100,
      });
      return (response.data.attestations ?? []).map((attestation) => attestation.bundle);
    } catch (error) {
      // GitHub answers a digest nothing attests as Not Found.
      if (error instanceof GitHubError && error.status === 404) return [];
      throw error;
    }
  }
}
