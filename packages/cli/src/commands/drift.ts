// `gitops drift`: what should run against what does, per environment; with --issues, one GitHub issue per
// environment labelled gitops-drift, opened, updated while drift lasts and closed when it is gone (docs/drift.md).
import { spanSeconds } from '@gitops/audit';
import { loadConfig } from '@gitops/config';
import { driftAlerts, driftText } from '@gitops/delivery';
import { dockerCredentials } from '@gitops/registry';
import { controllerAccess } from '../change-flags';
import { type Command, exitCodes, UsageError } from '../command';
import { jsonFlag, jsonFlagHelp, printJson } from '../report';
import { badSpan, flagTime } from './metrics';
import { environmentLogin } from './registry';

export const driftCommand: Command = {
  path: ['drift'],
  summary: 'what runs against what the config repository says: controllers behind, OutOfSync, hand edits, moved tags',
  help: `Usage: gitops drift [--config FILE] [--behind 15m] [--since 24h] [--issues [--repository OWNER/NAME]]
                    [--no-registry] [--insecure-registry HOST] [--trust-checkout] [--json]

Per environment, what drifts:
  behind        its controller applies a revision older than the branch's tip, and the first commit it has not
                applied landed more than --behind ago (default 15m)
  out-of-sync   the controller says OutOfSync
  degraded      the controller says Degraded
  hand-edit     commits without gitops trailers that touched its folders since --since (default 24h: the last
                check of a daily schedule; a span or a date)
  tag-moved     an image pinned by tag and digest whose tag now resolves to another digest (one registry HEAD
                per image; credentials as push-registry reads them: GITOPS_REGISTRY_USERNAME/PASSWORD for the
                registry GITOPS_REGISTRY names, and only for it, else ~/.docker/config.json); --no-registry
                skips it
Controllers are read as gitops status reads them (ARGOCD_AUTH_TOKEN, KUBECONFIG, the same checkout trust).

  --issues       keep one open issue per drifting environment in --repository (default $GITHUB_REPOSITORY),
                 labelled gitops-drift: opened, updated while the drift lasts, closed when it is gone, never
                 twice. The token is GITOPS_TOKEN or GITHUB_TOKEN (issues: write); the API is --api-url or
                 $GITHUB_API_URL. An environment that could not be checked keeps its issue as it is.
${jsonFlagHelp}`,
  options: {
    config: { type: 'string' },
    behind: { type: 'string' },
    since: { type: 'string' },
    issues: { type: 'boolean' },
    repository: { type: 'string' },
    'api-url': { type: 'string' },
    'no-registry': { type: 'boolean' },
    'insecure-registry': { type: 'string', multiple: true },
    'trust-checkout': { type: 'boolean' },
    ...jsonFlag,
  },
  async run({ values }, output) {
    const now = new Date();
    const behind =
      values.behind === undefined
        ? 900
        : (spanSeconds(String(values.behind)) ?? badSpan('--behind', String(values.behind)));
    const since = flagTime(values.since, '--since', now) ?? new Date(now.getTime() - 86_400_000);
    const result = await driftAlerts({
      config: loadConfig(typeof values.config === 'string' ? { config: values.config } : {}),
      access: controllerAccess(),
      trust: { trustCheckout: values['trust-checkout'] === true, baseBranch: process.env.GITHUB_BASE_REF || undefined },
      now,
      behindSeconds: behind,
      since,
      registry:
        values['no-registry'] === true
          ? undefined
          : {
              credentials: registryCredentials,
              insecureRegistries: (values['insecure-registry'] as string[] | undefined) ?? [],
            },
      issues: values.issues === true ? issuesTarget(values) : undefined,
    });
    if (values.json === true) printJson(output, { ...result.report, issues: result.issues ?? null });
    else {
      output.out(driftText(result.report));
      const { opened = [], updated = [], closed = [] } = result.issues ?? {};
      if (result.issues)
        output.out(
          `issues: ${[...opened.map((n) => `opened #${n}`), ...updated.map((n) => `updated #${n}`), ...closed.map((n) => `closed #${n}`)].join(', ') || 'no change'}`,
        );
    }
    return exitCodes.ok;
  },
};

function issuesTarget(values: Record<string, unknown>) {
  const repository = (values.repository as string | undefined) ?? process.env.GITHUB_REPOSITORY ?? '';
  if (!/^[\w.-]+\/[\w.-]+$/.test(repository))
    throw new UsageError(
      `--issues needs --repository OWNER/NAME (or $GITHUB_REPOSITORY)${repository ? `, not "${repository}"` : ''}`,
    );
  const token = process.env.GITOPS_TOKEN || process.env.GITHUB_TOKEN;
  if (!token) throw new UsageError('--issues needs a token in GITOPS_TOKEN or GITHUB_TOKEN (issues: write)');
  const apiUrl = (values['api-url'] as string | undefined) ?? process.env.GITHUB_API_URL ?? 'https://api.github.com';
  return { repository, token, apiUrl };
}

/**
 * As push-registry reads them: GITOPS_REGISTRY_USERNAME/PASSWORD for the registry GITOPS_REGISTRY names, else the
 * Docker config's. gitops.yaml may name any registry, so the login goes only to the one named, never to all.
 */
function registryCredentials(registry: string) {
  const login = environmentLogin();
  return login?.registry === registry ? login.credentials : dockerCredentials(registry);
}
