// The promote action: read inputs, promote (or, with auto, promote into every auto-promote environment), write
// outputs and the summary.
import * as core from '@actions/core';
import { actionLogger, runUrl } from '@gitops/action-kit';
import { githubDeployment } from '@gitops/action-kit/deployment';
import type { EarlyClone } from '@gitops/action-kit/early-clone';
import { autoPromote, DeliveryError, type PromoteResult, promote } from '@gitops/delivery';
import { codeBlock, htmlText, markdownText } from '@gitops/markup';
import { dockerCredentials } from '@gitops/registry';
import { getInputs } from './inputs';

/** `early`: the clone of the config repository started before the action loaded (used if it is the right one). */
export async function run(early: EarlyClone | undefined): Promise<void> {
  const inputs = getInputs();
  const env = process.env;
  const deployment =
    inputs.githubDeployment && !inputs.dryRun && inputs.to
      ? githubDeployment(
          { token: inputs.token, environment: inputs.to, description: `gitops promote into ${inputs.to}` },
          env,
        )
      : undefined;
  await deployment?.start();
  const request = {
    ...inputs,
    serverUrl: env.GITHUB_SERVER_URL,
    apiUrl: env.GITHUB_API_URL,
    tempDir: env.RUNNER_TEMP,
    started: early,
    runUrl: runUrl(env),
    registry: { credentials: (registry: string) => dockerCredentials(registry), insecureRegistries: [] },
    logger: actionLogger('gitops promote'),
    onWaiting: async (commit: string) => deployment?.waiting(commit),
  };
  let results: readonly PromoteResult[];
  try {
    results = inputs.auto
      ? (await autoPromote(request)).promotions
      : [await promote({ ...request, to: inputs.to as string })];
  } catch (error) {
    await deployment?.failed((error as Error).message);
    throw error;
  }
  // A GitHub deployment is made only for one target (not with auto): its promotion is the first and only one.
  const waited = results[0]?.controller;
  if (results[0]) await deployment?.finish(results[0], 'promoted');
  core.setOutput('changed', String(results.some((one) => one.changed)));
  core.setOutput(
    'commit',
    results
      .map((one) => one.commit ?? '')
      .filter(Boolean)
      .join('\n'),
  );
  core.setOutput(
    'pull-request-url',
    results
      .map((one) => one.pullRequestUrl ?? '')
      .filter(Boolean)
      .join('\n'),
  );
  core.setOutput('promoted', JSON.stringify(results.flatMap(promotedEntries)));
  core.setOutput(
    'health',
    results.map((one) => one.controller?.states.map((state) => state.health).join(',') ?? '').join('\n'),
  );
  core.setOutput('environment-url', waited?.url ?? '');
  for (const one of results)
    core.info(
      `promote ${one.from} → ${one.to}: ${one.changed ? (one.pullRequestUrl ?? one.commit ?? 'would change') : 'nothing to change'}`,
    );
  for (const one of results) addSummary(one, inputs.dryRun);
  await core.summary.write();
  const unsettled = results.filter((one) => one.controller && !one.controller.settled);
  if (unsettled.length)
    throw new DeliveryError(
      unsettled
        .map((one) => `${one.to}: ${one.commit?.slice(0, 7) ?? 'the change'} landed, but ${one.controller?.message}`)
        .join('; '),
    );
}

function promotedEntries(result: PromoteResult) {
  return [
    ...result.promoted.map((p) => ({
      app: p.app,
      from: result.from,
      to: result.to,
      image: p.image,
      previous: p.previous ?? null,
      source: p.from,
      resolved: p.resolved,
      copied: p.copied,
      ...(p.skipped ? { skipped: p.skipped } : {}),
    })),
    ...result.unhealthy.map((left) => ({ app: left.app, from: result.from, to: result.to, skipped: left.reason })),
  ];
}

function addSummary(result: PromoteResult, dryRun: boolean): void {
  const summary = core.summary
    .addHeading(`${dryRun ? 'Dry run: ' : ''}promote ${htmlText(result.from)} → ${htmlText(result.to)}`, 3)
    .addTable([
      [
        { data: 'app', header: true },
        { data: `${htmlText(result.from)} runs`, header: true },
        { data: `${htmlText(result.to)} ran`, header: true },
        { data: `${htmlText(result.to)} runs now`, header: true },
        { data: 'note', header: true },
      ],
      // Table cells are HTML: images and reasons come from the config repository and the controllers.
      ...result.promoted.map((p) =>
        [
          p.app,
          p.from,
          p.previous ?? '(none)',
          p.image,
          [
            p.skipped,
            p.resolved ? 'digest resolved in the registry' : '',
            p.copied ? 'copied to the target registry' : '',
          ]
            .filter(Boolean)
            .join('; '),
        ].map(htmlText),
      ),
      ...result.unhealthy.map((left) => [htmlText(left.app), '', '', '', htmlText(`not promoted: ${left.reason}`)]),
    ]);
  if (result.controller)
    summary.addRaw(
      `\n\n${result.controller.settled ? 'Applied and healthy' : 'Not applied and healthy'}: ${markdownText(result.controller.message)}\n`,
    );
  if (result.diff) summary.addDetails('Diff', `\n\n${codeBlock(result.diff, 'diff')}\n`);
}
