// Building images: tags and labels from Git, the builder this machine has, an OCI layout to publish.
export { BuildError, type BuildRequest, blame, buildArguments, runBuild } from './build';
export { type Builder, type BuilderChoice, BuilderError, detectBuilder } from './builder';
export { type BuiltImage, buildImage, type ImageBuild } from './image';
export { type GitContext, type ImageMetadata, imageMetadata, MetadataError, sanitiseTag } from './metadata';
export {
  buildTagged,
  gitContextOfRun,
  gitContextOfWorkingCopy,
  type TaggedBuild,
  type TaggedBuildRequest,
} from './tagged-build';
