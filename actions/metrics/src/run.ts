// The metrics action: read inputs, one engine call, the report as an output and in the job summary (tables and
// Mermaid charts, which GitHub renders).
import * as core from '@actions/core';
import { deliveryMetrics, metricsMarkdown } from '@gitops/audit';
import { getInputs } from './inputs';

export async function run(): Promise<void> {
  const inputs = getInputs(new Date());
  const report = await deliveryMetrics(inputs);
  core.setOutput('report', JSON.stringify(report));
  const deployments = report.environments.reduce((sum, environment) => sum + environment.deployments, 0);
  core.info(
    `${deployments} deployments in ${report.environments.length} environments from ${report.since.slice(0, 10)} to ${report.until.slice(0, 10)}; ${report.handEdits.length} hand edits`,
  );
  await core.summary.addRaw(metricsMarkdown(report, definitionsUrl(process.env)), true).write();
}

/** docs/metrics.md in the repository and ref the action runs from (what the runner says), when it says. */
function definitionsUrl(env: NodeJS.ProcessEnv): string | undefined {
  const repository = env.GITHUB_ACTION_REPOSITORY ?? '';
  const ref = env.GITHUB_ACTION_REF ?? '';
  const server = (env.GITHUB_SERVER_URL ?? 'https://github.com').replace(/\/+$/, '');
  if (!/^[\w.-]+\/[\w.-]+$/.test(repository) || !/^[\w./-]+$/.test(ref) || !/^https:\/\/[\w.:-]+$/.test(server))
    return undefined;
  return `${server}/${repository}/blob/${ref}/docs/metrics.md`;
}
