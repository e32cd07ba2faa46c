// The `gitops` CLI as a library: its commands and entry, for tests and for embedding.
export { type Command, exitCodes, type Output, UsageError } from './command';
export { describeConfig } from './commands/config-check';
export { commands, main } from './main';
