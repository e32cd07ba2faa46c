// Node module hooks that run the project's TypeScript sources directly (for the demo, which plays the story
// with the test harness's services): extensionless relative imports resolve to .ts files, and .ts files are
// transpiled with the TypeScript compiler already installed for the build. Types are not checked here; the
// build and the tests do that.
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export async function resolve(specifier, context, next) {
  const relative = specifier.startsWith('.') || specifier.startsWith('/');
  if (relative && context.parentURL?.endsWith('.ts') && !/\.(?:[cm]?[jt]s|json)$/.test(specifier)) {
    for (const suffix of ['.ts', '/index.ts']) {
      const url = new URL(specifier + suffix, context.parentURL);
      const file = fileURLToPath(url);
      if (existsSync(file) && statSync(file).isFile()) return { url: url.href, shortCircuit: true };
    }
  }
  return next(specifier, context);
}

export async function load(url, context, next) {
  if (!url.endsWith('.ts')) return next(url, context);
  const fileName = fileURLToPath(url);
  const { outputText } = ts.transpileModule(await readFile(fileName, 'utf8'), {
    fileName,
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, sourceMap: false },
  });
  return { format: 'module', source: outputText, shortCircuit: true };
}
