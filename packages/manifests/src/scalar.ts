// Writes a new value into a scalar's place in the style it was written: plain stays plain when YAML
// would read it back as the same string, quoted stays quoted with the same quotes.
import { isAlias, isScalar, parse, type Scalar } from 'yaml';
import { fail } from './problems';
import type { TextEdit } from './text-edit';
import type { YamlFile } from './yaml-file';

export type ScalarStyle = 'PLAIN' | 'QUOTE_DOUBLE' | 'QUOTE_SINGLE';

/** The scalar at a value position, refusing what we must not edit in place. */
export function editableScalar(file: YamlFile, node: unknown, what: string, at: number): Scalar {
  if (isAlias(node))
    fail(
      file.location(at),
      `${what} is an alias (*${node.source}); editing it would change every place that uses the anchor, so gitops does not edit through aliases: write the value out here instead of *${node.source}`,
    );
  if (!isScalar(node) || !node.range) fail(file.location(at), `${what} is not a single value`);
  if (node.anchor) {
    const anchorAt = file.text.lastIndexOf(`&${node.anchor}`, node.range[0]);
    fail(
      file.location(anchorAt === -1 ? node.range[0] : anchorAt),
      `${what} carries an anchor (&${node.anchor}) used elsewhere; changing it would change every alias too, so gitops refuses: write the value out where each alias is`,
    );
  }
  if (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') {
    fail(
      file.location(node.range[0]),
      `${what} is a block scalar; write it as a plain or quoted value to let gitops set it`,
    );
  }
  return node;
}

/** The value as a string: plain scalars as written (`1.20` stays "1.20", not the number 1.2). */
export function scalarText(file: YamlFile, scalar: Scalar): string {
  if (scalar.value === null) return '';
  if (scalar.type === 'PLAIN' && scalar.range) return file.text.slice(scalar.range[0], scalar.range[1]);
  return String(scalar.value);
}

/** The edit that sets `scalar` to `value`, or none when it already holds it. */
export function setScalar(file: YamlFile, scalar: Scalar, value: string, inFlow: boolean): TextEdit | undefined {
  const [start, end] = scalar.range as [number, number, number];
  const quoted = scalar.type === 'QUOTE_DOUBLE' || scalar.type === 'QUOTE_SINGLE';
  // Equal text is not enough: a plain 1.20 or true reads as a number or boolean, and Helm would render
  // 1.2; such a value is quoted even when its text is already right.
  const readsRight = quoted || scalar.value === null || isPlainSafe(value, inFlow);
  if (scalarText(file, scalar) === value && readsRight) return undefined;
  const style = (scalar.type as ScalarStyle | undefined) ?? 'PLAIN';
  const text = value === '' && !quoted ? "''" : renderScalar(value, style, inFlow);
  // `key:` with nothing after it: the new value needs its separating space.
  return { start, end, text: start === end && file.text[start - 1] === ':' ? ` ${text}` : text };
}

export function renderScalar(value: string, style: ScalarStyle, inFlow: boolean): string {
  if (style === 'QUOTE_SINGLE') return `'${value.replaceAll("'", "''")}'`;
  if (style === 'QUOTE_DOUBLE' || !isPlainSafe(value, inFlow)) return doubleQuoted(value);
  return value;
}

function doubleQuoted(value: string): string {
  // JSON strings are valid YAML double-quoted scalars, escapes included.
  return JSON.stringify(value);
}

/**
 * True when `value` written plain reads back as the same string in YAML 1.2 and in YAML 1.1 (which Kubernetes'
 * parser follows: `yes`, `on`, `1_000` and `1:20` are not strings there).
 */
export function isPlainSafe(value: string, inFlow: boolean): boolean {
  if (value === '' || value.trim() !== value) return false;
  if (/^[-?:,[\]{}#&*!|>'"%@`]/.test(value)) return false;
  if (/: |\s#|:$|[\r\n\t]/.test(value)) return false;
  if (inFlow && /[,[\]{}]/.test(value)) return false;
  if (/^(y|n|yes|no|on|off|true|false|null|~)$/i.test(value)) return false;
  return readsAsString(value);
}

function readsAsString(value: string): boolean {
  try {
    return parse(value) === value && parse(value, { version: '1.1' }) === value;
  } catch {
    return false;
  }
}
