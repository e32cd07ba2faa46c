// build-image's entry point: an image name, tags and labels from Git, the build, the export. The action and
// `gitops build` both call it with plain values; it owns the defaults, the name check and the tag list.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { UserError } from '@gitops/errors';
import { formatImageRef, type ImageRef, ImageRefError, parseImageRef } from '@gitops/image-ref';
import type { Logger } from '@gitops/log';
import semver from 'semver';
import type { EngineChoice } from './builder';
import { type BuiltImage, buildImage } from './image';
import { commitTimeOf, type GitContext, type ImageMetadata, imageMetadata } from './metadata';

export interface TaggedBuildRequest {
  /**
   * The image's name, without a tag or digest (`ghcr.io/acme/web`); lower-cased, as `ghcr.io/${{ github.repository }}`
   * needs. May be left out when `tags` holds full references (docker/metadata-action's `tags` output).
   */
  readonly image?: string | undefined;
  /**
   * Extra tags, templates in metadata-action's syntax ({{sha}}, {{branch}}, {{version}}, …), after those from Git;
   * or full references, one per line, as metadata-action's `tags` output gives them: then these are the tags.
   */
  readonly tags?: readonly string[] | undefined;
  readonly labels?: Readonly<Record<string, string>> | undefined;
  readonly git: GitContext;
  /** Default: `.` */
  readonly context?: string | undefined;
  readonly file?: string | undefined;
  readonly buildArgs?: Readonly<Record<string, string>> | undefined;
  readonly target?: string | undefined;
  readonly platforms?: readonly string[] | undefined;
  readonly cacheFrom?: readonly string[] | undefined;
  readonly cacheTo?: readonly string[] | undefined;
  readonly secrets?: Readonly<Record<string, string>> | undefined;
  /** build-push-action's `provenance` and `sbom`: attestations made by BuildKit, kept in the OCI layout. */
  readonly provenance?: string | undefined;
  readonly sbom?: string | undefined;
  /** Where secret files and the export go; default: the system's. */
  readonly tempDir?: string | undefined;
  /** Default: auto. */
  readonly engine?: EngineChoice | undefined;
  /** A buildx instance by name, as build-push-action's `builder`. */
  readonly builderInstance?: string | undefined;
  /** Default: oci. */
  readonly output?: 'docker' | 'oci' | undefined;
  /** With `oci`: the folder to write the layout to (new or empty); default: a fresh one under `tempDir`. */
  readonly layoutDir?: string | undefined;
  /** buildah's `--isolation` (`oci`, `rootless`, `chroot`). */
  readonly isolation?: string | undefined;
  /** SOURCE_DATE_EPOCH from the environment, which wins over the commit's time. */
  readonly sourceDateEpoch?: string | undefined;
  readonly logger: Logger;
}

export interface TaggedBuild {
  /** The name, as Docker shows it (`acme/web` for Docker Hub). */
  readonly image: string;
  /** Every tag, as whole references. */
  readonly references: readonly string[];
  /** The most specific of them (a release's X.Y.Z, else sha-<7>): what deploy writes beside the digest. */
  readonly reference: string;
  readonly metadata: ImageMetadata;
  readonly built: BuiltImage;
  /** The time the image is stamped with, in seconds since 1970, when one was known. */
  readonly sourceDateEpoch: number | undefined;
}

export async function buildTagged(request: TaggedBuildRequest): Promise<TaggedBuild> {
  const lines = request.tags ?? [];
  const given = lines.filter(isReference).map((line) => parseReference(line));
  const name = request.image ? imageName(request.image) : given[0] ? { ...given[0], tag: undefined } : undefined;
  if (!name)
    throw new UserError('give the image name, or full references in tags (as docker/metadata-action makes them)', {
      subject: 'image',
    });
  const templates = lines.filter((line) => !isReference(line));
  // metadata-action's references are the whole list: no tags of our own beside them.
  const metadata = imageMetadata(request.git, templates, { ...request.labels }, new Date(), {
    defaults: given.length === 0,
  });
  const references = [
    ...new Set([
      ...given.map((ref) => formatImageRef(ref, { familiar: true })),
      ...metadata.tags.map((tag) => formatImageRef({ ...name, tag }, { familiar: true })),
    ]),
  ];
  const epoch = sourceDateEpoch(request.sourceDateEpoch, request.git);
  const built = await buildImage(
    {
      context: request.context ?? '.',
      file: request.file,
      tags: references,
      buildArgs: { ...request.buildArgs },
      labels: metadata.labels,
      target: request.target,
      platforms: request.platforms ?? [],
      cacheFrom: request.cacheFrom ?? [],
      cacheTo: request.cacheTo ?? [],
      secrets: { ...request.secrets },
      tempDir: request.tempDir ?? tmpdir(),
      sourceDateEpoch: epoch,
      provenance: request.provenance,
      sbom: request.sbom,
      engine: request.engine ?? 'auto',
      builderInstance: request.builderInstance,
      output: request.output ?? 'oci',
      layoutDir: request.layoutDir,
      isolation: request.isolation,
    },
    request.logger,
  );
  return {
    image: formatImageRef(name, { familiar: true }),
    references,
    reference: mostSpecific(references),
    metadata,
    built,
    sourceDateEpoch: epoch,
  };
}

/**
 * The reference whose tag names this build most exactly: a full version (`1.4.2`, `v2.0.0-rc.1`), else the commit
 * (`sha-1a2b3c4`), else the first. Manifests, `gitops status` and commit subjects then read as a version.
 */
function mostSpecific(references: readonly string[]): string {
  const tagOf = (reference: string) => parseImageRef(reference).tag ?? '';
  return (
    references.find((reference) => semver.valid(tagOf(reference)) !== null) ??
    references.find((reference) => /^sha-[0-9a-f]{7,}$/.test(tagOf(reference))) ??
    (references[0] as string)
  );
}

/** A line of `tags` that is a whole reference (has a name), not a tag: tags hold neither `/` nor `:`. */
function isReference(line: string): boolean {
  return /[/:]/.test(line.replace(/\{\{[^}]*\}\}/g, ''));
}

function parseReference(line: string): ImageRef {
  try {
    const ref = parseImageRef(lowerCaseName(line));
    if (ref.digest) throw new UserError(`"${line}" pins a digest; a tag names what is built`, { subject: 'tags' });
    return ref;
  } catch (error) {
    if (error instanceof ImageRefError) throw error.about('tags');
    throw error;
  }
}

/** The name part lower-cased (registries and repositories are), the tag as it is. */
function lowerCaseName(text: string): string {
  const tagAt = text.lastIndexOf(':');
  const tagged = tagAt > text.lastIndexOf('/');
  return tagged ? `${text.slice(0, tagAt).toLowerCase()}${text.slice(tagAt)}` : text.toLowerCase();
}

function imageName(text: string): ImageRef {
  let image: ImageRef;
  try {
    image = parseImageRef(lowerCaseName(text));
  } catch (error) {
    if (error instanceof ImageRefError) throw error.about('image');
    throw error;
  }
  if (image.tag || image.digest)
    throw new UserError(`"${text}" names a version; give the name only and list tags in tags`, { subject: 'image' });
  return image;
}

/** SOURCE_DATE_EPOCH as the environment gives it, else the commit's time; undefined when neither is known. */
function sourceDateEpoch(fromEnvironment: string | undefined, git: GitContext): number | undefined {
  if (fromEnvironment !== undefined && fromEnvironment !== '') {
    if (!/^\d+$/.test(fromEnvironment))
      throw new UserError(`"${fromEnvironment}" is not a number of seconds since 1970`, {
        subject: 'SOURCE_DATE_EPOCH',
      });
    return Number(fromEnvironment);
  }
  const time = commitTimeOf(git);
  return time ? Math.floor(time.getTime() / 1000) : undefined;
}

/** The commit's time in the repository at `dir`, when git knows the commit. */
function commitTimeIn(dir: string, commit: string): Date | undefined {
  const seconds = gitOutput(dir, ['show', '-s', '--format=%ct', commit, '--']);
  return /^\d+$/.test(seconds) ? new Date(Number(seconds) * 1000) : undefined;
}

/** What git prints for `args` in `dir`, trimmed; empty when git fails (no repository, no such commit). */
function gitOutput(dir: string, args: readonly string[]): string {
  try {
    return execFileSync('git', args, {
      cwd: dir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 30_000,
    }).trim();
  } catch {
    return '';
  }
}

/** The Git facts of a workflow run: GITHUB_REF, GITHUB_SHA, the event payload and the checkout's commit time. */
export function gitContextOfRun(env: NodeJS.ProcessEnv): GitContext {
  let event: Record<string, unknown> = {};
  try {
    event = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH ?? '', 'utf8'));
  } catch {
    // no event file: tags come from GITHUB_REF and GITHUB_SHA alone
  }
  const sha = env.GITHUB_SHA ?? '0000000';
  return {
    eventName: env.GITHUB_EVENT_NAME ?? 'push',
    ref: env.GITHUB_REF ?? '',
    sha,
    repository: env.GITHUB_REPOSITORY ?? 'local/build',
    serverUrl: env.GITHUB_SERVER_URL ?? 'https://github.com',
    event,
    commitTime: /^[0-9a-f]{40,64}$/.test(sha) ? commitTimeIn(env.GITHUB_WORKSPACE ?? '.', sha) : undefined,
  };
}

/** The Git facts of a working copy (outside Actions): HEAD, its tag or branch, the origin's owner/name. */
export function gitContextOfWorkingCopy(dir = '.'): GitContext {
  const git = (...args: string[]) => gitOutput(dir, args);
  const sha = git('rev-parse', 'HEAD') || '0000000';
  const tag = git('describe', '--tags', '--exact-match', 'HEAD');
  const branch = git('symbolic-ref', '--short', 'HEAD');
  const remote = git('remote', 'get-url', 'origin');
  const repository = /[/:]([^/:]+\/[^/]+?)(?:\.git)?$/.exec(remote)?.[1] ?? 'local/build';
  return {
    eventName: 'push',
    ref: tag ? `refs/tags/${tag}` : branch ? `refs/heads/${branch}` : '',
    sha,
    repository,
    serverUrl: 'https://github.com',
    event: {},
    commitTime: sha === '0000000' ? undefined : commitTimeIn(dir, sha),
  };
}
