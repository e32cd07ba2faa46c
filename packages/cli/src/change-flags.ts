// The flags every command that changes the config repository shares (deploy, rollback, promote): the same
// options as the actions' inputs, read into the engine's plain ChangeOptions. The engine owns the defaults.
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';
import {
  type ChangeOptions,
  type CommitSigning,
  type ControllerAccess,
  type ControllerOptions,
  commitSignings,
} from '@gitops/delivery';
import { terminalLogger } from '@gitops/log';
import { UsageError } from './command';

export const changeFlags = {
  repository: { type: 'string' },
  branch: { type: 'string' },
  config: { type: 'string' },
  via: { type: 'string' },
  committer: { type: 'string' },
  server: { type: 'string' },
  'api-url': { type: 'string' },
  'pull-request-labels': { type: 'string' },
  'auto-merge': { type: 'boolean' },
  'push-attempts': { type: 'string' },
  'push-timeout': { type: 'string' },
  'git-timeout': { type: 'string' },
  'commit-signing': { type: 'string' },
  'dry-run': { type: 'boolean' },
  wait: { type: 'boolean' },
  'wait-timeout': { type: 'string' },
} as const;

export const changeFlagsHelp = `  --repository R     config repository: a local path, a git URL, or owner/name on --server (default: .)
  --branch B         branch to change (default: the repository's default branch)
  --config FILE      gitops.yaml in the repository (default: gitops.yaml)
  --via MODE         commit or pull-request (default: from gitops.yaml)
  --committer ID     "Name <email>" (default: gitops <gitops@localhost>)
  --server URL       GitHub server for owner/name repositories (default: https://github.com)
  --api-url URL      GitHub API for pull requests (default: https://api.github.com)
  --pull-request-labels A,B  labels of the pull request (--labels, deprecated, still works)
  --auto-merge       enable auto-merge on the pull request
  --push-attempts N  pushes to try when others push first; waiting on another pipeline is not one (default: 30)
  --push-timeout S   seconds to keep trying to land the change, waiting included (default: 300)
  --git-timeout S    seconds to keep trying a git host that is down or silent, per exchange (default: 60)
  --commit-signing S none, github (GitHub makes and signs the commits) or ssh (key from GITOPS_SIGNING_KEY)
  --dry-run          print the diff, push nothing
  --wait             after the change lands, wait until the controller reports it applied, in sync and healthy
  --wait-timeout S   seconds to wait for the controller (default: 600)
  -h, --help         show this help

The token for https remotes and pull requests is read from GITOPS_TOKEN or GITHUB_TOKEN. Controllers are read
with ARGOCD_AUTH_TOKEN (Argo CD) and the kubeconfig in KUBECONFIG or ~/.kube/config (Flux).`;

type Values = Record<string, string | boolean | string[] | undefined>;

export function changeOptions(values: Values): ChangeOptions & ControllerOptions {
  const via = values.via as string | undefined;
  if (via !== undefined && via !== 'commit' && via !== 'pull-request')
    throw new UsageError(`--via must be commit or pull-request, not "${via}"`);
  const signing = values['commit-signing'] as string | undefined;
  if (signing !== undefined && !commitSignings.includes(signing as CommitSigning))
    throw new UsageError(`--commit-signing must be one of ${commitSignings.join(', ')}, not "${signing}"`);
  const repository = String(values.repository ?? '.');
  return {
    repository: existsSync(repository) ? path.resolve(repository) : repository,
    token: process.env.GITOPS_TOKEN || process.env.GITHUB_TOKEN || undefined,
    serverUrl: values.server as string | undefined,
    apiUrl: values['api-url'] as string | undefined,
    branch: values.branch as string | undefined,
    config: values.config as string | undefined,
    via,
    committer: values.committer as string | undefined,
    dryRun: values['dry-run'] === true,
    labels: typeof values['pull-request-labels'] === 'string' ? splitList(values['pull-request-labels']) : undefined,
    autoMerge: values['auto-merge'] === true,
    pushAttempts: wholeNumber(values, 'push-attempts', 1, 1000),
    pushTimeoutSeconds: wholeNumber(values, 'push-timeout', 1, 3600),
    gitTimeoutSeconds: wholeNumber(values, 'git-timeout', 1, 3600),
    commitSigning: signing as CommitSigning | undefined,
    // Only for ssh signing: a key in the environment for another tool is not ours to refuse.
    signingKey: signing === 'ssh' ? process.env.GITOPS_SIGNING_KEY || undefined : undefined,
    wait: values.wait === true ? { timeoutSeconds: wholeNumber(values, 'wait-timeout', 1, 21600) ?? 600 } : undefined,
    controllers: controllerAccess(),
    logger: terminalLogger(),
  };
}

/**
 * The credentials controllers are read with, where their own tools keep them: ARGOCD_AUTH_TOKEN (the argocd
 * CLI's) and the kubeconfig kubectl would use (the first file KUBECONFIG names, else ~/.kube/config).
 */
export function controllerAccess(): ControllerAccess {
  const named = (process.env.KUBECONFIG ?? '').split(path.delimiter).find(Boolean);
  const file = named ?? path.join(homedir(), '.kube', 'config');
  return {
    argocdToken: process.env.ARGOCD_AUTH_TOKEN || undefined,
    kubeconfig: existsSync(file) ? readFileSync(file, 'utf8') : undefined,
  };
}

export function splitList(text: string): string[] {
  return text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

function wholeNumber(values: Values, flag: string, min: number, max: number): number | undefined {
  const text = values[flag];
  if (text === undefined) return undefined;
  const value = Number(text);
  if (typeof text !== 'string' || !/^\d+$/.test(text) || value < min || value > max)
    throw new UsageError(`--${flag} must be a whole number from ${min} to ${max}, not "${text}"`);
  return value;
}
