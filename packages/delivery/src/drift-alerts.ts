// `gitops drift` as one engine call: the facts (drift.ts), and with a repository given, one GitHub issue per
// environment labelled gitops-drift, opened, updated and closed to match them.
import { GitHubLabelledIssues, githubClient } from '@gitops/github';
import { type DriftReport, type DriftRequest, driftReport } from './drift';
import { driftIssue } from './drift-text';

export const driftLabel = 'gitops-drift';

export interface DriftAlertRequest extends DriftRequest {
  /** Where the issues are kept; undefined: the facts only. */
  readonly issues: { readonly repository: string; readonly token: string; readonly apiUrl: string } | undefined;
}

export interface DriftResult {
  readonly report: DriftReport;
  readonly issues:
    | { readonly opened: readonly number[]; readonly updated: readonly number[]; readonly closed: readonly number[] }
    | undefined;
}

export async function driftAlerts(request: DriftAlertRequest): Promise<DriftResult> {
  const report = await driftReport(request);
  if (!request.issues) return { report, issues: undefined };
  const { repository, token, apiUrl } = request.issues;
  const issues = new GitHubLabelledIssues(githubClient(token, apiUrl), repository, driftLabel);
  // An environment that drifts in nothing that could be checked, but could not be checked whole, keeps its issue
  // as it is: a controller without credentials is no sign that its drift is gone.
  const known = report.environments.filter((e) => e.findings.length > 0 || e.problems.length === 0);
  const synced = await issues.sync(known.map((environment) => driftIssue(report, environment)));
  return { report, issues: synced };
}
