// Git for config repositories: sparse clones, commits with trailers, pushes that tell a race from a refusal.
export { ConfigCheckout, type PushResult } from './checkout';
export type { NewCommit } from './fast-import';
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
  recentCommits,
  trailerValues,
  workingCopy,
} from './history';
export { type Identity, parseIdentity } from './identity';
export { type FileAt, fileAt, fileAtProblem } from './objects';
export { needsToken, type Remote, resolveRemote } from './remote';
export { defaultBudgetMs, git } from './run';
export { sshSigningKey } from './signing';
