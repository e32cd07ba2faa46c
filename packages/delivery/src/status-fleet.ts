// A fleet as `gitops status` shows it: per app, which versions run on how many clusters, and how far the rollout
// is: the waves, from the first, whose every cluster runs what the first wave runs (the first wave leads: a
// rollout starts there).
import type { Environment, GitopsConfig } from '@gitops/config';
import { formatImageRef } from '@gitops/image-ref';
import { readClusterImages } from '@gitops/manifests';

export interface FleetVersion {
  /** The whole reference; null where the cluster has no image of the app. */
  readonly image: string | null;
  readonly clusters: readonly string[];
}

export interface FleetApp {
  /** Most clusters first. */
  readonly versions: readonly FleetVersion[];
  /** The image the first wave runs: where every rollout starts. */
  readonly leading: string | null;
  /** Waves from the first whose every cluster runs the leading image, of all waves. */
  readonly waves: { readonly done: number; readonly of: number };
  /** Cluster name → what it runs. */
  readonly clusters: Readonly<Record<string, string | null>>;
}

/** App → its state across the fleet. */
export function fleetApps(config: GitopsConfig, environment: Environment): Map<string, FleetApp> {
  const fleet = environment.fleet;
  const apps = new Map<string, FleetApp>();
  if (!fleet) return apps;
  const byApp = new Map<string, Record<string, string | null>>();
  for (const reading of readClusterImages(config, environment)) {
    const clusters = byApp.get(reading.app) ?? {};
    clusters[reading.cluster] = reading.image ? formatImageRef(reading.image) : null;
    byApp.set(reading.app, clusters);
  }
  for (const [app, clusters] of byApp) {
    if (Object.values(clusters).every((image) => image === null)) continue;
    const leading = clusters[fleet.waves[0]?.[0] ?? ''] ?? null;
    let done = 0;
    while (done < fleet.waves.length && (fleet.waves[done] ?? []).every((name) => clusters[name] === leading)) done++;
    apps.set(app, { versions: versionsOf(clusters), leading, waves: { done, of: fleet.waves.length }, clusters });
  }
  return apps;
}

function versionsOf(clusters: Readonly<Record<string, string | null>>): FleetVersion[] {
  const groups = new Map<string | null, string[]>();
  for (const [cluster, image] of Object.entries(clusters)) groups.set(image, [...(groups.get(image) ?? []), cluster]);
  return [...groups]
    .map(([image, names]) => ({ image, clusters: names }))
    .sort((a, b) => b.clusters.length - a.clusters.length);
}

/** `1.4.2 on 140/200 (wave 3/4), 1.4.1 on 60`, each image as `short` shows it. */
export function fleetCell(state: FleetApp, short: (image: string | null) => string): string {
  const total = Object.keys(state.clusters).length;
  const [first, ...rest] = [
    ...state.versions.filter((version) => version.image === state.leading),
    ...state.versions.filter((version) => version.image !== state.leading),
  ];
  if (!first) return '-';
  if (rest.length === 0) return `${short(first.image)} on all ${total}`;
  const head = `${short(first.image)} on ${first.clusters.length}/${total} (wave ${state.waves.done}/${state.waves.of})`;
  return [head, ...rest.map((version) => `${short(version.image)} on ${version.clusters.length}`)].join(', ');
}
