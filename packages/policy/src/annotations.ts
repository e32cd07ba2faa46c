// Findings as GitHub annotations, within what GitHub shows: at most 10 error and 10 warning annotations per step
// (more are dropped without a word). A finding in a file several environments share (a base) is found once per
// environment; it becomes one annotation naming them all, so ten annotations show ten places, not one place ten
// times. What does not fit is listed in the summary, which says how many were left out.
import type { SourceLocation } from '@gitops/log';
import { inlineCode, markdownText } from '@gitops/markup';
import type { Finding, Level } from './findings';

/** GitHub's limit per step and level (error, warning). */
export const annotationsPerLevel = 10;

export interface Annotation {
  readonly level: Level;
  readonly rule: string;
  readonly message: string;
  readonly location: SourceLocation;
  /** Every environment the finding was found in; empty for gitops.yaml's own problems. */
  readonly environments: readonly string[];
  readonly title: string;
}

export interface Annotations {
  /** What to annotate: at most `annotationsPerLevel` of each level, in the findings' order. */
  readonly shown: readonly Annotation[];
  /** Every finding, one per place: for the summary when some were not shown. */
  readonly all: readonly Annotation[];
  readonly notShown: { readonly errors: number; readonly warnings: number };
}

/**
 * The findings as annotations, once per place and message, within GitHub's limits. `reserved` error annotations
 * are left for the step's own (the failure that closes a run with errors counts against the same 10).
 */
export function annotationsOf(findings: readonly Finding[], reserved = 0): Annotations {
  const limits = { error: annotationsPerLevel - reserved, warning: annotationsPerLevel };
  const byPlace = new Map<string, { finding: Finding; environments: string[] }>();
  for (const finding of findings) {
    const { file, line, column } = finding.location;
    const key = JSON.stringify([finding.level, finding.rule, finding.message, file, line, column]);
    const entry = byPlace.get(key);
    if (!entry) byPlace.set(key, { finding, environments: finding.environment ? [finding.environment] : [] });
    else if (finding.environment && !entry.environments.includes(finding.environment))
      entry.environments.push(finding.environment);
  }
  const all = [...byPlace.values()].map(({ finding, environments }) => ({
    level: finding.level,
    rule: finding.rule,
    message: finding.message,
    location: finding.location,
    environments,
    title: `gitops validate: ${finding.rule}${environments.length ? ` (${environments.join(', ')})` : ''}`,
  }));
  const counts = { error: 0, warning: 0 };
  const shown = all.filter((annotation) => ++counts[annotation.level] <= limits[annotation.level]);
  return {
    shown,
    all,
    notShown: {
      errors: Math.max(0, counts.error - limits.error),
      warnings: Math.max(0, counts.warning - limits.warning),
    },
  };
}

/**
 * Markdown for the summary when annotations were left out: how many, and every finding, one line per place with
 * the environments it affects. Empty when every finding was annotated.
 */
export function notAnnotatedSection(annotations: Annotations): string {
  const { errors, warnings } = annotations.notShown;
  if (errors === 0 && warnings === 0) return '';
  const left = [
    errors ? `${errors} error${errors === 1 ? '' : 's'}` : '',
    warnings ? `${warnings} warning${warnings === 1 ? '' : 's'}` : '',
  ]
    .filter(Boolean)
    .join(' and ');
  const lines = annotations.all.map((annotation) => {
    const where = fileAndLine(annotation.location);
    const environments = annotation.environments.length ? ` (${annotation.environments.join(', ')})` : '';
    const mark = annotation.level === 'error' ? '❌' : '⚠️';
    return `| ${mark} | ${inlineCode(where)} | ${annotation.rule}${markdownText(environments)} | ${markdownText(annotation.message)} |`;
  });
  return [
    `#### Every finding`,
    '',
    `GitHub shows ${annotationsPerLevel} error and ${annotationsPerLevel} warning annotations per step (the step's own failure is one of them): ${left} ${errors + warnings === 1 ? 'was' : 'were'} not annotated. All ${annotations.all.length} are here, once per place.`,
    '',
    '| | where | rule (environments) | finding |',
    '|---|---|---|---|',
    ...lines,
    '',
  ].join('\n');
}

/** `file:line` (or the file alone) as summaries and comments name a finding's place: no column. */
export function fileAndLine({ file, line }: SourceLocation): string {
  return line === undefined ? file : `${file}:${line}`;
}
