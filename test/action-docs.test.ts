// Each action's README tables are generated from its action.yml: this fails when one was edited without
// running `node scripts/action-docs.mjs`.
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
  expect(folders).toEqual(['build-image', 'deploy', 'promote', 'push-registry', 'validate']);
  for (const name of folders) {
    const action = parse(readFileSync(path.join(projectRoot, name, 'action.yml'), 'utf8'));
    const readme = readFileSync(path.join(projectRoot, name, 'README.md'), 'utf8');
    expect(withTables(readme, action), `${name}/README.md is out of date: run node scripts/action-docs.mjs`).toBe(
      readme,
    );
  }
});
