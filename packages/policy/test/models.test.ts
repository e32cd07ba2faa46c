import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { modelGroups } from '../src/models.generated';

const root = path.resolve(import.meta.dirname, '../../..');

describe('models.generated.ts', () => {
  it('matches the installed model packages (run node scripts/generate-models.mjs after upgrading them)', async () => {
    const script = path.join(root, 'scripts/generate-models.mjs');
    const { generateModels } = (await import(script)) as { generateModels: () => string };
    expect(readFileSync(path.join(root, 'packages/policy/src/models.generated.ts'), 'utf8')).toBe(generateModels());
  });

  it('knows the kinds config repositories hold', () => {
    expect(modelGroups['apps/v1']?.kinds).toContain('Deployment');
    expect(modelGroups.v1?.kinds).toEqual(expect.arrayContaining(['Service', 'ConfigMap', 'Namespace']));
    expect(modelGroups['argoproj.io/v1alpha1']?.kinds).toEqual(
      expect.arrayContaining(['Application', 'ApplicationSet']),
    );
    expect(modelGroups['kustomize.toolkit.fluxcd.io/v1']?.kinds).toContain('Kustomization');
    expect(modelGroups['helm.toolkit.fluxcd.io/v2']?.kinds).toContain('HelmRelease');
    expect(modelGroups['cert-manager.io/v1']?.kinds).toEqual(expect.arrayContaining(['Certificate', 'ClusterIssuer']));
  });
});
