// The deploy action's inputs, read and checked in one place before anything is cloned.
import * as core from '@actions/core';
import {
  booleanInput,
  ConfigurationError,
  choiceInput,
  integerInput,
  listInput,
  optionalInput,
  renamedList,
  requiredInput,
  secretInput,
} from '@gitops/action-kit';
import type { Via } from '@gitops/config';
import { type CommitSigning, commitSignings } from '@gitops/delivery';

export interface DeployInputs {
  environment: string;
  apps: string[];
  image: string;
  repository: string;
  branch: string | undefined;
  token: string | undefined;
  via: Via | undefined;
  dryRun: boolean;
  config: string;
  committer: string;
  allowOlder: boolean;
  autoMerge: boolean;
  labels: string[];
  githubDeployment: boolean;
  pushAttempts: number;
  pushTimeoutSeconds: number;
  gitTimeoutSeconds: number;
  commitSigning: CommitSigning | undefined;
  signingKey: string | undefined;
  /** Wait for the controller after the change lands; undefined: don't. */
  wait: { timeoutSeconds: number } | undefined;
  controllers: { argocdToken: string | undefined; kubeconfig: string | undefined };
}

export function getInputs(): DeployInputs {
  const token = optionalInput('token');
  if (token) core.setSecret(token);
  const apps = listInput('app');
  if (apps.length === 0) throw new ConfigurationError('input app is required');
  const githubDeployment = booleanInput('github-deployment');
  const dryRun = booleanInput('dry-run');
  if (githubDeployment && !dryRun && !token) throw new ConfigurationError('input github-deployment needs a token');
  return {
    environment: requiredInput('environment'),
    apps,
    image: requiredInput('image'),
    repository: requiredInput('repository'),
    branch: optionalInput('branch'),
    token,
    via: choiceInput('via', ['commit', 'pull-request'] as const),
    dryRun,
    config: requiredInput('config'),
    committer: requiredInput('committer'),
    allowOlder: booleanInput('allow-older'),
    autoMerge: booleanInput('auto-merge'),
    labels: renamedList(
      { name: 'pull-request-labels', value: listInput('pull-request-labels') },
      { name: 'labels', value: listInput('labels') },
      "build-image's labels are OCI labels",
    ),
    githubDeployment,
    pushAttempts: integerInput('push-attempts', 1, 1000),
    pushTimeoutSeconds: integerInput('push-timeout', 1, 3600),
    gitTimeoutSeconds: integerInput('git-timeout', 1, 3600),
    commitSigning: choiceInput('commit-signing', commitSignings),
    signingKey: secretInput('signing-key'),
    wait: booleanInput('wait') ? { timeoutSeconds: integerInput('wait-timeout', 1, 21600) } : undefined,
    controllers: { argocdToken: secretInput('argocd-token'), kubeconfig: secretInput('kubeconfig') },
  };
}
