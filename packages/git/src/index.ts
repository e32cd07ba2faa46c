// Git for config repositories: sparse clones, commits with trailers, pushes that tell a race from a refusal.
export {
  CheckoutError,
  ConfigCheckout,
  type Identity,
  type NewCommit,
  type PushResult,
  parseIdentity,
} from './checkout';
export {
  type CommitRecord,
  eachLogged,
  type GitRunner,
  HistoryReader,
  historySince,
  type LoggedCommit,
  type RefCommit,
  readCommits,
  readHistory,
  readRefs,
  trailerValues,
  type WorkingCopy,
  workingCopy,
} from './history';
export { type FileAt, fileAt, fileAtProblem, namedFileLimit } from './objects';
export { redact } from './redact';
export { needsToken, type Remote, RemoteError, resolveRemote } from './remote';
export { defaultBudgetMs, GitError, git, type Patience } from './run';
export { sshSigningKey } from './signing';
