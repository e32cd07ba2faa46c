// A small local runner for the starter workflows: it reads a job from workflows/*.yml and runs its steps the way
// the GitHub runner would for our own actions (the bundled dist/<action>/index.js with INPUT_* variables, through
// the test harness), evaluating `${{ … }}` with GitHub's own expression evaluator (@actions/expressions):
// env, vars, secrets, inputs, github and steps.<id>.outputs. Other people's actions are handed to the caller,
// which says what stands in for them here (a checkout already made, a registry without login).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { data, Evaluator, Lexer, Parser } from '@actions/expressions';
import type { FunctionDefinition } from '@actions/expressions/funcs/info';
import { parse } from 'yaml';
import { type ActionResult, projectRoot, runAction } from '../test/support/index';

export interface Step {
  readonly id?: string;
  readonly name?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly if?: string;
  readonly with?: Record<string, unknown>;
}

interface Workflow {
  readonly env?: Record<string, string>;
  readonly jobs: Record<string, { if?: string; env?: Record<string, string>; steps: Step[] }>;
}

export interface JobContext {
  readonly github: Record<string, unknown>;
  readonly inputs?: Record<string, unknown>;
  readonly vars?: Record<string, string>;
  readonly secrets?: Record<string, string>;
  /** Wins over the workflow's own env (the demo's registry is not ghcr.io). */
  readonly envOverrides?: Record<string, string>;
  /** Per action, inputs that win over the step's `with:` (the demo's Sigstore is not GitHub's). */
  readonly inputOverrides?: Record<string, Record<string, string>>;
}

export interface RunJobOptions {
  readonly workspace: string;
  readonly event: unknown;
  readonly eventName: string;
  /** Environment of the runner itself: GITHUB_SERVER_URL, GITHUB_API_URL … */
  readonly runnerEnv: Record<string, string>;
  readonly token: string;
  /** What stands in for someone else's action: a line for the log, and the outputs it gives, if any. */
  readonly foreign: (step: Step) => string | { readonly line: string; readonly outputs: Record<string, string> };
  readonly log: (line: string) => void;
}

export interface StepRecord {
  readonly label: string;
  readonly outcome: 'success' | 'failure' | 'skipped';
  readonly outputs: Record<string, string>;
  readonly result?: ActionResult;
}

export interface JobRun {
  readonly steps: StepRecord[];
  readonly success: boolean;
}

const ourAction = /^<owner>\/gitops\/([\w-]+)@v1$/;

export function readWorkflow(name: string): Workflow {
  return parse(readFileSync(path.join(projectRoot, 'workflows', name), 'utf8')) as Workflow;
}

/** The runner's status functions, which the expression library leaves to the runner: how the job is going. */
function statusFunctions(failed: boolean): FunctionDefinition[] {
  const status = (name: string, value: boolean): FunctionDefinition => ({
    name,
    minArgs: 0,
    maxArgs: 0,
    call: () => new data.BooleanData(value),
  });
  return [status('always', true), status('success', !failed), status('failure', failed), status('cancelled', false)];
}

/** Evaluates one `${{ }}` expression with GitHub's evaluator; `failed`: whether a step of the job failed. */
export function evaluate(expression: string, context: Record<string, unknown>, failed = false): data.ExpressionData {
  const functions = statusFunctions(failed);
  const lexed = new Lexer(expression).lex();
  const ast = new Parser(lexed.tokens, Object.keys(context), functions).parse();
  const dictionary = JSON.parse(JSON.stringify(context), data.reviver) as data.Dictionary;
  return new Evaluator(ast, dictionary, new Map(functions.map((f) => [f.name.toLowerCase(), f]))).evaluate();
}

/** A `with:` or `env:` value: `${{ }}` parts replaced by their values, as the runner does. */
export function interpolate(value: unknown, context: Record<string, unknown>): string {
  if (typeof value !== 'string') return String(value);
  return value.replace(/\$\{\{([\s\S]*?)\}\}/g, (_, expression: string) =>
    evaluate(expression.trim(), context).coerceString(),
  );
}

/** Whether a job or step runs: its `if`, under an implied `success() &&` unless it asks for a status itself. */
function condition(text: string | undefined, context: Record<string, unknown>, failed = false): boolean {
  const expression = (text ?? 'success()').trim().replace(/^\$\{\{([\s\S]*)\}\}$/, '$1');
  const asked = /\b(always|success|failure|cancelled)\s*\(/.test(expression);
  const value = evaluate(asked ? expression : `success() && (${expression})`, context, failed);
  return value.kind === data.Kind.Boolean ? (value as data.BooleanData).value : value.coerceString() !== '';
}

export async function runJob(
  workflowName: string,
  jobName: string,
  context: JobContext,
  options: RunJobOptions,
): Promise<JobRun> {
  const workflow = readWorkflow(workflowName);
  const job = workflow.jobs[jobName];
  if (!job) throw new Error(`workflows/${workflowName} has no job ${jobName}`);
  const expressions: Record<string, unknown> = {
    github: context.github,
    inputs: context.inputs ?? {},
    vars: context.vars ?? {},
    secrets: context.secrets ?? {},
    env: {},
    steps: {},
  };
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries({ ...workflow.env, ...job.env })) {
    env[key] = context.envOverrides?.[key] ?? interpolate(value, expressions);
    expressions.env = { ...env };
  }
  if (!condition(job.if, expressions))
    throw new Error(`job ${jobName} would not run for ${options.eventName}: if: ${job.if}`);
  const records: StepRecord[] = [];
  let failed = false;
  for (const step of job.steps) {
    const label = step.name ?? step.uses ?? step.run ?? '(step)';
    const match = ourAction.exec(step.uses ?? '');
    if (!condition(step.if, expressions, failed)) {
      records.push({ label, outcome: 'skipped', outputs: {} });
      continue;
    }
    if (step.uses && !match) {
      const stand = options.foreign(step);
      const outputs = typeof stand === 'string' ? {} : stand.outputs;
      options.log(`  ↷ ${step.uses.replace(/@[0-9a-f]{40}$/, '')}: ${typeof stand === 'string' ? stand : stand.line}`);
      records.push({ label, outcome: 'success', outputs });
      if (step.id) expressions.steps = { ...(expressions.steps as Record<string, unknown>), [step.id]: { outputs } };
      continue;
    }
    if (step.run) {
      options.log(`  $ ${step.run.trim()}`);
      try {
        const out = execFileSync('bash', ['-e', '-c', step.run], {
          cwd: options.workspace,
          encoding: 'utf8',
          env: { ...process.env, ...env },
        });
        for (const line of out.trimEnd().split('\n')) if (line) options.log(`    ${line}`);
        records.push({ label, outcome: 'success', outputs: {} });
      } catch (error) {
        options.log(`    failed: ${(error as Error).message.split('\n')[0]}`);
        records.push({ label, outcome: 'failure', outputs: {} });
        failed = true;
      }
      continue;
    }
    const action = (match as RegExpExecArray)[1] as string;
    // The runner evaluates action.yml defaults (`${{ github.repository }}`) in the job's context too.
    const declared =
      (
        parse(readFileSync(path.join(projectRoot, action, 'action.yml'), 'utf8')) as {
          inputs?: Record<string, { default?: unknown }>;
        }
      ).inputs ?? {};
    const defaults = Object.entries(declared)
      .filter(
        ([key, spec]) =>
          step.with?.[key] === undefined && typeof spec.default === 'string' && spec.default.includes('${{'),
      )
      .map(([key, spec]) => [
        key,
        interpolate(spec.default, { ...expressions, github: { ...context.github, token: options.token } }),
      ]);
    const inputs = Object.fromEntries([
      ...defaults,
      ...Object.entries(step.with ?? {}).map(([key, value]) => [key, interpolate(value, expressions)]),
      ...Object.entries(context.inputOverrides?.[action] ?? {}),
    ]);
    options.log(`  ▶ ${action} (${Object.keys(step.with ?? {}).join(', ')})`);
    const result = await runAction(action, inputs, {
      workspace: options.workspace,
      event: options.event,
      eventName: options.eventName,
      token: options.token,
      env: { ...options.runnerEnv, ...env },
    });
    const outcome = result.exitCode === 0 ? 'success' : 'failure';
    records.push({ label, outcome, outputs: result.outputs, result });
    if (step.id) {
      expressions.steps = {
        ...(expressions.steps as Record<string, unknown>),
        [step.id]: { outputs: result.outputs, outcome, conclusion: outcome },
      };
    }
    // The job summary, as the run page would show it (its first lines).
    const summary = result.summary
      .trim()
      .split('\n')
      .filter((line) => line.trim() !== '');
    for (const line of summary.slice(0, 8)) options.log(`    │ ${line}`);
    if (summary.length > 8) options.log(`    │ … ${summary.length - 8} more lines`);
    for (const annotation of result.annotations.filter((a) => a.level === 'error')) {
      options.log(`    error${annotation.file ? ` ${annotation.file}:${annotation.line}` : ''}: ${annotation.message}`);
    }
    if (outcome === 'failure') failed = true;
  }
  return { steps: records, success: !failed };
}
