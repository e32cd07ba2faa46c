import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

/** A config repository on disk with envs/dev, envs/staging, envs/prod and a symlink that leaves it. */
export function makeRepository(folders: string[] = ['envs/dev', 'envs/staging', 'envs/prod']): string {
  const root = mkdtempSync(path.join(tmpdir(), 'gitops-config-'));
  for (const folder of folders) mkdirSync(path.join(root, folder), { recursive: true });
  writeFileSync(path.join(root, 'README.md'), '# config\n');
  symlinkSync(tmpdir(), path.join(root, 'escape'));
  return root;
}
