// The promote action's inputs, read and checked in one place before anything is cloned.
import * as core from '@actions/core';
import {
  booleanInput,
  choiceInput,
  integerInput,
  listInput,
  optionalInput,
  renamedList,
  requiredInput,
  secretInput,
} from '@gitops/action-kit';
import { type CommitSigning, commitSignings, type PromoteRequest } from '@gitops/delivery';

export interface PromoteInputs {
  to: string;
  from: string | undefined;
  /** Undefined: every app the source environment runs. */
  apps: string[] | undefined;
  repository: string;
  branch: string | undefined;
  token: string | undefined;
  via: PromoteRequest['via'];
  dryRun: boolean;
  config: string;
  committer: string;
  allowOlder: boolean;
  autoMerge: boolean;
  labels: string[];
  pushAttempts: number;
  pushTimeoutSeconds: number;
  gitTimeoutSeconds: number;
  commitSigning: CommitSigning | undefined;
  signingKey: string | undefined;
}

export function getInputs(): PromoteInputs {
  const token = optionalInput('token');
  if (token) core.setSecret(token);
  const apps = listInput('apps');
  return {
    to: requiredInput('to'),
    from: optionalInput('from'),
    apps: apps.length ? apps : undefined,
    repository: requiredInput('repository'),
    branch: optionalInput('branch'),
    token,
    via: choiceInput('via', ['commit', 'pull-request'] as const),
    dryRun: booleanInput('dry-run'),
    config: requiredInput('config'),
    committer: requiredInput('committer'),
    allowOlder: booleanInput('allow-older'),
    autoMerge: booleanInput('auto-merge'),
    labels: renamedList(
      { name: 'pull-request-labels', value: listInput('pull-request-labels') },
      { name: 'labels', value: listInput('labels') },
      "build-image's labels are OCI labels",
    ),
    pushAttempts: integerInput('push-attempts', 1, 1000),
    pushTimeoutSeconds: integerInput('push-timeout', 1, 3600),
    gitTimeoutSeconds: integerInput('git-timeout', 1, 3600),
    commitSigning: choiceInput('commit-signing', commitSignings),
    signingKey: secretInput('signing-key'),
  };
}
