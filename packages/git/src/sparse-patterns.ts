// The sparse checkout's patterns: a repository path as a pattern that matches exactly it, and the links an
// included file brings along.
import { lstatSync, readlinkSync } from 'node:fs';
import * as path from 'node:path';

/** Links followed from one included file to the next, at most. */
export const maxLinkDepth = 8;

/**
 * A repository path as a sparse-checkout pattern that matches exactly that path: gitignore syntax would read
 * `*`, `?`, `[`, a backslash and trailing blanks as pattern syntax, so each is escaped (`web[blue].yaml` is a
 * file name, not a character class).
 */
export function sparsePattern(entry: string): string {
  const escaped = entry
    .replace(/^\/+/, '')
    .replace(/[\\*?[\]!#]/g, (c) => `\\${c}`)
    .replace(/ +$/, (blanks) => blanks.replace(/ /g, '\\ '));
  return `/${escaped}`;
}

/** Where a checked-out symbolic link points, as a repository path; undefined for anything else or outside. */
export function linkTarget(dir: string, entry: string): string | undefined {
  const file = path.join(dir, entry);
  const stats = lstatSync(file, { throwIfNoEntry: false });
  if (!stats?.isSymbolicLink()) return undefined;
  const target = path.posix.normalize(path.posix.join(path.posix.dirname(entry), readlinkSync(file)));
  // A link out of the repository is not followed here; reading the file refuses it with its reason.
  return path.posix.isAbsolute(target) || target.startsWith('../') || target === '..' ? undefined : target;
}
