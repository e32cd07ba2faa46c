// Writes the Inputs and Outputs tables of each action's README.md from its action.yml, so the two cannot
// disagree: edit the descriptions in action.yml and run `node scripts/action-docs.mjs`. With --check it
// changes nothing and exits 1 naming the READMEs that are out of date (a unit test runs that).
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';

const root = path.resolve(import.meta.dirname, '..');
const begin = (what) => `<!-- ${what}: generated from action.yml by scripts/action-docs.mjs -->`;
const end = (what) => `<!-- end of ${what} -->`;

const cell = (text) =>
  String(text ?? '')
    .trim()
    .replace(/\s*\n\s*/g, ' ')
    .replaceAll('|', '\\|');
const code = (text) => (text === '' ? '' : `\`${String(text).replaceAll('`', "'")}\``);

export function inputsTable(action) {
  const rows = Object.entries(action.inputs ?? {}).map(([name, input]) => {
    const fallback = input.required ? '(required)' : code(input.default ?? '');
    return `| \`${name}\` | ${fallback} | ${cell(input.description)} |`;
  });
  return ['| input | default | meaning |', '|---|---|---|', ...rows].join('\n');
}

export function outputsTable(action) {
  const rows = Object.entries(action.outputs ?? {}).map(
    ([name, output]) => `| \`${name}\` | ${cell(output.description)} |`,
  );
  return ['| output | meaning |', '|---|---|', ...rows].join('\n');
}

/** The README with both tables put in place: between the markers, or replacing the table under the heading. */
export function withTables(readme, action) {
  let text = readme;
  for (const [what, heading, table] of [
    ['inputs', '## Inputs', inputsTable(action)],
    ['outputs', '## Outputs', outputsTable(action)],
  ]) {
    const block = `${begin(what)}\n${table}\n${end(what)}`;
    const from = text.indexOf(begin(what));
    if (from !== -1) {
      const to = text.indexOf(end(what), from) + end(what).length;
      text = text.slice(0, from) + block + text.slice(to);
      continue;
    }
    const at = text.indexOf(`\n${heading}\n`);
    if (at === -1) {
      text = `${text.trimEnd()}\n\n${heading}\n\n${block}\n`;
      continue;
    }
    const lines = text.slice(at + heading.length + 2).split('\n');
    let start = 0;
    while (start < lines.length && lines[start] === '') start++;
    let stop = start;
    while (stop < lines.length && lines[stop]?.startsWith('|')) stop++;
    const before = text.slice(0, at + heading.length + 2);
    text = `${before}\n${block}\n${lines.slice(stop).join('\n')}`;
  }
  return text;
}

export function actionFolders() {
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(root, entry.name, 'action.yml')))
    .map((entry) => entry.name)
    .sort();
}

if (process.argv[1] === import.meta.filename) {
  const check = process.argv.includes('--check');
  const stale = [];
  for (const name of actionFolders()) {
    const action = parse(readFileSync(path.join(root, name, 'action.yml'), 'utf8'));
    const file = path.join(root, name, 'README.md');
    const before = existsSync(file) ? readFileSync(file, 'utf8') : `# ${action.name}\n\n${action.description}\n`;
    const after = withTables(before, action);
    if (after === before) continue;
    stale.push(`${name}/README.md`);
    if (!check) writeFileSync(file, after);
  }
  if (check && stale.length) {
    process.stderr.write(`out of date (run node scripts/action-docs.mjs): ${stale.join(', ')}\n`);
    process.exit(1);
  }
  if (!check) process.stdout.write(stale.length ? `wrote ${stale.join(', ')}\n` : 'up to date\n');
}
