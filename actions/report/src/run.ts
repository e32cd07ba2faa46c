// The report action: read inputs, one engine call (the site written to `output`), the folder and what it holds as
// outputs, one line in the job summary.
import * as core from '@actions/core';
import { reportSite } from '@gitops/delivery';
import { getInputs } from './inputs';

export async function run(): Promise<void> {
  const now = new Date();
  const inputs = getInputs(process.env, now);
  const result = await reportSite({
    config: inputs.config,
    access: inputs.controllers,
    trust: { trustCheckout: inputs.trustCheckout, baseBranch: process.env.GITHUB_BASE_REF || undefined },
    out: inputs.out,
    title: inputs.title,
    repositoryUrl: repositoryUrl(process.env),
    since: inputs.since,
    now,
    failureWindowSeconds: inputs.failureWindowSeconds,
  });
  const line = `${result.files} files (${Math.round(result.bytes / 1024)} KiB): ${result.apps} apps in ${result.environments} environments${result.health ? '' : ', without health (no controller credentials were given, or none could be read)'}`;
  core.info(`wrote ${line}`);
  core.setOutput('path', inputs.out);
  core.setOutput('health', String(result.health));
  await core.summary.addRaw(`Dashboard: ${line}\n`, true).write();
}

/** The repository the workflow runs in, as the runner names it: commits link there. */
function repositoryUrl(env: NodeJS.ProcessEnv): string | undefined {
  const server = (env.GITHUB_SERVER_URL ?? '').replace(/\/+$/, '');
  const repository = env.GITHUB_REPOSITORY ?? '';
  if (!/^https:\/\/[\w.:-]+$/.test(server) || !/^[\w.-]+\/[\w.-]+$/.test(repository)) return undefined;
  return `${server}/${repository}`;
}
