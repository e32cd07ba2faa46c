// How drift is told: lines for a terminal, and one issue per environment (Markdown, every value from Git or a
// server escaped) that says what drifts, since when, and what to do.
import { markdownText, printable } from '@gitops/markup';
import type { DriftKind, DriftReport, EnvironmentDrift } from './drift';

const headings: Readonly<Record<DriftKind, string>> = {
  behind: 'Controller behind the branch',
  'out-of-sync': 'OutOfSync',
  degraded: 'Degraded',
  'hand-edit': 'Hand edits (commits without gitops trailers)',
  'tag-moved': 'Tags that moved',
};

/** One line per finding and problem; `no drift` where there is none. */
export function driftText(report: DriftReport): string {
  const lines = report.environments.flatMap((environment) => [
    ...environment.findings.map(
      (f) => `${environment.environment}: ${f.kind}: ${printable(f.subject)}: ${printable(f.message)}`,
    ),
    ...environment.problems.map((problem) => `${environment.environment}: not checked: ${printable(problem)}`),
  ]);
  const drifting = report.environments.filter((environment) => environment.findings.length > 0).length;
  const head = `checked ${report.environments.length} environments at ${report.tip.sha.slice(0, 7)}: ${drifting ? `${drifting} drift` : 'no drift'}`;
  return [head, ...lines].join('\n');
}

/** The issue of an environment: its title, and its body while it drifts. */
export function driftIssue(report: DriftReport, environment: EnvironmentDrift) {
  const name = environment.environment;
  const sections = (Object.keys(headings) as DriftKind[]).flatMap((kind) => {
    const found = environment.findings.filter((finding) => finding.kind === kind);
    if (found.length === 0) return [];
    const items = found.slice(0, 50).map((f) => `- ${markdownText(f.subject)}: ${markdownText(f.message)}`);
    if (found.length > 50) items.push(`- … and ${found.length - 50} more`);
    return [`### ${headings[kind]}`, '', ...items, ''];
  });
  const problems = environment.problems.map((problem) => `- ${markdownText(problem)}`);
  const body = environment.findings.length
    ? [
        `What runs in **${markdownText(name)}** is not what the config repository says, as of ${report.tip.sha.slice(0, 7)} (checked ${report.checkedAt}; hand edits since ${report.since}).`,
        '',
        ...sections,
        ...(problems.length ? ['### Not checked', '', ...problems, ''] : []),
        'This issue is updated by `gitops drift` while the drift lasts and closed when it is gone.',
      ].join('\n')
    : undefined;
  return {
    key: name,
    title: `Drift in ${name}`,
    body,
    closing: `No drift in ${name} any more (checked ${report.checkedAt} at ${report.tip.sha.slice(0, 7)}).`,
  };
}
