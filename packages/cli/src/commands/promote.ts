// `gitops promote` and `gitops workflows promote`: promotion from a terminal.
import { writeFileSync } from 'node:fs';
import { type GitopsConfig, loadConfig } from '@gitops/config';
import { autoPromote, type PromoteResult, promote } from '@gitops/delivery';
import { dockerCredentials } from '@gitops/registry';
import { changeFlags, changeFlagsHelp, changeOptions, splitList } from '../change-flags';
import { type Command, exitCodes, type Output, UsageError } from '../command';
import { jsonFlag, jsonFlagHelp, printJson } from '../report';

export const promoteCommand: Command = {
  path: ['promote'],
  summary: 'move the digests one environment runs into the next (one commit)',
  help: `Usage: gitops promote --to E [--from E] [--apps A,B] [--allow-older] [options]
       gitops promote --auto [options]

  --to E             the environment to promote into
  --auto             into every auto-promote environment of gitops.yaml, what its source runs healthy
  --from E           the environment to promote from (default: promote-from of --to in gitops.yaml)
  --apps A,B         the apps to promote (default: every app the source runs)
  --allow-older      replace an image built from a newer source
${jsonFlagHelp}
${changeFlagsHelp}
Registry credentials are read from ~/.docker/config.json.`,
  options: {
    ...changeFlags,
    ...jsonFlag,
    to: { type: 'string' },
    from: { type: 'string' },
    apps: { type: 'string' },
    'allow-older': { type: 'boolean' },
    auto: { type: 'boolean' },
  },
  async run({ values }, output) {
    const auto = values.auto === true;
    if (auto && (values.to !== undefined || values.from !== undefined || values.apps !== undefined))
      throw new UsageError(
        '--auto promotes into every auto-promote environment from its source; drop --to, --from and --apps',
      );
    if (!auto && typeof values.to !== 'string') throw new UsageError('--to is required (or --auto)');
    const request = {
      ...changeOptions(values),
      allowOlder: values['allow-older'] === true,
      registry: { credentials: (registry: string) => dockerCredentials(registry), insecureRegistries: [] },
    };
    const results = auto
      ? (await autoPromote(request)).promotions
      : [
          await promote({
            ...request,
            to: values.to as string,
            from: values.from as string | undefined,
            apps: typeof values.apps === 'string' ? splitList(values.apps) : undefined,
          }),
        ];
    if (values.json === true) {
      printJson(output, auto ? results : results[0]);
    } else {
      for (const result of results) printPromotion(result, values['dry-run'] === true, auto, output);
    }
    const unsettled = results.filter((result) => result.controller && !result.controller.settled);
    for (const result of unsettled)
      output.err(`gitops: ${result.to}: the change landed, but ${result.controller?.message}`);
    return unsettled.length ? exitCodes.failed : exitCodes.ok;
  },
};

function printPromotion(result: PromoteResult, dryRun: boolean, titled: boolean, output: Output): void {
  if (titled) output.out(`${result.from} -> ${result.to}`);
  if (result.diff) output.out(result.diff.trimEnd());
  for (const p of result.promoted)
    output.out(`${p.app}: ${p.previous ?? '(none)'} -> ${p.image}${p.skipped ? ` (${p.skipped})` : ''}`);
  for (const left of result.unhealthy) output.out(`${left.app}: not promoted: ${left.reason}`);
  output.out(
    result.pullRequestUrl
      ? `pull request ${result.pullRequestUrl}`
      : result.commit
        ? `pushed ${result.commit}`
        : dryRun
          ? 'dry run: nothing pushed'
          : 'nothing to change',
  );
  if (result.controller?.settled) output.out(`applied and healthy: ${result.controller.message}`);
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
    const text = promoteWorkflow(targets, registriesOf(config), uses);
    if (typeof values.write === 'string') {
      writeFileSync(values.write, text);
      output.out(`wrote ${values.write}`);
    } else {
      output.out(text.trimEnd());
    }
    return exitCodes.ok;
  },
};

/** Every registry an app's image is in, in any environment: promote reads them (and copies between them). */
function registriesOf(config: GitopsConfig): string[] {
  const images = config.apps.flatMap((app) => [app.image, ...Object.values(app.imageOverrides)]);
  return [...new Set(images.map((image) => image.registry))].sort();
}

/** One docker/login-action step per registry: ghcr.io with the job's token, others with a variable and a secret. */
function loginSteps(registries: readonly string[]): string {
  return registries
    .map((registry) => {
      const github = registry === 'ghcr.io';
      const key = registry.replace(/[^A-Za-z0-9]+/g, '_').toUpperCase();
      const username = github ? `\${{ github.actor }}` : `\${{ vars.${key}_USERNAME }}`;
      const password = github ? `\${{ secrets.GITHUB_TOKEN }}` : `\${{ secrets.${key}_PASSWORD }}`;
      return `      - uses: docker/login-action@74a5d142397b4f367a81961eba4e8cd7edddf772 # v3.4.0
        with:
          registry: ${registry}
          username: ${username}
          password: ${password}
`;
    })
    .join('');
}

function promoteWorkflow(targets: readonly string[], registries: readonly string[], uses: string): string {
  const ghcr = registries.includes('ghcr.io');
  return `# Promote the exact digests one environment runs into the next, by hand. Generated by
# \`gitops workflows promote\` from gitops.yaml: run it again when the environments change, so the choice of
# \`to\` (every environment promoted into, in promotion order) matches.
# Put it in the config repository. Each target environment is also a GitHub environment: give prod required
# reviewers and the job waits for them before anything is written.
# Set the variable CONFIG_APP_ID and the secret CONFIG_APP_PRIVATE_KEY of a GitHub App installed on this
# repository (Contents and Pull requests: read and write): pull requests opened with the job's own token start no
# workflows, so required checks would never run on them (docs/security.md).
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

# The App's token writes the commit or pull request; the job's own token only reads${ghcr ? ' (and pulls from ghcr.io)' : ''}.
permissions:
  contents: read${ghcr ? '\n  packages: read' : ''}

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
      - uses: actions/create-github-app-token@df432ceedc7162793a195dd1713ff69aefc7379e # v2.0.6
        id: config-token
        with:
          app-id: \${{ vars.CONFIG_APP_ID }}
          private-key: \${{ secrets.CONFIG_APP_PRIVATE_KEY }}
      # promote asks the registry for the digest when an environment pins only a tag, and copies images when the
      # next environment names another registry: it reads the credentials these logins leave.
${loginSteps(registries)}      - uses: ${uses}/promote@v1
        with:
          token: \${{ steps.config-token.outputs.token }}
          to: \${{ inputs.to }}
          apps: \${{ inputs.apps }}
          dry-run: \${{ inputs.dry-run }}
`;
}
