// Pull requests for protected environments: one per environment and app, updated by newer deploys.
import type { UpsertPullRequest } from '@gitops/github';
import type { ChangeRecord } from './trailers';

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
  const rows = record.apps.map(
    (app) =>
      `| ${app.app} | ${app.previous ? `\`${app.previous}\`` : '(none)'} | \`${app.image}\` | ${app.source ?? ''} |`,
  );
  return [
    `**${record.action}** to environment **${record.environment}**${runUrl ? ` by [this run](${runUrl})` : ''}.`,
    '',
    '| app | from | to | source |',
    '|---|---|---|---|',
    ...rows,
    '',
    ...(details ? [details, ''] : []),
    '<details><summary>Diff</summary>',
    '',
    '```diff',
    diff.trimEnd(),
    '```',
    '',
    '</details>',
    '',
    'Opened by gitops: a newer deploy to this environment updates this pull request.',
  ].join('\n');
}
