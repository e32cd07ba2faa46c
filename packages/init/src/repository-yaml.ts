// The YAML documents of a repository, read once for `gitops init` to find the controllers' objects (Argo CD
// Applications, Flux Kustomizations). The repository is untrusted input: files and documents are bounded, and a
// file that does not parse is skipped (validate reports it; init only looks for what it recognises).
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { LineCounter, parseAllDocuments } from 'yaml';

/** Past these, the rest of the repository is not read: init proposes from what it saw and says so. */
export const limits = { files: 5_000, bytes: 1024 * 1024, depth: 12 } as const;

export interface YamlDocument {
  readonly file: string;
  readonly line: number;
  readonly value: Record<string, unknown>;
}

export interface RepositoryYaml {
  readonly files: readonly string[];
  readonly documents: readonly YamlDocument[];
  /** More files than {@link limits} allow were there. */
  readonly truncated: boolean;
}

const skipped = new Set(['node_modules', 'vendor']);

/** YAML files under `root` (relative, sorted), hidden folders and symbolic links left out. */
export function listYamlFiles(root: string): { files: string[]; truncated: boolean } {
  const files: string[] = [];
  let truncated = false;
  const walk = (relative: string, depth: number) => {
    if (depth > limits.depth || truncated) return;
    const entries = readdirSync(path.join(root, relative), { withFileTypes: true });
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (entry.name.startsWith('.') || skipped.has(entry.name)) continue;
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(child, depth + 1);
      else if (entry.isFile() && /\.ya?ml$/.test(entry.name)) {
        if (files.length >= limits.files) {
          truncated = true;
          return;
        }
        files.push(child);
      }
    }
  };
  walk('', 0);
  return { files, truncated };
}

export function readRepositoryYaml(root: string): RepositoryYaml {
  const { files, truncated } = listYamlFiles(root);
  const documents: YamlDocument[] = [];
  for (const file of files) {
    const full = path.join(root, file);
    if (lstatSync(full).size > limits.bytes) continue;
    const text = readFileSync(full, 'utf8');
    // Only files that may hold a controller's object are parsed: the others cost time and say nothing here.
    if (!/argoproj\.io|toolkit\.fluxcd\.io/.test(text)) continue;
    const lineCounter = new LineCounter();
    for (const document of parseAllDocuments(text, { lineCounter, uniqueKeys: false })) {
      if (document.errors.length) continue;
      const value = document.toJS({ maxAliasCount: 100 }) as unknown;
      if (value && typeof value === 'object' && !Array.isArray(value))
        documents.push({
          file,
          line: lineCounter.linePos(document.contents?.range?.[0] ?? 0).line,
          value: value as Record<string, unknown>,
        });
    }
  }
  return { files, documents, truncated };
}
