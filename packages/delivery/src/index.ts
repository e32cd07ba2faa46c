// Changes to environments: deploy, rollback and promote as commits with trailers (written through @gitops/audit),
// pushed without lost updates, or as pull requests.
export { autoPromote } from './auto-promote';
export { type ChangeOptions, type CommitSigning, commitSignings } from './change';
export { untrustedControllers } from './checkout-trust';
export { type DeployResult, deploy } from './deploy';
export type { ControllerAccess, ControllerOptions } from './health';
export { type PromoteRequest, type PromoteResult, promote } from './promote';
export { promoteWorkflow } from './promote-workflow';
export { verifyImage } from './provenance';
export { checkSource, type SourceCommit } from './source';
export { controllerHealth, type HealthProblem, promotionStatus, recordedProvenance } from './status';
export { unsettledFailure, unsettledLines } from './unsettled';
