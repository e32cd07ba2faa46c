import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { planImageChanges } from '../src/index';
import { formatYamlPath } from '../src/yaml-path';

type Scalar = { kind: 'scalar'; text: string; style: 'plain' | 'single' | 'double' };
type Collection = { kind: 'map'; entries: Entry[]; flow: boolean } | { kind: 'seq'; items: Node[]; flow: boolean };
type Node = Scalar | Collection;
type Entry = { key: string; value: Node; comment: string | undefined; before: string[] };

const keys = ['a', 'b', 'image', 'tag', 'web', 'app.kubernetes.io/name', 'x-y', 'k8s', 'values', 'digest'];
const plainWords = [
  'v1',
  '1.20',
  '42',
  'true',
  'null',
  '~',
  'ghcr.io/acme/web:1.0',
  'sha256:abc',
  'a b',
  'x.y-z',
  '0x1F',
  'yes',
  'on',
];
const anyText = fc.stringMatching(/^[a-z0-9 :#'".\\/@-]{0,12}$/);

const scalarArb: fc.Arbitrary<Scalar> = fc.oneof(
  fc.constantFrom(...plainWords).map((text) => ({ kind: 'scalar' as const, text, style: 'plain' as const })),
  anyText.map((text) => ({ kind: 'scalar' as const, text, style: 'single' as const })),
  anyText.map((text) => ({ kind: 'scalar' as const, text, style: 'double' as const })),
);
const commentArb = fc.option(fc.stringMatching(/^[a-z :#{}"$-]{0,15}$/), { nil: undefined });

const { node: nodeArb } = fc.letrec<{ node: Node; map: Collection; seq: Collection }>((tie) => ({
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalarArb, tie('map'), tie('seq')),
  map: fc
    .record({
      entries: fc.uniqueArray(
        fc.record({
          key: fc.constantFrom(...keys),
          value: tie('node'),
          comment: commentArb,
          before: fc.array(fc.constantFrom('# note', ''), { maxLength: 2 }),
        }),
        { minLength: 1, maxLength: 4, selector: (entry) => entry.key },
      ),
      flow: fc.boolean(),
    })
    .map(({ entries, flow }) => ({ kind: 'map' as const, entries, flow })),
  seq: fc
    .record({ items: fc.array(tie('node'), { minLength: 1, maxLength: 3 }), flow: fc.boolean() })
    .map(({ items, flow }) => ({ kind: 'seq' as const, items, flow })),
}));

function scalarText(scalar: Scalar): string {
  if (scalar.style === 'single') return `'${scalar.text.replaceAll("'", "''")}'`;
  if (scalar.style === 'double') return JSON.stringify(scalar.text);
  return scalar.text;
}

/** Flow text: nested collections flow too; plain scalars with flow indicators get quoted. */
function flowText(node: Node): string {
  if (node.kind === 'scalar')
    return node.style === 'plain' && /[ ,[\]{}#:]/.test(node.text) ? JSON.stringify(node.text) : scalarText(node);
  if (node.kind === 'seq') return `[${node.items.map(flowText).join(', ')}]`;
  return `{${node.entries.map((entry) => `${JSON.stringify(entry.key)}: ${flowText(entry.value)}`).join(', ')}}`;
}

function blockScalar(scalar: Scalar): string {
  return scalar.style === 'plain' && /^a b$/.test(scalar.text) ? scalar.text : scalarText(scalar);
}

function keyText(key: string): string {
  return /[./]/.test(key) ? `"${key}"` : key;
}

/** Block text of a map or list at `indent`; every line ends with "\n". */
function blockText(node: Collection, indent: number): string {
  const pad = ' '.repeat(indent);
  if (node.kind === 'seq') {
    return node.items
      .map((item) => {
        if (item.kind === 'scalar') return `${pad}- ${blockScalar(item)}\n`;
        if (item.flow || item.kind === 'seq') return `${pad}- ${flowText(item)}\n`;
        // The first key sits on the dash line, so it cannot have lines of its own before it.
        const [first, ...others] = item.entries as [Entry, ...Entry[]];
        const inner = blockText({ ...item, entries: [{ ...first, before: [] }, ...others] }, indent + 2);
        return `${pad}- ${inner.slice(indent + 2)}`;
      })
      .join('');
  }
  return node.entries
    .map((entry) => {
      const lead = entry.before.map((line) => (line ? `${pad}${line}\n` : '\n')).join('');
      const comment = entry.comment === undefined ? '' : ` # ${entry.comment}`;
      const value = entry.value;
      if (value.kind === 'scalar') return `${lead}${pad}${keyText(entry.key)}: ${blockScalar(value)}${comment}\n`;
      if (value.flow) return `${lead}${pad}${keyText(entry.key)}: ${flowText(value)}${comment}\n`;
      return `${lead}${pad}${keyText(entry.key)}:${comment}\n${blockText(value, indent + 2)}`;
    })
    .join('');
}

function leaves(node: Node, at: (string | number)[] = []): (string | number)[][] {
  if (node.kind === 'scalar') return [at];
  if (node.kind === 'seq') return node.items.flatMap((item, index) => leaves(item, [...at, index]));
  return node.entries.flatMap((entry) => leaves(entry.value, [...at, entry.key]));
}

function setIn(value: unknown, at: (string | number)[], to: string): unknown {
  if (at.length === 0) return to;
  const [head, ...rest] = at as [string | number, ...(string | number)[]];
  if (Array.isArray(value)) return value.map((item, index) => (index === head ? setIn(item, rest, to) : item));
  const record = value as Record<string, unknown>;
  return { ...record, [head]: setIn(record[head], rest, to) };
}

const documentArb = fc.record({
  root: nodeArb
    .filter((node): node is Collection => node.kind === 'map')
    .map((node) => ({ ...node, flow: false }) as Collection),
  crlf: fc.boolean(),
  finalNewline: fc.boolean(),
  header: fc.constantFrom('', '---\n', '# config\n---\n'),
  leafIndex: fc.nat(),
  // Tags YAML would read as something else unless quoted, and ordinary ones.
  newValue: fc.oneof(
    fc.constantFrom(
      'true',
      'null',
      'NULL',
      '1.20',
      '010',
      'yes',
      'on',
      'n',
      '1e3',
      '0x1F',
      '2024-01-01',
      '1_000',
      '.inf',
      '12:30',
    ),
    fc.stringMatching(/^[\w][\w.-]{0,10}$/),
  ),
});

describe('property: an edit changes exactly the value, nothing else', () => {
  test('random YAML documents', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'gitops-property-'));
    fc.assert(
      fc.property(documentArb, ({ root: tree, crlf, finalNewline, header, leafIndex, newValue }) => {
        let text = header + blockText(tree, 0);
        if (!finalNewline) text = text.replace(/\n$/, '');
        if (crlf) text = text.replaceAll('\n', '\r\n');
        const all = leaves(tree);
        const leaf = all[leafIndex % all.length] as (string | number)[];
        writeFileSync(path.join(root, 'values.yaml'), text);
        const [document] = parseAllDocuments(text);
        if (!document || document.errors.length)
          throw new Error(`generator made invalid YAML:\n${text}\n${document?.errors}`);
        const before = document.toJS();

        const changes = planImageChanges(root, [
          {
            matcher: { app: 'web', names: [{ registry: 'ghcr.io', repository: 'acme/web' }], imagePolicy: undefined },
            to: { registry: 'ghcr.io', repository: 'acme/web', tag: newValue },
            targets: { files: [{ file: 'values.yaml', path: formatYamlPath(leaf), write: 'tag' }] },
          },
        ]);
        const after = changes[0]?.after ?? text;
        const [reparsed] = parseAllDocuments(after);
        expect(reparsed?.errors ?? []).toEqual([]);
        expect(reparsed?.toJS()).toEqual(setIn(before, leaf, newValue));
        const beforeLines = text.split('\n');
        const afterLines = after.split('\n');
        expect(afterLines.length).toBe(beforeLines.length);
        const changed = beforeLines.flatMap((line, index) => (line === afterLines[index] ? [] : [index]));
        expect(changed.length).toBeLessThanOrEqual(1);
        expect(after.split('\r\n').length).toBe(text.split('\r\n').length);
        expect(after.endsWith('\n')).toBe(text.endsWith('\n'));
      }),
      { numRuns: 400, seed: 20261125, endOnFailure: true },
    );
  });
});
