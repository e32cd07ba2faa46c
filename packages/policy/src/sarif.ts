// SARIF 2.1.0, the format code scanning reads (github/codeql-action/upload-sarif): one run, one rule per
// finding kind, results on repository-relative paths.
import type { Finding } from './findings';
import { rules } from './rules/index';

const builtInRules: Record<string, string> = {
  config: 'gitops.yaml is invalid.',
  yaml: 'A YAML file cannot be parsed.',
  render: 'kustomize cannot render the environment.',
  environment: 'The environment folder is missing.',
  target: 'An app’s image cannot be found where gitops.yaml says it is written: a deploy would fail.',
  schema: 'A resource does not match its Kubernetes schema.',
  'unknown-field': 'A field the resource’s schema does not have (a typo, or a field of another version).',
  'unknown-kind': 'A kind with no schema here: not Kubernetes, Argo CD, Flux or cert-manager, nor defined by a CRD.',
};

export interface SarifOptions {
  readonly toolVersion: string;
  readonly informationUri?: string;
}

export function toSarif(findings: readonly Finding[], options: SarifOptions): Record<string, unknown> {
  const descriptions: Record<string, string> = { ...builtInRules };
  for (const rule of rules) descriptions[rule.name] = rule.description;
  const ids = [...new Set([...Object.keys(descriptions), ...findings.map((f) => f.rule)])];
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'gitops-validate',
            version: options.toolVersion,
            informationUri: options.informationUri ?? 'https://github.com/gitops/gitops',
            rules: ids.map((id) => ({
              id,
              name: id,
              shortDescription: { text: descriptions[id] ?? id },
              fullDescription: { text: descriptions[id] ?? id },
              helpUri: `${options.informationUri ?? 'https://github.com/gitops/gitops'}/blob/main/validate/README.md#${id}`,
            })),
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
                artifactLocation: { uri: encodeURI(finding.location.file), uriBaseId: '%SRCROOT%' },
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
