// The demo's preview chapter: an app pull request opens a preview through workflows/app-preview.yml (the image
// built and pushed by digest, the preview deployed from the config repository's template, Argo CD waited for, one
// comment on the pull request), a second push updates the same preview and the same comment, and closing the pull
// request removes the folder. The pull_request event is GitHub's own pull request example with the number and
// head put in.
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { ArgoCdDouble } from '../test/support/argocd-double';
import { type GitHubDouble, githubExample } from '../test/support/github-double';
import { git } from '../test/support/index';
import { type JobRun, runJob, type Step } from './workflow-runner';

/** The previews block and template the story's config repository gets, its controller the Argo CD double. */
export function previewFiles(config: string, argocd: ArgoCdDouble): Record<string, string> {
  return {
    'gitops.yaml': `${config}
previews:
  template: previews/template
  path: previews/pr-{number}
  apps: [web]
  url: https://pr-{number}.preview.acme.example
  max: 5
  ttl: 7d
  controller:
    argocd: { server: "${argocd.url}", application: "web-pr-{number}", insecure: true }
`,
    'previews/template/kustomization.yaml': `# The preview of pull request #{number} ({branch}), built from {sha}
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namespace: pr-{number}
resources:
  - ../../base
`,
  };
}

export interface PreviewChapter {
  readonly say: (line: string) => void;
  readonly expect: (ok: boolean, what: string) => void;
  readonly config: string;
  readonly app: string;
  readonly host: string;
  readonly github: GitHubDouble;
  readonly argocd: ArgoCdDouble;
  readonly runnerEnv: Record<string, string>;
  readonly token: string;
  readonly appToken: (step: Step) => string | { line: string; outputs: Record<string, string> };
}

const number = 12;

export async function previewChapter(chapter: PreviewChapter): Promise<void> {
  const { say, expect, config, app, github, argocd } = chapter;
  git(['checkout', '-q', '-b', 'feature/New-Header'], app);
  const pushToBranch = (version: string) => {
    writeFileSync(path.join(app, 'VERSION'), `${version}\n`);
    git(['add', '-A'], app);
    git(['commit', '-q', '-m', `web ${version}`], app);
    return git(['rev-parse', 'HEAD'], app).trim();
  };
  // Argo CD applies each commit of the config repository as it lands.
  argocd.application(`web-pr-${number}`, () => ({
    sync: 'Synced',
    revision: git(['rev-parse', 'main'], config).trim(),
    health: 'Healthy',
  }));
  const folder = `previews/pr-${number}`;
  const comment = () => github.comments.find((c) => c.repo === 'web' && c.issueNumber === number);

  const opened = await previewRun(chapter, 'opened', pushToBranch('1.2.0-rc.1'));
  const digest = /digest: (sha256:[0-9a-f]{64})/.exec(git(['show', `main:${folder}/kustomization.yaml`], config))?.[1];
  expect(opened.success && digest !== undefined, `app-preview.yml opens ${folder} with the pull request's digest`);
  expect(
    (comment()?.body ?? '').includes(`https://pr-${number}.preview.acme.example`) &&
      (comment()?.body ?? '').includes('Healthy, Synced'),
    'the pull request gets one comment: the address, the digest and the health Argo CD reports',
  );
  for (const line of (comment()?.body ?? '').split('\n').slice(1, 6)) say(`    ${line}`);

  const updated = await previewRun(chapter, 'synchronize', pushToBranch('1.2.0-rc.2'));
  const after = git(['show', `main:${folder}/kustomization.yaml`], config);
  expect(
    updated.success && digest !== undefined && !after.includes(digest) && /digest: sha256:/.test(after),
    'a second push updates the same preview to the new digest',
  );
  expect(
    github.comments.filter((c) => c.issueNumber === number && c.repo === 'web').length === 1 &&
      comment()?.updates === 1,
    'and the same comment, updated in place',
  );

  const closed = await previewRun(chapter, 'closed', git(['rev-parse', 'HEAD'], app).trim());
  const left = git(['ls-tree', '--name-only', 'main', 'previews/'], config).trim();
  expect(closed.success && left === 'previews/template', 'closing the pull request removes the folder in one commit');
  say(`    ${git(['log', '-1', '--format=%h %s', 'main'], config).trim()}`);
  git(['checkout', '-q', 'main'], app);
}

/** One run of app-preview.yml for the pull request, as GitHub starts it for `action`. */
function previewRun(chapter: PreviewChapter, action: string, sha: string): Promise<JobRun> {
  const pull = githubExample('pull-request') as { head: object; base: { repo: object } };
  const repo = { ...pull.base.repo, full_name: 'acme/web', private: false };
  const event = {
    action,
    number,
    pull_request: {
      ...pull,
      number,
      head: { ...pull.head, ref: 'feature/New-Header', sha, repo },
      base: { ...pull.base, repo },
    },
    repository: repo,
  };
  return runJob(
    'app-preview.yml',
    action === 'closed' ? 'remove' : 'preview',
    {
      github: { repository: 'acme/web', event_name: 'pull_request', sha, event },
      vars: { CONFIG_REPOSITORY: 'acme/config', CONFIG_APP_ID: '1' },
      secrets: { GITHUB_TOKEN: chapter.token, ARGOCD_TOKEN: chapter.argocd.token },
      envOverrides: { IMAGE: `${chapter.host}/acme/web`, APP: 'web' },
    },
    {
      workspace: chapter.app,
      event,
      eventName: 'pull_request',
      runnerEnv: { ...chapter.runnerEnv, GITHUB_REPOSITORY: 'acme/web', GITHUB_SHA: sha },
      token: chapter.token,
      foreign: (step: Step) =>
        step.uses?.startsWith('actions/checkout')
          ? "the workspace is the app repository at the pull request's head"
          : step.uses?.startsWith('docker/login-action')
            ? 'the local registry needs no login'
            : chapter.appToken(step),
      log: chapter.say,
    },
  );
}
