// `gitops promote`: promotion from a terminal.
import { autoPromote, type PromoteResult, promote, rolloutLines, unsettledLines } from '@gitops/delivery';
import { dockerCredentials } from '@gitops/registry';
import { changeFlags, changeFlagsHelp, changeOptions, splitList } from '../change-flags';
import { type Command, exitCodes, type Output, UsageError } from '../command';
import { jsonFlag, jsonFlagHelp, printJson } from '../report';

export const promoteCommand: Command = {
  path: ['promote'],
  summary: 'move the digests one environment runs into the next (one commit)',
  help: `Usage: gitops promote --to E [--from E] [--apps A,B] [--allow-older] [options]
       gitops promote --auto [--to E] [options]

  --to E             the environment to promote into
  --auto             into every auto-promote environment of gitops.yaml (or --to, which must be one), what
                     its source runs healthy
  --from E           the environment to promote from (default: promote-from of --to in gitops.yaml)
  --apps A,B         the apps to promote (default: every app the source runs)
  --allow-older      replace an image built from a newer source
${jsonFlagHelp}
${changeFlagsHelp}
Registry credentials are read from ~/.docker/config.json.`,
  options: {
    ...changeFlags,
    ...jsonFlag,
    to: { type: 'string' },
    from: { type: 'string' },
    apps: { type: 'string' },
    'allow-older': { type: 'boolean' },
    auto: { type: 'boolean' },
  },
  async run({ values }, output) {
    const auto = values.auto === true;
    if (auto && (values.from !== undefined || values.apps !== undefined))
      throw new UsageError('--auto promotes what the source runs healthy, from its source; drop --from and --apps');
    if (!auto && typeof values.to !== 'string') throw new UsageError('--to is required (or --auto)');
    const request = {
      ...changeOptions(values),
      allowOlder: values['allow-older'] === true,
      registry: { credentials: (registry: string) => dockerCredentials(registry), insecureRegistries: [] },
    };
    const results = auto
      ? (await autoPromote({ ...request, only: values.to as string | undefined })).promotions
      : [
          await promote({
            ...request,
            to: values.to as string,
            from: values.from as string | undefined,
            apps: typeof values.apps === 'string' ? splitList(values.apps) : undefined,
          }),
        ];
    if (values.json === true) {
      printJson(output, auto ? results : results[0]);
    } else {
      for (const result of results) printPromotion(result, values['dry-run'] === true, auto, output);
    }
    const unsettled = unsettledLines(results, 'change');
    for (const line of unsettled) output.err(`gitops: ${line}`);
    return unsettled.length ? exitCodes.failed : exitCodes.ok;
  },
};

function printPromotion(result: PromoteResult, dryRun: boolean, titled: boolean, output: Output): void {
  if (titled) output.out(`${result.from} -> ${result.to}`);
  if (result.diff) output.out(result.diff.trimEnd());
  for (const p of result.promoted)
    output.out(`${p.app}: ${p.previous ?? '(none)'} -> ${p.image}${p.skipped ? ` (${p.skipped})` : ''}`);
  for (const left of result.unhealthy) output.out(`${left.app}: not promoted: ${left.reason}`);
  output.out(
    result.pullRequestUrl
      ? `pull request ${result.pullRequestUrl}`
      : result.commit
        ? `pushed ${result.commit}`
        : dryRun
          ? 'dry run: nothing pushed'
          : 'nothing to change',
  );
  for (const line of rolloutLines(result)) output.out(line);
  if (result.controller?.settled) output.out(`applied and healthy: ${result.controller.message}`);
}
