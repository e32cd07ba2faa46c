// A YAML file as text plus its parsed documents, with the offsets needed to splice values in place.
import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { PathEscapeError, resolveInsideRepository, yamlErrorMessage } from '@gitops/config';
import type { SourceLocation } from '@gitops/log';
import { type Document, LineCounter, parseAllDocuments, visit } from 'yaml';
import { fail, ManifestError } from './problems';

/** Larger files are refused: config repositories hold hand-written manifests, not data dumps. */
export const maxFileBytes = 4 * 1024 * 1024;
/** Files read only to look for an app's image (search mode) may be larger: they are edited only if it is there. */
const maxReadBytes = 256 * 1024 * 1024;
/** More aliases than this in one file is an alias bomb, or at least nothing we should edit. */
export const maxAliases = 100;

export class YamlFile {
  readonly documents: Document.Parsed[];
  /** The file's line ending, kept for every line we add. */
  readonly eol: '\n' | '\r\n';
  private readonly lineCounter = new LineCounter();

  /** `file` is the path as shown to people (relative to the repository root). */
  constructor(
    readonly file: string,
    readonly text: string,
  ) {
    this.eol = /\r\n/.test(text) ? '\r\n' : '\n';
    this.documents = parseAllDocuments(text, { lineCounter: this.lineCounter, uniqueKeys: false }) as Document.Parsed[];
    if (!Array.isArray(this.documents)) this.documents = [];
    const problems = this.documents.flatMap((document) =>
      document.errors.map((error) => ({
        location: this.location(error.pos[0]),
        message: `invalid YAML: ${yamlErrorMessage(error.message)}`,
      })),
    );
    if (problems.length) throw new ManifestError(problems);
    this.refuseAliasBombs();
  }

  location(offset: number): SourceLocation {
    const { line, col } = this.lineCounter.linePos(offset);
    return { file: this.file, line, column: col };
  }

  /** Offset of the first character of the line holding `offset`. */
  lineStart(offset: number): number {
    return this.text.lastIndexOf('\n', offset - 1) + 1;
  }

  /** Offset of the line break (or end of text) ending the line holding `offset`. */
  lineEnd(offset: number): number {
    const newline = this.text.indexOf('\n', offset);
    if (newline === -1) return this.text.length;
    return this.text[newline - 1] === '\r' ? newline - 1 : newline;
  }

  /** Column (0-based) of `offset` within its line. */
  column(offset: number): number {
    return offset - this.lineStart(offset);
  }

  private refuseAliasBombs(): void {
    let aliases = 0;
    for (const document of this.documents) {
      visit(document, {
        Alias: () => {
          aliases++;
          return aliases > maxAliases ? visit.BREAK : undefined;
        },
      });
    }
    if (aliases > maxAliases)
      fail({ file: this.file }, `more than ${maxAliases} YAML aliases; refusing to read a possible alias bomb`);
  }
}

/** Reads `relative` under `root`, refusing paths that leave it, symlinks out of it and huge files. */
export function readYamlFile(root: string, relative: string): YamlFile {
  const { file, text } = readYamlText(root, relative);
  return new YamlFile(file, text);
}

/**
 * The text of a file to edit, with the same checks. `walked` files come from our own walk of the repository,
 * which follows no symlinks, so the per-component link check is skipped for them.
 */
export function readYamlText(root: string, relative: string, walked = false): { file: string; text: string } {
  const { file, bytes } = readYamlBytes(root, relative, walked);
  return { file, text: editableText(file, bytes) };
}

/** The bytes of a repository file, refusing paths that leave it and what is not a file; no size limit. */
export function readYamlBytes(root: string, relative: string, walked = false): { file: string; bytes: Buffer } {
  let normalised: string;
  try {
    normalised = walked ? relative : resolveInsideRepository(root, relative);
  } catch (error) {
    if (error instanceof PathEscapeError) fail({ file: relative }, error.message);
    throw error;
  }
  const absolute = path.join(root, normalised);
  const stats = statSync(absolute, { throwIfNoEntry: false });
  if (!stats) fail({ file: normalised }, 'file not found');
  if (!stats.isFile()) fail({ file: normalised }, 'not a file');
  if (stats.size > maxReadBytes)
    fail({ file: normalised }, `the file is ${stats.size} bytes; files over ${maxReadBytes} are not read`);
  return { file: normalised, bytes: readFileSync(absolute) };
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * The text of a file that is to be edited: within the size limit, and valid UTF-8. A file in another encoding
 * (a Latin-1 comment) is refused rather than re-encoded: writing it back as UTF-8 would change bytes the edit
 * never touched. A byte-order mark is kept as the text's first character, so it is written back too.
 */
export function editableText(file: string, bytes: Buffer): string {
  if (bytes.length > maxFileBytes)
    fail({ file }, `the file is ${bytes.length} bytes; files over ${maxFileBytes} are not edited`);
  try {
    return strictUtf8.decode(bytes);
  } catch {
    const offset = firstInvalidUtf8(bytes);
    const line = bytes.subarray(0, offset).toString('latin1').split('\n').length;
    fail({ file, line }, 'not valid UTF-8; save the file as UTF-8 (nothing was written)');
  }
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence. */
function firstInvalidUtf8(bytes: Buffer): number {
  let low = 0;
  let high = bytes.length;
  // The longest valid prefix, by halving: decoding a prefix fails only when it holds an invalid byte
  // (a sequence cut at the end is not an error in non-fatal streaming mode).
  const decoder = () => new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    try {
      decoder().decode(bytes.subarray(0, middle), { stream: true });
      low = middle;
    } catch {
      high = middle - 1;
    }
  }
  return low;
}
