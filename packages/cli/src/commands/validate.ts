// `gitops validate`: the validate action's checks from a terminal or any CI.
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { formatLocation, terminalLogger } from '@gitops/log';
import { textTable as table } from '@gitops/markup';
import {
  annotationsOf,
  annotationsPerLevel,
  type Finding,
  toSarif,
  validateChange,
  validationReport,
} from '@gitops/policy';
import { annotationCommand, runningInActions } from '../annotations';
import { type Command, exitCodes } from '../command';
import { version } from '../version';

export const validateCommand: Command = {
  path: ['validate'],
  summary: 'render every environment and check schemas and policies offline',
  subjects: { path: 'PATH' },
  help: `Usage: gitops validate [PATH] [--env NAME]... [--changed-since COMMIT] [--strict] [--kubernetes-version V]
                      [--json | --sarif FILE]

Renders each environment of the config repository at PATH (default: .) with kustomize, or as plain YAML,
and checks gitops.yaml, that every app's image is where gitops.yaml says, the Kubernetes 1.34 schemas
(and Argo CD, Flux and cert-manager ones), unknown fields and kinds, and the policies of gitops.yaml.
Every finding names its file and line, relative to the current folder.

Options:
  --env NAME               check only this environment (repeat, or separate with commas)
  --changed-since COMMIT   check only the environments that read a file changed since COMMIT (work tree and
                           untracked files included; a change to gitops.yaml or .github/ checks them all), and
                           scan only the changed files for credentials, as on a pull request
  --strict                 unknown fields and kinds are errors, not warnings
  --kubernetes-version V   API level to check against (only the bundled 1.34)
  --json                   print the report as JSON on stdout
  --sarif FILE             also write the findings as SARIF 2.1.0 to FILE
  -h, --help               show this help

Exit codes: 0 no errors (warnings allowed), 1 errors found, 2 usage error.`,
  options: {
    env: { type: 'string', multiple: true },
    'changed-since': { type: 'string' },
    strict: { type: 'boolean' },
    'kubernetes-version': { type: 'string' },
    json: { type: 'boolean' },
    sarif: { type: 'string' },
  },
  positionals: ['path'],
  async run({ values, positionals }, output) {
    const root = path.resolve(positionals[0] ?? '.');
    const environments = ((values.env as string[] | undefined) ?? []).flatMap((e) =>
      e
        .split(',')
        .map((name) => name.trim())
        .filter(Boolean),
    );
    // The action's engine call, without a pull request; files named from the current folder. A wrong PATH or
    // --kubernetes-version is a usage error (exit 2).
    const { result } = await validateChange({
      root,
      environments,
      strict: values.strict === true,
      changedSince: values['changed-since'] as string | undefined,
      kubernetesVersion: values['kubernetes-version'] as string | undefined,
      shownAs: (file) => path.relative(process.cwd(), path.resolve(root, file)).split(path.sep).join('/') || '.',
      logger: terminalLogger(),
    });
    const report = validationReport(result);
    if (typeof values.sarif === 'string') {
      writeFileSync(values.sarif, `${JSON.stringify(toSarif(report.findings, { toolVersion: version }), null, 2)}\n`);
    }
    if (values.json === true) {
      output.out(JSON.stringify(report, null, 2));
    } else {
      for (const finding of report.findings) printFinding(finding, output);
      if (runningInActions()) annotate(report.findings, output);
      output.out(
        table([
          ['ENVIRONMENT', 'PATH', 'RENDERER', 'RESOURCES', 'ERRORS', 'WARNINGS'],
          ...report.environments.map((e) => [
            e.name,
            e.path,
            e.renderer,
            String(e.resources),
            String(e.errors),
            String(e.warnings),
          ]),
        ]),
      );
      output.err(
        `${result.errors} error${result.errors === 1 ? '' : 's'}, ${result.warnings} warning${result.warnings === 1 ? '' : 's'}`,
      );
    }
    return result.errors > 0 ? exitCodes.failed : exitCodes.ok;
  },
};

function printFinding(finding: Finding, output: { out(text: string): void; err(text: string): void }): void {
  const context = [finding.rule, finding.environment].filter(Boolean).join(', ');
  output.err(`${finding.level}: ${formatLocation(finding.location)}: ${finding.message} [${context}]`);
}

/** In a GitHub Actions step: annotations as the validate action makes them (10 per level, once per place). */
function annotate(findings: readonly Finding[], output: { out(text: string): void }): void {
  // A failing step gets the runner's own error annotation ("Process completed with exit code 1"): kept within 10.
  const annotations = annotationsOf(findings, findings.some((finding) => finding.level === 'error') ? 1 : 0);
  for (const annotation of annotations.shown)
    output.out(annotationCommand(annotation.level, annotation.message, annotation.location, annotation.title));
  const { errors, warnings } = annotations.notShown;
  if (errors + warnings > 0)
    output.out(
      `Not annotated (GitHub shows ${annotationsPerLevel} of each level per step): ${errors} error(s), ${warnings} warning(s); every finding is listed above`,
    );
}
