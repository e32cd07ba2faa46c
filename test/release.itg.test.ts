// Releases and the CLI as users get them (docs/versioning.md): scripts/release.sh run on a clone of this
// repository, and the `gitops` CLI installed with npm from the tarball `npm pack` makes and from a git URL.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { commandAvailable, git, projectRoot, requireService } from './support/index';

const scratch: string[] = [];
function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  scratch.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

beforeAll(() => {
  requireService('git', () => commandAvailable('git'));
});

const version = (JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { version: string })
  .version;

describe('scripts/release.sh on a clone', () => {
  let clone: string;
  let published: string;

  /** Runs the release script of the clone; dist/ is checked by `check` (a full build is CI's check-dist). */
  function release(args: string[], check = 'true') {
    const result = spawnSync('bash', ['scripts/release.sh', ...args], {
      cwd: clone,
      encoding: 'utf8',
      env: { ...process.env, RELEASE_DIST_CHECK: check, GIT_CONFIG_NOSYSTEM: '1' },
      timeout: 120_000,
    });
    return { code: result.status, out: result.stdout, err: result.stderr };
  }
  /** Commits package.json (and, unless `readme` is false, the README's install example) at `next`, as a release commit does. */
  function bump(next: string, readme = true): void {
    const file = path.join(clone, 'package.json');
    const json = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    writeFileSync(file, `${JSON.stringify({ ...json, version: next }, null, 2)}\n`);
    const readmeFile = path.join(clone, 'README.md');
    if (readme)
      writeFileSync(
        readmeFile,
        readFileSync(readmeFile, 'utf8').replace(/gitops-cli-\d[\dA-Za-z.-]*\.tgz/, `gitops-cli-${next}.tgz`),
      );
    git(['commit', '--quiet', '--all', '--message', `release v${next}`], clone);
  }
  const tagged = (tag: string) => git(['rev-parse', `${tag}^{commit}`], clone).trim();

  beforeAll(() => {
    const root = tempDir('gitops-release-');
    clone = path.join(root, 'clone');
    git(['clone', '--quiet', '--no-hardlinks', projectRoot, clone], root);
    git(['config', 'user.name', 'Release Manager'], clone);
    git(['config', 'user.email', 'release@gitops.invalid'], clone);
    // Never the project itself: the clone publishes to a bare repository of its own.
    published = path.join(root, 'published.git');
    git(['init', '--quiet', '--bare', published], root);
    git(['remote', 'set-url', 'origin', published], clone);
  });

  test('refuses, with the reason, and tags nothing: bad version, dirty tree, another version, stale dist', () => {
    expect(release(['v1.2'])).toMatchObject({
      code: 1,
      err: 'release: "v1.2" is not a version X.Y.Z (without the v)\n',
    });
    expect(release([])).toMatchObject({
      code: 1,
      err: 'release: usage: scripts/release.sh X.Y.Z [--push] [--remote NAME]\n',
    });
    // A remote that git would read as an option (--receive-pack runs a command of the caller's choosing).
    expect(release([version, '--push', '--remote', '--receive-pack=touch pwned'])).toMatchObject({
      code: 1,
      err: `release: --remote "--receive-pack=touch pwned" starts with '-'; give a remote's name or URL\n`,
    });
    expect(release(['9.9.9'])).toMatchObject({
      code: 1,
      err: `release: package.json says version ${version}; set it to 9.9.9, run pnpm bundle, commit, then release\n`,
    });
    writeFileSync(path.join(clone, 'stray.txt'), 'not committed\n');
    const dirty = release([version]);
    expect(dirty.code).toBe(1);
    expect(dirty.err).toBe('release: the tree is not clean; commit or remove these first:\n?? stray.txt\n');
    rmSync(path.join(clone, 'stray.txt'));
    const stale = release([version], 'exit 1');
    expect(stale.code).toBe(1);
    expect(stale.err).toContain('release: dist/ is not what the sources build; run pnpm bundle and commit dist/');
    // A check that rebuilds dist/ differently leaves the tree changed: that is stale too.
    const rebuilt = release([version], 'echo changed >> dist/cli/licenses.txt');
    expect(rebuilt.code).toBe(1);
    expect(rebuilt.err).toContain(
      'release: checking dist/ changed the tree; run pnpm bundle and commit dist/:\n M dist/cli/licenses.txt',
    );
    git(['checkout', '--', 'dist'], clone);
    // The README's install example must name the tarball of the version released.
    bump('9.9.8', false);
    expect(release(['9.9.8'])).toMatchObject({
      code: 1,
      err: `release: README.md's install example says gitops-cli-${version}.tgz; set it to gitops-cli-9.9.8.tgz, commit, then release\n`,
    });
    git(['reset', '--quiet', '--hard', 'HEAD~1'], clone);
    expect(git(['tag', '-l'], clone).trim()).toBe('');
  });

  test('tags vX.Y.Z and moves vX; --push publishes both; the major tag never goes back', () => {
    bump('1.2.0');
    const first = release(['1.2.0', '--push']);
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    const head = git(['rev-parse', 'HEAD'], clone).trim();
    expect(tagged('v1.2.0')).toBe(head);
    expect(tagged('v1')).toBe(head);
    expect(git(['cat-file', '-t', 'v1.2.0'], clone).trim()).toBe('tag'); // annotated
    expect(first.out).toContain('release: pushed v1.2.0 and v1 to origin');
    expect(git(['rev-parse', 'v1.2.0^{commit}', 'v1^{commit}'], published).trim().split('\n')).toEqual([head, head]);

    bump('1.3.0');
    const second = release(['1.3.0']);
    expect(second.code).toBe(0);
    const newer = git(['rev-parse', 'HEAD'], clone).trim();
    expect(tagged('v1')).toBe(newer);
    // Without --push, the two commands that publish.
    expect(second.out).toContain(
      'release: to publish, run:\n  git push -- origin refs/tags/v1.3.0\n  git push --force -- origin refs/tags/v1\n',
    );

    // A patch of the older line: tagged, but v1 stays on the newest release.
    bump('1.2.1');
    const patch = release(['1.2.1']);
    expect(patch.code).toBe(0);
    expect(patch.out).toContain('release: v1.3.0 is newer than v1.2.1; v1 stays on v1.3.0');
    expect(tagged('v1')).toBe(newer);

    // A pre-release does not move (or make) its major tag; a release is never tagged twice.
    bump('2.0.0-rc.1');
    const candidate = release(['2.0.0-rc.1']);
    expect(candidate.code).toBe(0);
    expect(candidate.out).toContain('release: v2.0.0-rc.1 is a pre-release; v2 stays where it is');
    expect(git(['tag', '-l', 'v2'], clone).trim()).toBe('');
    const again = release(['2.0.0-rc.1']);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/^release: v2\.0\.0-rc\.1 exists already \(at [0-9a-f]+\); releases are never moved\n$/);
  });
});

describe('the gitops CLI installs with one npm command', () => {
  let npmEnv: NodeJS.ProcessEnv;
  beforeAll(() => {
    requireService('npm', () => commandAvailable('npm'));
    // A cache of its own, offline: nothing is fetched, and the user's cache is left alone.
    npmEnv = { ...process.env, npm_config_cache: tempDir('gitops-npm-cache-'), npm_config_offline: 'true' };
  });
  const npm = (args: string[], cwd: string) =>
    execFileSync('npm', [...args, '--no-audit', '--no-fund'], {
      cwd,
      env: npmEnv,
      encoding: 'utf8',
      timeout: 240_000,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  const gitops = (prefix: string, args: string[]) =>
    execFileSync(path.join(prefix, 'bin', 'gitops'), args, { encoding: 'utf8', timeout: 60_000 });

  test('from the tarball npm pack makes: gitops-cli-X.Y.Z.tgz, the CLI bundle only', () => {
    const packed = tempDir('gitops-pack-');
    // Whatever else lies in dist/cli (a stray file, a folder left by a tool) is not packed: the files are listed.
    const strays = [path.join(projectRoot, 'dist/cli/.env'), path.join(projectRoot, 'dist/cli/stray')];
    writeFileSync(strays[0] as string, 'TOKEN=not-for-npm\n');
    mkdirSync(strays[1] as string, { recursive: true });
    writeFileSync(path.join(strays[1] as string, 'notes.js'), '// not for npm\n');
    let name: string;
    try {
      name = npm(['pack', '--silent', '--pack-destination', packed], projectRoot).trim();
    } finally {
      for (const stray of strays) rmSync(stray, { recursive: true, force: true });
    }
    expect(name).toBe(`gitops-cli-${version}.tgz`);
    const files = execFileSync('tar', ['tzf', path.join(packed, name)], { encoding: 'utf8' }).split('\n');
    expect(files).toContain('package/dist/cli/index.js');
    expect(
      files.filter(
        (file) =>
          file &&
          !/^package\/(dist\/cli\/(\d+\.)?index\.js$|dist\/cli\/licenses\.txt$|dist\/cli\/package\.json$|README\.md$|LICENSE$|package\.json$)/.test(
            file,
          ),
      ),
    ).toEqual([]);
    const prefix = tempDir('gitops-global-');
    npm(['install', '--global', '--prefix', prefix, path.join(packed, name)], packed);
    expect(gitops(prefix, ['--version']).trim()).toBe(version);
    expect(gitops(prefix, ['--help'])).toMatch(/^ {2}deploy {2,}set apps' image/m);
  });

  test('from a git URL of the repository', () => {
    const hosted = path.join(tempDir('gitops-hosted-'), 'gitops.git');
    git(['clone', '--quiet', '--bare', '--depth', '1', `file://${projectRoot}`, hosted], tmpdir());
    const prefix = tempDir('gitops-global-');
    npm(['install', '--global', '--prefix', prefix, `git+file://${hosted}`], tmpdir());
    expect(gitops(prefix, ['--version']).trim()).toBe(version);
  }, 300_000);
});
