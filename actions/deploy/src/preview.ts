// deploy with `preview`: the pull request's preview, from the pull_request event the job runs for. A closed
// pull request removes it; one from a fork gets none (its run has no secrets), and the step succeeds saying so.
import { readFileSync } from 'node:fs';
import * as core from '@actions/core';
import { actionLogger, ConfigurationError } from '@gitops/action-kit';
import { runnerContext } from '@gitops/action-kit/deployment';
import type { EarlyClone } from '@gitops/action-kit/early-clone';
import { deletePreview, deployPreview, type PreviewResult, sweepPreviews, unsettledFailure } from '@gitops/delivery';
import type { DeployInputs } from './inputs';

/** The parts of the pull_request event a preview needs (GitHub's webhook payload). */
interface PullRequestEvent {
  readonly action?: string;
  readonly pull_request?: {
    readonly head?: {
      readonly sha?: string;
      readonly ref?: string;
      readonly repo?: { readonly full_name?: string } | null;
    };
    readonly base?: { readonly repo?: { readonly full_name?: string } };
  };
}

export async function runPreview(
  inputs: DeployInputs,
  preview: number | 'sweep',
  early: EarlyClone | undefined,
): Promise<void> {
  if (preview === 'sweep') return runSweep(inputs, early);
  const number = preview;
  if (inputs.apps.length !== 1) throw new ConfigurationError('input app names one app with preview');
  const env = process.env;
  const event = pullRequestEvent(env);
  const logger = actionLogger('gitops deploy');
  // A preview is no environment: it records no GitHub deployment.
  const common = { ...inputs, ...runnerContext(env), githubDeployment: undefined, started: early, logger };
  if (event.action === 'closed') {
    const result = await deletePreview({ ...common, number, appRepository: env.GITHUB_REPOSITORY });
    core.setOutput('changed', String(result.changed));
    core.setOutput('commit', result.commit ?? '');
    core.setOutput('preview-folder', result.folders.join('\n'));
    core.info(`preview #${number}: ${result.folders.length ? `removed ${result.folders.join(', ')}` : 'already gone'}`);
    await core.summary.addHeading(`Preview #${number} removed`, 3).write();
    return;
  }
  const head = event.pull_request?.head;
  const base = event.pull_request?.base?.repo?.full_name;
  const fork = head && base && head.repo?.full_name !== base ? (head.repo?.full_name ?? 'a deleted fork') : undefined;
  const sha = head?.sha ?? env.GITHUB_SHA ?? '';
  const repository = env.GITHUB_REPOSITORY;
  const result = await deployPreview({
    ...common,
    app: inputs.apps[0] as string,
    pullRequest: { number, branch: head?.ref ?? env.GITHUB_HEAD_REF ?? `pr-${number}`, sha, repository },
    fork,
    source: repository && sha ? { id: `${repository}@${sha}`, time: undefined } : undefined,
  });
  writePreviewOutputs(result);
  const failure = unsettledFailure([result]);
  if (failure) throw failure;
}

/** preview: sweep, in the config repository's scheduled workflow. */
async function runSweep(inputs: DeployInputs, early: EarlyClone | undefined): Promise<void> {
  const env = process.env;
  const result = await sweepPreviews({
    ...inputs,
    ...runnerContext(env),
    githubDeployment: undefined,
    started: early,
    logger: actionLogger('gitops deploy'),
  });
  for (const swept of result.removed)
    core.info(`removed preview #${swept.number} (${swept.folders.join(', ')}): ${swept.reason}`);
  for (const swept of result.kept)
    core.info(`kept preview #${swept.number} (${swept.folders.join(', ')}): ${swept.reason}`);
  core.setOutput('changed', String(result.removed.some((swept) => swept.commit !== undefined)));
  core.setOutput('commit', result.removed.flatMap((swept) => swept.commit ?? []).at(-1) ?? '');
  core.setOutput('preview-folder', result.removed.flatMap((swept) => swept.folders).join('\n'));
  await core.summary
    .addHeading('Preview sweep', 3)
    .addRaw(`${result.removed.length} removed, ${result.kept.length} kept`, true)
    .write();
}

function writePreviewOutputs(result: PreviewResult): void {
  if (result.diff) core.info(result.diff);
  core.setOutput('changed', String(result.changed));
  core.setOutput('commit', result.commit ?? '');
  core.setOutput('pull-request-url', '');
  core.setOutput('image', result.image ?? '');
  core.setOutput('previous-image', result.previous ?? '');
  core.setOutput('preview-folder', result.folder);
  core.setOutput('health', result.controller?.states.map((state) => state.health).join(',') ?? '');
  core.setOutput('environment-url', result.url ?? '');
  if (result.skipped) {
    core.notice(result.skipped);
    return;
  }
  const verb = result.opened ? 'opened' : result.changed ? 'updated' : 'already runs it';
  core.info(`preview #${result.number} ${result.app} (${result.folder}): ${result.image} ${verb}`);
  if (result.comment) core.info(`comment: ${result.comment}`);
}

/** The event the job runs for; an empty one when there is none or it cannot be read (workflow_dispatch). */
function pullRequestEvent(env: NodeJS.ProcessEnv): PullRequestEvent {
  if (!env.GITHUB_EVENT_PATH) return {};
  try {
    return JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) as PullRequestEvent;
  } catch {
    return {};
  }
}
