// `gitops init`: propose a gitops.yaml for a config repository as it stands, and write it (with the config
// repository's starter workflows, --workflows) all at once or not at all.
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { defaultConfigFile, type GitopsConfig, parseConfig } from '@gitops/config';
import { promoteWorkflow } from '@gitops/delivery';
import { appCiWorkflow, configWorkflows, proposeConfig, renderProposal, setupChecklist } from '@gitops/init';
import { type Command, exitCodes, type Output, UsageError } from '../command';

export const initCommand: Command = {
  path: ['init'],
  summary: 'propose a gitops.yaml from the repository as it stands (--write to write it)',
  help: `Usage: gitops init [--repository DIR] [--write] [--workflows] [--force] [--argocd-server URL] [--uses OWNER/gitops] [--json]

Reads the config repository and proposes its gitops.yaml: environments from its folders (envs/*, overlays/*,
environments/*, clusters/*/apps) and from the folders its Argo CD Applications, ApplicationSets and Flux
Kustomizations apply; apps from the images written in each environment, with the files (and Helm values paths)
that hold them; controllers from those objects. Every decision is commented; guesses say so (docs/init.md).

Options:
  --repository DIR      the config repository (default: .)
  --write               write DIR/gitops.yaml
  --workflows           also write the config repository's starter workflows (config-validate, promote, rollback,
                        metrics) with its environments, and print the app repositories' app-ci.yml and a
                        checklist of what to set up; implies --write
  --force               replace gitops.yaml and workflows that exist (default: refuse, writing nothing)
  --argocd-server URL   Argo CD's address, to write the Applications found as controllers
  --uses OWNER/gitops   the actions' repository in the workflows (default: <owner>/gitops)
  --json                print the proposal as JSON: {environments, apps, notes, text, written}
  -h, --help            show this help

Exit codes: 0 proposed (or written), 1 nothing to propose (no environment, no image, conflicting layouts),
2 usage error.`,
  options: {
    repository: { type: 'string' },
    write: { type: 'boolean' },
    workflows: { type: 'boolean' },
    force: { type: 'boolean' },
    'argocd-server': { type: 'string' },
    uses: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run({ values }, output) {
    const root = path.resolve(typeof values.repository === 'string' ? values.repository : '.');
    const server = typeof values['argocd-server'] === 'string' ? values['argocd-server'] : undefined;
    if (server !== undefined && !/^https?:\/\/[^/\s]+/.test(server))
      throw new UsageError(`--argocd-server: "${server}" is not an http(s) address`);
    const uses = typeof values.uses === 'string' ? values.uses : '<owner>/gitops';
    if (!/^[\w.<>-]+\/[\w.-]+$/.test(uses)) throw new UsageError(`--uses: "${uses}" is not OWNER/REPOSITORY`);
    const workflows = values.workflows === true;
    const write = values.write === true || workflows;
    const proposal = proposeConfig({ root, argocdServer: server });
    const text = renderProposal(proposal);
    const configFile = path.join(root, defaultConfigFile);
    // The proposal must load as any gitops.yaml does; a failure here is init's own fault, and nothing is written.
    const config = parseConfig(text, { root, file: configFile });
    const files = [{ file: defaultConfigFile, text }, ...(workflows ? workflowFiles(config, uses) : [])];
    if (write) writeAll(root, files, values.force === true);
    if (values.json) {
      output.out(
        JSON.stringify({ ...proposal, text, written: write ? files.map((entry) => entry.file) : [] }, null, 2),
      );
      return exitCodes.ok;
    }
    output.out(text.trimEnd());
    for (const entry of write ? files : []) output.err(`wrote ${path.join(root, entry.file)}`);
    if (workflows) printAppSetup(output, config, uses);
    return exitCodes.ok;
  },
};

function workflowFiles(config: GitopsConfig, uses: string): { file: string; text: string }[] {
  const environments = config.environments.map((env) => env.name);
  const promote = promoteWorkflow(config, uses);
  return [
    ...configWorkflows({ environments, uses }),
    ...(promote ? [{ file: '.github/workflows/promote.yml', text: promote }] : []),
  ];
}

/** Every file or none: existing ones are refused before the first is written, each written whole (rename). */
function writeAll(root: string, files: readonly { file: string; text: string }[], force: boolean): void {
  const existing = files.filter((entry) => existsSync(path.join(root, entry.file)));
  if (existing.length > 0 && !force)
    throw new UsageError(
      `--write: ${existing.map((entry) => entry.file).join(', ')} exist${existing.length === 1 ? 's' : ''} in ${root}; --force replaces ${existing.length === 1 ? 'it' : 'them'}`,
    );
  for (const { file, text } of files) {
    const target = path.join(root, file);
    mkdirSync(path.dirname(target), { recursive: true });
    const temporary = `${target}.init-${process.pid}`;
    writeFileSync(temporary, text);
    renameSync(temporary, target);
  }
}

function printAppSetup(output: Output, config: GitopsConfig, uses: string): void {
  const [first] = config.environments;
  const [app] = config.apps;
  if (!first || !app) return;
  const image = `${app.image.registry}/${app.image.repository}`;
  output.out(`\n# app-ci.yml for the repository that builds ${app.name} (.github/workflows/app-ci.yml there):\n`);
  output.out(appCiWorkflow({ firstEnvironment: first.name, app: app.name, image, uses }).trimEnd());
  const reviewed = config.environments.filter((env) => env.via === 'pull-request').map((env) => env.name);
  output.out('\nTo set up by hand:');
  const steps = setupChecklist({ environments: config.environments.map((env) => env.name), reviewed });
  for (const [index, step] of steps.entries()) output.out(`  ${index + 1}. ${step}`);
}
