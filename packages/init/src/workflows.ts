// The starter workflows `gitops init --workflows` writes into the config repository, with its environments filled
// in, and the app repository's app-ci.yml it prints with the checklist of what to set up.
import { starterWorkflows } from './starter-workflows.generated';

export interface WorkflowFile {
  /** Relative to the repository root. */
  readonly file: string;
  readonly text: string;
}

export interface WorkflowsRequest {
  /** Environment names in promotion order. */
  readonly environments: readonly string[];
  /** The action repository: `<owner>/gitops` in the starters. */
  readonly uses: string;
}

const withUses = (text: string, uses: string) => text.replaceAll('<owner>/gitops', uses);

/** config-validate, rollback (its choice of environment) and metrics; promote is made from gitops.yaml itself. */
export function configWorkflows(request: WorkflowsRequest): WorkflowFile[] {
  const options = request.environments.map((name) => `          - ${name}\n`).join('');
  const rollback = starterWorkflows.rollback.replace(/( {8}options:\n)(?: {10}- .*\n)+/, `$1${options}`);
  return [
    {
      file: '.github/workflows/config-validate.yml',
      text: withUses(starterWorkflows['config-validate'], request.uses),
    },
    { file: '.github/workflows/rollback.yml', text: withUses(rollback, request.uses) },
    { file: '.github/workflows/metrics.yml', text: withUses(starterWorkflows.metrics, request.uses) },
  ];
}

export interface AppCiRequest {
  readonly firstEnvironment: string;
  readonly app: string;
  readonly image: string;
  readonly uses: string;
}

/** app-ci.yml for the app repository: builds, publishes and deploys to the first environment. */
export function appCiWorkflow(request: AppCiRequest): string {
  const env = request.firstEnvironment;
  return withUses(starterWorkflows['app-ci'], request.uses)
    .replace(/^ {2}IMAGE: .*$/m, `  IMAGE: ${request.image}`)
    .replace(/^ {2}APP: .*$/m, `  APP: ${request.app}`)
    .replace(/^( {6}group: gitops-\$\{\{ vars\.CONFIG_REPOSITORY \}\}-)dev$/m, `$1${env}`)
    .replace(/^( {10}environment:) dev$/m, `$1 ${env}`);
}

/** What to set up by hand, in order: nothing here can be done from a repository's files. */
export function setupChecklist(request: { environments: readonly string[]; reviewed: readonly string[] }): string[] {
  return [
    'Create a GitHub App (Repository permissions: Contents, Pull requests and Deployments: read and write), install it on the config repository only',
    'In each app repository: variable CONFIG_REPOSITORY (owner/name of this config repository), variable CONFIG_APP_ID (the App id), secret CONFIG_APP_PRIVATE_KEY (its private key)',
    'In this config repository: the same CONFIG_APP_ID and CONFIG_APP_PRIVATE_KEY, for promote.yml',
    `In this config repository: a GitHub environment for each of ${request.environments.join(', ')}${request.reviewed.length ? `, with required reviewers on ${request.reviewed.join(', ')}` : ''}`,
    'Copy app-ci.yml (printed above) into each app repository as .github/workflows/app-ci.yml, with its IMAGE and APP',
  ];
}
