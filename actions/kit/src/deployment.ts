// Where deploy and promote record a GitHub deployment when asked (github-deployment): the workflow's repository and
// the commit it runs for. The engine makes the deployment and its statuses (delivery's github-deployment.ts).
import { runUrl } from './inputs';

/** The workflow's repository and commit when asked and known; undefined otherwise (no deployment is made). */
export function deploymentTarget(
  asked: boolean,
  env: NodeJS.ProcessEnv,
): { readonly repository: string; readonly sha: string } | undefined {
  const { GITHUB_REPOSITORY: repository, GITHUB_SHA: sha } = env;
  return asked && repository && sha ? { repository, sha } : undefined;
}

/** What the engine needs of the runner for a change: its server, API, temporary folder and this run's address. */
export function runnerContext(env: NodeJS.ProcessEnv) {
  return {
    serverUrl: env.GITHUB_SERVER_URL,
    apiUrl: env.GITHUB_API_URL,
    tempDir: env.RUNNER_TEMP,
    runUrl: runUrl(env),
  };
}
