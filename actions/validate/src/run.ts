// The validate action: read inputs, validate, then annotate, report, diff, comment and write outputs.
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as core from '@actions/core';
import {
  annotationProperties,
  booleanInput,
  ConfigurationError,
  listInput,
  optionalInput,
  requiredInput,
} from '@gitops/action-kit';
import { pathInsideInput } from '@gitops/action-kit/paths';
import { GitHubComments, githubClient } from '@gitops/github';
import {
  changedFilesSince,
  commentMarker,
  diffWithBase,
  type EnvironmentDiff,
  relocateResult,
  toSarif,
  type ValidationResult,
  validateRepository,
  validationComment,
  validationReport,
  validationSummary,
} from '@gitops/policy';
import rootPackage from '../../../package.json';
import { pullRequestOf } from './pull-request';

export async function run(): Promise<void> {
  const env = process.env;
  const workspace = path.resolve(env.GITHUB_WORKSPACE ?? process.cwd());
  const token = optionalInput('token');
  if (token) core.setSecret(token);
  const given = requiredInput('path');
  const inWorkspace = { label: 'the workspace', dir: workspace };
  const root = pathInsideInput('path', given, [inWorkspace]);
  if (!existsSync(root)) throw new ConfigurationError(`input path: ${given} does not exist in the workspace`);
  const environments = listInput('environments');
  const wantDiff = booleanInput('diff');
  const comment = booleanInput('comment');
  const sarifInput = optionalInput('sarif');
  // Checked before anything runs: SARIF goes to the workspace or RUNNER_TEMP, nowhere else.
  const temp = env.RUNNER_TEMP ? [{ label: 'RUNNER_TEMP', dir: env.RUNNER_TEMP }] : [];
  const sarifFile = sarifInput ? pathInsideInput('sarif', sarifInput, [inWorkspace, ...temp]) : '';

  const pull = pullRequestOf(env);
  const result = await validateRepository({
    root,
    environments,
    kubernetesVersion: optionalInput('kubernetes-version'),
    strict: booleanInput('strict'),
    changedFiles: pull ? await changedFiles(root, pull.baseSha) : undefined,
  });
  // Annotations, reports, the comment and the summary name files from the workspace root, where GitHub looks.
  const shown = relocateResult(result, (file) =>
    path.relative(workspace, path.resolve(root, file)).split(path.sep).join('/'),
  );
  annotate(shown);

  const reportFile = path.join(mkdtempSync(path.join(env.RUNNER_TEMP ?? tmpdir(), 'gitops-validate-')), 'report.json');
  writeFileSync(reportFile, `${JSON.stringify(validationReport(shown), null, 2)}\n`);
  if (sarifFile) {
    mkdirSync(path.dirname(sarifFile), { recursive: true });
    const sarif = toSarif(shown.findings, { toolVersion: rootPackage.version });
    writeFileSync(sarifFile, `${JSON.stringify(sarif, null, 2)}\n`);
  }

  let diffs: EnvironmentDiff[] = [];
  if ((wantDiff || comment) && !pull) {
    core.warning('gitops validate: diff and comment need a pull_request event; skipped');
  } else if (wantDiff && pull) {
    diffs = await diffWithBase({
      root,
      base: pull.baseSha,
      head: new Map(result.environments.map((environment) => [environment.name, environment.rendering])),
    });
    for (const diff of diffs) {
      await core.group(`rendered diff: ${diff.environment} (+${diff.added} −${diff.removed})`, async () => {
        if (diff.note) core.info(diff.note);
        core.info(diff.diff || 'no change');
      });
    }
  }
  if (comment && pull) {
    if (!token) throw new ConfigurationError('input token is required to comment on the pull request');
    const comments = new GitHubComments(githubClient(token, env.GITHUB_API_URL ?? 'https://api.github.com'));
    const posted = await comments.upsertSticky({
      repository: pull.repository,
      issueNumber: pull.number,
      marker: commentMarker,
      body: validationComment(shown, diffs, pull.headSha),
    });
    core.info(`${posted.created ? 'commented' : 'updated the comment'}: ${posted.url}`);
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

/** What the pull request changed, for the credential scan; undefined (every file) when that cannot be known. */
async function changedFiles(root: string, base: string): Promise<string[] | undefined> {
  try {
    return await changedFilesSince(root, base);
  } catch (error) {
    // Scanning every file is the safe side of not knowing what changed (no base commit, no git work tree).
    core.warning(`gitops validate: ${(error as Error).message}; every file is scanned for credentials`);
    return undefined;
  }
}

function annotate(result: ValidationResult): void {
  for (const finding of result.findings) {
    const title = `gitops validate: ${finding.rule}${finding.environment ? ` (${finding.environment})` : ''}`;
    const properties = annotationProperties(finding.location, title);
    if (finding.level === 'error') core.error(finding.message, properties);
    else core.warning(finding.message, properties);
  }
}
