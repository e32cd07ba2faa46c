// What the team decided about each environment, for `gitops status`: holds (who and why, from the hold commit's
// trailers, else from gitops.yaml), freeze windows in force now, and the images rejected there by a rollback.
import { parseChangeRecord, type Rejection, rejectedImages } from '@gitops/audit';
import { activeFreeze, type GitopsConfig } from '@gitops/config';
import type { CommitRecord } from '@gitops/git';

export interface HeldLine {
  readonly reason: string;
  readonly by: string | undefined;
  readonly at: string | undefined;
  /** The commit that held it, when the history read holds it. */
  readonly commit: string | undefined;
}

export interface LineStatus {
  /** Environment → its hold. */
  readonly held: Readonly<Record<string, HeldLine>>;
  /** Environment → the window in force now: its reason and end. */
  readonly frozen: Readonly<Record<string, { readonly reason: string | undefined; readonly until: string }>>;
  /** Environment → app → the images rolled back out of it, newest rollback first. */
  readonly rejected: Readonly<Record<string, Readonly<Record<string, readonly Rejection[]>>>>;
}

export function lineStatus(
  config: GitopsConfig,
  commits: readonly CommitRecord[],
  apps: readonly string[],
  now: Date,
): LineStatus {
  const held: Record<string, HeldLine> = {};
  const frozen: Record<string, { reason: string | undefined; until: string }> = {};
  const rejected: Record<string, Record<string, Rejection[]>> = {};
  for (const environment of config.environments) {
    const { name } = environment;
    if (environment.hold) held[name] = heldBy(environment.hold, holdCommit(commits, name));
    const freeze = activeFreeze(environment.freeze, now);
    if (freeze) frozen[name] = { reason: freeze.window.reason, until: freeze.untilText };
    const images = rejectedImages(commits, name, apps);
    if (images.size) rejected[name] = Object.fromEntries(images);
  }
  return { held, frozen, rejected };
}

/** The newest hold or unhold commit of `environment`: a hold's, when it is the one in force. */
function holdCommit(commits: readonly CommitRecord[], environment: string) {
  for (const commit of commits) {
    const record = parseChangeRecord(commit.trailers);
    if (record?.environment !== environment) continue;
    if (record.action === 'unhold') return undefined;
    if (record.action === 'hold') return { commit, record };
  }
  return undefined;
}

function heldBy(
  hold: { readonly reason: string; readonly by: string | undefined; readonly at: string | undefined },
  found: ReturnType<typeof holdCommit>,
): HeldLine {
  // The trailers are the record; gitops.yaml says the same unless someone edited it by hand since.
  const record = found?.record;
  return {
    reason: record?.reason ?? hold.reason,
    by: record?.by ?? hold.by,
    at: found?.commit.committedAt ?? hold.at,
    commit: found?.commit.sha,
  };
}
