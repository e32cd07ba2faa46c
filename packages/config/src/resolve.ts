// Turns gitops.yaml data into the model, with the checks a schema cannot make: references between
// environments, promotion cycles, duplicate paths, image names, paths that leave the repository.
import { freezeWindows } from './freeze';
import { type KeyPath, keyPathText, type YamlLocator } from './locate';
import {
  type App,
  type ControllerSpec,
  type Environment,
  holdOf,
  type PendingChanges,
  type PolicyName,
  type Previews,
  type ProvenanceRule,
  type Severity,
  type Via,
} from './model';
import { PathEscapeError, type PathMemo, resolveInsideRepository } from './paths';
import { diskFolders, diskProbe, type FolderLister, type PathProbe } from './probes';
import type { ConfigProblem } from './problems';
import { resolveApp } from './resolve-apps';
import { resolveFleet } from './resolve-fleet';
import { resolvePreviews } from './resolve-previews';
import { asRecord, type Data, placeholder, type Resolving, unknownEnvironment } from './resolving';

export interface Resolved {
  environments: Environment[];
  apps: App[];
  policies: Partial<Record<PolicyName, Severity>>;
  allowedSigners: string | undefined;
  pendingChanges: PendingChanges;
  previews: Previews | undefined;
}

export class ConfigResolver implements Resolving {
  readonly problems: ConfigProblem[] = [];

  constructor(
    private readonly root: string,
    readonly locator: YamlLocator,
    readonly probe: PathProbe = diskProbe(root),
    private readonly lister: FolderLister = diskFolders(root),
  ) {}

  folders(parent: string): string[] {
    return this.lister(parent);
  }

  private readonly paths: PathMemo = { steps: new Map() };

  resolve(data: Data): Resolved {
    const environments = this.environments(asRecord(data.environments));
    const names = environments.map((environment) => environment.name);
    const apps = Object.entries(asRecord(data.apps)).flatMap(([name, value]) => {
      const app = resolveApp({ name, raw: asRecord(value), environments: names, context: this });
      return app ? [app] : [];
    });
    const policies = asRecord(data.policies) as Partial<Record<PolicyName, Severity>>;
    const allowedSigners =
      typeof data['allowed-signers'] === 'string'
        ? this.insideRepository(data['allowed-signers'], ['allowed-signers'])
        : undefined;
    // The schema allows only these two.
    const pendingChanges: PendingChanges = data['pending-changes'] === 'branches' ? 'branches' : 'refs';
    const previews =
      data.previews === undefined
        ? undefined
        : resolvePreviews({
            raw: asRecord(data.previews),
            environments,
            apps: data.apps === undefined ? undefined : apps,
            context: this,
          });
    return { environments, apps, policies, allowedSigners, pendingChanges, previews };
  }

  problem(where: KeyPath, message: string, onKey = false): void {
    const location = onKey ? this.locator.key(where) : this.locator.value(where);
    this.problems.push({ location, key: keyPathText(where), message });
  }

  private environments(raw: Data): Environment[] {
    const names = Object.keys(raw);
    const environments: Environment[] = [];
    const pathOwners = new Map<string, string>();
    names.forEach((name, index) => {
      const entry = asRecord(raw[name]);
      const key = ['environments', name];
      const fleet = entry.clusters === undefined ? undefined : resolveFleet({ raw: entry, key, context: this });
      const envPath = this.environmentPath(fleetFolder(entry), [...key, 'path']);
      if (envPath !== undefined) {
        const owner = pathOwners.get(envPath);
        if (owner !== undefined) {
          this.problem(
            [...key, 'path'],
            `"${envPath}" is already the path of environment "${owner}"; each environment needs its own folder`,
          );
        } else {
          pathOwners.set(envPath, name);
        }
      }
      const explicitFrom = typeof entry['promote-from'] === 'string' ? entry['promote-from'] : undefined;
      if (explicitFrom !== undefined && !names.includes(explicitFrom)) {
        this.problem([...key, 'promote-from'], unknownEnvironment(explicitFrom, names));
      } else if (explicitFrom === name) {
        this.problem([...key, 'promote-from'], `environment "${name}" cannot be promoted from itself`);
      }
      environments.push({
        name,
        path: envPath ?? String(entry.path ?? ''),
        promoteFrom: explicitFrom ?? (index > 0 ? names[index - 1] : undefined),
        via: entry.via === 'pull-request' ? 'pull-request' : ('commit' satisfies Via),
        requireDigest: entry['require-digest'] !== false || entry['require-provenance'] !== undefined,
        controller: this.controller(
          asRecord(entry.controller),
          [...key, 'controller'],
          entry.clusters === undefined ? undefined : ['app', 'env', 'cluster'],
        ),
        requireHealthy: entry['require-healthy'] === true || entry['auto-promote'] === true,
        autoPromote: entry['auto-promote'] === true,
        url: typeof entry.url === 'string' ? entry.url : undefined,
        requireProvenance: this.provenance(entry, key),
        freeze: freezeWindows(entry.freeze, (index, problem) => this.problem([...key, 'freeze', ...index], problem)),
        hold: holdOf(entry.hold),
        location: this.locator.key(key),
        ...(fleet ? { fleet } : {}),
      });
    });
    this.checkCycles(environments, raw);
    this.checkHealthGates(environments, raw);
    return environments;
  }

  controller(raw: Data, where: KeyPath, placeholders: readonly string[] = ['app', 'env']): ControllerSpec | undefined {
    const argocd = raw.argocd === undefined ? undefined : asRecord(raw.argocd);
    const flux = raw.flux === undefined ? undefined : asRecord(raw.flux);
    if (argocd && typeof argocd.server === 'string' && typeof argocd.application === 'string') {
      if (!this.checkNamePlaceholders(argocd.application, [...where, 'argocd', 'application'], placeholders))
        return undefined;
      return {
        kind: 'argocd',
        server: argocd.server.replace(/\/+$/, ''),
        name: argocd.application,
        namespace: typeof argocd.namespace === 'string' ? argocd.namespace : undefined,
        insecure: argocd.insecure === true,
      };
    }
    if (flux && typeof flux.name === 'string') {
      if (!this.checkNamePlaceholders(flux.name, [...where, 'flux', 'name'], placeholders)) return undefined;
      return {
        kind: 'flux',
        resource: flux.kind === 'HelmRelease' ? 'HelmRelease' : 'Kustomization',
        name: flux.name,
        namespace: typeof flux.namespace === 'string' ? flux.namespace : 'flux-system',
        server: typeof flux.server === 'string' ? flux.server.replace(/\/+$/, '') : undefined,
        insecure: flux.insecure === true,
        kubeconfigExec: flux['kubeconfig-exec'] === true,
      };
    }
    return undefined;
  }

  private provenance(entry: Data, key: KeyPath): ProvenanceRule | undefined {
    if (entry['require-provenance'] === undefined) return undefined;
    const raw = asRecord(entry['require-provenance']);
    const where = [...key, 'require-provenance'];
    // A tag can be moved after its digest was verified: what is verified must be what is written.
    if (entry['require-digest'] === false)
      this.problem([...key, 'require-digest'], 'require-provenance verifies digests, so it needs require-digest');
    const repositories = (Array.isArray(raw.repository) ? raw.repository : [raw.repository]).filter(
      (value): value is string => typeof value === 'string',
    );
    for (const [index, repository] of repositories.entries())
      this.checkNamePlaceholders(
        repository,
        Array.isArray(raw.repository) ? [...where, 'repository', index] : [...where, 'repository'],
      );
    const trustedRoot =
      typeof raw['trusted-root'] === 'string'
        ? this.insideRepository(raw['trusted-root'], [...where, 'trusted-root'])
        : undefined;
    // A sparse checkout's probe knows folders only; a missing file is reported where it is read.
    if (trustedRoot !== undefined && this.probe(trustedRoot) === 'directory')
      this.problem([...where, 'trusted-root'], `"${trustedRoot}" is a folder; trusted-root names a file`);
    return {
      repositories,
      ref: typeof raw.ref === 'string' ? raw.ref : undefined,
      signerWorkflow: typeof raw['signer-workflow'] === 'string' ? raw['signer-workflow'] : undefined,
      trustedRoot,
    };
  }

  /** Health is read from the source's controller: an environment that requires it needs a source that has one. */
  private checkHealthGates(environments: Environment[], raw: Data): void {
    const byName = new Map(environments.map((environment) => [environment.name, environment]));
    for (const environment of environments) {
      if (!environment.requireHealthy) continue;
      const entry = asRecord(raw[environment.name]);
      const key = entry['auto-promote'] === true ? 'auto-promote' : 'require-healthy';
      const where = ['environments', environment.name, key];
      const source = environment.promoteFrom === undefined ? undefined : byName.get(environment.promoteFrom);
      if (!source) {
        this.problem(
          where,
          `environment "${environment.name}" is promoted from nothing, so there is no health to go by`,
        );
      } else if (!source.controller) {
        this.problem(
          where,
          `needs the health of "${source.name}", its source: declare controller (argocd or flux) on environment "${source.name}"`,
        );
      }
    }
  }

  private checkNamePlaceholders(
    template: string,
    where: KeyPath,
    allowed: readonly string[] = ['app', 'env'],
  ): boolean {
    for (const match of template.matchAll(placeholder)) {
      const name = match[1] ?? '';
      if (!allowed.includes(name)) {
        const list = allowed.map((known) => `{${known}}`);
        this.problem(
          where,
          `unknown placeholder "{${name}}"; names may hold ${list.slice(0, -1).join(', ')} and ${list.at(-1)}`,
        );
        return false;
      }
    }
    return true;
  }

  private environmentPath(value: unknown, where: KeyPath): string | undefined {
    if (typeof value !== 'string' || value === '') return undefined;
    const relative = this.insideRepository(value, where);
    if (relative === undefined) return undefined;
    const kind = this.probe(relative);
    if (kind === 'missing') {
      this.problem(where, `folder "${relative}" does not exist in the repository`);
    } else if (kind === 'file') {
      this.problem(where, `"${relative}" is a file; an environment path is a folder`);
    }
    return relative;
  }

  insideRepository(value: string, where: KeyPath): string | undefined {
    try {
      return resolveInsideRepository(this.root, value, this.paths);
    } catch (error) {
      if (!(error instanceof PathEscapeError)) throw error;
      this.problem(where, error.message);
      return undefined;
    }
  }

  /** Every environment must lead back to one without a source; report each cycle once. */
  private checkCycles(environments: Environment[], raw: Data): void {
    const byName = new Map(environments.map((environment) => [environment.name, environment]));
    const reported = new Set<string>();
    for (const start of environments) {
      const chain: string[] = [];
      let current: Environment | undefined = start;
      while (current && !chain.includes(current.name)) {
        chain.push(current.name);
        current = current.promoteFrom === undefined ? undefined : byName.get(current.promoteFrom);
      }
      if (!current) continue;
      const cycle = chain.slice(chain.indexOf(current.name));
      if (cycle.length === 1) continue; // promoted from itself: reported where promote-from is read
      if (cycle.some((name) => reported.has(name))) continue;
      for (const name of cycle) reported.add(name);
      // Point at an explicit promote-from in the cycle: that is the line to change.
      const culprit =
        cycle.find((name) => typeof asRecord(raw[name])['promote-from'] === 'string') ?? cycle[0] ?? start.name;
      const loop = [...cycle, cycle[0]].join(' ← ');
      this.problem(
        ['environments', culprit, 'promote-from'],
        `promotion cycle ${loop}; every chain must start at an environment nothing is promoted into`,
      );
    }
  }
}

/** A fleet's path may hold {cluster}: the environment's own folder is the part before it. */
function fleetFolder(entry: Data): unknown {
  if (entry.clusters === undefined || typeof entry.path !== 'string' || !entry.path.includes('{cluster}'))
    return entry.path;
  const before = entry.path.slice(0, entry.path.indexOf('{cluster}')).replace(/\/+$/, '');
  return before === '' ? '.' : before;
}
