// Runs a bundled action exactly as the GitHub runner does: `node dist/<name>/index.js` with INPUT_* variables
// (defaults from action.yml filled in), GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, GITHUB_EVENT_PATH and friends.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { bundleNode } from './bundle-node';
import { assertNoLeaks, filesBelow, plantSecret, visibleLog } from './leak-scanner';
import { type Annotation, parseFileCommands, parseWorkflowCommands } from './workflow-commands';

export const projectRoot = path.resolve(import.meta.dirname, '..', '..');

export interface RunOptions {
  /** Extra command-line arguments (for the CLI bundle). */
  args?: string[];
  /** The event payload written to GITHUB_EVENT_PATH. */
  event?: unknown;
  eventName?: string;
  /** GITHUB_WORKSPACE and the working directory; default: a fresh temporary folder. */
  workspace?: string;
  /** Replaces `${{ github.token }}` in action.yml defaults. */
  token?: string;
  /** The Node.js that runs the bundle; default: Node 24, as action.yml declares (the CLI also runs on older). */
  node?: string;
  /** More environment variables; they win over the harness's own. */
  env?: Record<string, string>;
  /** Run this script instead of dist/<name>/index.js (harness self-tests). */
  script?: string;
  timeoutMs?: number;
  /** Sends the process this signal when the promise settles, as a runner cancelling the job does. */
  terminate?: Promise<NodeJS.Signals>;
}

export interface ActionResult {
  exitCode: number;
  outputs: Record<string, string>;
  summary: string;
  annotations: Annotation[];
  masks: string[];
  /** Plain log lines (stdout without workflow commands). */
  log: string[];
  stdout: string;
  stderr: string;
  /** Files the runner gives the step, for tests that look further. */
  files: { output: string; summary: string; env: string; path: string; state: string; event: string; temp: string };
}

/** The runner's input name mangling: spaces to `_`, upper case, hyphens kept. */
export function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

// The one expression our action.yml defaults use; the runner evaluates it to the job's token.
const githubTokenExpression = /\$\{\{\s*github\.token\s*\}\}/g;

interface ActionMetadata {
  inputs?: Record<string, { default?: unknown; required?: boolean }>;
}

function readMetadata(name: string): ActionMetadata | undefined {
  const file = path.join(projectRoot, name, 'action.yml');
  return existsSync(file) ? (parse(readFileSync(file, 'utf8')) as ActionMetadata) : undefined;
}

function inputEnvironment(name: string, inputs: Record<string, string>, options: RunOptions): Record<string, string> {
  const metadata = readMetadata(name);
  const env: Record<string, string> = {};
  if (metadata) {
    const declared = Object.keys(metadata.inputs ?? {});
    const unknown = Object.keys(inputs).filter((input) => !declared.includes(input));
    if (unknown.length) throw new Error(`${name}/action.yml declares no input ${unknown.join(', ')}`);
    for (const [input, spec] of Object.entries(metadata.inputs ?? {})) {
      if (spec.default === undefined) continue;
      env[inputVariable(input)] = String(spec.default).replace(githubTokenExpression, options.token ?? '');
    }
  }
  for (const [input, value] of Object.entries(inputs)) env[inputVariable(input)] = value;
  return env;
}

export async function runAction(
  name: string,
  inputs: Record<string, string> = {},
  options: RunOptions = {},
): Promise<ActionResult> {
  const scratch = mkdtempSync(path.join(tmpdir(), `gitops-run-${name}-`));
  const workspace = options.workspace ?? path.join(scratch, 'workspace');
  mkdirSync(workspace, { recursive: true });
  const files = {
    output: path.join(scratch, 'output'),
    summary: path.join(scratch, 'summary.md'),
    env: path.join(scratch, 'env'),
    path: path.join(scratch, 'path'),
    state: path.join(scratch, 'state'),
    event: path.join(scratch, 'event.json'),
    temp: path.join(scratch, 'runner-temp'),
  };
  mkdirSync(files.temp);
  for (const file of [files.output, files.summary, files.env, files.path, files.state]) writeFileSync(file, '');
  writeFileSync(files.event, JSON.stringify(options.event ?? {}));
  const script = options.script ?? path.join(projectRoot, 'dist', name, 'index.js');
  if (!existsSync(script)) throw new Error(`no bundle at ${script}; run pnpm bundle`);

  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? scratch,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_ACTION: name,
    GITHUB_ACTOR: 'octocat',
    GITHUB_EVENT_NAME: options.eventName ?? 'push',
    GITHUB_EVENT_PATH: files.event,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_ENV: files.env,
    GITHUB_PATH: files.path,
    GITHUB_STATE: files.state,
    GITHUB_WORKSPACE: workspace,
    GITHUB_SHA: 'ffac537e6cbbf934b08745a378932722df287a53',
    GITHUB_REF: 'refs/heads/main',
    GITHUB_REF_NAME: 'main',
    GITHUB_REF_TYPE: 'branch',
    GITHUB_REPOSITORY: 'acme/web',
    GITHUB_REPOSITORY_OWNER: 'acme',
    GITHUB_RUN_ID: '4242',
    GITHUB_RUN_NUMBER: '7',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_JOB: 'deploy',
    GITHUB_WORKFLOW: 'ci',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: 'https://api.github.com',
    GITHUB_GRAPHQL_URL: 'https://api.github.com/graphql',
    RUNNER_TEMP: files.temp,
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: 'X64',
    RUNNER_NAME: 'gitops-test-runner',
    ...inputEnvironment(name, inputs, options),
    ...options.env,
  };

  const { exitCode, stdout, stderr } = await spawnBounded(
    options.node ?? bundleNode(),
    [script, ...(options.args ?? [])],
    {
      cwd: workspace,
      env,
      timeoutMs: options.timeoutMs ?? 120_000,
      ...(options.terminate ? { terminate: options.terminate } : {}),
    },
  );
  const commands = parseWorkflowCommands(stdout);
  // Every token and password a test hands a bundle is a planted secret; so is whatever the test planted itself.
  if (options.token) plantSecret(options.token);
  for (const [input, value] of Object.entries(inputs)) if (/(^|-)(token|password)$/.test(input)) plantSecret(value);
  assertNoLeaks([
    ['stdout', visibleLog(stdout)],
    ['stderr', stderr],
    ...[files.output, files.summary, files.env, files.state].map((file): [string, string] => [
      path.basename(file),
      readFileSync(file, 'utf8'),
    ]),
    ...filesBelow(files.temp, 'RUNNER_TEMP'),
  ]);
  return {
    exitCode,
    outputs: parseFileCommands(readFileSync(files.output, 'utf8')),
    summary: readFileSync(files.summary, 'utf8'),
    annotations: commands.annotations,
    masks: commands.masks,
    log: commands.log,
    stdout,
    stderr,
    files,
  };
}

interface SpawnResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Runs a process to completion or kills it after `timeoutMs`, so no test can hang. */
export function spawnBounded(
  command: string,
  args: string[],
  options: {
    cwd?: string;
    env?: NodeJS.ProcessEnv;
    timeoutMs: number;
    input?: string;
    terminate?: Promise<NodeJS.Signals>;
  },
): Promise<SpawnResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['pipe', 'pipe', 'pipe'] });
    options.terminate?.then((signal) => child.kill(signal));
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${command} ${args.join(' ')} did not finish in ${options.timeoutMs} ms`));
    }, options.timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({
        exitCode: code ?? (signal ? 128 : 1),
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      });
    });
    child.stdin.on('error', () => {});
    child.stdin.end(options.input ?? '');
  });
}
