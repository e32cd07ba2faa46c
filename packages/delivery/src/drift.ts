// `gitops drift`: what should run against what does, per environment. A controller behind the branch tip for
// longer than a threshold, an environment OutOfSync or Degraded, hand edits (commits without trailers) since the
// last check, and tags that now resolve to another digest than the one pinned. Facts only: the issues that carry
// them are drift-issues.ts's. Controllers are read as status reads them (checkout trust, credentials given).
import type { GitopsConfig } from '@gitops/config';
import { commitOf } from '@gitops/controllers';
import { tryParseImageRef } from '@gitops/image-ref';
import { type Credentials, RegistryClient, resolveDigest } from '@gitops/registry';
import type { CheckoutTrust } from './checkout-trust';
import { behindSince, handEditsSince, tipOf } from './drift-git';
import type { ControllerAccess } from './health';
import { limited } from './limited';
import type { AppHealth } from './status';
import { statusReport } from './status-report';

export type DriftKind = 'behind' | 'out-of-sync' | 'degraded' | 'hand-edit' | 'tag-moved';

export interface DriftFinding {
  readonly kind: DriftKind;
  /** What it is about: an app (`web`, `eu-1/web` in a fleet), or a commit. */
  readonly subject: string;
  readonly message: string;
}

export interface EnvironmentDrift {
  readonly environment: string;
  readonly findings: readonly DriftFinding[];
  /** What could not be checked, and why (a controller without credentials, a registry that refused). */
  readonly problems: readonly string[];
}

export interface DriftReport {
  readonly checkedAt: string;
  readonly tip: { readonly sha: string; readonly at: string };
  /** Hand edits are looked for since then. */
  readonly since: string;
  readonly behindSeconds: number;
  readonly environments: readonly EnvironmentDrift[];
}

export interface DriftRequest {
  readonly config: GitopsConfig;
  readonly access: ControllerAccess;
  readonly trust: CheckoutTrust;
  readonly now: Date;
  /** A controller behind the tip for longer than this drifts. */
  readonly behindSeconds: number;
  /** The last check: hand edits since then. */
  readonly since: Date;
  /** Tags are resolved with these (as push-registry reads them); none: tags are not checked. */
  readonly registry:
    | {
        readonly credentials: (registry: string) => Credentials | undefined;
        readonly insecureRegistries: readonly string[];
      }
    | undefined;
}

export async function driftReport(request: DriftRequest): Promise<DriftReport> {
  const { config, now } = request;
  const [tip, status, edits] = await Promise.all([
    tipOf(config.root),
    statusReport({ config, access: request.access, trust: request.trust, now }),
    handEditsSince(config.root, request.since),
  ]);
  const tags = request.registry ? await tagChecks(status.rows, request.registry) : new Map<string, TagCheck>();
  const environments = await Promise.all(
    config.environments.map(async (environment) => {
      const name = environment.name;
      const said: [string, AppHealth][] = [
        ...Object.entries(status.health[name] ?? {}),
        ...Object.entries(status.clusters[name] ?? {}).flatMap(([cluster, byApp]) =>
          Object.entries(byApp).map(([app, health]) => [`${cluster}/${app}`, health] as [string, AppHealth]),
        ),
      ];
      const findings: DriftFinding[] = [
        ...(await controllerFindings(said, {
          dir: config.root,
          tip: tip.sha,
          now,
          behindSeconds: request.behindSeconds,
        })),
        ...handEditFindings(edits, folders(environment)),
        ...status.rows.flatMap((row) => {
          const checked = tags.get(row.environments[name] ?? '');
          return checked && 'moved' in checked
            ? [{ kind: 'tag-moved' as const, subject: row.app, message: checked.moved }]
            : [];
        }),
      ];
      const problems = [
        ...status.problems
          .filter((p) => p.environment === name || p.environment.startsWith(`${name}/`))
          .map((p) => p.message),
        ...status.rows.flatMap((row) => {
          const checked = tags.get(row.environments[name] ?? '');
          return checked && 'problem' in checked ? [checked.problem] : [];
        }),
      ];
      return { environment: name, findings, problems: [...new Set(problems)] };
    }),
  );
  return {
    checkedAt: now.toISOString(),
    tip,
    since: request.since.toISOString(),
    behindSeconds: request.behindSeconds,
    environments,
  };
}

/** The folders an environment's files are in: its own, or each of its clusters'. */
function folders(environment: GitopsConfig['environments'][number]): string[] {
  return environment.fleet ? environment.fleet.clusters.map((cluster) => cluster.path) : [environment.path];
}

async function controllerFindings(
  said: readonly [string, AppHealth][],
  context: { dir: string; tip: string; now: Date; behindSeconds: number },
): Promise<DriftFinding[]> {
  const findings: DriftFinding[] = [];
  for (const [subject, health] of said) {
    if (!health.synced)
      findings.push({
        kind: 'out-of-sync',
        subject,
        message: `OutOfSync${health.message ? `: ${health.message}` : ''}`,
      });
    if (health.health === 'Degraded')
      findings.push({ kind: 'degraded', subject, message: `Degraded${health.message ? `: ${health.message}` : ''}` });
    // Flux names it `main@sha1:<commit>`, Argo CD the bare commit.
    const revision = health.revision ? commitOf(health.revision) : undefined;
    if (!revision || revision === context.tip) continue;
    const behind = await behindSince(context.dir, revision);
    if (!behind) continue;
    const seconds = (context.now.getTime() - Date.parse(behind.since)) / 1000;
    if (seconds > context.behindSeconds)
      findings.push({
        kind: 'behind',
        subject,
        message: `applies ${revision.slice(0, 7)}, ${behind.commits} commit${behind.commits === 1 ? '' : 's'} behind ${context.tip.slice(0, 7)} since ${behind.since}`,
      });
  }
  return findings;
}

function handEditFindings(edits: Awaited<ReturnType<typeof handEditsSince>>, own: readonly string[]): DriftFinding[] {
  const inside = (file: string) =>
    own.some((folder) => folder === '.' || file === folder || file.startsWith(`${folder}/`));
  return edits
    .filter((edit) => edit.files.some(inside))
    .map((edit) => ({
      kind: 'hand-edit' as const,
      subject: edit.sha,
      message: `${edit.sha.slice(0, 7)} by ${edit.author} at ${edit.at}, without gitops trailers: ${edit.subject}`,
    }));
}

/** What a registry says of a pinned reference (tag and digest): that its tag moved, or why it could not be asked. */
type TagCheck = { readonly moved: string } | { readonly problem: string };

async function tagChecks(
  rows: Awaited<ReturnType<typeof statusReport>>['rows'],
  registry: NonNullable<DriftRequest['registry']>,
): Promise<Map<string, TagCheck>> {
  const pinned = [...new Set(rows.flatMap((row) => Object.values(row.environments).flatMap((image) => image ?? [])))];
  const checks = new Map<string, TagCheck>();
  const check = limited(async (reference: string) => {
    const ref = tryParseImageRef(reference);
    if (!ref?.tag || !ref.digest) return;
    try {
      const client = new RegistryClient(ref.registry, {
        credentials: registry.credentials(ref.registry),
        insecureRegistries: registry.insecureRegistries,
      });
      const now = await resolveDigest(client, ref.repository, ref.tag);
      if (now !== ref.digest)
        checks.set(reference, { moved: `tag ${ref.tag} now resolves to ${now}, not the pinned ${ref.digest}` });
    } catch (error) {
      checks.set(reference, {
        problem: `${ref.registry}/${ref.repository}:${ref.tag} could not be resolved: ${(error as Error).message}`,
      });
    }
  }, 8);
  await Promise.all(pinned.map(check));
  return checks;
}
