// The build-image action's inputs, read and checked in one place before anything is built.
import * as core from '@actions/core';
import {
  booleanInput,
  ConfigurationError,
  choiceInput,
  keyValueInput,
  listInput,
  optionalInput,
  requiredInput,
} from '@gitops/action-kit';
import { chooseEngine, type EngineChoice } from '@gitops/image-builder';

export interface BuildImageInputs {
  image: string | undefined;
  tags: string[];
  labels: Record<string, string>;
  context: string;
  file: string | undefined;
  buildArgs: Record<string, string>;
  target: string | undefined;
  platforms: string[];
  cacheFrom: string[];
  cacheTo: string[];
  secrets: Record<string, string>;
  engine: EngineChoice;
  builderInstance: string | undefined;
  provenance: string | undefined;
  sbom: string | undefined;
  output: 'docker' | 'oci';
  isolation: string | undefined;
}

export function getInputs(): BuildImageInputs {
  if (booleanInput('push')) {
    throw new ConfigurationError(
      "build-image does not push: publish with push-registry, giving it this step's oci-path output as source: oci:<path>",
    );
  }
  const secrets = keyValueInput('secrets');
  const { engine, instance, note } = chooseEngine(optionalInput('engine'), optionalInput('builder'), {
    engine: 'engine',
    builder: 'builder',
  });
  if (note) core.warning(note);
  for (const value of Object.values(secrets)) if (value) core.setSecret(value);
  return {
    image: optionalInput('image'),
    // One per line or comma separated; metadata-action's `tags` output (full references, one per line) as is.
    tags: listInput('tags'),
    labels: keyValueInput('labels'),
    context: requiredInput('context'),
    file: optionalInput('file'),
    buildArgs: keyValueInput('build-args'),
    target: optionalInput('target'),
    platforms: listInput('platforms'),
    // One item per line: `type=registry,ref=…` holds commas of its own.
    cacheFrom: listInput('cache-from', { ignoreComma: true }),
    cacheTo: listInput('cache-to', { ignoreComma: true }),
    secrets,
    engine,
    builderInstance: instance,
    provenance: optionalInput('provenance'),
    sbom: optionalInput('sbom'),
    output: choiceInput('output', ['docker', 'oci'] as const) ?? 'oci',
    isolation: isolationInput(engine),
  };
}

/** buildah's isolation; refused for engines that are not buildah, where it would be ignored silently. */
function isolationInput(engine: EngineChoice): string | undefined {
  const isolation = choiceInput('isolation', ['oci', 'rootless', 'chroot'] as const);
  if (isolation && engine !== 'buildah' && engine !== 'auto')
    throw new ConfigurationError(`input isolation is buildah's setting; engine ${engine} does not take it`);
  return isolation;
}
