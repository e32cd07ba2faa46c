// The whole story on one machine, with the real bundles and the starter workflows themselves: a config
// repository pull request validated (a bad manifest annotated, then fixed), an app merged to main and shipped
// (build-image → push-registry → deploy dev), a second deploy racing it, promote dev → staging (commit) and
// staging → prod (pull request, merged), a rollback of prod, and the audit trail. Every service is local: a git
// daemon for GitHub's git, the distribution registry for ghcr.io, a GitHub API double checked against GitHub's
// OpenAPI description, and the Docker engine.
import { copyFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { type ArgoCdDouble, startArgoCdDouble } from '../test/support/argocd-double';
import { type GitHubDouble, startGitHubDouble } from '../test/support/github-double';
import {
  dockerEngine,
  type GitDaemon,
  git,
  projectRoot,
  type Registry,
  runAction,
  startGitDaemon,
  startRegistry,
} from '../test/support/index';
import { type SigstoreDouble, startSigstoreDouble } from '../test/support/sigstore-double';
import { previewChapter, previewFiles } from './preview-chapter';
import { type JobRun, runJob, type Step } from './workflow-runner';

/** What the runner sets for a job with id-token: write. */
const oidcEnv = (service: { url: string; token: string }) => ({
  ACTIONS_ID_TOKEN_REQUEST_URL: service.url,
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: service.token,
});

export interface StoryResult {
  readonly ok: boolean;
  readonly failures: string[];
  /** The config repository as the git server holds it, for a look afterwards. */
  readonly configRepository: string;
}

export interface StoryOptions {
  readonly say: (line: string) => void;
  /**
   * The app and config repositories' visibility. Private: without code scanning (the SARIF upload is skipped) and
   * on a plan where GitHub stores no attestation (its API refuses as it does, 422 "Feature not available for
   * user-owned private repositories…", actions/attest#193), so provenance lives in the registry. Default: public.
   */
  readonly visibility?: 'public' | 'private';
}

const userPlanRefusal =
  'Feature not available for user-owned private repositories. To enable this feature, please make this repository public.';

/** examples/config-repo with staging requiring provenance from the app's own repository, signed on main. */
function withProvenanceRule(files: Record<string, string>, trustedRoot: unknown): Record<string, string> {
  const config = files['gitops.yaml'] ?? '';
  const staging = '  staging:\n    path: envs/staging      # promoted from dev (the environment before it)\n';
  if (!config.includes(staging)) throw new Error('examples/config-repo/gitops.yaml no longer has staging as expected');
  return {
    ...files,
    'gitops.yaml': config.replace(
      staging,
      `${staging}    require-provenance:\n      repository: acme/{app}\n      ref: refs/heads/main\n      trusted-root: sigstore/trusted_root.jsonl\n`,
    ),
    'sigstore/trusted_root.jsonl': `${JSON.stringify(trustedRoot)}\n`,
  };
}

function filesOf(dir: string, rewrite: (text: string) => string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (relative: string) => {
    for (const name of readdirSync(path.join(dir, relative))) {
      const child = relative ? `${relative}/${name}` : name;
      if (statSync(path.join(dir, child)).isDirectory()) walk(child);
      else files[child] = rewrite(readFileSync(path.join(dir, child), 'utf8'));
    }
  };
  walk('');
  return files;
}

export async function runStory(options: StoryOptions): Promise<StoryResult> {
  const { say } = options;
  const hidden = options.visibility === 'private';
  const failures: string[] = [];
  const expect = (ok: boolean, what: string) => {
    say(`  ${ok ? '✓' : '✗'} ${what}`);
    if (!ok) failures.push(what);
  };
  const chapter = (title: string) => say(`\n\u001b[1m== ${title}\u001b[0m`);
  const engine = dockerEngine();
  if (!engine.available) throw new Error(`the demo builds an image and needs a Docker engine: ${engine.reason}`);

  let daemon: GitDaemon | undefined;
  let registry: Registry | undefined;
  let github: GitHubDouble | undefined;
  let sigstore: SigstoreDouble | undefined;
  let argocd: ArgoCdDouble | undefined;
  try {
    [daemon, registry, github, sigstore, argocd] = await Promise.all([
      startGitDaemon(),
      startRegistry(),
      startGitHubDouble(),
      startSigstoreDouble(),
      startArgoCdDouble(),
    ]);
    const host = registry.host;
    say(
      `services: git daemon ${daemon.url('…')}, registry ${host}, GitHub API double ${github.url}, Sigstore (Fulcio and a timestamp authority) ${sigstore.fulcioUrl}`,
    );
    const signing = sigstore;
    say(
      hidden
        ? 'the repositories are private, without code scanning, on a plan where GitHub stores no attestation'
        : 'the repositories are public',
    );
    if (hidden) github.refuse('repos/create-attestation', 422, userPlanRefusal);
    /** The visibility the runner's event payload carries, which the starter workflows' conditions read. */
    const repositoryEvent = (fullName: string) => ({ full_name: fullName, private: hidden });
    const runnerEnv = { GITHUB_SERVER_URL: `git://127.0.0.1:${daemon.port}`, GITHUB_API_URL: github.url };
    const token = 'ghs_demo0123456789';

    // The config repository: examples/config-repo, its images on the local registry instead of ghcr.io.
    // Staging requires provenance: what reaches it, and so prod after it, was built and attested by app-ci.
    const provenanceFiles = withProvenanceRule(
      filesOf(path.join(projectRoot, 'examples/config-repo'), (text) =>
        text.replaceAll('ghcr.io/acme/', `${host}/acme/`),
      ),
      signing.trustedRoot,
    );
    // Previews of app pull requests (chapter 8), applied by Argo CD.
    const configFiles = { ...provenanceFiles, ...previewFiles(provenanceFiles['gitops.yaml'] ?? '', argocd) };
    const config = daemon.createRepository('acme/config', configFiles);
    git(['config', 'uploadpack.allowFilter', 'true'], config);
    git(['config', 'uploadpack.allowAnySHA1InWant', 'true'], config);
    const log = (ref = 'main', count = 1) =>
      git(['log', `-${count}`, '--format=%h %s%n%(trailers:only,unfold)', ref], config).trimEnd();
    const say4 = (text: string) => {
      for (const line of text.split('\n')) say(`    ${line}`);
    };
    const annotations = (run: JobRun) =>
      run.steps.flatMap((step) => step.result?.annotations ?? []).filter((a) => a.file !== undefined);

    // ---------------------------------------------------------------------------------------------------
    chapter('1. A pull request to the config repository, checked by workflows/config-validate.yml');
    const review = mkdtempSync(path.join(tmpdir(), 'gitops-demo-config-'));
    git(['clone', '-q', config, review], review);
    const base = git(['rev-parse', 'HEAD'], review).trim();
    git(['checkout', '-q', '-b', 'add-cache'], review);
    const cache = (replicasKey: string, privileged: boolean) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: cache
spec:
  ${replicasKey}: 1
  selector:
    matchLabels: { app: cache }
  template:
    metadata:
      labels: { app: cache }
    spec:
      containers:
        - name: cache
          image: ${host}/acme/cache:7.2.4@sha256:${'7'.repeat(64)}
          ports: [{ containerPort: 6379 }]
          readinessProbe: { tcpSocket: { port: 6379 } }
          livenessProbe: { tcpSocket: { port: 6379 } }
          resources: { requests: { cpu: 50m, memory: 64Mi }, limits: { memory: 128Mi } }${privileged ? '\n          securityContext: { privileged: true }' : ''}
`;
    writeFileSync(path.join(review, 'envs/dev/cache.yaml'), cache('replica', true));
    const devKustomization = path.join(review, 'envs/dev/kustomization.yaml');
    writeFileSync(
      devKustomization,
      readFileSync(devKustomization, 'utf8').replace('resources:\n', 'resources:\n  - cache.yaml\n'),
    );
    const commitAll = (dir: string, message: string) => {
      git(['add', '-A'], dir);
      git(['commit', '-q', '-m', message], dir);
      return git(['rev-parse', 'HEAD'], dir).trim();
    };
    const validateRun = async (head: string) =>
      runJob(
        'config-validate.yml',
        'validate',
        {
          github: {
            repository: 'acme/config',
            event_name: 'pull_request',
            sha: head,
            event: { repository: repositoryEvent('acme/config') },
          },
        },
        {
          workspace: review,
          event: {
            pull_request: { number: 1, base: { sha: base }, head: { sha: head } },
            repository: repositoryEvent('acme/config'),
          },
          eventName: 'pull_request',
          runnerEnv: { ...runnerEnv, GITHUB_REPOSITORY: 'acme/config' },
          token,
          foreign: (step: Step) =>
            step.uses?.startsWith('actions/checkout')
              ? 'the workspace is a clone of the pull request'
              : 'code scanning is GitHub’s; the SARIF file is written for it',
          log: say,
        },
      );
    const first = await validateRun(commitAll(review, 'Add a cache to dev'));
    expect(!first.success, 'validate fails the pull request and names each problem on its file and line');
    const sarif = (run: JobRun) => run.steps.find((step) => step.label.includes('upload-sarif'))?.outcome;
    expect(
      sarif(first) === (hidden ? 'skipped' : 'success'),
      hidden
        ? 'no code scanning here: the SARIF upload is skipped, the summary and annotations carry the findings'
        : 'the findings go to code scanning even though validation failed',
    );
    expect(
      annotations(first).some((a) => a.file === 'envs/dev/cache.yaml' && a.line === 6 && /replica/.test(a.message)),
      'the typo `replica:` is annotated on envs/dev/cache.yaml line 6',
    );
    writeFileSync(path.join(review, 'envs/dev/cache.yaml'), cache('replicas', false));
    const fixed = await validateRun(commitAll(review, 'Fix the cache: replicas, not privileged'));
    expect(fixed.success, 'after the fix, validate passes: the check is green');
    expect(
      github.comments.length === 1 && github.comments[0]?.updates === 1,
      'one pull request comment, updated in place',
    );
    say4((github.comments[0]?.body ?? '').split('\n').slice(1, 6).join('\n'));
    git(['push', '-q', 'origin', 'add-cache:main'], review);
    say('  merged: the cache is on main');

    // ---------------------------------------------------------------------------------------------------
    chapter('2. The app is merged to main: workflows/app-ci.yml, job release');
    const app = mkdtempSync(path.join(tmpdir(), 'gitops-demo-app-'));
    cpSync(path.join(projectRoot, 'examples/app-repo'), app, { recursive: true });
    copyFileSync('/bin/busybox', path.join(app, 'busybox'));
    git(['init', '-q', '-b', 'main'], app);
    const appCommit = (message: string) => {
      git(['add', '-A'], app);
      git(['commit', '-q', '-m', message], app);
      return { sha: git(['rev-parse', 'HEAD'], app).trim(), time: git(['log', '-1', '--format=%cI'], app).trim() };
    };
    /** Someone else's steps: the App token step gives the config repository's token; the rest are not needed. */
    const appToken = (step: Step) =>
      step.uses?.startsWith('actions/create-github-app-token')
        ? { line: "the config repository's token stands in for the App's", outputs: { token } }
        : 'not used';
    const release = async (commit: { sha: string; time: string }) =>
      runJob(
        'app-ci.yml',
        'release',
        {
          github: {
            repository: 'acme/web',
            event_name: 'push',
            ref: 'refs/heads/main',
            sha: commit.sha,
            actor: 'octocat',
            event: { repository: repositoryEvent('acme/web') },
          },
          vars: { CONFIG_REPOSITORY: 'acme/config', CONFIG_APP_ID: '1' },
          secrets: { GITHUB_TOKEN: token },
          envOverrides: { IMAGE: `${host}/acme/web`, APP: 'web' },
          inputOverrides: { 'push-registry': { 'fulcio-url': signing.fulcioUrl, 'tsa-url': signing.tsaUrl } },
        },
        {
          workspace: app,
          event: {
            ref: 'refs/heads/main',
            after: commit.sha,
            head_commit: { id: commit.sha, timestamp: commit.time },
            repository: repositoryEvent('acme/web'),
          },
          eventName: 'push',
          runnerEnv: {
            ...runnerEnv,
            GITHUB_REPOSITORY: 'acme/web',
            GITHUB_SHA: commit.sha,
            // id-token: write: the runner hands the job its OIDC token service.
            ...oidcEnv(signing.oidc('acme/web/.github/workflows/app-ci.yml@refs/heads/main')),
          },
          token,
          foreign: (step: Step) =>
            step.uses?.startsWith('actions/checkout')
              ? 'the workspace is the app repository at the merged commit'
              : step.uses?.startsWith('docker/login-action')
                ? 'the local registry needs no login'
                : appToken(step),
          log: say,
        },
      );
    const firstCommit = appCommit('web 1.0.0');
    const tested = await runJob(
      'app-ci.yml',
      'test',
      { github: { repository: 'acme/web', event_name: 'push', ref: 'refs/heads/main', sha: firstCommit.sha } },
      {
        workspace: app,
        event: {},
        eventName: 'push',
        runnerEnv,
        token,
        foreign: () => 'the workspace is the app repository at the merged commit',
        log: say,
      },
    );
    expect(tested.success, 'job test: make test passes');
    const shipped = await release(firstCommit);
    const outputs = (run: JobRun, label: string) => run.steps.find((s) => s.label.includes(label))?.outputs ?? {};
    expect(shipped.success, 'test, build-image, push-registry and deploy all succeed');
    const digest = outputs(shipped, 'push-registry').digest ?? '';
    const reference = outputs(shipped, 'build-image').reference ?? '';
    say(`  built and pushed ${reference}@${digest}`);
    const pushed = shipped.steps.find((step) => step.label.includes('push-registry'));
    const warnings = (pushed?.result?.annotations ?? []).filter((a) => a.level === 'warning');
    if (hidden) {
      say(`  push-registry: ${warnings[0]?.message ?? '(no warning)'}`);
      expect(
        github.attestations.length === 0 &&
          warnings.length === 1 &&
          /GitHub stores no attestation for acme\/web \(GitHub answered 422: Feature not available/.test(
            warnings[0]?.message ?? '',
          ) &&
          (pushed?.result?.summary ?? '').includes('beside the image as'),
        'GitHub stores no attestation on this plan: one warning, and the attestation is kept beside the image',
      );
    } else {
      const attested = github.attestations.find((attestation) => attestation.digests.includes(digest));
      say(`  its build provenance is attested by app-ci and stored in ${attested?.repository} (id ${attested?.id})`);
      expect(
        attested?.repository === 'acme/web' && warnings.length === 0,
        'push-registry attests the image it publishes',
      );
    }
    expect(/^sha256:[0-9a-f]{64}$/.test(digest), 'the image is published by digest');
    expect(reference === `${host}/acme/web:sha-${firstCommit.sha.slice(0, 7)}`, 'it is deployed with its sha- tag');
    say4(log());
    expect(
      log().includes(`Gitops-Image: ${reference}@${digest}`),
      'dev runs exactly that digest, tag beside it, with trailers',
    );

    // ---------------------------------------------------------------------------------------------------
    chapter('3. Two pipelines at once: the next web release and an api deploy race to the config repository');
    writeFileSync(path.join(app, 'VERSION'), '1.1.0\n');
    const [second, api] = await Promise.all([
      release(appCommit('web 1.1.0')),
      runAction(
        'deploy',
        { repository: 'acme/config', environment: 'dev', app: 'api', image: '2.2.0' },
        {
          event: { head_commit: { id: 'a'.repeat(40), timestamp: new Date().toISOString() } },
          token,
          env: { ...runnerEnv, GITHUB_REPOSITORY: 'acme/api' },
        },
      ),
    ]);
    expect(
      second.success &&
        api.exitCode === 0 &&
        /deploy\(dev\): web/.test(git(['log', '-2', '--format=%s'], config)) &&
        /deploy\(dev\): api 2\.2\.0/.test(git(['log', '-2', '--format=%s'], config)),
      'both land: the loser of the race re-plans on the new tip and pushes again',
    );
    say4(git(['log', '-3', '--format=%h %s'], config).trimEnd());

    // ---------------------------------------------------------------------------------------------------
    chapter('4. Promote dev → staging: workflows/promote.yml (workflow_dispatch, to: staging)');
    const dispatch = async (to: string) =>
      runJob(
        'promote.yml',
        'promote',
        {
          github: { repository: 'acme/config', event_name: 'workflow_dispatch' },
          inputs: { to, apps: 'web', 'dry-run': false },
        },
        {
          workspace: mkdtempSync(path.join(tmpdir(), 'gitops-demo-promote-')),
          event: { inputs: { to, apps: 'web' } },
          eventName: 'workflow_dispatch',
          runnerEnv: { ...runnerEnv, GITHUB_REPOSITORY: 'acme/config' },
          token,
          foreign: appToken,
          log: say,
        },
      );
    const staging = await dispatch('staging');
    expect(staging.success, 'promote to staging succeeds');
    expect(
      log().includes('Gitops-Provenance: acme/web/.github/workflows/app-ci.yml@refs/heads/main'),
      hidden
        ? "staging's require-provenance verified the attestation from the registry"
        : "staging's require-provenance verified the attestation from GitHub's attestations API",
    );
    say4(log());
    const devDigest = /Gitops-Image: \S+@(sha256:[0-9a-f]{64})/.exec(
      git(['log', '-1', '--format=%B', '--grep=deploy(dev): web'], config),
    )?.[1];
    expect(
      devDigest !== undefined && log().includes(devDigest),
      'staging runs the digest dev runs, with its source commit carried on',
    );

    // ---------------------------------------------------------------------------------------------------
    chapter('5. Promote staging → prod: prod is protected, so it is a pull request; a reviewer merges it');
    const before = git(['rev-parse', 'main'], config).trim();
    const prod = await dispatch('prod');
    expect(prod.success && git(['rev-parse', 'main'], config).trim() === before, 'prod is not changed directly');
    const pull = github.pulls.at(-1);
    expect(
      pull?.head === 'gitops/promote/prod',
      `pull request #${pull?.number} "${pull?.title}" from gitops/promote/prod`,
    );
    if (pull) git(['update-ref', 'refs/heads/main', `refs/heads/${pull.head}`], config);
    if (pull) pull.state = 'closed';
    say('  merged the pull request');
    say4(log());

    // ---------------------------------------------------------------------------------------------------
    chapter('6. Roll prod back: workflows/rollback.yml (environment: prod, app: web)');
    const rollback = await runJob(
      'rollback.yml',
      'rollback',
      {
        github: { repository: 'acme/config', event_name: 'workflow_dispatch' },
        inputs: { environment: 'prod', app: 'web' },
      },
      {
        workspace: mkdtempSync(path.join(tmpdir(), 'gitops-demo-rollback-')),
        event: { inputs: { environment: 'prod', app: 'web' } },
        eventName: 'workflow_dispatch',
        runnerEnv: { ...runnerEnv, GITHUB_REPOSITORY: 'acme/config' },
        token,
        foreign: appToken,
        log: say,
      },
    );
    const rollbackPull = github.pulls.at(-1);
    expect(
      rollback.success && rollbackPull?.head === 'gitops/prod/web',
      `rollback opens pull request #${rollbackPull?.number}`,
    );
    if (rollbackPull) git(['update-ref', 'refs/heads/main', `refs/heads/${rollbackPull.head}`], config);
    if (rollbackPull) rollbackPull.state = 'closed';
    say4(log());
    expect(log().includes('Gitops-Action: rollback'), 'the rollback is a commit like any other, with its trailers');

    // ---------------------------------------------------------------------------------------------------
    chapter('7. Where things stand: gitops status, and git log of the config repository as the audit trail');
    const checkout = mkdtempSync(path.join(tmpdir(), 'gitops-demo-status-'));
    git(['clone', '-q', config, checkout], checkout);
    const status = await runAction('cli', {}, { args: ['status', '--config', path.join(checkout, 'gitops.yaml')] });
    say4(status.stdout.trimEnd());
    expect(status.exitCode === 0, 'gitops status reads every environment');
    say4(
      git(
        ['log', '--format=%h %<(52,trunc)%s %(trailers:key=Gitops-Run,valueonly,separator=)', '-8'],
        config,
      ).trimEnd(),
    );

    // ---------------------------------------------------------------------------------------------------
    chapter('8. An app pull request gets a preview: workflows/app-preview.yml (opened, synchronize, closed)');
    await previewChapter({ say, expect, config, app, host, github, argocd, runnerEnv, token, appToken });
    expect(github.failures.length === 0, 'every GitHub API call matched GitHub’s OpenAPI description');
    expect(argocd.failures.length === 0, 'every Argo CD API call matched the Argo CD API description');
    return { ok: failures.length === 0, failures, configRepository: config };
  } finally {
    await Promise.all([daemon?.stop(), registry?.stop(), github?.stop(), sigstore?.stop(), argocd?.stop()]);
  }
}
