// Changes to environments: deploy (and rollback) as commits with trailers, pushed without lost updates.

// A value shown on one line, control characters escaped: the CLI prints subjects with it.
export { printable } from '@gitops/markup';
export { type AutoPromoteRequest, type AutoPromoteResult, autoPromote } from './auto-promote';
export {
  type Change,
  type ChangeOptions,
  type CommitSigning,
  checkPullRequests,
  commitSignings,
  landChange,
  openCheckout,
  prepareChange,
  type StartedClone,
} from './change';
export { type CheckoutTrust, untrustedControllers } from './checkout-trust';
export { type AppOutcome, type DeployRequest, type DeployResult, deploy } from './deploy';
export { DeliveryError } from './errors';
export {
  type ControllerAccess,
  type ControllerOptions,
  controllerObjects,
  controllerReader,
  type WaitReport,
  type WaitRequest,
} from './health';
export { type AppChange, changeThatDeployed, nthChange } from './history';
export { loadCheckoutConfig } from './load';
export {
  type Durations,
  deliveryMetrics,
  type EnvironmentMetrics,
  type Measures,
  type MetricsReport,
  type MetricsRequest,
  metricsOf,
  pointInTime,
  type RecordedChange,
  spanSeconds,
} from './metrics';
export { type PromoteRequest, type PromoteResult, type Promotion, promote } from './promote';
export { type AttestationReader, type ProvenanceOptions, type VerifyImageRequest, verifyImage } from './provenance';
export { type PullRequestRequest, type PullRequests, pullRequestBody } from './pull-request';
export { type Attempt, defaultRetryPolicy, pushWithRetry, type RetryPolicy } from './retry';
export { checkSource, type SourceCommit } from './source';
export {
  type AppHealth,
  controllerHealth,
  type HealthProblem,
  promotionStatus,
  recordedProvenance,
  type StatusRow,
} from './status';
export {
  type AppRecord,
  type ChangeAction,
  type ChangeRecord,
  describeImage,
  formatCommitMessage,
  parseChangeRecord,
} from './trailers';
