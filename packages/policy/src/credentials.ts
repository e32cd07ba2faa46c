// leaked-credential: files of the config repository scanned with secretlint's recommended rules (cloud keys,
// GitHub and Slack tokens, private keys, …). A credential committed to Git is readable by everyone who can read
// the repository, its forks and its history, so each one is an error on its line. The value itself is never
// put into a finding: the message names the kind of credential only.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { staysInsideRepository } from '@gitops/config';
import { lintSource } from '@secretlint/core';
import { secretLintProfiler } from '@secretlint/profiler';
import { creator as recommended } from '@secretlint/secretlint-rule-preset-recommend';
import type { Finding, Level } from './findings';

const maxFiles = 20_000;
const maxFileBytes = 1024 * 1024;
const presetId = '@secretlint/secretlint-rule-preset-recommend';

/**
 * Findings for every credential in `files` (relative to `root`); without `files`, every file git tracks below
 * `root` (every file, when `root` is not in a git work tree). Files that leave the repository, binary files and
 * files over 1 MiB are not read.
 */
export async function scanForCredentials(
  root: string,
  files: readonly string[] | undefined,
  level: Level,
): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const file of (files ?? trackedFiles(root)).slice(0, maxFiles)) {
    const content = readText(root, file);
    if (content === undefined) continue;
    const result = await lintSource({
      source: { filePath: path.join(root, file), content, ext: path.extname(file), contentType: 'text' },
      options: { config: { rules: [{ id: presetId, rule: recommended }] }, maskSecrets: true },
    });
    await forgetProfile();
    for (const message of result.messages) {
      findings.push({
        rule: 'leaked-credential',
        level,
        message: `${describe(message.ruleId, message.messageId)} is committed here (secretlint ${shortRule(message.ruleId)}); remove it and revoke it: Git history keeps it readable`,
        location: { file, line: message.loc.start.line, column: message.loc.start.column + 1 },
      });
    }
  }
  return findings;
}

/**
 * secretlint's core marks the start and end of every file on one process-wide profiler. Its observer runs only
 * when the event loop turns, keeps every mark, and searches all of them for each new one: scanned in one go,
 * quadratic in the files (991 files took 8.7 s, 1,981 took 45 s, a 10,000-file repository did not finish in 10
 * minutes). Nothing reads that profile here: after each file the observer is let run (one turn of the loop), then
 * its list is emptied. Only the list is touched, so the measures it queues still find their marks.
 */
async function forgetProfile(): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  (secretLintProfiler as unknown as { entries: unknown[] }).entries.length = 0;
}

/** `GITHUB_TOKEN` → `a credential (github token)`: the rule's own message carries the value, masked or not. */
function describe(ruleId: string, messageId: string | undefined): string {
  const words = (messageId ?? shortRule(ruleId))
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase();
  return `a credential (${words})`;
}

function shortRule(ruleId: string): string {
  return ruleId.replace('@secretlint/secretlint-rule-', '');
}

function readText(root: string, file: string): string | undefined {
  if (!staysInsideRepository(root, file)) return undefined;
  const absolute = path.join(root, file);
  const stats = statSync(absolute, { throwIfNoEntry: false });
  if (!stats?.isFile() || stats.size > maxFileBytes) return undefined;
  const bytes = readFileSync(absolute);
  if (bytes.includes(0)) return undefined;
  return bytes.toString('utf8');
}

/** What git tracks below `root` (paths relative to it); a walk of the folder outside a git work tree. */
function trackedFiles(root: string): string[] {
  try {
    const output = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--', '.'], {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 60_000,
    });
    return output.split('\0').filter(Boolean);
  } catch {
    return walk(root);
  }
}

function walk(root: string): string[] {
  const files: string[] = [];
  const visit = (relative: string) => {
    for (const entry of readdirSync(path.join(root, relative), { withFileTypes: true })) {
      if (files.length >= maxFiles) return;
      if (entry.name === '.git' || entry.name === 'node_modules') continue;
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) visit(child);
      else if (entry.isFile()) files.push(child);
    }
  };
  visit('');
  return files;
}
