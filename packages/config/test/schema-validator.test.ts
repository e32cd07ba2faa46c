import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');

describe('schema-validator.generated.ts', () => {
  it('is gitops.schema.json compiled by the installed ajv (run node scripts/generate-schema-validator.mjs after editing it)', async () => {
    const script = path.join(root, 'scripts/generate-schema-validator.mjs');
    const { generateSchemaValidator } = (await import(script)) as { generateSchemaValidator: () => string };
    expect(readFileSync(path.join(root, 'packages/config/src/schema-validator.generated.ts'), 'utf8')).toBe(
      generateSchemaValidator(),
    );
  });
});
