// User errors and the causes of failures outside: what every layer throws and every caller reports.
export { errnoCode, type KnownCause, knownCause } from './causes';
export {
  annotationTitle,
  asUserError,
  exitCodeOf,
  problemMessage,
  UserError,
  type UserErrorOptions,
  userMessage,
} from './user-error';
