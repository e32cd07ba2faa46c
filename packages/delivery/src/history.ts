// What the audit trail says about an app in an environment: its last changes, newest first.
import { type CommitRecord, type ConfigCheckout, findInHistory } from '@gitops/git';
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
