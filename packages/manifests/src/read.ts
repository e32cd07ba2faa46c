// Reads the reference an app runs from all of its places; places that disagree are an error naming each.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { formatImageRef, type ImageRef } from '@gitops/image-ref';
import { environmentImageSites } from './discover-sites';
import { type ImagePart, sameName } from './image-value';
import type { AppMatcher, ImageSite } from './place';
import { ManifestError } from './problems';
import { type FileCache, placesInFolder, placesInTarget, type Targets } from './targets';

export interface ImageReading {
  /** Undefined when the app is in none of the places looked at. */
  readonly image: ImageRef | undefined;
  readonly sites: readonly ImageSite[];
}

const covers: Record<ImagePart, readonly ('name' | 'tag' | 'digest')[]> = {
  reference: ['name', 'tag', 'digest'],
  name: ['name'],
  tag: ['tag'],
  digest: ['digest'],
  'tag@digest': ['tag', 'digest'],
};

export function sitesOf(cache: FileCache, targets: Targets, matcher: AppMatcher): ImageSite[] {
  if ('search' in targets) {
    return placesInFolder(cache, targets.search, matcher).flatMap(({ places }) =>
      places.flatMap((place) => (place.site ? [place.site] : [])),
    );
  }
  const own = targets.files.flatMap((target) =>
    placesInTarget(cache.get(target.file), target, matcher).flatMap((place) => (place.site ? [place.site] : [])),
  );
  if (own.length > 0 || targets.inherit === undefined || !existsSync(path.join(cache.root, targets.inherit)))
    return own;
  return environmentImageSites(cache.root, targets.inherit, cache).sites.filter((site) =>
    matcher.names.some((name) => sameName(site.name, name)),
  );
}

export function readImage(cache: FileCache, targets: Targets, matcher: AppMatcher): ImageReading {
  const sites = sitesOf(cache, targets, matcher);
  return { image: mergeSites(sites, matcher), sites };
}

/** One reference from every site; each part (name, tag, digest) must agree where it is written. */
export function mergeSites(sites: readonly ImageSite[], matcher: AppMatcher): ImageRef | undefined {
  if (sites.length === 0) return undefined;
  const values = {
    name: new Map<string, ImageSite[]>(),
    tag: new Map<string, ImageSite[]>(),
    digest: new Map<string, ImageSite[]>(),
  };
  for (const site of sites) {
    for (const part of covers[site.part]) {
      const value =
        part === 'name' ? (site.image.name ? formatImageRef(site.image.name) : '') : (site.image[part] ?? '');
      if (part === 'name' && value === '') continue;
      values[part].set(value, [...(values[part].get(value) ?? []), site]);
    }
  }
  const conflicting = (['name', 'tag', 'digest'] as const).filter((part) => values[part].size > 1);
  if (conflicting.length) {
    // One problem per place that takes part in a conflict, in target order, saying what it holds.
    const involved = sites.filter((site) => conflicting.some((part) => covers[site.part].includes(part)));
    const parts = conflicting.join(' and ');
    throw new ManifestError(
      involved.map((site) => ({
        location: site.location,
        message: `the places of app "${matcher.app}" disagree on its ${parts}; this one has ${site.value || '(empty)'}`,
      })),
    );
  }
  const only = (part: 'tag' | 'digest') => {
    const [value] = values[part].keys();
    return value ? value : undefined;
  };
  const name = sites.find((site) => site.image.name)?.image.name ?? matcher.names[0];
  if (!name) return undefined;
  const tag = only('tag');
  const digest = only('digest');
  return {
    registry: name.registry,
    repository: name.repository,
    ...(tag ? { tag } : {}),
    ...(digest ? { digest } : {}),
  };
}

export { covers };
