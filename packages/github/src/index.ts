// The GitHub API as the actions use it: pull requests, auto-merge, deployments, commits GitHub signs, attestations.
export { GitHubAttestations, type StoreResult } from './attestations';
export { githubClient, type LazyGitHubClient } from './client';
export { GitHubComments } from './comments';
export { createCommitOnBranch } from './commit-on-branch';
export { GitHubDeployments } from './deployments';
export { GitHubError } from './errors';
export { GitHubLabelledIssues } from './labelled-issues';
export { type Authorship, commitAuthorship, createLooseCommit } from './loose-commits';
export { GitHubPullRequests, type UpsertPullRequest } from './pull-requests';
