// Parses YAML text for rendering and locating: every document, its syntax errors with line numbers.
import { existsSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { staysInsideRepository, yamlErrorMessage } from '@gitops/config';
import { CST, type Document, LineCounter, Parser, parseAllDocuments } from 'yaml';
import { maxFileBytes } from '../yaml-file';

export interface ParsedYaml {
  readonly documents: Document.Parsed[];
  readonly lineCounter: LineCounter;
  /** Syntax errors: line, column and the parser's first line of explanation. */
  readonly errors: { line: number; column: number; message: string }[];
}

export function parseYamlText(text: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const parsed = parseAllDocuments(text, { lineCounter, uniqueKeys: true });
  const documents = (Array.isArray(parsed) ? parsed : []) as Document.Parsed[];
  const errors = documents.flatMap((document) =>
    document.errors.map((error) => {
      const offset = error.code === 'MISSING_CHAR' ? (unclosedQuote(text) ?? error.pos[0]) : error.pos[0];
      const { line, col } = lineCounter.linePos(offset);
      return { line, column: col, message: yamlErrorMessage(error.message) };
    }),
  );
  return { documents, lineCounter, errors };
}

/**
 * A repository file parsed (syntax errors included); undefined when missing, not a file, over the size limit, or
 * outside the repository (a path or symbolic link leaving `root` is never read).
 */
export function readYamlSource(root: string, file: string): ParsedYaml | undefined {
  const absolute = path.join(root, file);
  if (!existsSync(absolute) || !staysInsideRepository(root, file)) return undefined;
  const stat = statSync(absolute);
  if (!stat.isFile() || stat.size > maxFileBytes) return undefined;
  return parseYamlText(readFileSync(absolute, 'utf8'));
}

/** The document as plain data; aliases are limited so a hostile file cannot blow up memory. */
export function documentData(document: Document.Parsed): unknown {
  return document.toJS({ maxAliasCount: 100 });
}

/** The parser reports an unclosed quote where the file ends; the opening quote is where to look. */
function unclosedQuote(text: string): number | undefined {
  for (const token of new Parser().parse(text)) {
    if (token.type !== 'document') continue;
    let found: number | undefined;
    CST.visit(token, (item) => {
      for (const part of [item.key, item.value]) {
        if (!part || (part.type !== 'double-quoted-scalar' && part.type !== 'single-quoted-scalar')) continue;
        const quote = part.source[0] ?? '';
        const body = part.source.trimEnd();
        if (body.length < 2 || !body.endsWith(quote)) found ??= part.offset;
      }
    });
    if (found !== undefined) return found;
  }
  return undefined;
}
