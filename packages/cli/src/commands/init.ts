// `gitops init`: propose a gitops.yaml for a config repository as it stands, and write it with --write.
import { existsSync, renameSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { defaultConfigFile, parseConfig } from '@gitops/config';
import { proposeConfig, renderProposal } from '@gitops/init';
import { type Command, exitCodes, UsageError } from '../command';

export const initCommand: Command = {
  path: ['init'],
  summary: 'propose a gitops.yaml from the repository as it stands (--write to write it)',
  help: `Usage: gitops init [--repository DIR] [--write [--force]] [--argocd-server URL] [--json]

Reads the config repository and proposes its gitops.yaml: environments from its folders (envs/*, overlays/*,
environments/*, clusters/*/apps) and from the folders its Argo CD Applications, ApplicationSets and Flux
Kustomizations apply; apps from the images written in each environment, with the files (and Helm values paths)
that hold them; controllers from those objects. Every decision is commented; guesses say so.

Options:
  --repository DIR      the config repository (default: .)
  --write               write DIR/gitops.yaml (never over an existing one without --force)
  --force               with --write: replace an existing gitops.yaml
  --argocd-server URL   Argo CD's address, to write the Applications found as controllers
  --json                print the proposal as JSON: {environments, apps, notes, text}
  -h, --help            show this help

Exit codes: 0 proposed (or written), 1 nothing to propose (no environment, no image, conflicting layouts),
2 usage error.`,
  options: {
    repository: { type: 'string' },
    write: { type: 'boolean' },
    force: { type: 'boolean' },
    'argocd-server': { type: 'string' },
    json: { type: 'boolean' },
  },
  async run({ values }, output) {
    const root = path.resolve(typeof values.repository === 'string' ? values.repository : '.');
    const server = typeof values['argocd-server'] === 'string' ? values['argocd-server'] : undefined;
    if (server !== undefined && !/^https?:\/\/[^/\s]+/.test(server))
      throw new UsageError(`--argocd-server: "${server}" is not an http(s) address`);
    if (values.force && !values.write) throw new UsageError('--force: only with --write');
    const target = path.join(root, defaultConfigFile);
    if (values.write && existsSync(target) && !values.force)
      throw new UsageError(`--write: ${target} exists; --force replaces it`);
    const proposal = proposeConfig({ root, argocdServer: server });
    const text = renderProposal(proposal);
    // The proposal must load as any gitops.yaml does; a failure here is init's own fault, never written.
    parseConfig(text, { root, file: target });
    if (values.write) {
      const temporary = `${target}.init-${process.pid}`;
      writeFileSync(temporary, text);
      renameSync(temporary, target);
    }
    if (values.json) output.out(JSON.stringify({ ...proposal, text, written: values.write === true }, null, 2));
    else {
      output.out(text.trimEnd());
      if (values.write) output.err(`wrote ${target}`);
    }
    return exitCodes.ok;
  },
};
