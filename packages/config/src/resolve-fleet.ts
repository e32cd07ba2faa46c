// An environment that is a fleet: its clusters (listed, or every folder a glob finds), each with a folder that
// exists and a name that can stand for {cluster}, and the waves they are changed in. The checks a schema cannot
// make, each reported at its key: clusters in no wave, a cluster listed twice (it would be in two waves), two
// clusters sharing a folder, folders that do not exist.
import type { KeyPath } from './locate';
import type { Cluster, Fleet } from './model';
import { asRecord, type Data, type Resolving } from './resolving';
import { planWaves, type WaveSpec } from './waves';

const clusterName = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** The fleet of an environment entry that has `clusters:`; undefined when none can be made (problems say why). */
export function resolveFleet(input: {
  readonly raw: Data;
  readonly key: KeyPath;
  readonly context: Resolving;
}): Fleet | undefined {
  const { raw, key, context } = input;
  const found =
    typeof raw.clusters === 'string' ? globClusters(input, raw.clusters) : listedClusters(input, raw.clusters);
  if (found === undefined) return undefined;
  // The waves are planned with the clusters that could be read, so one run reports every problem.
  const specs = Array.isArray(raw.waves) ? (raw.waves as WaveSpec[]) : undefined;
  const plan = planWaves(found.clusters, specs);
  for (const problem of plan.problems)
    context.problem(problem.wave === undefined ? [...key, 'waves'] : [...key, 'waves', problem.wave], problem.message);
  if (plan.problems.length > 0 || !found.complete) return undefined;
  return { clusters: found.clusters, waves: plan.waves, wavePause: wavePause(raw['wave-pause']) };
}

/** `envs/prod/*`: every folder in envs/prod is a cluster of that name. */
function globClusters(
  input: { readonly key: KeyPath; readonly context: Resolving },
  glob: string,
): { clusters: Cluster[]; complete: boolean } | undefined {
  const { key, context } = input;
  const where = [...key, 'clusters'];
  const parent = context.insideRepository(glob.slice(0, -2), where);
  if (parent === undefined) return undefined;
  if (context.probe(parent) !== 'directory') {
    context.problem(where, `folder "${parent}" does not exist in the repository`);
    return undefined;
  }
  const location = context.locator.value(where);
  const names = context.folders(parent).sort();
  const bad = names.filter((name) => !clusterName.test(name));
  if (bad.length)
    context.problem(
      where,
      `folders ${bad.map((name) => `"${name}"`).join(', ')} cannot be cluster names (lower-case letters, digits and '-')`,
    );
  const clusters = names
    .filter((name) => clusterName.test(name))
    .map((name) => ({ name, path: `${parent}/${name}`, labels: {}, controller: undefined, location }));
  if (clusters.length === 0 && bad.length === 0)
    context.problem(where, `folder "${parent}" holds no folders: no clusters`);
  return { clusters, complete: bad.length === 0 && clusters.length > 0 };
}

/** The clusters as listed, each with its folder: its own path, or the environment's with {cluster} replaced. */
function listedClusters(
  input: { readonly raw: Data; readonly key: KeyPath; readonly context: Resolving },
  list: unknown,
): { clusters: Cluster[]; complete: boolean } | undefined {
  const { raw, key, context } = input;
  if (!Array.isArray(list)) return undefined;
  const pattern = typeof raw.path === 'string' && raw.path.includes('{cluster}') ? raw.path : undefined;
  const clusters: Cluster[] = [];
  const owners = new Map<string, string>();
  list.forEach((value, index) => {
    const entry = asRecord(value);
    const where = [...key, 'clusters', index];
    if (typeof entry.name !== 'string' || !clusterName.test(entry.name)) return; // the schema says why
    const name = entry.name;
    if (clusters.some((cluster) => cluster.name === name)) {
      context.problem([...where, 'name'], `cluster "${name}" is listed twice: it would be in two waves`);
      return;
    }
    const folder = clusterFolder(context, { entry, where, pattern, name });
    if (folder === undefined) return;
    const owner = owners.get(folder);
    if (owner) context.problem(where, `cluster "${name}" has the folder of cluster "${owner}" ("${folder}")`);
    owners.set(folder, name);
    const controller =
      entry.controller === undefined
        ? undefined
        : context.controller(asRecord(entry.controller), [...where, 'controller'], ['app', 'env', 'cluster']);
    const labels = Object.fromEntries(
      Object.entries(asRecord(entry.labels)).filter((label): label is [string, string] => typeof label[1] === 'string'),
    );
    clusters.push({ name, path: folder, labels, controller, location: context.locator.key(where) });
  });
  return { clusters, complete: clusters.length === list.length };
}

function clusterFolder(
  context: Resolving,
  cluster: {
    readonly entry: Data;
    readonly where: KeyPath;
    readonly pattern: string | undefined;
    readonly name: string;
  },
): string | undefined {
  const { entry, where, pattern, name } = cluster;
  const written = typeof entry.path === 'string' ? entry.path : pattern?.replaceAll('{cluster}', name);
  if (written === undefined) {
    context.problem(
      where,
      `cluster "${name}" needs a folder: give it a path, or put {cluster} in the environment's path`,
      true,
    );
    return undefined;
  }
  const at = typeof entry.path === 'string' ? [...where, 'path'] : where;
  const folder = context.insideRepository(written, at);
  if (folder === undefined) return undefined;
  if (context.probe(folder) !== 'directory') {
    context.problem(at, `folder "${folder}" of cluster "${name}" does not exist in the repository`, at === where);
    return undefined;
  }
  return folder;
}

/** `manual`, or a soak time in seconds (the schema's pattern: 90s, 10m, 2h). */
function wavePause(value: unknown): Fleet['wavePause'] {
  if (typeof value !== 'string') return undefined;
  if (value === 'manual') return 'manual';
  const amount = Number.parseInt(value, 10);
  const unit = { s: 1, m: 60, h: 3600 }[value.slice(-1)] ?? 1;
  return { seconds: amount * unit };
}
