// Images in Helm values, where a chart reads them: `image: {repository, tag}` (with an optional `registry`), or a
// whole reference under a key named image. Values files (no `kind`) and a HelmRelease's spec.values are read; the
// place comes with the path and write mode a gitops.yaml target needs to change it.
import { tryParseImageRef } from '@gitops/image-ref';
import { isMap, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import type { FoundSite } from './place';
import type { YamlFile } from './yaml-file';
import { formatYamlPath, type PathSegment } from './yaml-path';

/** A values site: `path` and `write` are always set (`image.tag` and `tag`, or `image` and `reference`). */
export type ValuesSite = FoundSite & { readonly path: string; readonly write: 'tag' | 'reference' };

/** Bounds the walk of one document: values files nest a few levels, never hundreds. */
const maxDepth = 12;

export function findValuesImages(file: YamlFile): ValuesSite[] {
  const sites: ValuesSite[] = [];
  for (const document of file.documents) {
    const root = document.contents;
    if (!isMap(root)) continue;
    const kind = root.get('kind', true);
    if (kind === undefined) walk(file, root, [], sites, 0);
    else if (isScalar(kind) && String(kind.value) === 'HelmRelease') {
      const spec = root.get('spec');
      const values = isMap(spec) ? spec.get('values') : undefined;
      const metadata = root.get('metadata');
      const name = isMap(metadata) ? metadata.get('name') : undefined;
      const found: ValuesSite[] = [];
      if (isMap(values)) walk(file, values, ['spec', 'values'], found, 0);
      sites.push(...found.map((site) => ({ ...site, release: typeof name === 'string' ? name : undefined })));
    }
  }
  return sites;
}

function walk(file: YamlFile, node: Node, at: PathSegment[], sites: ValuesSite[], depth: number): void {
  if (depth > maxDepth) return;
  if (isSeq(node))
    for (const [index, item] of node.items.entries()) walk(file, item as Node, [...at, index], sites, depth + 1);
  if (!isMap(node)) return;
  const split = splitImage(file, node, at);
  if (split) {
    sites.push(split);
    return;
  }
  for (const pair of node.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
    if (key === undefined || !pair.value) continue;
    const value = pair.value as Node;
    if (key === 'image' && isScalar(value) && typeof value.value === 'string') {
      const whole = wholeImage(file, value, [...at, key]);
      if (whole) sites.push(whole);
    } else walk(file, value, [...at, key], sites, depth + 1);
  }
}

/** `{registry?, repository, tag}`: the tag is the place to write. */
function splitImage(file: YamlFile, map: YAMLMap, at: PathSegment[]): ValuesSite | undefined {
  const repository = map.get('repository');
  const tag = map.get('tag', true);
  if (typeof repository !== 'string' || !isScalar(tag) || !tag.range) return undefined;
  const registry = map.get('registry');
  const name = tryParseImageRef(typeof registry === 'string' && registry ? `${registry}/${repository}` : repository);
  if (!name) return undefined;
  const value = tag.value === null || tag.value === undefined ? '' : String(tag.value);
  return {
    location: file.location(tag.range[0]),
    kind: 'path',
    part: 'tag',
    value,
    image: value ? { tag: value } : {},
    name: { registry: name.registry, repository: name.repository },
    path: formatYamlPath([...at, 'tag']),
    write: 'tag',
  };
}

function wholeImage(file: YamlFile, scalar: Node, at: PathSegment[]): ValuesSite | undefined {
  if (!isScalar(scalar) || typeof scalar.value !== 'string' || !scalar.range) return undefined;
  const ref = tryParseImageRef(scalar.value);
  // A bare word (`image: nginx`) is too weak a sign; a registry path, a tag or a digest says it is an image.
  if (!ref || !/[:@/]/.test(scalar.value)) return undefined;
  const name = { registry: ref.registry, repository: ref.repository };
  return {
    location: file.location(scalar.range[0]),
    kind: 'path',
    part: 'reference',
    value: scalar.value,
    image: { name, ...(ref.tag ? { tag: ref.tag } : {}), ...(ref.digest ? { digest: ref.digest } : {}) },
    name,
    path: formatYamlPath(at),
    write: 'reference',
  };
}
