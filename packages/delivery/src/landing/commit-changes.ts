// Writes a planned change into the clone and commits it: the one way both landings (the push loop and the pull
// request branch) make their commit. `commit --all` stages what git tracks; files the change creates (a preview's)
// are added by name.
import type { ConfigCheckout, Identity } from '@gitops/git';
import { type FileChange, writeChanges } from '@gitops/manifests';

/** The commit made; undefined when the written files left nothing to commit. */
export async function commitChanges(
  checkout: ConfigCheckout,
  change: { readonly changes: readonly FileChange[]; readonly message: string; readonly committer: Identity },
): Promise<string | undefined> {
  writeChanges(checkout.dir, change.changes);
  const added = change.changes.filter((file) => file.added).map((file) => file.file);
  if (added.length > 0) await checkout.run(['add', '--sparse', '--', ...added]);
  return checkout.commit(change.message, change.committer);
}
