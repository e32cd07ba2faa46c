// Reading inputs: one helper per shape, so every action reads lists, numbers and choices the same way
// and a mistake names the input.

import * as core from '@actions/core';
import { UserError, type UserErrorOptions } from '@gitops/errors';
import { parse } from 'csv-parse/sync';

/** A mistake in the workflow (an input, the config repository): reported as one clear failure. */
export class ConfigurationError extends UserError {
  override name = 'ConfigurationError';
  constructor(message: string, options: UserErrorOptions = {}) {
    super(message, { kind: 'usage', ...options });
  }
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

export interface ListOptions {
  /** One item per line, commas kept: for values that hold commas themselves (`type=registry,ref=…`). */
  readonly ignoreComma?: boolean;
}

/** A list input, read as docker/actions-toolkit reads them (see parseList). */
export function listInput(name: string, options: ListOptions = {}): string[] {
  return parseList(core.getInput(name), options);
}

/**
 * Newline- or comma-separated values, as CSV: an item in double quotes is kept whole, commas and `#` included;
 * `#` starts a comment elsewhere; blanks are dropped. With ignoreComma, each line is one item. This is how
 * docker/actions-toolkit reads list inputs, so a line that works in docker/build-push-action works here.
 */
export function parseList(text: string, options: ListOptions = {}): string[] {
  if (text.trim() === '') return [];
  const records: string[][] = parse(text, {
    columns: false,
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: true,
    comment: '#',
  });
  const items: string[] = [];
  for (const record of records) {
    if (options.ignoreComma) items.push(record.join(','));
    else if (record.length === 1) items.push(...(record[0] ?? '').split(','));
    else items.push(...record);
  }
  return items.map((item) => item.trim()).filter((item) => item !== '');
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

/** The URL of this workflow run, for trailers, statuses and pull requests. */
export function runUrl(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (!env.GITHUB_SERVER_URL || !env.GITHUB_REPOSITORY || !env.GITHUB_RUN_ID) return undefined;
  return `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`;
}

/**
 * A secret's text (a key, a token, a kubeconfig) as given, line breaks and all; masked before anything logs. A
 * kubeconfig, in YAML or JSON, has the value of each key that holds a credential masked on its own (`token: …`
 * masks the token wherever it appears) and the lines that hold one; its other lines (`apiVersion: v1`, the server
 * address, the CA certificate) stay readable in error lines. Anything else is masked line by line.
 */
export function secretInput(name: string): string | undefined {
  const value = core.getInput(name);
  if (!value.trim()) return undefined;
  const credentials = credentialValues(value);
  if (credentials === undefined) {
    for (const line of value.split('\n')) if (line.trim().length > 8) core.setSecret(line.trim());
    return value;
  }
  for (const credential of credentials) core.setSecret(credential);
  for (const line of value.split('\n'))
    if (credentials.some((credential) => line.includes(credential))) core.setSecret(line.trim());
  return value;
}

/** The credentials of a kubeconfig in JSON or YAML, by key; undefined for text that is neither. */
function credentialValues(text: string): string[] | undefined {
  const long = (value: string) => value.length > 8;
  if (text.trim().startsWith('{')) {
    let document: unknown;
    try {
      document = JSON.parse(text);
    } catch {
      return undefined;
    }
    const found: string[] = [];
    const walk = (node: unknown, key: string) => {
      if (typeof node === 'string') {
        if (credentialKey.test(key) && long(node)) found.push(node);
      } else if (Array.isArray(node)) for (const item of node) walk(item, key);
      else if (node && typeof node === 'object') for (const [name, child] of Object.entries(node)) walk(child, name);
    };
    walk(document, '');
    return found;
  }
  const lines = text.split('\n').filter((line) => line.trim() && !line.trim().startsWith('#'));
  // YAML mappings only: a PEM key or a plain token has no `key: value` first line.
  if (!/^[\w.-]+:(\s|$)/.test(lines[0] ?? '')) return undefined;
  return lines.flatMap((line) => {
    const entry = /^[\s-]*([\w.-]+):\s+["']?(.*?)["']?\s*$/.exec(line);
    return entry?.[2] && long(entry[2]) && credentialKey.test(entry[1] ?? '') ? [entry[2]] : [];
  });
}

/** Keys whose values are credentials in a kubeconfig (token, client-key-data, password, id-token, …). */
const credentialKey = /token|key|secret|password|client-certificate|credential/i;

/**
 * A list input that replaced an older name (both read by the caller): the old one still works, with a warning
 * naming the new one. Both given is a mistake (which wins would be a guess).
 */
export function renamedList(
  current: { readonly name: string; readonly value: readonly string[] },
  old: { readonly name: string; readonly value: readonly string[] },
  why: string,
): string[] {
  if (old.value.length === 0) return [...current.value];
  if (current.value.length > 0)
    throw new ConfigurationError(`input ${old.name} is the old name of ${current.name}; give only ${current.name}`);
  core.warning(`input ${old.name} is deprecated: use ${current.name} (${why})`);
  return [...old.value];
}
