// What every action shares: reading inputs, the core-backed Logger, and how failures are reported.
export {
  booleanInput,
  ConfigurationError,
  choiceInput,
  committerFrom,
  integerInput,
  keyValueInput,
  listInput,
  optionalInput,
  parseList,
  pathInsideInput,
  requiredInput,
  runUrl,
} from './inputs';
export { actionLogger, annotationProperties } from './logger';
export { isUserError, runAction } from './run';
