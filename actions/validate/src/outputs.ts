// What validate found, written: annotations (at most 10 of each level), the report and SARIF files, the summary,
// the outputs, and the failure when there are errors.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as core from '@actions/core';
import { annotationProperties } from '@gitops/action-kit';
import {
  type Annotations,
  annotationsOf,
  annotationsPerLevel,
  fileAndLine,
  notAnnotatedSection,
  toSarif,
  type ValidationResult,
  validationReport,
  validationSummary,
} from '@gitops/policy';
import rootPackage from '../../../package.json';

export async function writeOutputs(
  result: ValidationResult,
  where: { readonly sarifFile: string | undefined; readonly env: NodeJS.ProcessEnv },
): Promise<void> {
  const shown = result;
  const { env } = where;
  // A run with errors ends in one more error annotation (the failure): it is kept within the 10.
  const annotations = annotationsOf(shown.findings, result.errors > 0 ? 1 : 0);
  annotate(annotations);
  const reportFile = path.join(mkdtempSync(path.join(env.RUNNER_TEMP ?? tmpdir(), 'gitops-validate-')), 'report.json');
  writeFileSync(reportFile, `${JSON.stringify(validationReport(shown), null, 2)}\n`);
  const sarifFile = where.sarifFile ?? '';
  if (sarifFile) {
    mkdirSync(path.dirname(sarifFile), { recursive: true });
    // The action's own repository and ref, as the runner names them: help links lead to these docs.
    const home = env.GITHUB_ACTION_REPOSITORY
      ? `${env.GITHUB_SERVER_URL ?? 'https://github.com'}/${env.GITHUB_ACTION_REPOSITORY}`
      : undefined;
    const sarif = toSarif(shown.findings, {
      toolVersion: rootPackage.version,
      informationUri: home,
      ref: env.GITHUB_ACTION_REF || undefined,
    });
    writeFileSync(sarifFile, `${JSON.stringify(sarif, null, 2)}\n`);
  }
  await core.summary.addRaw(validationSummary(shown) + notAnnotatedSection(annotations)).write();
  core.setOutput('errors', String(result.errors));
  core.setOutput('warnings', String(result.warnings));
  core.setOutput('report', reportFile);
  core.setOutput('sarif', sarifFile);
  const counts = `${result.errors} error${result.errors === 1 ? '' : 's'}, ${result.warnings} warning${result.warnings === 1 ? '' : 's'}`;
  if (result.errors > 0) core.setFailed(`gitops validate: ${counts}`);
  else core.info(`gitops validate: ${counts}`);
}

/** At most 10 annotations of each level (what GitHub shows), once per place; the log says what was left out. */
function annotate(annotations: Annotations): void {
  for (const annotation of annotations.shown) {
    const properties = annotationProperties(annotation.location, annotation.title);
    if (annotation.level === 'error') core.error(annotation.message, properties);
    else core.warning(annotation.message, properties);
  }
  const { errors, warnings } = annotations.notShown;
  if (errors + warnings === 0) return;
  core.info(
    `Not annotated (GitHub shows ${annotationsPerLevel} of each level per step): ${errors} error(s), ${warnings} warning(s); they follow, and the job summary lists every finding`,
  );
  const shown = new Set(annotations.shown);
  for (const annotation of annotations.all.filter((entry) => !shown.has(entry)))
    core.info(`${annotation.level}: ${fileAndLine(annotation.location)}: ${annotation.message} [${annotation.title}]`);
}
