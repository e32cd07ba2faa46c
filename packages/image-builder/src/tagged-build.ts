// build-image's entry point: an image name, tags and labels from Git, the build, the export. The action and
// `gitops build` both call it with plain values; it owns the defaults, the name check and the tag list.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { UserError } from '@gitops/errors';
import { formatImageRef, ImageRefError, parseImageRef } from '@gitops/image-ref';
import type { Logger } from '@gitops/log';
import type { BuilderChoice } from './builder';
import { type BuiltImage, buildImage } from './image';
import { type GitContext, type ImageMetadata, imageMetadata } from './metadata';

export interface TaggedBuildRequest {
  /** The image's name, without a tag or digest (`ghcr.io/acme/web`). */
  readonly image: string;
  /** Extra tags (templates with {sha}, {branch}, {version}) after those from Git. */
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
  /** Where secret files and the export go; default: the system's. */
  readonly tempDir?: string | undefined;
  /** Default: auto. */
  readonly builder?: BuilderChoice | undefined;
  /** Default: oci. */
  readonly output?: 'docker' | 'oci' | undefined;
  readonly logger: Logger;
}

export interface TaggedBuild {
  /** The name, as Docker shows it (`acme/web` for Docker Hub). */
  readonly image: string;
  /** Every tag, as whole references. */
  readonly references: readonly string[];
  readonly metadata: ImageMetadata;
  readonly built: BuiltImage;
}

export async function buildTagged(request: TaggedBuildRequest): Promise<TaggedBuild> {
  const name = imageName(request.image);
  const metadata = imageMetadata(request.git, [...(request.tags ?? [])], { ...request.labels });
  const references = metadata.tags.map((tag) => formatImageRef({ ...name, tag }, { familiar: true }));
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
      builder: request.builder ?? 'auto',
      output: request.output ?? 'oci',
    },
    request.logger,
  );
  return { image: formatImageRef(name, { familiar: true }), references, metadata, built };
}

function imageName(text: string) {
  let image: ReturnType<typeof parseImageRef>;
  try {
    image = parseImageRef(text);
  } catch (error) {
    if (error instanceof ImageRefError) throw error.about('image');
    throw error;
  }
  if (image.tag || image.digest)
    throw new UserError(`"${text}" names a version; give the name only and list tags in tags`, { subject: 'image' });
  return image;
}

/** The Git facts of a workflow run: GITHUB_REF, GITHUB_SHA and the event payload. */
export function gitContextOfRun(env: NodeJS.ProcessEnv): GitContext {
  let event: Record<string, unknown> = {};
  try {
    event = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH ?? '', 'utf8'));
  } catch {
    // no event file: tags come from GITHUB_REF and GITHUB_SHA alone
  }
  return {
    eventName: env.GITHUB_EVENT_NAME ?? 'push',
    ref: env.GITHUB_REF ?? '',
    sha: env.GITHUB_SHA ?? '0000000',
    repository: env.GITHUB_REPOSITORY ?? 'local/build',
    serverUrl: env.GITHUB_SERVER_URL ?? 'https://github.com',
    event,
  };
}

/** The Git facts of a working copy (outside Actions): HEAD, its tag or branch, the origin's owner/name. */
export function gitContextOfWorkingCopy(dir = '.'): GitContext {
  const git = (...args: string[]) => {
    try {
      return execFileSync('git', args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      return '';
    }
  };
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
  };
}
