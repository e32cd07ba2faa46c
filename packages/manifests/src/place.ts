// A place in a file where an app's image (or a part of it) is written, and how to change it.
import type { ImageRef } from '@gitops/image-ref';
import type { SourceLocation } from '@gitops/log';
import type { ImagePart, PartialImage } from './image-value';
import type { TextEdit } from './text-edit';

export type PlaceKind = 'kustomize' | 'path' | 'manifest' | 'marker';

export interface ImageSite {
  readonly location: SourceLocation;
  readonly kind: PlaceKind;
  /** What the place holds; a kustomize entry holds a whole reference spread over fields. */
  readonly part: ImagePart;
  /** The value as written (for a kustomize entry, the reference its fields make). */
  readonly value: string;
  readonly image: PartialImage;
}

/** A site found without knowing the app (`gitops init`): the image's name, and how a target would reach it. */
export interface FoundSite extends ImageSite {
  readonly name: ImageRef;
  /** The Flux ImagePolicy (ns:name) of a setter marker, when the site is marked. */
  readonly policy?: string | undefined;
  /** For Helm values: the path and write mode a target needs (a file alone does not say where). */
  readonly path?: string | undefined;
  readonly write?: 'tag' | 'reference' | undefined;
  /** For a HelmRelease's values: its name, which an environment's patch of it names too. */
  readonly release?: string | undefined;
}

export interface Place {
  /** Undefined for a place that does not exist yet (a kustomize entry to add). */
  readonly site: ImageSite | undefined;
  edits(to: ImageRef): TextEdit[];
}

/** How an app shows up in files. */
export interface AppMatcher {
  readonly app: string;
  /** Image names the app is written as (its image, and an environment's override). */
  readonly names: readonly ImageRef[];
  /** Flux ImagePolicy `namespace:name` of the app; undefined: any policy named like the app. */
  readonly imagePolicy: string | undefined;
  /** Only values marked for the app change (a policy or marker app was given explicitly): no fallback. */
  readonly markersOnly?: boolean;
  /** Matches every image: used to discover apps when there is no gitops.yaml. */
  readonly any?: boolean;
}

/** Matches every image: discovers apps where no gitops.yaml names them, and every image an environment writes. */
export const anyImage: AppMatcher = { app: '', names: [], imagePolicy: undefined, any: true };

/**
 * The matcher for an image named on the command line (`gitops set-image`), with an optional marker: a Flux
 * ImagePolicy `namespace:name`, or an app name as `{"$imagepolicy": "…:app"}` markers give it. With a marker only
 * marked values change; without one, the app is the image's last path segment (`ghcr.io/acme/web` → `web`).
 */
export function namedImageMatcher(image: ImageRef, marker: string | undefined): AppMatcher {
  const policy = marker?.includes(':') ? marker : undefined;
  const app = marker !== undefined && !policy ? marker : image.repository.slice(image.repository.lastIndexOf('/') + 1);
  return { app, names: [image], imagePolicy: policy, markersOnly: marker !== undefined };
}

export function markerMatches(matcher: AppMatcher, policy: string): boolean {
  if (matcher.imagePolicy !== undefined) return policy === matcher.imagePolicy;
  return policy.split(':')[1] === matcher.app;
}
