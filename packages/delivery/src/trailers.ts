// The commit message of a change to an environment: a subject people read, trailers tools read.
// `git interpret-trailers --parse` reads them; each app's block starts at its Gitops-App.
import { type ImageRef, parseImageRef, shortDigest } from '@gitops/image-ref';
import { printable } from '@gitops/markup';
import { DeliveryError } from './errors';

export type ChangeAction = 'deploy' | 'rollback' | 'promote';

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
  const scope = record.action === 'promote' ? `${record.environment} ← ${record.from}` : record.environment;
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
    ['Gitops-From', record.from],
    ['Gitops-Allow-Older', record.allowOlder ? 'true' : undefined],
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
    throw new DeliveryError(`${key} "${printable(value)}" holds a line break or control character; refused`);
  return value;
}

/** The change a commit records, from its parsed trailers; undefined for commits not made by gitops. */
export function parseChangeRecord(trailers: readonly [string, string][]): ChangeRecord | undefined {
  const get = (key: string) => trailers.find(([name]) => name.toLowerCase() === key.toLowerCase())?.[1];
  const action = get('Gitops-Action');
  const environment = get('Gitops-Environment');
  if (!action || !environment || !['deploy', 'rollback', 'promote'].includes(action)) return undefined;
  const apps: AppRecord[] = [];
  let current: { -readonly [K in keyof AppRecord]: AppRecord[K] } | undefined;
  for (const [key, value] of trailers) {
    switch (key.toLowerCase()) {
      case 'gitops-app':
        current = { app: value, image: '' };
        apps.push(current);
        break;
      case 'gitops-image':
        if (current) current.image = value;
        break;
      case 'gitops-previous-image':
        if (current) current.previous = value;
        break;
      case 'gitops-source':
        if (current) current.source = value;
        break;
      case 'gitops-source-time':
        if (current) current.sourceTime = value;
        break;
      case 'gitops-provenance':
        if (current) current.provenance = value;
        break;
      default:
        break;
    }
  }
  return {
    action: action as ChangeAction,
    environment,
    from: get('Gitops-From'),
    apps,
    run: get('Gitops-Run'),
    allowOlder: get('Gitops-Allow-Older') === 'true',
    change: get('Gitops-Change'),
  };
}
