// SSH commit signing (git's gpg.format=ssh) with a key given as text: for hosts other than GitHub, where commits
// made through GitHub's API are not an option. The key goes to a file only git's ssh-keygen reads (mode 0600, in
// the change's own temporary folder, removed with the clone); it is checked before anything is cloned, so a key
// that cannot sign fails at once and names the input, not at the first commit.
import { execFile } from 'node:child_process';
import { chmodSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { UserError } from '@gitops/errors';

/** Folders holding a key, removed if the process is stopped by a signal before it removes them itself. */
const keyFolders = new Set<string>();
let handling = false;

/**
 * A runner cancelling a job sends SIGINT, then SIGTERM, before it kills: `finally` blocks do not run then, so the key
 * folders are removed here, and the process ends as the signal would have ended it (128 + its number).
 */
function removeKeysOnSignal(folder: string): void {
  keyFolders.add(folder);
  if (handling) return;
  handling = true;
  for (const [signal, number] of [
    ['SIGINT', 2],
    ['SIGTERM', 15],
  ] as const)
    process.once(signal, () => {
      for (const each of keyFolders) rmSync(each, { recursive: true, force: true });
      process.exit(128 + number);
    });
}

/** Writes the key into `folder` and checks that it can sign without a passphrase; returns the key file. */
export async function sshSigningKey(key: string, folder: string, subject: string): Promise<string> {
  const file = path.join(folder, 'signing-key');
  removeKeysOnSignal(folder);
  // ssh-keygen refuses a key without its final newline, which a secret pasted into a form often lacks.
  writeFileSync(file, `${key.trim()}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  const problem = await new Promise<string | undefined>((resolve) => {
    // -y prints the public key: it reads the private key as signing will, and -P '' fails on a passphrase.
    execFile('ssh-keygen', ['-y', '-P', '', '-f', file], { timeout: 30_000 }, (error, _stdout, stderr) => {
      if (!error) resolve(undefined);
      else if ((error as NodeJS.ErrnoException).code === 'ENOENT')
        resolve('needs ssh-keygen (OpenSSH) on PATH to sign commits');
      else if (/passphrase|incorrect/i.test(stderr)) resolve('is protected by a passphrase; give a key without one');
      else resolve('is not an SSH private key (OpenSSH or PEM format)');
    });
  });
  if (problem) throw new UserError(problem, { subject });
  return file;
}

/** What git needs to sign every commit with the key: set in the clone's own config. */
export function sshSigningConfig(keyFile: string): [string, string][] {
  return [
    ['gpg.format', 'ssh'],
    ['user.signingkey', keyFile],
    ['commit.gpgsign', 'true'],
  ];
}
