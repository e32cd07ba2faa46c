// The default branch a clone took, checked: a repository whose HEAD names a branch it does not have clones with
// nothing checked out, and git's own words for that later ("Not a valid object name HEAD") name nothing to do.
import { UserError } from '@gitops/errors';
import { checkoutEnvironment } from './checkout-env';
import type { Remote } from './remote';
import { git } from './run';

/**
 * The branch a clone without one took: the remote's default. In one git process, which names the branch and fails
 * when it has no commit. A repository whose HEAD names a branch it does not have (a bare repository made with
 * another default branch name, say) clones with nothing checked out: that is said, with the branches it has,
 * before anything reads HEAD.
 */
export async function defaultBranch(dir: string, remote: Remote): Promise<string> {
  // The full name: --abbrev-ref would say heads/main where a tag is called main too.
  const named = await git(['rev-parse', '--symbolic-full-name', 'HEAD'], { cwd: dir }).then(
    (output) => output.trim(),
    () => undefined,
  );
  if (named?.startsWith('refs/heads/')) return named.slice('refs/heads/'.length);
  const target = (await git(['symbolic-ref', '--short', 'HEAD'], { cwd: dir })).trim();
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
