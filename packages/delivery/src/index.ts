// Changes to environments: deploy, rollback and promote as commits with trailers (written through @gitops/audit),
// pushed without lost updates, or as pull requests.
export { autoPromote } from './auto-promote';
export type { ChangeOptions } from './change';
export {
  actionDefault,
  type ChangeOptionSpec,
  changeOptionSpecs,
  readOptionText,
  type SpecifiedOptions,
} from './change-options';
export { type DeployResult, deploy } from './deploy';
export { driftAlerts } from './drift-alerts';
export { driftText } from './drift-text';
export type { ControllerAccess, ControllerOptions } from './health';
export { type HoldResult, holdLine } from './hold';
export {
  deletePreview,
  deployPreview,
  type PreviewDeleteResult,
  type PreviewResult,
} from './preview';
export { type SweepResult, sweepPreviews } from './preview-sweep';
export { type PromoteResult, promote } from './promote';
export { promoteWorkflow } from './promote-workflow';
export { verifyImage } from './provenance';
export { reportSite } from './report-site';
export { rolloutLines, wavesOutput } from './rollout';
export { checkSource, type SourceCommit } from './source';
export type { HealthProblem } from './status';
export { clusterTable, previewTable, statusJson, statusReport, statusText } from './status-report';
export { unsettledFailure, unsettledLines } from './unsettled';
