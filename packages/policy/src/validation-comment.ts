// The pull request comment and job summary of validate: counts per environment, the top findings, and the
// rendered diff collapsed per environment. The hidden marker lets the next run find and update it.

import { codeBlock, htmlText, inlineCode, markdownText } from '@gitops/markup';
import { fileAndLine } from './annotations';
import type { Finding } from './findings';
import type { EnvironmentResult, ValidationResult } from './validate';
import type { EnvironmentDiff } from './validation-diff';

export const commentMarker = '<!-- gitops:validate -->';
/** GitHub refuses comment bodies over 65,536 characters. */
const maxCommentLength = 65_000;
const topFindings = 5;

export function environmentLine(environment: EnvironmentResult, findings: readonly Finding[]): string {
  const own = findings.filter((finding) => finding.environment === environment.name);
  const status = environment.errors > 0 ? '❌' : environment.warnings > 0 ? '⚠️' : '✅';
  const counts = `${environment.resources} resources, ${plural(environment.errors, 'error')}, ${plural(environment.warnings, 'warning')}`;
  const top = own
    .slice(0, topFindings)
    .map(
      (finding) =>
        `  - ${finding.level === 'error' ? '❌' : '⚠️'} ${inlineCode(where(finding))} ${markdownText(finding.message)}`,
    );
  const more = own.length > topFindings ? [`  - … and ${own.length - topFindings} more`] : [];
  return [
    `- ${status} **${markdownText(environment.name)}** (${inlineCode(environment.path)}): ${counts}`,
    ...top,
    ...more,
  ].join('\n');
}

/** Markdown for the job summary: one line per environment with its top findings. */
export function validationSummary(result: ValidationResult): string {
  const general = result.findings.filter((finding) => finding.environment === undefined);
  const lines = [
    `### gitops validate: ${plural(result.errors, 'error')}, ${plural(result.warnings, 'warning')}`,
    '',
    `Kubernetes ${result.kubernetesVersion} schemas${result.strict ? ', strict' : ''}.`,
    '',
    ...general.map((finding) => `- ❌ ${inlineCode(where(finding))} ${markdownText(finding.message)}`),
    ...result.environments.map((environment) => environmentLine(environment, result.findings)),
    ...(result.unchanged.length > 0
      ? [
          `- ➖ ${result.unchanged.map((name) => `**${markdownText(name)}**`).join(', ')}: not rendered, nothing they read changed`,
        ]
      : []),
    '',
  ];
  return lines.join('\n');
}

/** The sticky comment: the summary, then each environment's rendered diff in a collapsed block. */
export function validationComment(result: ValidationResult, diffs: readonly EnvironmentDiff[], commit: string): string {
  const head = [commentMarker, validationSummary(result), `#### Rendered manifests, base → ${commit.slice(0, 12)}`, ''];
  let body = head.join('\n');
  for (const diff of diffs) {
    const title = diff.diff
      ? `<b>${htmlText(diff.environment)}</b>: +${diff.added} −${diff.removed} lines`
      : `<b>${htmlText(diff.environment)}</b>: no change`;
    const note = diff.note ? `\n\n${markdownText(diff.note)}` : '';
    const block = diff.diff ? `\n\n${codeBlock(diff.diff, 'diff')}` : '';
    const section = `<details><summary>${title}</summary>${note}${block}\n</details>\n`;
    if (body.length + section.length > maxCommentLength) {
      body += `<details><summary><b>${htmlText(diff.environment)}</b>: +${diff.added} −${diff.removed} lines (too long for a comment; see the job log)</summary>\n</details>\n`;
    } else {
      body += section;
    }
  }
  return body;
}

function where(finding: Finding): string {
  return fileAndLine(finding.location);
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
