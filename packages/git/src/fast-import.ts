// Commits for `git fast-import`: the stream that adds any number of commits on top of a parent in one process,
// each with whole new contents of the files it changes (ConfigCheckout.appendCommits).
import { UserError } from '@gitops/errors';
import { type Identity, identityVariables } from './identity';

/** A commit for appendCommits: whole new contents of the files it changes. */
export interface NewCommit {
  readonly message: string;
  readonly author: Identity & { readonly date?: string | undefined };
  readonly committer: Identity;
  readonly files: readonly { readonly path: string; readonly content: string }[];
}

/**
 * The fast-import stream of `commits` on `parent`, on `branch`, each file written with the mode it has at HEAD
 * (`modes`); the marks of the new commits are asked for at the end, in order.
 */
export function fastImportStream(input: {
  readonly branch: string;
  readonly parent: string;
  readonly commits: readonly NewCommit[];
  readonly modes: ReadonlyMap<string, string>;
}): string {
  const { branch, parent, commits, modes } = input;
  const chunks: string[] = [];
  const data = (text: string) => `data ${Buffer.byteLength(text)}\n${text}\n`;
  commits.forEach((commit, index) => {
    chunks.push(
      `commit refs/heads/${branch}\n`,
      `mark :${index + 1}\n`,
      `author ${commit.author.name} <${commit.author.email}> ${rawDate(commit.author.date)}\n`,
      `committer ${commit.committer.name} <${commit.committer.email}> ${rawDate(undefined)}\n`,
      data(commit.message),
    );
    if (index === 0) chunks.push(`from ${parent}\n`);
    for (const file of commit.files) {
      const mode = modes.get(file.path);
      if (mode !== '100644' && mode !== '100755')
        throw new UserError(`${file.path} is not a regular file tracked at HEAD; cannot commit it here`);
      chunks.push(`M ${mode} inline ${quotePath(file.path)}\n`, data(file.content));
    }
  });
  commits.forEach((_, index) => {
    chunks.push(`get-mark :${index + 1}\n`);
  });
  chunks.push('done\n');
  return chunks.join('');
}

/** A date as fast-import reads it (`<seconds> <+hhmm>`); now when none is given. */
function rawDate(iso: string | undefined): string {
  const time = iso === undefined ? Number.NaN : Date.parse(iso);
  const seconds = Math.floor((Number.isFinite(time) ? time : Date.now()) / 1000);
  const zone = iso && /([+-])(\d\d):?(\d\d)$/.exec(iso);
  return `${seconds} ${zone ? `${zone[1]}${zone[2]}${zone[3]}` : '+0000'}`;
}

/** A path as fast-import reads it: C-style quoted when it could be misread. */
function quotePath(file: string): string {
  if (!/["\\\n]/.test(file) && !file.startsWith('"')) return file;
  return `"${file.replace(/["\\]/g, (c) => `\\${c}`).replace(/\n/g, '\\n')}"`;
}

/** Runs git in the checkout, with input and variables. */
type Run = (args: readonly string[], input?: string, env?: Record<string, string>) => Promise<string>;

/**
 * The commits fast-import made (`made`, from `commits`) made again, signed, each on the one before: fast-import
 * cannot sign. Same trees, messages, authors and dates. The branch moves to the last.
 */
export async function signChain(input: {
  readonly run: Run;
  readonly branch: string;
  readonly parent: string;
  readonly commits: readonly NewCommit[];
  readonly made: readonly string[];
}): Promise<string[]> {
  const { run, commits } = input;
  const trees = (await run(['rev-parse', ...input.made.map((commit) => `${commit}^{tree}`)])).split('\n');
  const signed: string[] = [];
  let onto = input.parent;
  for (const [index, commit] of commits.entries()) {
    const variables = identityVariables(commit.author, commit.committer);
    const tree = trees[index]?.trim() ?? '';
    onto = (await run(['commit-tree', '-S', tree, '-p', onto, '-F', '-'], commit.message, variables)).trim();
    signed.push(onto);
  }
  if (signed.length > 0) await run(['update-ref', `refs/heads/${input.branch}`, onto]);
  return signed;
}
