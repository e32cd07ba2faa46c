// The one planner of deploy, rollback and promote: given the files of the clone (read through a FileCache, no
// git) and the history records already read, it decides per app whether to write, and why not, and returns the
// file edits and the trailers' records. Deploy and promote only gather what it needs: what is wanted, from where.

import type { AppRecord, ChangeAction, Rejection, WaveRecord } from '@gitops/audit';
import { newerChange } from '@gitops/audit';
import type { App, Environment, GitopsConfig } from '@gitops/config';
import type { CommitRecord } from '@gitops/git';
import { formatImageRef, type ImageRef, sameImage } from '@gitops/image-ref';
import {
  type FileCache,
  type FileChange,
  matcherFor,
  planImageChanges,
  readImage,
  targetsFor,
} from '@gitops/manifests';
import { DeliveryError } from './errors';

/** Why nothing is written for an app. */
export type SkipReason =
  | { readonly kind: 'already-there' }
  | {
      readonly kind: 'newer-source';
      /** What the environment runs, built from a newer source than the image wanted. */
      readonly image: string;
      readonly source: string | undefined;
      readonly sourceTime: string;
      /** The run that wrote it, when its trailers say. */
      readonly run: string | undefined;
    }
  | {
      /** The image was rolled back out of the environment (rejected there) by this rollback. */
      readonly kind: 'rejected';
      readonly rejection: Rejection;
    };

/** What a change wants for one app. */
export interface Wanted {
  readonly app: App;
  readonly to: ImageRef;
  /** Where the image was built from (for the trailers, and the newer-source rule). */
  readonly source?: { readonly id?: string | undefined; readonly time?: string | undefined } | undefined;
  /** Replace the image even when the environment runs one built from a newer source (rollback, allow-older). */
  readonly evenIfOlder?: boolean;
  /** In a fleet: the wave to write, whatever its clusters run (a rollback of that wave). */
  readonly wave?: WaveRecord | undefined;
}

export interface Decision {
  readonly app: string;
  /** What the environment ran before. */
  readonly previous: string | undefined;
  /** What it runs after the change (the wanted image, or the one kept). */
  readonly image: string;
  readonly skip?: SkipReason;
}

export interface PlannedChange {
  readonly decisions: readonly Decision[];
  readonly changes: FileChange[];
  /** One per app written, for the commit's trailers. */
  readonly records: readonly AppRecord[];
}

export interface PlanInput {
  /** The clone's files (what deploy and promote checked out), with the edits of earlier plans. */
  readonly files: FileCache;
  readonly config: GitopsConfig;
  readonly environment: Environment;
  readonly wanted: readonly Wanted[];
  /**
   * Commits that may record a newer source (newest first), from whoever plans. Asked for only when an app is
   * neither there already nor wanted even if older: a plan with nothing to write reads no history.
   */
  readonly recent: () => Promise<readonly CommitRecord[]>;
  /**
   * The rollback that rejected an image here, if one did; asked only of images about to be written. Undefined:
   * nothing is rejected (a rollback, or allow-rejected).
   */
  readonly rejected?: ((app: string, image: string) => Promise<Rejection | undefined>) | undefined;
  /** What a rejected image does: refuse the whole change (deploy, promote of named apps) or leave the app out. */
  readonly onRejected?: 'refuse' | 'skip';
  /** A folder to find and write every app's image in, instead of its targets (a cluster of a fleet). */
  readonly scope?: string | undefined;
}

/** Decides, for each wanted app in order, to write it or why not. Throws what no plan can get past. */
export async function planChange(input: PlanInput): Promise<PlannedChange> {
  const { config, environment } = input;
  const decisions: Decision[] = [];
  const records: AppRecord[] = [];
  const writes = [];
  for (const wanted of input.wanted) {
    const { app, to } = wanted;
    const targets = input.scope === undefined ? targetsFor(config, app, environment.name) : { search: input.scope };
    const matcher = matcherFor(app, environment.name);
    const current = readImage(input.files, targets, matcher).image;
    const previous = current ? formatImageRef(current) : undefined;
    const image = formatImageRef(to);
    if (current && sameImage(current, to) && current.tag === to.tag) {
      decisions.push({ app: app.name, previous, image, skip: { kind: 'already-there' } });
      continue;
    }
    const newer = wanted.evenIfOlder
      ? undefined
      : newerChange(await input.recent(), environment.name, app.name, wanted.source?.time);
    if (newer) {
      decisions.push({
        app: app.name,
        previous,
        image: previous ?? '',
        skip: { kind: 'newer-source', ...newer },
      });
      continue;
    }
    const rejection = await input.rejected?.(app.name, image);
    if (rejection && input.onRejected !== 'skip') throw rejectedError(rejection, environment.name, app.name);
    if (rejection) {
      decisions.push({ app: app.name, previous, image: previous ?? '', skip: { kind: 'rejected', rejection } });
      continue;
    }
    if (environment.requireDigest && to.digest === undefined) {
      throw new DeliveryError(
        `environment "${environment.name}" requires images pinned by digest (require-digest); ${image} of app "${app.name}" has none`,
        { kind: 'refused' },
      );
    }
    writes.push({ matcher, to, targets });
    decisions.push({ app: app.name, previous, image });
    records.push({ app: app.name, image, previous, source: wanted.source?.id, sourceTime: wanted.source?.time });
  }
  const changes = writes.length ? planImageChanges(input.files, writes) : [];
  // Edits that change no byte (the image was written another way already): nothing to do for those apps.
  if (changes.length === 0) {
    return {
      decisions: decisions.map((d) => (d.skip ? d : { ...d, skip: { kind: 'already-there' } })),
      changes,
      records: [],
    };
  }
  return { decisions, changes, records };
}

/** A skip reason as outputs, summaries and the CLI show it. */
export function describeSkip(skip: SkipReason, action: ChangeAction): string {
  switch (skip.kind) {
    case 'already-there':
      return action === 'promote' ? 'already there' : 'already deployed';
    case 'newer-source':
      return `a newer source runs (${skip.sourceTime})`;
    case 'rejected':
      return `rejected: rolled back by ${skip.rejection.commit.slice(0, 7)}`;
  }
}

/** The words for a rejected image: which rollback, and how the team can decide otherwise. */
export function rejectedLine(rejection: Rejection, environment: string, app: string): string {
  const run = rejection.run ? ` (${rejection.run})` : '';
  return `${rejection.image} of app "${app}" was rolled back out of ${environment} by ${rejection.commit.slice(0, 7)} at ${rejection.committedAt}${run}; it stays out until a change with allow-rejected: true brings it back`;
}

function rejectedError(rejection: Rejection, environment: string, app: string): DeliveryError {
  return new DeliveryError(rejectedLine(rejection, environment, app), { kind: 'refused' });
}

/** The warning a newer-source skip is logged with. */
export function newerSourceWarning(
  skip: Extract<SkipReason, { kind: 'newer-source' }>,
  environment: string,
  app: string,
  ours: string,
): string {
  const source = skip.source ? `${skip.source} at ${skip.sourceTime}` : skip.sourceTime;
  return `${environment} already runs ${skip.image} of app "${app}", built from a newer source (${source}) than ${ours}; not replacing it (allow-older: true forces it)${skip.run ? `; written by ${skip.run}` : ''}`;
}
