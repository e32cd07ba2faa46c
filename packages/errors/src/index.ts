// User errors and the causes of failures outside: what every layer throws and every caller reports.
export { type CauseKind, errnoCode, type Failure, type KnownCause, knownCause } from './causes';
export {
  asUserError,
  type LocatedProblem,
  problemMessage,
  UserError,
  type UserErrorOptions,
  userMessage,
} from './user-error';
