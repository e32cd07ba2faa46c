// Building images: tags and labels from Git, the builder this machine has, an OCI layout to publish.

export { type Builder, chooseEngine, type EngineChoice } from './builder';
export { buildTagged, gitContextOfRun, gitContextOfWorkingCopy, type TaggedBuild } from './tagged-build';
