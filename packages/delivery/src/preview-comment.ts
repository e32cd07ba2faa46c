// The one comment a pull request's preview keeps on it: the address, the image and the health, updated on each
// push and when the preview goes. Found again by a hidden marker. Values from the controller are escaped; a
// comment that cannot be written is a warning, never a failed preview.

import { GitHubComments } from '@gitops/github';
import { parseImageRef, shortDigest } from '@gitops/image-ref';
import { markdownLink, markdownText } from '@gitops/markup';
import type { Change } from './change';
import type { WaitReport } from './health';

const marker = '<!-- gitops-preview -->';

/** Writes (or updates) the comment; its address, or undefined when there is no token or GitHub said no. */
export async function previewComment(
  change: Change,
  comment: { readonly repository: string; readonly number: number; readonly body: string },
): Promise<string | undefined> {
  if (!change.github) {
    change.logger.info(`Not commenting on pull request #${comment.number}: no token`);
    return undefined;
  }
  try {
    const written = await new GitHubComments(change.github).upsertSticky({
      repository: comment.repository,
      issueNumber: comment.number,
      marker,
      body: `${marker}\n${comment.body}\n`,
    });
    return written.url;
  } catch (error) {
    change.logger.warning(
      `could not comment on pull request #${comment.number} of ${comment.repository}: ${error instanceof Error ? error.message : String(error)}`,
    );
    return undefined;
  }
}

/** The comment after a deploy: where the preview is, what it runs, and how the controller says it is. */
export function deployedBody(input: {
  readonly app: string;
  readonly image: string;
  readonly url: string | undefined;
  readonly report: WaitReport | undefined;
  readonly commit: string;
  readonly change: Change;
}): string {
  const { report } = input;
  const digest = parseImageRef(input.image).digest;
  const health = report
    ? report.states.map((state) => `${state.health}${state.synced ? ', Synced' : ', OutOfSync'}`).join('; ') ||
      'no controller object'
    : 'not waited for';
  const settled = report && !report.settled ? ` (${markdownText(report.message)})` : '';
  const address = input.url ? markdownLink(input.url, input.url) : 'none declared (previews.url)';
  const run = input.change.runUrl ? ` by ${markdownLink('this run', input.change.runUrl)}` : '';
  return [
    '### Preview',
    '',
    '| App | Address | Image | Health |',
    '| --- | --- | --- | --- |',
    `| ${markdownText(input.app)} | ${address} | \`${digest ? shortDigest(digest) : markdownText(input.image)}\` | ${markdownText(health)}${settled} |`,
    '',
    `Config commit ${input.commit.slice(0, 7)}${run}; the full image is ${markdownText(input.image)}.`,
  ].join('\n');
}
