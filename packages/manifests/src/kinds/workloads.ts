// Plain manifests: every containers[].image, initContainers[].image and ephemeralContainers[].image of the
// app's image in the workload kinds, multi-document files included.
import { isAlias, isMap, isScalar, isSeq, type Node } from 'yaml';
import { readPartAt, writePart } from '../image-value';
import type { AppMatcher, Place } from '../place';
import { editableScalar, scalarText, setScalar } from '../scalar';
import type { YamlFile } from '../yaml-file';
import { lookupPath } from '../yaml-path';
import { matchesName } from './names';

const template = ['spec', 'template', 'spec'];
export const podSpecPaths: Readonly<Record<string, readonly string[]>> = {
  Pod: ['spec'],
  Deployment: template,
  StatefulSet: template,
  DaemonSet: template,
  ReplicaSet: template,
  Job: template,
  Rollout: template,
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};
const containerLists = ['initContainers', 'containers', 'ephemeralContainers'];

export function findWorkloadImages(file: YamlFile, matcher: AppMatcher): Place[] {
  const places: Place[] = [];
  for (const document of file.documents) {
    const kind = lookupPath(document.contents, ['kind']);
    const kindName = kind.found && isScalar(kind.node) ? String(kind.node.value) : undefined;
    const specPath = kindName === undefined ? undefined : podSpecPaths[kindName];
    if (!specPath) continue;
    const spec = lookupPath(document.contents, specPath);
    if (!spec.found) continue;
    for (const list of containerLists) {
      const containers = lookupPath(spec.node, [list]);
      if (!containers.found || !isSeq(containers.node)) continue;
      for (const container of containers.node.items) {
        if (!isMap(container)) continue;
        const image = lookupPath(container, ['image']);
        if (!image.found) continue;
        let node = image.node;
        if (isAlias(node)) node = node.resolve(document);
        if (!isScalar(node) || typeof node.value !== 'string' || !matchesName(node.value, matcher)) continue;
        places.push(
          imagePlace(
            file,
            image.node as Node,
            image.inFlow || containers.node.flow === true || container.flow === true,
          ),
        );
      }
    }
  }
  return places;
}

function imagePlace(file: YamlFile, node: Node, inFlow: boolean): Place {
  const at = node.range?.[0] ?? 0;
  const scalar = editableScalar(file, node, 'the container image', at);
  const value = scalarText(file, scalar);
  const location = file.location(at);
  const image = readPartAt('reference', value, location);
  return {
    site: { location, kind: 'manifest', part: 'reference', value, image },
    edits: (to) => {
      const edit = setScalar(file, scalar, writePart('reference', to, value), inFlow);
      return edit ? [edit] : [];
    },
  };
}
