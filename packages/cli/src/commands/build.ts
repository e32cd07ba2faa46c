// `gitops build`: build-image's engine from a terminal.
import { rmSync } from 'node:fs';
import { buildTagged, chooseEngine, gitContextOfWorkingCopy } from '@gitops/image-builder';
import { terminalLogger } from '@gitops/log';
import { type Command, exitCodes, UsageError } from '../command';
import { jsonFlag, jsonFlagHelp, printJson } from '../report';

export const buildCommand: Command = {
  path: ['build'],
  summary: 'build an image, tag and label it from Git, export an OCI layout',
  help: `Usage: gitops build --image NAME [CONTEXT] [--file F] [--tag T]... [--build-arg K=V]... [--label K=V]...
                    [--target STAGE] [--platform P]... [--secret ID=VALUE]... [--output DIR|docker]
                    [--engine auto|buildx|docker|buildah] [--builder BUILDX-INSTANCE]
                    [--isolation oci|rootless|chroot] [--provenance V] [--sbom V] [--json]

Tags: sha-<7> of HEAD, the branch, and X.Y.Z, X.Y, X when HEAD is a vX.Y.Z tag, plus --tag (templates with
{{sha}}, {{branch}}, {{tag}}, {{version}}, {{major}}, {{minor}}, {{patch}}, {{date 'YYYYMMDD'}}). A --tag that
is a whole reference (as docker/metadata-action prints them) makes the tags that list alone, and --image may
be left out. Labels: org.opencontainers.image.* from the repository and commit. Image times come from
SOURCE_DATE_EPOCH, else HEAD's commit time. Prints the tags and the digest push-registry will publish.

--output DIR writes the OCI layout to DIR (new or empty), for \`gitops copy oci:DIR …\`; --output docker keeps
the image in the engine (or buildah's storage) only. Without --output the layout is made in the temp folder for
the digest, then removed: nothing is left behind. --isolation is buildah's (chroot where its runtime cannot make
containers: hybrid cgroups, inside a container).

${jsonFlagHelp}`,
  options: {
    ...jsonFlag,
    image: { type: 'string' },
    file: { type: 'string' },
    tag: { type: 'string', multiple: true },
    'build-arg': { type: 'string', multiple: true },
    label: { type: 'string', multiple: true },
    target: { type: 'string' },
    platform: { type: 'string', multiple: true },
    secret: { type: 'string', multiple: true },
    output: { type: 'string' },
    engine: { type: 'string' },
    builder: { type: 'string' },
    isolation: { type: 'string' },
    provenance: { type: 'string' },
    sbom: { type: 'string' },
  },
  positionals: ['context'],
  async run({ values, positionals }, output) {
    const pairs = (name: string) =>
      Object.fromEntries(
        ((values[name] as string[] | undefined) ?? []).map((pair) => {
          const equals = pair.indexOf('=');
          if (equals <= 0) throw new UsageError(`--${name} "${pair}" is not KEY=value`);
          return [pair.slice(0, equals), pair.slice(equals + 1)];
        }),
      );
    const { outputKind, layoutDir } = outputFlag(values.output as string | undefined);
    const isolation = values.isolation as string | undefined;
    if (isolation !== undefined && !['oci', 'rootless', 'chroot'].includes(isolation))
      throw new UsageError(`--isolation must be oci, rootless or chroot, not "${isolation}"`);
    const logger = terminalLogger();
    const { engine, instance, note } = chooseEngine(
      values.engine as string | undefined,
      values.builder as string | undefined,
      { engine: '--engine', builder: '--builder' },
    );
    if (note) logger.warning(note);
    const { references: tags, built } = await buildTagged({
      image: values.image as string | undefined,
      tags: (values.tag as string[] | undefined) ?? [],
      labels: pairs('label'),
      git: gitContextOfWorkingCopy(),
      context: positionals[0],
      file: values.file as string | undefined,
      buildArgs: pairs('build-arg'),
      target: values.target as string | undefined,
      platforms: (values.platform as string[] | undefined) ?? [],
      secrets: pairs('secret'),
      engine,
      builderInstance: instance,
      provenance: values.provenance as string | undefined,
      sbom: values.sbom as string | undefined,
      output: outputKind,
      layoutDir,
      isolation,
      sourceDateEpoch: process.env.SOURCE_DATE_EPOCH,
      logger,
    });
    // Without --output the layout only gave the digest: it goes, rather than hundreds of MB left in /tmp.
    const kept = layoutDir === undefined ? undefined : built.ociPath;
    if (layoutDir === undefined && built.ociPath) rmSync(built.ociPath, { recursive: true, force: true });
    if (values.json === true) {
      printJson(output, { tags, digest: built.digest, ociPath: kept ?? null });
      return exitCodes.ok;
    }
    for (const tag of tags) output.out(tag);
    output.out(`digest ${built.digest}`);
    if (kept) output.out(`oci-path ${kept}`);
    return exitCodes.ok;
  },
};

/** `--output`: docker, or the folder for the OCI layout; `oci` (the old spelling of the default) asks for the folder. */
function outputFlag(value: string | undefined): { outputKind: 'oci' | 'docker'; layoutDir: string | undefined } {
  if (value === undefined) return { outputKind: 'oci', layoutDir: undefined };
  if (value === 'docker') return { outputKind: 'docker', layoutDir: undefined };
  if (value === 'oci' || value === '')
    throw new UsageError('--output takes the folder to write the OCI layout to (--output ./layout), or docker');
  return { outputKind: 'oci', layoutDir: value };
}
