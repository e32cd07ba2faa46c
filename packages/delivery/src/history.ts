// What the audit trail says about an app in an environment: its last changes, newest first.
import { type CommitRecord, type ConfigCheckout, findInHistory, historySince } from '@gitops/git';
import { type AppRecord, type ChangeRecord, parseChangeRecord } from './trailers';

export interface AppChange {
  readonly commit: CommitRecord;
  readonly record: ChangeRecord;
  readonly app: AppRecord;
}

/** The change a commit made to `app` in `environment`, if it made one. */
export function changeOf(commit: CommitRecord, environment: string, app: string): AppChange | undefined {
  const record = parseChangeRecord(commit.trailers);
  if (!record || record.environment !== environment) return undefined;
  const entry = record.apps.find((candidate) => candidate.app === app);
  return entry ? { commit, record, app: entry } : undefined;
}

/** The `nth` (1 = last) change of `app` in `environment`, searching back at most `maxCommits`. */
export async function nthChange(
  checkout: ConfigCheckout,
  environment: string,
  app: string,
  nth = 1,
  maxCommits = 2048,
) {
  // Each deepening round reads history from the tip again: count changes by commit.
  const seen = new Set<string>();
  let found: AppChange | undefined;
  await findInHistory(
    checkout,
    (commit) => {
      const change = changeOf(commit, environment, app);
      if (change) seen.add(commit.sha);
      if (change && seen.size === nth) found = change;
      return found !== undefined;
    },
    maxCommits,
  );
  return found;
}

/** The change that put `image` into `environment` (to carry its source on). */
export async function changeThatDeployed(checkout: ConfigCheckout, environment: string, app: string, image: string) {
  let found: AppChange | undefined;
  await findInHistory(checkout, (commit) => {
    const change = changeOf(commit, environment, app);
    if (change && change.app.image === image) found = change;
    return found !== undefined;
  });
  return found;
}

/** The last recorded change of the app when its source is newer than ours. */
export async function newerSource(
  checkout: ConfigCheckout,
  environment: string,
  app: string,
  ours: { time: string | undefined } | undefined,
) {
  if (!ours?.time) return undefined;
  // A change built from a newer source than ours was committed after our source was: only commits since
  // then (less an hour for clocks that disagree) can hold one.
  const since = new Date(Date.parse(ours.time) - 3_600_000);
  const last = (await historySince(checkout, since)).map((commit) => changeOf(commit, environment, app)).find(Boolean);
  const theirs = last?.app.sourceTime;
  if (!last || !theirs || Date.parse(theirs) <= Date.parse(ours.time)) return undefined;
  return { image: last.app.image, source: last.app.source, sourceTime: theirs, run: last.record.run };
}
