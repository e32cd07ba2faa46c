// kustomization files: the `images:` entry of the app. Sets newTag and digest (newName when the name
// changes), removes the one the new reference lacks, adds the entry (and `images:`) when missing.
import { familiarName, type ImageRef } from '@gitops/image-ref';
import { type Document, isMap, isPair, isScalar, isSeq, type Pair, type Scalar, type YAMLMap } from 'yaml';
import { appendListKey, appendMapItem, insertPair, type NewEntry, removePair } from '../block-edits';
import { parseName, sameName, writePart } from '../image-value';
import type { AppMatcher, Place } from '../place';
import { fail } from '../problems';
import { editableScalar, type ScalarStyle, scalarText, setScalar } from '../scalar';
import type { TextEdit } from '../text-edit';
import type { YamlFile } from '../yaml-file';
import { matchesName } from './names';

const fileNames = new Set(['kustomization.yaml', 'kustomization.yml', 'Kustomization']);

export function isKustomization(file: YamlFile): boolean {
  const base = file.file.slice(file.file.lastIndexOf('/') + 1);
  if (fileNames.has(base)) return true;
  return file.documents.some((document) => {
    const top = document.contents;
    if (!isMap(top)) return false;
    const value = (key: string) => {
      const node: unknown = top.get(key, true);
      return isScalar(node) ? String(node.value) : '';
    };
    return value('kind') === 'Kustomization' && value('apiVersion').startsWith('kustomize.config.k8s.io/');
  });
}

function kustomizationDocument(file: YamlFile): Document.Parsed & { contents: YAMLMap } {
  const document = file.documents.find((candidate) => isMap(candidate.contents));
  if (!document) fail({ file: file.file }, 'a kustomization must be a mapping');
  return document as Document.Parsed & { contents: YAMLMap };
}

function field(entry: YAMLMap, key: string): Pair | undefined {
  return entry.items.find((item) => isPair(item) && isScalar(item.key) && item.key.value === key) as Pair | undefined;
}

/** The entries of `images:` that belong to the app, each a place; none: a place that adds one. */
export function findKustomizeImages(file: YamlFile, matcher: AppMatcher, target: ImageRef | undefined): Place[] {
  const document = kustomizationDocument(file);
  const imagesPair = field(document.contents, 'images');
  if (imagesPair && !isSeq(imagesPair.value))
    fail(file.location((imagesPair.key as Scalar).range?.[0] ?? 0), '"images" must be a list');
  const { entries, styles } = imageEntries(file, imagesPair);
  const places = entries.flatMap(({ entry, name, newName }) => {
    const belongs =
      (name !== undefined && matchesName(name, matcher)) || (newName !== undefined && matchesName(newName, matcher));
    return belongs ? [entryPlace(file, entry, styles)] : [];
  });
  if (places.length > 0 || target === undefined) return places;
  const inManifests = matcher.names.at(-1);
  return [
    {
      site: undefined,
      edits: (to) => [addEntry(file, { top: document.contents, imagesPair, inManifests, styles }, to)],
    },
  ];
}

interface ImageEntries {
  readonly entries: readonly { entry: YAMLMap; name: string | undefined; newName: string | undefined }[];
  readonly styles: Map<string, ScalarStyle>;
}

/** The `images:` entries with their names, read once per file: every app of the repository asks. */
function imageEntries(file: YamlFile, imagesPair: Pair | undefined): ImageEntries {
  const known = entriesOf.get(file);
  if (known) return known;
  const items = imagesPair && isSeq(imagesPair.value) ? imagesPair.value.items : [];
  const entries = items.filter(isMap).map((entry) => ({
    entry,
    name: textOf(file, field(entry, 'name')),
    newName: textOf(file, field(entry, 'newName')),
  }));
  const read = { entries, styles: quotingOf(items) };
  entriesOf.set(file, read);
  return read;
}

const entriesOf = new WeakMap<YamlFile, ImageEntries>();

/** How the existing entries quote each field, so added ones look like their neighbours. */
function quotingOf(entries: readonly unknown[]): Map<string, ScalarStyle> {
  const styles = new Map<string, ScalarStyle>();
  for (const entry of entries) {
    if (!isMap(entry)) continue;
    for (const item of entry.items) {
      if (!isScalar(item.key) || !isScalar(item.value) || styles.has(String(item.key.value))) continue;
      const type = item.value.type;
      if (type === 'PLAIN' || type === 'QUOTE_DOUBLE' || type === 'QUOTE_SINGLE')
        styles.set(String(item.key.value), type);
    }
  }
  return styles;
}

function textOf(file: YamlFile, pair: Pair | undefined): string | undefined {
  if (!pair || !isScalar(pair.value) || pair.value.value === null) return undefined;
  return scalarText(file, pair.value);
}

function entryPlace(file: YamlFile, entry: YAMLMap, styles: Map<string, ScalarStyle>): Place {
  const scalars = new Map<string, Scalar>();
  for (const key of ['name', 'newName', 'newTag', 'digest']) {
    const pair = field(entry, key);
    if (pair)
      scalars.set(
        key,
        editableScalar(file, pair.value, `"${key}" of the images entry`, (pair.key as Scalar).range?.[0] ?? 0),
      );
  }
  const text = (key: string) => {
    const scalar = scalars.get(key);
    return scalar && scalar.value !== null ? scalarText(file, scalar) : undefined;
  };
  const nameText = text('newName') ?? text('name') ?? '';
  const location = file.location(entry.range?.[0] ?? 0);
  const name = parseName(nameText);
  if (!name) fail(location, `"${nameText}" in the images entry is not an image name`);
  const tag = text('newTag');
  const digest = text('digest');
  const value = `${nameText}${tag ? `:${tag}` : ''}${digest ? `@${digest}` : ''}`;
  return {
    site: {
      location,
      kind: 'kustomize',
      part: 'reference',
      value,
      image: { name, ...(tag ? { tag } : {}), ...(digest ? { digest } : {}) },
    },
    edits: (to) => entryEdits(file, entry, scalars, to, styles),
  };
}

function entryEdits(
  file: YamlFile,
  entry: YAMLMap,
  scalars: Map<string, Scalar>,
  to: ImageRef,
  styles: Map<string, ScalarStyle>,
): TextEdit[] {
  const inFlow = entry.flow === true;
  // Decided first, applied after: a new field must not be placed after one that is being removed (the
  // insertion would fall inside the removed line).
  const wanted = new Map<string, string | undefined>();
  const set = (key: string, value: string | undefined) => {
    wanted.set(key, value);
  };
  const nameText = scalars.get('name') ? scalarText(file, scalars.get('name') as Scalar) : '';
  const name = parseName(nameText);
  const newNameScalar = scalars.get('newName');
  const currentNewName = newNameScalar ? scalarText(file, newNameScalar) : undefined;
  if (name && sameName(name, to)) {
    // The entry's own name: a newName that names it too stays as written (only values being set change);
    // one that names another image would redirect it, so it goes.
    const current = currentNewName === undefined ? undefined : parseName(currentNewName);
    if (currentNewName !== undefined && !(current && sameName(current, to))) set('newName', undefined);
  } else {
    const current = currentNewName === undefined ? undefined : parseName(currentNewName);
    if (!current || !sameName(current, to)) set('newName', writePart('name', to, currentNewName));
  }
  set('newTag', to.tag);
  set('digest', to.digest);
  const removed = new Set([...wanted].filter(([, value]) => value === undefined).map(([key]) => key));
  const edits: TextEdit[] = [];
  for (const [key, value] of wanted) {
    const scalar = scalars.get(key);
    const pair = field(entry, key);
    if (value === undefined) {
      if (pair) edits.push(removePair(file, entry, pair));
    } else if (scalar) {
      const edit = setScalar(file, scalar, value, inFlow);
      if (edit) edits.push(edit);
    } else {
      edits.push(insertPair(file, entry, [key, value, styles.get(key)], insertionPoint(entry, key, removed)));
    }
  }
  return edits;
}

/** Where a missing field goes: kustomize's own order is name, newName, newTag, digest. */
function insertionPoint(entry: YAMLMap, key: string, removed: ReadonlySet<string>): Pair | undefined {
  const order = ['name', 'newName', 'newTag', 'digest'];
  const before = order.slice(0, order.indexOf(key)).reverse();
  for (const candidate of before) {
    if (removed.has(candidate)) continue;
    const pair = field(entry, candidate);
    if (pair) return pair;
  }
  return undefined;
}

/** Where a new `images:` entry goes, and what it is written like. */
interface NewEntryPlace {
  /** The kustomization's top mapping, and its `images:` pair when it has one. */
  readonly top: YAMLMap;
  readonly imagesPair: Pair | undefined;
  /** The image as the manifests name it, when they do. */
  readonly inManifests: ImageRef | undefined;
  /** The quoting each field has elsewhere in the file. */
  readonly styles: Map<string, ScalarStyle>;
}

/**
 * A new entry: `name` is the name the manifests use (kustomize matches entries to containers by it), and
 * `newName` the new repository when it is another one, as `kustomize edit set image name=new:tag` writes.
 * The manifests' name is the app's own image (the last of the matcher's names: an environment's override comes
 * first), or the image the CLI was given.
 */
function addEntry(file: YamlFile, where: NewEntryPlace, to: ImageRef): TextEdit {
  const { top, imagesPair, inManifests, styles } = where;
  const name = inManifests ?? to;
  const entries: NewEntry[] = [['name', familiarName(name), styles.get('name')]];
  if (!sameName(name, to)) entries.push(['newName', familiarName(to), styles.get('newName')]);
  if (to.tag !== undefined) entries.push(['newTag', to.tag, styles.get('newTag')]);
  if (to.digest !== undefined) entries.push(['digest', to.digest, styles.get('digest')]);
  if (!imagesPair) return appendListKey(file, top, 'images', entries);
  return appendMapItem(file, imagesPair, imagesPair.value as never, entries);
}
