// Which clusters of a fleet go in which wave. Label selectors put each cluster in the first wave whose labels it
// has, so `[{canary: "true"}, {region: eu}, {}]` means the canaries, then the rest of eu, then everything else ({}
// takes what no wave before it took); a cluster no wave takes is a mistake to report, not a choice to guess.
// Percentages take cumulative shares of the clusters in a stable order, the order of a hash of
// each name: a cluster's place does not depend on where it is listed, and a cluster added later takes its own
// place without reshuffling the others.
import { createHash } from 'node:crypto';

/** A wave as gitops.yaml writes it: a label selector, or a cumulative percentage. */
export type WaveSpec = Readonly<Record<string, string>> | number;

export interface WaveCluster {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
}

export interface WavePlan {
  /** The names of each wave's clusters, in the order the clusters are listed. */
  readonly waves: readonly (readonly string[])[];
  /** What is wrong, each about one wave (its index) or the list as a whole. */
  readonly problems: readonly { readonly wave?: number; readonly message: string }[];
}

export function planWaves(clusters: readonly WaveCluster[], specs: readonly WaveSpec[] | undefined): WavePlan {
  if (!specs || specs.length === 0) return { waves: [clusters.map((cluster) => cluster.name)], problems: [] };
  const numbers = specs.filter((spec): spec is number => typeof spec === 'number');
  if (numbers.length === specs.length) return percentWaves(clusters, numbers);
  if (numbers.length > 0)
    return { waves: [], problems: [{ message: 'mixes label selectors and percentages: use one or the other' }] };
  return selectorWaves(clusters, specs as readonly Readonly<Record<string, string>>[]);
}

function selectorWaves(
  clusters: readonly WaveCluster[],
  selectors: readonly Readonly<Record<string, string>>[],
): WavePlan {
  const problems: { wave?: number; message: string }[] = [];
  const empty = selectors
    .map((selector, index) => (Object.keys(selector).length === 0 ? index : -1))
    .filter((i) => i >= 0);
  for (const extra of empty.slice(1))
    problems.push({
      wave: extra,
      message: `{} takes the clusters no other wave takes, and wave ${(empty[0] ?? 0) + 1} is already {}`,
    });
  const rest = empty[0];
  const waves: string[][] = selectors.map(() => []);
  const nowhere: string[] = [];
  for (const cluster of clusters) {
    const first = selectors.findIndex(
      (selector, index) => index !== rest && Object.keys(selector).length > 0 && matches(selector, cluster.labels),
    );
    const wave = first >= 0 ? first : rest;
    if (wave === undefined) nowhere.push(cluster.name);
    else waves[wave]?.push(cluster.name);
  }
  if (nowhere.length)
    problems.push({
      message: `${plural(nowhere.length, 'cluster')} in no wave: ${nowhere.join(', ')}; add a wave that selects ${nowhere.length === 1 ? 'it' : 'them'}, or {} for the rest`,
    });
  return { waves, problems };
}

function percentWaves(clusters: readonly WaveCluster[], shares: readonly number[]): WavePlan {
  const problems: { wave?: number; message: string }[] = [];
  shares.forEach((share, index) => {
    const before = shares[index - 1];
    if (before !== undefined && share <= before)
      problems.push({
        wave: index,
        message: `${share}% after ${before}%: percentages are cumulative, each above the one before`,
      });
  });
  const last = shares.at(-1) ?? 100;
  const ordered = stableOrder(clusters);
  const count = (share: number) => Math.ceil((share / 100) * ordered.length - 1e-9);
  const placed = ordered.slice(0, count(last));
  if (last < 100 && placed.length < ordered.length) {
    const nowhere = ordered.slice(placed.length).map((cluster) => cluster.name);
    problems.push({
      wave: shares.length - 1,
      message: `the last wave ends at ${last}%, so ${plural(nowhere.length, 'cluster')} ${nowhere.length === 1 ? 'is' : 'are'} in no wave: ${nowhere.join(', ')}; end with 100`,
    });
  }
  const waveOf = new Map<string, number>();
  shares.forEach((share, index) => {
    for (const cluster of ordered.slice(0, count(share)))
      if (!waveOf.has(cluster.name)) waveOf.set(cluster.name, index);
  });
  const waves: string[][] = shares.map(() => []);
  for (const cluster of clusters) {
    const wave = waveOf.get(cluster.name);
    if (wave !== undefined) waves[wave]?.push(cluster.name);
  }
  return { waves, problems };
}

/** The clusters in the order of a hash of their names: the same wherever they are listed. */
export function stableOrder<C extends WaveCluster>(clusters: readonly C[]): C[] {
  const key = (name: string) => createHash('sha256').update(name).digest('hex');
  return [...clusters].sort((a, b) => (key(a.name) < key(b.name) ? -1 : key(a.name) > key(b.name) ? 1 : 0));
}

function matches(selector: Readonly<Record<string, string>>, labels: Readonly<Record<string, string>>): boolean {
  return Object.entries(selector).every(([key, value]) => labels[key] === value);
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
