// Structural edits that add or remove lines in the style of the file around them: the same indentation, the
// same line ending, flow collections kept flow.
import { isMap, isScalar, isSeq, type Pair, visit, type YAMLMap, type YAMLSeq } from 'yaml';
import { fail } from './problems';
import { renderScalar, type ScalarStyle } from './scalar';
import type { TextEdit } from './text-edit';
import type { YamlFile } from './yaml-file';

type Range = [number, number, number];

function rangeOf(node: unknown): Range {
  const range = (node as { range?: Range } | null)?.range;
  if (!range) throw new Error('node without a source range');
  return range;
}

/** The end of the line holding the last character of content before `offset` (skips trailing blank lines). */
function endOfLastLine(file: YamlFile, offset: number): number {
  let end = offset;
  while (end > 0 && /\s/.test(file.text[end - 1] ?? '')) end--;
  return file.lineEnd(Math.max(end - 1, 0));
}

function pairEnd(pair: Pair): number {
  return rangeOf(pair.value ?? pair.key)[1];
}

export function keyColumn(file: YamlFile, map: YAMLMap): number {
  const first = map.items[0];
  if (!first) fail({ file: file.file }, 'cannot add to an empty mapping');
  return file.column(rangeOf(first.key)[0]);
}

/** A new entry: key, value, and the quoting to use (that of the same key nearby, or plain). */
export type NewEntry = [key: string, value: string, style?: ScalarStyle];

/** Adds `key: value` after the entry `after` of `map` (default: its last entry). */
export function insertPair(file: YamlFile, map: YAMLMap, entry: NewEntry, after?: Pair): TextEdit {
  const [key, value, style = 'PLAIN'] = entry;
  const last = after ?? map.items.at(-1);
  if (!last) fail({ file: file.file }, `cannot add "${key}" to an empty mapping`);
  if (map.flow) {
    const at = pairEnd(last);
    return { start: at, end: at, text: `, ${key}: ${renderScalar(value, style, true)}` };
  }
  const at = endOfLastLine(file, pairEnd(last));
  const indent = ' '.repeat(keyColumn(file, map));
  return { start: at, end: at, text: `${file.eol}${indent}${key}: ${renderScalar(value, style, false)}` };
}

/**
 * Adds `a:` / `  b:` / `    c: value` as the last entries of the block mapping `map`: nested mappings for the
 * keys of a YAML path that do not exist yet, each level indented as the file indents its mappings.
 */
export function insertPath(file: YamlFile, map: YAMLMap, keys: readonly string[], value: string): TextEdit {
  const last = map.items.at(-1);
  if (!last) fail({ file: file.file }, `cannot add "${keys[0]}" to an empty mapping`);
  const column = keyColumn(file, map);
  const step = mappingIndent(file);
  const lines = keys.map((key, depth) => {
    const indent = ' '.repeat(column + depth * step);
    const text = renderScalar(key, 'PLAIN', false);
    return depth === keys.length - 1 ? `${indent}${text}: ${renderScalar(value, 'PLAIN', false)}` : `${indent}${text}:`;
  });
  const at = endOfLastLine(file, pairEnd(last));
  return { start: at, end: at, text: `${file.eol}${lines.join(file.eol)}` };
}

/**
 * Replaces an empty flow mapping (`image: {}`) with the block mapping of `keys` down to `value`, indented one step
 * under the key that holds it, as Argo CD Image Updater writes it: `image:` / `  tag: 1.2.3`.
 */
export function insertPathIntoEmptyFlow(
  file: YamlFile,
  map: YAMLMap,
  keys: readonly string[],
  value: string,
): TextEdit {
  const [start, end] = rangeOf(map);
  // The `:` of the key that holds the mapping, on the same line, with nothing but spaces between.
  const before = file.text.slice(file.lineStart(start), start);
  const colon = /:\s*$/.exec(before);
  if (map.items.length > 0 || !colon)
    fail(file.location(start), 'cannot create keys inside a flow mapping; write the keys out');
  const keyColumn = before.length - before.trimStart().length;
  const step = mappingIndent(file);
  const lines = keys.map((key, depth) => {
    const indent = ' '.repeat(keyColumn + (depth + 1) * step);
    const text = renderScalar(key, 'PLAIN', false);
    return depth === keys.length - 1 ? `${indent}${text}: ${renderScalar(value, 'PLAIN', false)}` : `${indent}${text}:`;
  });
  const from = file.lineStart(start) + (colon.index ?? 0) + 1;
  return { start: from, end, text: `${file.eol}${lines.join(file.eol)}` };
}

/** How many columns this file indents a nested block mapping under its key (2 when it has none). */
function mappingIndent(file: YamlFile): number {
  let found: number | undefined;
  for (const document of file.documents) {
    visit(document, {
      Pair(_key, pair) {
        if (!isScalar(pair.key) || !isMap(pair.value) || pair.value.flow || !pair.value.items[0]) return undefined;
        const outer = file.column(rangeOf(pair.key)[0]);
        const inner = file.column(rangeOf(pair.value.items[0].key)[0]);
        if (inner > outer) {
          found = inner - outer;
          return visit.BREAK;
        }
        return undefined;
      },
    });
    if (found !== undefined) return found;
  }
  return 2;
}

/** Removes one entry of `map`: its whole line(s) in block style, `, key: value` in flow style. */
export function removePair(file: YamlFile, map: YAMLMap, pair: Pair): TextEdit {
  const index = map.items.indexOf(pair);
  const keyStart = rangeOf(pair.key)[0];
  const next = map.items[index + 1];
  if (map.flow) {
    const previous = map.items[index - 1];
    if (previous) return { start: pairEnd(previous), end: pairEnd(pair), text: '' };
    return { start: keyStart, end: next ? rangeOf(next.key)[0] : pairEnd(pair), text: '' };
  }
  const lineStart = file.lineStart(keyStart);
  const sharesLine = file.text.slice(lineStart, keyStart).trim() !== ''; // `- key: value`: keep the dash
  if (sharesLine) {
    if (!next) fail(file.location(keyStart), 'cannot remove the only entry of a list item');
    return { start: keyStart, end: rangeOf(next.key)[0], text: '' };
  }
  const lineEnd = file.lineEnd(pairEnd(pair));
  const end = lineEnd >= file.text.length ? lineEnd : lineEnd + (file.text[lineEnd] === '\r' ? 2 : 1);
  // At the end of a file without a final newline, take the line break before instead.
  const start = end === file.text.length && lineEnd === end && lineStart > 0 ? lineStart - file.eol.length : lineStart;
  return { start, end, text: '' };
}

/** Block lines of a mapping as a list item: `- a: 1` then `  b: 2` at the item's key column. */
function blockItem(file: YamlFile, entries: NewEntry[], dashColumn: number, keyColumnInItem: number): string {
  const dash = ' '.repeat(dashColumn);
  const gap = ' '.repeat(Math.max(keyColumnInItem - dashColumn - 1, 1));
  const indent = ' '.repeat(dashColumn + 1 + gap.length);
  return entries
    .map(
      ([key, value, style], index) =>
        `${index === 0 ? `${dash}-${gap}` : indent}${key}: ${renderScalar(value, style ?? 'PLAIN', false)}`,
    )
    .join(file.eol);
}

function flowItem(entries: NewEntry[]): string {
  return `{${entries.map(([key, value, style]) => `${key}: ${renderScalar(value, style ?? 'PLAIN', true)}`).join(', ')}}`;
}

/** Appends a mapping item to the list `seq`, the value of `pair`. */
export function appendMapItem(file: YamlFile, pair: Pair, seq: YAMLSeq, entries: NewEntry[]): TextEdit {
  const last = seq.items.at(-1);
  if (seq.flow) {
    if (last) {
      const at = rangeOf(last)[1];
      return { start: at, end: at, text: `, ${flowItem(entries)}` };
    }
    // `images: []` becomes a block list, in the file's list style.
    const keyEnd = rangeOf(pair.key)[1];
    const dashColumn = file.column(rangeOf(pair.key)[0]) + listIndent(file);
    return {
      start: keyEnd,
      end: rangeOf(seq)[1],
      text: `:${file.eol}${blockItem(file, entries, dashColumn, dashColumn + 2)}`,
    };
  }
  if (!last) fail(file.location(rangeOf(seq)[0]), 'cannot add to an empty block list');
  const itemStart = rangeOf(last)[0];
  const lineStart = file.lineStart(itemStart);
  const dashColumn = file.text.slice(lineStart, itemStart).indexOf('-');
  const keyCol = isMap(last) ? file.column(itemStart) : dashColumn + 2;
  const at = endOfLastLine(file, rangeOf(last)[1]);
  return { start: at, end: at, text: `${file.eol}${blockItem(file, entries, Math.max(dashColumn, 0), keyCol)}` };
}

/** Adds `key:` with a one-item list as the last entry of the top-level block mapping `map`. */
export function appendListKey(file: YamlFile, map: YAMLMap, key: string, entries: NewEntry[]): TextEdit {
  const last = map.items.at(-1);
  if (map.flow || !last) fail({ file: file.file }, `cannot add "${key}:" to a mapping that is empty or in flow style`);
  const column = keyColumn(file, map);
  const dashColumn = column + listIndent(file);
  const at = endOfLastLine(file, pairEnd(last));
  const text = `${file.eol}${' '.repeat(column)}${key}:${file.eol}${blockItem(file, entries, dashColumn, dashColumn + 2)}`;
  return { start: at, end: at, text };
}

/** How far this file indents a block list under its key: 0 (`key:` / `- a`) or more (`key:` / `  - a`). */
export function listIndent(file: YamlFile): number {
  for (const document of file.documents) {
    const top = document.contents;
    if (!isMap(top)) continue;
    for (const pair of top.items) {
      if (!isSeq(pair.value) || pair.value.flow || !pair.value.items[0] || !isScalar(pair.key)) continue;
      const itemStart = rangeOf(pair.value.items[0])[0];
      const dash = file.text.slice(file.lineStart(itemStart), itemStart).indexOf('-');
      if (dash >= 0) return dash - file.column(rangeOf(pair.key)[0]);
    }
  }
  return 0; // what `kustomize edit set image` writes
}
