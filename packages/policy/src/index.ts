// Kubernetes schema validation and policy rules, offline, with every finding on its file and line.

export {
  type Annotation,
  type Annotations,
  annotationsOf,
  annotationsPerLevel,
  fileAndLine,
  notAnnotatedSection,
} from './annotations';
export { checkRendering, describePath, levelOf } from './environment-check';
export { countLevels, type Finding, type Level, type ResourcePath, sortFindings } from './findings';
export { bundledKubernetesVersion, checkKubernetesVersion, KubernetesVersionError } from './kubernetes-version';
export { modelPackageVersions } from './models.generated';
export { relocateResult, type ValidationReport, validationReport } from './report';
export { type Rule, rules } from './rules/index';
export { type SarifOptions, toSarif } from './sarif';
export { SchemaChecker, type SchemaResult } from './schema';
export {
  type EnvironmentResult,
  ValidateInputError,
  type ValidateOptions,
  type ValidationResult,
  validateRepository,
} from './validate';
export {
  type PullRequestUnderReview,
  type ValidateChangeOptions,
  type ValidatedChange,
  validateChange,
} from './validate-change';
export { commentMarker, environmentLine, validationComment, validationSummary } from './validation-comment';
export {
  BaseCommitError,
  type ChangesSince,
  changesSince,
  type DiffOptions,
  diffWithBase,
  type EnvironmentDiff,
} from './validation-diff';
