// The promote action: read inputs, promote, write outputs and the summary.
import * as core from '@actions/core';
import { actionLogger, runUrl } from '@gitops/action-kit';
import type { EarlyClone } from '@gitops/action-kit/early-clone';
import { promote } from '@gitops/delivery';
import { dockerCredentials } from '@gitops/registry';
import { getInputs } from './inputs';

/** `early`: the clone of the config repository started before the action loaded (used if it is the right one). */
export async function run(early: EarlyClone | undefined): Promise<void> {
  const inputs = getInputs();
  const env = process.env;
  const result = await promote({
    ...inputs,
    serverUrl: env.GITHUB_SERVER_URL,
    apiUrl: env.GITHUB_API_URL,
    tempDir: env.RUNNER_TEMP,
    started: early,
    runUrl: runUrl(env),
    registry: { credentials: (registry) => dockerCredentials(registry), insecureRegistries: [] },
    logger: actionLogger('gitops promote'),
  });
  core.setOutput('changed', String(result.changed));
  core.setOutput('commit', result.commit ?? '');
  core.setOutput('pull-request-url', result.pullRequestUrl ?? '');
  core.setOutput(
    'promoted',
    JSON.stringify(
      result.promoted.map((p) => ({
        app: p.app,
        from: result.from,
        to: result.to,
        image: p.image,
        previous: p.previous ?? null,
        source: p.from,
        resolved: p.resolved,
        copied: p.copied,
        ...(p.skipped ? { skipped: p.skipped } : {}),
      })),
    ),
  );
  core.info(
    `promote ${result.from} → ${result.to}: ${result.changed ? (result.pullRequestUrl ?? result.commit ?? 'would change') : 'nothing to change'}`,
  );
  const summary = core.summary
    .addHeading(`${inputs.dryRun ? 'Dry run: ' : ''}promote ${result.from} → ${result.to}`, 3)
    .addTable([
      [
        { data: 'app', header: true },
        { data: `${result.from} runs`, header: true },
        { data: `${result.to} ran`, header: true },
        { data: `${result.to} runs now`, header: true },
        { data: 'note', header: true },
      ],
      ...result.promoted.map((p) => [
        p.app,
        p.from,
        p.previous ?? '(none)',
        p.image,
        [
          p.skipped,
          p.resolved ? 'digest resolved in the registry' : '',
          p.copied ? 'copied to the target registry' : '',
        ]
          .filter(Boolean)
          .join('; '),
      ]),
    ]);
  if (result.diff) summary.addDetails('Diff', `\n\n\`\`\`diff\n${result.diff.trimEnd()}\n\`\`\`\n`);
  await summary.write();
}
