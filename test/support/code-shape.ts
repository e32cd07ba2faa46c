// Measures the shape of the source (test/code-shape.test.ts): module lengths, function lengths and parameter
// counts from TypeScript's own parser, and circles among a package's modules from their relative imports.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';

/** One thing over a limit: `key` names it without a line number (lines move; names and files stay). */
export interface Offence {
  readonly key: string;
  /** Where it is and by how much, for the failure message. */
  readonly detail: string;
}

/** Every workspace package's folder, relative to the root: `packages/git`, `actions/kit`, … */
export function workspaceFolders(root: string): string[] {
  return ['packages', 'actions'].flatMap((top) =>
    readdirSync(path.join(root, top), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => `${top}/${entry.name}`),
  );
}

/** A package's own TypeScript source (its src folder), generated files included. */
export function packageSources(root: string, folder: string): string[] {
  return readdirSync(path.join(root, folder, 'src'), { recursive: true, withFileTypes: true })
    .filter((file) => file.isFile() && file.name.endsWith('.ts'))
    .map((file) => path.join(file.parentPath, file.name));
}

/** The engine's and the actions' own source: packages/x/src and actions/x/src, generated files aside. */
export function sourceFiles(root: string): string[] {
  return workspaceFolders(root).flatMap((folder) =>
    packageSources(root, folder).filter((file) => !path.basename(file).includes('.generated.')),
  );
}

/** Every module specifier a file imports (static, dynamic and type imports, and re-exports). */
export function importSpecifiers(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|^\s*import\s+)'([^']+)'/gm)].map((match) => match[1] ?? '');
}

const lineCount = (text: string) => text.split('\n').length - (text.endsWith('\n') ? 1 : 0);

/** Modules over `limit` lines. */
export function longModules(root: string, files: readonly string[], limit: number): Offence[] {
  return files.flatMap((file) => {
    const lines = lineCount(readFileSync(file, 'utf8'));
    const key = path.relative(root, file);
    return lines > limit ? [{ key, detail: `${key}: ${lines} lines` }] : [];
  });
}

/** The name a function goes by: its own, or the variable, property or class member that holds it. */
function functionName(node: ts.SignatureDeclaration): string {
  if (ts.isConstructorDeclaration(node))
    return `${(node.parent as ts.ClassLikeDeclaration).name?.text ?? ''}.constructor`;
  if (node.name) return node.name.getText();
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent))
    return parent.name.getText();
  return '(anonymous)';
}

/** Functions over `maxLines` lines, and functions with more than `maxParameters` parameters. */
export function functionShapes(
  root: string,
  files: readonly string[],
  limits: { readonly maxLines: number; readonly maxParameters: number },
): { long: Offence[]; wide: Offence[] } {
  const long: Offence[] = [];
  const wide: Offence[] = [];
  for (const file of files) {
    const where = path.relative(root, file);
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node) => {
      if (ts.isFunctionLike(node) && 'body' in node && node.body) {
        const first = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
        const lines = source.getLineAndCharacterOfPosition(node.end).line + 2 - first;
        const key = `${where} ${functionName(node)}`;
        if (lines > limits.maxLines)
          long.push({ key, detail: `${where}:${first} ${functionName(node)}: ${lines} lines` });
        if (node.parameters.length > limits.maxParameters)
          wide.push({ key, detail: `${where}:${first} ${functionName(node)}: ${node.parameters.length} parameters` });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { long, wide };
}

/** The modules a file imports by relative path, resolved. */
function relativeImports(file: string): string[] {
  return importSpecifiers(file)
    .filter((specifier) => specifier.startsWith('.'))
    .map((specifier) => {
      const target = path.resolve(path.dirname(file), specifier);
      return target.endsWith('.ts') ? target : `${target}.ts`;
    });
}

/** Every circle of relative imports among the files, each once, named from its first module in path order. */
export function importCircles(root: string, files: readonly string[]): Offence[] {
  const known = new Set(files);
  const edges = new Map(files.map((file) => [file, relativeImports(file).filter((target) => known.has(target))]));
  const circles = new Map<string, string[]>();
  const state = new Map<string, 'open' | 'done'>();
  const trail: string[] = [];
  const walk = (file: string) => {
    state.set(file, 'open');
    trail.push(file);
    for (const next of edges.get(file) ?? []) {
      if (state.get(next) === 'open') {
        const circle = trail.slice(trail.indexOf(next)).map((entry) => path.relative(root, entry));
        const start = circle.indexOf([...circle].sort()[0] as string);
        const named = [...circle.slice(start), ...circle.slice(0, start)];
        circles.set(named.join(' → '), named);
      } else if (!state.has(next)) walk(next);
    }
    trail.pop();
    state.set(file, 'done');
  };
  for (const file of [...files].sort()) if (!state.has(file)) walk(file);
  return [...circles.keys()].map((key) => ({ key, detail: `${key} → ${circles.get(key)?.[0]}` }));
}

/** .ts and .mjs files under `dir`, node_modules aside; none when it does not exist. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter(
      (entry) => entry.isFile() && /\.(ts|mts|mjs)$/.test(entry.name) && !entry.parentPath.includes('node_modules'),
    )
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/**
 * Names a package's index re-exports (`export { … } from './x'`) that nothing outside the package uses: no file of
 * another package, of the tests, the benchmarks or the scripts that imports the package names them.
 */
export function unusedReexports(
  root: string,
  packageFolders: readonly string[],
  unchecked: readonly string[] = [],
): Offence[] {
  // Each file read once, for every package's question.
  const everything = [
    ...packageFolders.flatMap((folder) => [
      ...filesUnder(path.join(root, folder, 'src')),
      ...filesUnder(path.join(root, folder, 'test')),
    ]),
    ...['test', 'bench', 'scripts'].flatMap((top) => filesUnder(path.join(root, top))),
  ].map((file) => ({ file, text: readFileSync(file, 'utf8') }));
  return packageFolders.flatMap((folder) => {
    const index = path.join(root, folder, 'src', 'index.ts');
    if (unchecked.includes(folder) || !existsSync(index)) return [];
    const name = (JSON.parse(readFileSync(path.join(root, folder, 'package.json'), 'utf8')) as { name: string }).name;
    const users = everything
      .filter(({ file, text }) => !file.startsWith(path.join(root, folder) + path.sep) && text.includes(`'${name}'`))
      .map(({ text }) => text);
    const source = ts.createSourceFile(index, readFileSync(index, 'utf8'), ts.ScriptTarget.Latest, true);
    const reexported = source.statements.flatMap((statement) =>
      ts.isExportDeclaration(statement) &&
      statement.moduleSpecifier &&
      statement.exportClause &&
      ts.isNamedExports(statement.exportClause)
        ? statement.exportClause.elements.map((element) => element.name.text)
        : [],
    );
    return reexported
      .filter((exported) => !users.some((text) => new RegExp(`\\b${exported}\\b`).test(text)))
      .map((exported) => ({
        key: `${name} ${exported}`,
        detail: `${folder}/src/index.ts re-exports ${exported}, which no other package uses`,
      }));
  });
}
