// The validate action as the runner runs it, on a realistic config repository whose every problem is
// seeded on purpose (test/fixtures/validate-repo): each finding is asserted on its file and line.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import Ajv from 'ajv-draft-04';
import { beforeAll, describe, expect, test } from 'vitest';
import { commandAvailable, projectRoot, requireService, runAction } from './support/index';

const fixture = path.join(projectRoot, 'test/fixtures/validate-repo');

/** A workspace holding the fixture under config/, so paths must be rewritten from the workspace root. */
function workspace(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'gitops-validate-ws-'));
  cpSync(fixture, path.join(dir, 'config'), { recursive: true });
  return dir;
}

const where = (a: { level: string; file?: string; line?: number; title?: string }) =>
  `${a.level} ${a.file}:${a.line} ${a.title?.replace('gitops validate: ', '')}`;

beforeAll(() => {
  requireService('kustomize', () => {
    const kubectl = commandAvailable('kubectl', ['kustomize', '--help']);
    return kubectl.available ? kubectl : commandAvailable('kustomize', ['version']);
  });
});

describe('validate action', () => {
  test('reports every seeded finding on its file and line, in one run, and fails on errors', async () => {
    const ws = workspace();
    const result = await runAction('validate', { path: 'config', sarif: 'reports/validate.sarif' }, { workspace: ws });
    expect(result.exitCode).toBe(1);
    const located = result.annotations.filter((a) => a.file !== undefined);
    expect(located.map(where).sort()).toEqual(
      [
        // gitops.yaml says prod needs digests; the tag is set by prod's images: entry.
        'error config/envs/prod/kustomization.yaml:9 image-without-digest (prod)',
        // an enum violation in a resource of the overlay itself
        'error config/envs/prod/pdb.yaml:10 schema (prod)',
        // a JSON 6902 patch written inline in the kustomization: the line inside the block
        'error config/envs/staging/kustomization.yaml:15 privileged-container (staging)',
        // plain YAML: a broken file is reported at its opening quote, and the other files are still checked
        'error config/clusters/flux/broken.yaml:7 yaml (flux)',
        'error config/clusters/flux/settings.yaml:4 duplicate-resource (flux)',
        'error config/clusters/flux/web.yaml:13 missing-probes (flux)',
        'error config/clusters/flux/web.yaml:16 schema (flux)',
        'warning config/clusters/flux/web.yaml:3 namespace-missing (flux)',
        'warning config/clusters/flux/widget.yaml:2 unknown-kind (flux)',
        // the latest tag comes from dev's images: entry, the typo from dev's patch file
        'warning config/envs/dev/kustomization.yaml:10 image-latest-tag (dev)',
        'warning config/envs/dev/replicas.yaml:6 unknown-field (dev)',
        // a strategic-merge patch file adds the hostPath volume
        'warning config/envs/staging/debug-volume.yaml:10 host-path (staging)',
      ].sort(),
    );
    const message = (file: string) => result.annotations.find((a) => a.file === file)?.message;
    expect(message('config/envs/dev/replicas.yaml')).toBe('spec.replica is not a field of Deployment (apps/v1)');
    expect(message('config/envs/prod/pdb.yaml')).toBe(
      'spec.unhealthyPodEvictionPolicy must be one of "AlwaysAllow", "IfHealthyBudget"',
    );
    expect(result.annotations.find((a) => a.file === 'config/clusters/flux/web.yaml' && a.line === 16)?.message).toBe(
      'spec.template.spec.containers[0].ports[0].containerPort must be an integer',
    );
    expect(message('config/clusters/flux/broken.yaml')).toBe('Missing closing "quote');
    expect(message('config/clusters/flux/settings.yaml')).toBe(
      'ConfigMap/apps/settings is defined twice in environment flux; the other is in clusters/flux/settings-copy.yaml',
    );
    expect(result.outputs).toMatchObject({ errors: '7', warnings: '5' });
    expect(result.annotations.filter((a) => a.file === undefined)).toMatchObject([
      { level: 'error', message: 'gitops validate: 7 errors, 5 warnings' },
    ]);

    const report = JSON.parse(readFileSync(result.outputs.report as string, 'utf8'));
    expect(report).toMatchObject({ version: 1, kubernetesVersion: '1.34', strict: false, errors: 7, warnings: 5 });
    expect(report.environments).toEqual([
      { name: 'dev', path: 'config/envs/dev', renderer: 'kustomize', resources: 3, errors: 0, warnings: 2 },
      { name: 'staging', path: 'config/envs/staging', renderer: 'kustomize', resources: 3, errors: 1, warnings: 1 },
      { name: 'prod', path: 'config/envs/prod', renderer: 'kustomize', resources: 4, errors: 2, warnings: 0 },
      { name: 'flux', path: 'config/clusters/flux', renderer: 'plain', resources: 8, errors: 4, warnings: 2 },
    ]);
    expect(report.findings[0]).toMatchObject({
      level: 'error',
      location: { file: expect.stringMatching(/^config\//) },
    });

    expect(result.summary).toContain('### gitops validate: 7 errors, 5 warnings');
    expect(result.summary).toContain('- ⚠️ **dev** (`config/envs/dev`): 3 resources, 0 errors, 2 warnings');
    expect(result.summary).toContain(
      '- ❌ **prod** (`config/envs/prod`): 4 resources, 2 errors, 0 warnings\n  - ❌ `config/envs/prod/kustomization.yaml:9`',
    );

    // SARIF 2.1.0, valid against the published schema, on workspace-relative paths.
    expect(result.outputs.sarif).toBe(path.join(ws, 'reports/validate.sarif'));
    const sarif = JSON.parse(readFileSync(path.join(ws, 'reports/validate.sarif'), 'utf8'));
    const require = createRequire(import.meta.url);
    const schema = JSON.parse(
      readFileSync(
        path.join(
          path.dirname(require.resolve('@microsoft/jest-sarif/package.json')),
          'lib/schemas/sarif-2.1.0-rtm.5.json',
        ),
        'utf8',
      ),
    );
    const validateSarif = new Ajv({
      allErrors: true,
      strict: false,
      validateFormats: false,
      unicodeRegExp: false,
    }).compile(schema);
    expect(validateSarif.errors ?? [], JSON.stringify(validateSarif.errors)).toEqual([]);
    expect(validateSarif(sarif), JSON.stringify(validateSarif.errors)).toBe(true);
    // The schema check has teeth: a run without its tool is refused.
    expect(validateSarif({ version: '2.1.0', runs: [{ results: [] }] })).toBe(false);
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results).toHaveLength(12);
    const pdb = sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'schema');
    expect(pdb.locations[0].physicalLocation).toMatchObject({
      artifactLocation: { uri: expect.stringMatching(/^config\//), uriBaseId: '%SRCROOT%' },
      region: { startLine: expect.any(Number) },
    });
    const rules = sarif.runs[0].tool.driver.rules.map((r: { id: string }) => r.id);
    for (const r of sarif.runs[0].results) expect(rules[r.ruleIndex]).toBe(r.ruleId);
    // What code scanning shows of a rule: a readable name and help in markdown; no link that leads nowhere.
    for (const rule of sarif.runs[0].tool.driver.rules) {
      expect(rule.name).toMatch(/^[A-Z][A-Za-z0-9]+$/);
      expect(rule.help.markdown).toMatch(/\*\*How to fix:\*\* \S/);
      expect(rule.help.text.length).toBeGreaterThan(rule.shortDescription.text.length);
    }
    expect(sarif.runs[0].tool.driver.rules.find((r: { id: string }) => r.id === 'missing-probes').name).toBe(
      'MissingProbes',
    );
    expect(JSON.stringify(sarif)).not.toContain('github.com/gitops/gitops');
    // Every location is relative to the repository root (the workspace), never absolute or above it.
    for (const r of sarif.runs[0].results)
      expect(r.locations[0].physicalLocation.artifactLocation.uri).toMatch(/^(?!\/|\.\.?\/)[^:]+$/);
  });

  test('SARIF help links lead to the docs of the action’s own repository and ref', async () => {
    const ws = workspace();
    await runAction(
      'validate',
      { path: 'config', sarif: 'validate.sarif' },
      { workspace: ws, env: { GITHUB_ACTION_REPOSITORY: 'acme/gitops', GITHUB_ACTION_REF: 'v1' } },
    );
    const driver = JSON.parse(readFileSync(path.join(ws, 'validate.sarif'), 'utf8')).runs[0].tool.driver;
    expect(driver.informationUri).toBe('https://github.com/acme/gitops');
    expect(driver.rules[0].helpUri).toBe('https://github.com/acme/gitops/blob/v1/validate/README.md#what-is-checked');
  });

  test('strict makes unknown fields and kinds errors; environments limits what is checked', async () => {
    const result = await runAction(
      'validate',
      { path: 'config', strict: 'true', environments: 'dev, flux' },
      { workspace: workspace() },
    );
    expect(result.exitCode).toBe(1);
    const levels = Object.fromEntries(
      result.annotations.map((a) => [a.title?.replace('gitops validate: ', ''), a.level]),
    );
    expect(levels).toMatchObject({ 'unknown-field (dev)': 'error', 'unknown-kind (flux)': 'error' });
    expect(result.annotations.some((a) => a.title?.includes('(prod)') || a.title?.includes('(staging)'))).toBe(false);
  });

  test('a clean environment passes with zero errors', async () => {
    const ws = workspace();
    const dev = path.join(ws, 'config/envs/dev');
    writeFileSync(
      path.join(dev, 'replicas.yaml'),
      readFileSync(path.join(dev, 'replicas.yaml'), 'utf8').replace('replica:', 'replicas:'),
    );
    writeFileSync(
      path.join(dev, 'kustomization.yaml'),
      readFileSync(path.join(dev, 'kustomization.yaml'), 'utf8').replace('newTag: latest', 'newTag: "1.2.0"'),
    );
    const result = await runAction('validate', { path: 'config', environments: 'dev' }, { workspace: ws });
    expect(result.annotations).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(result.outputs).toMatchObject({ errors: '0', warnings: '0', sarif: '' });
    expect(result.summary).toContain('- ✅ **dev** (`config/envs/dev`): 3 resources, 0 errors, 0 warnings');
  });

  test('a kustomize build failure names the kustomization and kustomize’s message; other environments are still checked', async () => {
    const ws = workspace();
    const staging = path.join(ws, 'config/envs/staging/kustomization.yaml');
    writeFileSync(staging, readFileSync(staging, 'utf8').replace('../../base', '../../no-such-base'));
    const dev = path.join(ws, 'config/envs/dev/replicas.yaml');
    writeFileSync(dev, 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: [1\n');
    const result = await runAction('validate', { path: 'config' }, { workspace: ws });
    expect(result.exitCode).toBe(1);
    const render = result.annotations.filter((a) => a.title?.startsWith('gitops validate: render'));
    expect(render.map((a) => a.file)).toEqual([
      'config/envs/dev/kustomization.yaml',
      'config/envs/staging/kustomization.yaml',
    ]);
    expect(render[1]?.message).toMatch(/^kustomize build failed: .*no-such-base/);
    expect(render[1]?.message).not.toContain(ws);
    expect(render[1]?.message).not.toContain('gitops-render-');
    // The malformed patch file is named with its line even though kustomize stopped at it.
    expect(result.annotations.find((a) => a.file === 'config/envs/dev/replicas.yaml')).toMatchObject({
      level: 'error',
      line: 7,
    });
    // prod and flux were still rendered and checked.
    expect(result.annotations.some((a) => a.file === 'config/envs/prod/pdb.yaml')).toBe(true);
    expect(result.annotations.some((a) => a.file === 'config/clusters/flux/web.yaml')).toBe(true);
  });

  test('a missing environment folder and a broken gitops.yaml are findings with file and line', async () => {
    const ws = workspace();
    const config = path.join(ws, 'config/gitops.yaml');
    writeFileSync(config, readFileSync(config, 'utf8').replace('path: clusters/flux', 'path: clusters/gone'));
    const missing = await runAction('validate', { path: 'config' }, { workspace: ws });
    expect(missing.exitCode).toBe(1);
    expect(missing.annotations.find((a) => a.title?.startsWith('gitops validate: config'))).toMatchObject({
      file: 'config/gitops.yaml',
      line: 13,
      message: 'environments.flux.path: folder "clusters/gone" does not exist in the repository',
    });
  });

  test('an app whose image is not where gitops.yaml says is an error: the next deploy would fail', async () => {
    const ws = workspace();
    const config = path.join(ws, 'config/gitops.yaml');
    writeFileSync(
      config,
      readFileSync(config, 'utf8').replace(
        'policies:',
        '  api:\n    image: ghcr.io/acme/api\n    targets:\n      - file: envs/{env}/kustomization.yaml\n        environments: [dev]\npolicies:',
      ),
    );
    const result = await runAction('validate', { path: 'config', environments: 'dev' }, { workspace: ws });
    expect(result.exitCode).toBe(1);
    const target = result.annotations.filter((a) => a.title === 'gitops validate: target (dev)');
    expect(target).toHaveLength(1);
    expect(target[0]).toMatchObject({ level: 'error', file: 'config/envs/dev/kustomization.yaml' });
    expect(target[0]?.message).toMatch(/^app api: .*; a deploy to dev would fail$/);
  });

  test('bad inputs: an unknown kubernetes-version or environment is a clear error and nothing is checked', async () => {
    const version = await runAction(
      'validate',
      { path: 'config', 'kubernetes-version': '1.29' },
      { workspace: workspace() },
    );
    expect(version.exitCode).toBe(1);
    expect(version.annotations).toEqual([
      {
        level: 'error',
        message:
          'gitops validate: kubernetes-version 1.29: the bundled schemas describe Kubernetes 1.34 only (kubernetes-models 5.1.0); use 1.34 or leave it empty',
      },
    ]);
    expect(version.outputs).toEqual({});
    const environment = await runAction(
      'validate',
      { path: 'config', environments: 'prd' },
      { workspace: workspace() },
    );
    expect(environment.exitCode).toBe(1);
    expect(environment.annotations).toMatchObject([
      { level: 'error', message: expect.stringMatching(/^gitops validate: environments: unknown environment "prd"/) },
    ]);
    const folder = await runAction('validate', { path: 'nowhere' }, { workspace: workspace() });
    expect(folder.annotations).toMatchObject([
      { level: 'error', message: 'gitops validate: input path: nowhere does not exist in the workspace' },
    ]);
  });

  test('gitops validate in the CLI: text, --json and --sarif', async () => {
    const ws = workspace();
    mkdirSync(path.join(ws, 'out'));
    const text = await runAction('cli', {}, { args: ['validate', 'config', '--env', 'dev'], workspace: ws });
    expect(text.exitCode).toBe(0);
    expect(text.stderr).toContain(
      'warning: config/envs/dev/replicas.yaml:6:3: spec.replica is not a field of Deployment (apps/v1) [unknown-field, dev]',
    );
    expect(text.stdout).toContain('dev');
    const json = await runAction('cli', {}, { args: ['validate', 'config', '--json'], workspace: ws });
    expect(json.exitCode).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ version: 1, errors: 7, warnings: 5 });
    const sarif = await runAction('cli', {}, { args: ['validate', 'config', '--sarif', 'out/v.sarif'], workspace: ws });
    expect(sarif.exitCode).toBe(1);
    expect(JSON.parse(readFileSync(path.join(ws, 'out/v.sarif'), 'utf8')).runs[0].results).toHaveLength(12);
    const bad = await runAction(
      'cli',
      {},
      { args: ['validate', 'config', '--kubernetes-version', '2.0'], workspace: ws },
    );
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('kubernetes-version 2.0: the bundled schemas describe Kubernetes 1.34 only');
  });
});

describe('annotations within GitHub’s limits', () => {
  /** A base shared by three environments, with `count` Deployments that each carry one error and one warning. */
  function manyFindings(count: number): string {
    const dir = mkdtempSync(path.join(tmpdir(), 'gitops-validate-many-'));
    const environments = ['dev', 'staging', 'prod'];
    const files: Record<string, string> = {
      'gitops.yaml': `environments:\n${environments.map((env) => `  ${env}:\n    path: envs/${env}\n    require-digest: false\n`).join('')}apps:\n  app-0:\n    image: ghcr.io/acme/app-0\n`,
      'base/kustomization.yaml': `resources:\n${Array.from({ length: count }, (_, i) => `  - app-${i}.yaml\n`).join('')}`,
    };
    for (let i = 0; i < count; i++) {
      // replicas as a word is a schema error; colour is a field Deployment does not have (a warning).
      files[`base/app-${i}.yaml`] =
        `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app-${i}\nspec:\n  replicas: two\n  colour: blue\n  selector:\n    matchLabels: { app: app-${i} }\n  template:\n    metadata:\n      labels: { app: app-${i} }\n    spec:\n      containers:\n        - name: app\n          image: ghcr.io/acme/app-${i}:1.0.0\n`;
    }
    for (const env of environments)
      files[`envs/${env}/kustomization.yaml`] = `namespace: acme-${env}\nresources:\n  - ../../base\n`;
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, 'config', file)), { recursive: true });
      writeFileSync(path.join(dir, 'config', file), text);
    }
    return dir;
  }

  test('dozens of findings in a shared base: at most 10 of each level, once per place; the summary lists all', async () => {
    const result = await runAction('validate', { path: 'config' }, { workspace: manyFindings(15) });
    expect(result.exitCode).toBe(1);
    // Nine findings and the step's failure make GitHub's ten errors.
    const located = result.annotations.filter((a) => a.file !== undefined);
    expect(result.annotations.filter((a) => a.level === 'error')).toHaveLength(10);
    expect(located.filter((a) => a.level === 'error')).toHaveLength(9);
    expect(located.filter((a) => a.level === 'warning')).toHaveLength(10);
    // Per base file, one schema error and three warnings (unknown field, no probes, no resources), in each of
    // three environments; and app-0 in none of each environment's files.
    expect(result.annotations.find((a) => a.file === undefined)?.message).toBe(
      'gitops validate: 48 errors, 135 warnings',
    );
    // Each finding once per place, naming every environment the base reaches.
    const places = located.map((a) => `${a.file}:${a.line} ${a.title}`);
    expect(new Set(places).size).toBe(places.length);
    for (const annotation of located) {
      expect(annotation.file).toMatch(/^config\/base\/app-\d+\.yaml$/);
      expect(annotation.title).toMatch(/\(dev, staging, prod\)$/);
    }
    // The counts stay per environment.
    expect(result.outputs).toMatchObject({ errors: '48', warnings: '135' });
    expect(result.summary).toContain(
      "GitHub shows 10 error and 10 warning annotations per step (the step's own failure is one of them): 9 errors and 35 warnings were not annotated. All 63 are here, once per place.",
    );
    const rows = result.summary.split('\n').filter((line) => /^\| (❌|⚠️) \| `config\/base\/app-/.test(line));
    expect(rows).toHaveLength(60);
    expect(result.summary).toContain(
      '| ❌ | `config/envs/prod` | target (prod) | app app-0: ghcr.io/acme/app-0 is in none',
    );
    expect(result.stdout).toContain(
      'Not annotated (GitHub shows 10 of each level per step): 9 error(s), 35 warning(s)',
    );
  });
});
