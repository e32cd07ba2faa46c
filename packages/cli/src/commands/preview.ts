// `gitops deploy --preview N`, `gitops preview delete N` and `gitops preview sweep`: a pull request's preview
// from a terminal, as the deploy action makes and removes it.
import {
  checkSource,
  deletePreview,
  deployPreview,
  type PreviewDeleteResult,
  type PreviewResult,
  type SweepResult,
  sweepPreviews,
  unsettledLines,
} from '@gitops/delivery';
import { changeFlags, changeFlagsHelp, changeOptions } from '../change-flags';
import { type Command, exitCodes, givenValue, type Output, type ParsedArgs, UsageError } from '../command';
import { jsonFlag, jsonFlagHelp, printJson } from '../report';

/** The deploy flags that make a deploy a preview's. */
export const previewFlags = {
  preview: { type: 'string' },
  'head-branch': { type: 'string' },
} as const;

export const previewFlagsHelp = `  --preview N        deploy pull request N's preview (gitops.yaml previews:), not an environment; the image is
                     pinned by digest, --source REPO@SHA names the app repository and the pull request's commit
  --head-branch B    the pull request's branch, for {branch} (default: GITHUB_HEAD_REF)`;

/** Parses a pull request number given as a flag or positional. */
export function pullRequestNumber(text: unknown, name: string): number {
  const number = Number(text);
  if (typeof text !== 'string' || !/^[1-9][0-9]{0,8}$/.test(text) || !Number.isInteger(number))
    throw new UsageError(`${name} must be a pull request number, not "${String(text ?? '')}"`);
  return number;
}

/** `gitops deploy --preview N --app A --image REF@sha256:… --source owner/app@SHA`. */
export async function runPreviewDeploy(args: ParsedArgs, output: Output): Promise<number> {
  const { values } = args;
  const number = pullRequestNumber(values.preview, '--preview');
  const apps = (values.app as string[] | undefined) ?? [];
  if (apps.length !== 1) throw new UsageError('--preview takes one --app');
  if (values.env !== undefined) throw new UsageError('--preview deploys a preview, not --env');
  if (typeof values.image !== 'string' || values.image === '') throw new UsageError('--image is required');
  if (typeof values.source !== 'string')
    throw new UsageError("--preview needs --source OWNER/REPO@SHA: the pull request's repository and commit");
  const source = givenValue(undefined, () =>
    checkSource({ id: values.source as string, time: values['source-time'] as string | undefined }),
  );
  const [repository, sha] = source.id.split('@') as [string, string];
  const result = await deployPreview({
    ...changeOptions(values),
    app: apps[0] as string,
    image: String(values.image ?? ''),
    pullRequest: {
      number,
      branch: (values['head-branch'] as string | undefined) || process.env.GITHUB_HEAD_REF || `pr-${number}`,
      sha,
      repository,
    },
    source,
  });
  const unsettled = unsettledLines([{ ...result, to: `preview #${number}` }], 'commit');
  for (const line of unsettled) output.err(`gitops: ${line}`);
  if (values.json === true) printJson(output, result);
  else printDeployed(result, output, values['dry-run'] === true);
  return unsettled.length > 0 ? exitCodes.failed : exitCodes.ok;
}

function printDeployed(result: PreviewResult, output: Output, dryRun: boolean): void {
  if (result.diff) output.out(result.diff.trimEnd());
  const verb = result.opened ? 'opened' : result.changed ? 'updated' : 'already runs it';
  output.out(`preview #${result.number} ${result.app} (${result.folder}): ${result.image} ${verb}`);
  if (result.commit) output.out(`pushed ${result.commit}`);
  else if (dryRun && result.changed) output.out('dry run: nothing pushed');
  if (result.url) output.out(`address: ${result.url}`);
  if (result.controller?.settled) output.out(`applied and healthy: ${result.controller.message}`);
  if (result.comment) output.out(`comment: ${result.comment}`);
}

export const previewDeleteCommand: Command = {
  path: ['preview', 'delete'],
  summary: "remove a pull request's preview (one commit); one already gone is fine",
  help: `Usage: gitops preview delete NUMBER [--reason "…"] [--app-repository OWNER/REPO] [options]

Removes every folder of pull request NUMBER's previews in one commit (Gitops-Action: preview-delete,
Gitops-Preview: NUMBER), and says so in the pull request's comment when --app-repository is given.

  --reason "…"              why (default: pull request closed)
  --app-repository O/R      the app repository whose pull request it is
${jsonFlagHelp}
${changeFlagsHelp}`,
  positionals: ['number'],
  options: { ...changeFlags, ...jsonFlag, reason: { type: 'string' }, 'app-repository': { type: 'string' } },
  run: async (args, output) => {
    const { values } = args;
    const result = await deletePreview({
      ...changeOptions(values),
      number: pullRequestNumber(args.positionals[0], 'NUMBER'),
      reason: (values.reason as string | undefined) || undefined,
      appRepository: (values['app-repository'] as string | undefined) || undefined,
    });
    if (values.json === true) printJson(output, result);
    else printDeleted(result, output);
    return exitCodes.ok;
  },
};

function printDeleted(result: PreviewDeleteResult, output: Output): void {
  if (result.diff) output.out(result.diff.trimEnd());
  if (result.folders.length === 0) output.out(`preview #${result.number}: already gone`);
  else output.out(`preview #${result.number}: removed ${result.folders.join(', ')}`);
  if (result.commit) output.out(`pushed ${result.commit}`);
}

export const previewSweepCommand: Command = {
  path: ['preview', 'sweep'],
  summary: 'remove previews whose pull request is closed, or older than previews.ttl',
  help: `Usage: gitops preview sweep [options]

Reads every preview's record on the config branch, asks GitHub (with the token) whether its pull request is still
open, and removes those closed or older than previews.ttl: one commit per pull request.

${jsonFlagHelp}
${changeFlagsHelp}`,
  options: { ...changeFlags, ...jsonFlag },
  run: async (args, output) => {
    const result = await sweepPreviews(changeOptions(args.values));
    if (args.values.json === true) printJson(output, result);
    else printSwept(result, output);
    return exitCodes.ok;
  },
};

function printSwept(result: SweepResult, output: Output): void {
  for (const preview of result.removed)
    output.out(
      `removed #${preview.number} (${preview.folders.join(', ')}): ${preview.reason}${preview.commit ? `, ${preview.commit}` : ''}`,
    );
  for (const preview of result.kept)
    output.out(`kept #${preview.number} (${preview.folders.join(', ')}): ${preview.reason}`);
  if (result.removed.length + result.kept.length === 0) output.out('no previews');
}
