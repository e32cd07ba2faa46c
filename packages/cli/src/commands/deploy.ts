// `gitops deploy` and `gitops rollback`: the deploy action's engine from a terminal.
import {
  checkSource,
  type DeployResult,
  deploy,
  rolloutLines,
  type SourceCommit,
  unsettledLines,
} from '@gitops/delivery';
import { dockerCredentials } from '@gitops/registry';
import { changeFlags, changeFlagsHelp, changeOptions } from '../change-flags';
import { type Command, exitCodes, givenValue, type Output, type ParsedArgs, UsageError } from '../command';
import { jsonFlag, jsonFlagHelp, printJson } from '../report';
import { previewFlags, previewFlagsHelp, runPreviewDeploy } from './preview';

/** What deploy and rollback share: the change's flags, --json, and the environment and apps changed. */
const appChangeFlags = {
  ...changeFlags,
  ...jsonFlag,
  env: { type: 'string' },
  app: { type: 'string', multiple: true },
} as const;

export const deployCommand: Command = {
  path: ['deploy'],
  summary: "set apps' image in an environment: one commit with trailers, pushed",
  help: `Usage: gitops deploy --env E --app A [--app B] --image REF [--source REPO@SHA --source-time ISO] [--allow-older]
       gitops deploy --preview N --app A --image REF@sha256:… --source REPO@SHA [--head-branch B]

${changeFlagsHelp}
  --image REF        full reference, tag, @sha256:…, or tag@sha256:…
  --source REPO@SHA  where the image was built from (Gitops-Source)
  --source-time ISO  committer time of that commit (Gitops-Source-Time)
  --allow-older      replace an image built from a newer source
${previewFlagsHelp}
${jsonFlagHelp}`,
  options: {
    ...appChangeFlags,
    ...previewFlags,
    image: { type: 'string' },
    source: { type: 'string' },
    'source-time': { type: 'string' },
    'allow-older': { type: 'boolean' },
  },
  run: (args, output) =>
    args.values.preview === undefined
      ? runDeploy(args, output, String(args.values.image ?? ''), 1)
      : runPreviewDeploy(args, output),
};

export const rollbackCommand: Command = {
  path: ['rollback'],
  summary: 'put back the image an app ran before its last change (from the trailers)',
  help: `Usage: gitops rollback --env E --app A [--to N]

${changeFlagsHelp}
  --to N             go back N changes (default: 1, the image before the last change)
${jsonFlagHelp}`,
  options: { ...appChangeFlags, to: { type: 'string' } },
  run: (args, output) => {
    const steps = args.values.to === undefined ? 1 : Number(args.values.to);
    if (!Number.isInteger(steps) || steps < 1)
      throw new UsageError(`--to must be a whole number of changes, at least 1, not "${args.values.to}"`);
    return runDeploy(args, output, 'previous', steps);
  },
};

async function runDeploy(args: ParsedArgs, output: Output, image: string, rollbackSteps: number): Promise<number> {
  const values = args.values;
  const environment = values.env;
  const apps = (values.app as string[] | undefined) ?? [];
  if (typeof environment !== 'string' || apps.length === 0) throw new UsageError('--env and --app are required');
  if (image === '') throw new UsageError('--image is required');
  const source = sourceFlags(values.source as string | undefined, values['source-time'] as string | undefined);
  const result: DeployResult = await deploy({
    ...changeOptions(values),
    environment,
    apps,
    image,
    rollbackSteps,
    allowOlder: values['allow-older'] === true,
    source,
    registry: { credentials: (registry: string) => dockerCredentials(registry), insecureRegistries: [] },
  });
  const unsettled = unsettledLines([result], 'change');
  for (const line of unsettled) output.err(`gitops: ${line}`);
  if (values.json === true) {
    printJson(output, { environment, ...result });
    return unsettled.length > 0 ? exitCodes.failed : exitCodes.ok;
  }
  if (result.diff) output.out(result.diff.trimEnd());
  for (const app of result.apps)
    output.out(
      `${environment} ${app.app}: ${app.previous ?? '(none)'} -> ${app.image}${app.skipped ? ` (${app.skipped})` : ''}`,
    );
  const done = result.pullRequestUrl
    ? `pull request ${result.pullRequestUrl}`
    : result.commit
      ? `pushed ${result.commit}`
      : values['dry-run']
        ? 'dry run: nothing pushed'
        : 'nothing to change';
  output.out(done);
  for (const line of rolloutLines(result)) output.out(line);
  if (result.controller?.settled) output.out(`applied and healthy: ${result.controller.message}`);
  return unsettled.length > 0 ? exitCodes.failed : exitCodes.ok;
}

/** --source and --source-time, checked against their grammar: they become trailers that rollback obeys. */
function sourceFlags(id: string | undefined, time: string | undefined): SourceCommit | undefined {
  if (id === undefined) {
    if (time !== undefined) throw new UsageError('--source-time goes with --source');
    return undefined;
  }
  return givenValue(undefined, () => checkSource({ id, time }));
}
