// Loads gitops.yaml (or the convention when there is none) into a checked GitopsConfig.
import { existsSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { isMap, LineCounter, parseDocument } from 'yaml';
import { conventionEnvironments, conventionFolders } from './convention';
import { YamlLocator } from './locate';
import type { GitopsConfig } from './model';
import { PathEscapeError, resolveInsideRepository } from './paths';
import type { FolderLister, PathProbe } from './probes';
import { ConfigError, type ConfigProblem } from './problems';
import { ConfigResolver } from './resolve';
import { checkSchema } from './schema-check';

export const defaultConfigFile = 'gitops.yaml';
const maxConfigBytes = 1024 * 1024;

export interface LoadOptions {
  /** Repository root. Default: the folder of `config`, or the working directory. */
  root?: string;
  /** Path to gitops.yaml as the user wrote it. Default: `gitops.yaml` in the root. */
  config?: string;
}

/** Reads and checks the configuration; throws ConfigError listing every problem. */
export function loadConfig(options: LoadOptions = {}): GitopsConfig {
  const explicit = options.config !== undefined;
  const root = path.resolve(options.root ?? (explicit ? path.dirname(options.config as string) : '.'));
  const file = options.config ?? path.join(options.root ?? '.', defaultConfigFile);
  if (explicit && !existsSync(file))
    throw new ConfigError([{ location: { file }, key: '', message: 'file not found' }]);
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    throw new ConfigError([{ location: { file: root }, key: '', message: 'the repository folder does not exist' }]);
  }
  if (!existsSync(file)) return byConvention(root, file);
  configInsideRepository(root, path.relative(root, path.resolve(file)).split(path.sep).join('/'), file);
  const size = statSync(file).size;
  if (size > maxConfigBytes) {
    throw new ConfigError([
      { location: { file }, key: '', message: `the file is ${size} bytes; the limit is ${maxConfigBytes}` },
    ]);
  }
  return parseConfig(readFileSync(file, 'utf8'), { root, file });
}

/**
 * The configuration is the repository's own: a path or symbolic link out of `root` is refused, as a ConfigError
 * on `shownAs`, before anything is read.
 */
export function configInsideRepository(root: string, relative: string, shownAs = relative): void {
  try {
    resolveInsideRepository(root, relative);
  } catch (error) {
    if (!(error instanceof PathEscapeError)) throw error;
    throw new ConfigError([{ location: { file: shownAs }, key: '', message: error.message }]);
  }
}

function byConvention(root: string, file: string): GitopsConfig {
  const environments = conventionEnvironments(root);
  if (!environments) {
    const folders = conventionFolders.map((folder) => `${folder}/`).join(' or ');
    throw new ConfigError([
      {
        location: { file },
        key: '',
        message: `no gitops.yaml, and no environment folders under ${folders} to go by; write a gitops.yaml`,
      },
    ]);
  }
  return { root, file: undefined, environments, apps: [], policies: {} };
}

/** Checks gitops.yaml text; `file` is the name used in messages, `root` anchors its paths. */
export function parseConfig(
  text: string,
  options: { root: string; file: string; probe?: PathProbe; folders?: FolderLister },
): GitopsConfig {
  const { file } = options;
  const root = path.resolve(options.root);
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const syntax: ConfigProblem[] = document.errors.map((error) => {
    const { line, col } = lineCounter.linePos(error.pos[0]);
    return { location: { file, line, column: col }, key: '', message: yamlErrorMessage(error.message) };
  });
  if (syntax.length) throw new ConfigError(syntax);
  if (!isMap(document.contents)) {
    const what = document.contents === null ? 'the file is empty' : 'the top level must be a mapping';
    throw new ConfigError([
      { location: { file, line: 1, column: 1 }, key: '', message: `${what}; it needs an "environments:" mapping` },
    ]);
  }
  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    throw new ConfigError([
      { location: { file, line: 1, column: 1 }, key: '', message: `cannot be read: ${(error as Error).message}` },
    ]);
  }
  const locator = new YamlLocator(document, lineCounter, file);
  const problems = checkSchema(data, locator);
  const resolver = new ConfigResolver(root, locator, options.probe, options.folders);
  const resolved = resolver.resolve(data as Record<string, unknown>);
  const all = [...problems, ...resolver.problems].sort(
    (a, b) => (a.location.line ?? 0) - (b.location.line ?? 0) || (a.location.column ?? 0) - (b.location.column ?? 0),
  );
  if (all.length) throw new ConfigError(all);
  return { root, file, ...resolved };
}

/** The first line of a yaml parser message, without the position it repeats (callers give file:line:col). */
export function yamlErrorMessage(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');
}
