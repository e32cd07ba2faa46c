// The Node the bundles run on: 24, as action.yml declares (runs.using: node24) and GitHub's runners run them,
// whatever node runs the tests themselves. scripts/node24.sh (run by scripts/setup.sh) puts it in .tmp/node24.
import { existsSync } from 'node:fs';
import * as path from 'node:path';

const projectRoot = path.resolve(import.meta.dirname, '..', '..');
export const bundleNodePath = path.join(projectRoot, '.tmp', 'node24', 'bin', 'node');

export function bundleNode(): string {
  if (!existsSync(bundleNodePath))
    throw new Error(`Node 24 for the bundles is missing at ${bundleNodePath}: run bash scripts/node24.sh`);
  return bundleNodePath;
}
