// Checks an action's public face against its code: every input the code reads is declared in action.yml
// and every declared input is read; the same for outputs; and the runs/branding the runner needs.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { actionDefault, changeOptionSpecs } from '@gitops/delivery';
import { parse } from 'yaml';

interface Metadata {
  name?: string;
  description?: string;
  branding?: { icon?: string; color?: string };
  runs?: { using?: string; main?: string };
  inputs?: Record<string, { description?: string; required?: boolean; default?: unknown }>;
  outputs?: Record<string, { description?: string }>;
}

/** Top-level folders with an action.yml: the actions users reference as `<owner>/gitops/<name>@v1`. */
export function actionFolders(root: string): string[] {
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(root, entry.name, 'action.yml')))
    .map((entry) => entry.name)
    .sort();
}

/** Folders under actions/ with the code of an action. */
export function actionCodeFolders(root: string): string[] {
  const dir = path.join(root, 'actions');
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(dir, entry.name, 'src', 'main.ts')))
    .map((entry) => entry.name)
    .sort();
}

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

// core's readers and the action kit's (which call core with the name they are given).
const inputRead =
  /\b(?:get(?:Boolean|Multiline)?Input|optionalInput|requiredInput|listInput|booleanInput|choiceInput|integerInput|keyValueInput|secretInput)\(\s*([^,)]*)/g;
const outputWrite = /\bsetOutput\(\s*([^,)]*)/g;
const literal = /^(['"])([a-z0-9][a-z0-9-]*)\1$/;

function namesUsed(files: string[], pattern: RegExp, what: string, problems: string[]): Set<string> {
  const names = new Set<string>();
  for (const file of files) {
    for (const match of readFileSync(file, 'utf8').matchAll(pattern)) {
      const argument = (match[1] ?? '').trim();
      const name = literal.exec(argument)?.[2];
      if (name === undefined)
        problems.push(
          `${file}: ${what} ${argument} is not a string literal; name it literally so this check can see it`,
        );
      else names.add(name);
    }
  }
  return names;
}

export function checkActionContract(root: string, name: string): string[] {
  const problems: string[] = [];
  const file = path.join(name, 'action.yml');
  const metadata = parse(readFileSync(path.join(root, file), 'utf8')) as Metadata;
  if (!metadata.name) problems.push(`${file}: no name`);
  if (!metadata.description) problems.push(`${file}: no description`);
  if (!metadata.branding?.icon || !metadata.branding.color) problems.push(`${file}: no branding icon and color`);
  if (metadata.runs?.using !== 'node24')
    problems.push(`${file}: runs.using is ${metadata.runs?.using}, expected node24`);
  if (metadata.runs?.main !== `../dist/${name}/index.js`)
    problems.push(`${file}: runs.main is ${metadata.runs?.main}, expected ../dist/${name}/index.js`);
  const declaredInputs = Object.keys(metadata.inputs ?? {});
  const declaredOutputs = Object.keys(metadata.outputs ?? {});
  for (const [input, spec] of Object.entries(metadata.inputs ?? {})) {
    if (!spec?.description) problems.push(`${file}: input ${input} has no description`);
    if (spec?.required !== true && spec?.default === undefined)
      problems.push(`${file}: optional input ${input} has no default`);
  }
  for (const [output, spec] of Object.entries(metadata.outputs ?? {})) {
    if (!spec?.description) problems.push(`${file}: output ${output} has no description`);
  }
  const files = sourceFiles(path.join(root, 'actions', name, 'src'));
  if (files.length === 0) problems.push(`actions/${name}/src: no code for ${file}`);
  const inputs = namesUsed(files, inputRead, 'input name', problems);
  // The change inputs are read from the engine's spec of them, by name (actions/kit/src/change-inputs.ts).
  if (files.some((source) => /\bchangeInputs\(\)/.test(readFileSync(source, 'utf8'))))
    for (const spec of changeOptionSpecs) inputs.add(spec.name);
  const outputs = namesUsed(files, outputWrite, 'output name', problems);
  for (const input of inputs)
    if (!declaredInputs.includes(input)) problems.push(`${file}: the code reads input ${input}, which is not declared`);
  for (const input of declaredInputs)
    if (!inputs.has(input)) problems.push(`${file}: input ${input} is declared but the code never reads it`);
  for (const output of outputs)
    if (!declaredOutputs.includes(output))
      problems.push(`${file}: the code sets output ${output}, which is not declared`);
  for (const output of declaredOutputs)
    if (!outputs.has(output)) problems.push(`${file}: output ${output} is declared but the code never sets it`);
  return problems;
}

/**
 * Where an action that reads the change inputs declares them otherwise than the spec: a missing input, another
 * default, other words. action.yml cannot be generated when GitHub reads it, so it is held to the spec here.
 */
export function checkChangeInputs(root: string, name: string): string[] {
  const file = path.join(name, 'action.yml');
  const declared = (parse(readFileSync(path.join(root, file), 'utf8')) as Metadata).inputs ?? {};
  const problems: string[] = [];
  for (const spec of changeOptionSpecs) {
    const input = declared[spec.name];
    if (!input) {
      problems.push(`${file}: input ${spec.name} of the change options is not declared`);
      continue;
    }
    if (String(input.default ?? '') !== actionDefault(spec))
      problems.push(`${file}: input ${spec.name} defaults to "${input.default}", the spec to "${actionDefault(spec)}"`);
    const words = (name === 'promote' && spec.promote) || spec.description;
    if (input.description !== words)
      problems.push(`${file}: input ${spec.name} is described otherwise than in the spec`);
  }
  return problems;
}
