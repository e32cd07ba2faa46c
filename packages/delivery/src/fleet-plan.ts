// A change to a fleet is planned one wave at a time: the first wave, in gitops.yaml's order, with a cluster that
// does not run the wanted images yet. Each of its clusters is planned as an environment of its own (the one
// planner, on the cluster's folder), and the edits land in one commit that records the wave and its clusters.
// Where the rollout is comes from the files alone, so a second run continues where the first stopped.
import type { AppRecord, WaveRecord } from '@gitops/audit';
import type { Cluster, Fleet } from '@gitops/config';
import { formatImageRef, type ImageRef, sameImage } from '@gitops/image-ref';
import { matcherFor, readImage } from '@gitops/manifests';
import { DeliveryError } from './errors';
import { type Decision, type PlanInput, type PlannedChange, planChange, type Wanted } from './planner';

export interface FleetPlan extends PlannedChange {
  /** The wave written; undefined when every wave runs the wanted images already. */
  readonly wave: WaveRecord | undefined;
}

export interface FleetPlanInput extends PlanInput {
  readonly fleet: Fleet;
  /**
   * Checks the clusters' folders out before they are read: a clone holds only the waves it looks at, so writing the
   * first wave of 200 clusters checks out that wave's folders, not the fleet's. Default: every folder is there.
   */
  readonly include?: ((folders: readonly string[]) => Promise<void>) | undefined;
}

/** The edits of the next wave of a fleet, with the wave's record; per app, one decision for the whole wave. */
export async function planFleet(input: FleetPlanInput): Promise<FleetPlan> {
  const { fleet } = input;
  const runs = imagesRun(input);
  // A rollback names the wave it undoes; any other change writes the first wave not there yet.
  const named = input.wanted.find((entry) => entry.wave)?.wave;
  const wave = named ? ownWave(named, fleet) : await nextWave(input, runs);
  if (wave) await include(input, wave.clusters);
  await checkRunSomewhere(input, runs, wave?.clusters ?? []);
  if (!wave) return { ...allThere(input), wave: undefined };
  const planned: PlannedChange[] = [];
  for (const name of wave.clusters) planned.push(await planCluster(input, clusterNamed(fleet, name), runs));
  return { ...merged(input.wanted, planned), wave };
}

/** Every cluster that runs a wanted app runs the image wanted: nothing to write. */
function allThere(input: FleetPlanInput): PlannedChange {
  const decisions = input.wanted.map(({ app, to }) => {
    const image = formatImageRef(to);
    return { app: app.name, previous: image, image, skip: { kind: 'already-there' as const } };
  });
  return { decisions, changes: [], records: [] };
}

const nothing: PlannedChange = { decisions: [], changes: [], records: [] };

/** What a cluster runs of an app, read once and only when asked: a wave reads its own clusters, not the fleet's. */
type ImagesRun = (cluster: string, app: string) => ImageRef | undefined;

function imagesRun(input: FleetPlanInput): ImagesRun {
  const read = new Map<string, ImageRef | undefined>();
  return (cluster, app) => {
    const key = `${cluster}\n${app}`;
    if (!read.has(key)) {
      const wanted = input.wanted.find((entry) => entry.app.name === app) as Wanted;
      const folder = clusterNamed(input.fleet, cluster).path;
      const matcher = matcherFor(wanted.app, input.environment.name);
      read.set(key, readImage(input.files, { search: folder }, matcher).image);
    }
    return read.get(key);
  };
}

function include(input: FleetPlanInput, clusters: readonly string[]): Promise<void> {
  return input.include?.(clusters.map((name) => `${clusterNamed(input.fleet, name).path}/`)) ?? Promise.resolve();
}

/** Refuses an app no cluster runs: a fleet's change replaces images its clusters run, it does not add apps. */
async function checkRunSomewhere(input: FleetPlanInput, runs: ImagesRun, first: readonly string[]): Promise<void> {
  // The wave's clusters first: most often they answer, and no other cluster is read (or checked out).
  const missing = input.wanted.filter(({ app }) => !first.some((cluster) => runs(cluster, app.name)));
  if (missing.length === 0) return;
  const all = input.fleet.clusters.map((cluster) => cluster.name);
  await include(input, all);
  for (const { app } of missing)
    if (!all.some((cluster) => runs(cluster, app.name)))
      throw new DeliveryError(
        `app "${app.name}" has an image in no cluster of fleet "${input.environment.name}": a fleet's change replaces images its clusters run, it does not add apps`,
      );
}

/** The first wave with a cluster that runs a wanted app at another image than the one wanted. */
async function nextWave(input: FleetPlanInput, runs: ImagesRun): Promise<WaveRecord | undefined> {
  const { fleet } = input;
  for (const [index, names] of fleet.waves.entries()) {
    await include(input, names);
    const behind = names.some((name) =>
      input.wanted.some(({ app, to }) => {
        const current = runs(name, app.name);
        return current !== undefined && (!sameImage(current, to) || current.tag !== to.tag);
      }),
    );
    if (behind) return { index: index + 1, count: fleet.waves.length, clusters: names };
  }
  return undefined;
}

/** A wave recorded before, with the clusters the fleet no longer has left out. */
function ownWave(wave: WaveRecord, fleet: Fleet): WaveRecord {
  const clusters = wave.clusters.filter((name) => fleet.clusters.some((cluster) => cluster.name === name));
  return { ...wave, clusters };
}

function clusterNamed(fleet: Fleet, name: string): Cluster {
  return fleet.clusters.find((cluster) => cluster.name === name) as Cluster;
}

async function planCluster(input: FleetPlanInput, cluster: Cluster, runs: ImagesRun): Promise<PlannedChange> {
  const wanted = input.wanted.filter((entry) => runs(cluster.name, entry.app.name) !== undefined);
  if (wanted.length === 0) return nothing;
  return planChange({ ...input, wanted, scope: cluster.path });
}

/** One decision and one record per app across the wave's clusters: written where any cluster is written. */
function merged(wanted: readonly Wanted[], planned: readonly PlannedChange[]): PlannedChange {
  const decisions: Decision[] = [];
  const records: AppRecord[] = [];
  for (const { app } of wanted) {
    const ofApp = planned.flatMap((plan) => plan.decisions.filter((decision) => decision.app === app.name));
    const written = ofApp.filter((decision) => !decision.skip);
    const previous = mostCommon(written.map((decision) => decision.previous));
    const first = written[0] ?? ofApp[0];
    if (!first) continue;
    decisions.push(written.length ? { ...first, previous } : first);
    const record = planned.flatMap((plan) => plan.records).find((entry) => entry.app === app.name);
    if (record) records.push({ ...record, previous });
  }
  return { decisions, changes: planned.flatMap((plan) => plan.changes), records };
}

/** What most clusters of a wave ran before: the image a rollback of the wave brings back. */
function mostCommon(images: readonly (string | undefined)[]): string | undefined {
  const counts = new Map<string | undefined, number>();
  for (const image of images) counts.set(image, (counts.get(image) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}
