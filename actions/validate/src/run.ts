// The validate action: read inputs, validate (with the diff and comment on a pull request), then write what it
// found (outputs.ts).
import * as path from 'node:path';
import { actionLogger } from '@gitops/action-kit';
import { validateChange } from '@gitops/policy';
import { getInputs } from './inputs';
import { writeOutputs } from './outputs';
import { pullRequestOf } from './pull-request';

export async function run(): Promise<void> {
  const env = process.env;
  const workspace = path.resolve(env.GITHUB_WORKSPACE ?? process.cwd());
  const inputs = getInputs(env, workspace);
  const { result } = await validateChange({
    ...inputs,
    pullRequest: pullRequestOf(env),
    apiUrl: env.GITHUB_API_URL,
    shownAs: (file) => path.relative(workspace, path.resolve(inputs.root, file)).split(path.sep).join('/'),
    logger: actionLogger('gitops validate'),
  });
  await writeOutputs(result, { sarifFile: inputs.sarifFile, env });
}
