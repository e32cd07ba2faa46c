// The validate action: read inputs, validate (with the diff and comment on a pull request), then annotate,
// write the report and SARIF files, the summary and the outputs.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as core from '@actions/core';
import { actionLogger, annotationProperties } from '@gitops/action-kit';
import { toSarif, type ValidationResult, validateChange, validationReport, validationSummary } from '@gitops/policy';
import rootPackage from '../../../package.json';
import { getInputs } from './inputs';
import { pullRequestOf } from './pull-request';

export async function run(): Promise<void> {
  const env = process.env;
  const workspace = path.resolve(env.GITHUB_WORKSPACE ?? process.cwd());
  const inputs = getInputs(env, workspace);
  const { result } = await validateChange({
    ...inputs,
    pullRequest: pullRequestOf(env),
    apiUrl: env.GITHUB_API_URL,
    shownAs: (file) => path.relative(workspace, path.resolve(inputs.root, file)).split(path.sep).join('/'),
    logger: actionLogger('gitops validate'),
  });
  const shown = result;
  annotate(shown);
  const reportFile = path.join(mkdtempSync(path.join(env.RUNNER_TEMP ?? tmpdir(), 'gitops-validate-')), 'report.json');
  writeFileSync(reportFile, `${JSON.stringify(validationReport(shown), null, 2)}\n`);
  const sarifFile = inputs.sarifFile ?? '';
  if (sarifFile) {
    mkdirSync(path.dirname(sarifFile), { recursive: true });
    const sarif = toSarif(shown.findings, { toolVersion: rootPackage.version });
    writeFileSync(sarifFile, `${JSON.stringify(sarif, null, 2)}\n`);
  }
  await core.summary.addRaw(validationSummary(shown)).write();
  core.setOutput('errors', String(result.errors));
  core.setOutput('warnings', String(result.warnings));
  core.setOutput('report', reportFile);
  core.setOutput('sarif', sarifFile);
  const counts = `${result.errors} error${result.errors === 1 ? '' : 's'}, ${result.warnings} warning${result.warnings === 1 ? '' : 's'}`;
  if (result.errors > 0) core.setFailed(`gitops validate: ${counts}`);
  else core.info(`gitops validate: ${counts}`);
}

function annotate(result: ValidationResult): void {
  for (const finding of result.findings) {
    const title = `gitops validate: ${finding.rule}${finding.environment ? ` (${finding.environment})` : ''}`;
    const properties = annotationProperties(finding.location, title);
    if (finding.level === 'error') core.error(finding.message, properties);
    else core.warning(finding.message, properties);
  }
}
