// What every action shares: reading inputs, the core-backed Logger, and how failures are reported.
export {
  booleanInput,
  ConfigurationError,
  choiceInput,
  integerInput,
  keyValueInput,
  type ListOptions,
  listInput,
  optionalInput,
  parseList,
  renamedList,
  requiredInput,
  runUrl,
  secretInput,
} from './inputs';
export { actionLogger, annotationProperties } from './logger';
export { inputName, runAction } from './run';
