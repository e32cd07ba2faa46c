// A `path:` target: one value at a YAML path (Helm values, HelmRelease values, Argo CD parameters), holding
// the part of the reference that `write` names.
import type { WriteMode } from '@gitops/config';
import { readPartAt, writePart } from '../image-value';
import type { Place } from '../place';
import { fail, ManifestError } from '../problems';
import { editableScalar, scalarText, setScalar } from '../scalar';
import type { YamlFile } from '../yaml-file';
import { formatYamlPath, lookupPath, parseYamlPath, YamlPathError } from '../yaml-path';

export function findPathValue(file: YamlFile, pathText: string, write: WriteMode): Place {
  let segments: ReturnType<typeof parseYamlPath>;
  try {
    segments = parseYamlPath(pathText);
  } catch (error) {
    if (error instanceof YamlPathError) fail({ file: file.file }, error.message);
    throw error;
  }
  const found = file.documents.map((document) => lookupPath(document.contents, segments));
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
  const hit = hits[0] as (typeof hits)[number];
  const at =
    (hit.node as { range?: number[] } | null)?.range?.[0] ?? (hit.pair?.key as { range?: number[] })?.range?.[0] ?? 0;
  const scalar = editableScalar(file, hit.node, `the value at ${formatYamlPath(segments)}`, at);
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
