// One spec per option of a change to the config repository (deploy, rollback, promote): its name (the actions'
// input and the CLI's flag), kind, range, default and words. The action kit reads the inputs from it
// (`@gitops/action-kit/change-inputs`), the CLI makes its flags and their help from it (change-flags.ts), and
// test/action-contract.test.ts checks the deploy and promote action.yml against it.
import { defaultBudgetMs } from '@gitops/git';
import { type ChangeOptions, commitSignings } from './change';
import { defaultRetryPolicy } from './landing/retry';
import { onFailureChoices } from './on-failure';

/** The ChangeOptions the spec fills. */
export type SpecifiedOptions = Pick<
  ChangeOptions,
  | 'branch'
  | 'config'
  | 'via'
  | 'dryRun'
  | 'committer'
  | 'labels'
  | 'autoMerge'
  | 'pushAttempts'
  | 'pushTimeoutSeconds'
  | 'gitTimeoutSeconds'
  | 'commitSigning'
  | 'overrideFreeze'
  | 'allowRejected'
  | 'onFailure'
>;

interface SpecBase {
  /** The input's and the flag's name. */
  readonly name: string;
  readonly key: keyof SpecifiedOptions;
  /** action.yml's description; `promote` where promote's says it otherwise. */
  readonly description: string;
  readonly promote?: string;
  /** The CLI's help line after the flag, and the flag's value placeholder there. */
  readonly help: string;
  readonly placeholder?: string;
  /** action.yml's default where a workflow's differs from the engine's (the committer is the Actions bot). */
  readonly actionDefault?: string;
}

export type ChangeOptionSpec = SpecBase &
  (
    | { readonly kind: 'text'; readonly default?: string }
    | { readonly kind: 'boolean' }
    | { readonly kind: 'list' }
    | { readonly kind: 'choice'; readonly choices: readonly string[]; readonly default?: string }
    | { readonly kind: 'whole-number'; readonly range: readonly [number, number]; readonly default: number }
  );

export const changeOptionSpecs: readonly ChangeOptionSpec[] = [
  {
    name: 'branch',
    key: 'branch',
    kind: 'text',
    placeholder: 'B',
    description: "Branch to change. Default: the repository's default branch.",
    help: "branch to change (default: the repository's default branch)",
  },
  {
    name: 'config',
    key: 'config',
    kind: 'text',
    default: 'gitops.yaml',
    placeholder: 'FILE',
    description: 'Path of gitops.yaml in the config repository.',
    help: 'gitops.yaml in the repository (default: gitops.yaml)',
  },
  {
    name: 'via',
    key: 'via',
    kind: 'choice',
    choices: ['commit', 'pull-request'],
    placeholder: 'MODE',
    description: "commit or pull-request. Default: the environment's `via` in gitops.yaml.",
    promote: "commit or pull-request. Default: the target environment's `via` in gitops.yaml.",
    help: 'commit or pull-request (default: from gitops.yaml)',
  },
  {
    name: 'committer',
    key: 'committer',
    kind: 'text',
    default: 'gitops <gitops@localhost>',
    actionDefault: 'github-actions[bot] <41898282+github-actions[bot]@users.noreply.github.com>',
    placeholder: 'ID',
    description: 'Author and committer of the commit, as "Name <email>".',
    help: '"Name <email>" (default: gitops <gitops@localhost>)',
  },
  {
    name: 'pull-request-labels',
    key: 'labels',
    kind: 'list',
    placeholder: 'A,B',
    description: 'With via: pull-request, labels to add to the pull request (comma or newline separated).',
    help: 'labels of the pull request (--labels, deprecated, still works)',
  },
  {
    name: 'auto-merge',
    key: 'autoMerge',
    kind: 'boolean',
    description: 'With via: pull-request, enable auto-merge on the pull request.',
    help: 'enable auto-merge on the pull request',
  },
  {
    name: 'push-attempts',
    key: 'pushAttempts',
    kind: 'whole-number',
    range: [1, 1000],
    default: defaultRetryPolicy.maxAttempts,
    placeholder: 'N',
    description:
      'How many times to re-apply and push when other changes land first. Waiting while another pipeline lands this change with its own (docs/commits.md) does not count.',
    help: `pushes to try when others push first; waiting on another pipeline is not one (default: ${defaultRetryPolicy.maxAttempts})`,
  },
  {
    name: 'push-timeout',
    key: 'pushTimeoutSeconds',
    kind: 'whole-number',
    range: [1, 3600],
    default: defaultRetryPolicy.timeoutMs / 1000,
    placeholder: 'S',
    description: 'Seconds to keep trying to land the change, waiting on other pipelines included.',
    help: `seconds to keep trying to land the change, waiting included (default: ${defaultRetryPolicy.timeoutMs / 1000})`,
  },
  {
    name: 'git-timeout',
    key: 'gitTimeoutSeconds',
    kind: 'whole-number',
    range: [1, 3600],
    default: defaultBudgetMs / 1000,
    placeholder: 'S',
    description:
      'Seconds to keep trying a git host that is down, refusing connections, answering 5xx or 429, or silent, for each exchange with it (clone, fetch, push). A missing repository or refused credentials fail at once. See docs/errors.md.',
    help: `seconds to keep trying a git host that is down or silent, per exchange (default: ${defaultBudgetMs / 1000})`,
  },
  {
    name: 'commit-signing',
    key: 'commitSigning',
    kind: 'choice',
    choices: commitSignings,
    default: 'none',
    placeholder: 'S',
    description:
      'How commits are signed. github: GitHub makes each commit through its GraphQL API (createCommitOnBranch) and signs it, so branches that require signed commits take it; the repository must be owner/name on the GitHub server. ssh: git signs with signing-key (gpg.format=ssh), for other hosts. none: unsigned. Signed pipelines that lose a push race also land together: their pending changes show who made them (ssh: a key of gitops.yaml allowed-signers; github: the same App), which unsigned ones cannot, so those retry alone. See docs/security.md.',
    help: 'none, github (GitHub makes and signs the commits) or ssh (key from GITOPS_SIGNING_KEY)',
  },
  {
    name: 'override-freeze',
    key: 'overrideFreeze',
    kind: 'text',
    placeholder: 'WHY',
    description:
      "Go through a freeze window of gitops.yaml, for this reason: the commit records it in a Gitops-Freeze-Override trailer. Default: a change inside a window is refused, naming the window's reason and end (a rollback never is).",
    help: 'go through a freeze window, for this reason (recorded in the commit)',
  },
  {
    name: 'allow-rejected',
    key: 'allowRejected',
    kind: 'boolean',
    description:
      'Write an image even though it was rolled back out of the environment before (rejected there), and record the decision in a Gitops-Allow-Rejected trailer. Default: such an image is refused, naming the rollback commit.',
    promote:
      'Promote images even though they were rolled back out of the target environment before (rejected there), and record the decision in a Gitops-Allow-Rejected trailer. Default: refused when apps are named, left out and named otherwise (auto).',
    help: 'write images rolled back out of the environment before (recorded in the commit)',
  },
  {
    name: 'on-failure',
    key: 'onFailure',
    kind: 'choice',
    choices: onFailureChoices,
    default: 'fail',
    placeholder: 'WHAT',
    description:
      'With wait: what to do when the controller reports the change failed, or Degraded, within wait-timeout. fail: the step fails. rollback: a rollback commit to the image each app ran before lands at once (never of a rollback, never where there was none), and the step fails naming both commits.',
    help: 'with --wait: fail, or rollback (a rollback commit lands when the change goes bad)',
  },
  {
    name: 'dry-run',
    key: 'dryRun',
    kind: 'boolean',
    description: 'Plan and show the diff; push nothing.',
    promote: 'Plan and show the diff; push nothing and copy no image.',
    help: 'print the diff, push nothing',
  },
];

/** The default action.yml declares: the workflow's where it differs, else the engine's (`''` for none). */
export function actionDefault(spec: ChangeOptionSpec): string {
  if (spec.actionDefault !== undefined) return spec.actionDefault;
  if (spec.kind === 'boolean') return 'false';
  if (spec.kind === 'list') return '';
  return spec.default === undefined ? '' : String(spec.default);
}

/** YAML 1.2's core booleans, as GitHub's toolkit reads a boolean input. */
const booleans: Readonly<Record<string, boolean>> = {
  true: true,
  True: true,
  TRUE: true,
  false: false,
  False: false,
  FALSE: false,
};

/**
 * The value of an option given as text (an input, a flag's value), or why it is not one, in words that follow
 * the input's or flag's name: `must be a whole number from 1 to 1000, not "many"`. A list is split on commas.
 */
export function readOptionText(
  spec: ChangeOptionSpec,
  text: string,
): { readonly value: string | number | boolean | string[] } | { readonly problem: string } {
  switch (spec.kind) {
    case 'text':
      return { value: text };
    case 'list':
      return {
        value: text
          .split(',')
          .map((item) => item.trim())
          .filter(Boolean),
      };
    case 'boolean': {
      const value = booleans[text];
      return value === undefined ? { problem: `must be true or false, not "${text}"` } : { value };
    }
    case 'choice':
      return spec.choices.includes(text)
        ? { value: text }
        : { problem: `must be one of ${spec.choices.join(', ')}, not "${text}"` };
    case 'whole-number': {
      const [min, max] = spec.range;
      const value = Number(text);
      if (!/^\d+$/.test(text) || value < min || value > max)
        return { problem: `must be a whole number from ${min} to ${max}, not "${text}"` };
      return { value };
    }
  }
}
