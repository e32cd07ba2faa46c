// What every action shares: reading inputs, the core-backed Logger, and how failures are reported.
export {
  booleanInput,
  ConfigurationError,
  choiceInput,
  commitSigningInputs,
  integerInput,
  keyValueInput,
  type ListOptions,
  listInput,
  optionalInput,
  parseList,
  renamedListInput,
  requiredInput,
  runUrl,
} from './inputs';
export { actionLogger, annotationProperties } from './logger';
export { inputName, runAction } from './run';
