// Changes to environments: deploy (and rollback) as commits with trailers, pushed without lost updates.

// A value shown on one line, control characters escaped: the CLI prints subjects with it.
export { printable } from '@gitops/markup';
export { autoPromote } from './auto-promote';
export { type ChangeOptions, type CommitSigning, commitSignings } from './change';
export { untrustedControllers } from './checkout-trust';
export { type DeployResult, deploy } from './deploy';
export { DeliveryError } from './errors';
export type { ControllerAccess, ControllerOptions } from './health';
export {
  type Durations,
  deliveryMetrics,
  type Measures,
  type MetricsReport,
  pointInTime,
  spanSeconds,
} from './metrics';
export { type PromoteRequest, type PromoteResult, promote } from './promote';
export { verifyImage } from './provenance';
export { checkSource, type SourceCommit } from './source';
export { controllerHealth, type HealthProblem, promotionStatus, recordedProvenance } from './status';
export { type ChangeRecord, formatCommitMessage } from './trailers';
