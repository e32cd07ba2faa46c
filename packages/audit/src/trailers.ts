// The commit message of a change to an environment: a subject people read, trailers tools read.
// `git interpret-trailers --parse` reads them; each app's block starts at its Gitops-App.

import { UserError } from '@gitops/errors';
import { type ImageRef, parseImageRef, shortDigest } from '@gitops/image-ref';
import { printable } from '@gitops/markup';

/**
 * What a change does: write images (deploy, rollback, promote), stop and restart the line (hold, unhold), or open,
 * update and remove a pull request's preview (preview, preview-delete). Preview changes are no deployments of an
 * environment: their Gitops-Environment is the preview's folder, which no environment shares.
 */
export type ChangeAction = 'deploy' | 'rollback' | 'promote' | 'hold' | 'unhold' | 'preview' | 'preview-delete';

const actions: readonly string[] = ['deploy', 'rollback', 'promote', 'hold', 'unhold', 'preview', 'preview-delete'];

export interface AppRecord {
  readonly app: string;
  readonly image: string;
  readonly previous?: string | undefined;
  /** `owner/repo@sha` of the commit the image was built from. */
  readonly source?: string | undefined;
  /** Committer time of that commit (ISO 8601): orders versions. */
  readonly sourceTime?: string | undefined;
  /** The workflow whose verified attestation vouches for the image (`owner/repo/.github/workflows/f.yml@ref`). */
  readonly provenance?: string | undefined;
}

export interface ChangeRecord {
  readonly action: ChangeAction;
  readonly environment: string;
  readonly from?: string | undefined;
  readonly apps: readonly AppRecord[];
  readonly run?: string | undefined;
  /** The images replace even ones built from a newer source (allow-older): carried changes are checked so. */
  readonly allowOlder?: boolean | undefined;
  /** Unique per change, the same in every attempt: tells whether it landed, whoever pushed it. */
  readonly change?: string | undefined;
  /** The images may be ones rolled back out of the environment before (allow-rejected): the team decided so. */
  readonly allowRejected?: boolean | undefined;
  /** Why the change went through a freeze window (override-freeze). */
  readonly freezeOverride?: string | undefined;
  /** Why the line was stopped or started again (hold, unhold), and by whom. */
  readonly reason?: string | undefined;
  readonly by?: string | undefined;
  /** The pull request number a preview change is for (Gitops-Preview). */
  readonly preview?: string | undefined;
  /** The wave of a fleet the change wrote (Gitops-Wave: `2/4`, Gitops-Clusters: `eu-1, eu-2`). */
  readonly wave?: WaveRecord | undefined;
}

/** Which wave of a fleet a change wrote, and its clusters. */
export interface WaveRecord {
  /** 1-based. */
  readonly index: number;
  readonly count: number;
  readonly clusters: readonly string[];
}

/** `web 1.4.2 @ sha256:3f2a9c1d` */
export function describeImage(app: string, image: string): string {
  let ref: ImageRef | undefined;
  try {
    ref = parseImageRef(image);
  } catch {
    return `${app} ${image}`;
  }
  const parts = [app];
  if (ref.tag) parts.push(ref.tag);
  if (ref.digest) parts.push(`@ ${shortDigest(ref.digest)}`);
  return parts.join(' ');
}

/** The commit's subject: `deploy(dev): web 1.4.2 @ sha256:3f2a9c1d` */
export function changeSubject(record: ChangeRecord): string {
  const target = record.wave
    ? `${record.environment} wave ${record.wave.index}/${record.wave.count}`
    : record.environment;
  const scope = record.action === 'promote' ? `${target} ← ${record.from}` : target;
  if (record.action === 'hold' || record.action === 'unhold') return `${record.action}(${scope}): ${record.reason}`;
  if (record.action === 'preview-delete') return `preview-delete(#${record.preview}): ${record.reason}`;
  if (record.action === 'preview')
    return `preview(#${record.preview}): ${record.apps.map((app) => describeImage(app.app, app.image)).join(', ')}`;
  return `${record.action}(${scope}): ${record.apps.map((app) => describeImage(app.app, app.image)).join(', ')}`;
}

export function formatCommitMessage(record: ChangeRecord): string {
  const lines = changeTrailers(record).map(([key, value]) => `${key}: ${oneLine(key, value)}`);
  return `${oneLine('subject', changeSubject(record))}\n\n${lines.join('\n')}\n`;
}

/** The trailers of the record's commit, in order, as `git interpret-trailers --parse` reads them back. */
export function changeTrailers(record: ChangeRecord): [string, string][] {
  const trailers: [string, string | undefined][] = [
    ['Gitops-Action', record.action],
    ['Gitops-Environment', record.environment],
    ['Gitops-Preview', record.preview],
    ['Gitops-From', record.from],
    ['Gitops-Wave', record.wave && `${record.wave.index}/${record.wave.count}`],
    ['Gitops-Clusters', record.wave?.clusters.join(', ')],
    ['Gitops-Allow-Older', record.allowOlder ? 'true' : undefined],
    ['Gitops-Allow-Rejected', record.allowRejected ? 'true' : undefined],
    ['Gitops-Freeze-Override', record.freezeOverride],
    ['Gitops-Reason', record.reason],
    ['Gitops-By', record.by],
  ];
  for (const app of record.apps) {
    trailers.push(
      ['Gitops-App', app.app],
      ['Gitops-Image', app.image],
      ['Gitops-Previous-Image', app.previous],
      ['Gitops-Source', app.source],
      ['Gitops-Source-Time', app.sourceTime],
      ['Gitops-Provenance', app.provenance],
    );
  }
  trailers.push(['Gitops-Run', record.run], ['Gitops-Change', record.change]);
  return trailers.filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '');
}

/**
 * A trailer value must stay one line: a line break would start a trailer of its own, which rollback and promote
 * would then obey. Every value is checked here, whatever checked it before, so no path can forge one.
 */
function oneLine(key: string, value: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (/[\u0000-\u001f\u007f\u2028\u2029]/.test(value))
    throw new UserError(`${key} "${printable(value)}" holds a line break or control character; refused`);
  return value;
}

/** The change a commit records, from its parsed trailers; undefined for commits not made by gitops. */
export function parseChangeRecord(trailers: readonly [string, string][]): ChangeRecord | undefined {
  // One pass, each key lower-cased once: the metrics read this for every commit of a long history.
  const first: { [key: string]: string } = {};
  const apps: AppRecord[] = [];
  let current: { -readonly [K in keyof AppRecord]: AppRecord[K] } | undefined;
  for (const [name, value] of trailers) {
    const key = name.toLowerCase();
    if (key === 'gitops-app') {
      current = { app: value, image: '' };
      apps.push(current);
    } else if (current) setAppField(current, key, value);
    if (changeKeys.has(key) && !Object.hasOwn(first, key)) first[key] = value;
  }
  const action = first['gitops-action'];
  const environment = first['gitops-environment'];
  if (!action || !environment || !actions.includes(action)) return undefined;
  return {
    action: action as ChangeAction,
    environment,
    from: first['gitops-from'],
    apps,
    run: first['gitops-run'],
    allowOlder: first['gitops-allow-older'] === 'true',
    change: first['gitops-change'],
    allowRejected: first['gitops-allow-rejected'] === 'true',
    freezeOverride: first['gitops-freeze-override'],
    reason: first['gitops-reason'],
    by: first['gitops-by'],
    preview: first['gitops-preview'],
    wave: waveOf(first['gitops-wave'], first['gitops-clusters']),
  };
}

/** A wave's trailers read back; undefined where either is missing or not in the form gitops writes. */
function waveOf(wave: string | undefined, clusters: string | undefined): WaveRecord | undefined {
  const match = /^(\d{1,4})\/(\d{1,4})$/.exec(wave ?? '');
  if (!match || !clusters) return undefined;
  const names = clusters.split(',').map((name) => name.trim());
  if (names.some((name) => name === '')) return undefined;
  return { index: Number(match[1]), count: Number(match[2]), clusters: names };
}

/** The trailers that describe the change as a whole (the first of each counts). */
const changeKeys = new Set([
  'gitops-action',
  'gitops-environment',
  'gitops-from',
  'gitops-run',
  'gitops-allow-older',
  'gitops-change',
  'gitops-allow-rejected',
  'gitops-freeze-override',
  'gitops-reason',
  'gitops-by',
  'gitops-preview',
  'gitops-wave',
  'gitops-clusters',
]);

/** The trailers that follow a Gitops-App and describe it. */
function setAppField(app: { -readonly [K in keyof AppRecord]: AppRecord[K] }, key: string, value: string): void {
  if (key === 'gitops-image') app.image = value;
  else if (key === 'gitops-previous-image') app.previous = value;
  else if (key === 'gitops-source') app.source = value;
  else if (key === 'gitops-source-time') app.sourceTime = value;
  else if (key === 'gitops-provenance') app.provenance = value;
}
