// The manifests engine with other people's files, through the CLI bundle and the deploy bundle: renamed images,
// markers, files without a final newline, bytes that are not UTF-8, file names with glob characters, a large
// unrelated file, symbolic links, paths anywhere, and every reference form a user pastes.
import { lstatSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { headOf, seedConfigRepository, show } from './support/config-repo';
import { commandAvailable, type GitDaemon, git, requireService, runAction, startGitDaemon } from './support/index';

const digest = `sha256:${'c'.repeat(64)}`;
const gitops = (...args: string[]) => runAction('cli', {}, { args });
/** `gitops set-image FILE --image ghcr.io/acme/web …`: most cases here change that one image. */
const setWebImage = (file: string, ...flags: string[]) =>
  gitops('set-image', file, '--image', 'ghcr.io/acme/web', ...flags);

function folder(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'gitops-dialects-'));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

const deployment = (image: string, comment = '') =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: ${image}${comment}`;

describe('renamed kustomize images', () => {
  const renamed = 'images:\n  - name: web-placeholder\n    newName: ghcr.io/acme/web\n    newTag: "1.0"\n';

  test('found by newName; a version changes newTag and digest only, name and newName bytes stay', async () => {
    const dir = folder({ 'kustomization.yaml': renamed });
    const result = await setWebImage(`${dir}/kustomization.yaml`, '--to', `2.0@${digest}`);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(readFileSync(`${dir}/kustomization.yaml`, 'utf8')).toBe(
      `images:\n  - name: web-placeholder\n    newName: ghcr.io/acme/web\n    newTag: "2.0"\n    digest: ${digest}\n`,
    );
  });

  test('found by its name too; another repository writes newName and keeps name', async () => {
    const dir = folder({ 'kustomization.yaml': renamed });
    const result = await gitops(
      'set-image',
      `${dir}/kustomization.yaml`,
      '--image',
      'web-placeholder',
      '--to',
      'registry.eu/acme/web:3',
    );
    expect(result.exitCode, result.stderr).toBe(0);
    expect(readFileSync(`${dir}/kustomization.yaml`, 'utf8')).toBe(
      'images:\n  - name: web-placeholder\n    newName: registry.eu/acme/web\n    newTag: "3"\n',
    );
  });

  test('a newName equal to name is left alone', async () => {
    const text = 'images:\n- name: ghcr.io/acme/web\n  newName: ghcr.io/acme/web\n  newTag: "1.0"\n';
    const dir = folder({ 'kustomization.yaml': text });
    const result = await setWebImage(`${dir}/kustomization.yaml`, '--to', '1.1');
    expect(result.exitCode, result.stderr).toBe(0);
    expect(readFileSync(`${dir}/kustomization.yaml`, 'utf8')).toBe(text.replace('"1.0"', '"1.1"'));
  });
});

describe('files without a final newline', () => {
  test.each([
    [
      'kustomization: add digest',
      'kustomization.yaml',
      'images:\n- name: ghcr.io/acme/web\n  newTag: "1.0"',
      `2.0@${digest}`,
    ],
    [
      'kustomization: remove digest',
      'kustomization.yaml',
      `images:\n- name: ghcr.io/acme/web\n  newTag: "1.0"\n  digest: ${digest}`,
      '2.0',
    ],
    ['kustomization: add images', 'kustomization.yaml', 'resources:\n- deployment.yaml', '2.0'],
    [
      'kustomization: flow entry',
      'kustomization.yaml',
      'images: [{name: ghcr.io/acme/web, newTag: "1.0"}]',
      `2.0@${digest}`,
    ],
    [
      'kustomization: remove newName and digest, add newTag at the end',
      'kustomization.yaml',
      `images:\n- name: ghcr.io/acme/web\n  newName: other.io/acme/web\n  digest: ${digest}`,
      '4.0',
    ],
    [
      'kustomization: the same, indented list',
      'kustomization.yaml',
      `images:\n  - name: ghcr.io/acme/web\n    newName: other.io/acme/web\n    digest: ${digest}`,
      '4.0',
    ],
    ['tabs in comments', 'deployment.yaml', deployment('ghcr.io/acme/web:1.0', '\t# pinned\tby CI'), '2.0'],
    ['workload', 'deployment.yaml', deployment('ghcr.io/acme/web:1.0'), `2.0@${digest}`],
    ['marker', 'deployment.yaml', deployment('ghcr.io/acme/web:1.0', ' # {"$imagepolicy": "flux-system:web"}'), '2.0'],
    ['CRLF', 'kustomization.yaml', 'images:\r\n- name: ghcr.io/acme/web\r\n  newTag: "1.0"', `2.0@${digest}`],
    ['BOM', 'kustomization.yaml', '\uFEFFimages:\n- name: ghcr.io/acme/web\n  newTag: "1.0"', `2.0@${digest}`],
  ])('%s', async (_name, file, text, to) => {
    const dir = folder({ [file]: text });
    const result = await setWebImage(`${dir}/${file}`, '--to', to);
    expect(result.exitCode, result.stderr).toBe(0);
    const after = readFileSync(`${dir}/${file}`, 'utf8');
    expect(after).toContain(to.replace(/@.*/, ''));
    expect(after.startsWith('\uFEFF')).toBe(text.startsWith('\uFEFF'));
    expect(after.includes('\r\n')).toBe(text.includes('\r\n'));
    expect(after.endsWith('\n')).toBe(false);
  });
});

describe('bytes are bytes', () => {
  test('a Latin-1 target is refused naming the file and line, and nothing is written', async () => {
    // "# résumé" saved as Latin-1: é is the single byte 0xe9.
    const latin1 = Buffer.from('images:\n# r\u00e9sum\u00e9\n- name: ghcr.io/acme/web\n  newTag: "1.0"\n', 'latin1');
    const dir = folder({ 'kustomization.yaml': latin1 });
    const result = await setWebImage(`${dir}/kustomization.yaml`, '--to', '2.0');
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain(
      `${dir}/kustomization.yaml:2: not valid UTF-8; save the file as UTF-8 (nothing was written)`,
    );
    expect(readFileSync(`${dir}/kustomization.yaml`).equals(latin1)).toBe(true);
  });
});

describe('paths', () => {
  test('set-image works on files anywhere: absolute, relative, outside any git repository', async () => {
    const dir = folder({ 'a/deployment.yaml': deployment('ghcr.io/acme/web:1.0\n') });
    const absolute = await gitops(
      'set-image',
      path.join(dir, 'a/deployment.yaml'),
      '--image',
      'ghcr.io/acme/web',
      '--to',
      '2.0',
    );
    expect(absolute.exitCode, absolute.stderr).toBe(0);
    expect(absolute.stdout).toContain(`updated ${path.join(dir, 'a/deployment.yaml')}`);
    mkdirSync(path.join(dir, 'b'));
    const relative = await runAction(
      'cli',
      {},
      {
        args: ['set-image', '../a/deployment.yaml', '--image', 'ghcr.io/acme/web', '--to', '3.0'],
        workspace: path.join(dir, 'b'),
      },
    );
    expect(relative.exitCode, relative.stderr).toBe(0);
    expect(relative.stdout).toContain('updated ../a/deployment.yaml');
    expect(readFileSync(path.join(dir, 'a/deployment.yaml'), 'utf8')).toContain('image: ghcr.io/acme/web:3.0\n');
  });

  test('a target that is a symbolic link: the file it points to is edited, the link stays a link', async () => {
    const dir = folder({ 'base/deployment.yaml': deployment('ghcr.io/acme/web:1.0\n') });
    symlinkSync('../base/deployment.yaml', path.join(dir, 'link.yaml'));
    mkdirSync(path.join(dir, 'env'));
    symlinkSync('../base/deployment.yaml', path.join(dir, 'env/deployment.yaml'));
    const result = await gitops(
      'set-image',
      path.join(dir, 'env/deployment.yaml'),
      '--image',
      'ghcr.io/acme/web',
      '--to',
      '2.0',
    );
    expect(result.exitCode, result.stderr).toBe(0);
    expect(lstatSync(path.join(dir, 'env/deployment.yaml')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(path.join(dir, 'env/deployment.yaml'))).toBe('../base/deployment.yaml');
    expect(readFileSync(path.join(dir, 'base/deployment.yaml'), 'utf8')).toContain('ghcr.io/acme/web:2.0');
  });
});

describe('markers of another policy', () => {
  test("a path target whose value carries another policy's marker is not changed, and says why", async () => {
    const text = 'web:\n  image:\n    tag: "1.0" # {"$imagepolicy": "flux-system:api"}\n';
    const dir = folder({ 'values.yaml': text });
    const result = await setWebImage(
      `${dir}/values.yaml`,
      '--marker',
      'flux-system:web',
      '--to',
      '2.0',
      '--path',
      'web.image.tag',
      '--write',
      'tag',
    );
    expect(result.exitCode).toBe(2);
    const plain = await setWebImage(`${dir}/values.yaml`, '--to', '2.0', '--path', 'web.image.tag', '--write', 'tag');
    expect(plain.exitCode).toBe(1);
    expect(plain.stderr).toContain(
      `${dir}/values.yaml:3:10: the value at web.image.tag carries the setter marker of policy "flux-system:api", not this app's; it is not changed`,
    );
    expect(readFileSync(`${dir}/values.yaml`, 'utf8')).toBe(text);
  });

  test('--marker with a gitops:image app: only its marked values change, no fallback', async () => {
    const text = `${deployment('ghcr.io/acme/web:1.0 # gitops:image web\n')}        - name: sidecar\n          image: ghcr.io/acme/web:1.0 # the same image, unmarked\n`;
    const dir = folder({ 'deployment.yaml': text, 'other.yaml': deployment('ghcr.io/acme/web:1.0\n') });
    const result = await gitops(
      'set-image',
      `${dir}/deployment.yaml`,
      `${dir}/other.yaml`,
      '--image',
      'ghcr.io/acme/web',
      '--marker',
      'web',
      '--to',
      '2.0',
    );
    expect(result.exitCode, result.stderr).toBe(0);
    expect(readFileSync(`${dir}/deployment.yaml`, 'utf8')).toBe(text.replace('web:1.0 # gitops', 'web:2.0 # gitops'));
    expect(readFileSync(`${dir}/other.yaml`, 'utf8')).toBe(deployment('ghcr.io/acme/web:1.0\n'));
  });
});

describe('YAML path targets create what is missing', () => {
  test("missing keys become nested mappings in the file's own indentation", async () => {
    const text = '# values\nreplicaCount: 1\nweb:\n    service:\n        port: 80\n';
    const dir = folder({ 'values.yaml': text });
    const result = await setWebImage(`${dir}/values.yaml`, '--to', '1.20', '--path', 'web.image.tag', '--write', 'tag');
    expect(result.exitCode, result.stderr).toBe(0);
    expect(readFileSync(`${dir}/values.yaml`, 'utf8')).toBe(`${text}    image:\n        tag: "1.20"\n`);
  });

  test('an empty flow mapping (image: {}) becomes the block mapping of the keys, as Argo CD Image Updater writes it', async () => {
    const text = 'web:\n  replicas: 2\n  image: {}\n  service:\n    port: 80\n';
    const dir = folder({ 'values.yaml': text });
    const result = await setWebImage(`${dir}/values.yaml`, '--to', '1.20', '--path', 'web.image.tag', '--write', 'tag');
    expect(result.exitCode, result.stderr).toBe(0);
    expect(readFileSync(`${dir}/values.yaml`, 'utf8')).toBe(
      'web:\n  replicas: 2\n  image:\n    tag: "1.20"\n  service:\n    port: 80\n',
    );
  });

  test.each([
    [
      'a list in the way',
      'web:\n  image: [1, 2]\n',
      'values.yaml:2:10: target not found: path web.image.tag: web.image is not a mapping',
    ],
    [
      'a scalar in the way',
      'web:\n  image: nginx\n',
      'values.yaml:2:10: target not found: path web.image.tag: web.image is not a mapping',
    ],
    [
      'a flow mapping',
      'web: {a: 1}\n',
      'values.yaml:1:6: cannot create web.image.tag inside a flow mapping; write the keys out',
    ],
  ])('%s is an error naming file:line, nothing written', async (_name, text, message) => {
    const dir = folder({ 'values.yaml': text });
    const result = await setWebImage(`${dir}/values.yaml`, '--to', '1.2', '--path', 'web.image.tag', '--write', 'tag');
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain(`${dir}/${message}`);
    expect(readFileSync(`${dir}/values.yaml`, 'utf8')).toBe(text);
  });
});

describe('reference grammar', () => {
  test.each([
    ['2.0', 'ghcr.io/acme/web:2.0'],
    [':2.0', 'ghcr.io/acme/web:2.0'],
    [`@${digest}`, `ghcr.io/acme/web@${digest}`],
    [digest, `ghcr.io/acme/web@${digest}`],
    [`2.0@${digest}`, `ghcr.io/acme/web:2.0@${digest}`],
    [`:stable@${digest}`, `ghcr.io/acme/web:stable@${digest}`],
    ['ghcr.io/acme/web:2.0', 'ghcr.io/acme/web:2.0'],
    [`ghcr.io/acme/web@${digest}`, `ghcr.io/acme/web@${digest}`],
    [`ghcr.io/acme/web:2.0@${digest}`, `ghcr.io/acme/web:2.0@${digest}`],
  ])('--to %s', async (to, written) => {
    const dir = folder({ 'deployment.yaml': deployment('ghcr.io/acme/web:1.0\n') });
    const result = await setWebImage(`${dir}/deployment.yaml`, '--to', to);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(readFileSync(`${dir}/deployment.yaml`, 'utf8')).toContain(`image: ${written}\n`);
  });
});

describe('through the deploy bundle', () => {
  let daemon: GitDaemon;
  beforeAll(async () => {
    requireService('git', () => commandAvailable('git'));
    daemon = await startGitDaemon();
  });
  afterAll(async () => daemon?.stop());

  const config = (targets: string[]) =>
    `environments:\n  dev:\n    path: envs/dev\n    require-digest: false\napps:\n  web:\n    image: ghcr.io/acme/web\n    targets:\n${targets.map((file) => `      - file: ${JSON.stringify(file)}\n`).join('')}`;

  test('target names with glob characters and trailing blanks are names, not patterns', async () => {
    const names = ['envs/dev/web[blue].yaml', 'envs/dev/star*.yaml', 'envs/dev/what?.yaml', 'envs/dev/#1 !.yaml'];
    const bare = seedConfigRepository(daemon, 'globs', {
      'gitops.yaml': config(names),
      // Files a pattern reading would also match: they must stay as they are.
      'envs/dev/webb.yaml': deployment('ghcr.io/acme/web:1.0\n'),
      'envs/dev/starry.yaml': deployment('ghcr.io/acme/web:1.0\n'),
      ...Object.fromEntries(names.map((name) => [name, deployment('ghcr.io/acme/web:1.0\n')])),
    });
    const result = await runAction(
      'deploy',
      { repository: daemon.url('globs'), environment: 'dev', app: 'web', image: '2.0' },
      { token: 'ghs_globtoken0123456789' },
    );
    expect(result.exitCode, result.annotations.map((a) => a.message).join('\n')).toBe(0);
    for (const name of names) expect(show(bare, 'main', name)).toContain('ghcr.io/acme/web:2.0');
    expect(show(bare, 'main', 'envs/dev/webb.yaml')).toContain('ghcr.io/acme/web:1.0');
    expect(show(bare, 'main', 'envs/dev/starry.yaml')).toContain('ghcr.io/acme/web:1.0');
  });

  test('a symlinked target: the link target is checked out and edited, the link stays', async () => {
    const bare = seedConfigRepository(daemon, 'linked', {
      'gitops.yaml': config(['envs/dev/deployment.yaml']),
      'base/deployment.yaml': deployment('ghcr.io/acme/web:1.0\n'),
      'envs/dev/.keep': '',
    });
    const work = mkdtempSync(path.join(tmpdir(), 'gitops-linked-'));
    git(['clone', '--quiet', bare, work], work);
    symlinkSync('../../base/deployment.yaml', path.join(work, 'envs/dev/deployment.yaml'));
    git(['add', '-A'], work);
    git(['commit', '--quiet', '-m', 'link'], work);
    git(['push', '--quiet', 'origin', 'HEAD:main'], work);
    const result = await runAction(
      'deploy',
      { repository: daemon.url('linked'), environment: 'dev', app: 'web', image: '2.0' },
      { token: 'ghs_linktoken0123456789' },
    );
    expect(result.exitCode, result.annotations.map((a) => a.message).join('\n')).toBe(0);
    expect(show(bare, 'main', 'base/deployment.yaml')).toContain('ghcr.io/acme/web:2.0');
    expect(show(bare, 'main', 'envs/dev/deployment.yaml')).toBe('../../base/deployment.yaml');
  });

  test('deploy takes the digest as build-push-action prints it (a bare sha256:…)', async () => {
    const bare = seedConfigRepository(daemon, 'bare-digest', {
      'gitops.yaml': config(['envs/dev/deployment.yaml']),
      'envs/dev/deployment.yaml': deployment('ghcr.io/acme/web:1.0\n'),
    });
    const result = await runAction(
      'deploy',
      { repository: daemon.url('bare-digest'), environment: 'dev', app: 'web', image: digest },
      { token: 'ghs_digesttoken0123456' },
    );
    expect(result.exitCode, result.annotations.map((a) => a.message).join('\n')).toBe(0);
    expect(show(bare, 'main', 'envs/dev/deployment.yaml')).toContain(`image: ghcr.io/acme/web@${digest}\n`);
  });

  test('a path target creates its keys; with create: false a missing key is an error and nothing is pushed', async () => {
    const target = (create: string) =>
      `environments:\n  dev:\n    path: envs/dev\n    require-digest: false\napps:\n  web:\n    image: ghcr.io/acme/web\n    targets:\n      - file: envs/dev/values.yaml\n        path: web.image.tag\n        write: tag\n${create}`;
    const values = 'web:\n  replicas: 2\n';
    const made = seedConfigRepository(daemon, 'create', { 'gitops.yaml': target(''), 'envs/dev/values.yaml': values });
    const ok = await runAction(
      'deploy',
      { repository: daemon.url('create'), environment: 'dev', app: 'web', image: '2.0' },
      { token: 'ghs_createtoken0123456' },
    );
    expect(ok.exitCode, ok.annotations.map((a) => a.message).join('\n')).toBe(0);
    expect(show(made, 'main', 'envs/dev/values.yaml')).toBe(`${values}  image:\n    tag: "2.0"\n`);

    const strict = seedConfigRepository(daemon, 'no-create', {
      'gitops.yaml': target('        create: false\n'),
      'envs/dev/values.yaml': values,
    });
    const before = headOf(strict);
    const refused = await runAction(
      'deploy',
      { repository: daemon.url('no-create'), environment: 'dev', app: 'web', image: '2.0' },
      { token: 'ghs_createtoken0123456' },
    );
    expect(refused.exitCode).toBe(1);
    expect(refused.annotations.map((a) => a.message).join('\n')).toContain(
      'target not found: path web.image.tag: no key "image" in web',
    );
    expect(headOf(strict)).toBe(before);
  });

  test('search mode: a large unrelated file does not block the deploy', async () => {
    const crds = `# a CRD bundle\n${'x: y\n'.repeat(1_000_000)}`;
    const bare = seedConfigRepository(daemon, 'search', {
      'gitops.yaml':
        'environments:\n  dev:\n    path: envs/dev\n    require-digest: false\napps:\n  web:\n    image: ghcr.io/acme/web\n',
      'envs/dev/crds.yaml': crds,
      'envs/dev/deployment.yaml': deployment('ghcr.io/acme/web:1.0\n'),
    });
    const before = headOf(bare);
    const result = await runAction(
      'deploy',
      { repository: daemon.url('search'), environment: 'dev', app: 'web', image: '2.0' },
      { token: 'ghs_searchtoken012345' },
    );
    expect(result.exitCode, result.annotations.map((a) => a.message).join('\n')).toBe(0);
    expect(headOf(bare)).not.toBe(before);
    expect(show(bare, 'main', 'envs/dev/deployment.yaml')).toContain('ghcr.io/acme/web:2.0');
  });
});
