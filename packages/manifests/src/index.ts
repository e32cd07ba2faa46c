// Reads and writes image references in config repositories, changing only the bytes of the values it sets.
export { unifiedDiff, unifiedPatch } from './diff';
export { environmentImageSites } from './discover-sites';
export { podSpecPaths } from './kinds/workloads';
export { type FoundSite, namedImageMatcher } from './place';
export { type FileChange, planImageChanges } from './plan';
export { ManifestError } from './problems';
export { readImage } from './read';
export { environmentInputs, type KustomizationPaths, readsAnyOf } from './render/environment-inputs';
export { findKustomize, type KustomizeTool } from './render/kustomize';
export { type LocateMode, SourceLocator } from './render/locate';
export { type RenderedResource, type Rendering, resourceId, resourceName } from './render/model';
export { renderEnvironment } from './render/render';
export { isSopsValue, SecretMask } from './render/secret-mask';
export type { PathStep } from './render/source-node';
export { renderedText } from './render/text';
export {
  appsOf,
  findConfiguredOrDiscovered,
  matcherFor,
  planSetImage,
  readClusterImages,
  readEnvironmentImages,
  targetsFor,
} from './repository';
export { FileCache } from './targets';
export { writeChanges } from './write';
