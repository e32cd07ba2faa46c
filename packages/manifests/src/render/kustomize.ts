// Renders a kustomize directory with `kustomize build` (when on PATH) or `kubectl kustomize`, exactly as the
// user's files say: no options added, so the output is what a controller would apply.
import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import * as path from 'node:path';
import { kustomizationIn } from './kustomization-file';
import { checkKustomizeReach } from './kustomize-reach';
import { KustomizeSources, type SourceOfResource } from './kustomize-sources';
import type { RenderedResource, RenderProblem, ResourceObject } from './model';
import { scanKustomizationSyntax } from './syntax-scan';
import { documentData, parseYamlText } from './yaml-text';

const maxOutputBytes = 512 * 1024 * 1024;

export interface KustomizeTool {
  readonly command: string;
  readonly args: (folder: string) => string[];
}

/** `kustomize build` when a kustomize binary is on PATH, else `kubectl kustomize`. */
export function findKustomize(env: NodeJS.ProcessEnv = process.env): KustomizeTool {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, 'kustomize');
    try {
      accessSync(candidate, constants.X_OK);
      return { command: candidate, args: (folder) => ['build', folder] };
    } catch {}
  }
  return { command: 'kubectl', args: (folder) => ['kustomize', folder] };
}

export interface KustomizeResult {
  readonly resources: RenderedResource[];
  readonly problems: RenderProblem[];
}

/** Renders `folder` (relative to `root`, holding a kustomization) into resources; origins are found on demand. */
export async function renderKustomize(
  root: string,
  folder: string,
  tool: KustomizeTool = findKustomize(),
): Promise<KustomizeResult> {
  const kustomization = kustomizationIn(root, folder) ?? folder;
  // kustomize is not run on a kustomization that reaches outside the repository: it would read what is there.
  const outside = checkKustomizeReach(root, folder);
  if (outside.length) return { resources: [], problems: outside };
  let stdout: string;
  try {
    stdout = await run(tool.command, tool.args(path.join(root, folder)));
  } catch (error) {
    const message = failure(tool, error, [path.join(root, path.sep), root]);
    return {
      resources: [],
      problems: [
        { kind: 'render', location: { file: kustomization }, message },
        ...scanKustomizationSyntax(root, folder),
      ],
    };
  }
  const sources = new KustomizeSources(root, folder);
  const resources: RenderedResource[] = [];
  for (const document of parseYamlText(stdout).documents) {
    const object = documentData(document);
    if (object === null || typeof object !== 'object' || Array.isArray(object)) continue;
    resources.push(lazySource(object as ResourceObject, sources));
  }
  return { resources, problems: [] };
}

function lazySource(object: ResourceObject, sources: KustomizeSources): RenderedResource {
  let found: SourceOfResource | undefined;
  const source = () => {
    found ??= sources.sourceOf(object);
    return found;
  };
  return {
    object,
    get origin() {
      return source().origin;
    },
    get kustomizations() {
      return source().kustomizations;
    },
  };
}

function run(command: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { maxBuffer: maxOutputBytes, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error) reject(Object.assign(error, { stderr }));
      else resolve(stdout);
    });
  });
}

/** kustomize's own message, on one line, with the repository root taken out of its paths. */
function failure(tool: KustomizeTool, error: unknown, prefixes: string[]): string {
  const { code, stderr } = error as { code?: unknown; stderr?: string };
  if (code === 'ENOENT') return `cannot render: ${tool.command} is not installed (install kubectl or kustomize)`;
  const lines = (stderr ?? String(error))
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => line.replace(/^E\d{4} [\d:.]+\s+\d+ \S+\] "command failed" err=/, '').replace(/^Error: /, ''));
  let message = lines.join(' ').replace(/^"|"$/g, '').replace(/\\"/g, '"');
  for (const prefix of prefixes) message = message.replaceAll(prefix, '');
  return `kustomize build failed: ${message}`;
}
