// Every place an image is written in what an environment renders: its folder and what its kustomizations reach
// (a base shared with other environments included), for `gitops init` to tell which files hold which image.
import { existsSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { findValuesImages } from './helm-values';
import { anyImage, type FoundSite, type ImageSite } from './place';
import { ManifestError, type ManifestProblem } from './problems';
import { environmentInputs } from './render/environment-inputs';
import { FileCache, placesInTarget, yamlFilesUnder } from './targets';

/** The image sites of an environment (files that cannot be read are skipped and returned as problems). */
export function environmentImageSites(
  root: string,
  folder: string,
  cache: FileCache = new FileCache(root),
): { sites: FoundSite[]; problems: ManifestProblem[] } {
  const inputs = environmentInputs(root, folder);
  const trees = inputs.unknown ? [folder] : [...new Set([folder, ...inputs.trees])].sort();
  const files = new Set<string>();
  for (const tree of trees) {
    const full = path.join(root, tree);
    if (!existsSync(full)) continue;
    if (statSync(full).isDirectory()) for (const file of yamlFilesUnder(root, tree)) files.add(file);
    else if (/\.ya?ml$|(^|\/)Kustomization$/.test(tree)) files.add(tree);
  }
  const sites: FoundSite[] = [];
  const problems: ManifestProblem[] = [];
  for (const file of [...files].sort()) {
    try {
      const parsed = cache.get(file, true);
      const places = placesInTarget(parsed, { file }, anyImage);
      for (const place of places) {
        const site = place.site;
        if (site?.image.name) sites.push({ ...site, name: site.image.name, policy: policyOf(cache.text(file), site) });
      }
      // Markers win, as they do when deploying; only a file without any is read as Helm values.
      if (places.length === 0) sites.push(...findValuesImages(parsed));
    } catch (error) {
      if (!(error instanceof ManifestError)) throw error;
      problems.push(...error.problems);
    }
  }
  return { sites, problems };
}

/** The policy of a Flux marker on the site's line (`# {"$imagepolicy": "ns:name[:tag]"}`). */
function policyOf(text: string, site: ImageSite): string | undefined {
  if (site.kind !== 'marker') return undefined;
  const line = text.split(/\r?\n/)[(site.location.line ?? 1) - 1] ?? '';
  const value = /\{\s*"\$imagepolicy"\s*:\s*"([^"]+)"\s*\}/.exec(line)?.[1];
  return value?.split(':').slice(0, 2).join(':');
}
