// validate's entry point for a change under review: check every environment, and on a pull request also render
// the diff against its base and keep one comment up to date. The action and the CLI call it with plain values.
import { UserError } from '@gitops/errors';
import { GitHubComments, githubClient } from '@gitops/github';
import type { Logger } from '@gitops/log';
import { relocateResult } from './report';
import { type ValidateOptions, type ValidationResult, validateRepository } from './validate';
import { commentMarker, validationComment } from './validation-comment';
import { type ChangesSince, changesSince, diffWithBase, type EnvironmentDiff } from './validation-diff';

export interface PullRequestUnderReview {
  /** `owner/name` */
  readonly repository: string;
  readonly number: number;
  readonly baseSha: string;
  readonly headSha: string;
}

export interface ValidateChangeOptions extends Omit<ValidateOptions, 'changedFiles' | 'changedPaths'> {
  /** The pull request being validated, when there is one. */
  readonly pullRequest?: PullRequestUnderReview | undefined;
  /**
   * Render and check only the environments that read a path changed since the pull request's base (or
   * `changedSince`). Default true; false checks every environment.
   */
  readonly onlyChanged?: boolean | undefined;
  /** Without a pull request: the commit whose changes select the environments (the CLI's --changed-since). */
  readonly changedSince?: string | undefined;
  /** Render every environment at the pull request's base too, and diff. */
  readonly diff?: boolean | undefined;
  /** Keep one comment on the pull request with the findings and the diff. */
  readonly comment?: boolean | undefined;
  readonly token?: string | undefined;
  /** Default: https://api.github.com */
  readonly apiUrl?: string | undefined;
  /** How a file of the repository is named in what is shown (from the workspace root, where GitHub looks). */
  readonly shownAs?: ((file: string) => string) | undefined;
  readonly logger: Logger;
}

export interface ValidatedChange {
  /** The findings, files named as shown. */
  readonly result: ValidationResult;
  readonly diffs: readonly EnvironmentDiff[];
  readonly comment: { readonly url: string; readonly created: boolean } | undefined;
}

export async function validateChange(options: ValidateChangeOptions): Promise<ValidatedChange> {
  const { logger, pullRequest: pull } = options;
  if (options.comment && pull && !options.token)
    throw new UserError('is required to comment on the pull request', { kind: 'usage', subject: 'token' });
  const base = pull ? pull.baseSha : options.changedSince;
  const changes = base ? await changesOf(options.root, base, logger, !pull) : undefined;
  const found = await validateRepository({
    ...options,
    changedFiles: changes?.files,
    changedPaths: options.onlyChanged !== false ? selectingPaths(changes, logger) : undefined,
  });
  if (found.unchanged.length > 0)
    logger.info(`not rendered, nothing they read changed since ${base?.slice(0, 12)}: ${found.unchanged.join(', ')}`);
  const result = options.shownAs ? relocateResult(found, options.shownAs) : found;
  if ((options.diff || options.comment) && !pull) {
    logger.warning('diff and comment need a pull_request event; skipped');
    return { result, diffs: [], comment: undefined };
  }
  let diffs: EnvironmentDiff[] = [];
  if (options.diff && pull) {
    diffs = await diffWithBase({
      root: options.root,
      base: pull.baseSha,
      head: new Map(found.environments.map((environment) => [environment.name, environment.rendering])),
    });
    // What reads nothing changed renders the same at the base: its diff is empty without rendering either side.
    for (const name of found.unchanged) diffs.push({ environment: name, diff: '', added: 0, removed: 0 });
    for (const diff of diffs) {
      await logger.group(`rendered diff: ${diff.environment} (+${diff.added} −${diff.removed})`, async () => {
        if (diff.note) logger.info(diff.note);
        logger.info(diff.diff || 'no change');
      });
    }
  }
  let comment: ValidatedChange['comment'];
  if (options.comment && pull && options.token) {
    const comments = new GitHubComments(githubClient(options.token, options.apiUrl ?? 'https://api.github.com'));
    try {
      const posted = await comments.upsertSticky({
        repository: pull.repository,
        issueNumber: pull.number,
        marker: commentMarker,
        body: validationComment(result, diffs, pull.headSha),
      });
      comment = { url: posted.url, created: posted.created };
      logger.info(`${posted.created ? 'commented' : 'updated the comment'}: ${posted.url}`);
    } catch (error) {
      // The comment is a view of the result, not the result: the findings, report, SARIF and outputs still count.
      if (!(error instanceof UserError)) throw error;
      logger.warning(commentRefused(pull.number, error));
    }
  }
  return { result, diffs, comment };
}

/** Why the comment could not be posted, and what lets it be: a fork's token is read-only, and so is a job's without the permission. */
function commentRefused(number: number, error: UserError): string {
  return `could not comment on pull request #${number}: ${error.message}. The findings stand in the annotations, the summary and the report. A pull request from a fork gets a read-only token and cannot be commented on; from this repository, the job needs \`pull-requests: write\``;
}

/** What changed since `base`; undefined (every file, every environment) when that cannot be known. */
async function changesOf(
  root: string,
  base: string,
  logger: Logger,
  asked: boolean,
): Promise<ChangesSince | undefined> {
  try {
    return await changesSince(root, base);
  } catch (error) {
    // A commit the user named that is not there is their mistake, not a reason to check everything.
    if (asked) throw new UserError((error as Error).message, { kind: 'usage', subject: 'changed-since' });
    // Checking everything is the safe side of not knowing what changed (no base commit, no git work tree).
    logger.warning(`${(error as Error).message}; every file is scanned and every environment checked`);
    return undefined;
  }
}

/** The changed paths that select environments; undefined (all) when the workflows that run validate changed. */
function selectingPaths(changes: ChangesSince | undefined, logger: Logger): readonly string[] | undefined {
  if (!changes) return undefined;
  if (changes.workflows.length > 0) {
    logger.info(`${changes.workflows[0]} changed: every environment is checked`);
    return undefined;
  }
  return changes.paths;
}
