// Maps a key path in the parsed YAML back to line and column, so every problem points at its source.

import type { SourceLocation } from '@gitops/log';
import { type Document, isAlias, isMap, isPair, isScalar, isSeq, type LineCounter, type Node } from 'yaml';

export type KeyPath = readonly (string | number)[];

export class YamlLocator {
  constructor(
    private readonly document: Document,
    private readonly lineCounter: LineCounter,
    readonly file: string,
  ) {}

  /** Where the value at `path` starts; falls back to the closest ancestor that exists. */
  value(path: KeyPath): SourceLocation {
    const found = this.find(path);
    return this.at(found.value ?? found.key);
  }

  /** Where the key of the entry at `path` starts (for unknown or misnamed keys). */
  key(path: KeyPath): SourceLocation {
    const found = this.find(path);
    return this.at(found.key ?? found.value);
  }

  private at(node: Node | undefined): SourceLocation {
    const offset = node?.range?.[0] ?? 0;
    const { line, col } = this.lineCounter.linePos(offset);
    return { file: this.file, line, column: col };
  }

  private find(path: KeyPath): { key: Node | undefined; value: Node | undefined } {
    let value: unknown = this.document.contents;
    let key: Node | undefined;
    for (const segment of path) {
      if (isAlias(value)) value = value.resolve(this.document);
      if (isMap(value)) {
        const pair = value.items.find(
          (item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment),
        );
        if (!pair) break;
        key = pair.key as Node;
        value = pair.value;
      } else if (isSeq(value) && typeof segment === 'number' && segment < value.items.length) {
        key = undefined;
        value = value.items[segment];
      } else {
        break;
      }
      if (value === null || value === undefined) return { key, value: undefined };
    }
    return { key, value: value as Node | undefined };
  }
}

/** `environments.prod.promote-from`, `apps.web.targets[0].file` */
export function keyPathText(path: KeyPath): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else text += text === '' ? segment : `.${segment}`;
  }
  return text;
}
