// `gitops status`: what each environment runs, what is waiting to be promoted, and what the controllers say.
import { loadConfig } from '@gitops/config';
import { clusterTable, type HealthProblem, previewTable, statusJson, statusReport, statusText } from '@gitops/delivery';
import { controllerAccess } from '../change-flags';
import { type Command, exitCodes } from '../command';

export const statusCommand: Command = {
  path: ['status'],
  summary: "every app's image per environment, and which environment is ahead",
  help: `Usage: gitops status [--config FILE] [--json] [--previews | --clusters] [--trust-checkout]

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
built it is listed, from the commit's Gitops-Provenance trailer; --json gives it per environment.

Pull requests' previews (gitops.yaml previews:) are listed after the environments: PR, app, image, age and, where
the previews block names a controller, its health.
  --previews         list only the previews (with --json: one object per preview)

A fleet (an environment of clusters, docs/fleets.md) is one cell per app: "1.4.2 on 140/200 (wave 3/4), 1.4.1 on
60"; --json gives every cluster's image under fleets.
  --clusters         list every cluster of every fleet, what it runs and its health`,
  options: {
    config: { type: 'string' },
    json: { type: 'boolean' },
    previews: { type: 'boolean' },
    clusters: { type: 'boolean' },
    'trust-checkout': { type: 'boolean' },
  },
  async run({ values }, output) {
    const report = await statusReport({
      config: loadConfig(typeof values.config === 'string' ? { config: values.config } : {}),
      access: controllerAccess(),
      trust: { trustCheckout: values['trust-checkout'] === true, baseBranch: process.env.GITHUB_BASE_REF || undefined },
    });
    if (values.clusters === true && values.json !== true) output.out(clusterTable(report));
    else if (values.previews === true)
      output.out(
        values.json
          ? JSON.stringify(report.previews, null, 2)
          : report.previews.length
            ? previewTable(report.previews)
            : 'no previews',
      );
    else output.out(values.json ? JSON.stringify(statusJson(report), null, 2) : statusText(report));
    for (const problem of report.problems) output.err(healthProblemLine(problem));
    return exitCodes.ok;
  },
};

/** A controller that could not be read, naming the environment variable the CLI reads its credential from. */
function healthProblemLine(problem: HealthProblem): string {
  const variable = { 'argocd-token': 'ARGOCD_AUTH_TOKEN', kubeconfig: 'KUBECONFIG' }[problem.subject ?? ''];
  return `gitops status: no health for ${problem.environment}: ${variable ? `${variable}: ` : ''}${problem.message}`;
}
