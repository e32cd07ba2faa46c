// The promote action's outputs, the line per promotion, and the job summary.
import * as core from '@actions/core';
import { type PromoteResult, rolloutLines, wavesOutput } from '@gitops/delivery';
import { codeBlock, htmlText, markdownText } from '@gitops/markup';

export async function writeOutputs(results: readonly PromoteResult[], dryRun: boolean): Promise<void> {
  const lines = (pick: (one: PromoteResult) => string | undefined) => results.map((one) => pick(one) ?? '');
  core.setOutput('changed', String(results.some((one) => one.changed)));
  core.setOutput(
    'commit',
    lines((one) => one.commit)
      .filter(Boolean)
      .join('\n'),
  );
  core.setOutput(
    'pull-request-url',
    lines((one) => one.pullRequestUrl)
      .filter(Boolean)
      .join('\n'),
  );
  core.setOutput('promoted', JSON.stringify(results.flatMap(promotedEntries)));
  core.setOutput('health', lines((one) => one.controller?.states.map((state) => state.health).join(',')).join('\n'));
  // A GitHub deployment is made only for one target (not with auto): its promotion is the first and only one.
  core.setOutput('environment-url', results[0]?.controller?.url ?? '');
  core.setOutput('waves', results.map(wavesOutput).filter(Boolean).join('\n'));
  for (const one of results) {
    core.info(
      `promote ${one.from} → ${one.to}: ${one.changed ? (one.pullRequestUrl ?? one.commit ?? 'would change') : 'nothing to change'}`,
    );
    for (const line of rolloutLines(one)) core.info(line);
  }
  for (const one of results) addSummary(one, dryRun);
  await core.summary.write();
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
