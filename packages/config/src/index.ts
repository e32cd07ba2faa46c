// gitops.yaml: schema, loading, defaults and errors with file:line:column.

export { controllerAddresses, previewsControllerKey } from './controller-addresses';
export { byUsualOrder, conventionEnvironments, isUsualEnvironmentName } from './convention';
export { activeFreeze } from './freeze';
export { configInsideRepository, defaultConfigFile, loadConfig, parseConfig, yamlErrorMessage } from './load';
export type {
  App,
  Cluster,
  ControllerSpec,
  Environment,
  Fleet,
  GitopsConfig,
  Hold,
  PendingChanges,
  PolicyName,
  Previews,
  Via,
  WriteMode,
} from './model';
export { isWithin, PathEscapeError, resolveInsideRepository, staysInsideRepository } from './paths';
export {
  matchPreviewFolder,
  previewEnvironment,
  previewEnvironmentsOnDisk,
  previewFolder,
  previewsRoot,
  safeBranch,
} from './preview-folders';
export { ConfigError } from './problems';
export { unknownName } from './suggest';
export { findApp, findEnvironment, imageFor, imagePolicyFor, resolveTargets } from './targets';
