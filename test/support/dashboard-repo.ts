// A config repository with a history, for the dashboard's tests and benchmark: `apps` apps in `environments`
// environments promoted one from the next (the last a fleet of 6 clusters in 2 waves), written as kustomize
// overlays, and a history of deploys, promotions, rollbacks and a hold whose commits carry the trailers the
// pipeline writes (formatCommitMessage). One git fast-import; commit times are spread over the last 30 days.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { type ChangeRecord, formatCommitMessage } from '@gitops/audit';

export interface DashboardRepo {
  readonly apps: readonly string[];
  readonly environments: readonly string[];
  readonly clusters: readonly string[];
  /** The environment held, and the app rolled back there. */
  readonly held: string;
  readonly rolledBack: { readonly environment: string; readonly app: string };
}

const digest = (seed: string) => `sha256:${createHash('sha256').update(seed).digest('hex')}`;
const image = (app: string, version: string) => `ghcr.io/acme/${app}:${version}@${digest(`${app}:${version}`)}`;

export function generateDashboardRepo(bare: string, options: { apps: number; environments: number; now?: Date }) {
  const apps = Array.from({ length: options.apps }, (_, i) => `svc-${String(i).padStart(3, '0')}`);
  const plain = Array.from({ length: options.environments - 1 }, (_, e) => `env-${String(e).padStart(2, '0')}`);
  const fleet = 'prod';
  const clusters = ['c-1', 'c-2', 'c-3', 'c-4', 'c-5', 'c-6'];
  const held = plain[Math.min(5, plain.length - 1)] as string;
  const folders = new Map<string, string>([
    ...plain.map((env) => [env, `envs/${env}`] as const),
    ...clusters.map((cluster) => [`${fleet}/${cluster}`, `clusters/${cluster}/apps`] as const),
  ]);
  // What every folder runs: folder key → app → version.
  const state = new Map([...folders.keys()].map((key) => [key, new Map(apps.map((app) => [app, '1.0.0']))]));
  const now = (options.now ?? new Date()).getTime();
  const log = new FastImport(now - 100 * 86_400_000);
  log.commit('Initial config', [
    ['gitops.yaml', configText(apps, plain, fleet, clusters, held)],
    ...[...folders].map(
      ([key, folder]) => [`${folder}/kustomization.yaml`, overlay(state.get(key) as never)] as [string, string],
    ),
  ]);
  const rounds = 40;
  const step = (30 * 86_400_000) / 500; // some 420 commits: the last lands days before now
  let time = now - 30 * 86_400_000;
  const change = (record: ChangeRecord, keys: readonly string[]) => {
    for (const entry of record.apps)
      for (const key of keys) state.get(key)?.set(entry.app, entry.image.split(':')[1]?.split('@')[0] ?? '');
    time += step;
    log.at(time);
    log.commit(
      formatCommitMessage(record),
      keys.map((key) => [`${folders.get(key)}/kustomization.yaml`, overlay(state.get(key) as never)]),
    );
  };
  const rollbacks: { environment: string; app: string }[] = [];
  for (let round = 1; round <= rounds; round++) {
    const chosen = apps.filter((_, index) => index % rounds === round % rounds).slice(0, 8);
    const version = `1.${round}.0`;
    const entries = (env: string) =>
      chosen.map((app) => ({
        app,
        image: image(app, version),
        previous: image(app, state.get(env)?.get(app) ?? ''),
        sourceTime: new Date(time - 3_600_000).toISOString(),
        source: `acme/${app}@${'ab'.repeat(20)}`,
        provenance: `acme/${app}/.github/workflows/ci.yml@refs/heads/main`,
      }));
    change(
      {
        action: 'deploy',
        environment: plain[0] as string,
        apps: entries(plain[0] as string),
        run: `https://github.com/acme/config/actions/runs/${1000 + round}`,
      },
      [plain[0] as string],
    );
    // Older rounds have gone further along the line.
    const reach = Math.min(plain.length - 1, Math.floor((rounds - round) / 2));
    for (let e = 1; e <= reach; e++) {
      const env = plain[e] as string;
      if (env === held && round > rounds - 10) break;
      change(
        {
          action: 'promote',
          environment: env,
          from: plain[e - 1],
          apps: entries(env),
          run: `https://github.com/acme/config/actions/runs/${2000 + round}`,
        },
        [env],
      );
    }
    if (round % 10 === 0 && reach >= 1) {
      const env = plain[1] as string;
      const app = chosen[0] as string;
      const bad = state.get(env)?.get(app) as string;
      const back = `1.${round - 1}.0`;
      rollbacks.push({ environment: env, app });
      change(
        { action: 'rollback', environment: env, apps: [{ app, image: image(app, back), previous: image(app, bad) }] },
        [env],
      );
    }
  }
  // The fleet's first wave runs the newest version of the first app the last environment runs.
  const last = plain[plain.length - 1] as string;
  // The first round's apps have gone furthest.
  const leader = apps[1] as string;
  const newest = state.get(last)?.get(leader) as string;
  change(
    {
      action: 'promote',
      environment: fleet,
      from: last,
      apps: [{ app: leader, image: image(leader, newest) }],
      wave: { index: 1, count: 2, clusters: ['c-1'] },
    },
    [`${fleet}/c-1`],
  );
  time += step;
  log.at(time);
  log.commit(
    formatCommitMessage({ action: 'hold', environment: held, apps: [], reason: 'incident 42', by: 'octocat' }),
    [['gitops.yaml', configText(apps, plain, fleet, clusters, held, true)]],
  );
  log.write(bare);
  return {
    apps,
    environments: [...plain, fleet],
    clusters,
    held,
    rolledBack: rollbacks[0] as DashboardRepo['rolledBack'],
  } satisfies DashboardRepo;
}

function configText(
  apps: readonly string[],
  plain: readonly string[],
  fleet: string,
  clusters: readonly string[],
  held: string,
  hold = false,
): string {
  const lines = ['environments:'];
  plain.forEach((env, e) => {
    lines.push(`  ${env}:`, `    path: envs/${env}`);
    if (e > 0) lines.push(`    promote-from: ${plain[e - 1]}`);
    if (hold && env === held) lines.push('    hold: { reason: incident 42, by: octocat }');
  });
  lines.push(
    `  ${fleet}:`,
    '    path: clusters/{cluster}/apps',
    `    promote-from: ${plain[plain.length - 1]}`,
    '    clusters:',
  );
  for (const [index, cluster] of clusters.entries())
    lines.push(`      - { name: ${cluster}, labels: { canary: "${index === 0}" } }`);
  lines.push('    waves: [{ canary: "true" }, {}]', 'apps:');
  for (const app of apps) lines.push(`  ${app}: { image: ghcr.io/acme/${app} }`);
  return `${lines.join('\n')}\n`;
}

function overlay(apps: ReadonlyMap<string, string>): string {
  const images = [...apps].map(
    ([app, version]) =>
      `  - name: ghcr.io/acme/${app}\n    newTag: "${version}"\n    digest: ${digest(`${app}:${version}`)}\n`,
  );
  return `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: []\nimages:\n${images.join('')}`;
}

/** Commits on main through one `git fast-import`, each with its own time. */
class FastImport {
  private readonly lines: string[] = [];
  private mark = 0;
  constructor(private time: number) {}
  at(time: number): void {
    this.time = time;
  }
  commit(message: string, files: readonly (readonly [string, string])[]): void {
    const blob = (text: string) => `data ${Buffer.byteLength(text)}\n${text}`;
    this.mark++;
    this.lines.push(
      'commit refs/heads/main',
      `mark :${this.mark}`,
      `committer Pipeline <pipeline@invalid> ${Math.floor(this.time / 1000)} +0000`,
      blob(message),
    );
    if (this.mark > 1) this.lines.push(`from :${this.mark - 1}`);
    for (const [file, text] of files) this.lines.push(`M 100644 inline ${file}`, blob(text));
  }
  write(bare: string): void {
    execFileSync('git', ['init', '-q', '--bare', '--initial-branch=main', bare]);
    execFileSync('git', ['fast-import', '--quiet'], {
      cwd: bare,
      input: `${this.lines.join('\n')}\n`,
      maxBuffer: 1 << 30,
    });
  }
}
