// The grammar of what a commit trailer records about where an image came from. Trailers are read back by
// rollback, promote and the newer-source check, so a value that could smuggle a line break (and with it a
// trailer of its own) or that is not what it claims to be is refused before anything is written.
import { printable } from '@gitops/markup';
import { DeliveryError } from './errors';

export interface SourceCommit {
  /** `owner/repo@sha` */
  readonly id: string;
  /** Committer time, ISO 8601. */
  readonly time: string | undefined;
}

/** `owner/repo@<40 or 64 hex>`: GitHub's owner and repository name characters, a full SHA-1 or SHA-256 id. */
const sourceId = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9_.-]{1,100}@(?:[0-9a-f]{40}|[0-9a-f]{64})$/;
/** ISO 8601 date and time with seconds and a zone, as `git show --format=%cI` and GitHub events write it. */
const isoTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;

/** Why `id` is not a source commit, or undefined when it is one. */
export function sourceIdProblem(id: string): string | undefined {
  if (sourceId.test(id)) return undefined;
  return `"${printable(id)}" is not owner/repo@<full commit sha> (for example acme/web@${'0'.repeat(40)})`;
}

/** Why `time` is not an ISO 8601 time with a zone, or undefined when it is one. */
export function sourceTimeProblem(time: string): string | undefined {
  if (isoTime.test(time) && !Number.isNaN(Date.parse(time))) return undefined;
  return `"${printable(time)}" is not an ISO 8601 time with a zone (for example 2026-11-20T10:00:00Z)`;
}

/** The source, checked; throws a DeliveryError about `source` or `source-time` when it is malformed. */
export function checkSource(source: SourceCommit): SourceCommit {
  const idProblem = sourceIdProblem(source.id);
  if (idProblem) throw new DeliveryError(idProblem, { subject: 'source', kind: 'usage' });
  const timeProblem = source.time === undefined ? undefined : sourceTimeProblem(source.time);
  if (timeProblem) throw new DeliveryError(timeProblem, { subject: 'source-time', kind: 'usage' });
  return source;
}
