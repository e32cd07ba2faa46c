// Setter markers: a value followed by `# {"$imagepolicy": "ns:policy[:tag|:name|:digest]"}` (Flux image
// automation) or `# gitops:image <app>[:tag|:name|:digest]`. The marker says what the value holds.
import { isCollection, isScalar, type Scalar, visit } from 'yaml';
import { type ImagePart, readPartAt, writePart } from '../image-value';
import { type AppMatcher, markerMatches, type Place } from '../place';
import { fail } from '../problems';
import { editableScalar, scalarText, setScalar } from '../scalar';
import type { YamlFile } from '../yaml-file';

const fluxMarker = /^\{\s*"\$imagepolicy"\s*:\s*"([^"]+)"\s*\}$/;
const gitopsMarker = /^gitops:image\s+(\S+)$/;
const suffixes: Record<string, ImagePart> = { tag: 'tag', name: 'name', digest: 'digest' };

export interface Marker {
  /** `flux` policy `ns:name`, or the app name of a `gitops:image` marker. */
  readonly flavour: 'flux' | 'gitops';
  readonly name: string;
  readonly part: ImagePart;
}

/** The marker in the comment after `end` on the same line, if any. */
export function markerAfter(file: YamlFile, end: number): Marker | undefined {
  const rest = file.text.slice(end, file.lineEnd(end));
  const comment = /^[ \t]+#\s*(.*?)\s*$/.exec(rest)?.[1];
  if (comment === undefined) return undefined;
  const flux = fluxMarker.exec(comment)?.[1];
  const gitops = gitopsMarker.exec(comment)?.[1];
  const value = flux ?? gitops;
  if (value === undefined) return undefined;
  const parts = value.split(':');
  const last = parts.at(-1) ?? '';
  // Flux policies are ns:name; a third field is the suffix. gitops markers are app[:suffix].
  const hasSuffix = flux !== undefined ? parts.length === 3 : parts.length === 2;
  const part = hasSuffix ? suffixes[last] : 'reference';
  if (part === undefined) {
    fail(file.location(end + rest.indexOf('#')), `unknown marker suffix ":${last}"; use :tag, :name or :digest`);
  }
  const name = hasSuffix ? parts.slice(0, -1).join(':') : value;
  return { flavour: flux !== undefined ? 'flux' : 'gitops', name, part };
}

export function belongs(marker: Marker, matcher: AppMatcher): boolean {
  // Discovering apps (no gitops.yaml): every marked value is some app's image.
  if (matcher.any) return true;
  return marker.flavour === 'flux' ? markerMatches(matcher, marker.name) : marker.name === matcher.app;
}

/** Whether any value of the file carries a setter marker (of any policy or app). */
export function usesMarkers(file: YamlFile): boolean {
  if (!mentionsMarkers(file)) return false;
  let found = false;
  for (const document of file.documents) {
    visit(document, {
      Scalar(key, node) {
        if (key === 'key' || !node.range || !markerAfter(file, node.range[1])) return undefined;
        found = true;
        return visit.BREAK;
      },
    });
    if (found) return true;
  }
  return false;
}

/** Whether the text says either marker at all; asked once per app per file, so remembered per file. */
function mentionsMarkers(file: YamlFile): boolean {
  let mentions = mentioning.get(file);
  if (mentions === undefined) {
    mentions = file.text.includes('$imagepolicy') || file.text.includes('gitops:image');
    mentioning.set(file, mentions);
  }
  return mentions;
}

const mentioning = new WeakMap<YamlFile, boolean>();

export function findMarkers(file: YamlFile, matcher: AppMatcher): Place[] {
  if (!mentionsMarkers(file)) return [];
  const places: Place[] = [];
  for (const document of file.documents) {
    visit(document, {
      Scalar(key, node, path) {
        if (key === 'key' || !node.range) return;
        const marker = markerAfter(file, node.range[1]);
        if (!marker || !belongs(marker, matcher)) return;
        const inFlow = path.some((ancestor) => isCollection(ancestor) && ancestor.flow === true);
        places.push(markerPlace(file, node, marker, inFlow));
      },
      Alias(key, node) {
        if (key === 'key' || !node.range) return;
        const marker = markerAfter(file, node.range[1]);
        if (marker && belongs(marker, matcher)) editableScalar(file, node, 'the marked value', node.range[0]);
      },
    });
  }
  return places;
}

function markerPlace(file: YamlFile, node: Scalar, marker: Marker, inFlow: boolean): Place {
  const scalar = editableScalar(file, node, 'the marked value', node.range?.[0] ?? 0);
  const value = scalarText(file, scalar);
  const location = file.location(scalar.range?.[0] ?? 0);
  const image = isScalar(scalar) ? readPartAt(marker.part, value, location) : {};
  return {
    site: { location, kind: 'marker', part: marker.part, value, image },
    edits: (to) => {
      const edit = setScalar(file, scalar, writePart(marker.part, to, value), inFlow);
      return edit ? [edit] : [];
    },
  };
}
