// Path inputs (validate's path and sarif): kept inside the folders the job gave the step, links followed. A
// subpath of the kit, so actions without path inputs do not bundle the config package it needs.
import * as path from 'node:path';
import { isWithin, staysInsideRepository } from '@gitops/config';
import { ConfigurationError } from './inputs';

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
