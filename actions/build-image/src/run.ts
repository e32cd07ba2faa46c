// The build-image action: read inputs, build and export, write outputs and the summary.
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as core from '@actions/core';
import {
  actionLogger,
  booleanInput,
  ConfigurationError,
  choiceInput,
  keyValueInput,
  listInput,
  optionalInput,
  requiredInput,
} from '@gitops/action-kit';
import { buildImage, type GitContext, imageMetadata } from '@gitops/image-builder';
import { formatImageRef, ImageRefError, parseImageRef } from '@gitops/image-ref';

function gitContext(env: NodeJS.ProcessEnv): GitContext {
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

export async function run(): Promise<void> {
  if (booleanInput('push')) {
    throw new ConfigurationError(
      "build-image does not push: publish with push-registry, giving it this step's oci-path output as source: oci:<path>",
    );
  }
  const imageText = requiredInput('image');
  let image: ReturnType<typeof parseImageRef>;
  try {
    image = parseImageRef(imageText);
  } catch (error) {
    if (error instanceof ImageRefError) throw new ConfigurationError(`input image: ${error.message}`);
    throw error;
  }
  if (image.tag || image.digest)
    throw new ConfigurationError(
      `input image: "${imageText}" names a version; give the name only and list tags in the tags input`,
    );
  const secrets = keyValueInput('secrets');
  for (const value of Object.values(secrets)) if (value) core.setSecret(value);
  const metadata = imageMetadata(gitContext(process.env), listInput('tags'), keyValueInput('labels'));
  const references = metadata.tags.map((tag) => formatImageRef({ ...image, tag }, { familiar: true }));
  const output = choiceInput('output', ['docker', 'oci'] as const) ?? 'oci';
  const built = await buildImage(
    {
      context: requiredInput('context'),
      file: optionalInput('file'),
      tags: references,
      buildArgs: keyValueInput('build-args'),
      labels: metadata.labels,
      target: optionalInput('target'),
      platforms: listInput('platforms'),
      cacheFrom: listInput('cache-from', { ignoreComma: true }),
      cacheTo: listInput('cache-to', { ignoreComma: true }),
      secrets,
      tempDir: process.env.RUNNER_TEMP ?? tmpdir(),
      builder: choiceInput('builder', ['auto', 'buildx', 'docker'] as const) ?? 'auto',
      output,
    },
    actionLogger('gitops build-image'),
  );
  core.setOutput('image', formatImageRef(image, { familiar: true }));
  core.setOutput('tags', references.join('\n'));
  core.setOutput('image-id', built.imageId);
  core.setOutput('digest', built.digest);
  core.setOutput('oci-path', built.ociPath ?? '');
  core.setOutput(
    'metadata',
    JSON.stringify({
      image: formatImageRef(image, { familiar: true }),
      tags: references,
      labels: metadata.labels,
      version: metadata.version,
      digest: built.digest,
      imageId: built.imageId,
      builder: built.builder,
    }),
  );
  await core.summary
    .addHeading('build-image', 3)
    .addTable([
      [
        { data: 'tag', header: true },
        { data: 'digest', header: true },
      ],
      ...references.map((reference) => [reference, built.digest]),
    ])
    .addRaw(`Builder: ${built.builder}. ${built.ociPath ? `OCI layout: <code>${built.ociPath}</code>` : ''}`, true)
    .write();
}
