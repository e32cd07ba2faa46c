// What every action shares: reading inputs, the core-backed Logger, and how failures are reported.
export {
  booleanInput,
  ConfigurationError,
  choiceInput,
  integerInput,
  keyValueInput,
  listInput,
  optionalInput,
  renamedList,
  requiredInput,
  secretInput,
} from './inputs';
export { actionLogger, annotationProperties } from './logger';
export { runAction } from './run';
