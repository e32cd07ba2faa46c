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
  /** The pull request whose preview this deploys (or removes), or the sweep of all; undefined: an environment. */
  preview: number | 'sweep' | undefined;
}

export function getInputs(): DeployInputs {
  const token = optionalInput('token');
  if (token) core.setSecret(token);
  const apps = listInput('app');
  const preview = previewInput();
  if (apps.length === 0 && preview !== 'sweep') throw new ConfigurationError('input app is required');
  const change = changeInputs();
  const dryRun = change.dryRun === true;
  const githubDeployment = booleanInput('github-deployment');
  if (githubDeployment && !dryRun && !token) throw new ConfigurationError('input github-deployment needs a token');
  return {
    ...change,
    environment: preview === undefined ? requiredInput('environment') : '',
    apps,
    image: preview === undefined ? requiredInput('image') : (optionalInput('image') ?? ''),
    preview,
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

/** The pull request number of `preview`, when given. */
function previewInput(): number | 'sweep' | undefined {
  const text = optionalInput('preview');
  if (text === undefined) return undefined;
  if (text === 'sweep') return text;
  if (!/^[1-9][0-9]{0,8}$/.test(text))
    throw new ConfigurationError(`input preview must be a pull request number or sweep, not "${text.slice(0, 40)}"`);
  if (optionalInput('environment') !== undefined)
    throw new ConfigurationError('input preview deploys a preview, not an environment: leave environment out');
  return Number(text);
}
