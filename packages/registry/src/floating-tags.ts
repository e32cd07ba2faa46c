// Floating tags that only move forward. A release pushes its exact version (`1.2.1`) and the tags that float over
// it (`1.2`, `1`, `latest`); a patch of an older line must not take `1` or `latest` back in time
// (docker/metadata-action#80, #326). Each floating tag moves only when the version pushed is the highest the
// registry holds for its line, its exact tags read from the repository's tag list and compared with semver; a
// pre-release never moves one.
import semver from 'semver';
import type { RegistryClient } from './client';
import { listTags } from './tags';

export type FloatingTags = 'forward' | 'always';

export interface FloatingPlan {
  /** The tags to push. */
  readonly push: readonly string[];
  /** Floating tags left where they are, and why. */
  readonly held: readonly { readonly tag: string; readonly reason: string }[];
}

/** `X.Y.Z` (and pre-releases): the exact version a set of tags is about, the most precise semver tag among them. */
export function exactVersion(tags: readonly string[]): semver.SemVer | undefined {
  const versions = tags.flatMap((tag) => {
    const parsed = /^v?\d+\.\d+\.\d+/.test(tag) ? semver.parse(tag, { loose: false }) : null;
    return parsed ? [parsed] : [];
  });
  return versions.sort(semver.rcompare)[0];
}

/** The line a floating tag stands for over `version`: `1` → major 1, `1.2` → 1.2, `latest` → all; else none. */
function lineOf(tag: string, version: semver.SemVer): ((other: semver.SemVer) => boolean) | undefined {
  const bare = tag.replace(/^v/, '');
  if (tag === 'latest') return () => true;
  if (bare === `${version.major}`) return (other) => other.major === version.major;
  if (bare === `${version.major}.${version.minor}`)
    return (other) => other.major === version.major && other.minor === version.minor;
  return undefined;
}

/**
 * Which of `tags` to push given the tags the repository holds: all of them with `always`, or without an exact
 * version among them; else the exact ones, and each floating one whose line holds nothing higher than the version.
 */
export function floatingPlan(tags: readonly string[], existing: readonly string[], mode: FloatingTags): FloatingPlan {
  const version = exactVersion(tags);
  if (mode === 'always' || !version) return { push: [...tags], held: [] };
  const released = existing.flatMap((tag) => {
    const parsed = /^v?\d+\.\d+\.\d+$/.test(tag) ? semver.parse(tag) : null;
    return parsed && parsed.prerelease.length === 0 ? [parsed] : [];
  });
  const push: string[] = [];
  const held: { tag: string; reason: string }[] = [];
  for (const tag of tags) {
    const line = lineOf(tag, version);
    if (!line) {
      push.push(tag);
      continue;
    }
    if (version.prerelease.length > 0) {
      held.push({ tag, reason: `${version.version} is a pre-release` });
      continue;
    }
    const higher = released.filter(line).sort(semver.rcompare)[0];
    if (higher && semver.gt(higher, version))
      held.push({ tag, reason: `the registry holds ${higher.version}, higher than ${version.version}` });
    else push.push(tag);
  }
  return { push, held };
}

/** The plan for the tags pushed to one repository: its tag list is read only when a floating tag is among them. */
export async function forwardTags(
  client: RegistryClient,
  repository: string,
  tags: readonly string[],
  mode: FloatingTags,
): Promise<FloatingPlan> {
  const version = exactVersion(tags);
  if (mode === 'always' || !version || !tags.some((tag) => lineOf(tag, version))) return { push: [...tags], held: [] };
  return floatingPlan(tags, await listTags(client, repository), mode);
}
