// The flags every command that changes the config repository shares (deploy, rollback, promote): the same
// options as the actions' inputs, read into the engine's plain ChangeOptions. The engine owns the defaults.
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';
import {
  type ChangeOptions,
  type ControllerAccess,
  type ControllerOptions,
  changeOptionSpecs,
  readOptionText,
  type SpecifiedOptions,
} from '@gitops/delivery';
import { terminalLogger } from '@gitops/log';
import { UsageError } from './command';

/** The flags the CLI has beside the spec's: where the repository is, and waiting for the controller. */
const ownFlags = {
  repository: { type: 'string' },
  server: { type: 'string' },
  'api-url': { type: 'string' },
  wait: { type: 'boolean' },
  'wait-timeout': { type: 'string' },
} as const;

/** Every change flag: the spec's (the same options as the actions' inputs) and the CLI's own. */
export const changeFlags = {
  ...Object.fromEntries(
    changeOptionSpecs.map((spec) => [spec.name, { type: spec.kind === 'boolean' ? 'boolean' : 'string' } as const]),
  ),
  ...ownFlags,
} as Record<string, { readonly type: 'string' | 'boolean' }>;

/** A help line: the flag and its placeholder in a column, then what it does. */
const helpLine = (flag: string, text: string) => `  ${flag.padEnd(18)} ${text}`;

export const changeFlagsHelp = [
  helpLine('--repository R', 'config repository: a local path, a git URL, or owner/name on --server (default: .)'),
  ...changeOptionSpecs.map((spec) =>
    helpLine(`--${spec.name}${spec.placeholder ? ` ${spec.placeholder}` : ''}`, spec.help),
  ),
  helpLine('--server URL', 'GitHub server for owner/name repositories (default: https://github.com)'),
  helpLine('--api-url URL', 'GitHub API for pull requests (default: https://api.github.com)'),
  helpLine('--wait', 'after the change lands, wait until the controller reports it applied, in sync and healthy'),
  helpLine('--wait-timeout S', 'seconds to wait for the controller (default: 600)'),
  helpLine('-h, --help', 'show this help'),
  '',
  `The token for https remotes and pull requests is read from GITOPS_TOKEN or GITHUB_TOKEN. Controllers are read
with ARGOCD_AUTH_TOKEN (Argo CD) and the kubeconfig in KUBECONFIG or ~/.kube/config (Flux).`,
].join('\n');

type Values = Record<string, string | boolean | string[] | undefined>;

export function changeOptions(values: Values): ChangeOptions & ControllerOptions {
  const specified = specifiedOptions(values);
  const repository = String(values.repository ?? '.');
  const signing = specified.commitSigning;
  return {
    ...specified,
    repository: existsSync(repository) ? path.resolve(repository) : repository,
    token: process.env.GITOPS_TOKEN || process.env.GITHUB_TOKEN || undefined,
    serverUrl: values.server as string | undefined,
    apiUrl: values['api-url'] as string | undefined,
    dryRun: specified.dryRun === true,
    autoMerge: specified.autoMerge === true,
    // Only for ssh signing: a key in the environment for another tool is not ours to refuse.
    signingKey: signing === 'ssh' ? process.env.GITOPS_SIGNING_KEY || undefined : undefined,
    wait: values.wait === true ? { timeoutSeconds: waitTimeout(values['wait-timeout']) } : undefined,
    controllers: controllerAccess(),
    logger: terminalLogger(),
  };
}

/** The spec's options as given; one not given is left to the engine's default. */
function specifiedOptions(values: Values): SpecifiedOptions {
  const read: Record<string, unknown> = {};
  for (const spec of changeOptionSpecs) {
    const given = values[spec.name];
    if (given === undefined || typeof given === 'boolean') {
      read[spec.key] = given;
      continue;
    }
    const value = readOptionText(spec, String(given));
    if ('problem' in value) throw new UsageError(`--${spec.name} ${value.problem}`);
    read[spec.key] = value.value;
  }
  return read as SpecifiedOptions;
}

function waitTimeout(text: Values[string]): number {
  if (text === undefined) return 600;
  const value = Number(text);
  if (typeof text !== 'string' || !/^\d+$/.test(text) || value < 1 || value > 21600)
    throw new UsageError(`--wait-timeout must be a whole number from 1 to 21600, not "${text}"`);
  return value;
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
