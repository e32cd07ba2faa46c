// Maps a place in a rendered resource back to the file and line a person would edit: the patch or the
// `images:` entry that set the value when one did, otherwise the file that defines the resource.
import * as path from 'node:path';
import type { SourceLocation } from '@gitops/log';
import { type Document, isMap, isScalar, isSeq, type Node, type Scalar } from 'yaml';
import { type RenderedResource, type ResourceObject, resourceName } from './model';
import { followPath, locationAt, type PathStep, scalarValue } from './source-node';
import { type ParsedYaml, parseYamlText, readYamlSource } from './yaml-text';

/** `value`: whatever set this value (patch, images entry, file). `owner`: the file that defines the resource. */
export type LocateMode = 'value' | 'owner';

interface PatchSource {
  readonly file: string;
  readonly parsed: ParsedYaml;
  /** Lines to add to a line within `parsed` (an inline patch starts below its kustomization key). */
  readonly lineShift: number;
  readonly target: Record<string, unknown> | undefined;
}

export class SourceLocator {
  private readonly files = new Map<string, ParsedYaml | undefined>();

  constructor(private readonly root: string) {}

  locate(resource: RenderedResource, where: readonly PathStep[], mode: LocateMode = 'value'): SourceLocation {
    if (mode === 'value') {
      if (where.at(-1) === 'image') {
        const entry = this.fromImages(resource, where);
        if (entry) return entry;
      }
      const patch = this.fromPatches(resource, where);
      if (patch) return patch;
    }
    return this.fromOrigin(resource, where);
  }

  private fromOrigin(resource: RenderedResource, where: readonly PathStep[]): SourceLocation {
    const { file } = resource.origin;
    const parsed = this.parse(file);
    if (!parsed) return { file };
    if (resource.origin.generator) return this.generatorEntry(file, parsed, resource.object) ?? { file, line: 1 };
    const document =
      resource.origin.document !== undefined
        ? parsed.documents[resource.origin.document]
        : findDocument(parsed.documents, resource.object);
    if (!document) return { file, line: 1 };
    const match = followPath(document.contents, where, resource.object);
    return locationAt(file, parsed.lineCounter, match.offset);
  }

  private generatorEntry(file: string, parsed: ParsedYaml, object: ResourceObject): SourceLocation | undefined {
    const top = parsed.documents[0]?.contents;
    if (!isMap(top)) return undefined;
    const { name } = resourceName(object);
    for (const key of ['configMapGenerator', 'secretGenerator']) {
      const list = top.get(key, true);
      if (!isSeq(list)) continue;
      for (const item of list.items) {
        const itemName = isMap(item) ? scalarValue(item.get('name', true)) : undefined;
        if (typeof itemName === 'string' && (name === itemName || name.includes(`${itemName}-`))) {
          return locationAt(file, parsed.lineCounter, (item as Node).range?.[0] ?? 0);
        }
      }
    }
    return undefined;
  }

  /** The `images:` entry of a kustomization that changed this image, if one did. */
  private fromImages(resource: RenderedResource, where: readonly PathStep[]): SourceLocation | undefined {
    const rendered = valueAt(resource.object, where);
    if (typeof rendered !== 'string') return undefined;
    // An `images:` entry naming this image controls it even when it happens to repeat the file's tag.
    const original = this.originalValue(resource, where);
    const names = new Set([imageName(rendered), ...(typeof original === 'string' ? [imageName(original)] : [])]);
    for (const kustomization of [...resource.kustomizations].reverse()) {
      const parsed = this.parse(kustomization);
      const top = parsed?.documents[0]?.contents;
      const images = isMap(top) ? top.get('images', true) : undefined;
      if (!parsed || !isSeq(images)) continue;
      for (const item of images.items) {
        if (!isMap(item)) continue;
        const name = scalarValue(item.get('name', true));
        const newName = scalarValue(item.get('newName', true));
        if (!names.has(String(name)) && !names.has(String(newName))) continue;
        const key = ['digest', 'newTag', 'newName']
          .map((k) => item.items.find((pair) => scalarValue(pair.key) === k)?.key as Node | undefined)
          .find(Boolean);
        return locationAt(kustomization, parsed.lineCounter, (key ?? (item as Node)).range?.[0] ?? 0);
      }
    }
    return undefined;
  }

  private originalValue(resource: RenderedResource, where: readonly PathStep[]): unknown {
    const parsed = this.parse(resource.origin.file);
    if (!parsed || resource.origin.generator) return undefined;
    const document =
      resource.origin.document !== undefined
        ? parsed.documents[resource.origin.document]
        : findDocument(parsed.documents, resource.object);
    const match = followPath(document?.contents, where, resource.object);
    return match.depth === where.length ? scalarValue(match.node) : undefined;
  }

  /** The last patch, in the kustomizations that transformed the resource, that sets this place. */
  private fromPatches(resource: RenderedResource, where: readonly PathStep[]): SourceLocation | undefined {
    for (const kustomization of [...resource.kustomizations].reverse()) {
      for (const patch of this.patchesOf(kustomization).reverse()) {
        const found = this.inPatch(patch, resource, where);
        if (found) return found;
      }
    }
    return undefined;
  }

  private inPatch(
    patch: PatchSource,
    resource: RenderedResource,
    where: readonly PathStep[],
  ): SourceLocation | undefined {
    const { kind, name } = resourceName(resource.object);
    if (patch.target && !targetMatches(patch.target, kind, name)) return undefined;
    const at = (offset: number) => locationAt(patch.file, patch.parsed.lineCounter, offset, patch.lineShift);
    const first = patch.parsed.documents[0]?.contents;
    if (isSeq(first)) {
      for (const op of [...first.items].reverse()) {
        if (!isMap(op) || scalarValue(op.get('op', true)) === 'remove') continue;
        const pointer = scalarValue(op.get('path', true));
        if (typeof pointer !== 'string') continue;
        const steps = pointer
          .split('/')
          .slice(1)
          .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
        if (
          steps.length > where.length ||
          !steps.every((s, i) => s === String(where[i]) || (s === '-' && typeof where[i] === 'number'))
        )
          continue;
        const rest = where.slice(steps.length);
        const value = op.get('value', true);
        if (rest.length > 0 && value !== undefined) {
          const match = followPath(value, rest, valueAt(resource.object, where.slice(0, steps.length)));
          if (match.depth === rest.length) return at(match.offset);
        }
        return at((op as Node).range?.[0] ?? 0);
      }
      return undefined;
    }
    if (identifying(where)) return undefined;
    for (const document of patch.parsed.documents) {
      const data = document.contents;
      if (!isMap(data)) continue;
      if (!patch.target) {
        const patchKind = scalarValue(data.get('kind', true));
        const metadata = data.get('metadata', true);
        const patchName = isMap(metadata) ? scalarValue(metadata.get('name', true)) : undefined;
        if (patchKind !== kind || typeof patchName !== 'string' || !nameMatches(patchName, name)) continue;
      }
      const match = followPath(data, where, resource.object);
      if (match.depth === where.length) return at(match.offset);
    }
    return undefined;
  }

  private patchesOf(kustomization: string): PatchSource[] {
    const parsed = this.parse(kustomization);
    const top = parsed?.documents[0]?.contents;
    if (!parsed || !isMap(top)) return [];
    const dir = path.posix.dirname(kustomization);
    const sources: PatchSource[] = [];
    const add = (file: unknown, inline: unknown, target: unknown) => {
      const targetData = isMap(target) ? (target.toJSON() as Record<string, unknown>) : undefined;
      if (typeof scalarValue(file) === 'string') {
        const patchFile = path.posix.normalize(`${dir}/${scalarValue(file)}`);
        const patchParsed = this.parse(patchFile);
        if (patchParsed) sources.push({ file: patchFile, parsed: patchParsed, lineShift: 0, target: targetData });
      } else if (isScalar(inline) && typeof inline.value === 'string') {
        const { line } = parsed.lineCounter.linePos(inline.range?.[0] ?? 0);
        const block = (inline as Scalar).type === 'BLOCK_LITERAL' || (inline as Scalar).type === 'BLOCK_FOLDED';
        sources.push({
          file: kustomization,
          parsed: parseYamlText(inline.value),
          lineShift: block ? line : line - 1,
          target: targetData,
        });
      }
    };
    const strategic = top.get('patchesStrategicMerge', true);
    if (isSeq(strategic)) {
      for (const item of strategic.items) {
        if (isScalar(item) && typeof item.value === 'string' && item.value.includes('\n'))
          add(undefined, item, undefined);
        else add(item, undefined, undefined);
      }
    }
    for (const key of ['patchesJson6902', 'patches']) {
      const list = top.get(key, true);
      if (!isSeq(list)) continue;
      for (const item of list.items) {
        if (isMap(item)) add(item.get('path', true), item.get('patch', true), item.get('target', true));
      }
    }
    return sources;
  }

  private parse(file: string): ParsedYaml | undefined {
    if (!this.files.has(file)) this.files.set(file, readYamlSource(this.root, file));
    return this.files.get(file);
  }
}

function identifying(where: readonly PathStep[]): boolean {
  const key = where.join('/');
  return key === 'apiVersion' || key === 'kind' || key === 'metadata/name' || key === 'metadata' || key === '';
}

function findDocument(documents: readonly Document.Parsed[], object: ResourceObject): Document.Parsed | undefined {
  const { kind, name } = resourceName(object);
  let best: Document.Parsed | undefined;
  let bestScore = -1;
  for (const document of documents) {
    const top = document.contents;
    if (!isMap(top) || scalarValue(top.get('kind', true)) !== kind) continue;
    const metadata = top.get('metadata', true);
    const own = isMap(metadata) ? scalarValue(metadata.get('name', true)) : undefined;
    const score = own === name ? 1000 : typeof own === 'string' && name.includes(own) ? own.length : 0;
    if (score > bestScore) {
      best = document;
      bestScore = score;
    }
  }
  return best ?? documents[0];
}

/** Patch targets name resources before kustomize adds prefixes and suffixes, and as regular expressions. */
function targetMatches(target: Record<string, unknown>, kind: string, name: string): boolean {
  if (typeof target.kind === 'string' && target.kind !== kind) return false;
  if (typeof target.name === 'string' && !nameMatches(target.name, name)) return false;
  return true;
}

function nameMatches(pattern: string, name: string): boolean {
  if (pattern === name || name.includes(pattern)) return true;
  try {
    return new RegExp(`^(?:${pattern})$`).test(name);
  } catch {
    return false;
  }
}

function valueAt(object: unknown, where: readonly PathStep[]): unknown {
  let node = object;
  for (const step of where) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[step as string];
  }
  return node;
}

/** `registry/repo:tag@sha256:…` → `registry/repo`. */
function imageName(reference: string): string {
  const withoutDigest = reference.split('@')[0] ?? reference;
  const slash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.lastIndexOf(':');
  return colon > slash ? withoutDigest.slice(0, colon) : withoutDigest;
}
