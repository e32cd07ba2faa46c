import { describe, expect, test } from 'vitest';
import { exactVersion, floatingPlan } from '../src/floating-tags';

const release = ['1.2.1', '1.2', '1', 'latest', 'sha-0123456'];

describe('floating tags only move forward', () => {
  test('a patch of an older line moves its exact tags and its minor line, never the major line or latest', () => {
    expect(floatingPlan(release, ['1.3.0', '1.3', '1', 'latest', '1.2.0'], 'forward')).toEqual({
      push: ['1.2.1', '1.2', 'sha-0123456'],
      held: [
        { tag: '1', reason: 'the registry holds 1.3.0, higher than 1.2.1' },
        { tag: 'latest', reason: 'the registry holds 1.3.0, higher than 1.2.1' },
      ],
    });
  });

  test('the highest version moves every floating tag; an empty repository too', () => {
    const tags = ['1.4.0', '1.4', '1', 'latest'];
    expect(floatingPlan(tags, ['1.3.0', '1.2.1', '0.9.0'], 'forward').push).toEqual(tags);
    expect(floatingPlan(tags, [], 'forward').push).toEqual(tags);
  });

  test('pre-releases in the registry do not count; a pre-release pushed never moves a floating tag', () => {
    expect(floatingPlan(['1.4.0', '1', 'latest'], ['2.0.0-rc.1', '1.3.0'], 'forward').held).toEqual([]);
    expect(floatingPlan(['2.0.0-rc.1', '2', 'latest'], ['1.3.0'], 'forward')).toEqual({
      push: ['2.0.0-rc.1'],
      held: [
        { tag: '2', reason: '2.0.0-rc.1 is a pre-release' },
        { tag: 'latest', reason: '2.0.0-rc.1 is a pre-release' },
      ],
    });
  });

  test('another major line does not hold back this one, but holds latest', () => {
    expect(floatingPlan(['1.5.0', '1.5', '1', 'latest'], ['2.0.0', '1.4.0'], 'forward')).toEqual({
      push: ['1.5.0', '1.5', '1'],
      held: [{ tag: 'latest', reason: 'the registry holds 2.0.0, higher than 1.5.0' }],
    });
  });

  test('always moves every tag; tags without an exact version are pushed as given', () => {
    expect(floatingPlan(release, ['1.3.0'], 'always').push).toEqual(release);
    expect(floatingPlan(['main', 'latest'], ['9.9.9'], 'forward').push).toEqual(['main', 'latest']);
    expect(exactVersion(['v1.2.3', '1.2', 'latest'])?.version).toBe('1.2.3');
  });
});
