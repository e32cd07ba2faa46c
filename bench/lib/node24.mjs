// The Node the bundles run on in benchmarks: 24, as on GitHub's runners (scripts/node24.sh puts it here).
import { existsSync } from 'node:fs';
import * as path from 'node:path';

const node = path.resolve(import.meta.dirname, '..', '..', '.tmp', 'node24', 'bin', 'node');

export function bundleNode() {
  if (!existsSync(node)) throw new Error(`Node 24 for the bundles is missing at ${node}: run bash scripts/node24.sh`);
  return node;
}
