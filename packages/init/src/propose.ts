// `gitops init`: reads a config repository as it stands and proposes its gitops.yaml. Nothing is written here.
import { existsSync, statSync } from 'node:fs';
import { byUsualOrder, isUsualEnvironmentName } from '@gitops/config';
import { UserError } from '@gitops/errors';
import { environmentImageSites, FileCache } from '@gitops/manifests';
import { proposeApps, type ScannedEnvironment } from './apps';
import { proposeController } from './controllers';
import { type Candidate, controllerCandidates, folderCandidates } from './environments';
import { fact, guess, type Note, type Proposal, type ProposedEnvironment } from './model';
import { readRepositoryYaml, type YamlDocument } from './repository-yaml';

export class InitError extends UserError {}

export interface ProposeRequest {
  readonly root: string;
  readonly argocdServer?: string | undefined;
}

export function proposeConfig(request: ProposeRequest): Proposal {
  const { root } = request;
  if (!existsSync(root) || !statSync(root).isDirectory()) throw new InitError(`${root} is not a folder`);
  const repository = readRepositoryYaml(root);
  if (repository.files.length === 0) throw new InitError(`${root} holds no YAML file: there is nothing to adopt`);
  const notes: Note[] = [];
  const cache = new FileCache(root);
  const scannedEnvironments = scanEnvironments({ root, cache }, repository.documents, notes);
  if (repository.truncated)
    notes.push(
      fact('the repository has more YAML files than init reads; those after the first 5,000 were not looked at'),
    );
  const apps = proposeApps(cache, scannedEnvironments);
  return {
    environments: scannedEnvironments.map((env) =>
      proposeEnvironment(env, {
        root,
        documents: repository.documents,
        apps: apps.map((app) => app.name),
        argocdServer: request.argocdServer,
      }),
    ),
    apps,
    notes,
  };
}

/** The environments in promotion order, each with the image sites of what it renders; notes say what was left. */
function scanEnvironments(
  { root, cache }: { root: string; cache: FileCache },
  documents: readonly YamlDocument[],
  notes: Note[],
): ScannedEnvironment[] {
  let candidates = [...folderCandidates(root), ...controllerCandidates(root, documents)];
  if (candidates.length === 0)
    throw new InitError(
      `${root}: no environment found: no envs/*, environments/*, overlays/* or clusters/*/apps folder, and no Argo CD Application or Flux Kustomization that names a folder`,
    );
  // A folder that holds other environments' folders (an app's root over its overlays) is not one itself.
  const parents = candidates.filter((candidate) =>
    candidates.some((other) => other.path.startsWith(`${candidate.path}/`)),
  );
  for (const parent of leftOut(parents, []))
    notes.push(fact(`left out ${parent.path} (${parent.from}): it holds the folders of other environments`));
  candidates = candidates.filter((candidate) => !parents.includes(candidate));
  const scanned = new Map<string, ScannedEnvironment>();
  for (const folder of [...new Set(candidates.map((candidate) => candidate.path))]) {
    if (!existsSync(`${root}/${folder}`)) continue;
    const { sites } = environmentImageSites(root, folder, cache);
    if (sites.length > 0) scanned.set(folder, { name: '', path: folder, sites });
  }
  const withImages = candidates.filter((candidate) => scanned.has(candidate.path));
  for (const left of leftOut(candidates, withImages))
    notes.push(fact(`left out ${left.path} (${left.from}): no image is written there`));
  if (withImages.length === 0)
    throw new InitError(
      `${root}: no container image is written in ${describe(candidates)}: there is no app to deliver`,
    );
  const environments = environmentsOf(withImages).sort((a, b) => byUsualOrder(a.name, b.name));
  notes.push(...orderNotes(environments, withImages));
  return environments.map((env) => ({ ...(scanned.get(env.path) as ScannedEnvironment), name: env.name }));
}

/** Guesses to check: environments known by their folders' names alone, and an order that is partly alphabetical. */
function orderNotes(environments: readonly Candidate[], candidates: readonly Candidate[]): Note[] {
  const notes: Note[] = [];
  const confirmed = new Set(
    candidates.filter((candidate) => !candidate.from.startsWith('folders named')).map((candidate) => candidate.path),
  );
  const byName = environments.filter((env) => !confirmed.has(env.path));
  if (byName.length > 0)
    notes.push(guess(`${byName.map((env) => env.path).join(', ')}: environments by their folders' names alone`));
  const unusual = environments.filter((env) => !isUsualEnvironmentName(env.name)).map((env) => env.name);
  if (unusual.length > 0)
    notes.push(
      guess(
        `the order ${environments.map((env) => env.name).join(' → ')} puts ${unusual.join(', ')} by name: check it`,
      ),
    );
  return notes;
}

/** One candidate per folder and name; two names for one folder, or two folders for one name, is a conflict. */
function environmentsOf(candidates: readonly Candidate[]): Candidate[] {
  const byPath = new Map<string, Candidate>();
  const byName = new Map<string, Candidate>();
  for (const candidate of candidates) {
    const samePath = byPath.get(candidate.path);
    if (samePath && samePath.name !== candidate.name)
      throw new InitError(
        `conflicting layouts: ${candidate.path} is environment "${samePath.name}" by ${samePath.from} and "${candidate.name}" by ${candidate.from}`,
      );
    const sameName = byName.get(candidate.name);
    if (sameName && sameName.path !== candidate.path)
      throw new InitError(
        `conflicting layouts: environment "${candidate.name}" is ${sameName.path} by ${sameName.from} and ${candidate.path} by ${candidate.from}`,
      );
    byPath.set(candidate.path, candidate);
    byName.set(candidate.name, candidate);
  }
  return [...byPath.values()];
}

function proposeEnvironment(
  env: ScannedEnvironment,
  context: Omit<Parameters<typeof proposeController>[0], 'environment'>,
): ProposedEnvironment {
  const pinned = env.sites.every((site) => site.image.digest !== undefined || /@sha256:/.test(site.value));
  const production = /^prod(uction)?$/i.test(env.name);
  const { controller, notes } = proposeController({ environment: env, ...context });
  return {
    name: env.name,
    path: env.path,
    requireDigest: pinned,
    via: production ? 'pull-request' : 'commit',
    controller,
    notes: [
      fact(
        pinned
          ? 'every image here is pinned by digest: require-digest keeps it so'
          : 'images here are written by tag: require-digest is off until they are pinned',
      ),
      ...(production ? [guess('production: changes land as pull requests for review')] : []),
      ...notes,
    ],
  };
}

function leftOut(all: readonly Candidate[], kept: readonly Candidate[]): Candidate[] {
  const keptPaths = new Set(kept.map((candidate) => candidate.path));
  const seen = new Set<string>();
  return all.filter(
    (candidate) => !keptPaths.has(candidate.path) && !seen.has(candidate.path) && seen.add(candidate.path),
  );
}

function describe(candidates: readonly Candidate[]): string {
  const folders = [...new Set(candidates.map((candidate) => candidate.path))];
  return folders.length > 4 ? `${folders.slice(0, 4).join(', ')} and ${folders.length - 4} more` : folders.join(', ');
}
