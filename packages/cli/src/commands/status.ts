// `gitops status`: what each environment runs, what is waiting to be promoted, and what the controllers say.
import { loadConfig } from '@gitops/config';
import {
  controllerHealth,
  type HealthProblem,
  promotionStatus,
  recordedProvenance,
  untrustedControllers,
} from '@gitops/delivery';
import { tryParseImageRef } from '@gitops/image-ref';
import { textTable as table } from '@gitops/markup';
import { controllerAccess } from '../change-flags';
import { type Command, exitCodes } from '../command';

export const statusCommand: Command = {
  path: ['status'],
  summary: "every app's image per environment, and which environment is ahead",
  help: `Usage: gitops status [--config FILE] [--json] [--trust-checkout]

One row per app: the image each environment runs, in promotion order. An environment is marked "ahead" of
the one it is promoted from when it runs something else: that is what the next promote would move.

Where gitops.yaml declares an environment's controller, what it says of each app (Healthy, Degraded, …, and
OutOfSync when the cluster differs from Git) is shown beside the version. Argo CD is read with
ARGOCD_AUTH_TOKEN, Flux with the kubeconfig in KUBECONFIG or ~/.kube/config.

A pull request may change gitops.yaml: credentials go only to the controller addresses the default branch's
gitops.yaml names (origin/HEAD, else origin/$GITHUB_BASE_REF). Where this checkout names another, or the default
branch is not in the clone, that environment's health is not read and a line says why.
  --trust-checkout   send credentials to the addresses this checkout's gitops.yaml names, whatever they are

Where the change that wrote a version verified its build provenance (require-provenance), the workflow that
built it is listed, from the commit's Gitops-Provenance trailer; --json gives it per environment.`,
  options: { config: { type: 'string' }, json: { type: 'boolean' }, 'trust-checkout': { type: 'boolean' } },
  async run({ values }, output) {
    const config = loadConfig(typeof values.config === 'string' ? { config: values.config } : {});
    const rows = promotionStatus(config);
    const trust = {
      trustCheckout: values['trust-checkout'] === true,
      baseBranch: process.env.GITHUB_BASE_REF || undefined,
    };
    const [{ health, problems }, provenance] = await Promise.all([
      untrustedControllers(config, trust).then((refused) =>
        controllerHealth(config, rows, controllerAccess(), refused),
      ),
      recordedProvenance(config, rows),
    ]);
    if (values.json) {
      const withHealth = rows.map((row) => ({
        ...row,
        health: Object.fromEntries(
          config.environments
            .filter((environment) => health[environment.name])
            .map((environment) => [environment.name, health[environment.name]?.[row.app] ?? null]),
        ),
        provenance: Object.fromEntries(
          config.environments.map((environment) => [environment.name, provenance[environment.name]?.[row.app] ?? null]),
        ),
      }));
      output.out(JSON.stringify(withHealth, null, 2));
      for (const problem of problems) output.err(healthProblemLine(problem));
      return exitCodes.ok;
    }
    const names = config.environments.map((environment) => environment.name);
    const cell = (row: (typeof rows)[number], name: string) => {
      const version = shortImage(row.environments[name] ?? null);
      const said = health[name]?.[row.app];
      return said ? `${version} (${said.health}${said.synced ? '' : ', OutOfSync'})` : version;
    };
    output.out(
      table(
        [
          ['APP', ...names.map((name) => name.toUpperCase())],
          ...rows.map((row) => [row.app, ...names.map((name) => cell(row, name))]),
        ],
        '',
      ),
    );
    const pending = rows.flatMap((row) =>
      row.pending.map((step) => `${row.app}: ${step.from} is ahead of ${step.to} (${step.image})`),
    );
    output.out(
      pending.length
        ? `\nWaiting to be promoted:\n${pending.map((line) => `  ${line}`).join('\n')}`
        : '\nEvery environment runs what the one before it runs.',
    );
    const unhealthy = rows.flatMap((row) =>
      names.flatMap((name) => {
        const said = health[name]?.[row.app];
        return said?.message && (said.health !== 'Healthy' || !said.synced)
          ? [`${row.app} in ${name}: ${said.message}`]
          : [];
      }),
    );
    if (unhealthy.length) output.out(`\nWhat the controllers say:\n${unhealthy.map((line) => `  ${line}`).join('\n')}`);
    const built = rows.flatMap((row) =>
      names.flatMap((name) => {
        const workflow = provenance[name]?.[row.app];
        return workflow ? [`${row.app} in ${name}: ${workflow}`] : [];
      }),
    );
    if (built.length)
      output.out(`\nBuilt by (provenance verified when written):\n${built.map((line) => `  ${line}`).join('\n')}`);
    for (const problem of problems) output.err(healthProblemLine(problem));
    return exitCodes.ok;
  },
};

/** A controller that could not be read, naming the environment variable the CLI reads its credential from. */
function healthProblemLine(problem: HealthProblem): string {
  const variable = { 'argocd-token': 'ARGOCD_AUTH_TOKEN', kubeconfig: 'KUBECONFIG' }[problem.subject ?? ''];
  return `gitops status: no health for ${problem.environment}: ${variable ? `${variable}: ` : ''}${problem.message}`;
}

/** A reference as the status table shows it: the tag and 12 digits of the digest (`1.4.2@0123456789ab`). */
function shortImage(reference: string | null): string {
  if (reference === null) return '-';
  const image = tryParseImageRef(reference);
  const short = `${image?.tag ?? ''}${image?.digest ? `@${image.digest.slice(7, 19)}` : ''}`;
  return short || reference;
}
