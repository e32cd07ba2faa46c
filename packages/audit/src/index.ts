// The audit trail: what each change records in its commit's trailers, and reading it back from the history
// (an app's changes, the delivery metrics). delivery writes through it; the CLI and the metrics action read it.
export {
  type AppChange,
  changesBetween,
  changeThatDeployed,
  commitsSinceSources,
  newerChange,
  nthChange,
} from './history';
export { deliveryMetrics, durations, type MetricsReport, pointInTime, spanSeconds } from './metrics';
export { metricsMarkdown } from './metrics-markdown';
export { metricsText } from './metrics-text';
export { type Rejection, rejectedImages, rejectionOf, rollbackHistory } from './rejections';
export {
  type AppRecord,
  type ChangeAction,
  type ChangeRecord,
  changeSubject,
  changeTrailers,
  formatCommitMessage,
  parseChangeRecord,
  type WaveRecord,
} from './trailers';
