// SARIF 2.1.0, the format code scanning reads (github/codeql-action/upload-sarif): one run, one rule per
// finding kind, results on repository-relative paths.
import type { Finding } from './findings';
import { rules } from './rules/index';

/** The checks that are not policies: what each finds and how to fix it (markdown). */
const builtInRules: Record<string, { readonly description: string; readonly fix: string }> = {
  config: {
    description: 'gitops.yaml is invalid.',
    fix: 'Correct gitops.yaml as the message says; docs/gitops-yaml.md describes every key.',
  },
  yaml: {
    description: 'A YAML file cannot be parsed.',
    fix: 'Fix the syntax at the line shown (indentation, an unclosed quote, a tab).',
  },
  render: {
    description: 'kustomize cannot render the environment.',
    fix: 'Run `kubectl kustomize` on the environment folder and fix what it reports (a missing resource, a patch that matches nothing).',
  },
  environment: {
    description: 'The environment folder is missing.',
    fix: 'Create the folder, or correct `path` of the environment in gitops.yaml.',
  },
  target: {
    description: 'An app’s image cannot be found where gitops.yaml says it is written: a deploy would fail.',
    fix: 'Write the image in the file the app’s `targets` name (an `images:` entry, a container image, a Helm value), or correct `targets` in gitops.yaml.',
  },
  schema: {
    description: 'A resource does not match its Kubernetes schema.',
    fix: 'Correct the field at the line shown: its type or its value. `kubernetes-version` chooses the schemas checked against.',
  },
  'unknown-field': {
    description: 'A field the resource’s schema does not have (a typo, or a field of another version).',
    fix: 'Correct the field’s name or its indentation, or move it to the version of the API that has it; the cluster would drop it silently.',
  },
  'unknown-kind': {
    description: 'A kind with no schema here: not Kubernetes, Argo CD, Flux or cert-manager, nor defined by a CRD.',
    fix: 'Check the `apiVersion` and `kind`; for a custom resource, keep its CustomResourceDefinition in the repository so its schema is checked.',
  },
};

export interface SarifOptions {
  readonly toolVersion: string;
  /**
   * Where the tool is described (the action's repository on GitHub): rules link their help there. Without it no
   * link is written, rather than one that leads nowhere.
   */
  readonly informationUri?: string | undefined;
  /** The tool's version there (the action's ref, `v1`): help links point at the docs of that version. */
  readonly ref?: string | undefined;
}

/** `missing-probes` as code scanning shows a rule's name: `MissingProbes`. */
function ruleName(id: string): string {
  return id.replace(/(^|-)([a-z0-9])/g, (_, _dash, letter: string) => letter.toUpperCase());
}

/** A path relative to the repository root, as code scanning resolves it against %SRCROOT%. */
function repositoryUri(file: string): string {
  return encodeURI(file.replaceAll('\\', '/').replace(/^(\.\/)+/, ''));
}

export function toSarif(findings: readonly Finding[], options: SarifOptions): Record<string, unknown> {
  const described: Record<string, { description: string; fix: string }> = { ...builtInRules };
  for (const rule of rules) described[rule.name] = { description: rule.description, fix: rule.fix };
  const ids = [...new Set([...Object.keys(described), ...findings.map((f) => f.rule)])];
  const home = options.informationUri?.replace(/\/+$/, '');
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'gitops-validate',
            version: options.toolVersion,
            ...(home ? { informationUri: home } : {}),
            rules: ids.map((id) => {
              const rule = described[id] ?? { description: id, fix: '' };
              return {
                id,
                name: ruleName(id),
                shortDescription: { text: rule.description },
                fullDescription: { text: rule.description },
                help: {
                  text: [rule.description, rule.fix].filter(Boolean).join('\n\n'),
                  markdown: [
                    `**${id}**: ${rule.description}`,
                    rule.fix ? `**How to fix:** ${rule.fix}` : '',
                    'Levels are set per environment in gitops.yaml `policies:` (`error`, `warning` or `off`).',
                  ]
                    .filter(Boolean)
                    .join('\n\n'),
                },
                ...(home
                  ? {
                      helpUri: `${home}/blob/${encodeURIComponent(options.ref ?? 'main')}/validate/README.md#what-is-checked`,
                    }
                  : {}),
              };
            }),
          },
        },
        results: findings.map((finding) => ({
          ruleId: finding.rule,
          ruleIndex: ids.indexOf(finding.rule),
          level: finding.level,
          message: {
            text: finding.environment ? `${finding.message} (environment ${finding.environment})` : finding.message,
          },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: repositoryUri(finding.location.file), uriBaseId: '%SRCROOT%' },
                ...(finding.location.line !== undefined
                  ? {
                      region: {
                        startLine: finding.location.line,
                        ...(finding.location.column !== undefined ? { startColumn: finding.location.column } : {}),
                      },
                    }
                  : {}),
              },
            },
          ],
          ...(finding.resource ? { properties: { resource: finding.resource, environment: finding.environment } } : {}),
        })),
        columnKind: 'unicodeCodePoints',
      },
    ],
  };
}
