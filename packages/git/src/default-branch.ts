// The default branch a clone took, checked: a repository whose HEAD names a branch it does not have clones with
// nothing checked out, and git's own words for that later ("Not a valid object name HEAD") name nothing to do.
import { UserError } from '@gitops/errors';
import { checkoutEnvironment } from './checkout-env';
import type { Remote } from './remote';
import { git } from './run';

/**
 * A repository whose HEAD names a branch it does not have (a bare repository made with another default branch
 * name, say) clones with nothing checked out: say so, with the branches it has, before anything reads HEAD.
 */
export async function checkDefaultBranch(dir: string, remote: Remote, target: string): Promise<void> {
  const head = await git(['rev-parse', '--verify', '--quiet', 'HEAD'], { cwd: dir }).then(
    () => true,
    () => false,
  );
  if (head) return;
  const listed = await git(['ls-remote', '--heads', '--', 'origin'], {
    cwd: dir,
    env: checkoutEnvironment(remote),
    secrets: remote.secrets,
    patience: remote.patience,
    doing: `listing the branches of ${remote.display}`,
  });
  const branches = listed
    .split('\n')
    .map((line) => line.split('\t')[1]?.replace(/^refs\/heads\//, ''))
    .filter((name): name is string => Boolean(name));
  throw new UserError(
    branches.length === 0
      ? `${remote.display} has no branches yet: push a first commit (with gitops.yaml) to it`
      : `${remote.display} names "${target}" as its default branch (HEAD), which it does not have; it has ${branches.map((name) => `"${name}"`).join(', ')}: name one in the branch input`,
    { subject: 'branch' },
  );
}
