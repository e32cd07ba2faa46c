// A change to a fleet is planned one wave at a time: the first wave, in gitops.yaml's order, with a cluster that
// does not run the wanted images yet. Each of its clusters is planned as an environment of its own (the one
// planner, on the cluster's folder), and the edits land in one commit that records the wave and its clusters.
// Where the rollout is comes from the files alone, so a second run continues where the first stopped.
import type { AppRecord, WaveRecord } from '@gitops/audit';
import type { Cluster, Fleet } from '@gitops/config';
import { type ImageRef, sameImage } from '@gitops/image-ref';
import { matcherFor, readImage } from '@gitops/manifests';
import { DeliveryError } from './errors';
import { type Decision, type PlanInput, type PlannedChange, planChange, type Wanted } from './planner';

export interface FleetPlan extends PlannedChange {
  /** The wave written; undefined when every wave runs the wanted images already. */
  readonly wave: WaveRecord | undefined;
}

export interface FleetPlanInput extends PlanInput {
  readonly fleet: Fleet;
}

/** The edits of the next wave of a fleet, with the wave's record; per app, one decision for the whole wave. */
export async function planFleet(input: FleetPlanInput): Promise<FleetPlan> {
  const { fleet } = input;
  const present = presentApps(input);
  // A rollback names the wave it undoes; any other change writes the first wave not there yet.
  const named = input.wanted.find((entry) => entry.wave)?.wave;
  const wave = named ? ownWave(named, fleet) : nextWave(input, present);
  if (!wave) return { ...(await planCluster(input, fleet.clusters[0], present)), wave: undefined };
  const planned: PlannedChange[] = [];
  for (const name of wave.clusters) planned.push(await planCluster(input, clusterNamed(fleet, name), present));
  return { ...merged(input.wanted, planned), wave };
}

/** Per cluster, the apps that have an image there: a fleet's clusters need not all run every app. */
function presentApps(input: FleetPlanInput): Map<string, Set<string>> {
  const present = new Map<string, Set<string>>();
  for (const cluster of input.fleet.clusters) {
    const apps = new Set<string>();
    for (const { app } of input.wanted) if (currentImage(input, cluster, app.name)) apps.add(app.name);
    present.set(cluster.name, apps);
  }
  for (const { app } of input.wanted)
    if (![...present.values()].some((apps) => apps.has(app.name)))
      throw new DeliveryError(
        `app "${app.name}" has an image in no cluster of fleet "${input.environment.name}": a fleet's change replaces images its clusters run, it does not add apps`,
      );
  return present;
}

function currentImage(input: FleetPlanInput, cluster: Cluster, app: string): ImageRef | undefined {
  const wanted = input.wanted.find((entry) => entry.app.name === app) as Wanted;
  return readImage(input.files, { search: cluster.path }, matcherFor(wanted.app, input.environment.name)).image;
}

/** The first wave with a cluster whose image of a wanted app is not the one wanted. */
function nextWave(input: FleetPlanInput, present: Map<string, Set<string>>): WaveRecord | undefined {
  const { fleet } = input;
  for (const [index, names] of fleet.waves.entries()) {
    const behind = names.some((name) =>
      input.wanted.some(({ app, to }) => {
        if (!present.get(name)?.has(app.name)) return false;
        const current = currentImage(input, clusterNamed(fleet, name), app.name);
        return !current || !sameImage(current, to) || current.tag !== to.tag;
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

async function planCluster(
  input: FleetPlanInput,
  cluster: Cluster | undefined,
  present: Map<string, Set<string>>,
): Promise<PlannedChange> {
  const apps = cluster ? (present.get(cluster.name) ?? new Set<string>()) : new Set<string>();
  const wanted = input.wanted.filter((entry) => apps.has(entry.app.name));
  if (!cluster || wanted.length === 0) return { decisions: [], changes: [], records: [] };
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
