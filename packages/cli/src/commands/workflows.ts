// `gitops workflows promote`: the promote workflow that matches gitops.yaml, printed or written.
import { writeFileSync } from 'node:fs';
import { loadConfig } from '@gitops/config';
import { promoteWorkflow } from '@gitops/delivery';
import { type Command, exitCodes, UsageError } from '../command';

export const workflowsPromote: Command = {
  path: ['workflows', 'promote'],
  summary: 'print (or --write) a workflow_dispatch promote workflow matching gitops.yaml',
  help: `Usage: gitops workflows promote [--config FILE] [--write PATH] [--uses OWNER/gitops]

Prints a workflow whose "to" input is a choice of the environments in promotion order (all but the first),
so the dropdown always matches gitops.yaml. Run it again when environments change.`,
  options: { config: { type: 'string' }, write: { type: 'string' }, uses: { type: 'string' } },
  async run({ values }, output) {
    const config = loadConfig(typeof values.config === 'string' ? { config: values.config } : {});
    const text = promoteWorkflow(config, String(values.uses ?? '<owner>/gitops'));
    if (text === undefined) throw new UsageError('gitops.yaml has no environment that is promoted into');
    if (typeof values.write === 'string') {
      writeFileSync(values.write, text);
      output.out(`wrote ${values.write}`);
    } else {
      output.out(text.trimEnd());
    }
    return exitCodes.ok;
  },
};
