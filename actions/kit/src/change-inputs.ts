// The inputs every change to the config repository shares (deploy and promote), read from the engine's one spec of
// them (delivery's change-options.ts): the same names, kinds, ranges and defaults as the CLI's flags.
import * as core from '@actions/core';
import {
  actionDefault,
  type ChangeOptionSpec,
  changeOptionSpecs,
  readOptionText,
  type SpecifiedOptions,
} from '@gitops/delivery';
import { booleanInput, ConfigurationError, listInput } from './inputs';

/** Every input of the spec, read and checked; an empty one is left to the engine's default. */
export function changeInputs(): SpecifiedOptions {
  const read: Record<string, unknown> = {};
  for (const spec of changeOptionSpecs) read[spec.key] = inputValue(spec);
  return read as SpecifiedOptions;
}

function inputValue(spec: ChangeOptionSpec): unknown {
  // Lists as docker/actions-toolkit reads them (CSV, newlines or commas); booleans as the toolkit does.
  if (spec.kind === 'list') return listInput(spec.name);
  if (spec.kind === 'boolean') return booleanInput(spec.name);
  const text = core.getInput(spec.name).trim();
  // Text that action.yml gives a default (config, committer) is required: emptied, it is a mistake, not a wish
  // for the engine's default (which for the committer is not the Actions bot).
  if (text === '' && spec.kind === 'text' && actionDefault(spec) !== '')
    throw new ConfigurationError(`input ${spec.name} is required`);
  if (text === '' && spec.kind !== 'whole-number') return undefined;
  const value = readOptionText(spec, text);
  if ('problem' in value) throw new ConfigurationError(`input ${spec.name} ${value.problem}`);
  return value.value;
}
