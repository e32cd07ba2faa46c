// `gitops set-image`: set an image in given files, or in an app's targets of one environment.
import * as path from 'node:path';
import { loadConfig, type WriteMode } from '@gitops/config';
import { type ImageRef, parseImageRef, resolveImageUpdate } from '@gitops/image-ref';
import {
  FileCache,
  type FileChange,
  ManifestError,
  namedImageMatcher,
  planImageChanges,
  planSetImage,
  readImage,
  unifiedDiff,
  writeChanges,
} from '@gitops/manifests';
import { type Command, exitCodes, givenValue, type Output, type ParsedArgs, UsageError } from '../command';
import { jsonFlag, printJson } from '../report';

const writeModes: readonly WriteMode[] = ['reference', 'tag', 'digest', 'tag@digest'];

export const setImage: Command = {
  path: ['set-image'],
  summary: 'set an image in files, or in an app of an environment (gitops.yaml)',
  help: `Usage: gitops set-image FILE... --image NAME --to REF [--path P [--write MODE]] [--marker POLICY] [--dry-run]
       gitops set-image --env ENVIRONMENT --app APP --to REF [--config FILE] [--dry-run]

Changes only the bytes of the values it sets: comments, quotes, order and line endings stay.
Without --path the kind of each FILE is found: setter markers of the image's policy, a kustomization's
images: entry (added when missing), or the containers of workload manifests.

REF is a tag (1.4.2, :1.4.2), a digest (@sha256:..., or sha256:... as build-push-action prints it), both
(1.4.2@sha256:...) or a whole reference (docs/targets.md, "Reference grammar").
FILE may be any path, absolute or relative; a symbolic link is followed and the file it points to is edited.

Options:
  --image NAME          the image to change, e.g. ghcr.io/acme/web (file mode)
  --to REF              the new version
  --path P              a YAML path in each FILE, e.g. image.tag, spec.values.image, containers[0].image
  --write MODE          what the value at --path holds: reference (default), tag, digest, tag@digest
  --marker POLICY       use setter markers of this Flux policy (namespace:name) or gitops:image app name
  --env ENVIRONMENT     environment of gitops.yaml (with --app)
  --app APP             app of gitops.yaml (with --env)
  --config FILE         gitops.yaml to read (default: ./gitops.yaml)
  --dry-run             print a unified diff and write nothing
  --json                print {changed, dryRun, files: [{file, diff}]} instead of text
  -h, --help            show this help

Exit codes: 0 set (or already set), 1 nothing matched or an invalid file (named), 2 usage error.`,
  options: {
    image: { type: 'string' },
    to: { type: 'string' },
    path: { type: 'string' },
    write: { type: 'string' },
    marker: { type: 'string' },
    env: { type: 'string' },
    app: { type: 'string' },
    config: { type: 'string' },
    'dry-run': { type: 'boolean' },
    ...jsonFlag,
  },
  positionals: ['...files'],
  async run(args, output) {
    const to = stringOption(args, 'to');
    if (to === undefined) throw new UsageError('--to is required');
    const byConfig = args.values.env !== undefined || args.values.app !== undefined;
    let root: string;
    let changes: FileChange[];
    if (byConfig) {
      for (const flag of ['image', 'path', 'write', 'marker'] as const) {
        if (args.values[flag] !== undefined)
          throw new UsageError(`--${flag} applies to files; with --env and --app the targets come from gitops.yaml`);
      }
      if (args.positionals.length) throw new UsageError('give either FILE... or --env and --app, not both');
      const environment = stringOption(args, 'env');
      const app = stringOption(args, 'app');
      if (environment === undefined || app === undefined) throw new UsageError('--env and --app go together');
      const config = loadConfig(typeof args.values.config === 'string' ? { config: args.values.config } : {});
      root = config.root;
      changes = planSetImage(config, environment, app, to);
    } else {
      const files = new GivenFiles(args.positionals);
      root = files.root;
      changes = files.shown(() => planForFiles(files, args, to));
      return report(output, root, changes, modeOf(args), (file) => files.asGiven(file));
    }
    return report(output, root, changes, modeOf(args), (file) => file);
  },
};

function planForFiles(files: GivenFiles, args: ParsedArgs, toText: string): FileChange[] {
  if (args.positionals.length === 0) throw new UsageError('name the files to change, or use --env and --app');
  const imageText = stringOption(args, 'image');
  if (imageText === undefined) throw new UsageError('--image is required with files');
  const write = stringOption(args, 'write');
  const yamlPath = stringOption(args, 'path');
  if (write !== undefined && yamlPath === undefined) throw new UsageError('--write needs --path');
  if (write !== undefined && !writeModes.includes(write as WriteMode)) {
    throw new UsageError(`--write must be one of ${writeModes.join(', ')}, not "${write}"`);
  }
  const marker = stringOption(args, 'marker');
  if (marker !== undefined && yamlPath !== undefined) throw new UsageError('--marker and --path exclude each other');
  const image = imageOption(imageText);
  const matcher = namedImageMatcher(image, marker);
  const targets = {
    files: files.names.map((file) => ({ file, path: yamlPath, write: write as WriteMode | undefined })),
  };
  const written = () => writtenImage(new FileCache(files.root), targets.files, matcher);
  const to = givenValue('to', () => resolveImageUpdate(toText, versionBase(toText, image, written)));
  return planImageChanges(files.root, [{ matcher, to, targets, optionalFiles: true }]);
}

/** The image the first of `files` that writes it has now; files without it are passed over. */
function writtenImage(
  cache: FileCache,
  files: readonly { file: string; path: string | undefined; write: WriteMode | undefined }[],
  matcher: ReturnType<typeof namedImageMatcher>,
): ImageRef | undefined {
  for (const file of files) {
    try {
      const image = readImage(cache, { files: [file] }, matcher).image;
      if (image) return image;
    } catch {
      // not in this file, or not readable here: planning reports it
    }
  }
  return undefined;
}

/**
 * What a --to that is a version alone (`1.2.3`, `@sha256:…`) is a version of: the image the files write now, when
 * they write it under another repository (a kustomization's newName), which then stays; else --image.
 */
function versionBase(toText: string, image: ImageRef, written: () => ImageRef | undefined): ImageRef {
  const probe = { registry: 'probe.invalid', repository: 'probe' };
  let versionOnly = false;
  try {
    versionOnly = resolveImageUpdate(toText, probe).repository === probe.repository;
  } catch {
    return image; // resolveImageUpdate says what is wrong with --to
  }
  if (!versionOnly) return image;
  return written() ?? image;
}

function imageOption(text: string): ImageRef {
  const ref = givenValue('image', () => parseImageRef(text));
  if (ref.tag !== undefined || ref.digest !== undefined)
    throw new UsageError(`--image names the image only; put the version in --to`);
  return ref;
}

/**
 * The files a user named, anywhere: absolute or relative, inside a git repository or not. The "stays inside the
 * repository" rule is for gitops.yaml targets; here the user names the files, so the engine works from the
 * file system's root, and every name is shown back the way the user wrote it.
 */
class GivenFiles {
  readonly root: string;
  /** Engine names (relative to `root`), in the order given. */
  readonly names: string[];
  private readonly given = new Map<string, string>();

  constructor(files: readonly string[]) {
    this.root = path.parse(process.cwd()).root;
    this.names = files.map((file) => {
      const name = path.relative(this.root, path.resolve(file)).split(path.sep).join('/');
      this.given.set(name, file);
      return name;
    });
  }

  asGiven(name: string): string {
    return this.given.get(name) ?? name;
  }

  /** Runs the plan, naming files as given in what it returns and in every problem it reports. */
  shown(plan: () => FileChange[]): FileChange[] {
    try {
      return plan();
    } catch (error) {
      if (!(error instanceof ManifestError)) throw error;
      throw new ManifestError(
        error.problems.map((problem) => ({
          ...problem,
          location: { ...problem.location, file: this.asGiven(problem.location.file) },
        })),
      );
    }
  }
}

function stringOption(args: ParsedArgs, name: string): string | undefined {
  const value = args.values[name];
  return typeof value === 'string' ? value : undefined;
}

function modeOf(args: ParsedArgs): { readonly dryRun: boolean; readonly json: boolean } {
  return { dryRun: args.values['dry-run'] === true, json: args.values.json === true };
}

function report(
  output: Output,
  root: string,
  changes: readonly FileChange[],
  { dryRun, json }: { readonly dryRun: boolean; readonly json: boolean },
  shown: (file: string) => string,
): number {
  if (json) {
    if (!dryRun) writeChanges(root, changes);
    printJson(output, {
      changed: changes.length > 0,
      dryRun,
      files: changes.map((change) => ({
        file: shown(change.file),
        diff: unifiedDiff([{ ...change, file: shown(change.file) }]),
      })),
    });
    return exitCodes.ok;
  }
  if (changes.length === 0) {
    output.out('no change: every place already has that image');
    return exitCodes.ok;
  }
  if (dryRun) {
    output.out(unifiedDiff(changes.map((change) => ({ ...change, file: shown(change.file) }))).trimEnd());
    return exitCodes.ok;
  }
  writeChanges(root, changes);
  for (const change of changes) output.out(`updated ${shown(change.file)}`);
  return exitCodes.ok;
}
