// A gate on a bare repository's pushes to main, for tests that need pipelines to meet in a set order: a push
// whose every new commit's subject mentions a held key waits in the server's pre-receive hook until the key is
// let go (or that one push is released), while the test moves main on. The push then fails to update the ref,
// as a push that lost a race does. Optionally the hook refuses every ref outside the branches, as some hosts do.
import { chmodSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { git } from './services/git-daemon';
import { waitUntil } from './services/wait';

export interface PushGate {
  /** Holds every push whose new commits all mention `key` (an image tag such as `1.0.1`). */
  hold(key: string): void;
  /** Lets every push of `key` go, held or to come. */
  letGo(key: string): void;
  /** Waits until a push of `key` is held, other than those already seen; returns its id. */
  held(key: string, seen?: readonly string[]): Promise<string>;
  /** Releases the one held push `id`; later pushes of its key are held again. */
  release(id: string): void;
  /** Moves main one commit on, as another pipeline's change would (the tree is unchanged). */
  moveMain(message: string): void;
}

export function installPushGate(bare: string, options: { refuseOtherRefs?: boolean } = {}): PushGate {
  const control = path.join(bare, 'gate');
  mkdirSync(path.join(control, 'hold'), { recursive: true });
  const refuse = options.refuseOtherRefs
    ? '  case "$ref" in refs/heads/*) ;; *) echo "only branches may be pushed here: $ref" >&2; exit 1;; esac\n'
    : '';
  // Bounded: 3,000 waits of 0.1 s. A line on stderr every 5 s keeps the pushing git from taking the wait for a
  // silent host.
  const hook = `#!/bin/sh
ctl='${control}'
while read old new ref; do
${refuse}  [ "$ref" = refs/heads/main ] || continue
  subjects=$(git log --format=%s "$old..$new")
  for key in $(ls "$ctl/hold"); do
    if ! printf '%s\\n' "$subjects" | grep -qvF -- "$key"; then
      touch "$ctl/held.$key.$$"
      i=0
      while [ -e "$ctl/hold/$key" ] && [ ! -e "$ctl/release.$$" ] && [ $i -lt 3000 ]; do
        sleep 0.1
        i=$((i+1))
        [ $((i % 50)) -eq 0 ] && echo "held by the test" >&2
      done
      rm -f "$ctl/held.$key.$$"
    fi
  done
done
exit 0
`;
  const file = path.join(bare, 'hooks', 'pre-receive');
  writeFileSync(file, hook);
  chmodSync(file, 0o755);
  const heldOf = (key: string) =>
    readdirSync(control)
      .filter((entry) => entry.startsWith(`held.${key}.`))
      .map((entry) => entry.slice(`held.${key}.`.length));
  return {
    hold: (key) => writeFileSync(path.join(control, 'hold', key), ''),
    letGo: (key) => rmSync(path.join(control, 'hold', key), { force: true }),
    held: async (key, seen = []) => {
      let found: string | undefined;
      await waitUntil(
        `a push of ${key} held by the pre-receive hook`,
        () => {
          found = heldOf(key).find((id) => !seen.includes(id));
          return found !== undefined;
        },
        { timeoutMs: 120_000 },
      );
      return found as string;
    },
    release: (id) => writeFileSync(path.join(control, `release.${id}`), ''),
    moveMain: (message) => {
      const commit = git(['commit-tree', 'main^{tree}', '-p', 'main', '-m', message], bare).trim();
      git(['update-ref', 'refs/heads/main', commit], bare);
    },
  };
}

/** The refs under refs/gitops/ the server holds (pending changes). */
export function gitopsRefs(bare: string): string[] {
  return git(['for-each-ref', '--format=%(refname)', 'refs/gitops/'], bare).split('\n').filter(Boolean);
}
