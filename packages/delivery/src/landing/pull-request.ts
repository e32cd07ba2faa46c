// Pull requests for protected environments: one per environment and app, updated by newer deploys.

import type { ChangeRecord } from '@gitops/audit';
import type { UpsertPullRequest } from '@gitops/github';
import { codeBlock, inlineCode, markdownLink, markdownText } from '@gitops/markup';

/** What a pull request is made of; the GitHub package's client implements the port below. */
export type PullRequestRequest = UpsertPullRequest;

export interface PullRequests {
  upsert(request: PullRequestRequest): Promise<{ url: string; number: number; created: boolean }>;
}

export function pullRequestBody(
  record: ChangeRecord,
  diff: string,
  runUrl: string | undefined,
  details?: string,
): string {
  // Everything but our own words comes from trailers and files: escaped for where it lands.
  const rows = record.apps.map(
    (app) =>
      `| ${markdownText(app.app)} | ${app.previous ? inlineCode(app.previous) : '(none)'} | ${inlineCode(app.image)} | ${markdownText(app.source ?? '')} |`,
  );
  return [
    `**${record.action}** to environment **${markdownText(record.environment)}**${runUrl ? ` by ${markdownLink('this run', runUrl)}` : ''}.`,
    '',
    '| app | from | to | source |',
    '|---|---|---|---|',
    ...rows,
    '',
    ...(details ? [details, ''] : []),
    '<details><summary>Diff</summary>',
    '',
    codeBlock(diff, 'diff'),
    '',
    '</details>',
    '',
    'Opened by gitops: a newer deploy to this environment updates this pull request.',
  ].join('\n');
}
