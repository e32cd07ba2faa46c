// Plan first, write after: every edit of a change is computed and checked before any file is touched.
import { formatImageRef, type ImageRef } from '@gitops/image-ref';
import type { AppMatcher, Place } from './place';
import { ManifestError, type ManifestProblem } from './problems';
import { covers, sitesOf } from './read';
import { FileCache, placesInFolder, placesInTarget, type Targets } from './targets';
import { applyTextEdits, type TextEdit } from './text-edit';
import { YamlFile } from './yaml-file';

export interface ImageChange {
  readonly matcher: AppMatcher;
  readonly to: ImageRef;
  readonly targets: Targets;
  /** Skip target files without the app instead of failing; it is an error only when no file has it. */
  readonly optionalFiles?: boolean;
}

export interface FileChange {
  /** Relative to the repository root. */
  readonly file: string;
  readonly before: string;
  readonly after: string;
  /** The change creates the file (`before` is empty): a preview copied from its template. */
  readonly added?: boolean;
  /** The change removes the file (`after` is empty): a preview taken down. */
  readonly removed?: boolean;
}

/**
 * Plans several changes (apps) at once. Each is planned on the text the ones before it produced, so two
 * apps added to one kustomization share one `images:` list, and the same app twice is harmless. Edits of places
 * that exist already and touch nothing edited before are gathered and applied together, so the file is parsed
 * again only when a change must see the result (an entry to add, an overlap): 300 apps in one `images:` list
 * parse it a few times, not 300.
 */
export function planImageChanges(files: string | FileCache, changes: readonly ImageChange[]): FileChange[] {
  // Given the planner's cache, its reads are reused and its own view is left as it was.
  const base = typeof files === 'string' ? new FileCache(files) : files;
  const cache = base.fork();
  const originals = new Map<string, string>();
  const problems: ManifestProblem[] = [];
  // Per file: the parsed text the gathered edits are against, and the edits.
  const gathered = new Map<string, { file: YamlFile; edits: TextEdit[] }>();
  const flush = (name: string) => {
    const entry = gathered.get(name);
    if (!entry) return;
    gathered.delete(name);
    cache.set(new YamlFile(name, applyTextEdits(entry.file.text, entry.edits)));
  };
  for (const change of changes) {
    try {
      let edits = editsOf(cache, change);
      const separate = edits.some(
        ({ file, edits: own, existing }) => !existing || overlaps(gathered.get(file.file)?.edits ?? [], own),
      );
      if (separate) {
        for (const { file } of edits) flush(file.file);
        edits = editsOf(cache, change);
      }
      for (const { file, edits: own } of edits) {
        if (own.length === 0) continue;
        if (!originals.has(file.file)) originals.set(file.file, file.text);
        const entry = gathered.get(file.file) ?? { file, edits: [] };
        entry.edits.push(...own);
        gathered.set(file.file, entry);
        if (separate) flush(file.file);
      }
    } catch (error) {
      if (!(error instanceof ManifestError)) throw error;
      problems.push(...error.problems);
    }
  }
  for (const name of [...gathered.keys()]) flush(name);
  if (problems.length) throw new ManifestError(problems);
  const result: FileChange[] = [];
  for (const [file, before] of originals) {
    const after = cache.get(file).text;
    if (after !== before) result.push({ file, before, after });
  }
  verify(base.fork(), result, changes);
  return result;
}

/** One change's edits per file, on the texts the cache holds; `existing`: every place is there already. */
function editsOf(cache: FileCache, change: ImageChange) {
  // One change may have several targets in a file: its edits apply together, on the same text.
  const byFile = new Map<string, { file: YamlFile; edits: TextEdit[]; existing: boolean }>();
  for (const { file, places } of placesOf(cache, change)) {
    const entry = byFile.get(file.file) ?? { file, edits: [], existing: true };
    entry.edits.push(...places.flatMap((place) => place.edits(change.to)));
    entry.existing &&= places.every((place) => place.site !== undefined);
    byFile.set(file.file, entry);
  }
  return [...byFile.values()];
}

/** Whether any of `edits` touches or meets a range of `others` (then the later must be planned on the result). */
function overlaps(others: readonly TextEdit[], edits: readonly TextEdit[]): boolean {
  return edits.some((edit) => others.some((other) => edit.start <= other.end && other.start <= edit.end));
}

function placesOf(cache: FileCache, change: ImageChange): { file: YamlFile; places: Place[] }[] {
  const { matcher, targets, to } = change;
  if ('search' in targets) {
    const found = placesInFolder(cache, targets.search, matcher);
    if (found.length === 0) {
      throw new ManifestError([
        { location: { file: targets.search }, message: notFound(matcher, 'in any YAML file of this folder') },
      ]);
    }
    return found;
  }
  // Every target is looked at, so one run reports the problems of all of them.
  const problems: ManifestProblem[] = [];
  const found = targets.files.flatMap((target) => {
    try {
      const file = cache.get(target.file);
      return [{ file, places: placesInTarget(file, target, matcher, to) }];
    } catch (error) {
      if (!(error instanceof ManifestError)) throw error;
      problems.push(...error.problems);
      return [];
    }
  });
  const missing = found.filter(({ places }) => places.length === 0);
  const skipMissing = change.optionalFiles === true && missing.length < found.length;
  if (!skipMissing) {
    for (const { file } of missing)
      problems.push({ location: { file: file.file }, message: notFound(matcher, 'in this file') });
  }
  if (problems.length) throw new ManifestError(problems);
  return found.filter(({ places }) => places.length > 0);
}

function notFound(matcher: AppMatcher, where: string): string {
  const names = matcher.names.map((name) => formatImageRef(name)).join(' or ');
  const policy = matcher.imagePolicy ?? `<namespace>:${matcher.app}`;
  return `target not found: no image of app "${matcher.app}" ${where} (looked for setter markers {"$imagepolicy": "${policy}"} and "gitops:image ${matcher.app}", kustomize images entries and container images named ${names})`;
}

/** Reads the edited text back: it must parse, and every place of every app must now say the new reference. */
function verify(cache: FileCache, files: readonly FileChange[], changes: readonly ImageChange[]): void {
  for (const change of files) cache.set(new YamlFile(change.file, change.after));
  for (const change of changes) {
    for (const site of sitesOf(cache, change.targets, change.matcher)) {
      for (const part of covers[site.part]) {
        const expected =
          part === 'name'
            ? formatImageRef({ ...change.to, tag: undefined, digest: undefined } as ImageRef)
            : change.to[part];
        const actual =
          part === 'name' ? (site.image.name ? formatImageRef(site.image.name) : undefined) : site.image[part];
        if ((actual ?? '') !== (expected ?? '')) {
          throw new Error(
            `internal error: after the edit, ${site.location.file}:${site.location.line} says ${part} "${actual}", expected "${expected}"`,
          );
        }
      }
    }
  }
}
