// `gitops promote`, `gitops status` and `gitops workflows promote`: promotion from a terminal.
import { writeFileSync } from 'node:fs';
import { type GitopsConfig, loadConfig } from '@gitops/config';
import { promote } from '@gitops/delivery';
import { formatImageRef, sameImage } from '@gitops/image-ref';
import { readEnvironmentImages } from '@gitops/manifests';
import { dockerCredentials } from '@gitops/registry';
import { changeFlags, changeFlagsHelp, changeOptions, splitList } from '../change-flags';
import { type Command, exitCodes, UsageError } from '../command';
import { table } from '../format';

export const promoteCommand: Command = {
  path: ['promote'],
  summary: 'move the digests one environment runs into the next (one commit)',
  help: `Usage: gitops promote --to E [--from E] [--apps A,B] [--allow-older] [options]

  --to E             the environment to promote into
  --from E           the environment to promote from (default: promote-from of --to in gitops.yaml)
  --apps A,B         the apps to promote (default: every app the source runs)
  --allow-older      replace an image built from a newer source
${changeFlagsHelp}
Registry credentials are read from ~/.docker/config.json.`,
  options: {
    ...changeFlags,
    to: { type: 'string' },
    from: { type: 'string' },
    apps: { type: 'string' },
    'allow-older': { type: 'boolean' },
  },
  async run({ values }, output) {
    if (typeof values.to !== 'string') throw new UsageError('--to is required');
    const result = await promote({
      ...changeOptions(values),
      to: values.to,
      from: values.from as string | undefined,
      apps: typeof values.apps === 'string' ? splitList(values.apps) : undefined,
      allowOlder: values['allow-older'] === true,
      registry: { credentials: (registry) => dockerCredentials(registry), insecureRegistries: [] },
    });
    if (result.diff) output.out(result.diff.trimEnd());
    for (const p of result.promoted)
      output.out(`${p.app}: ${p.previous ?? '(none)'} -> ${p.image}${p.skipped ? ` (${p.skipped})` : ''}`);
    output.out(
      result.pullRequestUrl
        ? `pull request ${result.pullRequestUrl}`
        : result.commit
          ? `pushed ${result.commit}`
          : values['dry-run']
            ? 'dry run: nothing pushed'
            : 'nothing to change',
    );
    return exitCodes.ok;
  },
};

export const statusCommand: Command = {
  path: ['status'],
  summary: "every app's image per environment, and which environment is ahead",
  help: `Usage: gitops status [--config FILE] [--json]

One row per app: the image each environment runs, in promotion order. An environment is marked "ahead" of
the one it is promoted from when it runs something else: that is what the next promote would move.`,
  options: { config: { type: 'string' }, json: { type: 'boolean' } },
  async run({ values }, output) {
    const config = loadConfig(typeof values.config === 'string' ? { config: values.config } : {});
    const rows = statusRows(config);
    if (values.json) {
      output.out(JSON.stringify(rows, null, 2));
      return exitCodes.ok;
    }
    const names = config.environments.map((environment) => environment.name);
    output.out(
      table(
        [
          ['APP', ...names.map((name) => name.toUpperCase())],
          ...rows.map((row) => [row.app, ...names.map((name) => row.environments[name] ?? '-')]),
        ],
        '',
      ),
    );
    const pending = rows.flatMap((row) => row.pending.map((step) => `${row.app}: ${step}`));
    output.out(
      pending.length
        ? `\nWaiting to be promoted:\n${pending.map((line) => `  ${line}`).join('\n')}`
        : '\nEvery environment runs what the one before it runs.',
    );
    return exitCodes.ok;
  },
};

export function statusRows(config: GitopsConfig) {
  const images = readEnvironmentImages(config);
  const apps = [...new Set(images.map((entry) => entry.app))];
  return apps.map((app) => {
    const byEnvironment = new Map(
      images.filter((entry) => entry.app === app).map((entry) => [entry.environment, entry.image]),
    );
    const environments: Record<string, string> = {};
    const pending: string[] = [];
    for (const environment of config.environments) {
      const image = byEnvironment.get(environment.name);
      environments[environment.name] = image
        ? `${image.tag ?? ''}${image.digest ? `@${image.digest.slice(7, 19)}` : ''}` || formatImageRef(image)
        : '-';
      const source = environment.promoteFrom ? byEnvironment.get(environment.promoteFrom) : undefined;
      if (source && (!image || !sameImage(source, image) || source.tag !== image.tag)) {
        pending.push(`${environment.promoteFrom} is ahead of ${environment.name} (${formatImageRef(source)})`);
      }
    }
    return { app, environments, pending };
  });
}

export const workflowsPromote: Command = {
  path: ['workflows', 'promote'],
  summary: 'print (or --write) a workflow_dispatch promote workflow matching gitops.yaml',
  help: `Usage: gitops workflows promote [--config FILE] [--write PATH] [--uses OWNER/gitops]

Prints a workflow whose "to" input is a choice of the environments in promotion order (all but the first),
so the dropdown always matches gitops.yaml. Run it again when environments change.`,
  options: { config: { type: 'string' }, write: { type: 'string' }, uses: { type: 'string' } },
  async run({ values }, output) {
    const config = loadConfig(typeof values.config === 'string' ? { config: values.config } : {});
    const targets = config.environments
      .filter((environment) => environment.promoteFrom)
      .map((environment) => environment.name);
    if (targets.length === 0) throw new UsageError('gitops.yaml has no environment that is promoted into');
    const uses = String(values.uses ?? '<owner>/gitops');
    const text = `# Promote the exact digests one environment runs into the next, by hand. Generated by
# \`gitops workflows promote\` from gitops.yaml: run it again when the environments change, so the choice of
# \`to\` (every environment promoted into, in promotion order) matches.
# Put it in the config repository: the job's own token writes there. Each target environment is also a GitHub
# environment: give prod required reviewers and the job waits for them before anything is written.
name: promote

on:
  workflow_dispatch:
    inputs:
      to:
        description: Environment to promote into
        type: choice
        required: true
        options:
${targets.map((name) => `          - ${name}`).join('\n')}
      apps:
        description: Apps to promote (comma separated; empty for every app the source environment runs)
        type: string
        required: false
      dry-run:
        description: Show the change without pushing it
        type: boolean
        default: false

# The commit (or, for environments with via: pull-request, the pull request) is all this job writes.
permissions:
  contents: write
  pull-requests: write

# One promotion per target environment at a time: a second waits for the first instead of racing it.
concurrency:
  group: promote-\${{ inputs.to }}
  cancel-in-progress: false

jobs:
  promote:
    runs-on: ubuntu-latest
    # The GitHub environment's protection rules (required reviewers, allowed branches) guard the promotion.
    environment: \${{ inputs.to }}
    steps:
      - uses: ${uses}/promote@v1
        with:
          to: \${{ inputs.to }}
          apps: \${{ inputs.apps }}
          dry-run: \${{ inputs.dry-run }}
`;
    if (typeof values.write === 'string') {
      writeFileSync(values.write, text);
      output.out(`wrote ${values.write}`);
    } else {
      output.out(text.trimEnd());
    }
    return exitCodes.ok;
  },
};
