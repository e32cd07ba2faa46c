// The validate action's inputs, read and checked in one place before anything runs: the path to check stays in
// the workspace, the SARIF file in the workspace or RUNNER_TEMP.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import * as core from '@actions/core';
import { booleanInput, ConfigurationError, listInput, optionalInput, requiredInput } from '@gitops/action-kit';
import { pathInsideInput } from '@gitops/action-kit/paths';

export interface ValidateInputs {
  /** The repository folder to check, absolute. */
  root: string;
  environments: string[];
  kubernetesVersion: string | undefined;
  strict: boolean;
  onlyChanged: boolean;
  diff: boolean;
  comment: boolean;
  token: string | undefined;
  /** Where to write SARIF, absolute; undefined for none. */
  sarifFile: string | undefined;
}

export function getInputs(env: NodeJS.ProcessEnv, workspace: string): ValidateInputs {
  const token = optionalInput('token');
  if (token) core.setSecret(token);
  const inWorkspace = { label: 'the workspace', dir: workspace };
  const given = requiredInput('path');
  const root = pathInsideInput('path', given, [inWorkspace]);
  if (!existsSync(root)) throw new ConfigurationError(`input path: ${given} does not exist in the workspace`);
  const sarif = optionalInput('sarif');
  const temp = env.RUNNER_TEMP ? [{ label: 'RUNNER_TEMP', dir: path.resolve(env.RUNNER_TEMP) }] : [];
  return {
    root,
    environments: listInput('environments'),
    kubernetesVersion: optionalInput('kubernetes-version'),
    strict: booleanInput('strict'),
    onlyChanged: booleanInput('only-changed'),
    diff: booleanInput('diff'),
    comment: booleanInput('comment'),
    token,
    sarifFile: sarif ? pathInsideInput('sarif', sarif, [inWorkspace, ...temp]) : undefined,
  };
}
