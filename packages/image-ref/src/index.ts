// Image references `registry/repository:tag@digest`: parse, normalise, format, compare.
import { UserError } from '@gitops/errors';
import { digestHexLength, digestPattern, nameTotalLengthMax, referencePattern, tagPattern } from './grammar';

export const defaultRegistry = 'docker.io';
const legacyDefaultRegistry = 'index.docker.io';
const officialRepositoryPrefix = 'library/';

/** A normalised image reference: the registry is always explicit, Docker Hub names carry `library/`. */
export interface ImageRef {
  /** Host and optional port, e.g. `ghcr.io`, `localhost:5000`, `docker.io`. */
  readonly registry: string;
  /** Path inside the registry, e.g. `acme/web`, `library/nginx`. */
  readonly repository: string;
  readonly tag?: string;
  /** `algorithm:hex`, e.g. `sha256:3f2a…`. */
  readonly digest?: string;
}

/** A reference that does not follow the grammar; `reason` says which rule it breaks. */
export class ImageRefError extends UserError {
  constructor(
    readonly input: string,
    readonly reason: string,
  ) {
    super(`invalid image reference "${input}": ${reason}`);
    this.name = 'ImageRefError';
  }
}

/**
 * Parses a reference the way `docker pull` reads it: `nginx` is `docker.io/library/nginx`,
 * a first component with `.` or `:` or equal to `localhost` is a registry.
 */
export function parseImageRef(input: string): ImageRef {
  const text = input.trim();
  if (text === '') throw new ImageRefError(input, 'it is empty');
  if (text !== input) throw new ImageRefError(input, 'it has leading or trailing white space');
  const match = referencePattern.exec(text);
  if (!match) throw new ImageRefError(input, explainMismatch(text));
  const [, name = '', tag, digest] = match;
  if (name.length > nameTotalLengthMax) {
    throw new ImageRefError(input, `the name is longer than ${nameTotalLengthMax} characters`);
  }
  if (digest !== undefined) checkDigest(input, digest);
  const { registry, repository } = splitRegistry(name);
  if (/^[a-f0-9]{64}$/.test(repository.replace(officialRepositoryPrefix, ''))) {
    throw new ImageRefError(input, 'a repository name cannot be a 64-character hexadecimal string');
  }
  return withParts({ registry, repository }, tag, digest);
}

/** Like {@link parseImageRef}, but returns undefined instead of throwing. */
export function tryParseImageRef(input: string): ImageRef | undefined {
  try {
    return parseImageRef(input);
  } catch (error) {
    if (error instanceof ImageRefError) return undefined;
    throw error;
  }
}

function withParts(name: { registry: string; repository: string }, tag?: string, digest?: string): ImageRef {
  return {
    registry: name.registry,
    repository: name.repository,
    ...(tag !== undefined ? { tag } : {}),
    ...(digest !== undefined ? { digest } : {}),
  };
}

function splitRegistry(name: string): { registry: string; repository: string } {
  const slash = name.indexOf('/');
  const first = slash === -1 ? '' : name.slice(0, slash);
  const isRegistry = slash !== -1 && (/[.:]/.test(first) || first === 'localhost' || first.toLowerCase() !== first);
  let registry = isRegistry ? first : defaultRegistry;
  let repository = isRegistry ? name.slice(slash + 1) : name;
  if (registry === legacyDefaultRegistry) registry = defaultRegistry;
  if (registry === defaultRegistry && !repository.includes('/')) {
    repository = officialRepositoryPrefix + repository;
  }
  return { registry, repository };
}

function explainMismatch(text: string): string {
  if (referencePattern.test(text.toLowerCase())) return 'the repository name must be lowercase';
  const at = text.indexOf('@');
  if (at !== -1) {
    const digest = text.slice(at + 1);
    if (digest === '') return 'the digest after "@" is empty';
    if (!digestPattern.test(digest)) return `"${digest}" is not a digest of the form algorithm:hex`;
  }
  const beforeDigest = at === -1 ? text : text.slice(0, at);
  const lastSlash = beforeDigest.lastIndexOf('/');
  const colon = beforeDigest.indexOf(':', lastSlash + 1);
  if (colon !== -1) {
    const tag = beforeDigest.slice(colon + 1);
    if (tag === '') return 'the tag after ":" is empty';
    if (!tagPattern.test(tag)) {
      return `"${tag}" is not a valid tag (letters, digits, "_", "." and "-", at most 128, not starting with "." or "-")`;
    }
  }
  if (/\/\/|^\/|\/$/.test(beforeDigest)) return 'the name has an empty path component';
  return 'it does not match registry/repository[:tag][@digest]';
}

function checkDigest(input: string, digest: string): void {
  const [algorithm = '', hex = ''] = digest.split(':');
  const length = digestHexLength[algorithm];
  if (length === undefined) throw new ImageRefError(input, `unsupported digest algorithm "${algorithm}"`);
  if (hex.length !== length) {
    throw new ImageRefError(input, `a ${algorithm} digest has ${length} hex characters, this one has ${hex.length}`);
  }
  if (!/^[a-f0-9]+$/.test(hex)) throw new ImageRefError(input, 'the digest must be lowercase hexadecimal');
}

/** `registry/repository`, fully qualified. */
export function imageName(ref: ImageRef): string {
  return `${ref.registry}/${ref.repository}`;
}

/** The short form people write: `nginx` for `docker.io/library/nginx`, `acme/web` for `docker.io/acme/web`. */
export function familiarName(ref: ImageRef): string {
  if (ref.registry !== defaultRegistry) return imageName(ref);
  return ref.repository.startsWith(officialRepositoryPrefix)
    ? ref.repository.slice(officialRepositoryPrefix.length)
    : ref.repository;
}

export interface FormatOptions {
  /** Write Docker Hub names the short way (`nginx:1.27`), as people do in manifests. */
  familiar?: boolean;
}

/** The text form: `name[:tag][@digest]`. */
export function formatImageRef(ref: ImageRef, options: FormatOptions = {}): string {
  let text = options.familiar ? familiarName(ref) : imageName(ref);
  if (ref.tag !== undefined) text += `:${ref.tag}`;
  if (ref.digest !== undefined) text += `@${ref.digest}`;
  return text;
}

/** True when both name the same repository in the same registry, whatever their tags and digests. */
export function sameRepository(a: ImageRef, b: ImageRef): boolean {
  return a.registry === b.registry && a.repository === b.repository;
}

/**
 * True when both point at the same image: same repository and, where both pin a digest, the same digest
 * (tags are then only labels); otherwise the same tag.
 */
export function sameImage(a: ImageRef, b: ImageRef): boolean {
  if (!sameRepository(a, b)) return false;
  if (a.digest !== undefined && b.digest !== undefined) return a.digest === b.digest;
  return a.digest === b.digest && a.tag === b.tag;
}

export function withTag(ref: ImageRef, tag: string | undefined): ImageRef {
  if (tag !== undefined && !tagPattern.test(tag)) throw new ImageRefError(tag, 'not a valid tag');
  return withParts(ref, tag, ref.digest);
}

export function withDigest(ref: ImageRef, digest: string | undefined): ImageRef {
  if (digest !== undefined) {
    if (!digestPattern.test(digest)) throw new ImageRefError(digest, 'not a digest of the form algorithm:hex');
    checkDigest(digest, digest);
  }
  return withParts(ref, ref.tag, digest);
}

export function isValidTag(tag: string): boolean {
  return tagPattern.test(tag);
}

/** True for a well-formed digest of a supported algorithm (`sha256:` + 64 lowercase hex, …). */
export function isValidDigest(digest: string): boolean {
  if (!digestPattern.test(digest)) return false;
  try {
    checkDigest(digest, digest);
    return true;
  } catch {
    return false;
  }
}

/** `sha256:3f2a9c1d` — the short digest used in commit subjects and summaries. */
export function shortDigest(digest: string, hexLength = 8): string {
  const [algorithm, hex = ''] = digest.split(':');
  return `${algorithm}:${hex.slice(0, hexLength)}`;
}

/**
 * Reads the new version of an image in any form a user pastes, and returns the whole reference, taking the name
 * from `base` where it is not given:
 *
 * | given | means |
 * |---|---|
 * | `1.4.2`, `:1.4.2` | the tag |
 * | `@sha256:…`, `sha256:…` | the digest (the bare form is docker/build-push-action's `digest` output) |
 * | `1.4.2@sha256:…`, `v2@sha256:…`, `:any-tag@sha256:…` | both (a word before `@` is a tag when it reads as a version) |
 * | `name:tag`, `name@sha256:…`, `name:tag@sha256:…`, `registry/path/name` | a whole reference |
 *
 * A bare `algorithm:hex` is read as a digest, never as the image `algorithm` with a tag: a 64-hex tag of an image
 * named `sha256` is not something anyone means.
 */
export function resolveImageUpdate(text: string, base: ImageRef): ImageRef {
  const name = { registry: base.registry, repository: base.repository };
  if (text.startsWith('@') || bareDigest.test(text)) {
    const digest = text.startsWith('@') ? text.slice(1) : text;
    if (!isValidDigest(digest)) throw new ImageRefError(text, 'expected @algorithm:hex, e.g. @sha256:<64 hex>');
    return { ...name, digest };
  }
  const at = text.indexOf('@');
  const version = (at === -1 ? text : text.slice(0, at)).replace(/^:/, '');
  if (version !== '' && !version.includes('/') && !version.includes(':') && !namesAnImage(text, version, at)) {
    if (!tagPattern.test(version)) throw new ImageRefError(text, `"${version}" is not a valid tag`);
    if (at === -1) return { ...name, tag: version };
    const digest = text.slice(at + 1);
    if (!isValidDigest(digest)) throw new ImageRefError(text, `"${digest}" is not a valid digest`);
    return { ...name, tag: version, digest };
  }
  if (text.startsWith(':')) throw new ImageRefError(text, 'expected :tag, :tag@sha256:…, or a whole reference');
  return parseImageRef(text);
}

/**
 * `word@sha256:…` is a tag with a digest when the word reads as a version (`1.4.2`, `v2`) or is written `:word`,
 * and an image name with a digest otherwise (`nginx@sha256:…`, as kustomize and docker read it).
 */
function namesAnImage(text: string, word: string, at: number): boolean {
  return at !== -1 && !text.startsWith(':') && !/^v?\d/.test(word);
}

/** `sha256:<hex>` and the other registered algorithms, without the `@`. */
const bareDigest = /^(?:sha256|sha384|sha512):[0-9a-fA-F]+$/;
