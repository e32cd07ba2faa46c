// Bundles every action (top-level folders with action.yml) and the CLI into dist/<name>/ with ncc.
// ESM bundles (@actions/core 3 is ESM-only), each with a package.json saying so beside it.
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import ncc from '@vercel/ncc';

const root = path.resolve(import.meta.dirname, '..');
const dist = path.join(root, 'dist');

/** name → entry file. Actions: every top-level folder with an action.yml; its code is actions/<name>/src/main.ts. */
function entries() {
  const found = { cli: path.join(root, 'packages/cli/src/bin.ts') };
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    if (!entry.isDirectory() || !existsSync(path.join(root, entry.name, 'action.yml'))) continue;
    const main = path.join(root, 'actions', entry.name, 'src', 'main.ts');
    if (!existsSync(main))
      throw new Error(`${entry.name}/action.yml has no code: expected ${path.relative(root, main)}`);
    found[entry.name] = main;
  }
  return found;
}

async function bundle(name, entry) {
  const { code, assets } = await ncc(entry, {
    quiet: true,
    minify: false,
    sourceMap: false,
    license: 'licenses.txt',
    target: 'es2022',
    // Keeps the output the same on every machine: no absolute paths, no timestamps.
    assetBuilds: false,
  });
  const out = path.join(dist, name);
  mkdirSync(out, { recursive: true });
  writeFileSync(path.join(out, 'index.js'), code);
  if (name === 'cli') chmodSync(path.join(out, 'index.js'), 0o755); // the `gitops` bin
  for (const [file, asset] of Object.entries(assets ?? {})) {
    const target = path.join(out, file);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, asset.source);
  }
  writeFileSync(path.join(out, 'package.json'), `${JSON.stringify({ type: 'module' }, null, 2)}\n`);
  process.stdout.write(`dist/${name}/index.js  ${(code.length / 1024).toFixed(0)} KiB\n`);
}

// Each bundle is built in its own process, as many at once as there are cores: the validate bundle alone
// (every Kubernetes schema) takes a minute.
const only = process.argv.indexOf('--only');
if (only !== -1) {
  const name = process.argv[only + 1];
  await bundle(name, entries()[name]);
} else {
  rmSync(dist, { recursive: true, force: true });
  const queue = Object.keys(entries());
  const worker = async () => {
    for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
      const code = await new Promise((resolve) => {
        spawn(process.execPath, [import.meta.filename, '--only', name], { stdio: 'inherit' }).on('exit', resolve);
      });
      if (code !== 0) throw new Error(`bundling ${name} failed`);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(availableParallelism(), queue.length)) }, worker));
}
