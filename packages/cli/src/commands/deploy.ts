// `gitops deploy` and `gitops rollback`: the deploy action's engine from a terminal.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Via } from '@gitops/config';
import {
  checkSource,
  DeliveryError,
  type DeployResult,
  defaultRetryPolicy,
  deploy,
  type SourceCommit,
} from '@gitops/delivery';
import { parseIdentity, resolveRemote } from '@gitops/git';
import { GitHubPullRequests, githubClient } from '@gitops/github';
import { terminalLogger } from '@gitops/log';
import { type Command, exitCodes, type Output, type ParsedArgs, UsageError } from '../command';

const common = `  --repository R     config repository: a local path, a git URL, or owner/name on --server (default: .)
  --branch B         branch to change (default: the repository's default branch)
  --config FILE      gitops.yaml in the repository (default: gitops.yaml)
  --via MODE         commit or pull-request (default: from gitops.yaml)
  --committer ID     "Name <email>" (default: gitops <gitops@localhost>)
  --server URL       GitHub server for owner/name repositories (default: https://github.com)
  --api-url URL      GitHub API for pull requests (default: https://api.github.com)
  --dry-run          print the diff, push nothing
  -h, --help         show this help

The token for https remotes and pull requests is read from GITOPS_TOKEN or GITHUB_TOKEN.`;

const options = {
  repository: { type: 'string' },
  branch: { type: 'string' },
  config: { type: 'string' },
  env: { type: 'string' },
  app: { type: 'string', multiple: true },
  via: { type: 'string' },
  committer: { type: 'string' },
  server: { type: 'string' },
  'api-url': { type: 'string' },
  'dry-run': { type: 'boolean' },
} as const;

export const deployCommand: Command = {
  path: ['deploy'],
  summary: "set apps' image in an environment: one commit with trailers, pushed",
  help: `Usage: gitops deploy --env E --app A [--app B] --image REF [--source REPO@SHA --source-time ISO] [--allow-older]

${common}
  --image REF        full reference, tag, @sha256:…, or tag@sha256:…
  --source REPO@SHA  where the image was built from (Gitops-Source)
  --source-time ISO  committer time of that commit (Gitops-Source-Time)
  --allow-older      replace an image built from a newer source`,
  options: {
    ...options,
    image: { type: 'string' },
    source: { type: 'string' },
    'source-time': { type: 'string' },
    'allow-older': { type: 'boolean' },
  },
  run: (args, output) => runDeploy(args, output, String(args.values.image ?? ''), 1),
};

export const rollbackCommand: Command = {
  path: ['rollback'],
  summary: 'put back the image an app ran before its last change (from the trailers)',
  help: `Usage: gitops rollback --env E --app A [--to N]

${common}
  --to N             go back N changes (default: 1, the image before the last change)`,
  options: { ...options, to: { type: 'string' } },
  run: (args, output) => {
    const steps = args.values.to === undefined ? 1 : Number(args.values.to);
    if (!Number.isInteger(steps) || steps < 1)
      throw new UsageError(`--to must be a whole number of changes, at least 1, not "${args.values.to}"`);
    return runDeploy(args, output, 'previous', steps);
  },
};

async function runDeploy(args: ParsedArgs, output: Output, image: string, rollbackSteps: number): Promise<number> {
  const values = args.values;
  const environment = values.env;
  const apps = (values.app as string[] | undefined) ?? [];
  if (typeof environment !== 'string' || apps.length === 0) throw new UsageError('--env and --app are required');
  if (image === '') throw new UsageError('--image is required');
  const via = values.via as string | undefined;
  if (via !== undefined && via !== 'commit' && via !== 'pull-request')
    throw new UsageError(`--via must be commit or pull-request, not "${via}"`);
  const committer = parseCommitter(String(values.committer ?? 'gitops <gitops@localhost>'));
  const repository = String(values.repository ?? '.');
  const token = process.env.GITOPS_TOKEN || process.env.GITHUB_TOKEN || undefined;
  const remote = resolveRemote(
    existsSync(repository) ? path.resolve(repository) : repository,
    String(values.server ?? 'https://github.com'),
    token,
  );
  const source = sourceFlags(values.source as string | undefined, values['source-time'] as string | undefined);
  const result: DeployResult = await deploy({
    remote,
    branch: values.branch as string | undefined,
    workdir: path.join(mkdtempSync(path.join(tmpdir(), 'gitops-deploy-')), 'config'),
    config: String(values.config ?? 'gitops.yaml'),
    environment,
    apps,
    image,
    rollbackSteps,
    via: via as Via | undefined,
    dryRun: values['dry-run'] === true,
    allowOlder: values['allow-older'] === true,
    committer,
    source,
    runUrl: undefined,
    retry: defaultRetryPolicy,
    pullRequests: token
      ? new GitHubPullRequests(githubClient(token, String(values['api-url'] ?? 'https://api.github.com')))
      : undefined,
    pullRequest: { labels: [], autoMerge: false },
    logger: terminalLogger(),
  });
  if (result.diff) output.out(result.diff.trimEnd());
  for (const app of result.apps)
    output.out(
      `${environment} ${app.app}: ${app.previous ?? '(none)'} -> ${app.image}${app.skipped ? ` (${app.skipped})` : ''}`,
    );
  const done = result.pullRequestUrl
    ? `pull request ${result.pullRequestUrl}`
    : result.commit
      ? `pushed ${result.commit}`
      : values['dry-run']
        ? 'dry run: nothing pushed'
        : 'nothing to change';
  output.out(done);
  return exitCodes.ok;
}

/** --source and --source-time, checked against their grammar: they become trailers that rollback obeys. */
function sourceFlags(id: string | undefined, time: string | undefined): SourceCommit | undefined {
  if (id === undefined) {
    if (time !== undefined) throw new UsageError('--source-time goes with --source');
    return undefined;
  }
  try {
    return checkSource({ id, time }, { id: '--source', time: '--source-time' });
  } catch (error) {
    if (error instanceof DeliveryError) throw new UsageError(error.message);
    throw error;
  }
}

function parseCommitter(text: string) {
  const identity = parseIdentity(text);
  if (!identity) throw new UsageError(`--committer must look like "Name <email>", not "${text}"`);
  return identity;
}
