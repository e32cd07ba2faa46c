// Kubernetes schema validation and policy rules, offline, with every finding on its file and line.

export { type Annotations, annotationsOf, annotationsPerLevel, fileAndLine, notAnnotatedSection } from './annotations';
export type { Finding } from './findings';
export { validationReport } from './report';
export { toSarif } from './sarif';
export type { ValidationResult } from './validate';
export { validateChange } from './validate-change';
export { validationSummary } from './validation-comment';
