// YAML paths in targets: `web.image.tag`, `spec.values.image`, `containers[0].image`, `"key.with.dots".tag`.
import { UserError } from '@gitops/errors';
import { isAlias, isMap, isPair, isScalar, isSeq, type Node, type Pair, type YAMLMap } from 'yaml';

export type PathSegment = string | number;

export class YamlPathError extends UserError {}

export function parseYamlPath(text: string): PathSegment[] {
  const segments: PathSegment[] = [];
  let i = 0;
  const expectSeparator = () => {
    if (i < text.length && text[i] !== '.' && text[i] !== '[')
      throw new YamlPathError(`unexpected "${text[i]}" at position ${i + 1} of path "${text}"`);
    if (text[i] === '.') {
      i++;
      if (i >= text.length) throw new YamlPathError(`path "${text}" ends with "."`);
    }
  };
  if (text === '') throw new YamlPathError('the path is empty');
  while (i < text.length) {
    const c = text[i];
    if (c === '"' || c === "'") {
      const close = text.indexOf(c, i + 1);
      if (close === -1) throw new YamlPathError(`unclosed quote in path "${text}"`);
      segments.push(text.slice(i + 1, close));
      i = close + 1;
      expectSeparator();
    } else if (c === '[') {
      const close = text.indexOf(']', i);
      const inner = close === -1 ? '' : text.slice(i + 1, close);
      if (!/^\d+$/.test(inner)) throw new YamlPathError(`"[${inner}" in path "${text}" is not a list index like [0]`);
      segments.push(Number(inner));
      i = close + 1;
      expectSeparator();
    } else if (c === '.') {
      throw new YamlPathError(`empty key in path "${text}"`);
    } else {
      let end = i;
      while (end < text.length && text[end] !== '.' && text[end] !== '[') end++;
      segments.push(text.slice(i, end));
      i = end;
      expectSeparator();
    }
  }
  return segments;
}

export function formatYamlPath(segments: readonly PathSegment[]): string {
  return segments
    .map((segment, index) => {
      if (typeof segment === 'number') return `[${segment}]`;
      const key = /[.[\]"']/.test(segment) ? `"${segment}"` : segment;
      return index === 0 ? key : `.${key}`;
    })
    .join('');
}

export type PathLookup =
  | { found: true; node: unknown; pair: Pair | undefined; inFlow: boolean }
  | {
      found: false;
      reason: string;
      at: Node | undefined;
      /** When only keys are missing: the deepest mapping that exists, and the index of the first missing key. */
      missing?: { map: YAMLMap; from: number };
    };

/** Walks `segments` from `root`; an alias on the way is reported, never followed. */
export function lookupPath(root: unknown, segments: readonly PathSegment[]): PathLookup {
  let node: unknown = root;
  let pair: Pair | undefined;
  let inFlow = false;
  for (const [index, segment] of segments.entries()) {
    const walked = formatYamlPath(segments.slice(0, index)) || 'the document';
    if (isAlias(node))
      return { found: false, reason: `${walked} is an alias (*${node.source}); refusing to edit through it`, at: node };
    if (typeof segment === 'number') {
      if (!isSeq(node)) return { found: false, reason: `${walked} is not a list`, at: node as Node | undefined };
      if (segment >= node.items.length)
        return { found: false, reason: `${walked} has ${node.items.length} items, no [${segment}]`, at: node };
      inFlow ||= node.flow === true;
      pair = undefined;
      node = node.items[segment];
    } else {
      if (!isMap(node)) return { found: false, reason: `${walked} is not a mapping`, at: node as Node | undefined };
      const match = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === segment);
      if (!match)
        return {
          found: false,
          reason: `no key "${segment}" in ${walked}`,
          at: node,
          missing: { map: node, from: index },
        };
      inFlow ||= node.flow === true;
      pair = match;
      node = match.value;
    }
  }
  return { found: true, node, pair, inFlow };
}
