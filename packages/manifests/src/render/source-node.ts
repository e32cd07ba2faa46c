// Walks a YAML node tree along a path taken from rendered data, matching list items by `name` where the
// rendered item has one (kustomize merges containers, env, ports … by name, so indexes can differ).
import type { SourceLocation } from '@gitops/log';
import { isMap, isScalar, isSeq, type LineCounter, type Node, type Pair } from 'yaml';

export type PathStep = string | number;

export interface NodeMatch {
  /** How many steps of the path were found. */
  readonly depth: number;
  /** Offset of what the deepest found step points at: the key of a mapping entry, or the list item. */
  readonly offset: number;
  readonly node: unknown;
}

/**
 * Follows `path` from `start` as far as it exists. `rendered` is the rendered value at the same place, used
 * to match list items by name.
 */
export function followPath(start: unknown, path: readonly PathStep[], rendered: unknown): NodeMatch {
  let node = start;
  let data = rendered;
  let offset = nodeOffset(start);
  let depth = 0;
  for (const step of path) {
    const nextData =
      data !== null && typeof data === 'object' ? (data as Record<string, unknown>)[step as string] : undefined;
    if (typeof step === 'number' && isSeq(node)) {
      const name = nameOf(nextData);
      const byName =
        name === undefined
          ? undefined
          : node.items.find((item) => isMap(item) && scalarValue(item.get('name', true)) === name);
      const item = byName ?? (name === undefined ? node.items[step] : undefined);
      if (item === undefined) break;
      node = item;
      offset = nodeOffset(item);
    } else if (typeof step === 'string' && isMap(node)) {
      const pair = node.items.find((candidate: Pair) => scalarValue(candidate.key) === step);
      if (!pair) break;
      node = pair.value;
      offset = nodeOffset(pair.key);
    } else {
      break;
    }
    data = nextData;
    depth++;
  }
  return { depth, offset, node };
}

export function scalarValue(node: unknown): unknown {
  return isScalar(node) ? node.value : undefined;
}

function nameOf(data: unknown): string | undefined {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return undefined;
  const name = (data as Record<string, unknown>).name;
  return typeof name === 'string' ? name : undefined;
}

function nodeOffset(node: unknown): number {
  const range = (node as Node | undefined)?.range;
  return range ? range[0] : 0;
}

export function locationAt(file: string, lineCounter: LineCounter, offset: number, lineShift = 0): SourceLocation {
  const { line, col } = lineCounter.linePos(offset);
  return lineShift === 0 ? { file, line, column: col } : { file, line: line + lineShift };
}
