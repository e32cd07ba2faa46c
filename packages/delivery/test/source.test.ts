import { describe, expect, test } from 'vitest';
import { checkSource, sourceIdProblem, sourceTimeProblem } from '../src/source';

const sha = 'f'.repeat(40);

describe('source grammar', () => {
  test.each([`acme/web@${sha}`, `a-b/c.d_e@${'0'.repeat(64)}`])('%s is a source', (id) => {
    expect(sourceIdProblem(id)).toBeUndefined();
  });
  test.each(['acme/web', 'acme/web@abc', `acme@${sha}`, `acme/web@${sha.toUpperCase()}`, `-x/web@${sha}`, ''])(
    '%s is not',
    (id) => {
      expect(sourceIdProblem(id)).toMatch(/is not owner\/repo@<full commit sha>/);
    },
  );
  test.each(['2026-11-20T10:00:00Z', '2026-11-20T10:00:00.123+02:00'])('%s is a time', (time) => {
    expect(sourceTimeProblem(time)).toBeUndefined();
  });
  test.each(['2026-11-20', '2026-11-20T10:00:00', 'yesterday', '2026-13-45T99:00:00Z'])('%s is not', (time) => {
    expect(sourceTimeProblem(time)).toMatch(/is not an ISO 8601 time/);
  });
  test('checkSource names what is wrong in the engine words; callers name it as their input or flag', () => {
    expect(() => checkSource({ id: 'x', time: undefined })).toThrowError(
      expect.objectContaining({ subject: 'source' }),
    );
    expect(() => checkSource({ id: 'x', time: undefined })).toThrowError(/^"x" is not/);
    expect(() => checkSource({ id: `acme/web@${'0'.repeat(40)}`, time: 'soon' })).toThrowError(
      expect.objectContaining({ subject: 'source-time' }),
    );
  });
});
