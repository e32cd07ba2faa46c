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
export {
  type Durations,
  deliveryMetrics,
  durations,
  type Measures,
  type MetricsReport,
  pointInTime,
  spanSeconds,
} from './metrics';
export {
  type AppRecord,
  type ChangeAction,
  type ChangeRecord,
  changeSubject,
  changeTrailers,
  formatCommitMessage,
  parseChangeRecord,
} from './trailers';
