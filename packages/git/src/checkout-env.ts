// How git runs in the throwaway clone, and how its failures read: the environment it gets, what a command was
// doing when it failed, and a refused push's reason.
import { withGitConfig } from './git-config-env';
import type { Remote } from './remote';

/**
 * The remote's variables plus one setting: no automatic maintenance after each command. The checkout lives for
 * one change and is then removed, so git's `maintenance run --auto` after every fetch and commit is wasted.
 */
export function checkoutEnvironment(remote: Remote): Record<string, string> {
  return withGitConfig(remote.env, [['maintenance.auto', 'false']]);
}

/** What a git command in the clone does, as its failure's message starts. */
export function doing(args: readonly string[], display: string): string {
  switch (args[0]) {
    case 'fetch':
      return `fetching from ${display}`;
    case 'push':
      return `pushing to ${display}`;
    case 'ls-remote':
      return `reading the branches of ${display}`;
    default:
      return `git ${args[0]} in the clone of ${display}`;
  }
}

export function summarisePushError(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const remote = lines.filter((line) => line.startsWith('remote:')).map((line) => line.replace(/^remote:\s*/, ''));
  const rejected = lines.find((line) => line.includes('[remote rejected]') || line.includes('[rejected]'));
  return [...remote, rejected].filter(Boolean).join('; ') || lines.at(-1) || 'unknown reason';
}
