// The JSON report (`report` output, `gitops validate --json`): counts per environment and every finding.
import type { Finding } from './findings';
import type { ValidationResult } from './validate';

export interface ValidationReport {
  readonly version: 1;
  readonly kubernetesVersion: string;
  readonly strict: boolean;
  readonly errors: number;
  readonly warnings: number;
  readonly environments: readonly {
    name: string;
    path: string;
    renderer: string;
    resources: number;
    errors: number;
    warnings: number;
  }[];
  /** Environments not rendered: nothing they read changed since the base (validate on a pull request). */
  readonly unchanged: readonly string[];
  readonly findings: readonly Finding[];
}

/** The same result with every file path rewritten, e.g. relative to the workspace instead of the config root. */
export function relocateResult(result: ValidationResult, relocate: (file: string) => string): ValidationResult {
  return {
    ...result,
    environments: result.environments.map((environment) => ({ ...environment, path: relocate(environment.path) })),
    findings: result.findings.map((finding) => ({
      ...finding,
      location: { ...finding.location, file: relocate(finding.location.file) },
    })),
  };
}

export function validationReport(result: ValidationResult): ValidationReport {
  return {
    version: 1,
    kubernetesVersion: result.kubernetesVersion,
    strict: result.strict,
    errors: result.errors,
    warnings: result.warnings,
    environments: result.environments.map(({ name, path, renderer, resources, errors, warnings }) => ({
      name,
      path,
      renderer,
      resources,
      errors,
      warnings,
    })),
    unchanged: result.unchanged,
    findings: result.findings,
  };
}
