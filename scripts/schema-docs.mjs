// Writes docs/gitops-yaml.md, the gitops.yaml reference, from packages/config/schema/gitops.schema.json: every
// key with its type, default and description. With --check it exits 1 when the file is out of date (a test
// runs that), so the reference always says what the loader accepts.
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
export const schemaFile = path.join(root, 'packages/config/schema/gitops.schema.json');
export const docFile = path.join(root, 'docs/gitops-yaml.md');

function resolve(schema, node) {
  if (!node?.$ref) return node ?? {};
  return resolve(
    schema,
    node.$ref
      .replace('#/', '')
      .split('/')
      .reduce((at, key) => at[key], schema),
  );
}

function typeOf(schema, node) {
  const resolved = resolve(schema, node);
  if (resolved.enum) return resolved.enum.map((value) => `\`${value}\``).join(' \\| ');
  if (resolved.type === 'array') return `list of ${typeOf(schema, resolved.items)}`;
  if (resolved.type === 'object' && resolved.additionalProperties && !resolved.properties) return 'mapping';
  return resolved.type ?? 'any';
}

function rows(schema, node, prefix, out) {
  const resolved = resolve(schema, node);
  const required = new Set(resolved.required ?? []);
  for (const [key, child] of Object.entries(resolved.properties ?? {})) {
    const full = `${prefix}${key}`;
    const target = resolve(schema, child);
    const description = (child.description ?? target.description ?? '').replace(/\|/g, '\\|');
    const fallback = target.default !== undefined ? `\`${target.default}\`` : required.has(key) ? '(required)' : '';
    out.push(`| \`${full}\` | ${typeOf(schema, child)} | ${fallback} | ${description} |`);
    if (target.type === 'object' && target.properties) rows(schema, target, `${full}.`, out);
    if (target.type === 'object' && typeof target.additionalProperties === 'object') {
      const name = key === 'environments' ? '<env>' : key === 'apps' ? '<app>' : '<name>';
      const value = resolve(schema, target.additionalProperties);
      if (value.properties) rows(schema, value, `${full}.${name}.`, out);
    }
    if (target.type === 'array' && resolve(schema, target.items).properties)
      rows(schema, target.items, `${full}[].`, out);
  }
}

export function generateReference() {
  const schema = JSON.parse(readFileSync(schemaFile, 'utf8'));
  const out = [];
  rows(schema, schema, '', out);
  return `# gitops.yaml reference

<!-- generated from packages/config/schema/gitops.schema.json by scripts/schema-docs.mjs; edit the schema -->

${schema.description}

gitops.yaml sits at the root of the config repository. Every key below is checked when it is loaded (by every
action and by \`gitops config check\`); an unknown key, a wrong type or a reference to an environment that does not
exist is an error with its file, line and column, and every problem is listed at once. Editors that read
\`# yaml-language-server: $schema=…\` can complete and check it with the same schema.

| key | type | default | meaning |
|---|---|---|---|
${out.join('\n')}

Names of environments and apps: letters, digits, \`.\`, \`_\` and \`-\`, starting with a letter or digit (they
become part of branch names such as \`gitops/prod/web\`).

Without gitops.yaml, environments are the folders under \`envs/\` (or \`environments/\`), ordered dev → test/qa →
staging → prod by name and others after them alphabetically, every environment requires digests, and apps are
the images found in the manifests, named by the last part of their repository.

See also: [how targets are found and written](targets.md), [validate's policies](../validate/README.md).
`;
}

if (process.argv[1] === import.meta.filename) {
  const text = generateReference();
  if (process.argv.includes('--check')) {
    if (readFileSync(docFile, 'utf8') !== text) {
      process.stderr.write('docs/gitops-yaml.md is out of date: run node scripts/schema-docs.mjs\n');
      process.exit(1);
    }
  } else {
    writeFileSync(docFile, text);
    process.stdout.write('wrote docs/gitops-yaml.md\n');
  }
}
