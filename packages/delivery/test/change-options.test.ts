// The one spec of the change options: what it holds, and how a value given as text is read by it.
import { describe, expect, test } from 'vitest';
import { actionDefault, type ChangeOptionSpec, changeOptionSpecs, readOptionText } from '../src/change-options';

const spec = (name: string) => changeOptionSpecs.find((entry) => entry.name === name) as ChangeOptionSpec;

describe('the change options spec', () => {
  test('names and keys are unique; every range holds its default; every option has words for both surfaces', () => {
    expect(new Set(changeOptionSpecs.map((entry) => entry.name)).size).toBe(changeOptionSpecs.length);
    expect(new Set(changeOptionSpecs.map((entry) => entry.key)).size).toBe(changeOptionSpecs.length);
    for (const entry of changeOptionSpecs) {
      expect(entry.description.length, entry.name).toBeGreaterThan(10);
      expect(entry.help.length, entry.name).toBeGreaterThan(10);
      if (entry.kind === 'whole-number') {
        expect(entry.default).toBeGreaterThanOrEqual(entry.range[0]);
        expect(entry.default).toBeLessThanOrEqual(entry.range[1]);
      }
      if (entry.kind === 'choice' && entry.default !== undefined) expect(entry.choices).toContain(entry.default);
    }
  });

  test('the defaults action.yml declares: the engine’s, except where a workflow’s differs', () => {
    expect(actionDefault(spec('push-attempts'))).toBe('30');
    expect(actionDefault(spec('push-timeout'))).toBe('300');
    expect(actionDefault(spec('git-timeout'))).toBe('60');
    expect(actionDefault(spec('commit-signing'))).toBe('none');
    expect(actionDefault(spec('auto-merge'))).toBe('false');
    expect(actionDefault(spec('branch'))).toBe('');
    expect(actionDefault(spec('committer'))).toMatch(/^github-actions\[bot\]/);
  });

  test.each([
    ['push-attempts', '12', { value: 12 }],
    ['push-attempts', '0', { problem: 'must be a whole number from 1 to 1000, not "0"' }],
    ['push-attempts', '1e3', { problem: 'must be a whole number from 1 to 1000, not "1e3"' }],
    ['push-timeout', '3601', { problem: 'must be a whole number from 1 to 3600, not "3601"' }],
    ['via', 'pull-request', { value: 'pull-request' }],
    ['via', 'pr', { problem: 'must be one of commit, pull-request, not "pr"' }],
    ['commit-signing', 'gpg', { problem: 'must be one of none, github, ssh, not "gpg"' }],
    ['auto-merge', 'True', { value: true }],
    ['auto-merge', 'yes', { problem: 'must be true or false, not "yes"' }],
    ['pull-request-labels', 'a, b,,c', { value: ['a', 'b', 'c'] }],
    ['committer', 'Ann <ann@example.com>', { value: 'Ann <ann@example.com>' }],
  ])('%s given as "%s"', (name, text, read) => {
    expect(readOptionText(spec(name), text)).toEqual(read);
  });
});
