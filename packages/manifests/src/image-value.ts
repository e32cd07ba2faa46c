// What a single place in a file says about an image, and what to write there for a new reference.
import { UserError } from '@gitops/errors';
import { familiarName, type ImageRef, parseImageRef, tryParseImageRef } from '@gitops/image-ref';
import type { SourceLocation } from '@gitops/log';
import { fail } from './problems';

/** The part of an image reference a place holds. */
export type ImagePart = 'reference' | 'tag' | 'digest' | 'name' | 'tag@digest';

/** What one place says; absent fields are not known from it. */
export interface PartialImage {
  name?: ImageRef;
  tag?: string;
  digest?: string;
}

export class ImageValueError extends UserError {}

/** Like {@link readPart}, failing with the location of the value. */
export function readPartAt(part: ImagePart, value: string, location: SourceLocation): PartialImage {
  try {
    return readPart(part, value);
  } catch (error) {
    if (error instanceof ImageValueError) fail(location, error.message);
    throw error;
  }
}

export function readPart(part: ImagePart, value: string): PartialImage {
  switch (part) {
    case 'reference':
    case 'name': {
      const ref = tryParseImageRef(value);
      if (!ref) throw new ImageValueError(`"${value}" is not an image reference`);
      const name = { registry: ref.registry, repository: ref.repository };
      return part === 'name' ? { name } : withDefined({ name, tag: ref.tag, digest: ref.digest });
    }
    case 'tag':
      return value === '' ? {} : { tag: value };
    case 'digest':
      return value === '' ? {} : { digest: value };
    case 'tag@digest': {
      const [tag = '', digest = ''] = value.split('@');
      return withDefined({ tag: tag || undefined, digest: digest || undefined });
    }
  }
}

/**
 * The text to write for `part` of `to`. `current` is what is there now: when it names the same repository,
 * its way of writing the name (`nginx` or `docker.io/library/nginx`) is kept.
 */
export function writePart(part: ImagePart, to: ImageRef, current: string | undefined): string {
  const name = nameText(to, current);
  switch (part) {
    case 'reference':
      return `${name}${to.tag !== undefined ? `:${to.tag}` : ''}${to.digest !== undefined ? `@${to.digest}` : ''}`;
    case 'name':
      return name;
    case 'tag':
      if (to.tag === undefined) throw new ImageValueError('this place holds a tag, and the new reference has none');
      return to.tag;
    case 'digest':
      // Empty rather than stale: a digest left behind would pin the old image.
      return to.digest ?? '';
    case 'tag@digest':
      if (to.tag === undefined)
        throw new ImageValueError('this place holds tag@digest, and the new reference has no tag');
      return to.digest === undefined ? to.tag : `${to.tag}@${to.digest}`;
  }
}

function nameText(to: ImageRef, current: string | undefined): string {
  const existing = current === undefined ? undefined : tryParseImageRef(current);
  if (existing && existing.registry === to.registry && existing.repository === to.repository && current !== undefined) {
    return stripVersion(current);
  }
  return familiarName(to);
}

/** `ghcr.io/acme/web:1.0@sha256:…` → `ghcr.io/acme/web` as written. */
function stripVersion(reference: string): string {
  const at = reference.indexOf('@');
  const withoutDigest = at === -1 ? reference : reference.slice(0, at);
  const colon = withoutDigest.lastIndexOf(':');
  return colon > withoutDigest.lastIndexOf('/') ? withoutDigest.slice(0, colon) : withoutDigest;
}

export function sameName(a: ImageRef, b: ImageRef): boolean {
  return a.registry === b.registry && a.repository === b.repository;
}

/** Parses a name that may not carry a tag (a kustomize `name:` or an app image). */
export function parseName(text: string): ImageRef | undefined {
  // Every app is matched against every entry of a shared images: list: 300 apps in 20 overlays parse the same
  // few thousand names millions of times. The name of a text never changes, so each is parsed once.
  if (knownNames.has(text)) return knownNames.get(text);
  let name: ImageRef | undefined;
  try {
    const ref = parseImageRef(text);
    name = Object.freeze({ registry: ref.registry, repository: ref.repository });
  } catch {
    name = undefined;
  }
  if (knownNames.size >= maxKnownNames) knownNames.clear();
  knownNames.set(text, name);
  return name;
}

const knownNames = new Map<string, ImageRef | undefined>();
const maxKnownNames = 100_000;

function withDefined(partial: PartialImage): PartialImage {
  return Object.fromEntries(Object.entries(partial).filter(([, value]) => value !== undefined)) as PartialImage;
}
