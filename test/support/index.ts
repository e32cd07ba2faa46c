// The test harness: run bundles as the runner does, and start the real services they talk to.

export {
  assertNoLeaks,
  findLeaks,
  plantedSecrets,
  plantSecret,
  registerLeakSink,
  visibleLog,
} from './leak-scanner';
export { type ActionResult, inputVariable, projectRoot, type RunOptions, runAction, spawnBounded } from './run-action';
export { type Availability, commandAvailable, dockerEngine, requireService } from './services/availability';
export { type ForwardProxy, startForwardProxy } from './services/forward-proxy';
export { type GitDaemon, git, startGitDaemon, testGitIdentity } from './services/git-daemon';
export { type GitHttpServer, startGitHttpServer } from './services/git-http';
export { freePort, portAnswers } from './services/ports';
export { type Registry, selfSignedCertificate, startRegistry } from './services/registry';
export { type Fault, type RegistryProxy, startRegistryProxy } from './services/registry-proxy';
export { waitUntil } from './services/wait';
export { type Annotation, parseFileCommands, parseWorkflowCommands } from './workflow-commands';
