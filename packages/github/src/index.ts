// The GitHub API as the actions use it: pull requests, auto-merge, deployments, commits GitHub signs, attestations.
export { GitHubAttestations } from './attestations';
export { type GitHubClient, githubClient, type LazyGitHubClient, splitRepository } from './client';
export { GitHubComments, type StickyComment } from './comments';
export { type CommitOnBranch, createCommitOnBranch, type StaleHead } from './commit-on-branch';
export { GitHubDeployments } from './deployments';
export { GitHubError } from './errors';
export { type Authorship, commitAuthorship, createLooseCommit, type LooseCommit } from './loose-commits';
export { GitHubPullRequests, type UpsertPullRequest } from './pull-requests';
