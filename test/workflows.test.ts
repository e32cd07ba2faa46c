// The starter workflows and every action.yml, checked with GitHub's own tooling: @actions/workflow-parser
// (the runner's parser: schema, expressions, line:column) and @actions/languageservice (the VS Code extension's
// validator), whose metadata provider reads our own action.yml files, so a misspelt or missing input of our
// actions is an error. Plus what neither knows: every `uses:` of ours names an action folder, and every
// `steps.<id>.outputs.<name>` read is an output of that step's action.
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { validate } from '@actions/languageservice';
import { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';
import { promoteWorkflow } from '@gitops/delivery';
import { parseImageRef } from '@gitops/image-ref';
import { appCiWorkflow, configWorkflows } from '@gitops/init';
import { describe, expect, test } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parse } from 'yaml';
import { projectRoot } from './support/index';

const workflowDir = path.join(projectRoot, 'workflows');
const workflows = readdirSync(workflowDir).filter((name) => name.endsWith('.yml'));
const actionNames = readdirSync(projectRoot, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && readdirSync(path.join(projectRoot, entry.name)).includes('action.yml'))
  .map((entry) => entry.name);

interface ActionFile {
  inputs?: Record<string, { description: string; required?: boolean; default?: string }>;
  outputs?: Record<string, { description: string }>;
  name: string;
  description: string;
}
const ours = (name: string) => parse(readFileSync(path.join(projectRoot, name, 'action.yml'), 'utf8')) as ActionFile;

/** `<owner>/gitops/<name>@v1` → our action.yml; anything else is someone else's, unknown here. */
const metadataProvider = {
  async fetchActionMetadata(reference: { name: string; path?: string }): Promise<ActionFile | undefined> {
    if (reference.name !== 'gitops' || !reference.path || !actionNames.includes(reference.path)) return undefined;
    return ours(reference.path);
  },
};

interface Diagnostic {
  readonly range: { start: { line: number; character: number } };
  readonly message: string | { value: string };
}
const messageOf = (d: Diagnostic) => (typeof d.message === 'string' ? d.message : d.message.value);
const diagnosticsText = (diagnostics: readonly Diagnostic[]) =>
  diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${messageOf(d)}`);

describe.each(workflows)('workflows/%s', (name) => {
  const text = readFileSync(path.join(workflowDir, name), 'utf8');

  test('parses and converts with the runner’s workflow parser, without errors', async () => {
    const parsed = parseWorkflow({ name, content: text }, new NoOperationTraceWriter());
    expect(parsed.context.errors.getErrors().map((e) => e.message)).toEqual([]);
    const template = await convertWorkflowTemplate(parsed.context, parsed.value as NonNullable<typeof parsed.value>);
    expect(template.errors ?? []).toEqual([]);
    expect(template.jobs.length).toBeGreaterThan(0);
  });

  test('passes the language service, which checks our actions’ inputs against their action.yml', async () => {
    const document = TextDocument.create(`file:///repo/.github/workflows/${name}`, 'yaml', 1, text);
    const diagnostics = await validate(document, { actionsMetadataProvider: metadataProvider });
    // Other people's actions cannot be fetched offline; they are pinned by commit (checked below).
    const offline = /^Unable to resolve action `(?!<owner>\/gitops\/)[^`]+`, repository or version not found$/;
    expect(diagnosticsText(diagnostics.filter((d) => !offline.test(messageOf(d))))).toEqual([]);
  });

  test('uses only our actions that exist, and reads only outputs they declare', () => {
    const workflow = parse(text) as { jobs: Record<string, { steps?: { id?: string; uses?: string }[] }> };
    for (const job of Object.values(workflow.jobs)) {
      /** Step id to the outputs its action declares. */
      const stepOutputs = new Map<string, { action: string; outputs: string[] }>();
      for (const step of job.steps ?? []) {
        const match = /^<owner>\/gitops\/([^@]+)@v1$/.exec(step.uses ?? '');
        if (step.uses?.includes('/gitops/')) expect(match, step.uses).not.toBeNull();
        if (!match) {
          // Someone else's action: pinned to a full commit, the release named in a comment.
          if (step.uses) expect(step.uses).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/);
          const action = step.uses?.split('@')[0] ?? '';
          if (step.id) stepOutputs.set(step.id, { action, outputs: foreignOutputs[action] ?? [] });
          continue;
        }
        expect(actionNames).toContain(match[1]);
        const outputs = Object.keys(ours(match[1] as string).outputs ?? {});
        if (step.id) stepOutputs.set(step.id, { action: match[1] as string, outputs });
      }
      const jobText = JSON.stringify(job);
      for (const [, id, output] of jobText.matchAll(/steps\.([\w-]+)\.outputs\.([\w-]+)/g)) {
        const step = stepOutputs.get(id as string);
        expect(step, `steps.${id} is not a step of this job`).toBeDefined();
        expect(step?.outputs, `${step?.action} has no output ${output}`).toContain(output);
      }
    }
  });
});

/** Outputs of the other people's actions the starter workflows read, as their pinned release declares them. */
const foreignOutputs: Record<string, string[]> = {
  // v4.0.5 action.yml
  'actions/deploy-pages': ['page_url'],
  // v2.0.6 action.yml
  'actions/create-github-app-token': ['token', 'installation-id', 'app-slug'],
  // v2.1.7 action.yml
  'google-github-actions/auth': ['project_id', 'credentials_file_path', 'auth_token', 'access_token', 'id_token'],
};

describe('the checks have teeth', () => {
  // push-registry's destinations is required (deploy's app no longer is: preview: sweep names none).
  test('a misspelt input of our action is an error, with its line', async () => {
    const text = readFileSync(path.join(workflowDir, 'app-ci.yml'), 'utf8').replace(
      '          destinations:',
      '          destination:',
    );
    // Another URI: the language service caches results per document.
    const document = TextDocument.create('file:///repo/.github/workflows/app-ci-misspelt.yml', 'yaml', 1, text);
    const offline = /^Unable to resolve action `(?!<owner>\/gitops\/)[^`]+`/;
    const diagnostics = await validate(document, { actionsMetadataProvider: metadataProvider });
    const messages = diagnosticsText(diagnostics.filter((d) => !offline.test(messageOf(d))));
    const lines = text.split('\n');
    const line = (start: string) => lines.findIndex((l) => l.startsWith(start)) + 1;
    const destination = line('          destination:');
    const withLine = lines.slice(0, destination).lastIndexOf('        with:') + 1;
    expect(messages).toEqual([
      `${destination}:11 Invalid action input 'destination'`,
      `${withLine}:9 Missing required input \`destinations\``,
    ]);
  });

  test('a broken workflow fails the parser with line and column', () => {
    const parsed = parseWorkflow(
      { name: 'broken.yml', content: 'on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    stepz: []\n' },
      new NoOperationTraceWriter(),
    );
    expect(
      parsed.context.errors
        .getErrors()
        .map((e) => e.message)
        .join('\n'),
    ).toMatch(/\(Line: 5, Col: 5\)/);
  });
});

describe.each(actionNames)('%s/action.yml', (name) => {
  test('passes the language service as an action file', async () => {
    const text = readFileSync(path.join(projectRoot, name, 'action.yml'), 'utf8');
    const document = TextDocument.create(`file:///repo/${name}/action.yml`, 'yaml', 1, text);
    expect(diagnosticsText(await validate(document))).toEqual([]);
  });
});

test('workflows/promote.yml is what `gitops workflows promote` writes for examples/config-repo', async () => {
  const { runAction } = await import('./support/index');
  const result = await runAction(
    'cli',
    {},
    {
      args: ['workflows', 'promote', '--config', path.join(projectRoot, 'examples/config-repo/gitops.yaml')],
    },
  );
  expect(result.exitCode).toBe(0);
  expect(`${result.stdout.trimEnd()}\n`).toBe(readFileSync(path.join(workflowDir, 'promote.yml'), 'utf8'));
});

/** A GitHub expression as a workflow spells it: `$` `{{ inner }}`. */
const expression = (inner: string) => ['$', '{{ ', inner, ' }}'].join('');

/** The config repository's workflows that write an environment, and the expression that names it. */
const lanes: Record<string, string> = {
  'promote.yml': expression('inputs.to'),
  'rollback.yml': expression('inputs.environment'),
  'hold.yml': expression('inputs.environment'),
  'auto-promote.yml': expression('matrix.to'),
};

describe('one lane per environment', () => {
  type Job = {
    concurrency?: { group?: string; queue?: string; 'cancel-in-progress'?: boolean };
    environment?: string | { name: string; deployment?: boolean };
  };
  type Workflow = { concurrency?: Job['concurrency']; jobs: Record<string, Job> };
  const read = (name: string) => parse(readFileSync(path.join(workflowDir, name), 'utf8')) as Workflow;

  test.each(Object.entries(lanes))(
    '%s writes in the shared group gitops-<repository>-<environment>, queued',
    (name, env) => {
      const workflow = read(name);
      const text = readFileSync(path.join(workflowDir, name), 'utf8');
      for (const job of Object.values(workflow.jobs)) {
        const concurrency = job.concurrency ?? workflow.concurrency;
        expect(concurrency).toEqual({ group: `gitops-${expression('github.repository')}-${env}`, queue: 'max' });
      }
      // The comment over it says what GitHub does with a third run.
      expect(text).toContain('with queue: max a third waits behind the second');
    },
  );

  test("app-ci's release deploys in dev's lane of the config repository", () => {
    const release = read('app-ci.yml').jobs.release as Job;
    expect(release.concurrency).toEqual({
      group: `gitops-${expression('vars.CONFIG_REPOSITORY')}-dev`,
      queue: 'max',
    });
  });

  test('jobs with a GitHub environment record no deployment of their own: the action records the real one', () => {
    for (const name of workflows) {
      const text = readFileSync(path.join(workflowDir, name), 'utf8');
      for (const job of Object.values(read(name).jobs)) {
        if (job.environment === undefined) continue;
        // GitHub Pages' own deployment of the dashboard (report.yml) is the real one: actions/deploy-pages makes it.
        if ((job.environment as { name?: string }).name === 'github-pages') continue;
        expect(job.environment, name).toMatchObject({ deployment: false });
        expect(text, name).toContain('github-deployment: true');
      }
    }
  });
});

describe('gitops workflows promote signs in to each cloud registry the way the cloud recommends', () => {
  /** A config whose apps' images are in `images`, promoted dev → prod. */
  const configOf = (images: readonly string[]) =>
    ({
      environments: [
        { name: 'dev', promoteFrom: undefined },
        { name: 'prod', promoteFrom: 'dev' },
      ],
      apps: images.map((image) => ({ image: parseImageRef(image), imageOverrides: {} })),
    }) as unknown as Parameters<typeof promoteWorkflow>[0];

  test.each([
    [
      'ECR',
      '123456789012.dkr.ecr.eu-west-1.amazonaws.com/web',
      [
        'aws-actions/configure-aws-credentials@',
        'aws-actions/amazon-ecr-login@',
        'registries: 123456789012',
        'aws-region: eu-west-1',
      ],
    ],
    [
      'Artifact Registry',
      'europe-west1-docker.pkg.dev/acme/apps/web',
      ['google-github-actions/auth@', 'username: oauth2accesstoken', 'steps.gcp-auth.outputs.access_token'],
    ],
    ['ACR', 'acme.azurecr.io/web', ['azure/login@', 'az acr login --name acme']],
    ['GHCR', 'ghcr.io/acme/web', ['secrets.GITHUB_TOKEN']],
    [
      'another registry',
      'registry.example.com:5000/acme/web',
      ['vars.REGISTRY_REGISTRY_EXAMPLE_COM_5000_USERNAME', 'secrets.REGISTRY_REGISTRY_EXAMPLE_COM_5000_PASSWORD'],
    ],
  ])('%s: the workflow passes the parser and the language service', async (cloud, image, expected) => {
    const text = promoteWorkflow(configOf([image]), '<owner>/gitops') as string;
    for (const part of expected) expect(text).toContain(part);
    const oidc = ['ECR', 'Artifact Registry', 'ACR'].includes(cloud);
    expect(text.includes('id-token: write')).toBe(oidc);
    // No static password for a cloud that has OIDC.
    if (oidc) expect(text).not.toMatch(/secrets\.\w*PASSWORD/);
    const parsed = parseWorkflow({ name: 'promote.yml', content: text }, new NoOperationTraceWriter());
    expect(parsed.context.errors.getErrors().map((e) => e.message)).toEqual([]);
    const document = TextDocument.create(
      `file:///repo/.github/workflows/promote-${cloud.replace(/ /g, '-')}.yml`,
      'yaml',
      1,
      text,
    );
    const diagnostics = await validate(document, { actionsMetadataProvider: metadataProvider });
    const offline = /^Unable to resolve action `(?!<owner>\/gitops\/)[^`]+`, repository or version not found$/;
    expect(diagnosticsText(diagnostics.filter((d) => !offline.test(messageOf(d))))).toEqual([]);
    // Every third-party action is pinned by commit; every output read is one its action declares.
    for (const [, action] of text.matchAll(/uses: ([\w.-]+\/[\w./-]+)@/g))
      if (!action?.startsWith('<owner>/')) expect(text).toMatch(new RegExp(`uses: ${action}@[0-9a-f]{40} # v`));
    for (const [, id, output] of text.matchAll(/steps\.([\w-]+)\.outputs\.([\w-]+)/g))
      if (id === 'gcp-auth') expect(foreignOutputs['google-github-actions/auth']).toContain(output);
  });

  test('variable names are valid identifiers even for a registry whose host starts with a digit', () => {
    const text = promoteWorkflow(configOf(['10.0.0.5:5000/acme/web']), '<owner>/gitops') as string;
    for (const [, name] of text.matchAll(/(?:vars|secrets)\.(\w+)/g)) expect(name).toMatch(/^[A-Za-z_][A-Za-z0-9_]*$/);
    expect(text).toContain('vars.REGISTRY_10_0_0_5_5000_USERNAME');
  });
});

test("config-validate uploads SARIF only where code scanning is, and an upload never turns validate's verdict red", () => {
  const workflow = parse(readFileSync(path.join(workflowDir, 'config-validate.yml'), 'utf8')) as {
    jobs: Record<string, { steps: { uses?: string; if?: string; 'continue-on-error'?: boolean }[] }>;
  };
  const upload = Object.values(workflow.jobs)
    .flatMap((job) => job.steps)
    .find((step) => step.uses?.startsWith('github/codeql-action/upload-sarif@'));
  expect(upload?.if).toContain("(!github.event.repository.private || vars.CODE_SCANNING == 'true')");
  expect(upload?.['continue-on-error']).toBe(true);
});

// gitops init --workflows writes these into a config repository with its own environments: they must parse as the
// starters do, with the choice of environment and the first environment filled in.
describe('the workflows gitops init writes', () => {
  const environments = ['qa', 'staging', 'production'];
  const written = [
    ...configWorkflows({ environments, uses: 'acme/gitops' }),
    {
      file: 'app-ci.yml',
      text: appCiWorkflow({ firstEnvironment: 'qa', app: 'api', image: 'ghcr.io/acme/api', uses: 'acme/gitops' }),
    },
  ];

  test.each(written.map((entry) => [entry.file, entry.text]))(
    '%s parses with the runner’s workflow parser',
    async (file, text) => {
      const parsed = parseWorkflow({ name: file, content: text }, new NoOperationTraceWriter());
      expect(parsed.context.errors.getErrors().map((e) => e.message)).toEqual([]);
      expect(text).not.toContain('<owner>/gitops');
    },
  );

  test('rollback offers the environments; app-ci deploys the app to the first one, in its lane', () => {
    const rollback = parse(written.find((entry) => entry.file.endsWith('rollback.yml'))?.text ?? '');
    expect(rollback.on.workflow_dispatch.inputs.environment.options).toEqual(environments);
    const appCi = parse(written.at(-1)?.text ?? '');
    expect(appCi.env).toEqual({ IMAGE: 'ghcr.io/acme/api', APP: 'api' });
    expect(appCi.jobs.release.concurrency.group).toMatch(/^gitops-\$\{\{ vars\.CONFIG_REPOSITORY \}\}-qa$/);
    const deploy = appCi.jobs.release.steps.find((step: { uses?: string }) => step.uses === 'acme/gitops/deploy@v1');
    expect(deploy.with.environment).toBe('qa');
  });
});
