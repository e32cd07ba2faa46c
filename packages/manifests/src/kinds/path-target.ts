// A `path:` target: one value at a YAML path (Helm values, HelmRelease values, Argo CD parameters), holding
// the part of the reference that `write` names.
import type { WriteMode } from '@gitops/config';
import { insertPath, insertPathIntoEmptyFlow } from '../block-edits';
import { readPartAt, writePart } from '../image-value';
import type { Place } from '../place';
import { fail, ManifestError } from '../problems';
import { editableScalar, scalarText, setScalar } from '../scalar';
import type { YamlFile } from '../yaml-file';
import {
  formatYamlPath,
  lookupPath,
  type PathLookup,
  type PathSegment,
  parseYamlPath,
  YamlPathError,
} from '../yaml-path';
import { type Marker, markerAfter } from './markers';

/** The one document that holds the path; none or several is an error at the line that says so. */
function onlyHit(file: YamlFile, segments: ReturnType<typeof parseYamlPath>, found: readonly PathLookup[]) {
  const hits = found.flatMap((lookup) => (lookup.found ? [lookup] : []));
  if (hits.length === 0) {
    const reasons = [...new Set(found.map((lookup) => (lookup.found ? '' : lookup.reason)))].join('; ');
    const first = found.find((lookup) => !lookup.found && lookup.at?.range);
    const location = first && !first.found && first.at?.range ? file.location(first.at.range[0]) : { file: file.file };
    fail(location, `target not found: path ${formatYamlPath(segments)}: ${reasons || 'the file has no documents'}`);
  }
  if (hits.length > 1) {
    throw new ManifestError(
      hits.map((hit) => ({
        location: file.location((hit.node as { range?: number[] }).range?.[0] ?? 0),
        message: `path ${formatYamlPath(segments)} is in ${hits.length} documents of the file; the target is ambiguous`,
      })),
    );
  }
  return hits[0] as (typeof hits)[number];
}

/**
 * The value at `pathText`. With `create`, keys of the path that do not exist yet are created when writing, as
 * Argo CD Image Updater and Kargo do: nested mappings below the deepest one that exists, in the file's own
 * indentation. What is in the way (a list, a scalar, a flow mapping, an alias) is an error at its line.
 */
export function findPathValue(
  file: YamlFile,
  pathText: string,
  write: WriteMode,
  create = false,
  ownMarker: (marker: Marker) => boolean = () => true,
): Place {
  let segments: ReturnType<typeof parseYamlPath>;
  try {
    segments = parseYamlPath(pathText);
  } catch (error) {
    if (error instanceof YamlPathError) fail({ file: file.file }, error.message);
    throw error;
  }
  const found = file.documents.map((document) => lookupPath(document.contents, segments));
  const hits = found.flatMap((lookup) => (lookup.found ? [lookup] : []));
  if (hits.length === 0 && create) {
    const creation = creatable(file, segments, found, write);
    if (creation) return creation;
  }
  const hit = onlyHit(file, segments, found);
  const at =
    (hit.node as { range?: number[] } | null)?.range?.[0] ?? (hit.pair?.key as { range?: number[] })?.range?.[0] ?? 0;
  const scalar = editableScalar(file, hit.node, `the value at ${formatYamlPath(segments)}`, at);
  // A value marked for another policy belongs to that policy: no target of ours changes it.
  const marker = scalar.range ? markerAfter(file, scalar.range[1]) : undefined;
  if (marker && !ownMarker(marker))
    fail(
      file.location(at),
      `the value at ${formatYamlPath(segments)} carries the setter marker of ${marker.flavour === 'flux' ? 'policy' : 'app'} "${marker.name}", not this app's; it is not changed (remove the marker, or give the app that ${marker.flavour === 'flux' ? 'image-policy' : 'name'})`,
    );
  const value = scalarText(file, scalar);
  const location = file.location(at);
  const image = readPartAt(write, value, location);
  return {
    site: { location, kind: 'path', part: write, value, image },
    edits: (to) => {
      let text: string;
      try {
        text = writePart(write, to, value);
      } catch (error) {
        return fail(location, (error as Error).message);
      }
      const edit = setScalar(file, scalar, text, hit.inFlow);
      return edit ? [edit] : [];
    },
  };
}

/** A place that creates the missing keys, when exactly one document has the path's first existing part. */
function creatable(
  file: YamlFile,
  segments: readonly PathSegment[],
  found: readonly PathLookup[],
  write: WriteMode,
): Place | undefined {
  const missing = found.flatMap((lookup) => (!lookup.found && lookup.missing ? [lookup.missing] : []));
  // Only one document may hold the start of the path: which one to extend is otherwise a guess.
  const [only] = missing;
  if (!only || missing.length !== 1) return undefined;
  const { map, from } = only;
  const rest = segments.slice(from);
  if (rest.some((segment) => typeof segment === 'number')) return undefined;
  const where = file.location(map.range?.[0] ?? 0);
  // An empty flow mapping (`image: {}`) is a place to create keys, as Argo CD Image Updater does; one with entries
  // is the team's own layout, not ours to rewrite.
  const empty = map.flow === true && map.items.length === 0;
  if (map.flow && !empty)
    fail(where, `cannot create ${formatYamlPath(segments)} inside a flow mapping; write the keys out`);
  return {
    site: undefined,
    edits: (to) => {
      const value = writePart(write, to, '');
      return [(empty ? insertPathIntoEmptyFlow : insertPath)(file, map, rest as string[], value)];
    },
  };
}
