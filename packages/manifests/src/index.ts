// Reads and writes image references in config repositories, changing only the bytes of the values it sets.
export { unifiedDiff, unifiedPatch } from './diff';
export { type ImagePart, type PartialImage, readPart, writePart } from './image-value';
export { isKustomization } from './kinds/kustomization';
export { markerAfter } from './kinds/markers';
export { podSpecPaths } from './kinds/workloads';
export type { AppMatcher, ImageSite, Place, PlaceKind } from './place';
export { type FileChange, type ImageChange, planImageChanges } from './plan';
export { formatManifestProblem, ManifestError, type ManifestProblem } from './problems';
export { type ImageReading, mergeSites, readImage } from './read';
export {
  type EnvironmentInputs,
  environmentInputs,
  type KustomizationPaths,
  readsAnyOf,
} from './render/environment-inputs';
export { findKustomize, type KustomizeTool } from './render/kustomize';
export { type LocateMode, SourceLocator } from './render/locate';
export {
  type RenderedResource,
  type Rendering,
  type RenderProblem,
  type ResourceObject,
  resourceId,
  resourceName,
} from './render/model';
export { renderEnvironment } from './render/render';
export { isSopsValue, SecretMask } from './render/secret-mask';
export type { PathStep } from './render/source-node';
export { renderedText } from './render/text';
export {
  appsOf,
  discoverApps,
  type EnvironmentImage,
  findConfiguredOrDiscovered,
  matcherFor,
  planSetImage,
  readEnvironmentImages,
  targetsFor,
} from './repository';
export { FileCache, placesInTarget, type TargetRef, type Targets, yamlFilesUnder } from './targets';
export { applyTextEdits, type TextEdit } from './text-edit';
export { writeChanges } from './write';
export { maxAliases, maxFileBytes, readYamlFile, YamlFile } from './yaml-file';
export { formatYamlPath, parseYamlPath } from './yaml-path';
