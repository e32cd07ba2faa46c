// The harness's leak scanner. Tests plant their secrets (tokens, passwords, Secret values); after every run of
// a bundle, everything that run could have shown anyone is scanned for them: stdout, stderr, GITHUB_OUTPUT,
// the step summary, the env and state files, every file left in RUNNER_TEMP, and what the sinks registered
// here hold (commits in the test's git servers, bodies the GitHub double received). A hit fails the test.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';

const planted = new Set<string>();
const sinks = new Map<string, () => Iterable<[where: string, text: string]>>();

/** Secrets shorter than this would match by chance (`ab` in any log); tests plant long, distinctive values. */
const minimumLength = 8;

/** Registers values that must never be seen after a run; returns the first, for `const token = plantSecret(…)`. */
export function plantSecret(...values: string[]): string {
  for (const value of values) if (value.length >= minimumLength) planted.add(value);
  return values[0] ?? '';
}

export function plantedSecrets(): readonly string[] {
  return [...planted];
}

/**
 * A place outside the bundle's own output that a run can write to (a git server's repositories, the GitHub
 * double's requests); read after every run. Returns a function that removes it.
 */
export function registerLeakSink(name: string, read: () => Iterable<[string, string]>): () => void {
  sinks.set(name, read);
  return () => sinks.delete(name);
}

/** How a secret could show: as it is, and in the encodings that carry credentials (basic auth, base64). */
function forms(secret: string): string[] {
  const base64 = (text: string) => Buffer.from(text).toString('base64');
  return [secret, base64(secret), base64(`x-access-token:${secret}`), encodeURIComponent(secret)];
}

/** The names of the places in `texts` that hold a planted secret (the secret itself is never repeated). */
export function findLeaks(texts: Iterable<[where: string, text: string]>, secrets = plantedSecrets()): string[] {
  const hits: string[] = [];
  for (const [where, text] of texts) {
    secrets.forEach((secret, index) => {
      const form = forms(secret).find((candidate) => text.includes(candidate));
      if (form !== undefined) hits.push(`planted secret #${index + 1} (${secret.length} chars) in ${where}`);
    });
  }
  return hits;
}

/** Throws when any planted secret shows in `texts` or in a registered sink. */
export function assertNoLeaks(texts: Iterable<[string, string]>): void {
  if (planted.size === 0) return;
  const all: [string, string][] = [...texts];
  for (const read of sinks.values()) all.push(...read());
  const hits = findLeaks(all);
  if (hits.length) throw new Error(`leak scanner: ${hits.join('; ')}`);
}

/** The runner hides `::add-mask::` lines themselves: a secret may be named there, and only there. */
export function visibleLog(stdout: string): string {
  return stdout
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n');
}

/** Every regular file below `dir` (bounded: 5,000 files, 16 MiB each), as [path, text]. */
export function filesBelow(dir: string, label: string): [string, string][] {
  const found: [string, string][] = [];
  const walk = (folder: string) => {
    let entries: import('node:fs').Dirent[];
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (found.length >= 5_000) return;
      const file = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.isFile() && statSync(file).size <= 16 * 1024 * 1024) {
        found.push([`${label}/${path.relative(dir, file)}`, readFileSync(file, 'latin1')]);
      }
    }
  };
  walk(dir);
  return found;
}
