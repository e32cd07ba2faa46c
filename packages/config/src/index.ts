// gitops.yaml: schema, loading, defaults and errors with file:line:column.

export { controllerAddresses } from './controller-addresses';
export { conventionEnvironments, conventionFolders, diskFolders, type FolderLister } from './convention';
export {
  configInsideRepository,
  defaultConfigFile,
  type LoadOptions,
  loadConfig,
  parseConfig,
  yamlErrorMessage,
} from './load';
export type {
  App,
  ControllerSpec,
  Environment,
  GitopsConfig,
  PendingChanges,
  PolicyName,
  ProvenanceRule,
  ResolvedTarget,
  Severity,
  TargetSpec,
  Via,
  WriteMode,
} from './model';
export { policyNames } from './model';
export { isWithin, PathEscapeError, resolveInsideRepository, staysInsideRepository } from './paths';
export { ConfigError, type ConfigProblem, formatProblem } from './problems';
export { diskProbe, type PathProbe } from './resolve';
export { closest, didYouMean, unknownName } from './suggest';
export { findApp, findEnvironment, imageFor, resolveTargets } from './targets';
