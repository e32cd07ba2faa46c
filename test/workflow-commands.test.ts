import { describe, expect, test } from 'vitest';
import { inputVariable } from './support/run-action';
import { parseFileCommands, parseWorkflowCommands } from './support/workflow-commands';

describe("the runner's input name mangling", () => {
  test.each([
    ['image', 'INPUT_IMAGE'],
    ['build-args', 'INPUT_BUILD-ARGS'],
    ['who to greet', 'INPUT_WHO_TO_GREET'],
    ['require-digest', 'INPUT_REQUIRE-DIGEST'],
  ])('%s → %s', (name, variable) => {
    expect(inputVariable(name)).toBe(variable);
  });
});

describe('file commands', () => {
  test('name=value lines and heredocs', () => {
    const text =
      'digest=sha256:abc\nimages<<ghadelimiter_1\na@sha256:1\nb@sha256:2\nghadelimiter_1\nempty<<EOF\n\nEOF\n';
    expect(parseFileCommands(text)).toEqual({ digest: 'sha256:abc', images: 'a@sha256:1\nb@sha256:2', empty: '' });
  });

  test('an unterminated heredoc is an error, not a silent truncation', () => {
    expect(() => parseFileCommands('x<<EOF\nvalue\n')).toThrowError('output "x" opens heredoc EOF that never closes');
  });
});

describe('workflow commands', () => {
  test('annotations with escaped properties and data', () => {
    const stdout = [
      '::error file=envs/a%2Cb.yaml,line=3,col=7,endLine=4,title=bad%3A value::first%0Asecond 100%25',
      '::notice::just so you know',
      '::add-mask::hunter2',
      '::group::Push',
      'plain line',
      '::endgroup::',
      '::debug::details',
    ].join('\n');
    expect(parseWorkflowCommands(stdout)).toEqual({
      annotations: [
        {
          level: 'error',
          file: 'envs/a,b.yaml',
          line: 3,
          column: 7,
          endLine: 4,
          title: 'bad: value',
          message: 'first\nsecond 100%',
        },
        { level: 'notice', message: 'just so you know' },
      ],
      masks: ['hunter2'],
      debug: ['details'],
      groups: ['Push'],
      log: ['plain line'],
    });
  });
});
