// The job summary: one row per app, and the diff.
import * as core from '@actions/core';
import { type DeployResult, rolloutLines } from '@gitops/delivery';
import { codeBlock, htmlText, markdownText } from '@gitops/markup';

export async function writeSummary(
  environment: string,
  result: DeployResult,
  dryRun: boolean,
  serverUrl: string | undefined,
  repository: string | undefined,
): Promise<void> {
  const link = result.pullRequestUrl
    ? `<a href="${result.pullRequestUrl}">pull request</a>`
    : result.commit
      ? serverUrl && repository
        ? `<a href="${serverUrl}/${repository}/commit/${result.commit}">${result.commit.slice(0, 7)}</a>`
        : result.commit.slice(0, 7)
      : dryRun
        ? 'dry run'
        : '';
  // Table cells are HTML: what comes from the config repository (images, reasons) is escaped; the link is ours.
  const rows = result.apps.map((app) => [
    htmlText(environment),
    htmlText(app.app),
    htmlText(app.previous ?? '(none)'),
    htmlText(app.skipped ? `${app.image} (${app.skipped})` : app.image),
    app.skipped ? '' : link,
  ]);
  core.summary.addHeading(`${dryRun ? 'Dry run: ' : ''}deploy to ${htmlText(environment)}`, 3).addTable([
    [
      { data: 'environment', header: true },
      { data: 'app', header: true },
      { data: 'from', header: true },
      { data: 'to', header: true },
      { data: 'change', header: true },
    ],
    ...rows,
  ]);
  const waves = rolloutLines(result);
  if (waves.length) core.summary.addList(waves.map(htmlText));
  if (result.controller)
    core.summary.addRaw(
      `\n\n${result.controller.settled ? 'Applied and healthy' : 'Not applied and healthy'}: ${markdownText(result.controller.message)}\n`,
    );
  if (result.diff) core.summary.addDetails('Diff', `\n\n${codeBlock(result.diff, 'diff')}\n`);
  await core.summary.write();
}
