// Parses YAML text for rendering and locating: every document, its syntax errors with line numbers.
import { type Document, LineCounter, parseAllDocuments } from 'yaml';

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
      const { line, col } = lineCounter.linePos(error.pos[0]);
      const message = (error.message.split('\n')[0] ?? error.message).replace(/ at line \d+, column \d+:?$/, '');
      return { line, column: col, message };
    }),
  );
  return { documents, lineCounter, errors };
}

/** The document as plain data; aliases are limited so a hostile file cannot blow up memory. */
export function documentData(document: Document.Parsed): unknown {
  return document.toJS({ maxAliasCount: 100 });
}
