// Reading inputs: one helper per shape, so every action reads lists, numbers and choices the same way
// and a mistake names the input.
import * as path from 'node:path';
import * as core from '@actions/core';
import { isWithin, staysInsideRepository } from '@gitops/config';
import { type Identity, parseIdentity } from '@gitops/git';

/** A mistake in the workflow (an input, the config repository): reported as one clear failure. */
export class ConfigurationError extends Error {
  override name = 'ConfigurationError';
}

/** Optional string input: undefined when empty. */
export function optionalInput(name: string): string | undefined {
  const value = core.getInput(name).trim();
  return value === '' ? undefined : value;
}

export function requiredInput(name: string): string {
  const value = core.getInput(name).trim();
  if (value === '') throw new ConfigurationError(`input ${name} is required`);
  return value;
}

/** Newline- or comma-separated values; `#` starts a comment; blanks are dropped. */
export function listInput(name: string): string[] {
  return parseList(core.getInput(name));
}

export function parseList(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.replace(/(^|\s)#.*$/, ''))
    .flatMap((line) => line.split(','))
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

export function booleanInput(name: string): boolean {
  try {
    return core.getBooleanInput(name);
  } catch {
    throw new ConfigurationError(`input ${name} must be true or false, not "${core.getInput(name)}"`);
  }
}

export function choiceInput<T extends string>(name: string, choices: readonly T[]): T | undefined {
  const value = optionalInput(name);
  if (value === undefined) return undefined;
  if (!choices.includes(value as T))
    throw new ConfigurationError(`input ${name} must be one of ${choices.join(', ')}, not "${value}"`);
  return value as T;
}

export function integerInput(name: string, min: number, max: number): number {
  const text = core.getInput(name).trim();
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) {
    throw new ConfigurationError(`input ${name} must be a whole number from ${min} to ${max}, not "${text}"`);
  }
  return value;
}

/** `KEY=value` lines (build args, labels, secrets); `#` comments and blanks skipped; a bad line names the input. */
export function keyValueInput(name: string): Record<string, string> {
  const values: Record<string, string> = {};
  core
    .getInput(name)
    .split(/\r?\n/)
    .forEach((raw, index) => {
      const line = raw.trim();
      if (line === '' || line.startsWith('#')) return;
      const equals = line.indexOf('=');
      if (equals <= 0) throw new ConfigurationError(`input ${name}, line ${index + 1}: "${line}" is not KEY=value`);
      values[line.slice(0, equals).trim()] = line.slice(equals + 1);
    });
  return values;
}

/** A committer given as "Name <email>" (the committer input of deploy and promote). */
export function committerFrom(text: string, input: string): Identity {
  const identity = parseIdentity(text);
  if (!identity) throw new ConfigurationError(`input ${input} must look like "Name <email>", not "${text}"`);
  return identity;
}

/** The URL of this workflow run, for trailers, statuses and pull requests. */
export function runUrl(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (!env.GITHUB_SERVER_URL || !env.GITHUB_REPOSITORY || !env.GITHUB_RUN_ID) return undefined;
  return `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`;
}

export interface AllowedFolder {
  /** How the message names it: `the workspace`, `RUNNER_TEMP`. */
  readonly label: string;
  readonly dir: string;
}

/**
 * A path input resolved against the first folder and kept inside one of `folders`, symbolic links followed:
 * a step must not read or write outside what the job gave it. Returns the absolute path.
 */
export function pathInsideInput(name: string, value: string, folders: readonly AllowedFolder[]): string {
  const [first] = folders;
  if (!first) throw new Error('pathInsideInput needs at least one folder');
  const absolute = path.resolve(first.dir, value);
  for (const folder of folders) {
    const dir = path.resolve(folder.dir);
    if (!isWithin(dir, absolute)) continue;
    const relative = path.relative(dir, absolute).split(path.sep).join('/') || '.';
    if (staysInsideRepository(dir, relative)) return absolute;
    throw new ConfigurationError(`input ${name}: ${value} goes through a symbolic link out of ${folder.label}`);
  }
  throw new ConfigurationError(
    `input ${name}: ${value} is outside ${folders.map((folder) => folder.label).join(' and ')}; name a path inside`,
  );
}
