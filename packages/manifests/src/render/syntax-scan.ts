// When kustomize refuses to render, its message names one problem. This walks the files the kustomization
// reaches (resources, components, patches; bases recursively) and reports every YAML syntax error with its
// line, so one run shows all of them.
import { existsSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { maxFileBytes } from '../yaml-file';
import { kustomizationIn } from './kustomization-file';
import type { RenderProblem } from './model';
import { documentData, parseYamlText } from './yaml-text';

const maxFiles = 10_000;

export function scanKustomizationSyntax(root: string, folder: string): RenderProblem[] {
  const problems: RenderProblem[] = [];
  const seen = new Set<string>();
  const visitFile = (file: string): unknown => {
    if (seen.has(file) || seen.size >= maxFiles) return undefined;
    seen.add(file);
    const absolute = path.join(root, file);
    if (!existsSync(absolute) || statSync(absolute).size > maxFileBytes) return undefined;
    const parsed = parseYamlText(readFileSync(absolute, 'utf8'));
    for (const error of parsed.errors) {
      problems.push({
        kind: 'yaml',
        location: { file, line: error.line, column: error.column },
        message: error.message,
      });
    }
    if (parsed.errors.length || parsed.documents.length === 0) return undefined;
    try {
      return documentData(parsed.documents[0] as (typeof parsed.documents)[number]);
    } catch {
      return undefined;
    }
  };
  const visitFolder = (dir: string) => {
    const kustomization = kustomizationIn(root, dir);
    if (!kustomization) return;
    const data = visitFile(kustomization) as Record<string, unknown> | undefined;
    if (!data || typeof data !== 'object') return;
    for (const entry of referencedPaths(data)) {
      if (/^[a-z]+:\/\/|^git@|^github\.com\//.test(entry)) continue;
      const relative = path.posix.normalize(dir === '.' ? entry : `${dir}/${entry}`);
      if (relative.startsWith('..')) continue;
      const absolute = path.join(root, relative);
      if (!existsSync(absolute)) continue;
      if (statSync(absolute).isDirectory()) visitFolder(relative);
      else if (/\.ya?ml$/i.test(relative)) visitFile(relative);
    }
  };
  visitFolder(folder);
  return problems;
}

function referencedPaths(kustomization: Record<string, unknown>): string[] {
  const found: string[] = [];
  const strings = (value: unknown) =>
    Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  found.push(
    ...strings(kustomization.resources),
    ...strings(kustomization.bases),
    ...strings(kustomization.components),
  );
  found.push(...strings(kustomization.patchesStrategicMerge).filter((entry) => !entry.includes('\n')));
  for (const key of ['patches', 'patchesJson6902']) {
    const list = kustomization[key];
    if (!Array.isArray(list)) continue;
    for (const item of list) if (typeof item?.path === 'string') found.push(item.path);
  }
  return found;
}
