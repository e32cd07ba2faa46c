// The deploy action's inputs, read and checked in one place before anything is cloned.
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

export interface DeployInputs extends SpecifiedOptions {
  environment: string;
  apps: string[];
  image: string;
  repository: string;
  token: string | undefined;
  dryRun: boolean;
  allowOlder: boolean;
  labels: string[];
  githubDeployment: boolean;
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
  const change = changeInputs();
  const dryRun = change.dryRun === true;
  const githubDeployment = booleanInput('github-deployment');
  if (githubDeployment && !dryRun && !token) throw new ConfigurationError('input github-deployment needs a token');
  return {
    ...change,
    environment: requiredInput('environment'),
    apps,
    image: requiredInput('image'),
    repository: requiredInput('repository'),
    token,
    dryRun,
    allowOlder: booleanInput('allow-older'),
    labels: renamedList(
      { name: 'pull-request-labels', value: change.labels ?? [] },
      { name: 'labels', value: listInput('labels') },
      "build-image's labels are OCI labels",
    ),
    githubDeployment,
    signingKey: secretInput('signing-key'),
    wait: booleanInput('wait') ? { timeoutSeconds: integerInput('wait-timeout', 1, 21600) } : undefined,
    controllers: { argocdToken: secretInput('argocd-token'), kubeconfig: secretInput('kubeconfig') },
  };
}
