import { describe, expect, test } from 'vitest';
import { annotationTitle, exitCodeOf, UserError, userMessage } from '../src/index';

const located = { location: { file: 'gitops.yaml', line: 3, column: 5 }, message: 'not a path' };

describe('the kind of a user error decides how a caller ends', () => {
  test('by default: config with located problems, environment without', () => {
    expect(new UserError('a host that is down').kind).toBe('environment');
    expect(new UserError('bad', { problems: [located], problemsIn: 'the configuration' }).kind).toBe('config');
    expect(new UserError('no', { kind: 'refused' }).kind).toBe('refused');
  });

  test('only usage exits 2; everything else the user can act on exits 1', () => {
    expect(exitCodeOf(new UserError('--to: not a reference', { kind: 'usage' }))).toBe(2);
    for (const kind of ['config', 'environment', 'refused'] as const)
      expect(exitCodeOf(new UserError('x', { kind }))).toBe(1);
  });

  test('a value given on the command line is usage, and names the flag it came from', () => {
    const error = new UserError('"x y" is not an image reference').asUsage('image');
    expect(error.kind).toBe('usage');
    expect(userMessage(error, (subject) => `--${subject}`)).toBe('--image: "x y" is not an image reference');
    // The closest caller names it first: a subject set already stays.
    expect(new UserError('m', { subject: 'to' }).asUsage('image').subject).toBe('to');
  });

  test("problems in gitops.yaml are annotated under gitops.yaml, others under the caller's name", () => {
    const config = new UserError('bad', { problems: [located], problemsIn: 'the configuration' });
    const manifests = new UserError('bad', { problems: [located], problemsIn: 'the manifests' });
    expect(annotationTitle(config, 'deploy')).toBe('gitops.yaml');
    expect(annotationTitle(manifests, 'deploy')).toBe('deploy');
  });
});
