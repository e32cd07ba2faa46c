// gitops.yaml as a sparse checkout sees it: paths are checked against the git tree, not the disk.
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  ConfigError,
  configInsideRepository,
  conventionEnvironments,
  type GitopsConfig,
  parseConfig,
} from '@gitops/config';
import type { ConfigCheckout } from '@gitops/git';

export async function loadCheckoutConfig(checkout: ConfigCheckout, configFile: string): Promise<GitopsConfig> {
  configInsideRepository(checkout.dir, configFile);
  const directories = await checkout.treeDirectories();
  const file = path.join(checkout.dir, configFile);
  // The folders of the tree, not of the sparse working copy: a glob of clusters, the convention's envs/.
  const folders = (folder: string) =>
    [...directories]
      .filter((dir) => dir.startsWith(`${folder}/`) && !dir.slice(folder.length + 1).includes('/'))
      .map((dir) => dir.slice(folder.length + 1));
  if (existsSync(file)) {
    return parseConfig(readFileSync(file, 'utf8'), {
      root: checkout.dir,
      file: configFile,
      probe: (relative) => (directories.has(relative) ? 'directory' : 'missing'),
      folders,
    });
  }
  const environments = conventionEnvironments(checkout.dir, folders);
  if (!environments) {
    throw new ConfigError([
      {
        location: { file: configFile },
        key: '',
        message: `no ${configFile} in ${checkout.remote.display}, and no envs/ or environments/ folders to go by`,
      },
    ]);
  }
  return { root: checkout.dir, file: undefined, environments, apps: [], policies: {} };
}
