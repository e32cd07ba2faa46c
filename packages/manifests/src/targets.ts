// Finds an app's places in a target file (kind detected per file) or in every YAML file of a folder.
import { existsSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import type { WriteMode } from '@gitops/config';
import type { ImageRef } from '@gitops/image-ref';
import { findKustomizeImages, isKustomization } from './kinds/kustomization';
import { belongs, findMarkers, usesMarkers } from './kinds/markers';
import { mayMention } from './kinds/names';
import { findPathValue } from './kinds/path-target';
import { findWorkloadImages } from './kinds/workloads';
import type { AppMatcher, Place } from './place';
import { editableText, readYamlBytes, YamlFile } from './yaml-file';

export interface TargetRef {
  readonly file: string;
  readonly path?: string | undefined;
  readonly write?: WriteMode | undefined;
  /** With `path`: create missing keys when writing (default true). */
  readonly create?: boolean | undefined;
}

/**
 * Where to look for an app: named files, or every YAML file under a folder. With files, `inherit` is the
 * environment's folder: where the files hold no value yet (a kustomize images: entry or a Helm value a deploy will
 * add), the image is read from what the environment renders (a shared base), so status, images and promote see it.
 */
export type Targets =
  | { readonly files: readonly TargetRef[]; readonly inherit?: string | undefined }
  | { readonly search: string };

/**
 * Reads each file once per operation, and lets a plan read its own edited text back. Files are read whole, but
 * the limits of files to edit (size, UTF-8) apply only when a file is parsed to be edited: an unrelated large
 * or Latin-1 file beside the targets does not stop a search.
 */
export class FileCache {
  private files = new Map<string, YamlFile>();
  private raw = new Map<string, Buffer>();
  /** Texts a plan edited: they win over what is on disk. */
  private edited = new Map<string, string>();
  private listings = new Map<string, { relative: string; text: string }[]>();
  constructor(readonly root: string) {}

  /**
   * A cache to edit that starts from what this one has read and parsed: a plan's edits stay in the fork, and the
   * files the planner has just read are not read and parsed again.
   */
  fork(): FileCache {
    const fork = new FileCache(this.root);
    fork.files = new Map(this.files);
    fork.raw = this.raw; // bytes as on disk: shared, never changed
    fork.edited = new Map(this.edited);
    fork.listings = new Map([...this.listings].map(([folder, list]) => [folder, list.map((entry) => ({ ...entry }))]));
    return fork;
  }

  /** The parsed file, to edit; `walked` for files found by {@link yamlFiles}. */
  get(relative: string, walked = false): YamlFile {
    const key = path.posix.normalize(relative);
    let file = this.files.get(key);
    if (!file) {
      file = new YamlFile(key, this.edited.get(key) ?? editableText(key, this.bytes(relative, walked)));
      this.files.set(key, file);
    }
    return file;
  }

  /** The text to look at before deciding to parse (invalid UTF-8 replaced: nothing is written from it). */
  text(relative: string, walked = false): string {
    const key = path.posix.normalize(relative);
    return this.edited.get(key) ?? this.bytes(relative, walked).toString('utf8');
  }

  private bytes(relative: string, walked: boolean): Buffer {
    const key = path.posix.normalize(relative);
    let bytes = this.raw.get(key);
    if (bytes === undefined) {
      bytes = readYamlBytes(this.root, relative, walked).bytes;
      this.raw.set(key, bytes);
    }
    return bytes;
  }

  /** The YAML files under a folder with their texts, read once: every app of a search scans this list. */
  yamlFiles(folder: string): readonly { relative: string; text: string }[] {
    let files = this.listings.get(folder);
    if (!files) {
      files = yamlFilesUnder(this.root, folder).map((relative) => ({ relative, text: this.text(relative, true) }));
      this.listings.set(folder, files);
    }
    return files;
  }

  /** Replaces a file's text with an edited one, for everything read after. */
  set(file: YamlFile): void {
    this.files.set(file.file, file);
    this.edited.set(file.file, file.text);
    for (const listing of this.listings.values()) {
      const entry = listing.find((candidate) => candidate.relative === file.file);
      if (entry) entry.text = file.text;
    }
  }
}

/**
 * The places of the app in one target file. With `path`, the value there. Otherwise setter markers of
 * the app win (users migrating from Flux keep their files), then a kustomization's `images:` entry (or, when
 * `adding` gives the reference to write, the entry to add), then container images in workloads.
 *
 * Markers are a promise, as Flux keeps it: with a policy given (`--marker`, an app's `image-policy`) only values
 * marked for it change, and a file that uses markers is edited through its markers only. So a value marked for
 * another policy, or an image beside markers with an ordinary comment, is never changed by a fallback.
 */
export function placesInTarget(file: YamlFile, target: TargetRef, matcher: AppMatcher, adding?: ImageRef): Place[] {
  if (target.path !== undefined)
    return [
      findPathValue(file, target.path, target.write ?? 'reference', target.create !== false, (marker) =>
        belongs(marker, matcher),
      ),
    ];
  const markers = findMarkers(file, matcher);
  const explicit = matcher.imagePolicy !== undefined || matcher.markersOnly === true;
  if (markers.length > 0 || explicit || usesMarkers(file)) return markers;
  if (isKustomization(file)) return findKustomizeImages(file, matcher, adding);
  return findWorkloadImages(file, matcher);
}

/** The places of the app in every YAML file under `folder` that mentions it. */
export function placesInFolder(
  cache: FileCache,
  folder: string,
  matcher: AppMatcher,
): { file: YamlFile; places: Place[] }[] {
  const found: { file: YamlFile; places: Place[] }[] = [];
  for (const { relative, text } of cache.yamlFiles(folder)) {
    if (!mayMention(text, matcher)) continue;
    const file = cache.get(relative, true);
    const places = placesInTarget(file, { file: relative }, matcher);
    if (places.length) found.push({ file, places });
  }
  return found;
}

const yamlName = /\.ya?ml$|^Kustomization$/;

/** YAML files under `folder` (relative to root), sorted, skipping hidden folders. */
export function yamlFilesUnder(root: string, folder: string): string[] {
  const files: string[] = [];
  const walk = (relative: string) => {
    const entries = readdirSync(path.join(root, relative), { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    );
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const child = relative === '.' ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) walk(child);
      else if (entry.isFile() && yamlName.test(entry.name)) files.push(child);
    }
  };
  if (existsSync(path.join(root, folder))) walk(folder);
  return files;
}
