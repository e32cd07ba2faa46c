// Building images: tags and labels from Git, the builder this machine has, an OCI layout to publish.
export { BuildError, type BuildRequest, blame, buildArguments, runBuild } from './build';
export { buildahArguments } from './buildah';
export {
  type Builder,
  BuilderError,
  chooseEngine,
  detectBuilder,
  type EngineChoice,
  engineChoices,
} from './builder';
export { type BuiltImage, buildImage, type ImageBuild } from './image';
export {
  commitTimeOf,
  type GitContext,
  type ImageMetadata,
  imageMetadata,
  MetadataError,
  sanitiseTag,
} from './metadata';
export {
  buildTagged,
  gitContextOfRun,
  gitContextOfWorkingCopy,
  type TaggedBuild,
  type TaggedBuildRequest,
} from './tagged-build';
