// The promote action's inputs, read and checked in one place before anything is cloned.
import * as core from '@actions/core';
import {
  booleanInput,
  ConfigurationError,
  integerInput,
  listInput,
  optionalInput,
  renamedList,
  requiredInput,
  secretInput,
} from '@gitops/action-kit';
import { changeInputs } from '@gitops/action-kit/change-inputs';
import type { SpecifiedOptions } from '@gitops/delivery';

export interface PromoteInputs extends SpecifiedOptions {
  /** With auto, only this auto-promote environment; undefined with auto: every one gitops.yaml marks. */
  to: string | undefined;
  auto: boolean;
  githubDeployment: boolean;
  from: string | undefined;
  /** Undefined: every app the source environment runs. */
  apps: string[] | undefined;
  repository: string;
  token: string | undefined;
  dryRun: boolean;
  allowOlder: boolean;
  labels: string[];
  signingKey: string | undefined;
  /** Wait for the controller after the change lands; undefined: don't. */
  wait: { timeoutSeconds: number } | undefined;
  controllers: { argocdToken: string | undefined; kubeconfig: string | undefined };
}

export function getInputs(): PromoteInputs {
  const token = optionalInput('token');
  if (token) core.setSecret(token);
  const apps = listInput('apps');
  const auto = booleanInput('auto');
  const to = optionalInput('to');
  if (auto && (apps.length || optionalInput('from')))
    throw new ConfigurationError(
      'input auto promotes what the source environment runs healthy, from its source; leave from and apps empty',
    );
  if (!auto && !to) throw new ConfigurationError('input to is required (or auto: true)');
  const change = changeInputs();
  const dryRun = change.dryRun === true;
  const githubDeployment = booleanInput('github-deployment');
  if (githubDeployment && !dryRun && !token) throw new ConfigurationError('input github-deployment needs a token');
  if (githubDeployment && auto && !to)
    throw new ConfigurationError(
      'input github-deployment records one environment; with auto and no to there may be several',
    );
  return {
    ...change,
    to,
    auto,
    githubDeployment,
    from: optionalInput('from'),
    apps: apps.length ? apps : undefined,
    repository: requiredInput('repository'),
    token,
    dryRun,
    allowOlder: booleanInput('allow-older'),
    labels: renamedList(
      { name: 'pull-request-labels', value: change.labels ?? [] },
      { name: 'labels', value: listInput('labels') },
      "build-image's labels are OCI labels",
    ),
    signingKey: secretInput('signing-key'),
    wait: booleanInput('wait') ? { timeoutSeconds: integerInput('wait-timeout', 1, 21600) } : undefined,
    controllers: { argocdToken: secretInput('argocd-token'), kubeconfig: secretInput('kubeconfig') },
  };
}
