// Renders a plain YAML folder as it is: every document with apiVersion or kind in every .yaml/.yml file
// below it. A subfolder holding a kustomization is rendered by kustomize as one unit, as Flux does.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { maxFileBytes } from '../yaml-file';
import { kustomizationIn } from './kustomization-file';
import { type KustomizeTool, renderKustomize } from './kustomize';
import type { RenderedResource, RenderProblem, ResourceObject } from './model';
import { documentData, parseYamlText } from './yaml-text';

const yamlName = /\.ya?ml$/i;

export async function renderPlain(
  root: string,
  folder: string,
  tool: KustomizeTool,
): Promise<{ resources: RenderedResource[]; problems: RenderProblem[] }> {
  const resources: RenderedResource[] = [];
  const problems: RenderProblem[] = [];
  const walk = async (relative: string) => {
    const entries = readdirSync(path.join(root, relative), { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    );
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const child = relative === '.' ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) {
        if (kustomizationIn(root, child)) {
          const rendered = await renderKustomize(root, child, tool);
          resources.push(...rendered.resources);
          problems.push(...rendered.problems);
        } else {
          await walk(child);
        }
      } else if (entry.isFile() && yamlName.test(entry.name)) {
        readPlainFile(root, child, resources, problems);
      }
    }
  };
  await walk(folder);
  return { resources, problems };
}

function readPlainFile(root: string, file: string, resources: RenderedResource[], problems: RenderProblem[]): void {
  const size = statSync(path.join(root, file)).size;
  if (size > maxFileBytes) {
    problems.push({
      kind: 'yaml',
      location: { file },
      message: `the file is ${size} bytes; the limit is ${maxFileBytes}`,
    });
    return;
  }
  const parsed = parseYamlText(readFileSync(path.join(root, file), 'utf8'));
  for (const error of parsed.errors) {
    problems.push({ kind: 'yaml', location: { file, line: error.line, column: error.column }, message: error.message });
  }
  if (parsed.errors.length) return;
  parsed.documents.forEach((document, index) => {
    let data: unknown;
    try {
      data = documentData(document);
    } catch (error) {
      const { line, col } = parsed.lineCounter.linePos(document.range[0]);
      problems.push({ kind: 'yaml', location: { file, line, column: col }, message: (error as Error).message });
      return;
    }
    if (data === null || typeof data !== 'object' || Array.isArray(data)) return;
    const object = data as ResourceObject;
    // Helm values, kustomize components and other non-resources live beside manifests: not ours to check.
    if (object.apiVersion === undefined && object.kind === undefined) return;
    resources.push({ object, origin: { file, document: index }, kustomizations: [] });
  });
}
