import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { ConfigCheckout, resolveRemote } from '../src/index';

const identity = {
  GIT_AUTHOR_NAME: 'Seed',
  GIT_AUTHOR_EMAIL: 'seed@invalid',
  GIT_COMMITTER_NAME: 'Seed',
  GIT_COMMITTER_EMAIL: 'seed@invalid',
};
const git = (args: string[], cwd: string) =>
  execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, ...identity } });

let root: string;
let bare: string;
beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'gitops-checkout-'));
  const seed = path.join(root, 'seed');
  git(['init', '-q', '--initial-branch=main', seed], root);
  writeFileSync(path.join(seed, 'gitops.yaml'), 'environments: {}\n');
  writeFileSync(path.join(seed, 'a.yaml'), 'a: 1\n');
  writeFileSync(path.join(seed, 'run.sh'), '#!/bin/sh\n');
  chmodSync(path.join(seed, 'run.sh'), 0o755);
  git(['add', '.'], seed);
  git(['commit', '-qm', 'seed'], seed);
  bare = path.join(root, 'config.git');
  git(['clone', '-q', '--bare', seed, bare], root);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

async function cloneIt(): Promise<ConfigCheckout> {
  const checkout = await ConfigCheckout.clone(
    resolveRemote(bare, 'https://github.com', undefined),
    path.join(root, 'c'),
  );
  await checkout.include(['a.yaml', 'run.sh']);
  return checkout;
}

describe('appendCommits', () => {
  test('adds commits on HEAD in order, each with its own author and message, keeping file modes', async () => {
    const checkout = await cloneIt();
    const base = await checkout.head();
    const committer = { name: 'gitops', email: 'gitops@localhost' };
    const shas = await checkout.appendCommits([
      {
        message: 'first ← one\n\nGitops-Change: 1\n',
        author: { name: 'Ann', email: 'ann@invalid', date: '2026-11-20T10:00:00+02:00' },
        committer,
        files: [{ path: 'a.yaml', content: 'a: 2\n' }],
      },
      {
        message: 'second\n',
        author: { name: 'Bob', email: 'bob@invalid' },
        committer,
        files: [
          { path: 'a.yaml', content: 'a: 3\n' },
          { path: 'run.sh', content: '#!/bin/sh\necho hi\n' },
        ],
      },
    ]);
    expect(shas).toHaveLength(2);
    expect(await checkout.head()).toBe(shas[1]);
    const log = git(['log', '--format=%H|%P|%an|%aI|%cn|%s', '-3'], checkout.dir).trim().split('\n');
    expect(log[0]).toBe(`${shas[1]}|${shas[0]}|Bob|${log[0]?.split('|')[3]}|gitops|second`);
    expect(log[1]).toBe(`${shas[0]}|${base}|Ann|2026-11-20T10:00:00+02:00|gitops|first ← one`);
    expect(git(['show', `${shas[0]}:a.yaml`], checkout.dir)).toBe('a: 2\n');
    expect(git(['show', `${shas[1]}:a.yaml`], checkout.dir)).toBe('a: 3\n');
    expect(git(['ls-tree', shas[1] as string, 'run.sh'], checkout.dir)).toMatch(/^100755 blob /);
    expect(git(['show', `${shas[0]}`, '--format=%B', '--no-patch'], checkout.dir)).toContain('Gitops-Change: 1');
  });

  test('refuses a file the tree does not hold, and changes nothing', async () => {
    const checkout = await cloneIt();
    const base = await checkout.head();
    await expect(
      checkout.appendCommits([
        {
          message: 'new\n',
          author: { name: 'Ann', email: 'ann@invalid' },
          committer: { name: 'gitops', email: 'gitops@localhost' },
          files: [{ path: 'new.yaml', content: 'x\n' }],
        },
      ]),
    ).rejects.toThrowError(/new\.yaml is not a regular file tracked at HEAD/);
    expect(await checkout.head()).toBe(base);
  });
});

describe('push with refs removed in the same atomic push', () => {
  test('a pending ref someone else removed first does not stop the push', async () => {
    const checkout = await cloneIt();
    const loose = await checkout.looseCommit('pending\n', {
      name: 'A',
      email: 'a@invalid',
      date: '2026-11-20T10:00:00Z',
    });
    expect(await checkout.publish(loose, 'refs/gitops/pending/main/x')).toEqual({ published: true });
    await checkout.refresh({ refs: 'refs/gitops/pending/main/' });
    expect(git(['for-each-ref', '--format=%(refname)', 'refs/gitops/'], checkout.dir).trim()).toBe(
      'refs/gitops/pending/main/x',
    );
    // Someone else removes it; our push still names it.
    git(['update-ref', '-d', 'refs/gitops/pending/main/x'], bare);
    writeFileSync(path.join(checkout.dir, 'a.yaml'), 'a: 9\n');
    await checkout.commit('ours\n', { name: 'gitops', email: 'gitops@localhost' });
    const outcome = await checkout.push('main', { atomic: true, also: [':refs/gitops/pending/main/x'] });
    expect(outcome).toBe('pushed');
    expect(git(['rev-parse', 'main'], bare).trim()).toBe(await checkout.head());
    // The next look forgets the ref.
    await checkout.refresh({ refs: 'refs/gitops/pending/main/' });
    expect(git(['for-each-ref', 'refs/gitops/'], checkout.dir).trim()).toBe('');
  });
});
