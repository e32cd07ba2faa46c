import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { expect, test } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');

test('starter-workflows.generated.ts holds workflows/*.yml as they are (run node scripts/generate-starter-workflows.mjs after editing one)', async () => {
  const script = path.join(root, 'scripts/generate-starter-workflows.mjs');
  const { generateStarterWorkflows } = (await import(script)) as { generateStarterWorkflows: () => string };
  expect(readFileSync(path.join(root, 'packages/init/src/starter-workflows.generated.ts'), 'utf8')).toBe(
    generateStarterWorkflows(),
  );
});
