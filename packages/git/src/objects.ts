// Files read as Git holds them at a commit, never from the working tree: a file that gitops.yaml names (allowed
// signers, a trusted root) decides what is trusted, so it must be the one the branch holds, and a symbolic link in
// the repository must not make us read whatever it points to on the runner.
import type { GitRunner } from './history';

/** What a path is at a commit; `text` only for a regular file within the size limit. */
export type FileAt =
  | { readonly kind: 'file'; readonly text: string; readonly object: string }
  | { readonly kind: 'link' | 'missing' | 'folder' | 'too-large' };

/** Files gitops.yaml names are small (keys, trust roots): anything larger is refused before it is read. */
export const namedFileLimit = 1024 * 1024;

/**
 * The file at `revision:file`, one `ls-tree` to know what it is, then its blob when it is a regular file (not read
 * again when it is the blob of `known`, a file read before).
 */
export async function fileAt(
  repository: GitRunner,
  revision: string,
  file: string,
  known?: Extract<FileAt, { kind: 'file' }>,
): Promise<FileAt> {
  const listing = await repository.run(['ls-tree', '-l', '-z', '--full-tree', revision, '--', file]);
  // `<mode> <type> <object> <size>\t<path>`; a path that names nothing lists nothing.
  const entry = listing.split('\0').find((line) => line.endsWith(`\t${file}`));
  const [mode = '', , object = '', size = ''] = (entry?.split('\t')[0] ?? '').trim().split(/\s+/);
  if (!entry) return { kind: 'missing' };
  if (mode === '120000') return { kind: 'link' };
  if (mode !== '100644' && mode !== '100755') return { kind: 'folder' };
  if (Number(size) > namedFileLimit) return { kind: 'too-large' };
  if (known?.object === object) return known;
  return { kind: 'file', text: await repository.run(['cat-file', 'blob', object]), object };
}

/** The reason a named file cannot be used, in words, for the kinds that are not a file. */
export function fileAtProblem(kind: Exclude<FileAt['kind'], 'file'>): string {
  switch (kind) {
    case 'link':
      return 'is a symbolic link; name the file itself (links are not followed)';
    case 'missing':
      return 'is not in the repository';
    case 'folder':
      return 'is not a file';
    case 'too-large':
      return `is larger than ${namedFileLimit / 1024} KiB`;
  }
}
