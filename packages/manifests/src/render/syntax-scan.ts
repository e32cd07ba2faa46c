// When kustomize refuses to render, its message names one problem. This walks the files the kustomization
// reaches (resources, components, patches; bases recursively) and reports every YAML syntax error with its
// line, so one run shows all of them.
import { kustomizationIn, kustomizationReferences } from './kustomization-file';
import type { RenderProblem } from './model';
import { documentData, readYamlSource } from './yaml-text';

const maxFiles = 10_000;

export function scanKustomizationSyntax(root: string, folder: string): RenderProblem[] {
  const problems: RenderProblem[] = [];
  const seen = new Set<string>();
  const visitFile = (file: string): unknown => {
    if (seen.has(file) || seen.size >= maxFiles) return undefined;
    seen.add(file);
    const parsed = readYamlSource(root, file);
    if (!parsed) return undefined;
    for (const error of parsed.errors) {
      problems.push({
        kind: 'yaml',
        location: { file, line: error.line, column: error.column },
        message: error.message,
      });
    }
    const first = parsed.documents[0];
    if (parsed.errors.length || !first) return undefined;
    try {
      return documentData(first);
    } catch {
      return undefined;
    }
  };
  const visitFolder = (dir: string) => {
    const kustomization = kustomizationIn(root, dir);
    if (!kustomization) return;
    const data = visitFile(kustomization);
    if (!data || typeof data !== 'object') return;
    const { resources, components, patches } = kustomizationReferences(root, dir, data as Record<string, unknown>);
    for (const reference of [...resources, ...components, ...patches]) {
      if (reference.folder) visitFolder(reference.path);
      else if (/\.ya?ml$/i.test(reference.path)) visitFile(reference.path);
    }
  };
  visitFolder(folder);
  return problems;
}
