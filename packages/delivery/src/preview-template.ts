// A preview's files, made from gitops.yaml's template folder: every file copied, with {number}, {branch}, {app}
// and {sha} replaced in its name and text. The template is copied as it is, so nothing in it may lead elsewhere:
// a symbolic link (in the folder, or on the way to it) is refused, as is anything but folders and files, and
// its size is bounded. The values are made safe first: the branch comes from a pull request.
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { SourceLocation } from '@gitops/log';
import type { FileChange } from '@gitops/manifests';
import { DeliveryError } from './errors';
import { recordFile } from './preview-layout';

/** What the placeholders stand for; each is checked to be safe in a path and a name. */
export interface TemplateValues {
  readonly number: number;
  /** Already made safe (safeBranch). */
  readonly branch: string;
  readonly app: string;
  readonly sha: string;
}

const maxFiles = 200;
const maxBytes = 1024 * 1024;

/** The files of a new preview in `folder`, as additions; refused when the template is not plain files. */
export function templateFiles(input: {
  readonly root: string;
  readonly template: string;
  readonly folder: string;
  readonly values: TemplateValues;
  /** previews: in gitops.yaml, where refusals are shown. */
  readonly where: SourceLocation | undefined;
}): FileChange[] {
  checkValues(input.values);
  try {
    return copyTemplate(input);
  } catch (error) {
    if (!(error instanceof TemplateProblem)) throw error;
    const where = input.where ? { where: input.where } : {};
    throw new DeliveryError(`previews.template: ${error.message}; refused`, { kind: 'refused', ...where });
  }
}

class TemplateProblem extends Error {}

function copyTemplate(input: { root: string; template: string; folder: string; values: TemplateValues }) {
  const { root, template, folder, values } = input;
  checkNoLinkOnTheWay(root, template);
  const files: FileChange[] = [];
  const walk = (relative: string, depth: number) => {
    const entries = readdirSync(path.join(root, template, relative), { withFileTypes: true });
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const inner = relative ? `${relative}/${entry.name}` : entry.name;
      const where = `${template}/${inner}`;
      if (entry.isSymbolicLink())
        throw refusal(`"${where}" is a symbolic link: a template is copied as it is, and a link can lead out of it`);
      if (entry.isDirectory() && depth >= 16) throw refusal(`"${where}" is nested deeper than 16 folders`);
      if (entry.isDirectory()) walk(inner, depth + 1);
      else if (entry.isFile() && entry.name !== recordFile)
        files.push(copied(root, where, `${folder}/${fill(inner, values)}`, values));
      else if (!entry.isFile()) throw refusal(`"${where}" is neither a file nor a folder`);
      if (files.length > maxFiles) throw refusal(`holds more than ${maxFiles} files`);
    }
  };
  walk('', 0);
  if (files.length === 0) throw refusal(`"${template}" holds no files`);
  return files;
}

function copied(root: string, from: string, to: string, values: TemplateValues): FileChange {
  const size = lstatSync(path.join(root, from)).size;
  if (size > maxBytes) throw refusal(`"${from}" is larger than ${maxBytes / 1024} KiB`);
  const text = readFileSync(path.join(root, from), 'utf8');
  return { file: to, before: '', after: fill(text, values), added: true };
}

/** The text with every placeholder replaced. */
export function fill(text: string, values: TemplateValues): string {
  return text
    .replaceAll('{number}', String(values.number))
    .replaceAll('{branch}', values.branch)
    .replaceAll('{app}', values.app)
    .replaceAll('{sha}', values.sha);
}

/** Each folder from the repository's root to the template is a folder, not a link to one. */
function checkNoLinkOnTheWay(root: string, template: string): void {
  let at = root;
  for (const part of template.split('/')) {
    at = path.join(at, part);
    let stat: ReturnType<typeof lstatSync>;
    try {
      stat = lstatSync(at);
    } catch {
      throw refusal(`folder "${template}" does not exist in the repository`);
    }
    if (stat.isSymbolicLink())
      throw refusal(
        `"${path.relative(root, at)}" is a symbolic link: a template is copied as it is, and a link can lead out of it`,
      );
    if (!stat.isDirectory()) throw refusal(`"${template}" is not a folder`);
  }
}

function checkValues(values: TemplateValues): void {
  if (!Number.isInteger(values.number) || values.number < 1)
    throw new DeliveryError('must be a pull request number', { subject: 'preview' });
  if (!/^[0-9a-f]{7,64}$/.test(values.sha))
    throw new DeliveryError(`"${values.sha.slice(0, 80)}" is not a commit id (hex)`, { subject: 'preview sha' });
  if (!/^[a-z0-9][a-z0-9-]*$/.test(values.branch)) throw new Error('internal error: the branch is not made safe');
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(values.app))
    throw new DeliveryError(`app "${values.app}" cannot stand in a folder name`, { subject: 'app' });
}

function refusal(reason: string): TemplateProblem {
  return new TemplateProblem(reason);
}
