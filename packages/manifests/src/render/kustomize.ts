// Renders a kustomize directory with `kustomize build` (when on PATH) or `kubectl kustomize`, asking kustomize
// itself to record where each resource came from and which kustomizations transformed it: a wrapper
// kustomization in a temporary folder turns on buildMetadata, so the user's files are never touched.
import { execFile } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { kustomizationIn } from './kustomization-file';
import type { RenderedResource, RenderProblem, ResourceObject } from './model';
import { scanKustomizationSyntax } from './syntax-scan';
import { documentData, parseYamlText } from './yaml-text';

const originKey = 'config.kubernetes.io/origin';
const transformationsKey = 'alpha.config.kubernetes.io/transformations';
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

/** Renders `folder` (relative to `root`, holding a kustomization) into resources with their origins. */
export async function renderKustomize(
  root: string,
  folder: string,
  tool: KustomizeTool = findKustomize(),
): Promise<KustomizeResult> {
  const kustomization = kustomizationIn(root, folder) ?? folder;
  const wrapper = mkdtempSync(path.join(tmpdir(), 'gitops-render-'));
  try {
    const target = path.relative(wrapper, path.join(root, folder)).split(path.sep).join('/');
    writeFileSync(
      path.join(wrapper, 'kustomization.yaml'),
      `resources:\n  - ${JSON.stringify(target)}\nbuildMetadata: [originAnnotations, transformerAnnotations]\n`,
    );
    let stdout: string;
    try {
      stdout = await run(tool.command, tool.args(wrapper));
    } catch (error) {
      const message = failure(tool, error, [path.join(root, path.sep), `${target.replace(/\/?$/, '/')}`]);
      return {
        resources: [],
        problems: [
          { kind: 'render', location: { file: kustomization }, message },
          ...scanKustomizationSyntax(root, folder),
        ],
      };
    }
    const toRepository = (file: string) => path.relative(root, path.resolve(wrapper, file)).split(path.sep).join('/');
    const parsed = parseYamlText(stdout);
    const resources: RenderedResource[] = [];
    for (const document of parsed.documents) {
      const object = documentData(document);
      if (object === null || typeof object !== 'object' || Array.isArray(object)) continue;
      resources.push(withOrigin(object as ResourceObject, kustomization, toRepository));
    }
    return { resources, problems: [] };
  } finally {
    rmSync(wrapper, { recursive: true, force: true });
  }
}

function withOrigin(
  object: ResourceObject,
  kustomization: string,
  toRepository: (file: string) => string,
): RenderedResource {
  const metadata = (object.metadata ?? {}) as Record<string, unknown>;
  const annotations = (metadata.annotations ?? {}) as Record<string, unknown>;
  const origin = readYaml(annotations[originKey]) as Record<string, unknown> | undefined;
  const transformations = readYaml(annotations[transformationsKey]);
  delete annotations[originKey];
  delete annotations[transformationsKey];
  if (metadata.annotations && Object.keys(annotations).length === 0) delete metadata.annotations;

  const kustomizations: string[] = [];
  if (Array.isArray(transformations)) {
    for (const step of transformations as { configuredIn?: unknown }[]) {
      if (typeof step?.configuredIn !== 'string') continue;
      const file = toRepository(step.configuredIn);
      if (!kustomizations.includes(file)) kustomizations.push(file);
    }
  }
  if (typeof origin?.path === 'string' && typeof origin.repo !== 'string') {
    return { object, origin: { file: toRepository(origin.path) }, kustomizations };
  }
  if (typeof origin?.configuredIn === 'string') {
    const by = (origin.configuredBy ?? {}) as Record<string, unknown>;
    return {
      object,
      origin: { file: toRepository(origin.configuredIn), generator: String(by.kind ?? 'generator') },
      kustomizations,
    };
  }
  // A remote base: its files are not in this repository, so point at the kustomization that pulls it in.
  return { object, origin: { file: kustomization, generator: 'remote' }, kustomizations };
}

function readYaml(value: unknown): unknown {
  if (typeof value !== 'string') return undefined;
  try {
    return parse(value);
  } catch {
    return undefined;
  }
}

function run(command: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { maxBuffer: maxOutputBytes, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error) reject(Object.assign(error, { stderr }));
      else resolve(stdout);
    });
  });
}

/** kustomize's own message, on one line, with the temporary wrapper and the repository root taken out. */
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
  message = message.replace(/\S*gitops-render-[A-Za-z0-9]+\/?/g, '');
  return `kustomize build failed: ${message}`;
}
