// Generated docs stay in step with their sources: each action README's tables with its action.yml, and
// docs/gitops-yaml.md with the JSON schema. Run scripts/action-docs.mjs or scripts/schema-docs.mjs to update them.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { expect, test } from 'vitest';
import { parse } from 'yaml';
import { projectRoot } from './support/index';

interface Generator {
  actionFolders(): string[];
  withTables(readme: string, action: unknown): string;
}

test('every action README has the inputs and outputs of its action.yml', async () => {
  const { actionFolders, withTables } = (await import(path.join(projectRoot, 'scripts/action-docs.mjs'))) as Generator;
  const folders = actionFolders();
  expect(folders).toEqual(['build-image', 'deploy', 'metrics', 'promote', 'push-registry', 'report', 'validate']);
  for (const name of folders) {
    const action = parse(readFileSync(path.join(projectRoot, name, 'action.yml'), 'utf8'));
    const readme = readFileSync(path.join(projectRoot, name, 'README.md'), 'utf8');
    expect(withTables(readme, action), `${name}/README.md is out of date: run node scripts/action-docs.mjs`).toBe(
      readme,
    );
  }
});

test('docs/gitops-yaml.md is generated from the gitops.yaml JSON schema', async () => {
  const { generateReference } = (await import(path.join(projectRoot, 'scripts/schema-docs.mjs'))) as {
    generateReference(): string;
  };
  expect(readFileSync(path.join(projectRoot, 'docs/gitops-yaml.md'), 'utf8'), 'run node scripts/schema-docs.mjs').toBe(
    generateReference(),
  );
});

test("the README's install example names the tarball of package.json's version (release.sh holds them equal)", () => {
  const { version } = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { version: string };
  const readme = readFileSync(path.join(projectRoot, 'README.md'), 'utf8');
  expect(readme.match(/gitops-cli-\d[\dA-Za-z.-]*\.tgz/)?.[0]).toBe(`gitops-cli-${version}.tgz`);
});
