// SSH signing keys for tests of commit-signing: ssh and of pending changes checked against an allowed-signers file.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

export interface SigningKey {
  /** The private key as a workflow passes it in `signing-key`. */
  readonly privateKey: string;
  /** `ssh-ed25519 AAAA… comment` */
  readonly publicKey: string;
  /** An allowed-signers line (git's gpg.ssh.allowedSignersFile) for this key. */
  readonly allowedSigner: string;
}

/** A new ed25519 key without passphrase, made by ssh-keygen (the folder it was made in is removed). */
export function newSigningKey(principal = 'deploy-bot@example.com'): SigningKey {
  const folder = mkdtempSync(path.join(tmpdir(), 'gitops-test-key-'));
  try {
    const file = path.join(folder, 'key');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', principal, '-f', file]);
    const publicKey = readFileSync(`${file}.pub`, 'utf8').trim();
    return { privateKey: readFileSync(file, 'utf8'), publicKey, allowedSigner: `${principal} ${publicKey}\n` };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** Signs `commit`-tree style: makes a commit of `message` with no parent in `bare`, signed with `key`. */
export function signedLooseCommit(bare: string, message: string, key: SigningKey | undefined, date: string): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'gitops-test-sign-'));
  try {
    const keyFile = path.join(folder, 'key');
    const sign = key ? ['-c', 'gpg.format=ssh', '-c', `user.signingkey=${keyFile}`] : [];
    if (key) execFileSync('sh', ['-c', 'umask 077; cat > "$0"', keyFile], { input: key.privateKey });
    const env = {
      ...process.env,
      GIT_AUTHOR_NAME: 'gitops',
      GIT_AUTHOR_EMAIL: 'gitops@localhost',
      GIT_AUTHOR_DATE: date,
      GIT_COMMITTER_NAME: 'gitops',
      GIT_COMMITTER_EMAIL: 'gitops@localhost',
      GIT_COMMITTER_DATE: date,
    };
    const tree = execFileSync('git', ['mktree'], { cwd: bare, input: '', encoding: 'utf8' }).trim();
    return execFileSync('git', [...sign, 'commit-tree', ...(key ? ['-S'] : []), tree, '-F', '-'], {
      cwd: bare,
      input: message,
      env,
      encoding: 'utf8',
    }).trim();
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** git's %G? of the newest `count` commits of `ref`, checked against `signers` (G: good, by a listed key). */
export function signatureMarks(bare: string, ref: string, count: number, signers: string): string[] {
  const folder = mkdtempSync(path.join(tmpdir(), 'gitops-test-signers-'));
  try {
    const file = path.join(folder, 'allowed_signers');
    execFileSync('sh', ['-c', 'cat > "$0"', file], { input: signers });
    return execFileSync('git', ['-c', `gpg.ssh.allowedSignersFile=${file}`, 'log', `-${count}`, '--format=%G?', ref], {
      cwd: bare,
      encoding: 'utf8',
    })
      .trim()
      .split('\n');
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
