import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { main, type Output } from '../src/index';

const example = path.resolve(import.meta.dirname, '../../../examples/config-repo/gitops.yaml');

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const output: Output = { out: (text) => out.push(text), err: (text) => err.push(text) };
  const code = await main(argv, output);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('gitops CLI', () => {
  test.each([
    [['--help'], 0, /Usage: gitops <command>/],
    [['config', '--help'], 0, /Usage: gitops config <command>/],
    [['config', 'check', '--help'], 0, /Usage: gitops config check \[--config FILE\] \[--json\]/],
    [['config', 'check', '-h'], 0, /Exit codes: 0 valid, 1 invalid configuration/],
    [['--version'], 0, /^\d+\.\d+\.\d+/],
  ])('%j prints help and exits %i', async (argv, code, pattern) => {
    const result = await run(...argv);
    expect(result.code).toBe(code);
    expect(result.out).toMatch(pattern);
  });

  test('--environment is --env, as the actions name the input; --labels still works, with a warning', async () => {
    const viaEnvironment = await run('images', '--config', example, '--environment', 'dev', '--json');
    const viaEnv = await run('images', '--config', example, '--env', 'dev', '--json');
    expect(viaEnvironment.code).toBe(0);
    expect(viaEnvironment.out).toBe(viaEnv.out);
    expect(viaEnvironment.err).toBe('');
    const old = await run('promote', '--labels', 'x', '--help');
    expect(old.err).toBe('warning: --labels is deprecated; use --pull-request-labels');
    // An alias of a flag the command lacks is left alone, to be refused as unknown.
    expect((await run('status', '--environment', 'dev')).err).toContain('Unknown option "--environment"');
  });

  test('--help lists every command in two columns, none running into its summary', async () => {
    const { out } = await run('--help');
    const rows = out.split('Commands:\n')[1]?.split('\n\n')[0]?.split('\n') ?? [];
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.find((row) => row.includes('workflows promote'))).toMatch(/^ {2}workflows promote {2,}print/);
    const column = (row: string) => /^ {2}\S+(?: \S+)? {2,}/.exec(row)?.[0].length;
    expect(new Set(rows.map(column))).toEqual(new Set([column(rows[0] ?? '')]));
  });

  test.each([
    [[], /Usage: gitops <command>/, 'out'],
    [['config'], /Usage: gitops config <command>/, 'out'],
    [['frobnicate'], /unknown command "frobnicate"/, 'err'],
    [['config', 'chek'], /unknown command "config chek"/, 'err'],
    [['config', 'check', '--jsn'], /gitops config check: Unknown option "--jsn"/, 'err'],
    [['config', 'check', '--config'], /Option "--config <value>" argument missing/, 'err'],
    [['config', 'check', 'extra'], /unexpected argument "extra"/, 'err'],
  ] as const)('%j is a usage error (exit 2)', async (argv, pattern, stream) => {
    const result = await run(...argv);
    expect(result.code).toBe(2);
    expect(result[stream]).toMatch(pattern);
  });

  test('config check prints environments in promotion order and each app per environment', async () => {
    const result = await run('config', 'check', '--config', example);
    expect(result.code).toBe(0);
    expect(result.out).toContain('valid, 3 environments, 3 apps');
    expect(result.out).toMatch(/prod\s+envs\/prod\s+staging\s+pull-request\s+yes/);
    expect(result.out).toContain('envs/staging/api-release.yaml at spec.values.image.digest (digest)');
  });

  test('config check on a missing file exits 1 naming it', async () => {
    const result = await run('config', 'check', '--config', '/nonexistent/gitops.yaml');
    expect(result.code).toBe(1);
    expect(result.err).toContain('error: /nonexistent/gitops.yaml: file not found');
  });

  test('deploy, rollback and promote take every change option of the spec as a flag, each in their help', async () => {
    const { changeOptionSpecs } = await import('@gitops/delivery');
    for (const command of ['deploy', 'rollback', 'promote']) {
      const { out } = await run(command, '--help');
      for (const spec of changeOptionSpecs) expect(out, `${command} --${spec.name}`).toContain(`--${spec.name}`);
    }
    const { code, err } = await run(
      'deploy',
      '--env',
      'dev',
      '--app',
      'web',
      '--image',
      '1.0.0',
      '--push-attempts',
      '0',
    );
    expect(code).toBe(2);
    expect(err).toContain('gitops deploy: --push-attempts must be a whole number from 1 to 1000, not "0"');
  });
});
