// The GitHub API as the actions use it: pull requests, auto-merge, deployments.
export { type GitHubClient, githubClient, type LazyGitHubClient, splitRepository } from './client';
export { GitHubComments, type StickyComment } from './comments';
export { GitHubDeployments } from './deployments';
export { GitHubError } from './errors';
export { GitHubPullRequests, type UpsertPullRequest } from './pull-requests';
