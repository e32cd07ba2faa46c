// The compatibility corpus: peers' own test data (test/fixtures/peers/), run through the CLI bundle and the
// deploy bundle, compared with what the peer expects: byte for byte where the peer keeps bytes, after parsing
// where it rewrites the whole file.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { familiarName, parseImageRef, resolveImageUpdate } from '@gitops/image-ref';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { seedConfigRepository, show } from './support/config-repo';
import {
  commandAvailable,
  type GitDaemon,
  projectRoot,
  requireService,
  runAction,
  startGitDaemon,
} from './support/index';

const corpus = path.join(projectRoot, 'test/fixtures/peers');

interface KustomizeCase {
  name: string;
  kustomize: string;
  image: string;
  to: string;
  before: string;
  after: Record<string, string>[];
}

interface FluxCase {
  name: string;
  file: string;
  marker: string;
  image: string;
  to: string;
  compare: 'bytes' | 'parsed';
  unchanged?: boolean;
  before: string;
  after?: string;
}

const kustomizeCases = (
  parse(readFileSync(path.join(corpus, 'kustomize-edit-set-image.yaml'), 'utf8')) as {
    cases: KustomizeCase[];
  }
).cases;
const fluxCases = (parse(readFileSync(path.join(corpus, 'flux-setters.yaml'), 'utf8')) as { cases: FluxCase[] }).cases;

/** What kustomize starts from when the case gives no images: a kustomization with one resource. */
const kustomizationHead = 'resources:\n- deployment.yaml\n';

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'gitops-peers-'));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

/** The `images:` entries, by name: kustomize sorts them and its fields; we keep the file's order. */
function imagesOf(text: string): Record<string, string>[] {
  const data = (parse(text) ?? {}) as { images?: Record<string, string>[] };
  return [...(data.images ?? [])].sort((a, b) => String(a.name).localeCompare(String(b.name)));
}

/** Everything but `images:`, which must keep its bytes: the part before `images:` is compared as text. */
function restOf(text: string): string {
  const at = text.indexOf('images:');
  return at === -1 ? text : text.slice(0, at);
}

function expectFluxResult(c: FluxCase, text: string): void {
  if (c.unchanged || c.compare === 'bytes') {
    expect(text).toBe(c.unchanged ? c.before : c.after);
    return;
  }
  const docs = (source: string) => parseAllDocuments(source).map((document) => document.toJS());
  expect(docs(text)).toEqual(docs(c.after ?? ''));
  // We keep what Flux re-indents: the only changed lines are the values.
  const changed = text.split('\n').filter((line, i) => line !== c.before.split('\n')[i]);
  expect(changed.every((line) => /\$imagepolicy/.test(line))).toBe(true);
}

const gitops = (...args: string[]) => runAction('cli', {}, { args });

describe('kustomize edit set image, through gitops set-image', () => {
  test.each(kustomizeCases)('$name ($kustomize)', async (c) => {
    const before = `${kustomizationHead}${c.before}`;
    const dir = folder({ 'kustomization.yaml': before });
    const result = await gitops('set-image', path.join(dir, 'kustomization.yaml'), '--image', c.image, '--to', c.to);
    expect(result.exitCode, result.stderr).toBe(0);
    const after = readFileSync(path.join(dir, 'kustomization.yaml'), 'utf8');
    expect(imagesOf(after)).toEqual(c.after);
    expect(restOf(after)).toBe(restOf(before));
  });
});

describe('Flux setters, through gitops set-image', () => {
  test.each(fluxCases)('$name', async (c) => {
    const dir = folder({ [c.file]: c.before });
    const result = await gitops(
      'set-image',
      path.join(dir, c.file),
      '--image',
      c.image,
      '--marker',
      c.marker,
      '--to',
      c.to,
    );
    // A file with nothing of the policy is "nothing matched" (exit 1, naming it), and stays as it was.
    expect(result.exitCode, result.stderr).toBe(c.unchanged ? 1 : 0);
    expectFluxResult(c, readFileSync(path.join(dir, c.file), 'utf8'));
  });

  test('all four files at once: only the marked values change, in every file', async () => {
    const dir = folder(Object.fromEntries(fluxCases.map((c) => [c.file, c.before])));
    const [first] = fluxCases;
    const files = fluxCases.map((c) => path.join(dir, c.file));
    const result = await gitops(
      'set-image',
      ...files,
      '--image',
      'image',
      '--marker',
      'automation-ns:policy',
      '--to',
      first?.to ?? '',
    );
    expect(result.exitCode, result.stderr).toBe(0);
    for (const c of fluxCases) expectFluxResult(c, readFileSync(path.join(dir, c.file), 'utf8'));
  });
});

describe('the same cases through the deploy bundle', () => {
  let daemon: GitDaemon;
  beforeAll(async () => {
    requireService('git', () => commandAvailable('git'));
    daemon = await startGitDaemon();
  });
  afterAll(async () => daemon?.stop());

  let count = 0;
  /** A config repository whose one app's target is the case's file; deploys `to` to dev. */
  async function deployCase(file: string, text: string, image: string, to: string, policy?: string) {
    const name = `peer-${++count}`;
    // The environment's image is the name `to` gives (kustomize's newName), when it gives one.
    const toName = familiarName(resolveImageUpdate(to, parseImageRef(image)));
    const app: Record<string, unknown> = { image, targets: [{ file: `envs/dev/${file}` }] };
    if (toName !== image) app.environments = { dev: { image: toName } };
    if (policy) app['image-policy'] = policy;
    const config = { environments: { dev: { path: 'envs/dev', 'require-digest': false } }, apps: { web: app } };
    const bare = seedConfigRepository(daemon, name, {
      'gitops.yaml': `${JSON.stringify(config, null, 2)}\n`,
      [`envs/dev/${file}`]: text,
    });
    const result = await runAction(
      'deploy',
      { repository: daemon.url(name), environment: 'dev', app: 'web', image: to },
      { token: 'ghs_peerstoken01234567' },
    );
    return { result, text: () => show(bare, 'main', `envs/dev/${file}`) };
  }

  test.each(kustomizeCases)('kustomize: $name', async (c) => {
    const before = `${kustomizationHead}${c.before}`;
    const { result, text } = await deployCase('kustomization.yaml', before, c.image, c.to);
    expect(result.exitCode, result.annotations.map((a) => a.message).join('\n')).toBe(0);
    expect(imagesOf(text())).toEqual(c.after);
    expect(restOf(text())).toBe(restOf(before));
  });

  test.each(fluxCases)('Flux: $name', async (c) => {
    const { result, text } = await deployCase(c.file, c.before, c.image, c.to, c.marker);
    // Nothing of the policy in the file: the deploy fails naming it, and nothing is pushed.
    expect(result.exitCode, result.annotations.map((a) => a.message).join('\n')).toBe(c.unchanged ? 1 : 0);
    expectFluxResult(c, text());
  });
});
